"""What grading a response yields (Grade) and the small checks every kind's grader shares.

The graders themselves live with their kinds (quizapp/core/kinds/); the
dispatch, scoring and readable records are in quizapp.core.grading.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
# Right and wrong as the app marks them, on a question's feedback and a card's back
RIGHT_MARK = "\u2714"  # heavy check mark
WRONG_MARK = "\u2718"  # heavy ballot x

# Responses longer than this are not compared (nobody types a 10,000-character
# answer; comparing one must not freeze the window).
MAX_TEXT = 10_000


# Made on every answer (every kind's grader, a flashcard's rating), so not frozen: see
# stats.AnswerRecord. Nothing assigns to one after it is made; hashed by its fields.
@dataclass(slots=True, unsafe_hash=True)
class Grade:
    correct: bool
    credit: float  # 0..1
    expected: str  # the right answer, readable
    feedback: str | None = None  # the chosen choice's (or choices') own feedback
    # Extra words for the learner, e.g. that a typo was forgiven or that a
    # number could not be read. Never says anything about right or wrong alone.
    note: str | None = None


def wrong(expected: str, note: str | None = None) -> Grade:
    return Grade(False, 0.0, expected, None, note)


def is_index(value: object, size: int) -> bool:
    if type(value) is int:  # the usual case, without the abstract class's isinstance
        return 0 <= value < size
    return (
        isinstance(value, numbers.Integral)
        and not isinstance(value, bool)
        and 0 <= int(value) < size
    )


def clamp(x: float) -> float:
    if not math.isfinite(x):
        return 0.0
    return min(1.0, max(0.0, x))


def index_set(response: object, size: int) -> set[int] | None:
    if response is None or isinstance(response, str | bytes | dict):
        return None
    if not isinstance(response, Iterable):
        return None
    picked: set[int] = set()
    try:
        for count, item in enumerate(response):
            if count > 10 * size + 10 or not is_index(item, size):
                return None
            picked.add(int(item))
    except Exception:  # a broken iterator is a malformed response
        return None
    return picked


def text_response(response: object) -> str | None:
    if isinstance(response, str) and len(response) <= MAX_TEXT:
        return response
    return None


def rating_grade(expected: str, rating: object) -> Grade:
    """A self-rated card: Again (1) is wrong, Hard (2), Good (3) and Easy (4)
    are right, with credit 1; a learner who recalled it, even with effort,
    knew it."""
    if not is_index(rating, 5) or int(rating) < 1:  # type: ignore[call-overload]
        return wrong(expected)
    right = int(rating) >= 2  # type: ignore[call-overload]
    return Grade(right, 1.0 if right else 0.0, expected)


def readable_rating(rating: object) -> object:
    """A rating as its name (Good) for the store's record; anything else kept as data."""
    if is_index(rating, 5) and int(rating) >= 1:  # type: ignore[call-overload]
        return RATING_NAMES[int(rating)]  # type: ignore[call-overload]
    return jsonable(rating)


def jsonable(value: object, depth: int = 0) -> object:
    if value is None or isinstance(value, bool | str):
        return value[:MAX_TEXT] if isinstance(value, str) else value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        f = float(value)
        return f if math.isfinite(f) else str(f)
    if isinstance(value, list | tuple) and depth < 3:
        return [jsonable(v, depth + 1) for v in list(value)[:1000]]
    try:
        return repr(value)[:200]
    except Exception:
        return "<unreadable>"
