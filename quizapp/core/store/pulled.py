"""Rows pulled from the class server, imported piece by piece (quizapp.server.sync.pull):
each piece in one write transaction with the pull's marks it justifies, so a pull cut off
(the app killed, the network gone) keeps every piece it finished and goes on from there.

After every piece the store is what a whole import gives: the touched cards are the replay
of their reviews in the order they happened (retracted answers left out), and the learner's
statistics are the recount of their answers in the order they were given. Doing that from
scratch for every piece would cost the whole history per piece (a new computer pulling a
year: quadratic), so a pull remembers, between its pieces, each card's replay so far and
that the statistics equal the recount; a piece whose rows come after them in time (a
history pulled in the order it was pushed) only adds to them. Anything else (a card whose
new review is older than its last, an override, a retraction, a write of another window
or process between two pieces) replays or recounts from the logs, as before.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.store.answers import RECORD_RETRACTION
from quizapp.core.store.caches import StoreCaches
from quizapp.core.store.catch_up import (
    _ADD_BANK_STATS,
    _ADD_DAY_STATS,
    _ADD_QUESTION_STATS,
    ADD_VERSION_STATS,
    catch_up_within,
    mark_counted_within,
)
from quizapp.core.store.connection import Database
from quizapp.core.store.derived import (
    StatsTally,
    _attempt_totals,
    _effective_reviews,
    _rebuild_score_days,
    _rebuild_stats,
)
from quizapp.core.store.local_days import days_counted_here_within
from quizapp.core.store.schema import PUSHED_LOGS, SCORED_MODES, SUSPENSION_LOG
from quizapp.core.store.suspensions import import_within
from quizapp.core.store.values import _card_row

TYPE_CHECKING = False
if TYPE_CHECKING:
    from fsrs import Card

    from quizapp.core.sync_batch import SyncBatch

_SCORED = repr(SCORED_MODES)  # an SQL list: ('quiz', 'exam', 'practice')
_TOPS = (
    "SELECT (SELECT coalesce(max(id), 0) FROM sessions),"
    " (SELECT coalesce(max(id), 0) FROM answers),"
    " (SELECT coalesce(max(id), 0) FROM reviews),"
    " (SELECT coalesce(max(id), 0) FROM retractions)"
)


@dataclass(slots=True)
class CardReplay:
    """Where a card's replay stands: the card before its last effective review and that
    review, so that later reviews continue it exactly as derived._replay would (every
    review but the last unfuzzed, the last with its fuzz)."""

    card_id: int
    before_last: Card
    last: tuple  # (rating, when, duration_ms, draw)
    count: int
    lapses: int
    last_reviewed: str  # the latest `reviewed` replayed (reviews are replayed in its order)

    def card(self) -> Card:
        from quizapp.core import scheduler

        rating, when, duration_ms, draw = self.last
        return scheduler.review(self.before_last, rating, when,
                                None if duration_ms is None else duration_ms / 1000, draw)

    def extend(self, reviews: list[tuple]) -> None:
        """Add effective reviews [(rating, when, duration_ms, draw)] that come after the
        ones replayed (in time), as new answers of the card."""
        from quizapp.core import scheduler

        for review in reviews:
            rating_before, when_before = self.last[:2]
            self.before_last = scheduler.review_unfuzzed(self.before_last, rating_before,
                                                         when_before)
            self.last = review
            self.count += 1
            if review[0] == scheduler.AGAIN:
                self.lapses += 1  # never the card's first review: it has one already


def replay_from_start(card_id: int, reviews: list[tuple], last_reviewed: str) -> CardReplay:
    """The replay of effective reviews [(rating, when, duration_ms, draw)] (at least one),
    as derived._replay gives it."""
    from quizapp.core import scheduler

    replay = CardReplay(card_id, scheduler.new_card(card_id, reviews[0][1]), reviews[0], 1, 0,
                        last_reviewed)
    replay.extend(reviews[1:])
    return replay


class PulledImport:
    """One pull's import for one learner: `piece()` adds a piece of rows in one write
    transaction. Made by ClassSync.pulling() for each pull; it keeps what the pieces
    share (see the module docstring) and checks, at each piece, that nobody else wrote
    meanwhile (the logs' last ids as it left them), or it starts over from the logs."""

    def __init__(self, db: Database, caches: StoreCaches, learner_id: int) -> None:
        self._db = db
        self._caches = caches
        self._learner = int(learner_id)
        self._prefix = f"sync.{self._learner}."
        self._left: tuple | None = None  # the logs' last ids after this pull's last piece
        self._replays: dict[tuple, CardReplay] = {}
        self._reviews_before: dict[tuple, dict[str, list[int]]] = {}  # per card
        self._review_base = 0  # reviews up to this id were here before (or checked)
        self._stats_recounted = False  # the learner's statistics equal the recount
        self._nothing_waiting: bool | None = None
        # Retractions of other computers applied here (a sync reports them, as answers).
        self.taken_back = 0
        self._piece_taken_back = 0  # those of the piece being written
        # Answers new here, in the pieces committed (a pull cut off later reports them).
        self.added = 0
        # Cards suspended or brought back here by other computers' actions (committed).
        self.cards_suspended_or_back = 0
        self._piece_cards_suspended_or_back = 0

    def piece(self, batch: SyncBatch, settings: dict[str, str] | None = None) -> int:
        """Add `batch` (rows already here are skipped by uuid) and write `settings` (the
        pull's marks) in the same transaction; the answers new here."""
        if not len(batch) and not settings:
            return 0
        self._caches.item_cache.clear()
        try:
            with self._db.write() as c:
                self._piece_taken_back = self._piece_cards_suspended_or_back = 0
                new_answers = self._piece_within(c, batch) if len(batch) else 0
                for key, value in (settings or {}).items():
                    c.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                              (key, value))
            self.taken_back += self._piece_taken_back  # committed
            self.cards_suspended_or_back += self._piece_cards_suspended_or_back
            self.added += new_answers
        except BaseException:
            self._left = None  # rolled back: what this pull remembers is not the store's
            raise
        return new_answers

    def _piece_within(self, c: sqlite3.Connection, batch: SyncBatch) -> int:
        learner_id = self._learner
        # Everyone's statistics count every answer here before the pulled ones come in.
        catch_up_within(c)
        tops = c.execute(_TOPS).fetchone()
        if tops != self._left:
            # The first piece, or another window or process wrote since the last: what
            # this pull remembers of the cards and statistics may be stale.
            self._replays.clear()
            self._reviews_before.clear()
            self._review_base = tops[2]
            self._stats_recounted = False
            self._nothing_waiting = None
        if self._nothing_waiting is None:
            self._nothing_waiting = self._nothing_waiting_within(c)
        changes = c.total_changes
        c.executemany(
            "INSERT INTO sessions(learner_id, bank_id, content_hash, mode, started, uuid)"
            " VALUES (?,?,?,?,?,?) ON CONFLICT(uuid) DO NOTHING",
            [(learner_id, bank_id, content_hash, mode, started, str(uuid))
             for uuid, bank_id, content_hash, mode, started in batch.sessions],
        )
        # A review of mistakes is no attempt (schema 11): one ended by a computer with an
        # older quizapp brings a score, kept aside in score_v10 as the migration keeps it.
        c.executemany(
            "UPDATE sessions SET finished = ?,"
            f" score = CASE WHEN mode IN {_SCORED} THEN ? END,"
            f" score_v10 = CASE WHEN mode IN {_SCORED} THEN NULL ELSE ? END,"
            " outcome = ?, recall = ?"
            " WHERE uuid = ? AND learner_id = ? AND finished IS NULL",
            [(finished, score, score, outcome, recall, str(uuid), learner_id)
             for uuid, _bank, finished, score, outcome, recall in batch.ends],
        )
        sessions_changed = c.total_changes != changes
        c.executemany(
            "INSERT INTO answers(uuid, session_id, question_id, response, correct,"
            " credit, seconds, answered, shown, version) SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ?"
            " FROM sessions WHERE uuid = ? AND learner_id = ?"
            " ON CONFLICT(uuid) DO NOTHING",
            [(str(uuid), qid, response, int(bool(correct)), credit, seconds, answered, shown,
              version, str(session_uuid), learner_id)
             for (uuid, session_uuid, _bank, qid, response, correct, credit, seconds,
                  answered, shown, version) in batch.answers],
        )
        # The answers new here (their ids follow the last one), in the order given.
        added = c.execute(
            "SELECT s.learner_id, s.bank_id, a.question_id, a.correct, a.credit, a.seconds,"
            " a.answered, a.version FROM answers a JOIN sessions s ON s.id = a.session_id"
            " WHERE a.id > ? ORDER BY a.answered, a.id",
            (tops[1],),
        ).fetchall()
        retracted = {r[0] for r in c.execute("SELECT answer_uuid FROM retractions")}
        if batch.reviews:
            self._add_reviews(c, batch.reviews, tops[2], retracted)
        took_back = self._take_back(c, batch.retractions)
        self._piece_cards_suspended_or_back = import_within(c, learner_id, batch.suspensions,
                                                self._prefix + SUSPENSION_LOG)
        self._count(c, added, sessions_changed, took_back)
        if self._nothing_waiting:
            # Pulled rows are not pushed back: the push marks move past them.
            for log, top, new_top in zip(PUSHED_LOGS, tops, c.execute(_TOPS).fetchone(),
                                         strict=True):
                if new_top > top:
                    c.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                              (self._prefix + log, str(new_top)))
        self._left = c.execute(_TOPS).fetchone()
        return len(added)

    def _nothing_waiting_within(self, c: sqlite3.Connection) -> bool:
        """Whether every row of this learner is at or below its push mark."""
        marks = {
            log: int(v)
            for log, v in c.execute(
                "SELECT substr(key, ?), value FROM settings WHERE key LIKE ?",
                (len(self._prefix) + 1, self._prefix + "%"),
            )
            if log in PUSHED_LOGS
        }
        learner_id = self._learner
        top = c.execute(
            "SELECT (SELECT coalesce(max(id), 0) FROM sessions WHERE learner_id = ?),"
            " (SELECT coalesce(max(a.id), 0) FROM answers a JOIN sessions s"
            "  ON s.id = a.session_id WHERE s.learner_id = ?),"
            " (SELECT coalesce(max(id), 0) FROM reviews WHERE learner_id = ?),"
            " (SELECT coalesce(max(r.id), 0) FROM retractions r CROSS JOIN answers a"
            "  ON a.uuid = r.answer_uuid CROSS JOIN sessions s ON s.id = a.session_id"
            "  WHERE s.learner_id = ?)",
            (learner_id, learner_id, learner_id, learner_id),
        ).fetchone()
        return all(t <= marks.get(log, 0) for t, log in zip(top, PUSHED_LOGS, strict=True))

    # ------------------------------------------------------------ reviews and cards

    def _add_reviews(self, c: sqlite3.Connection, reviews: list[tuple], top: int,
                     retracted: set[str]) -> None:
        """Insert the reviews not here yet and bring the cards they touch up to date."""
        from quizapp.core import scheduler

        learner_id = self._learner
        plain: list[tuple] = []
        overrides: list[tuple] = []
        for review in sorted(reviews, key=lambda r: (str(r[0]), r[1])):
            (overrides if review[1] else plain).append(review)
        rows = []
        # draw: None from a computer or server before schema 13 (the seeded draw replays it)
        for answer_uuid, _n, bank_id, qid, rating, reviewed, duration_ms, _o, draw in plain:
            key = (learner_id, bank_id, qid)
            if self._before(c, key).get(str(answer_uuid)):
                continue  # already here (its answer's first review, n = 0)
            rows.append((str(answer_uuid), *key, scheduler.card_id_for(*key), rating,
                         reviewed, duration_ms, draw))
        c.executemany(
            "INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id, card_id,"
            " rating, reviewed, duration_ms, overrides, card, draw)"
            " VALUES (?,?,?,?,?,?,?,?,NULL,'',?)",
            rows,
        )
        # Overrides (logged by earlier versions of quizapp; rare): numbered among their
        # answer's reviews here, those of this pull included.
        for (answer_uuid, n, bank_id, qid, rating, reviewed, duration_ms, replaces,
             draw) in overrides:
            key = (learner_id, bank_id, qid)
            have = [r[0] for r in c.execute(
                "SELECT id FROM reviews WHERE learner_id = ? AND bank_id = ?"
                " AND question_id = ? AND answer_uuid = ? ORDER BY id",
                (*key, str(answer_uuid)),
            )]
            if n < len(have):
                continue
            c.execute(
                "INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id, card_id,"
                " rating, reviewed, duration_ms, overrides, card, draw)"
                " VALUES (?,?,?,?,?,?,?,?,?,'',?)",
                (str(answer_uuid), *key, scheduler.card_id_for(*key), rating, reviewed,
                 duration_ms, None if replaces is None or replaces >= len(have)
                 else have[replaces], draw),
            )
        new_by_card: dict[tuple, list[tuple]] = {}
        for row in c.execute(
            "SELECT learner_id, bank_id, question_id, id, answer_uuid, rating, reviewed,"
            " duration_ms, overrides, draw FROM reviews WHERE id > ? ORDER BY reviewed, id",
            (top,),
        ):
            new_by_card.setdefault(row[:3], []).append(row[3:])
        for key, new in new_by_card.items():
            self._bring_card_up_to_date(c, key, new, retracted)

    def _before(self, c: sqlite3.Connection, key: tuple) -> dict[str, list[int]]:
        """The card's reviews here before this pull's pieces (by answer), read once."""
        known = self._reviews_before.get(key)
        if known is None:
            known = self._reviews_before[key] = {}
            for answer_uuid, review_id in c.execute(
                "SELECT answer_uuid, id FROM reviews WHERE learner_id = ? AND bank_id = ?"
                " AND question_id = ? AND id <= ? ORDER BY id",
                (*key, self._review_base),
            ):
                known.setdefault(answer_uuid, []).append(review_id)
        return known

    def _bring_card_up_to_date(self, c: sqlite3.Connection, key: tuple, new: list[tuple],
                               retracted: set[str]) -> None:
        """new: the card's reviews added by this piece, (id, answer_uuid, rating, reviewed,
        duration_ms, overrides, draw) in time order."""
        replay = self._replays.get(key)
        if (replay is not None and new[0][3] >= replay.last_reviewed
                and all(r[5] is None and r[1] not in retracted for r in new)):
            replay.extend([(r[2], datetime.fromisoformat(r[3]), r[4], r[6]) for r in new])
            replay.last_reviewed = new[-1][3]
            card: Card | None = self._write_card(c, key, replay)
        else:
            card = self._replay_all(c, key, retracted)
        if card is not None:
            # Each review added carries the card after it (the last one, by id, the
            # card's state, as rebuild_derived reads it).
            as_json = card.to_json()
            c.executemany("UPDATE reviews SET card = ? WHERE id = ?",
                          [(as_json, r[0]) for r in new])

    def _replay_all(self, c: sqlite3.Connection, key: tuple, retracted: set[str]) -> Card | None:
        """Replay the card `key` from all its reviews in the order they happened (merging
        two computers' reviews), those of retracted answers left out; None (and no card)
        when none is left."""
        from quizapp.core import scheduler

        rows = [r for r in c.execute(
            "SELECT id, answer_uuid, rating, reviewed, duration_ms, overrides, draw"
            " FROM reviews WHERE learner_id = ? AND bank_id = ? AND question_id = ?"
            " ORDER BY reviewed, id",
            key,
        ) if r[1] not in retracted]
        if not rows:
            self._replays.pop(key, None)
            c.execute("DELETE FROM cards WHERE learner_id = ? AND bank_id = ?"
                      " AND question_id = ?", key)
            return None
        replay = self._replays[key] = replay_from_start(
            scheduler.card_id_for(*key), _effective_reviews(rows), rows[-1][3])
        return self._write_card(c, key, replay)

    @staticmethod
    def _write_card(c: sqlite3.Connection, key: tuple, replay: CardReplay) -> Card:
        card = replay.card()
        c.execute("INSERT OR REPLACE INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                  key + _card_row(card) + (replay.count, replay.lapses))
        return card

    def _take_back(self, c: sqlite3.Connection, retractions: list[tuple]) -> bool:
        """Apply retractions made on other computers, as if made here (idempotent: one
        already here is skipped; one whose answer this computer lacks waits); whether
        any was applied. Each card they touch is then replayed once, in time order, as a
        pull replays, every retraction of it keeping that card; the piece's recount
        (_count) takes their answers out of the statistics.

        Not retract_within, undo by undo: that replayed the card from all its reviews and
        refolded its question for each (then replayed here again, and recounted): 480
        undos over 46 cards held the results file 25 s in one piece."""
        learner_id = self._learner
        taken: dict[tuple, list[str]] = {}
        for answer_uuid, when in retractions:
            here = c.execute(
                "SELECT s.learner_id, s.bank_id, a.question_id FROM answers a"
                " JOIN sessions s ON s.id = a.session_id WHERE a.uuid = ?"
                " AND s.learner_id = ? AND NOT EXISTS"
                " (SELECT 1 FROM retractions r WHERE r.answer_uuid = a.uuid)",
                (str(answer_uuid), learner_id),
            ).fetchone()
            if here is not None:
                c.execute(RECORD_RETRACTION, (str(answer_uuid), when, None))
                taken.setdefault(tuple(here), []).append(str(answer_uuid))
        self._piece_taken_back = sum(len(uuids) for uuids in taken.values())
        if taken:
            self._replays.clear()
            retracted = {r[0] for r in c.execute("SELECT answer_uuid FROM retractions")}
            for key, uuids in taken.items():
                card = self._replay_all(c, key, retracted)
                c.executemany("UPDATE retractions SET card = ? WHERE answer_uuid = ?",
                              [(None if card is None else card.to_json(), answer_uuid)
                               for answer_uuid in uuids])
        return bool(taken)

    # ------------------------------------------------------------ statistics

    def _count(self, c: sqlite3.Connection, added: list[tuple], sessions_changed: bool,
               took_back: bool) -> None:
        """The learner's statistics after the piece, equal to a recount."""
        learner_id = self._learner
        if added or took_back:
            if took_back or not self._stats_recounted or not self._after_counted(c, added):
                _rebuild_stats(c, learner_id)  # in the order the answers were given
                self._stats_recounted = True
                sessions_changed = False  # the recount counted the sessions too
            else:
                tally = StatsTally()
                for row in added:
                    tally.add(*row)
                c.executemany(_ADD_QUESTION_STATS,
                              (k + tuple(v) for k, v in tally.questions.items()))
                c.executemany(_ADD_BANK_STATS, (k + tuple(v) for k, v in tally.banks.items()))
                c.executemany(_ADD_DAY_STATS, (k + tuple(v) for k, v in tally.days.items()))
                c.executemany(ADD_VERSION_STATS,
                              (k + tuple(v) for k, v in tally.versions.items()))
            mark_counted_within(c)
        if sessions_changed:
            self._recount_attempts(c)
        if sessions_changed or took_back:
            _rebuild_score_days(c, learner_id)
        if added or took_back or sessions_changed:
            days_counted_here_within(c)

    def _after_counted(self, c: sqlite3.Connection, added: list[tuple]) -> bool:
        """Whether every answer added comes (in time) after every answer the statistics
        count of its question and bank: then adding them gives the recount."""
        first_by_question: dict[tuple, str] = {}
        first_by_bank: dict[str, str] = {}
        for _learner, bank_id, qid, _c, _credit, _s, answered, _version in added:
            first_by_question.setdefault((bank_id, qid), answered)
            first_by_bank.setdefault(bank_id, answered)
        for (bank_id, qid), first in first_by_question.items():
            row = c.execute(
                "SELECT last_answered FROM question_stats WHERE learner_id = ?"
                " AND bank_id = ? AND question_id = ?", (self._learner, bank_id, qid),
            ).fetchone()
            if row is not None and row[0] is not None and row[0] > first:
                return False
        for bank_id, first in first_by_bank.items():
            row = c.execute(
                "SELECT last_answered FROM bank_stats WHERE learner_id = ? AND bank_id = ?",
                (self._learner, bank_id),
            ).fetchone()
            if row is not None and row[0] is not None and row[0] > first:
                return False
        return True

    def _recount_attempts(self, c: sqlite3.Connection) -> None:
        """bank_stats' attempt columns of this learner from their sessions, as
        _rebuild_stats counts them (the answer columns left alone)."""
        learner_id = self._learner
        c.execute(
            "UPDATE bank_stats SET sessions = 0, score_ppm = 0, best_score = NULL,"
            " last_score = NULL, last_finished = NULL WHERE learner_id = ?", (learner_id,))
        c.executemany(
            "INSERT INTO bank_stats(learner_id, bank_id, sessions, score_ppm, best_score,"
            " last_score, last_finished) VALUES (?,?,?,?,?,?,?)"
            " ON CONFLICT(learner_id, bank_id) DO UPDATE SET sessions = excluded.sessions,"
            " score_ppm = excluded.score_ppm, best_score = excluded.best_score,"
            " last_score = excluded.last_score, last_finished = excluded.last_finished",
            (k + tuple(v) for k, v in _attempt_totals(c, learner_id).items()),
        )
        c.execute("DELETE FROM bank_stats WHERE learner_id = ? AND answers = 0"
                  " AND sessions = 0", (learner_id,))
