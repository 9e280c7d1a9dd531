"""An Anki cloze's hints ({{c1::France::country}}): Anki shows the hint in the blank's place,
"[country]"; quizapp dropped it. It now follows its blank, in brackets and italics, where the
learner reads it before typing, and the blank still wants the answer alone."""

from __future__ import annotations

import pytest

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.core.grading import grade  # noqa: E402
from quizapp.core.model import Cloze  # noqa: E402
from quizapp.interop import import_with_media  # noqa: E402
from quizapp.rendering.markdown import safe_document  # noqa: E402

TEXTS = [
    "The capital of {{c1::France::country}} is {{c2::Paris::city}}.",
    "Water is {{c1::H<sub>2</sub>O::a <b>formula</b>}}, no hint on {{c2::ice}}",
    "An empty hint {{c1::kept::}} is no hint",
]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    def add(col, deck_id):
        for text in TEXTS:
            note = col.new_note(col.models.by_name("Cloze"))
            note["Text"] = text
            col.add_note(note, deck_id)

    deck = anki_deck(tmp_path_factory.mktemp("hints"), "Hints", add, "hints.apkg")
    return import_with_media(deck)


def _clozes(imported) -> list[Cloze]:
    clozes = [q for q in imported.bank.questions if isinstance(q, Cloze)]
    assert len(clozes) == len(TEXTS)
    return clozes


def test_each_hint_follows_its_blank_and_the_blank_wants_the_answer(imported):
    capital, water, empty = _clozes(imported)
    assert capital.text == r"The capital of {{France}} *\[country\]* is {{Paris}} *\[city\]*."
    assert safe_document(capital.text).toPlainText() == (
        "The capital of {{France}} [country] is {{Paris}} [city].")
    assert capital.blanks == (("France",), ("Paris",))
    assert grade(capital, ["France", "Paris"]).correct
    assert not grade(capital, ["country", "city"]).correct
    # the hint's own formatting is kept; a blank without a hint has none after it
    assert water.text.endswith(r"*\[a **formula**\]*, no hint on {{ice}}")
    assert "H" in water.blanks[0][0] and "formula" not in water.blanks[0][0]
    assert empty.text == "An empty hint {{kept}} is no hint"


def test_the_warning_names_the_hints_and_says_where_they_went(imported):
    hinted = [w for w in imported.warnings if "hint" in w]
    assert len(hinted) == 2, hinted
    assert 'note 1 "The capital of' in hinted[0]
    assert hinted[0].endswith("the cloze hints 'country', 'city' are shown in brackets after "
                              "their blanks (Anki shows each in its blank's place)")
    assert "the cloze hint 'a <b>formula</b>' is shown in brackets after its blank" in hinted[1]
    assert not any("left out" in w for w in hinted)
