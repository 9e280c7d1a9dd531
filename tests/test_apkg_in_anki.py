"""Our .apkg, read by Anki's own library: every note and card arrives, fields and tags intact."""

from __future__ import annotations

import pytest
from bank_samples import EVERY_TYPE

from quizapp.core.loader import load_bank
from quizapp.interop.apkg import apkg_bytes, card_order, card_sides
from quizapp.interop.apkg_rows import anki_id_mark

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`


def _every_type(tmp_path):
    bank_file = tmp_path / "every.yaml"
    bank_file.write_text(EVERY_TYPE, encoding="utf-8")
    return bank_file, load_bank(bank_file).raise_for_errors()


def _imported_by_anki(tmp_path, data: bytes):
    """A new collection of Anki's own library, with the package `data` imported."""
    package = tmp_path / "every.apkg"
    package.write_bytes(data)
    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    col.import_anki_package(anki_collection.ImportAnkiPackageRequest(
        package_path=str(package), options=anki_collection.ImportAnkiPackageOptions()))
    return col


def test_anki_imports_every_note_of_an_exported_bank(tmp_path):
    bank_file, bank = _every_type(tmp_path)
    data, warnings = apkg_bytes(bank)
    # what a card cannot hold is said (tests/test_apkg_losses.py); no question is left out
    where = f"{bank_file}: warning: "
    assert [w.removeprefix(where).split(":")[0] for w in warnings] == [
        "Anki does not grade", "Anki's cards take no typed answers",
        "the feedback for a given answer (a choice's, true or false's, a wrong number's) is "
        "left out of 1 question(s); the back shows the right answer and the explanation",
        "Anki has no marks"]
    col = _imported_by_anki(tmp_path, data)
    try:
        note_ids = col.find_notes("")
        assert len(note_ids) == len(bank.questions)
        assert len(col.find_cards("")) == len(bank.questions)
        (deck,) = [d for d in col.decks.all_names_and_ids() if d.name == bank.title]
        assert len(col.find_cards(f"did:{deck.id}")) == len(bank.questions)
        imported = {}
        for note_id in note_ids:
            note = col.get_note(note_id)
            imported[note.fields[0]] = (note.fields[1], sorted(note.tags))
        for q in bank.questions:
            front, back = card_sides(q, card_order(bank.id, q))
            assert imported[front] == (back + anki_id_mark(q.id),
                                       sorted(t.replace(" ", "_") for t in q.tags))
    finally:
        col.close()


def test_anki_works_out_the_sort_field_and_checksum_of_each_note(tmp_path):
    """The current format's notes carry no sort field (and no checksum): Anki works both
    out as it imports a note, as for a note it adds itself. Were it to take them from the
    package, its browser would sort these notes as blank and its duplicate check would
    miss them."""
    import sqlite3

    from helpers import package_collection_bytes

    _, bank = _every_type(tmp_path)
    data, _ = apkg_bytes(bank)
    written = sqlite3.connect(":memory:")
    written.deserialize(package_collection_bytes(data))
    assert set(written.execute("SELECT sfld, csum FROM notes")) == {("", 0)}
    col = _imported_by_anki(tmp_path, data)
    try:
        imported = col.find_notes("")
        assert len(imported) == len(bank.questions)
        for note_id in imported:
            note = col.get_note(note_id)
            own = col.new_note(note.note_type())  # the same fields, added by Anki itself
            own.fields = list(note.fields)
            col.add_note(own, col.decks.id("Anki's own"))
            assert col.db.first("SELECT sfld, csum FROM notes WHERE id = ?", note_id) == \
                col.db.first("SELECT sfld, csum FROM notes WHERE id = ?", own.id)
        assert col.db.scalar("SELECT count(*) FROM notes WHERE sfld = '' OR csum = 0") == 0
    finally:
        col.close()
