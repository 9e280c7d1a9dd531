"""Counts in words: "1 answer", "2 answers", "0 learners". The one place the app decides
a noun's number (it said "2 answers of 1 learners", and each message chose its own way)."""

from __future__ import annotations


def noun(number: int, word: str, plural: str | None = None) -> str:
    """`word` as `number` of it is said: singular for one, else `plural` (word + "s")."""
    if number == 1:
        return word
    return plural if plural is not None else word + "s"


def counted(number: int, word: str, plural: str | None = None) -> str:
    """The number and the noun: counted(1, "learner") is "1 learner"."""
    return f"{number} {noun(number, word, plural)}"
