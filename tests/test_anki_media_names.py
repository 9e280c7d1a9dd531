"""Pictures between Anki and quizapp keep files of their own and names that do not grow:
two media names that differ only by a space and an underscore stay two pictures, on import
and on export, and a deck exported, imported back and exported again keeps its names
(found by a tester: 'x y.png' and 'x_y.png' became one file; names grew on each trip)."""

from __future__ import annotations

from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck, package_collection, package_media  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.interop.apkg import apkg_bytes  # noqa: E402
from quizapp.interop.import_record import RECORD_NAME  # noqa: E402

RED = b"\x89PNG\r\n\x1a\n red picture"
BLUE = b"\x89PNG\r\n\x1a\n blue picture"


def _media(package: Path) -> dict[str, bytes]:
    return package_media(package)


def _files(folder: Path) -> list[str]:
    """The pictures in a pictures' folder (not the import's record of them)."""
    return sorted(p.name for p in folder.iterdir() if p.name != RECORD_NAME)


def _pictures_shown(bank_file: Path) -> dict[str, bytes]:
    """question front -> the bytes of the picture its text shows."""
    import re

    bank = load_bank(bank_file).raise_for_errors()
    out = {}
    for q in bank.questions:
        (path,) = re.findall(r"\]\(([^)]+)\)", q.prompt)
        out[q.prompt.split(":")[0]] = (bank_file.parent / path).read_bytes()
    return out


def test_two_pictures_named_alike_stay_two_on_import(tmp_path):
    def add_notes(col, deck) -> None:
        for front, name, data in (("Red", "x y.png", RED), ("Blue", "x_y.png", BLUE)):
            written = col.media.write_data(name, data)
            assert written == name
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = f'{front}: <img src="{name}">', front.lower()
            col.add_note(note, deck)

    deck = anki_deck(tmp_path, "Colours", add_notes, "colours.apkg", with_media=True)
    out = tmp_path / "bank" / "colours.yaml"
    out.parent.mkdir()
    assert main(["import", str(deck), "-o", str(out), "-q"]) == 0
    assert _pictures_shown(out) == {"Red": RED, "Blue": BLUE}
    assert _files(out.parent / "colours-files") == [
        "x_y-2.png", "x_y.png"]


