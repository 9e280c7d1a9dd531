"""Class server sync: what of a learner's logs is not pushed yet, recording what the server
committed, and adding rows pulled from it (see the package docstring, "Class server").

The logs are append-only with UUIDs, so pushing twice changes nothing; per learner the
settings keep how far each log was pushed (`sync.<learner id>.<log>`).
"""

from __future__ import annotations

import sqlite3

from quizapp.core.store.caches import StoreCaches
from quizapp.core.store.connection import Database
from quizapp.core.store.pulled import PulledImport
from quizapp.core.store.schema import PUSHED_LOGS, SUSPENSION_LOG
from quizapp.core.store.settings import Settings

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from quizapp.core.sync_batch import SyncBatch


class ClassSync:
    def __init__(self, db: Database, caches: StoreCaches, settings: Settings) -> None:
        self._db = db
        self._caches = caches
        self._settings = settings

    # ------------------------------------------------------------ class server sync

    def sync_mark(self, learner_id: int, log: str) -> int:
        """The last local row id of `log` the class server has of this learner (0: none)."""
        value = self._settings.get_setting(f"sync.{int(learner_id)}.{log}")
        return int(value) if value else 0

    def unpushed_count(self, learner_id: int) -> int:
        """How many of the learner's answers the class server has not got yet."""
        count: int = self._db.value(
            "SELECT count(*) FROM answers a JOIN sessions s ON s.id = a.session_id"
            " WHERE s.learner_id = ? AND a.id > ?",
            (learner_id, self.sync_mark(learner_id, "answers")),
        )
        return count

    def unpushed_cards(self, learner_id: int) -> int:
        """How many cards the learner suspended or brought back here since the class
        server last heard of it (a card changed twice counts once)."""
        count: int = self._db.value(
            "SELECT count(*) FROM (SELECT DISTINCT bank_id, question_id FROM suspension_log"
            " WHERE +learner_id = ? AND id > ?)",  # (+: the log past the mark, by rowid)
            (learner_id, self.sync_mark(learner_id, SUSPENSION_LOG)),
        )
        return count

    def unpushed(self, learner_id: int, limit: int = 5000) -> SyncBatch:
        """The learner's rows not yet pushed: at most `limit` answers (and their reviews),
        the sessions they need, and the ends of sent sessions that closed since."""
        import json

        from quizapp.core.store.suspensions import unpushed_within
        from quizapp.core.sync_batch import SyncBatch

        mark = {log: self.sync_mark(learner_id, log) for log in (*PUSHED_LOGS, SUSPENSION_LOG)}
        was_open = json.loads(self._settings.get_setting(f"sync.{int(learner_id)}.open") or "[]")
        batch = SyncBatch()
        with self._db.lock:
            c = self._db.live()
            try:
                answers = c.execute(
                    "SELECT a.id, a.uuid, s.uuid, s.bank_id, a.question_id, a.response,"
                    " a.correct, a.credit, a.seconds, a.answered, a.shown, a.version"
                    " FROM answers a"
                    " JOIN sessions s ON s.id = a.session_id"
                    " WHERE s.learner_id = ? AND a.id > ? ORDER BY a.id LIMIT ?",
                    (learner_id, mark["answers"], limit),
                ).fetchall()
                last_answer = answers[-1][0] if answers else mark["answers"]
                full = len(answers) == limit
                # Sessions up to the last answer sent (all of them when this is the last batch).
                sessions = c.execute(
                    "SELECT id, uuid, bank_id, content_hash, mode, started, finished FROM sessions"
                    " WHERE learner_id = ? AND id > ?"
                    + (" AND id <= (SELECT session_id FROM answers WHERE id = ?)" if full else "")
                    + " ORDER BY id",
                    (learner_id, mark["sessions"], last_answer)
                    if full
                    else (learner_id, mark["sessions"]),
                ).fetchall()
                ended_ids = [r[0] for r in sessions if r[6] is not None]
                ended_ids += was_open
                ends = []
                for start in range(0, len(ended_ids), 500):
                    chunk = ended_ids[start : start + 500]
                    ends += c.execute(
                        "SELECT uuid, bank_id, finished, score, outcome, recall FROM sessions"
                        f" WHERE id IN ({','.join('?' * len(chunk))}) AND finished IS NOT NULL",
                        chunk,
                    ).fetchall()
                closed = {r[0] for r in c.execute(
                    "SELECT id FROM sessions WHERE learner_id = ? AND finished IS NOT NULL"
                    f" AND id IN ({','.join('?' * len(was_open))})",
                    (learner_id, *was_open),
                )} if was_open else set()
                still_open = [i for i in was_open if i not in closed]
                still_open += [r[0] for r in sessions if r[6] is None]
                # The reviews up to the last answer's rating (read below, in pieces):
                # reviews are logged with their answers, so every review up to it is of an
                # answer sent (an override of an earlier answer included); a later
                # override comes with the next batch. Never past the newest review now:
                # what is logged after this read goes with the next push.
                review_bound = c.execute(
                    "SELECT coalesce(max(id), 0) FROM reviews").fetchone()[0]
                # Retractions go with the last batch, when every answer they name was
                # sent (the server takes a retraction only of an answer it has).
                # CROSS JOIN: read the retractions from the mark on (a rowid range), not
                # every answer of the learner (an idle sync at 60,000 answers: 2.4 ms
                # that way in all, 16 ms the other).
                retractions = [] if full else c.execute(
                    "SELECT r.id, r.answer_uuid, r.retracted FROM retractions r"
                    " CROSS JOIN answers a ON a.uuid = r.answer_uuid"
                    " CROSS JOIN sessions s ON s.id = a.session_id"
                    " WHERE s.learner_id = ? AND r.id > ? ORDER BY r.id",
                    (learner_id, mark["retractions"]),
                ).fetchall()
                # Suspensions (schema 16): all of them, with every batch's first.
                suspensions = unpushed_within(c, learner_id, mark[SUSPENSION_LOG])
            except sqlite3.Error as exc:
                raise self._db.failure(exc) from exc
        reviews = self._unpushed_reviews(
            learner_id, mark["reviews"], review_bound, answers[-1][1] if full else None
        )
        batch.sessions = [r[1:6] for r in sessions]
        batch.ends = ends
        batch.answers = [(*r[1:6], bool(r[6]), *r[7:]) for r in answers]
        batch.reviews = [r[1:] for r in reviews]
        batch.retractions = [r[1:] for r in retractions]
        batch.suspensions = [r[1:] for r in suspensions]
        batch.marks = {
            "sessions": sessions[-1][0] if sessions else mark["sessions"],
            "answers": last_answer,
            "reviews": reviews[-1][0] if reviews else mark["reviews"],
            "retractions": retractions[-1][0] if retractions else mark["retractions"],
            SUSPENSION_LOG: suspensions[-1][0] if suspensions else mark[SUSPENSION_LOG],
        }
        batch.still_open = still_open
        return batch

    REVIEW_PIECE = 1000  # reviews read per hold of the store's lock

    def _unpushed_reviews(
        self, learner_id: int, after: int, bound: int, until_answer: str | None
    ) -> list[tuple]:
        """The learner's reviews with `after` < id <= `bound`, up to the rating of the
        answer `until_answer` when given, as (id, *REVIEW_COLUMNS): read in pieces, the store's lock held for one piece at a time (a first push of a
        long history must not keep the app from recording an answer).

        A review's place `n` among its answer's reviews is counted as the log is read:
        an answer's rating is its first review (logged with it) and 0; only an override
        (logged by earlier versions of quizapp, rare) is looked up in its card's reviews.
        Counting every earlier review of the card for each review was quadratic in a
        card's reviews (100,000 answers over 46 questions: 137 s, the lock held 15 s at a
        time)."""
        rows: list[tuple] = []
        placed: dict[str, int] = {}  # answer uuid -> its reviews read so far
        while after < bound:
            with self._db.lock:
                c = self._db.live()
                try:
                    # "+learner_id": the log from the mark on (a rowid range), not every
                    # review of the learner through reviews_by_card.
                    piece = c.execute(
                        "SELECT id, answer_uuid, bank_id, question_id, rating, reviewed,"
                        " duration_ms, overrides, draw FROM reviews"
                        " WHERE +learner_id = ? AND id > ? AND id <= ? ORDER BY id LIMIT ?",
                        (learner_id, after, bound, self.REVIEW_PIECE),
                    ).fetchall()
                    overrides = {
                        r[0]: c.execute(
                            "SELECT count(*) FILTER (WHERE id < ?), count(*) FILTER"
                            " (WHERE id < ?) FROM reviews WHERE learner_id = ? AND bank_id = ?"
                            " AND question_id = ? AND answer_uuid = ?",
                            (r[0], r[7], learner_id, r[2], r[3], r[1]),
                        ).fetchone()
                        for r in piece if r[7] is not None
                    }
                except sqlite3.Error as exc:
                    raise self._db.failure(exc) from exc
            if not piece:
                break
            for (review_id, answer_uuid, bank_id, qid, rating, reviewed, duration_ms,
                 replaced, draw) in piece:
                if replaced is None:
                    n, place = placed.get(answer_uuid, 0), None
                else:
                    n, place = overrides[review_id]
                placed[answer_uuid] = n + 1
                rows.append((review_id, answer_uuid, n, bank_id, qid, rating, reviewed,
                             duration_ms, place, draw))
                if answer_uuid == until_answer and replaced is None:
                    return rows
            after = piece[-1][0]
        return rows

    # What forget_pushed clears: the push marks, the sent sessions still open, and the
    # pull's marks (sync.pull: by seq, and its last snapshot).
    _SYNC_MARKS = (*PUSHED_LOGS, SUSPENSION_LOG, "open", "pulled")

    def forget_pushed(self, learner_id: int) -> None:
        """Push everything of this learner again at the next sync, and pull everything
        again (after the class server was restored from an older dump: it skips what it
        has, and hands out seq and transaction ids again from lower values, under the
        pull's marks; this computer skips what it has)."""
        keys = tuple(f"sync.{int(learner_id)}.{log}" for log in self._SYNC_MARKS)
        with self._db.write(notify=False) as c:
            c.execute(f"DELETE FROM settings WHERE key IN ({','.join('?' * len(keys))})", keys)

    def server_changed(self, learner_id: int, identity: str) -> bool:
        """Whether the class server this learner syncs with is not the one the marks were
        kept with (`identity`: its cluster and database, sync.server_identity): a server
        restored from a dump into a new database or cluster. Then the marks are forgotten
        (forget_pushed), so everything is pushed and pulled again, and `identity` kept.
        The first time (a computer from before identities), it is only kept."""
        key = f"sync.{int(learner_id)}.server"
        known = self._settings.get_setting(key)
        if known == identity:
            return False
        if known is not None:
            self.forget_pushed(learner_id)
        self._settings.set_setting(key, identity)
        return known is not None

    def open_sessions_changed(self, learner_id: int, batch: SyncBatch) -> bool:
        """Whether `batch` (from unpushed) would change the record of open sessions."""
        import json

        was = json.loads(self._settings.get_setting(f"sync.{int(learner_id)}.open") or "[]")
        return was != batch.still_open

    def mark_pushed(self, learner_id: int, batch: SyncBatch) -> None:
        """Record that the server committed `batch` (from unpushed): it is not sent again."""
        import json

        prefix = f"sync.{int(learner_id)}."
        with self._db.write(notify=False) as c:
            for log, value in batch.marks.items():
                c.execute(
                    "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE"
                    " SET value = max(CAST(value AS INTEGER), excluded.value)",
                    (prefix + log, str(value)),
                )
            c.execute(
                "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                (prefix + "open", json.dumps(batch.still_open)),
            )

    def settle_pushed(self, learner_id: int, times: dict[str, str]) -> None:
        """Take the class server's times of the suspensions pushed from here (uuid ->
        time, no later than the server took it; suspensions.settle_pushed_within)."""
        from quizapp.core.store.suspensions import settle_pushed_within

        if times:
            with self._db.write() as c:
                settle_pushed_within(c, int(learner_id), times)

    def pulling(self, learner_id: int) -> PulledImport:
        """The import of one pull of this learner's rows, piece by piece (sync.pull)."""
        return PulledImport(self._db, self._caches, learner_id)

    def import_pulled(self, learner_id: int, batch: SyncBatch,
                      settings: dict[str, str] | None = None) -> int:
        """Add rows pulled from the class server (the learner's work on other computers),
        and write `settings` (the pull's marks) in the same transaction.

        Rows already here are skipped (by UUID), so pulling twice changes nothing. The
        cards the new reviews touch are replayed from all their reviews in the order they
        happened, and the learner's statistics are recounted (in the order the answers were
        given). Returns how many answers were new.
        Pulled rows are not pushed back: when nothing of this learner was waiting to be
        pushed, the push marks move past them (otherwise they are sent again, which the
        server ignores). A pull of many pieces uses one pulling() for all of them.
        """
        return self.pulling(learner_id).piece(batch, settings)
