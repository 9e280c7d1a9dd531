"""Anki decks as a learner's collection holds them: cards suspended or buried, and a note
type with the learner's own colours (CSS). A buried card comes up as usual (Anki shows it
again the next day) and the import says so, as it says what it did with a suspended one.
The learner's note type, styling and templates, stays as it was in Anki when quizapp's
export of the deck is imported back: it went back as new, so Anki replaced the learner's
colours and back template with quizapp's."""

from __future__ import annotations

from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402

# The learner's own styling: colours Anki's default note types do not have.
CSS = ".card { color: darkred; background-color: #fffbe6; font-size: 24px; }\n"
# Facts from the article the bundled bank is written from (Reuters, 1995).
NOTES = (("Who was USTR in 1995?", "Mickey Kantor"), ("Where were the talks held?", "Geneva"),
         ("Who was Secretary of Commerce?", "Ronald H. Brown"))


def _learners_deck(folder: Path) -> Path:
    def add(col, deck) -> None:
        basic = col.models.by_name("Basic")
        basic["css"] = CSS
        col.models.update_dict(basic)
        for front, back in NOTES:
            note = col.new_note(basic)
            note.fields[0], note.fields[1] = front, back
            col.add_note(note, deck)
        first, second, _third = col.find_cards("", order="c.id")
        col.sched.suspend_cards([first])
        col.sched.bury_cards([second], manual=True)
        # a minute back, as a learner's notes and styling are older than an export (one in
        # the same second is not newer than them)
        col.db.execute("UPDATE notes SET mod = mod - 60")
        col.db.execute("UPDATE notetypes SET mtime_secs = mtime_secs - 60")

    return anki_deck(folder, "Trade", add, "trade.apkg", with_scheduling=True)


def test_buried_and_suspended_cards_come_in_and_the_import_says_so(tmp_path, capsys):
    deck = _learners_deck(tmp_path)
    bank = tmp_path / "trade.yaml"
    assert main(["import", str(deck), "-o", str(bank)]) == 0
    said = capsys.readouterr().err
    assert bank.read_text(encoding="utf-8").count("type: flashcard") == 3
    assert ('1 card suspended in Anki (such as note 1 "Who was USTR in 1995?" (Basic)): '
            "imported with the deck's history (quizapp import --with-history NAME), it stays "
            "suspended for that learner, out of flashcards, practice and the due counts; a "
            "bank alone holds no one's study, so otherwise it comes up like the others until "
            "a learner suspends it (@ on a flashcard)") in said
    assert ('1 card buried in Anki (such as note 2 "Where were the talks held?" (Basic)): '
            "Anki shows a buried card again the next day, so in quizapp it comes up as "
            "usual") in said


def test_the_learners_styling_and_templates_stay_when_the_export_comes_back(tmp_path):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    deck = _learners_deck(tmp_path)
    bank = tmp_path / "trade.yaml"
    assert main(["import", str(deck), "-o", str(bank), "-q"]) == 0
    bank.write_text(bank.read_text(encoding="utf-8").replace(
        "back: Geneva", "back: Geneva, Switzerland"), encoding="utf-8")
    back = tmp_path / "back.apkg"
    assert main(["export", str(bank), "-o", str(back), "-q"]) == 0
    learners = str(tmp_path / "collection.anki2")
    col = Collection(learners)
    try:
        before = col.models.by_name("Basic")
        styling, templates = before["css"], [(t["qfmt"], t["afmt"]) for t in before["tmpls"]]
        log = col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(back), options=ImportAnkiPackageOptions())).log
        assert (len(log.new), len(log.conflicting), len(log.updated)) == (0, 0, 3)
    finally:
        col.close()
    col = Collection(learners)  # opened again: the library keeps the note types it read
    try:
        after = col.models.by_name("Basic")
        assert after["css"] == styling == CSS
        assert [(t["qfmt"], t["afmt"]) for t in after["tmpls"]] == templates
        backs = {col.get_note(n).fields[1].split("<!--")[0] for n in col.find_notes("")}
        assert "Geneva, Switzerland" in backs  # the teacher's edit reached the note
    finally:
        col.close()
