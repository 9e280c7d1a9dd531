"""An Anki cloze whose answer is TeX ('{{c1::\\(x^2\\)}}') or code: the blank keeps the TeX
source the learner types, backslashes and all, as the import's warning says."""

from __future__ import annotations

import pytest
from helpers import anki_deck

from quizapp.core.grading import grade
from quizapp.core.model import Cloze
from quizapp.interop import import_with_media

pytest.importorskip("anki.collection")  # the test dependency `anki`

TEXTS = [
    "Square: {{c1::\\(x^2\\)}} is x times x",
    "Sum: {{c1::\\[a+b\\]}} and {{c2::$$\\frac{1}{2}$$}}",
    "Call {{c1::<code>f(*args)</code>}} here",
    "Generic {{c1::List&lt;T&gt; &amp; \\*}} end",
    "Entity {{c1::&amp;lt; and &amp;nbsp;}} typed",
]


def _notes(col, deck):
    for text in TEXTS:
        note = col.new_note(col.models.by_name("Cloze"))
        note["Text"] = text
        col.add_note(note, deck)


@pytest.fixture(scope="module")
def clozes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tex")
    imported = import_with_media(anki_deck(folder, "TeX", _notes, "tex.apkg"))
    return {q.text.split()[0]: q for q in imported.bank.questions if isinstance(q, Cloze)}


@pytest.mark.parametrize("word, answers", [
    ("Square:", ("\\(x^2\\)",)),
    ("Sum:", ("\\[a+b\\]", "$$\\frac{1}{2}$$")),
    ("Call", ("f(*args)",)),
    ("Generic", ("List<T> & \\*",)),
    ("Entity", ("&lt; and &nbsp;",)),  # Anki shows the entities as written
])
def test_a_tex_or_code_answer_is_kept_as_typed(clozes, word, answers):
    question = clozes[word]
    assert tuple(variants[0] for variants in question.blanks) == answers
    assert grade(question, list(answers)).correct
