"""Damaged and hostile parts of a real Anki deck: plain words (a warning, or an error naming
the file), never "unexpected problem", and no picture larger than a picture may be."""

import json
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.interop.moodle_common import MAX_MEDIA_BYTES  # noqa: E402

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def _deck(folder: Path, legacy: bool) -> Path:
    def notes(col, deck_id):
        picture = folder / "heart.png"
        picture.write_bytes(PNG)
        name = col.media.add_file(str(picture))
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = f'Heart<br><img src="{name}">', "four chambers"
        col.add_note(note, deck_id)

    return anki_deck(folder, "Biology", notes, f"bio-{legacy}.apkg", with_media=True,
                     legacy=legacy)


@pytest.fixture(scope="module", params=[True, False], ids=["legacy", "current"])
def deck(request, tmp_path_factory) -> Path:
    return _deck(tmp_path_factory.mktemp("anki"), legacy=request.param)


def _rewritten(deck: Path, out: Path, changed: dict[str, bytes]) -> Path:
    """The deck with some of its zip members' bytes replaced."""
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, changed.get(name, source.read(name)))
    return out


def _picture_member(deck: Path) -> str:
    from quizapp.interop.anki_package import media_map

    with zipfile.ZipFile(deck) as z:
        return media_map(z, "collection.anki21b" in z.namelist())["heart.png"]


def _imported(path: Path, tmp_path: Path, capsys) -> tuple[int, str]:
    code = main(["import", str(path), "-o", str(tmp_path / "bio.yaml")])
    err = capsys.readouterr().err
    assert "unexpected problem" not in err and "Error" not in err
    return code, err


@pytest.mark.parametrize("media", [b"\x00\x01not json{{{", b'["a", "b"]',
                                   b"\x0f\x01\x02 not zstd", b"\x28\xb5\x2f\xfd garbage"])
def test_a_damaged_media_list_leaves_the_pictures_out_and_says_so(deck, tmp_path, capsys,
                                                                   media):
    damaged = _rewritten(deck, tmp_path / "damaged.apkg", {"media": media})
    code, err = _imported(damaged, tmp_path, capsys)
    assert code == 0
    assert "the deck's list of its media files is damaged" in err
    assert "the deck's pictures were left out" in err
    assert "imported 1 question" in err
    assert not (tmp_path / "bio-files" / "heart.png").exists()


def test_a_current_deck_whose_media_list_is_not_a_list_of_files(tmp_path, capsys):
    import zstandard

    deck = _deck(tmp_path, legacy=False)
    # a zstd frame holding bytes that are no protobuf (wire type 7 does not exist)
    media = zstandard.ZstdCompressor().compress(b"\x0f\x01\x02")
    code, err = _imported(_rewritten(deck, tmp_path / "d.apkg", {"media": media}), tmp_path,
                          capsys)
    assert code == 0 and "the deck's list of its media files is damaged" in err


def test_a_damaged_collection_is_named_in_plain_words(deck, tmp_path, capsys):
    with zipfile.ZipFile(deck) as z:
        member = next(n for n in ("collection.anki21b", "collection.anki21") if n in z.namelist())
    damaged = _rewritten(deck, tmp_path / "damaged.apkg", {member: b"not a collection at all"})
    code, err = _imported(damaged, tmp_path, capsys)
    assert code == 1
    assert "damaged.apkg: the deck's collection" in err
    assert not (tmp_path / "bio.yaml").exists()


def test_a_damaged_picture_is_left_out_with_a_warning(tmp_path, capsys):
    """The current format's pictures are zstd frames (the older format's are stored as
    they are, with nothing to unpack)."""
    deck = _deck(tmp_path, legacy=False)
    member = _picture_member(deck)
    damaged = _rewritten(deck, tmp_path / "damaged.apkg", {member: b"not zstd data"})
    code, err = _imported(damaged, tmp_path, capsys)
    assert code == 0
    assert "the picture 'heart.png' is damaged" in err and "left out" in err
    assert not (tmp_path / "bio-files" / "heart.png").exists()


def test_a_picture_that_unpacks_to_more_than_a_picture_may_be_is_left_out(tmp_path, capsys):
    """A zstd member of a few KB can unpack to hundreds of MB: the limit on a picture is on
    what it unpacks to, not on the zip member (a 66 KB deck wrote a 157 MB 'picture')."""
    import zstandard

    deck = _deck(tmp_path, legacy=False)
    member = _picture_member(deck)
    bomb = zstandard.ZstdCompressor().compress(PNG + bytes(MAX_MEDIA_BYTES + 1))
    assert len(bomb) < MAX_MEDIA_BYTES // 100
    code, err = _imported(_rewritten(deck, tmp_path / "bomb.apkg", {member: bomb}), tmp_path,
                          capsys)
    assert code == 0
    assert "the picture 'heart.png' is too large" in err
    assert not (tmp_path / "bio-files" / "heart.png").exists()


def test_a_member_whose_bytes_fail_their_check_is_named(deck, tmp_path, capsys):
    """A deck damaged in transfer: the collection's bytes no longer match their CRC."""
    with zipfile.ZipFile(deck) as z:
        member = next(n for n in ("collection.anki21b", "collection.anki21") if n in z.namelist())
    out = _rewritten(deck, tmp_path / "crc.apkg", {})
    data = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as z:
        info = z.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 100, start + 140):
        data[i] ^= 0xFF
    out.write_bytes(bytes(data))
    code, err = _imported(out, tmp_path, capsys)
    assert code == 1 and "crc.apkg: the deck's collection is damaged" in err


