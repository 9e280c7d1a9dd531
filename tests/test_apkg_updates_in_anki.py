"""A bank written in quizapp, exported, imported into Anki, then edited and exported again:
Anki updates its notes, with no copy (it matches a note by its guid, and updates it when the
note type is the one the note has, with the same fields, and the note is newer). A deck that
came from Anki goes back in the notes' own note types where their fields can be written
again from their cards, and Anki updates them (tests/test_anki_notes_update_in_place.py);
the others (Cloze, Image Occlusion) come back in quizapp's note type, which Anki will not
update a note from: those notes are left as they are ("conflicting"), never doubled
(tests/test_anki_round_trip_notes.py)."""

from __future__ import annotations

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from quizapp.cli import main  # noqa: E402

BANK = """title: Capitals
id: capitals
questions:
- id: france
  type: flashcard
  front: Capital of France?
  back: Paris
- id: both-ways
  type: flashcard
  front: Capital of Italy?
  back: Rome
"""


def _import(col, package):
    log = col.import_anki_package(anki_collection.ImportAnkiPackageRequest(
        package_path=str(package), options=anki_collection.ImportAnkiPackageOptions()))
    return log.log


def test_edits_made_in_quizapp_update_the_notes_in_anki(tmp_path):
    bank = tmp_path / "capitals.yaml"
    bank.write_text(BANK, encoding="utf-8")
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    assert main(["export", str(bank), "-o", str(first), "-q"]) == 0
    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        assert len(_import(col, first).new) == 2
        # imported a while ago (an export in the same second is not newer than it)
        col.db.execute("UPDATE notes SET mod = mod - 60")
        bank.write_text(BANK.replace("back: Paris", "back: Paris (on the Seine)"),
                        encoding="utf-8")
        assert main(["export", str(bank), "-o", str(second), "-q"]) == 0
        log = _import(col, second)
        assert not log.new and not log.conflicting
        backs = sorted(col.get_note(n).fields[1].split("<!--")[0] for n in col.find_notes(""))
    finally:
        col.close()
    assert backs == ["Paris (on the Seine)", "Rome"]
