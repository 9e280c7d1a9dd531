"""Grading a learner's response to one question. No Qt, no I/O.

`grade(question, response)` dispatches to one function per question type and
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

Credit is always in [0, 1]; a question's score is credit * question.points
(see `score`). The rules for partial credit are in each grading function.
"""

from __future__ import annotations

import bisect
import math
import numbers
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from quizapp.core import textmatch
from quizapp.core.model import (
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    TrueFalse,
)
from quizapp.core.numtext import format_number, parse_number

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}

# Responses longer than this are not compared (nobody types a 10,000-character
# answer; comparing one must not freeze the window).
MAX_TEXT = 10_000


@dataclass(frozen=True, slots=True)
class Grade:
    correct: bool
    credit: float  # 0..1
    expected: str  # the right answer, readable
    feedback: str | None = None  # the chosen choice's (or choices') own feedback
    # Extra words for the learner, e.g. that a typo was forgiven or that a
    # number could not be read. Never says anything about right or wrong alone.
    note: str | None = None


def _wrong(expected: str, note: str | None = None) -> Grade:
    return Grade(False, 0.0, expected, None, note)


def _is_index(value: object, size: int) -> bool:
    return (
        isinstance(value, numbers.Integral)
        and not isinstance(value, bool)
        and 0 <= int(value) < size
    )


def _clamp(x: float) -> float:
    if not math.isfinite(x):
        return 0.0
    return min(1.0, max(0.0, x))


# --------------------------------------------------------------------- choices


def grade_multiple_choice(q: MultipleChoice, response: object) -> Grade:
    expected = _choice_text(q.choices, q.correct)
    if not _is_index(response, len(q.choices)):
        return _wrong(expected)
    i = int(response)  # type: ignore[arg-type]
    right = i == q.correct
    return Grade(right, 1.0 if right else 0.0, expected, q.choices[i].feedback)


def _choice_text(choices, i: int) -> str:
    return choices[i].text if 0 <= i < len(choices) else ""


def _index_set(response: object, size: int) -> set[int] | None:
    if response is None or isinstance(response, str | bytes | dict):
        return None
    if not isinstance(response, Iterable):
        return None
    picked: set[int] = set()
    try:
        for count, item in enumerate(response):
            if count > 10 * size + 10 or not _is_index(item, size):
                return None
            picked.add(int(item))
    except Exception:  # a broken iterator is a malformed response
        return None
    return picked


def grade_multiple_select(q: MultipleSelect, response: object) -> Grade:
    """Partial credit: (right picks - wrong picks) / number of right choices,
    floored at 0. Correct only when exactly the right choices are picked.
    With weights on the choices: the sum of the picked weights, clipped to 0..1;
    correct when that is full marks.
    With no right choice at all, picking nothing is correct (credit 1)."""
    right = set(q.correct)
    expected = "; ".join(_choice_text(q.choices, i) for i in sorted(right)) or "(none)"
    picked = _index_set(response, len(q.choices))
    if picked is None:
        return _wrong(expected)
    feedback = (
        "\n".join(q.choices[i].feedback for i in sorted(picked) if q.choices[i].feedback) or None
    )
    if not right:
        ok = not picked
        return Grade(ok, 1.0 if ok else 0.0, expected, feedback)
    if any(c.weight is not None for c in q.choices):
        # The author's weights, as Moodle scores them: the picked weights summed, clipped.
        credit = _clamp(sum(q.choices[i].weight or 0.0 for i in picked))
        return Grade(credit >= 1 - 1e-9, credit, expected, feedback)
    hits = len(picked & right)
    misses = len(picked - right)
    credit = _clamp((hits - misses) / len(right))
    exact = picked == right
    return Grade(exact, 1.0 if exact else credit, expected, feedback)


