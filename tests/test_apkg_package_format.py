"""The .apkg quizapp writes is the format Anki writes by default (since 2.1.50, 2022): the
collection zstd-compressed, a `meta` member, a protobuf media list and compressed media
files; Anki's own library imports it with its pictures, an older Anki finds a note asking
to update, and `apkg-legacy` (the command's --format, the save dialog's "Anki deck for
Anki before 2.1.50") writes the older package every Anki reads."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from helpers import library_rows, package_collection_bytes, package_media

from quizapp.cli import main

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"picture of the talks"
BANK = """\
title: Talks with a picture
id: talks-picture
questions:
  - id: who
    type: flashcard
    front: Who led the U.S. side in the Geneva talks?
    back: Mickey Kantor, the U.S. Trade Representative
    image: kantor.png
  - id: what
    type: flashcard
    front: What did the U.S. threaten?
    back: tariffs on Japanese luxury cars
"""


def _bank(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kantor.png").write_bytes(PNG)
    bank = folder / "talks.yaml"
    bank.write_text(BANK, encoding="utf-8")
    return bank


def _imported_by_anki(package: Path, folder: Path) -> tuple[list[list[str]], dict[str, bytes]]:
    """The notes' fields and the media files after Anki's own library imports `package`
    into a new collection."""
    folder.mkdir()
    col = anki_collection.Collection(str(folder / "collection.anki2"))
    try:
        col.import_anki_package(anki_collection.ImportAnkiPackageRequest(
            package_path=str(package), options=anki_collection.ImportAnkiPackageOptions()))
        fields = sorted(col.get_note(n).fields for n in col.find_notes(""))
        media = {p.name: p.read_bytes() for p in Path(col.media.dir()).iterdir() if p.is_file()}
    finally:
        col.close()
    return fields, media


def test_the_package_is_ankis_current_format_and_anki_imports_it_with_its_picture(tmp_path):
    bank = _bank(tmp_path / "bank")
    package = tmp_path / "talks.apkg"
    assert main(["export", str(bank), "-o", str(package), "-q"]) == 0
    with zipfile.ZipFile(package) as z:
        assert sorted(z.namelist()) == ["0", "collection.anki2", "collection.anki21b", "media",
                                        "meta"]
        assert z.read("meta") == b"\x08\x03"  # PackageMetadata{version: VERSION_LATEST}
    assert package_media(package) == {"talks-picture-kantor.png": PNG}
    fields, media = _imported_by_anki(package, tmp_path / "anki")
    assert [f[0].split("<br>")[0] for f in fields] == [
        "What did the U.S. threaten?", "Who led the U.S. side in the Geneva talks?"]
    assert media == {"talks-picture-kantor.png": PNG}


def test_an_anki_older_than_2_1_50_finds_one_note_asking_to_update(tmp_path):
    bank = _bank(tmp_path / "bank")
    package = tmp_path / "talks.apkg"
    assert main(["export", str(bank), "-o", str(package), "-q"]) == 0
    stub = tmp_path / "stub.anki2"
    with zipfile.ZipFile(package) as z:
        stub.write_bytes(z.read("collection.anki2"))  # what an older Anki opens
    with sqlite3.connect(stub) as db:
        (fields,) = [row[0] for row in db.execute("SELECT flds FROM notes")]
        assert db.execute("SELECT count(*) FROM cards").fetchone() == (1,)
    assert "needs Anki 2.1.50 or later" in fields and "Update Anki" in fields


def test_apkg_legacy_writes_the_older_package_with_the_same_notes(tmp_path, capsys):
    bank = _bank(tmp_path / "bank")
    current, legacy = tmp_path / "current.apkg", tmp_path / "legacy.apkg"
    assert main(["export", str(bank), "-o", str(current), "-q"]) == 0
    assert main(["export", str(bank), "-o", str(legacy), "--format", "apkg-legacy"]) == 0
    assert f"exported 2 questions as APKG (the older format) -> {legacy}" in capsys.readouterr().err
    with zipfile.ZipFile(legacy) as z:
        assert sorted(z.namelist()) == ["0", "collection.anki2", "media"]
        assert z.read("collection.anki2")[:16] == b"SQLite format 3\x00"
    assert package_media(legacy) == package_media(current)
    assert (_imported_by_anki(legacy, tmp_path / "a1")
            == _imported_by_anki(current, tmp_path / "a2"))


def test_the_current_package_is_a_fraction_of_the_older_ones_size(tmp_path):
    """A deck sent by mail or put on a school's site: the bundled banks' questions many
    times over, written both ways."""
    lines = ["title: Many", "id: many", "questions:"]
    for i in range(2000):
        lines += [f"  - id: q{i}", "    type: flashcard",
                  f"    front: Question {i}, who was the U.S. Trade Representative in 1995?",
                  f"    back: Mickey Kantor (answer {i})"]
    bank = tmp_path / "many.yaml"
    bank.write_text("\n".join(lines) + "\n", encoding="utf-8")
    current, legacy = tmp_path / "current.apkg", tmp_path / "legacy.apkg"
    assert main(["export", str(bank), "-o", str(current), "-q"]) == 0
    assert main(["export", str(bank), "-o", str(legacy), "--format", "apkg-legacy", "-q"]) == 0
    assert current.stat().st_size * 4 < legacy.stat().st_size
    # the same collection inside, but for the sort fields (Anki works them out itself)
    assert len(package_collection_bytes(current)) < len(package_collection_bytes(legacy))


@pytest.mark.parametrize(("name_filter", "members"), [
    ("Anki deck (*.apkg)", ["0", "collection.anki2", "collection.anki21b", "media", "meta"]),
    ("Anki deck for Anki before 2.1.50 (*.apkg)", ["0", "collection.anki2", "media"]),
])
def test_the_save_dialogs_type_chooses_the_package_format(qtbot, open_library_window, tmp_path,
                                                          monkeypatch, name_filter, members):
    from gui_helpers import press_ctrl_e, shown_library_window, wait_for_message
    from PySide6.QtWidgets import QMessageBox

    from quizapp.gui.bank_export import LAST_DIR_KEY

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    win = shown_library_window(qtbot, open_library_window, tmp_path)
    (tmp_path / "papers").mkdir()
    win.context.settings.setValue(LAST_DIR_KEY, str(tmp_path / "papers"))
    bank = _bank(tmp_path / "made")
    shutil.copy(bank.parent / "kantor.png", tmp_path / "banks" / "kantor.png")
    shutil.copy(bank, tmp_path / "banks" / "talks.yaml")
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        win.context.library.reload()
    win.library_screen.tree.setCurrentItem(library_rows(win)["Talks with a picture"])
    press_ctrl_e(qtbot, win, name_filter, "deck")
    wait_for_message(qtbot, win, "Exported ")
    written = tmp_path / "papers" / "deck.apkg"
    with zipfile.ZipFile(written) as z:
        assert sorted(z.namelist()) == members
    assert package_media(written) == {"talks-picture-kantor.png": PNG}


def test_a_name_without_a_known_ending_lists_each_ending_once(tmp_path, capsys):
    bank = _bank(tmp_path / "bank")
    assert main(["export", str(bank), "-o", str(tmp_path / "deck.doc"), "-q"]) == 1
    said = capsys.readouterr().err
    assert "use a file name ending in" in said and said.count(".apkg") == 1


def test_pictures_with_long_or_decomposed_names_reach_anki_with_the_deck(tmp_path):
    """Anki's importer of its current format refused the whole package ("not a valid .apkg
    file") when a media name was over 120 bytes or not composed Unicode, as a Mac names
    files (review21a): now the names are Anki's normal form, and each card shows its
    picture."""
    import unicodedata

    folder = tmp_path / "bank"
    folder.mkdir()
    long_name = "negotiators-" * 11 + "table.png"  # 141 characters
    mac_name = unicodedata.normalize("NFD", "회담.png")  # 'talks' in Korean, decomposed
    (folder / long_name).write_bytes(PNG)
    (folder / mac_name).write_bytes(PNG + b"2")
    bank = folder / "talks.yaml"
    bank.write_text(
        "title: Talks with pictures\nid: talks-pictures\nquestions:\n"
        f"  - id: table\n    type: flashcard\n    front: Where did they talk?\n    back: Geneva\n"
        f"    image: {long_name}\n"
        f"  - id: korean\n    type: flashcard\n    front: What does the word mean?\n    back: talks\n"
        f"    image: {mac_name}\n", encoding="utf-8")
    package = tmp_path / "talks.apkg"
    assert main(["export", str(bank), "-o", str(package), "-q"]) == 0
    fields, media = _imported_by_anki(package, tmp_path / "anki")
    assert sorted(media.values()) == [PNG, PNG + b"2"]
    shown = [f[0].split('src="')[1].split('"')[0] for f in fields]
    assert sorted(shown) == sorted(media)
    assert all(len(name.encode("utf-8")) <= 120 for name in media)