def test_two_pictures_named_alike_stay_two_on_export(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a b.png").write_bytes(RED)
    (tmp_path / "img" / "a_b.png").write_bytes(BLUE)
    bank_file = tmp_path / "coll.yaml"
    bank_file.write_text(
        "title: Collide\nid: coll\nquestions:\n"
        "- {id: red, type: flashcard, front: Red, image: 'img/a b.png', back: red}\n"
        "- {id: blue, type: flashcard, front: Blue, image: 'img/a_b.png', back: blue}\n"
        "- {id: red2, type: flashcard, front: Red again, image: 'img/a b.png', back: red}\n",
        encoding="utf-8")
    data, _ = apkg_bytes(load_bank(bank_file).raise_for_errors())
    package = tmp_path / "coll.apkg"
    package.write_bytes(data)
    media = _media(package)
    assert sorted(media.values()) == sorted([BLUE, RED])  # the same picture twice is one file
    db = package_collection(package, tmp_path)
    fronts = dict(row[0].split("\x1f")[0].split("<br>", 1) for row in
                  db.execute("SELECT flds FROM notes"))
    db.close()
    for front, picture in (("Red", RED), ("Blue", BLUE)):
        name = fronts[front].split('src="')[1].split('"')[0]
        assert media[name] == picture, front


def test_picture_names_stay_the_same_over_round_trips(tmp_path):
    def add_notes(col, deck) -> None:
        col.media.write_data("pix é 1.png", RED)
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = 'Picture: <img src="pix é 1.png">', "a pixel"
        col.add_note(note, deck)

    package = anki_deck(tmp_path, "Pixels", add_notes, "deck.apkg", with_media=True)
    folder = tmp_path / "rt"
    folder.mkdir()
    bank_file = folder / "deck1.yaml"
    names = []
    for trip in range(3):
        assert main(["import", str(package), "-o", str(bank_file), "-q", "--force"]) == 0
        package = tmp_path / f"o{trip}.apkg"
        assert main(["export", str(bank_file), "-o", str(package), "-q"]) == 0
        names.append(sorted(_media(package)))
    # Anki's name made safe (a space is no file name in Markdown), kept from then on
    assert names == [["pix_é_1.png"]] * 3
    # the pictures' folder holds the bank's one picture, no copy left from an earlier trip
    assert _files(folder / "deck1-files") == ["pix_é_1.png"]
    assert _pictures_shown(bank_file) == {"Picture": RED}


def test_import_again_removes_only_the_pictures_it_wrote(tmp_path):
    """--force over a bank imported before: its pictures the new bank does not show go,
    but not one the teacher changed, added, or names in another bank file."""
    def deck_with(pictures: dict[str, bytes], name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()

        def add_notes(col, deck) -> None:
            for picture, data in pictures.items():
                col.media.write_data(picture, data)
                note = col.new_note(col.models.by_name("Basic"))
                note["Front"], note["Back"] = f'{picture}: <img src="{picture}">', "p"
                col.add_note(note, deck)

        return anki_deck(folder, "Pictures", add_notes, "deck.apkg", with_media=True)

    first = deck_with({"gone.png": RED, "edited.png": RED, "other.png": RED,
                       "kept.png": BLUE}, "first")
    second = deck_with({"kept.png": BLUE}, "second")
    bank_file = tmp_path / "bank" / "pics.yaml"
    bank_file.parent.mkdir()
    assert main(["import", str(first), "-o", str(bank_file), "-q"]) == 0
    pictures = bank_file.parent / "pics-files"
    (pictures / "edited.png").write_bytes(BLUE)  # the teacher drew on it
    (pictures / "mine.png").write_bytes(RED)  # and added one of their own
    (bank_file.parent / "notes.yaml").write_text(
        "title: Notes\nquestions:\n- {id: a, type: flashcard, front: x, back: y, "
        "image: pics-files/other.png}\n", encoding="utf-8")
    assert main(["import", str(second), "-o", str(bank_file), "-q", "--force"]) == 0
    assert _files(pictures) == ["edited.png", "kept.png", "mine.png", "other.png"]


def test_file_import_over_its_own_bank_removes_its_old_pictures(tmp_path):
    """The path File > Import takes (write_imported, through import_to_file) tidies the
    same way as `quizapp import --force`."""
    from quizapp.interop import import_to_file

    def deck_with(picture: str, name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()

        def add_notes(col, deck) -> None:
            col.media.write_data(picture, RED)
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = f'Red: <img src="{picture}">', "red"
            col.add_note(note, deck)

        return anki_deck(folder, "Pictures", add_notes, "deck.apkg", with_media=True)

    target = tmp_path / "bank" / "red.yaml"
    import_to_file(deck_with("old name.png", "first"), target)
    assert _files(tmp_path / "bank" / "red-files") == ["old_name.png"]
    import_to_file(deck_with("new name.png", "second"), target)
    assert _files(tmp_path / "bank" / "red-files") == ["new_name.png"]


def test_a_media_name_keeps_its_prefix_through_banks_of_other_names(tmp_path):
    """deck-x_y.png imported into other.yaml, then into third.yaml, goes back to Anki as
    deck-x_y.png each time, not other-deck-x_y.png (found by a tester); a picture the
    teacher added to the pictures' folder still gets the bank's prefix."""
    def add_notes(col, deck) -> None:
        col.media.write_data("deck-x_y.png", RED)
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = 'Red: <img src="deck-x_y.png">', "red"
        col.add_note(note, deck)

    package = anki_deck(tmp_path, "Deck", add_notes, "deck.apkg", with_media=True)
    folder = tmp_path / "banks"
    folder.mkdir()
    for trip, name in enumerate(("other", "third")):
        bank_file = folder / f"{name}.yaml"
        assert main(["import", str(package), "-o", str(bank_file), "-q"]) == 0
        if trip == 0:  # the teacher's own picture, named alike
            (folder / "other-files" / "my-x.png").write_bytes(BLUE)
            with bank_file.open("a", encoding="utf-8") as f:
                f.write("\n- {id: mine, type: flashcard, front: 'Blue: "
                        "![b](other-files/my-x.png)', back: blue}\n")
        package = tmp_path / f"{name}.apkg"
        assert main(["export", str(bank_file), "-o", str(package), "-q"]) == 0
        # third.yaml imported other-my-x.png as well: it keeps that name too
        assert sorted(_media(package)) == ["deck-x_y.png", "other-my-x.png"]
        assert _media(package)["deck-x_y.png"] == RED


def test_pictures_from_anki_go_back_under_the_names_anki_has_them_by(tmp_path):
    """A deck imported from Anki, exported and imported into the same collection: Anki
    finds its own pictures under their names and adds no copy (it gained one file per
    picture, named after the bank, 'pets-cat.png' beside 'cat.png')."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    pictures = {"cat.png": RED, "paste-5b1c2d3e.png": BLUE}

    def add_notes(col, deck) -> None:
        for name, data in pictures.items():
            assert col.media.write_data(name, data) == name
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = f'{name}: <img src="{name}">', "a pet"
            col.add_note(note, deck)
        col.db.execute("UPDATE notes SET mod = mod - 60")  # our export is newer

    package = anki_deck(tmp_path, "Pets", add_notes, "pets.apkg", with_media=True)
    bank_file = tmp_path / "bank" / "pets.yaml"
    bank_file.parent.mkdir()
    assert main(["import", str(package), "-o", str(bank_file), "-q"]) == 0
    back = tmp_path / "back.apkg"
    assert main(["export", str(bank_file), "-o", str(back), "-q"]) == 0
    assert sorted(_media(back)) == sorted(pictures)
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        media_dir = Path(col.media.dir())
        before = sorted(p.name for p in media_dir.iterdir())
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(back), options=ImportAnkiPackageOptions()))
        after = sorted(p.name for p in media_dir.iterdir())
        fronts = sorted(col.get_note(n).fields[0] for n in col.find_notes(""))
    finally:
        col.close()
    assert before == after == sorted(pictures)
    assert len(fronts) == 2 and all(f'<img src="{name}"' in " ".join(fronts) for name in pictures)
