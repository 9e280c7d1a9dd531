"""Anki -> quizapp -> Anki: the notes keep their guids, so Anki knows them again and adds
no copy (found by a tester: 10 notes became 23), and a note of several cards (a reversed
card) goes back as one note; questions made in quizapp keep the guids their bank and
question ids give."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import package_collection_bytes  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.core.model import Cloze  # noqa: E402
from quizapp.interop.apkg import apkg_bytes, guid_for  # noqa: E402


def _teachers_collection(folder: Path) -> tuple[Path, Path]:
    """A collection made in Anki (a basic, a reversed and a cloze note) and its deck."""
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

    path = folder / "collection.anki2"
    col = Collection(str(path))
    try:
        deck = col.decks.id("Trade")
        for kind, fields in (("Basic", ("Who was USTR?", "Mickey Kantor")),
                             ("Basic (and reversed card)", ("tariff", "a tax on imports")),
                             ("Cloze", ("Talks in {{c1::Geneva}} in {{c2::June}}.", ""))):
            note = col.new_note(col.models.by_name(kind))
            for n, value in enumerate(fields):
                note.fields[n] = value
            col.add_note(note, deck)
        out = folder / "trade.apkg"
        col.export_anki_package(out_path=str(out), limit=DeckIdLimit(deck_id=deck),
                                options=ExportAnkiPackageOptions())
    finally:
        col.close()
    return path, out


def _import_into(collection: Path, package: Path) -> tuple[int, int]:
    """Anki imports the package into the collection: (notes, cards) it holds then."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(collection))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(package), options=ImportAnkiPackageOptions()))
        return len(col.find_notes("")), len(col.find_cards(""))
    finally:
        col.close()


def _guids(package: Path, folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "exported.db").write_bytes(package_collection_bytes(package))
    return _collection_guids(folder / "exported.db")


def _collection_guids(collection: Path) -> list[str]:
    db = sqlite3.connect(collection)
    try:
        return sorted(row[0] for row in db.execute("SELECT guid FROM notes"))
    finally:
        db.close()


def test_anki_knows_its_notes_again_after_a_trip_through_quizapp(tmp_path):
    collection, deck = _teachers_collection(tmp_path)
    bank_file = tmp_path / "bank" / "trade.yaml"
    bank_file.parent.mkdir()
    assert main(["import", str(deck), "-o", str(bank_file), "-q"]) == 0
    bank = load_bank(bank_file).raise_for_errors()
    assert len(bank.questions) == 4  # the reversed note is two flashcards
    back = tmp_path / "back.apkg"
    assert main(["export", str(bank_file), "-o", str(back), "-q"]) == 0
    assert _guids(back, tmp_path / "back") == _collection_guids(collection)
    # into the collection it came from: nothing added
    assert _import_into(collection, back) == (3, 5)
    # into a new one: the three notes, the reversed one with its two cards, the cloze
    # (which goes back in its own note type) with one for each of its blanks
    assert _import_into(tmp_path / "new.anki2", back) == (3, 5)
    # and into quizapp again: the same questions and guids
    again = tmp_path / "bank" / "again.yaml"
    assert main(["import", str(back), "-o", str(again), "-q"]) == 0
    second = load_bank(again).raise_for_errors()
    assert sorted((q.id, q.anki_guid) for q in second.questions) == sorted(
        (q.id, q.anki_guid) for q in bank.questions)
    assert {q.prompt for q in second.questions} >= {"tariff", "a tax on imports"}
    assert [q.text for q in second.questions if isinstance(q, Cloze)] == [
        "Talks in {{Geneva}} in {{June}}."]


def test_questions_made_in_quizapp_keep_guids_from_their_ids(tmp_path):
    bank_file = tmp_path / "mine.yaml"
    bank_file.write_text(
        "title: Mine\nid: mine\nquestions:\n"
        "- {id: a, type: flashcard, front: A, back: a}\n"
        "- {id: b, type: flashcard, front: B, back: b, anki_guid: 'h73<y@NcUU'}\n",
        encoding="utf-8")
    data, _ = apkg_bytes(load_bank(bank_file).raise_for_errors())
    package = tmp_path / "mine.apkg"
    package.write_bytes(data)
    assert _guids(package, tmp_path / "out") == sorted([guid_for("quizapp", "mine", "a"),
                                                        "h73<y@NcUU"])


@pytest.mark.parametrize("guid", ["? x", "a: b", "x y", "1e3", "NaN", "- z"])
def test_a_guid_with_a_space_or_yaml_signs_survives_the_trip(tmp_path, guid):
    """Anki takes any text as a guid; one with a space or signs YAML reads as its own is
    kept, written so that it reads back as itself, and Anki adds no copy (found by a tester:
    '? x' and 'a: b' were dropped without a word, and went back as new notes)."""
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

    collection = tmp_path / "collection.anki2"
    col = Collection(str(collection))
    try:
        deck = col.decks.id("G")
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"], note.guid = "Q", "A", guid
        col.add_note(note, deck)
        package = tmp_path / "g.apkg"
        col.export_anki_package(out_path=str(package), limit=DeckIdLimit(deck_id=deck),
                                options=ExportAnkiPackageOptions())
    finally:
        col.close()
    bank_file = tmp_path / "bank" / "g.yaml"
    bank_file.parent.mkdir()
    assert main(["import", str(package), "-o", str(bank_file), "-q"]) == 0
    (question,) = load_bank(bank_file).raise_for_errors().questions
    assert question.anki_guid == guid
    back = tmp_path / "back.apkg"
    assert main(["export", str(bank_file), "-o", str(back), "-q"]) == 0
    assert _guids(back, tmp_path / "back") == [guid]
    assert _import_into(collection, back) == (1, 1)  # known again: no copy


def test_a_guid_a_bank_cannot_hold_is_said(tmp_path, capsys):
    """A guid with blanks around it is not kept: the import says so, not silently."""
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        deck = col.decks.id("G")
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"], note.guid = "Q", "A", " padded "
        col.add_note(note, deck)
        package = tmp_path / "g.apkg"
        col.export_anki_package(out_path=str(package), limit=DeckIdLimit(deck_id=deck),
                                options=ExportAnkiPackageOptions())
    finally:
        col.close()
    bank_file = tmp_path / "g.yaml"
    assert main(["import", str(package), "-o", str(bank_file)]) == 0
    assert "its Anki id (guid) ' padded ' cannot be kept in a bank (blanks around it" in (
        capsys.readouterr().err)
    (question,) = load_bank(bank_file).raise_for_errors().questions
    assert question.anki_guid is None
