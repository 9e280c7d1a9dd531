"""Per-format tables keyed by question kind, and the explicit "not supported" entry.

Every exporter keeps one table mapping each kind's YAML type name
(quizapp.core.kinds.KINDS) to how that format writes it, or to NotSupported
with the reason the format cannot hold it. tests/test_kinds.py checks that
every registered kind has an entry in every table, so a new kind cannot be
forgotten by a format; a kind missing from a table (a plug-in the format does
not know) is refused with the same kind of message as a NotSupported entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from quizapp.core.model_base import Question

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class NotSupported:
    """A kind a format cannot hold; `why` is said to the teacher, then the question is left out."""

    why: str


def entry_for(
    table: Mapping[str, T | NotSupported], question: Question, format_name: str
) -> T | NotSupported:
    """The table's entry for the question's kind; NotSupported when it has none."""
    entry = table.get(question.type)
    if entry is None:
        return NotSupported(f"type {question.type!r} cannot be written in {format_name}")
    return entry


def left_out(question: Question, entry: NotSupported) -> str:
    """The warning for a question a format leaves out."""
    return f"question {question.id!r}: {entry.why}; it was left out"