def grade_true_false(q: TrueFalse, response: object) -> Grade:
    expected = "True" if q.answer else "False"
    if not isinstance(response, bool):
        return _wrong(expected)
    right = response == q.answer
    feedback = q.feedback_if_true if response else q.feedback_if_false
    return Grade(right, 1.0 if right else 0.0, expected, feedback)


# ------------------------------------------------------------------------ text


def _text_response(response: object) -> str | None:
    if isinstance(response, str) and len(response) <= MAX_TEXT:
        return response
    return None


def grade_short_answer(q: ShortAnswer, response: object) -> Grade:
    """Right when the response matches any accepted answer under the question's
    TextPolicy (see textmatch.matches for case, accents, punctuation, leading
    articles and honorifics, and the typo rule: by default 0 typos up to 4
    characters, 1 up to 8, 2 beyond; never in numbers, never a typed word
    that is another English word). People's names are also right in
    family-given order, and as the family name alone when allowed (see
    quizapp.core.names)."""
    expected = q.answers[0] if q.answers else ""
    text = _text_response(response)
    if text is None or not q.answers:
        return _wrong(expected)
    ok, exact, matched = textmatch.match_any(text, q.answers, q.policy, q.names)
    if not ok:
        return _wrong(expected)
    # The spelling of the answer it was taken for: "Hashimoto Ryutaro" for "Hashimoto Ryutaru".
    note = None if exact else f"Accepted, but check the spelling: {matched}"
    return Grade(True, 1.0, expected, None, note)


def grade_cloze(q: Cloze, response: object) -> Grade:
    """Each blank is graded like a short answer against its variants (a name
    with its family name among the variants is a person's name); credit is
    the share of blanks right. A missing blank counts as wrong; extra entries
    are ignored."""
    blanks = q.blanks
    expected = "; ".join(variants[0] for variants in blanks)
    if not blanks or response is None or isinstance(response, str | bytes | dict):
        return _wrong(expected)
    if not isinstance(response, Sequence):
        return _wrong(expected)
    right = 0
    fuzzy = False
    for n, variants in enumerate(blanks):
        typed = _text_response(response[n]) if n < len(response) else None
        if typed is None:
            continue
        ok, exact, _ = textmatch.match_any(typed, variants, q.policy)
        if ok:
            right += 1
            fuzzy = fuzzy or not exact
    credit = _clamp(right / len(blanks))
    correct = right == len(blanks)
    note = f"Accepted, but check the spelling: {expected}" if fuzzy else None
    return Grade(correct, 1.0 if correct else credit, expected, None, note)


# --------------------------------------------------------------------- numbers

def _number_response(response: object, q: Numeric) -> list[float] | None:
    if isinstance(response, bool):
        return None
    if isinstance(response, numbers.Real):
        try:
            value = float(response)
        except (OverflowError, ValueError, TypeError):
            return None
        return [value] if math.isfinite(value) else None
    if isinstance(response, str):
        return parse_number(response, q.unit, prompt=q.prompt)
    return None


def _close(value: float, answer: float, tolerance: float) -> bool:
    tolerance = abs(tolerance) if math.isfinite(tolerance) else 0.0
    return math.isclose(value, answer, rel_tol=1e-9, abs_tol=tolerance + 1e-12)


def grade_numeric(q: Numeric, response: object) -> Grade:
    """Right when |value - answer| <= tolerance (plus float rounding slack).
    Strings are read by parse_number (with the question's unit and prompt, which
    say what words may follow the number); unreadable text is wrong with a note."""
    expected = format_number(q.answer) + (f" {q.unit}" if q.unit else "")
    if q.tolerance:
        expected += f" (± {format_number(abs(q.tolerance))})"
    values = _number_response(response, q)
    if values is None:
        note = None
        if isinstance(response, str) and response.strip():
            note = "That could not be read as a number."
        return Grade(False, 0.0, expected, q.feedback_if_wrong, note)
    right = any(_close(v, q.answer, q.tolerance) for v in values)
    return Grade(right, 1.0 if right else 0.0, expected, None if right else q.feedback_if_wrong)


