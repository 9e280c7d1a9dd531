"""Pieces of the short text forms of answers (`quizapp try`, the editor's try box).

A typed answer is taken as it is; the other kinds take letters, numbers or
texts in the order the bank lists things, never a shuffled order (see
quizapp/commands/try_.py for the table). Each kind's parse_answer uses these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LIST_SEPARATOR = re.compile(r"\s*[;,]\s*")
PAIR_SEPARATOR = re.compile(r"\s*[;,]\s*")


class AnswerFormError(ValueError):
    """An ANSWER that is not in the text form its question type takes."""


def parts(text: str, separator: re.Pattern) -> list[str]:
    text = text.strip()
    return [part for part in separator.split(text) if part] if text else []


def _letter(i: int) -> str:
    return chr(ord("a") + i) if i < 26 else str(i + 1)


def pick(part: str, texts: Sequence[str], what: str) -> int:
    """An index from a letter, a 1-based number or the exact text (any case)."""
    token = part.strip()
    folded = token.casefold()
    for i, text in enumerate(texts):
        if text.strip().casefold() == folded:
            return i
    if len(folded) == 1 and "a" <= folded <= "z" and ord(folded) - ord("a") < len(texts):
        return ord(folded) - ord("a")
    # isdecimal, not isdigit: "²" is a digit that int() refuses (it was a traceback)
    if token.isdecimal() and 1 <= int(token) <= len(texts):
        return int(token) - 1
    letters = f"a-{_letter(len(texts) - 1)}" if len(texts) <= 26 else f"1-{len(texts)}"
    raise AnswerFormError(
        f"no {what} {token!r}; name a {what} by its letter ({letters}), number or text"
    )


def typed_as_is(question: object, text: str) -> str:
    """A typed answer (short_answer, numeric) is its own text form."""
    return text
