"""New, learning and due counts of a bank for a learner, as Anki shows them in its deck list.

- new: flashcards the learner never answered, at most the number a flashcard session
  introduces (``new_limit``, 20 as in FlashcardSession), since that is what studying
  now would bring; the same definition as the session's new cards.
- learning: cards in (re)learning steps that are due now (an Again, a first sight).
- due: cards in review that are due now.

learning + due is what a flashcard session shows first (every due card, whatever its
question type, because quizzes schedule what they ask); only current questions of the
bank count (the catalog the store keeps of each bank, Store._current).

Kept out of store.py (being split into a package): it reads through the store's locked
read helper; with a read-only connection of its own (operations layer) ``count_cards``
takes that connection's ``execute`` as is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from quizapp.core.model import Bank
from quizapp.core.store import Store

NEW_LIMIT = 20  # FlashcardSession's default new_limit
LEARNING_STATES = (1, 3)  # fsrs State.Learning, State.Relearning
REVIEW_STATE = 2  # fsrs State.Review

Reader = Callable[[str, tuple], Sequence[tuple]]


@dataclass(frozen=True, slots=True)
class StudyCounts:
    new: int
    learning: int
    due: int


# Flashcard ids per bank, kept while the same Bank object is loaded (a 100,000-question
# bank is walked once, not at every library refresh; a bank listed from the cache knows
# them without building its questions).
_flashcards: dict[str, tuple[Bank, tuple[str, ...]]] = {}


def flashcard_ids(bank: Bank) -> tuple[str, ...]:
    cached = _flashcards.get(bank.id)
    if cached is None or cached[0] is not bank:
        cached = (bank, bank.self_rated_ids)
        _flashcards[bank.id] = cached
    return cached[1]


def count_cards(read: Reader, learner_id: int, bank_id: str, now: datetime) -> tuple[int, int]:
    """(learning, due) cards of the bank's current questions due at `now`: one range
    scan of the cards_by_due index."""
    rows = read(
        "SELECT c.state, count(*) FROM cards c JOIN bank_questions bq"
        " ON bq.bank_id = c.bank_id AND bq.question_id = c.question_id"
        " WHERE c.learner_id = ? AND c.bank_id = ? AND c.due <= ? GROUP BY c.state",
        (learner_id, bank_id, now.isoformat(timespec="microseconds")),
    )
    by_state = {int(state): int(count) for state, count in rows}
    learning = sum(by_state.get(s, 0) for s in LEARNING_STATES)
    return learning, by_state.get(REVIEW_STATE, 0)


def count_seen(read: Reader, learner_id: int, bank_id: str) -> int:
    """Current questions of the bank the learner answered at least once."""
    rows = read(
        "SELECT count(*) FROM question_stats s JOIN bank_questions bq"
        " ON bq.bank_id = s.bank_id AND bq.question_id = s.question_id"
        " WHERE s.learner_id = ? AND s.bank_id = ?",
        (learner_id, bank_id),
    )
    return int(rows[0][0])


def count_new(store: Store, learner_id: int, bank: Bank, limit: int) -> int:
    """Unseen flashcards, at most `limit`. A bank of flashcards only is counted from the
    number of questions seen (one count); otherwise candidates are checked a growing batch
    at a time (as FlashcardSession does), so 20 new cards cost one small query."""
    ids = flashcard_ids(bank)
    if not ids or limit <= 0:
        return 0
    if len(ids) == bank.question_count:
        return min(limit, len(ids) - count_seen(store._read, learner_id, bank.id))
    new, start, batch = 0, 0, limit * 2
    while new < limit and start < len(ids):
        chunk = list(ids[start : start + batch])
        new += len(chunk) - len(store.seen_among(learner_id, bank.id, chunk))
        start += batch
        batch *= 2
    return min(new, limit)


def study_counts(
    store: Store,
    learner_id: int,
    bank: Bank,
    *,
    now: datetime | None = None,
    new_limit: int = NEW_LIMIT,
) -> StudyCounts:
    """New, learning and due counts of `bank` for the learner (see the module docstring)."""
    store._current(bank)  # the catalog of the bank's current questions is up to date
    when = now or datetime.now(UTC)
    when = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)
    learning, due = count_cards(store._read, learner_id, bank.id, when)
    return StudyCounts(count_new(store, learner_id, bank, new_limit), learning, due)