def test_the_media_list_of_a_real_deck_still_reads(deck, tmp_path, capsys):
    code, err = _imported(deck, tmp_path, capsys)
    assert code == 0 and "damaged" not in err
    assert (tmp_path / "bio-files" / "heart.png").read_bytes() == PNG
    assert json.loads((tmp_path / "bio-files" / ".quizapp-imported.json").read_text())


def test_a_picture_the_deck_lacks_is_said_with_the_note_that_shows_it(tmp_path, capsys):
    """In a deck of hundreds of notes, 'the picture is not in the deck' alone left the
    teacher to search for it: the warning names the first note showing it (once)."""
    def notes(col, deck_id):
        for front in ("Heart", "Lungs", "Heart again"):
            note = col.new_note(col.models.by_name("Basic"))
            picture = "gone.png" if front != "Lungs" else "lost.png"
            note["Front"], note["Back"] = front, f'<img src="{picture}" alt="a diagram">'
            col.add_note(note, deck_id)

    deck = anki_deck(tmp_path, "Biology", notes, "missing.apkg")
    code, err = _imported(deck, tmp_path, capsys)
    assert code == 0
    assert ('warning: note 1 "Heart" (Basic): the picture \'gone.png\' is not in the deck; '
            "only its description was kept") in err
    assert 'warning: note 2 "Lungs" (Basic): the picture \'lost.png\'' in err
    assert err.count("'gone.png'") == 1


@pytest.mark.parametrize(("make", "said"), [
    (lambda p: p.write_bytes(b""), "empty.apkg: this file is empty, not an Anki deck"),
    (lambda p: p.mkdir(), "empty.apkg: this is a folder, not an Anki deck"),
])
def test_an_empty_file_or_a_folder_is_named_for_what_it_is(tmp_path, capsys, make, said):
    """They read 'not a zip file: File is not a zip file' and 'no such file'."""
    deck = tmp_path / "empty.apkg"
    make(deck)
    code, err = _imported(deck, tmp_path, capsys)
    assert code == 1 and said in err


def test_a_picture_named_as_a_web_address_is_found(tmp_path, capsys):
    """Older decks name a picture as a web page does ('my%20pic.png'); Anki's card shows
    the file 'my pic.png': the import found no such picture and skipped the card."""
    def notes(col, deck_id):
        picture = tmp_path / "my pic.png"
        picture.write_bytes(PNG)
        col.media.add_file(str(picture))
        for src in ("my%20pic.png", "my pic.png"):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = f"Picture as {src}", f'<img src="{src}">'
            col.add_note(note, deck_id)

    deck = anki_deck(tmp_path, "Biology", notes, "spaces.apkg", with_media=True)
    code, err = _imported(deck, tmp_path, capsys)
    assert code == 0 and "not in the deck" not in err and "imported 2 questions" in err
    assert (tmp_path / "bio-files" / "my_pic.png").read_bytes() == PNG
    text = (tmp_path / "bio.yaml").read_text(encoding="utf-8")
    assert text.count("(bio-files/my_pic.png)") == 2


@pytest.mark.parametrize(("change", "said"), [
    ("UPDATE col SET models = 'not json'", "its note types, notes, cards or reviews hold what "
                                           "Anki never writes"),
    ("UPDATE col SET models = '[1, 2]'", "hold what Anki never writes"),
    ("UPDATE cards SET ord = 'z'", "hold what Anki never writes"),
    ("UPDATE revlog SET ease = 'x'", "hold what Anki never writes"),
    ("DROP TABLE cards", "the deck's collection is damaged: no such table: cards"),
])
def test_a_collection_holding_what_anki_never_writes_is_named(tmp_path, capsys, change, said):
    """A collection (here the older format's, whose note types are JSON) edited by hand or
    by another tool: each of these ended in 'unexpected problem (...); please report it'."""
    import sqlite3

    def notes(col, deck_id):
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = "Heart", "four chambers"
        col.add_note(note, deck_id)
        card = col.get_card(note.card_ids()[0])
        card.start_timer()
        states = col._backend.get_scheduling_states(card.id)
        col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=2))

    deck = anki_deck(tmp_path, "Biology", notes, "older.apkg", legacy=True,
                     with_scheduling=True)
    with zipfile.ZipFile(deck) as z:
        collection = tmp_path / "collection.anki21"
        collection.write_bytes(z.read("collection.anki21"))
    db = sqlite3.connect(collection)
    db.execute(change)
    db.commit()
    db.close()
    damaged = _rewritten(deck, tmp_path / "damaged.apkg",
                         {"collection.anki21": collection.read_bytes()})
    code, err = _imported(damaged, tmp_path, capsys)
    assert code == 1 and "damaged.apkg: the deck's collection is damaged: " in err
    assert said in err


def test_a_media_list_naming_a_file_the_deck_lacks_costs_only_that_picture(deck, tmp_path,
                                                                          capsys):
    """The media list points the picture at a zip member that is not there: the import
    ended in 'unexpected problem (KeyError ...)' and wrote nothing."""
    member = _picture_member(deck)
    with zipfile.ZipFile(deck) as z, zipfile.ZipFile(tmp_path / "lacking.apkg", "w") as out:
        for name in z.namelist():
            if name != member:
                out.writestr(name, z.read(name))
    code, err = _imported(tmp_path / "lacking.apkg", tmp_path, capsys)
    assert code == 0
    assert "the picture 'heart.png' is missing from the deck; only its description" in err
    assert "imported 1 question" in err
