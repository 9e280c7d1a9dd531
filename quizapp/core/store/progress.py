"""Progress queries: one learner's statistics on a bank (summary, per question, per tag,
scores over time, due cards per day, activity per day, time spent), all read from the
derived tables, never by scanning the answer log."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from quizapp.core.store import schema
from quizapp.core.store.caches import StoreCaches
from quizapp.core.store.cards import not_suspended_sql
from quizapp.core.store.catalog import _JOIN_CURRENT, _JOIN_CURRENT_S, Catalog
from quizapp.core.store.catch_up import StatsCatchUp
from quizapp.core.store.connection import Database
from quizapp.core.store.values import _BEFORE_ANY_TIME, _bank_id, _dt
from quizapp.core.utc_text import utc_micros

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from collections.abc import Iterable

    from quizapp.core.model import Bank
    from quizapp.core.stats import (
        BankSummary,
        DayActivity,
        DueDay,
        QuestionRow,
        QuestionStat,
        ScorePoint,
        TagAccuracy,
        TimeSpent,
    )


class Progress:
    def __init__(
        self, db: Database, catalog: Catalog, caches: StoreCaches, stats: StatsCatchUp
    ) -> None:
        self._db = db
        self._catalog = catalog
        self._caches = caches
        self._stats = stats

    def bank_summary(
        self, learner_id: int, bank: Bank | str, now: datetime | None = None
    ) -> BankSummary:
        from quizapp.core.stats import BankSummary

        bank_id, current = self._catalog.current(bank)
        self._stats.fresh()
        row = self._db.read1(
            "SELECT answers, correct, ms, last_answered, sessions, score_ppm, best_score,"
            " last_score FROM bank_stats WHERE learner_id = ? AND bank_id = ?",
            (learner_id, bank_id),
        ) or (0, 0, 0, None, 0, 0, None, None)
        answers, correct, ms, last_answered, sessions, score_ppm, best, last = row
        due = self._db.value(
            "SELECT count(*) FROM cards c"
            + (_JOIN_CURRENT if current else "")
            + " WHERE c.learner_id = ? AND c.bank_id = ? AND c.due <= ?"
            + not_suspended_sql(self._db, learner_id, bank_id),
            (learner_id, bank_id, utc_micros(now or datetime.now(UTC))),
        )
        seen = self._db.value(
            "SELECT count(*) FROM question_stats s"
            + (_JOIN_CURRENT_S if current else "")
            + " WHERE s.learner_id = ? AND s.bank_id = ?",
            (learner_id, bank_id),
        )
        # One seek in the partial index of sessions with a recall (flashcard sessions).
        recall = self._db.read1(
            "SELECT recall FROM sessions WHERE learner_id = ? AND bank_id = ?"
            " AND recall IS NOT NULL ORDER BY finished DESC, id DESC LIMIT 1",
            (learner_id, bank_id),
        )
        return BankSummary(
            learner_id=learner_id,
            bank_id=bank_id,
            attempts=sessions,
            last_score=last,
            best_score=best,
            average_score=score_ppm / 1_000_000 / sessions if sessions else None,
            due_count=due,
            answers=answers,
            correct=correct,
            seconds=ms / 1000,
            questions_seen=seen,
            questions_total=bank.question_count if current and not isinstance(bank, str) else 0,
            last_studied=_dt(last_answered),
            recall=None if recall is None else recall[0],
        )

    # The unit conversions are done by SQLite (the same double divisions Python would do).
    _QUESTION_COLUMNS = (
        "s.question_id, s.answers, s.correct, s.credit_ppm / 1e6, s.ms / 1e3, s.first_correct,"
        " s.last_correct, s.last_answered"
    )

    @staticmethod
    def _question_stats(rows: Iterable[tuple]) -> list[QuestionStat]:
        from quizapp.core.stats import QuestionStat

        parse = datetime.fromisoformat
        return [
            QuestionStat(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]), parse(r[7]))
            for r in rows
        ]

    def question_stats(self, learner_id: int, bank: Bank | str) -> list[QuestionRow]:
        """Per-question totals for this learner (current questions only for a Bank).

        QuestionRows, not QuestionStats: each is the SQLite row as a named tuple, made by
        map() with no Python code per question (a dataclass per row cost a third more).
        """
        from functools import partial
        from operator import itemgetter

        from quizapp.core.stats import QuestionRow

        self._stats.fresh()
        rows = self._db.read(
            f"SELECT {self._QUESTION_COLUMNS} FROM question_stats s"
            " WHERE s.learner_id = ? AND s.bank_id = ?",
            (learner_id, _bank_id(bank)),
        )
        from quizapp.core.model import Bank

        if isinstance(bank, Bank):
            # A set check instead of a probe of bank_questions per row (10 ms at 10,000).
            current = self._caches.current_ids(bank)
            if not current.issuperset(map(itemgetter(0), rows)):
                rows = [r for r in rows if r[0] in current]
        return list(map(partial(tuple.__new__, QuestionRow), rows))

    def weakest_questions(
        self, learner_id: int, bank: Bank | str, limit: int = 10, *, min_answers: int = 1
    ) -> list[QuestionStat]:
        """Questions answered wrong at least once, lowest smoothed accuracy first.

        Smoothed accuracy is (right + 1) / (answers + 2); among equals, the most
        recent mistake comes first (see quizapp.core.stats).
        """
        bank_id, current = self._catalog.current(bank)
        self._stats.fresh()
        rows = self._db.read(
            f"SELECT {self._QUESTION_COLUMNS} FROM question_stats s"
            + (_JOIN_CURRENT_S if current else "")
            + " WHERE s.learner_id = ? AND s.bank_id = ? AND s.answers >= ?"
            " AND s.correct < s.answers"
            " ORDER BY (s.correct + 1.0) / (s.answers + 2), s.last_wrong DESC LIMIT ?",
            (learner_id, bank_id, min_answers, int(limit)),
        )
        return self._question_stats(rows)

    def tag_accuracy(self, learner_id: int, bank: Bank) -> list[TagAccuracy]:
        """Accuracy per tag over the bank's current questions, in the bank's tag order."""
        from quizapp.core.stats import TagAccuracy

        bank_id, _ = self._catalog.current(bank)
        self._stats.fresh()
        rows = self._db.read(
            "SELECT t.tag, count(*), sum(s.answers), sum(s.correct) FROM question_tags t"
            " JOIN question_stats s ON s.learner_id = ? AND s.bank_id = t.bank_id"
            " AND s.question_id = t.question_id WHERE t.bank_id = ? GROUP BY t.tag",
            (learner_id, bank_id),
        )
        found = {r[0]: TagAccuracy(*r) for r in rows}
        return [found[tag] for tag in self._caches.tag_order(bank) if tag in found]

    def score_over_time(
        self, learner_id: int, bank: Bank | str, limit: int | None = schema.SCORE_POINTS
    ) -> list[ScorePoint]:
        """Finished sessions' scores, oldest first: the latest `limit` sessions, or (None)
        the whole history in at most SCORE_POINTS points.

        With None, a history of more than SCORE_POINTS sessions comes as one average
        point per local day (of the finish), or per local week (Monday to Sunday) when
        there are still more than SCORE_POINTS days; ScorePoint.sessions says how many
        sessions a point averages (to a millionth). The days come from score_days, so a
        learner with 20,000 sessions costs a read of ~700 rows, not 20,000.
        """
        from quizapp.core.stats import ScorePoint

        bank_id = _bank_id(bank)
        params: tuple = (learner_id, bank_id)
        cap = schema.SCORE_POINTS
        if limit is None:
            row = self._db.read1(
                "SELECT sessions FROM bank_stats WHERE learner_id = ? AND bank_id = ?", params
            )
            if row is not None and row[0] > cap:
                rows = self._db.read(
                    "SELECT last_session, last_finished, score_ppm, last_mode, sessions"
                    " FROM score_days WHERE learner_id = ? AND bank_id = ? ORDER BY day",
                    params,
                )
                if len(rows) > cap:
                    # last_session and last_mode come from the row holding max(last_finished)
                    # (SQLite's rule for bare columns beside max()); 'weekday 0' is the
                    # Sunday that ends each Monday-to-Sunday week.
                    rows = self._db.read(
                        "SELECT last_session, max(last_finished), sum(score_ppm), last_mode,"
                        " sum(sessions) FROM score_days WHERE learner_id = ? AND bank_id = ?"
                        " GROUP BY date(day, 'weekday 0') ORDER BY 2",
                        params,
                    )
                parse = datetime.fromisoformat
                return [ScorePoint(i, parse(f), p / n / 1e6, m, n) for i, f, p, m, n in rows]
        sql = (
            "SELECT id, finished, score, mode FROM sessions"
            " WHERE learner_id = ? AND bank_id = ? AND finished IS NOT NULL"
            " AND score IS NOT NULL ORDER BY finished DESC"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params += (int(limit),)
        rows = self._db.read(sql, params)
        rows.reverse()
        return [ScorePoint(r[0], datetime.fromisoformat(r[1]), r[2], r[3]) for r in rows]

    def due_per_day(
        self, learner_id: int, bank: Bank | str, days: int = 30, now: datetime | None = None
    ) -> list[DueDay]:
        """Cards due on each of the next `days` local days; day 0 includes overdue ones."""
        from bisect import bisect_left

        from quizapp.core.stats import DueDay

        bank_id, current = self._catalog.current(bank)
        now = now or datetime.now(UTC)
        today = now.astimezone().date()
        day_list = [today + timedelta(days=n) for n in range(days)]
        # Each day ends at the next local midnight, as a stored due date (utc_micros).
        ends = [
            utc_micros(datetime.combine(d + timedelta(days=1), datetime.min.time()).astimezone())
            for d in day_list
        ]
        dues = [
            r[0]
            for r in self._db.read(
                "SELECT c.due FROM cards c"
                + (_JOIN_CURRENT if current else "")
                + " WHERE c.learner_id = ? AND c.bank_id = ? AND c.due < ?"
                + not_suspended_sql(self._db, learner_id, bank_id) + " ORDER BY c.due",
                (learner_id, bank_id, ends[-1] if ends else _BEFORE_ANY_TIME),
            )
        ]
        counts, start = [], 0
        for end in ends:
            stop = bisect_left(dues, end, lo=start)
            counts.append(stop - start)
            start = stop
        return [DueDay(d, c) for d, c in zip(day_list, counts, strict=True)]

    def answers_per_day(
        self, learner_id: int, bank: Bank | str | None = None, since: date | None = None
    ) -> list[DayActivity]:
        """Answers, right answers and seconds per local day, oldest first (all banks if None)."""
        since_text = since.isoformat() if since else ""
        self._stats.fresh()
        if bank is None:
            rows = self._db.read(
                "SELECT day, sum(answers), sum(correct), sum(ms) FROM day_stats"
                " WHERE learner_id = ? AND day >= ? GROUP BY day ORDER BY day",
                (learner_id, since_text),
            )
        else:
            bank_id = _bank_id(bank)
            rows = self._db.read(
                "SELECT day, answers, correct, ms FROM day_stats"
                " WHERE learner_id = ? AND bank_id = ? AND day >= ? ORDER BY day",
                (learner_id, bank_id, since_text),
            )
        from quizapp.core.stats import DayActivity

        return [DayActivity(date.fromisoformat(d), a, c, ms / 1000) for d, a, c, ms in rows]

    def time_spent(self, learner_id: int, bank: Bank | str | None = None) -> TimeSpent:
        """Answering time (sum of answer seconds), answers, attempts, active days."""
        self._stats.fresh()
        if bank is None:
            row = self._db.read1(
                "SELECT coalesce(sum(ms), 0), coalesce(sum(answers), 0),"
                " coalesce(sum(sessions), 0) FROM bank_stats WHERE learner_id = ?",
                (learner_id,),
            ) or (0, 0, 0)  # an aggregate: always one row
            days = self._db.value(
                "SELECT count(DISTINCT day) FROM day_stats WHERE learner_id = ?", (learner_id,)
            )
        else:
            bank_id = _bank_id(bank)
            row = self._db.read1(
                "SELECT ms, answers, sessions FROM bank_stats WHERE learner_id = ? AND bank_id = ?",
                (learner_id, bank_id),
            ) or (0, 0, 0)
            days = self._db.value(
                "SELECT count(*) FROM day_stats WHERE learner_id = ? AND bank_id = ?",
                (learner_id, bank_id),
            )
        from quizapp.core.stats import TimeSpent

        return TimeSpent(row[0] / 1000, row[1], row[2], days)

    def studied_bank_ids(self, learner_id: int) -> list[str]:
        """Banks this learner has answered or finished a session in, most recent first."""
        self._stats.fresh()
        rows = self._db.read(
            "SELECT bank_id FROM bank_stats WHERE learner_id = ?"
            " ORDER BY max(coalesce(last_answered, ''), coalesce(last_finished, '')) DESC",
            (learner_id,),
        )
        return [r[0] for r in rows]
