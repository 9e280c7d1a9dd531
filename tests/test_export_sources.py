"""Moodle XML and GIFT have no place for a question's source and quotes: they are written
into its general feedback, after the explanation (where a teacher in Moodle sees them after
the question), and quizapp's importers take them out of it again. Before, both exports
dropped every source and quote without a word."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from quizapp.cli import main
from quizapp.core.loader import load_bank
from quizapp.core.model import Bank, ShortAnswer
from quizapp.core.paths import bundled_banks_dir
from quizapp.interop import export_with_warnings, import_bank
from quizapp.interop.source_note import general_feedback, split_general_feedback

ARTICLE = bundled_banks_dir() / "us-japan-auto-talks-1995.yaml"


@pytest.mark.parametrize("suffix", ["xml", "gift"])
def test_the_bundled_banks_sources_and_quotes_go_there_and_back(tmp_path, suffix):
    original = load_bank(ARTICLE, use_cache=False).bank
    assert sum(len(q.quotes) for q in original.questions) > 40
    out = tmp_path / f"out.{suffix}"
    assert main(["export", str(ARTICLE), "-o", str(out), "-q"]) == 0
    written = out.read_text(encoding="utf-8")
    again, _ = import_bank(out)
    by_id = {q.id: q for q in again.questions}
    checked = 0
    for q in original.questions:
        twin = by_id.get(q.id)
        if twin is None:  # GIFT has no ordering questions
            assert suffix == "gift"
            continue
        assert (twin.explanation, twin.source, twin.quotes) == (
            q.explanation, q.source, q.quotes), q.id
        if q.source:  # GIFT escapes the colon
            assert f"Source: {q.source}" in written.replace("\\:", ":")
        checked += 1
    assert checked >= 40


def test_moodle_shows_them_in_the_general_feedback(tmp_path):
    out = tmp_path / "out.xml"
    assert main(["export", str(ARTICLE), "-o", str(out), "-q"]) == 0
    original = load_bank(ARTICLE, use_cache=False).bank
    first = original.questions[0]
    assert first.source and first.quotes
    question = ET.parse(out).getroot().findall("question")[1]  # after the category
    feedback = question.findtext("generalfeedback/text")
    assert feedback == "\n\n".join([first.explanation.strip(), f"Source: {first.source}",
                                    *(f"> \u201c{quote}\u201d" for quote in first.quotes)])


def _question(**fields) -> ShortAnswer:
    return ShortAnswer(id="q", prompt="Who?", answers=("Ana",), **fields)


@pytest.mark.parametrize("fields", [
    {"source": "paragraph 2", "quotes": ("a *star* <b>here</b> [1] $5 & #tag \\ `x`",)},
    {"source": "[a link](http://example.com) costs $$5", "quotes": ("[x](y)",)},
    {"source": "section *3*", "quotes": ()},
    {"quotes": ("only a quote", "and another \u201cinner\u201d one")},
    {"explanation": "Because.\n\nTwo paragraphs.", "source": "p. 4",
     "quotes": ("one", "two")},
])
@pytest.mark.parametrize("suffix", ["xml", "gift"])
def test_any_source_text_comes_back_as_written(tmp_path, fields, suffix):
    q = _question(**fields)
    bank = Bank(id="b", title="B", questions=(q,))
    out = tmp_path / f"one.{suffix}"
    export_with_warnings(bank, out)
    (again,), _ = import_bank(out).__iter__().__next__().questions, None
    assert (again.explanation, again.source, again.quotes) == (
        q.explanation, q.source, q.quotes)


def test_a_last_source_paragraph_is_read_as_the_source():
    """The app shows a source as 'Source: ...' under the explanation: the same words."""
    assert split_general_feedback("Because.\n\nSource: the teacher's notes") == (
        "Because.", "the teacher's notes", ())


@pytest.mark.parametrize("text", [
    "Source:",
    "> \u201cA quote a teacher wrote\u201d",  # a quote with no 'Source:' before it
    "See below.\n\nSource: a\nsecond line\n\n> \u201cq\u201d",
    "From the source:",
])
def test_a_foreign_general_feedback_stays_the_explanation(text):
    assert split_general_feedback(text) == (text, None, ())


def test_a_question_without_them_writes_only_its_explanation():
    assert general_feedback(_question(explanation=" Because. ")) == "Because."
    assert general_feedback(_question()) == ""
