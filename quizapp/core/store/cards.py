"""Card queries: a learner's FSRS cards, what is due and when, which questions were seen."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from quizapp.core.store.catalog import _JOIN_CURRENT, _JOIN_CURRENT_S, Catalog
from quizapp.core.store.catch_up import StatsCatchUp
from quizapp.core.store.connection import Database
from quizapp.core.store.values import _BEFORE_ANY_TIME, _dt, _due_or_none, _ts
from quizapp.core.utc_text import from_utc_micros, utc_micros

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from quizapp.core.model import Bank
    from quizapp.core.stats import CardState


def not_suspended_sql(db: Database, learner_id: int, bank_id: str) -> str:
    """_NOT_SUSPENDED when the learner suspended a card of the bank, else "": one seek,
    and a query over many cards (a review's due cards, the library's counts) stays as it
    was for the learner who suspended none (a probe per card cost a 10,000-card review's
    start ~10%: docs/performance.md, "Suspended cards")."""
    return _NOT_SUSPENDED if db.read1(
        "SELECT 1 FROM suspended_cards WHERE learner_id = ? AND bank_id = ? LIMIT 1",
        (learner_id, str(bank_id))) else ""


# FSRS card states as the cards table stores them (fsrs.State).
LEARNING_STATES = (1, 3)  # Learning, Relearning
# A card `c` the learner has not suspended (store schema 15): flashcards, practice and the
# due counts leave suspended cards out. One primary key seek per card read; counts of many
# due cards take the suspended ones off instead (_SUSPENDED_DUE: usually no row).
_NOT_SUSPENDED = (
    " AND NOT EXISTS (SELECT 1 FROM suspended_cards sc WHERE sc.learner_id = c.learner_id"
    " AND sc.bank_id = c.bank_id AND sc.question_id = c.question_id)"
)
# (CROSS JOIN: SQLite then reads the suspended cards first, each one seek into the cards'
# unique key; a plain JOIN let it walk every due card instead.)
_SUSPENDED_DUE = (
    "SELECT count(*) FROM suspended_cards sc CROSS JOIN cards c ON c.learner_id = sc.learner_id"
    " AND c.bank_id = sc.bank_id AND c.question_id = sc.question_id"
    " WHERE sc.learner_id = ? AND sc.bank_id = ? AND c.due <= ?"
)


class Cards:
    def __init__(self, db: Database, catalog: Catalog, stats: StatsCatchUp) -> None:
        self._db = db
        self._catalog = catalog
        self._stats = stats

    def card_state(self, learner_id: int, bank_id: str, question_id: str) -> CardState | None:
        from quizapp.core import scheduler
        from quizapp.core.stats import CardState

        row = self._db.read1(
            "SELECT learner_id, bank_id, question_id, card_id, state, step, stability,"
            " difficulty, due, last_review, reviews, lapses FROM cards"
            " WHERE learner_id = ? AND bank_id = ? AND question_id = ?",
            (learner_id, bank_id, question_id),
        )
        if row is None:
            return None
        return CardState(
            row[0],
            row[1],
            row[2],
            row[3],
            scheduler.state_name(row[4]),
            row[5],
            row[6],
            row[7],
            from_utc_micros(row[8]),
            _dt(row[9]),
            row[10],
            row[11],
        )

    def suspended_questions(self, learner_id: int, bank_id: str) -> dict[str, datetime]:
        """The learner's suspended cards of bank_id (current questions or not): question
        id -> when suspended, oldest first."""
        rows = self._db.read(
            "SELECT question_id, suspended FROM suspended_cards"
            " WHERE learner_id = ? AND bank_id = ? ORDER BY suspended, question_id",
            (learner_id, str(bank_id)),
        )
        return {qid: datetime.fromisoformat(when) for qid, when in rows}

    def set_suspended(
        self, learner_id: int, bank_id: str, question_ids: Iterable[str], suspended: bool,
        now: datetime | None = None,
    ) -> int:
        """Suspend these cards of the learner (keep them out of flashcards, practice and
        the due counts), or bring them back (suspended=False), in one transaction; the
        card's schedule and reviews stay as they are. Returns how many changed (a card
        suspended already, or not suspended, is left as it is)."""
        from quizapp.core.store.suspensions import log_changes_within

        ids = list(dict.fromkeys(question_ids))
        when = _ts(now or datetime.now(UTC))
        with self._db.write() as c:
            # Each change logged (schema 16), so that the class server carries it.
            return log_changes_within(c, learner_id, str(bank_id), ids, suspended, when)

    def reviewed_since(
        self, learner_id: int, bank_id: str, since: datetime
    ) -> dict[str, datetime]:
        rows = self._db.read(
            "SELECT question_id, last_review FROM cards WHERE learner_id = ? AND bank_id = ?"
            " AND last_review >= ?",
            (learner_id, bank_id, _ts(since)),
        )
        return {row[0]: datetime.fromisoformat(row[1]) for row in rows}

    def due_question_ids(
        self,
        learner_id: int,
        bank_id: Bank | str,
        now: datetime | None = None,
        question_ids: Iterable[str] | None = None,
    ) -> list[str]:
        """Questions due at `now`, most overdue first; only current ones for a Bank."""
        bank, current = self._catalog.current(bank_id)
        rows = self._db.read(
            "SELECT c.question_id FROM cards c"
            + (_JOIN_CURRENT if current else "")
            + " WHERE c.learner_id = ? AND c.bank_id = ? AND c.due <= ?"
            + not_suspended_sql(self._db, learner_id, bank)
            + " ORDER BY c.due",
            (learner_id, bank, utc_micros(now or datetime.now(UTC))),
        )
        if question_ids is not None:
            wanted = set(question_ids)
            return [r[0] for r in rows if r[0] in wanted]
        return [r[0] for r in rows]

    def count_due(self, learner_id: int, bank_id: str, now: datetime | None = None) -> int:
        """How many of this learner's cards of bank_id (all of them, current or not; not
        the suspended ones) are due at `now`: one count over the covering index
        cards_by_due, no catalog join (a flashcard review asks after every card; see
        stale_cards), less the suspended ones due (a seek per suspended card)."""
        key = (learner_id, str(bank_id), utc_micros(now or datetime.now(UTC)))
        return self._db.value(
            "SELECT (SELECT count(*) FROM cards WHERE learner_id = ? AND bank_id = ?"
            f" AND due <= ?) - ({_SUSPENDED_DUE})",
            key + key,
        )

    def stale_cards(
        self, learner_id: int, bank: Bank, due_after: datetime | None = None
    ) -> dict[str, datetime]:
        """The learner's cards of `bank` whose question it no longer holds (only those due
        after `due_after`, if given): question id -> when due. Usually none; count_due less
        the due ones here is the count of the bank's current cards."""
        bank_id, _ = self._catalog.current(bank)
        rows = self._db.read(
            "SELECT c.question_id, c.due FROM cards c WHERE c.learner_id = ? AND c.bank_id = ?"
            " AND c.due > ? AND NOT EXISTS (SELECT 1 FROM bank_questions bq"
            " WHERE bq.bank_id = c.bank_id AND bq.question_id = c.question_id)"
            + _NOT_SUSPENDED,
            (learner_id, bank_id, _BEFORE_ANY_TIME if due_after is None else utc_micros(due_after)),
        )
        return {qid: from_utc_micros(due) for qid, due in rows}

    def next_due(
        self, learner_id: int, bank_id: Bank | str, question_ids: Iterable[str] | None = None
    ) -> datetime | None:
        """When the first of these questions (all current ones for a Bank) is due; a
        suspended card is never due."""
        bank, current = self._catalog.current(bank_id)
        if question_ids is None:
            # the due index walked in order, stopping at the first card not suspended
            first = self._db.read1(
                "SELECT c.due FROM cards c"
                + (_JOIN_CURRENT if current else "")
                + " WHERE c.learner_id = ? AND c.bank_id = ?"
                + _NOT_SUSPENDED
                + " ORDER BY c.due LIMIT 1",
                (learner_id, bank),
            )
            return _due_or_none(first[0] if first else None)
        ids = list(dict.fromkeys(question_ids))
        if len(ids) <= 500:
            row = self._db.read1(
                "SELECT min(c.due) FROM cards c WHERE c.learner_id = ? AND c.bank_id = ?"
                f" AND c.question_id IN ({','.join('?' * len(ids))})" + _NOT_SUSPENDED,
                (learner_id, bank, *ids),
            )
            return _due_or_none(row[0] if row else None)
        # Many ids (a whole bank): walk the due index, usually stopping at the first row.
        wanted = set(ids).difference(self.suspended_questions(learner_id, bank))
        with self._db.lock:
            try:
                cursor = self._db.live().execute(
                    "SELECT question_id, due FROM cards WHERE learner_id = ? AND bank_id = ?"
                    " ORDER BY due",
                    (learner_id, bank),
                )
                for qid, due in cursor:
                    if qid in wanted:
                        return from_utc_micros(due)
            except sqlite3.Error as exc:
                raise self._db.failure(exc) from exc
        return None

    def seen_among(self, learner_id: int, bank_id: str, question_ids: Sequence[str]) -> set[str]:
        """Which of these questions of bank_id the learner has answered: primary key seeks,
        for a few ids where seen_question_ids would read the whole bank's rows."""
        self._stats.fresh()
        seen: set[str] = set()
        for start in range(0, len(question_ids), 500):  # well under SQLite's 999 variables
            chunk = question_ids[start : start + 500]
            rows = self._db.read(
                "SELECT question_id FROM question_stats WHERE learner_id = ? AND bank_id = ?"
                f" AND question_id IN ({','.join('?' * len(chunk))})",
                (learner_id, str(bank_id), *chunk),
            )
            seen.update(r[0] for r in rows)
        return seen

    def seen_question_ids(self, learner_id: int, bank_id: Bank | str) -> set[str]:
        """Questions this learner has answered at least once (current ones for a Bank)."""
        bank, current = self._catalog.current(bank_id)
        self._stats.fresh()
        rows = self._db.read(
            "SELECT s.question_id FROM question_stats s"
            + (_JOIN_CURRENT_S if current else "")
            + " WHERE s.learner_id = ? AND s.bank_id = ?",
            (learner_id, bank),
        )
        return {r[0] for r in rows}

    # -- the library's new / learning / due counts (core/bank_counts.py says what they mean)

    def study_counts(
        self, learner_id: int, bank: Bank, now: datetime, new_limit: int
    ) -> tuple[int, int, int]:
        """(new, learning, due) of `bank` for the learner at `now`: one range scan of the
        cards_by_due index, and the unseen flashcards counted a growing batch at a time."""
        bank_id, _ = self._catalog.current(bank)  # the catalog of current questions is fresh
        rows = self._db.read(
            "SELECT c.state, count(*) FROM cards c JOIN bank_questions bq"
            " ON bq.bank_id = c.bank_id AND bq.question_id = c.question_id"
            " WHERE c.learner_id = ? AND c.bank_id = ? AND c.due <= ?"
            + not_suspended_sql(self._db, learner_id, bank_id) + " GROUP BY c.state",
            (learner_id, bank_id, utc_micros(now)),
        )
        by_state = {int(state): int(count) for state, count in rows}
        learning = sum(by_state.get(s, 0) for s in LEARNING_STATES)
        due = sum(by_state.values())  # a learning card that is due is due (bank_counts)
        return self._new_count(learner_id, bank, new_limit), learning, due

    def next_due_after(self, learner_id: int, bank_id: str, now: datetime) -> datetime | None:
        """When the learner's next card of bank_id not yet due at `now` falls due, a
        suspended one aside (cards_by_due walked in order from `now`, usually stopping at
        its first row; a card of a question gone from the bank may come first, which only
        makes a screen waiting for it count again early)."""
        first = self._db.read1(
            "SELECT c.due FROM cards c WHERE c.learner_id = ? AND c.bank_id = ? AND c.due > ?"
            + _NOT_SUSPENDED + " ORDER BY c.due LIMIT 1",
            (learner_id, bank_id, utc_micros(now)),
        )
        return _due_or_none(first[0] if first else None)

    def _new_count(self, learner_id: int, bank: Bank, limit: int) -> int:
        """Unseen flashcards, at most `limit`. A bank of flashcards only is counted from the
        number of questions seen (one count); otherwise candidates are checked a growing
        batch at a time (as FlashcardSession does), so 20 new cards cost one small query."""
        ids = bank.self_rated_ids
        if not ids or limit <= 0:
            return 0
        if suspended := self.suspended_questions(learner_id, bank.id):
            ids = tuple(i for i in ids if i not in suspended)  # counted in batches below
        if len(ids) == bank.question_count:
            self._stats.fresh()
            row = self._db.read1(
                "SELECT count(*) FROM question_stats s JOIN bank_questions bq"
                " ON bq.bank_id = s.bank_id AND bq.question_id = s.question_id"
                " WHERE s.learner_id = ? AND s.bank_id = ?",
                (learner_id, bank.id),
            )
            return min(limit, len(ids) - (int(row[0]) if row else 0))
        new, start, batch = 0, 0, limit * 2
        while new < limit and start < len(ids):
            chunk = list(ids[start : start + batch])
            new += len(chunk) - len(self.seen_among(learner_id, bank.id, chunk))
            start += batch
            batch *= 2
        return min(new, limit)
