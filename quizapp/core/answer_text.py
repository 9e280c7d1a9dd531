"""The short text forms of answers that `quizapp try` and the bank editor's try box take.

A typed answer (short_answer, numeric) is taken as it is; the other types
take letters, numbers or texts in the order the bank lists things, never a
shuffled order (see quizapp/commands/try_.py for the table).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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

_LIST_SEPARATOR = re.compile(r"\s*[;,]\s*")
_PAIR_SEPARATOR = re.compile(r"\s*[;,]\s*")
_RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}
_TRUE = {"true", "t", "yes", "y"}
_FALSE = {"false", "f", "no", "n"}


class AnswerFormError(ValueError):
    """An ANSWER that is not in the text form its question type takes."""



def parse_answer(question: Question, text: str) -> object:
    """The response `grade` takes for an ANSWER typed in the text form of the
    question's type (see the module docstring). Raises AnswerFormError."""
    if isinstance(question, ShortAnswer | Numeric):
        return text
    if isinstance(question, MultipleChoice):
        return _pick(text, [c.text for c in question.choices], "choice")
    if isinstance(question, MultipleSelect):
        texts = [c.text for c in question.choices]
        return [_pick(part, texts, "choice") for part in _parts(text, _LIST_SEPARATOR)]
    if isinstance(question, TrueFalse):
        word = text.strip().casefold()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise AnswerFormError("type true or false")
    if isinstance(question, Matching):
        return _matching(question, text)
    if isinstance(question, Ordering):
        items = list(question.items)
        return [_pick(part, items, "item") for part in _parts(text, _LIST_SEPARATOR)]
    if isinstance(question, Cloze):
        return [part.strip() for part in text.split("|")]
    if isinstance(question, Flashcard):
        word = text.strip().casefold()
        if word in _RATINGS:
            return _RATINGS[word]
        if word in ("1", "2", "3", "4"):
            return int(word)
        raise AnswerFormError("type a rating: 1-4, or again, hard, good, easy")
    raise AnswerFormError(f"questions of type {question.type} cannot be tried")


def _parts(text: str, separator: re.Pattern) -> list[str]:
    text = text.strip()
    return [part for part in separator.split(text) if part] if text else []


def _letter(i: int) -> str:
    return chr(ord("a") + i) if i < 26 else str(i + 1)


def _pick(part: str, texts: Sequence[str], what: str) -> int:
    """An index from a letter, a 1-based number or the exact text (any case)."""
    token = part.strip()
    folded = token.casefold()
    for i, text in enumerate(texts):
        if text.strip().casefold() == folded:
            return i
    if len(folded) == 1 and "a" <= folded <= "z" and ord(folded) - ord("a") < len(texts):
        return ord(folded) - ord("a")
    if token.isdigit() and 1 <= int(token) <= len(texts):
        return int(token) - 1
    letters = f"a-{_letter(len(texts) - 1)}" if len(texts) <= 26 else f"1-{len(texts)}"
    raise AnswerFormError(
        f"no {what} {token!r}; name a {what} by its letter ({letters}), number or text"
    )


def _matching(question: Matching, text: str) -> list[int | None]:
    lefts = [left for left, _ in question.pairs]
    rights = [right for _, right in question.pairs]
    response: list[int | None] = [None] * len(lefts)
    for part in _parts(text, _PAIR_SEPARATOR):
        left, sep, right = part.partition("=")
        if not sep:
            raise AnswerFormError("write each pair as left=right, like 1=c, 2=a")
        response[_pick(left, lefts, "left item")] = _pick(right, rights, "right-hand side")
    return response
