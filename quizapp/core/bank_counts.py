"""New, learning and due counts of a bank for a learner, as Anki shows them in its deck list.

- new: flashcards the learner never answered, at most the number a flashcard session
  introduces (``new_limit``, 20 as in FlashcardSession), since that is what studying
  now would bring; the same definition as the session's new cards.
- due: every card due now, in review or in (re)learning steps alike: a learning card that
  is due is due. The flashcard screen ("4 due", FlashcardSession.due_count) and the
  progress screen ("cards due now", BankSummary.due_count) count exactly these.
- learning: how many of the due cards are in (re)learning steps (an Again, a first
  sight): a part of `due`, not more cards beside it.

`due` is what a flashcard session shows first (every due card, whatever its question
type, because quizzes schedule what they ask); only current questions of the bank count
(the catalog the store keeps of each bank, Store._current).

The SQL is the store's (Cards.study_counts), so the counts run on the store or on a
read-only StoreReader alike; a bank listed from the cache knows its flashcard ids without
building its questions (Bank.self_rated_ids).
"""

from __future__ import annotations

from collections.abc import Iterable
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
    learning: int  # of the due cards, those in (re)learning steps
    due: int  # every card due now, learning ones included
    next_due: datetime | None = None  # when the next card not yet due falls due


def next_change(counts: Iterable[StudyCounts | None]) -> datetime | None:
    """The first moment any of these counts changes by itself (a card falls due)."""
    return min((c.next_due for c in counts if c is not None and c.next_due is not None),
               default=None)


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
    new, learning, due = store.study_counts(learner_id, bank, when, new_limit)
    return StudyCounts(new, learning, due, store.next_due_after(learner_id, bank.id, when))
