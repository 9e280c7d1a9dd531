"""Grading a learner's response to one question. No Qt, no I/O.

`grade(question, response)` dispatches to its kind's grader (quizapp/core/kinds/) and
never raises on a malformed response: None, a wrong type, an out-of-range index
or garbage text all grade as wrong with credit 0.

Responses per type (what the screens pass in):

=================  ==========================================================
multiple_choice    int, index into question.choices
multiple_select    iterable of int indexes (order and duplicates do not matter)
true_false         bool
short_answer       str
numeric            str as typed (read by numtext.parse_number: the unit, a
                   currency, scale suffixes such as "B", a rate per year when
                   asked, a counted noun from the prompt) or int/float
matching           list: response[i] = index into question.pairs of the
                   right-hand side chosen for left i (None = not answered)
ordering           list of item indexes in the learner's order
cloze              list of str, one per blank
flashcard          int rating 1..4 (Again, Hard, Good, Easy)
=================  ==========================================================

The type of what the widgets hand over is `Response` (quizapp/core/kinds/base.py).

Credit is always in [0, 1]; a question's score is credit * question.points
(see `score`). The rules for partial credit are in each grading function.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from quizapp.core.grades import (
    MAX_TEXT,
    RATING_NAMES,
    Grade,
    clamp,
    jsonable,
    rating_grade,
    wrong,
)
from quizapp.core.kinds import Kind, kind_of
from quizapp.core.kinds.base import Response, listed_words
from quizapp.core.kinds.cloze import grade_cloze
from quizapp.core.kinds.flashcard import grade_flashcard
from quizapp.core.kinds.matching import grade_matching
from quizapp.core.kinds.multiple_choice import grade_multiple_choice
from quizapp.core.kinds.multiple_select import grade_multiple_select
from quizapp.core.kinds.numeric import grade_numeric
from quizapp.core.kinds.ordering import grade_ordering
from quizapp.core.kinds.short_answer import grade_short_answer
from quizapp.core.kinds.true_false import grade_true_false
from quizapp.core.model_base import Question
from quizapp.core.numtext import format_number, parse_number

# A kind's grader never raises on a malformed response (every kind's contract); one that
# does is a bug. The learner is still marked (wrong) and the session goes on, but the
# traceback goes to the log, so a broken grader is found rather than silently failing
# every learner.
log = logging.getLogger(__name__)

__all__ = [
    "Response",
    "response_words",
    "MAX_TEXT",
    "RATING_NAMES",
    "Grade",
    "expected_response",
    "format_number",
    "parse_number",
    "expected_text",
    "grade",
    "grade_cloze",
    "grade_flashcard",
    "grade_matching",
    "grade_multiple_choice",
    "grade_multiple_select",
    "grade_numeric",
    "grade_ordering",
    "grade_rating",
    "grade_short_answer",
    "grade_true_false",
    "readable_response",
    "score",
]


def grade(question: Question, response: object) -> Grade:
    """Grade `response` to `question`. Never raises on a bad response."""
    kind = kind_of(question)
    if kind is None:
        return wrong("")
    try:
        return kind.grade(question, response)
    except Exception:  # a malformed response must never crash a session
        log.exception("the %s grader raised on question %r (graded wrong)",
                      kind.name, question.id)
        return wrong(_safe_expected(question))


def grade_rating(question: Question, rating: object) -> Grade:
    """A self-rated card: Again (1) is wrong, Hard (2), Good (3) and Easy (4)
    are right, with credit 1; a learner who recalled it, even with effort,
    knew it. Works for any question type shown as a card."""
    return rating_grade(expected_text(question), rating)


def score(results: Iterable[tuple[Question, Grade | None]]) -> float:
    """Points-weighted score 0..1: sum(credit * points) / sum(points).
    A None grade (unanswered) counts as 0. No questions: 0."""
    total = 0.0
    earned = 0.0
    for question, g in results:
        points = question.points if question.points > 0 else 0.0
        total += points
        if g is not None:
            earned += clamp(g.credit) * points
    return clamp(earned / total) if total else 0.0


def expected_text(question: Question) -> str:
    """The right answer in words, as shown on feedback and on a card's back
    (a flashcard's back; for the other kinds what their grader expects)."""
    return _safe_expected(question)


def _safe_expected(question: Question) -> str:
    kind = kind_of(question)
    if kind is None:
        return ""
    try:
        return kind.grade(question, None).expected
    except Exception:
        log.exception("the %s grader raised on question %r with no answer", kind.name,
                      question.id)
        return ""


def expected_response(question: Question) -> object:
    """A response that grades as correct: what the screen fills in for
    "show me", and what the tests feed back into grade()."""
    kind = kind_of(question)
    return None if kind is None else kind.expected_response(question)


# ------------------------------------------------------------ readable record


def readable_response(question: Question, response: object) -> object:
    """The response as JSON-able data with texts instead of indexes, for the
    store and the teacher's export. Invalid parts become None; anything
    unexpected is kept as a short string so nothing the learner did is lost."""
    if response is None:
        return None
    return _readable(kind_of(question), question, response)


def _readable(kind: Kind[Any] | None, question: Question, response: object) -> object:
    if kind is None:
        return jsonable(response)
    try:
        return kind.readable(question, response)
    except Exception:  # the response is stored as it came rather than lost
        log.exception("the %s kind could not make the response to question %r readable",
                      kind.name, question.id)
        return jsonable(response)


def response_words(question: Question, response: object) -> str:
    """The learner's answer in words (texts, not indexes), as the results and the exam's
    reminders show it: "France → Paris; Italy → Rome" for a matching question."""
    if response is None:
        return "(no answer)"
    kind = kind_of(question)
    value = _readable(kind, question, response)
    if value is None:
        return "(no answer)"
    return listed_words(question, value) if kind is None else kind.response_words(question, value)
