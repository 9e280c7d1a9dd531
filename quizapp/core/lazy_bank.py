"""A Bank listed from its cache entry's summary, whose questions are built on first use.

Listing a library needs a bank's title, description, tags, question count and the
store's catalog signature, not its questions: rebuilding 100,000 questions from the
cache costs about 0.6 s, reading the entry's signed summary well under a millisecond.
The loader (``load_bank(path, lazy=True)``) makes a LazyBank from the summary and a
builder that reads the entry's bank part (checking its HMAC) or, failing that, checks
the unchanged file again. The first read of ``questions`` (from any thread) runs the
builder once, under a lock; every later read is the plain slot.

A LazyBank is a Bank: same fields, equal to the Bank the plain loader builds from
the same file, and ``dataclasses.replace`` on it gives an ordinary, eager copy.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from quizapp.core.model import Bank, Question

__all__ = ["LazyBank", "ListingFacts", "StaleBankError"]

# Bank's own slot for `questions`: LazyBank's property reads and fills it.
_QUESTIONS_SLOT = Bank.__dict__["questions"]
_BANK_FIELDS = tuple(Bank.__dataclass_fields__)


class StaleBankError(RuntimeError):
    """The bank's questions are wanted, but its file changed after it was listed and
    its cache entry is gone: the listing no longer describes the file."""

    def __init__(self, path: str):
        self.path = path
        super().__init__(
            f"{path} changed on disk after the library listed it; "
            "the library reloads it, then open it again"
        )


@dataclass(frozen=True, slots=True)
class ListingFacts:
    """What the library shows of a bank's questions, read from its cache entry."""

    question_count: int
    catalog_signature: str
    all_tags: tuple[str, ...]
    self_rated_ids: tuple[str, ...]  # the flashcards, for the library's new-card count


class LazyBank(Bank):
    __slots__ = ("_facts", "_builder", "_lock")

    _facts: ListingFacts | None
    _builder: Callable[[], tuple[Question, ...]] | None
    _lock: threading.Lock | None

    @classmethod
    def listed(
        cls,
        fields: dict[str, object],
        facts: ListingFacts,
        builder: Callable[[], tuple[Question, ...]],
    ) -> LazyBank:
        """A bank with every field but `questions`, which ``builder`` makes on first use."""
        bank = object.__new__(cls)
        for name in _BANK_FIELDS:
            if name != "questions":
                object.__setattr__(bank, name, fields[name])
        object.__setattr__(bank, "_facts", facts)
        object.__setattr__(bank, "_builder", builder)
        object.__setattr__(bank, "_lock", threading.Lock())
        return bank

    @property  # Bank's field, filled on first use
    def questions(self) -> tuple[Question, ...]:
        try:
            return _QUESTIONS_SLOT.__get__(self, Bank)
        except AttributeError:
            return self._build()

    @questions.setter
    def questions(self, value: tuple[Question, ...]) -> None:
        # Bank.__init__ (dataclasses.replace, unpickling) sets the field: an eager bank.
        _QUESTIONS_SLOT.__set__(self, value)
        object.__setattr__(self, "_facts", None)
        object.__setattr__(self, "_builder", None)

    @property
    def built(self) -> bool:
        """Whether the questions exist yet (the library warms banks up in the background)."""
        try:
            _QUESTIONS_SLOT.__get__(self, Bank)
        except AttributeError:
            return False
        return True

    def _build(self) -> tuple[Question, ...]:
        lock = self._lock
        assert lock is not None  # only a listed bank has no questions yet
        with lock:
            if not self.built:
                builder = self._builder
                assert builder is not None
                _QUESTIONS_SLOT.__set__(self, builder())
                object.__setattr__(self, "_builder", None)  # frees the entry's path and key
        return _QUESTIONS_SLOT.__get__(self, Bank)

    @property
    def question_count(self) -> int:
        facts = self._facts
        return len(self.questions) if facts is None else facts.question_count

    @property
    def catalog_signature(self) -> str:
        facts = self._facts
        return Bank.catalog_signature.fget(self) if facts is None else facts.catalog_signature  # type: ignore[attr-defined]

    @property
    def all_tags(self) -> tuple[str, ...]:
        facts = self._facts
        return Bank.all_tags.fget(self) if facts is None else facts.all_tags  # type: ignore[attr-defined]

    @property
    def self_rated_ids(self) -> tuple[str, ...]:
        facts = self._facts
        return Bank.self_rated_ids.fget(self) if facts is None else facts.self_rated_ids  # type: ignore[attr-defined]

    # Equal to the eager Bank of the same file (dataclass __eq__ wants the same class).
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Bank):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _BANK_FIELDS)

    __hash__ = Bank.__hash__
