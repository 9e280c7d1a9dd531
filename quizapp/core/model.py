"""The question bank model: plain, immutable dataclasses.

The loader builds these from YAML; grading, sessions, the store and the GUI
only ever see these objects, never raw YAML. They are frozen so that a loaded
bank can be cached and shared between threads without copying.

Each question type's dataclass is defined by its kind module in
quizapp/core/kinds/ (with how it is read, graded, timed and shown) and is
re-exported here, so `from quizapp.core.model import Cloze` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.core.category import CategoryNote
from quizapp.core.kinds import KINDS
from quizapp.core.kinds.cloze import Cloze
from quizapp.core.kinds.flashcard import Flashcard
from quizapp.core.kinds.matching import Matching
from quizapp.core.kinds.multiple_choice import MultipleChoice
from quizapp.core.kinds.multiple_select import MultipleSelect
from quizapp.core.kinds.numeric import Numeric
from quizapp.core.kinds.ordering import Ordering
from quizapp.core.kinds.short_answer import AnswerFeedback, ShortAnswer
from quizapp.core.kinds.true_false import TrueFalse
from quizapp.core.model_base import (
    CLOZE_BLANK,
    Choice,
    PersonName,
    Problem,
    Question,
    Severity,
    TextPolicy,
)

FORMAT_VERSION = 1

__all__ = [
    "CLOZE_BLANK",
    "FORMAT_VERSION",
    "QUESTION_TYPES",
    "AnswerFeedback",
    "Bank",
    "Choice",
    "Cloze",
    "Flashcard",
    "Matching",
    "MultipleChoice",
    "MultipleSelect",
    "Numeric",
    "Ordering",
    "PersonName",
    "Problem",
    "Question",
    "Severity",
    "ShortAnswer",
    "SourceInfo",
    "TextPolicy",
    "TrueFalse",
]

# The YAML type name -> its dataclass, for every registered kind (the cache's columns).
QUESTION_TYPES: dict[str, type[Question]] = {name: kind.model for name, kind in KINDS.items()}


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceInfo:
    """Where a bank's material comes from (bank level)."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    # The source text itself, in a file beside the bank (a path relative to its
    # folder): `quizapp validate` finds every question's quote in it.
    file: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Bank:
    """A loaded, checked question bank."""

    id: str
    title: str
    questions: tuple[Question, ...]
    description: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: SourceInfo | None = None
    # The description and ID number of the Moodle categories its questions are in, in the
    # order Moodle listed them, for the Moodle XML export to give them back.
    categories: tuple[CategoryNote, ...] = ()
    path: str | None = None  # the file it was loaded from
    content_hash: str = ""  # sha256 of the file's bytes; sessions record it

    def question(self, question_id: str) -> Question | None:
        for q in self.questions:
            if q.id == question_id:
                return q
        return None

    @property
    def all_tags(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for q in self.questions:
            for t in q.tags:
                seen.setdefault(t, None)
        return tuple(seen)

    # The library lists a bank by these two and all_tags; a bank rebuilt from the cache
    # (core/lazy_bank.py) answers them from its cache entry without building a question.
    @property
    def question_count(self) -> int:
        return len(self.questions)

    @property
    def catalog_signature(self) -> str:
        """What the store's catalog tables hold for this bank: its question ids and tags."""
        return catalog_signature(self.questions)

    @property
    def self_rated_ids(self) -> tuple[str, ...]:
        """The ids of the questions the learner rates themselves (flashcards), in order."""
        from quizapp.core.kinds import self_rated_models

        rated = self_rated_models()
        return tuple(q.id for q in self.questions if isinstance(q, rated))


def catalog_signature(questions: tuple[Question, ...]) -> str:
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    for q in questions:
        digest.update(q.id.encode())
        digest.update(b"\x1f" + "\x1e".join(q.tags).encode() + b"\x00")
    return digest.hexdigest()
