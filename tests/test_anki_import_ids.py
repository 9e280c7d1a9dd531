"""Importing an Anki deck again gives its cards the same question ids, so a learner's
progress carries over: a deck quizapp made gets back the ids of the bank it came from (its
export writes them into the notes), any other deck ids from its notes' guids, which Anki
keeps however a note is edited. Before, ids came from the cards' words: a bank's own ids
were lost, and an edited card got a new id."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from bank_samples import EVERY_TYPE  # noqa: E402
from helpers import anki_deck  # noqa: E402

from quizapp.core.loader import load_bank  # noqa: E402
from quizapp.interop import export_with_warnings, import_with_media  # noqa: E402


def _ids(deck: Path) -> list[str]:
    return [q.id for q in import_with_media(deck, media_folder="f").bank.questions]


def _edit_in_anki(deck: Path, folder: Path, change) -> Path:
    """Import the deck into an Anki collection, change its notes there, export it again."""
    from anki.collection import (
        Collection,
        DeckIdLimit,
        ExportAnkiPackageOptions,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )

    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(deck), options=ImportAnkiPackageOptions()))
        for note_id in col.find_notes(""):
            note = col.get_note(note_id)
            change(note)
            col.update_note(note)
        (named,) = [d for d in col.decks.all_names_and_ids() if d.name != "Default"]
        out = folder / "again.apkg"
        col.export_anki_package(out_path=str(out), limit=DeckIdLimit(deck_id=named.id),
                                options=ExportAnkiPackageOptions())
        return out
    finally:
        col.close()


def test_a_deck_quizapp_made_comes_back_with_the_banks_ids(tmp_path):
    bank_file = tmp_path / "every.yaml"
    bank_file.write_text(EVERY_TYPE, encoding="utf-8")
    bank = load_bank(bank_file).raise_for_errors()
    deck = tmp_path / "every.apkg"
    export_with_warnings(bank, deck)
    original = [q.id for q in bank.questions]
    assert _ids(deck) == original

    def reword(note) -> None:  # a teacher corrects every card's front in Anki
        note.fields[0] = "Corrected: " + note.fields[0]

    again = _edit_in_anki(deck, tmp_path / "anki", reword)
    assert _ids(again) == original


def _foreign_deck(folder: Path) -> Path:
    def add_notes(col, deck) -> None:
        for kind, values in [
            ("Basic", ["Who is Kantor?", "USTR"]),
            ("Basic (and reversed card)", ["Hashimoto", "MITI minister"]),
            ("Cloze", ["The talks were in {{c1::Geneva}}.", ""]),
        ]:
            note = col.new_note(col.models.by_name(kind))
            for n, value in enumerate(values):
                note.fields[n] = value
            col.add_note(note, deck)

    return anki_deck(folder, "Talks", add_notes, "talks.apkg")


def test_another_decks_ids_come_from_its_guids_and_survive_edits(tmp_path):
    deck = _foreign_deck(tmp_path)
    first = _ids(deck)
    assert len(first) == 4 and len(set(first)) == 4
    assert all(qid.startswith("anki-") for qid in first)
    # the reversed card of the second note: its note's id and the card's number
    assert first[2] == first[1] + "-card2"
    assert _ids(deck) == first  # the same deck, the same ids

    def reword(note) -> None:
        note.fields[0] = note.fields[0].replace("Kantor", "Mickey Kantor").replace(
            "Geneva", "Geneva, Switzerland")

    again = _edit_in_anki(deck, tmp_path / "anki", reword)
    questions = import_with_media(again, media_folder="f").bank.questions
    assert [q.id for q in questions] == first
    assert questions[0].prompt == "Who is Mickey Kantor?"  # the edit did come through


@pytest.mark.parametrize("mark", ["%0A", "%20%20", "a%09b", "%00"])
def test_a_mark_that_names_no_usable_id_falls_back_to_the_guid(tmp_path, mark):
    """A deck edited by hand (or made to mislead) whose quizapp mark holds a blank or a
    control character: the card keeps its guid's id instead of becoming a card with an
    unusable id, which the bank's check would drop."""
    bank_file = tmp_path / "every.yaml"
    bank_file.write_text(EVERY_TYPE, encoding="utf-8")
    bank = load_bank(bank_file).raise_for_errors()
    deck = tmp_path / "every.apkg"
    export_with_warnings(bank, deck)
    before = import_with_media(deck, media_folder="f").bank.questions

    def spoil(note) -> None:
        for n, field in enumerate(note.fields):
            note.fields[n] = re.sub(r"<!-- quizapp id: \S+ -->",
                                    f"<!-- quizapp id: {mark} -->", field)

    again = _edit_in_anki(deck, tmp_path / "anki", spoil)
    questions = import_with_media(again, media_folder="f").bank.questions
    assert len(questions) == len(before)
    assert all(q.id.startswith("anki-") for q in questions)


@settings(max_examples=500)
@given(st.text() | st.from_regex(r"[A-Za-z0-9_.~-]*", fullmatch=True))
def test_the_id_mark_of_a_plain_id_is_what_quoting_gives(question_id):
    # The fast path for ids of unreserved characters writes what quote() would.
    from urllib.parse import quote

    from quizapp.interop._common import anki_id_marked
    from quizapp.interop.apkg_rows import anki_id_mark

    assert anki_id_mark(question_id) == f"<!-- quizapp id: {quote(question_id, safe='')} -->"
    if question_id:
        assert anki_id_marked(anki_id_mark(question_id)) == question_id
