"""New, learning and due counts of a bank for a learner, as Anki shows them in its deck list.

- new: flashcards the learner never answered, at most the number a flashcard session
  introduces (``new_limit``, 20 as in FlashcardSession), since that is what studying
  now would bring; the same definition as the session's new cards.
- learning: cards in (re)learning steps that are due now (an Again, a first sight).
- due: cards in review that are due now.

learning + due is what a flashcard session shows first (every due card, whatever its
question type, because quizzes schedule what they ask); only current questions of the
bank count (the catalog the store keeps of each bank, Store._current).

The SQL is the store's (Cards.study_counts), so the counts run on the store or on a
read-only StoreReader alike; a bank listed from the cache knows its flashcard ids without
building its questions (Bank.self_rated_ids).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

TYPE_CHECKING = False
if TYPE_CHECKING:
    from quizapp.core.model import Bank
    from quizapp.core.store import StoreQueries

NEW_LIMIT = 20  # FlashcardSession's default new_limit


@dataclass(frozen=True, slots=True)
class StudyCounts:
    new: int
    learning: int
    due: int


def study_counts(
    store: StoreQueries,
    learner_id: int,
    bank: Bank,
    *,
    now: datetime | None = None,
    new_limit: int = NEW_LIMIT,
) -> StudyCounts:
    """New, learning and due counts of `bank` for the learner (see the module docstring)."""
    when = now or datetime.now(UTC)
    when = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)
    return StudyCounts(*store.study_counts(learner_id, bank, when, new_limit))