# ------------------------------------------------------------ pairs and orders


def grade_matching(q: Matching, response: object) -> Grade:
    """Credit is the share of left items given the right right-hand side.
    Two lefts with the same right-hand text are interchangeable. None means a
    left left unanswered (wrong); a shorter list leaves the rest unanswered;
    an entry that is no index of a pair makes the whole response invalid."""
    pairs = q.pairs
    expected = "; ".join(f"{left} → {right}" for left, right in pairs)
    if not pairs or response is None or isinstance(response, str | bytes | dict):
        return _wrong(expected)
    if not isinstance(response, Sequence) or len(response) > len(pairs):
        return _wrong(expected)
    right = 0
    for i, chosen in enumerate(response):
        if chosen is None:
            continue
        if not _is_index(chosen, len(pairs)):
            return _wrong(expected)
        if pairs[int(chosen)][1] == pairs[i][1]:
            right += 1
    correct = right == len(pairs)
    return Grade(correct, 1.0 if correct else _clamp(right / len(pairs)), expected)


def _longest_non_decreasing(seq: list[int]) -> int:
    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_right(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


def grade_ordering(q: Ordering, response: object) -> Grade:
    """Credit from the longest run of items already in the right relative
    order (longest increasing subsequence, L): (L - 1) / (n - 1). So one item
    dragged to the wrong end still earns most of the credit, and the reversed
    order earns 0. Items with the same text are interchangeable. The response
    must be a permutation of the item indexes, otherwise it is invalid."""
    items = q.items
    expected = " → ".join(items)
    n = len(items)
    if n == 0 or response is None or isinstance(response, str | bytes | dict):
        return _wrong(expected)
    if not isinstance(response, Sequence) or len(response) != n:
        return _wrong(expected)
    if not all(_is_index(i, n) for i in response) or len({int(i) for i in response}) != n:
        return _wrong(expected)
    rank = {}
    for pos, text in enumerate(items):
        rank.setdefault(text, pos)
    if [items[int(i)] for i in response] == list(items):
        return Grade(True, 1.0, expected)
    ranks = [rank[items[int(i)]] for i in response]
    longest = _longest_non_decreasing(ranks)
    return Grade(False, _clamp((longest - 1) / (n - 1)), expected)


# ------------------------------------------------------------------- flashcard


def grade_rating(question: Question, rating: object) -> Grade:
    """A self-rated card: Again (1) is wrong, Hard (2), Good (3) and Easy (4)
    are right, with credit 1; a learner who recalled it, even with effort,
    knew it. Works for any question type shown as a card."""
    expected = expected_text(question)
    if not _is_index(rating, 5) or int(rating) < 1:  # type: ignore[arg-type]
        return _wrong(expected)
    right = int(rating) >= 2  # type: ignore[arg-type]
    return Grade(right, 1.0 if right else 0.0, expected)


def grade_flashcard(q: Flashcard, response: object) -> Grade:
    return grade_rating(q, response)


# -------------------------------------------------------------------- dispatch

_GRADERS: dict[type, Callable[[object, object], Grade]] = {
    MultipleChoice: grade_multiple_choice,
    MultipleSelect: grade_multiple_select,
    TrueFalse: grade_true_false,
    ShortAnswer: grade_short_answer,
    Numeric: grade_numeric,
    Matching: grade_matching,
    Ordering: grade_ordering,
    Cloze: grade_cloze,
    Flashcard: grade_flashcard,
}


def grade(question: Question, response: object) -> Grade:
    """Grade `response` to `question`. Never raises on a bad response."""
    grader = _GRADERS.get(type(question))
    if grader is None:
        return _wrong("")
    try:
        return grader(question, response)
    except Exception:  # a malformed response must never crash a session
        return _wrong(_safe_expected(question))


def score(results: Iterable[tuple[Question, Grade | None]]) -> float:
    """Points-weighted score 0..1: sum(credit * points) / sum(points).
    A None grade (unanswered) counts as 0. No questions: 0."""
    total = 0.0
    earned = 0.0
    for question, g in results:
        points = question.points if question.points > 0 else 0.0
        total += points
        if g is not None:
            earned += _clamp(g.credit) * points
    return _clamp(earned / total) if total else 0.0


def expected_text(question: Question) -> str:
    """The right answer in words, as shown on feedback and on a card's back."""
    if isinstance(question, Flashcard):
        return question.back
    return _safe_expected(question)


def _safe_expected(question: Question) -> str:
    grader = _GRADERS.get(type(question))
    if grader is None or isinstance(question, Flashcard):
        return getattr(question, "back", "")
    try:
        return grader(question, None).expected
    except Exception:
        return ""


def expected_response(question: Question) -> object:
    """A response that grades as correct: what the screen fills in for
    "show me", and what the tests feed back into grade()."""
    if isinstance(question, MultipleChoice):
        return question.correct
    if isinstance(question, MultipleSelect):
        return list(question.correct)
    if isinstance(question, TrueFalse):
        return question.answer
    if isinstance(question, ShortAnswer):
        return question.answers[0] if question.answers else ""
    if isinstance(question, Numeric):
        return format_number(question.answer) + (f" {question.unit}" if question.unit else "")
    if isinstance(question, Matching):
        return list(range(len(question.pairs)))
    if isinstance(question, Ordering):
        return list(range(len(question.items)))
    if isinstance(question, Cloze):
        return [variants[0] for variants in question.blanks]
    if isinstance(question, Flashcard):
        return 3
    return None


# ------------------------------------------------------------ readable record


def readable_response(question: Question, response: object) -> object:
    """The response as JSON-able data with texts instead of indexes, for the
    store and the teacher's export. Invalid parts become None; anything
    unexpected is kept as a short string so nothing the learner did is lost."""
    try:
        return _readable(question, response)
    except Exception:
        return _jsonable(response)


def _readable(question: Question, response: object) -> object:
    if response is None:
        return None
    if isinstance(question, MultipleChoice | MultipleSelect):
        choices = question.choices
        if isinstance(question, MultipleChoice):
            if _is_index(response, len(choices)):
                return choices[int(response)].text  # type: ignore[arg-type]
            return _jsonable(response)
        picked = _index_set(response, len(choices))
        if picked is None:
            return _jsonable(response)
        return [choices[i].text for i in sorted(picked)]
    if isinstance(question, TrueFalse):
        return response if isinstance(response, bool) else _jsonable(response)
    if isinstance(question, Flashcard):
        if _is_index(response, 5) and int(response) >= 1:  # type: ignore[arg-type]
            return RATING_NAMES[int(response)]  # type: ignore[arg-type]
        return _jsonable(response)
    if (
        isinstance(question, Matching)
        and isinstance(response, Sequence)
        and not isinstance(response, str)
    ):
        pairs = question.pairs
        out = []
        for i, (left, _right) in enumerate(pairs):
            chosen = response[i] if i < len(response) else None
            right = pairs[int(chosen)][1] if _is_index(chosen, len(pairs)) else None
            out.append([left, right])
        return out
    if (
        isinstance(question, Ordering)
        and isinstance(response, Sequence)
        and not isinstance(response, str)
    ):
        items = question.items
        return [items[int(i)] if _is_index(i, len(items)) else _jsonable(i) for i in response]
    return _jsonable(response)


def _jsonable(value: object, depth: int = 0) -> object:
    if value is None or isinstance(value, bool | str):
        return value[:MAX_TEXT] if isinstance(value, str) else value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        f = float(value)
        return f if math.isfinite(f) else str(f)
    if isinstance(value, list | tuple) and depth < 3:
        return [_jsonable(v, depth + 1) for v in list(value)[:1000]]
    try:
        return repr(value)[:200]
    except Exception:
        return "<unreadable>"
