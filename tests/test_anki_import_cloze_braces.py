"""An Anki cloze whose answer holds '|' or whose text has braces beside a blank: imported
with the answer Anki asks for, or left out with a warning naming the note, never imported
with another answer ({{a|b}} in a quizapp blank accepts "a" or "b")."""

from __future__ import annotations

from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from quizapp.core.grading import grade  # noqa: E402
from quizapp.core.model import Cloze  # noqa: E402
from quizapp.interop import import_with_media  # noqa: E402
from quizapp.rendering.cloze_words import ClozeBlank, ClozeWord, cloze_pieces  # noqa: E402

TEXTS = [
    "Pick {{c1::a|b}} now",  # Anki's answer is "a|b"
    "Two {{c1::p}} and {{c2::q|r::a hint}}",
    "Close {{c1::x}}}} here",  # the blank ends at the first '}}': "x", then '}}' as text
    "Lead {{{c1::y}} end",  # a '{' as text just before the blank
    "Kept {{c1::a}b}} whole",  # a '}' inside the answer: "a}b"
]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("anki")
    col = anki_collection.Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Braces")
        for text in TEXTS:
            note = col.new_note(col.models.by_name("Cloze"))
            note["Text"] = text
            col.add_note(note, deck)
        out = folder / "braces.apkg"
        col.export_anki_package(
            out_path=str(out), limit=anki_collection.DeckIdLimit(deck_id=deck),
            options=anki_collection.ExportAnkiPackageOptions(with_scheduling=False))
    finally:
        col.close()
    return import_with_media(out)


def by_words(imported) -> dict[str, Cloze]:
    """The imported clozes by the first word of their text ('close', 'lead', 'kept')."""
    return {q.text.split()[0].lower(): q for q in imported.bank.questions
            if isinstance(q, Cloze)}


def test_an_answer_holding_a_bar_is_left_out_with_a_warning_naming_its_note(imported):
    questions = by_words(imported)
    assert "pick" not in questions and "two" not in questions
    pick = [w for w in imported.warnings if 'note 1 "Pick' in w]
    assert pick and "the cloze answer 'a|b' holds '|'" in pick[0]
    assert "it would accept 'a' or 'b'" in pick[0] and pick[0].endswith("the note was skipped")
    assert any('note 2 "Two' in w and "'q|r'" in w for w in imported.warnings)


@pytest.mark.parametrize("word, answer, shown", [
    ("close", "x", ["Close", 0, "}}", "here"]),
    ("lead", "y", ["Lead", "{", 0, "end"]),
    ("kept", "a}b", ["Kept", 0, "whole"]),
])
def test_braces_beside_a_blank_keep_ankis_answer_and_show_as_text(
        qapp, imported, word, answer, shown):
    question = by_words(imported)[word]
    assert question.blanks == ((answer,),)
    assert grade(question, [answer]).correct
    pieces = cloze_pieces(question.segments())
    assert [p.index if isinstance(p, ClozeBlank) else p.text for p in pieces
            if isinstance(p, ClozeBlank | ClozeWord)] == shown
