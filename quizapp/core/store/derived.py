"""The derived tables rebuilt from the logs: statistics (question_stats, bank_stats,
day_stats, score_days) from the answers and sessions, and FSRS cards replayed from their
reviews, retracted answers left out.

Store.rebuild_derived, retract_answer and the class server sync use these, and so do the
migrations (quizapp.core.migrations) that add a derived table.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from quizapp.core.store.values import DayCache, _card_row, _ms, _ppm

TYPE_CHECKING = False
if TYPE_CHECKING:
    from fsrs import Card


class StatsTally:
    """Answers summed as the statistics tables hold them, taken in log order: by question
    (answers, correct, credit_ppm, ms, first_correct, last_correct, last_answered,
    last_wrong), by bank (answers, correct, ms, last_answered) and by local day (answers,
    correct, ms). A full rebuild starts from nothing; a catch-up adds its sums to the rows
    (quizapp.core.store.catch_up)."""

    def __init__(self) -> None:
        self.questions: dict[tuple, list] = {}
        self.banks: dict[tuple, list] = {}
        self.days: dict[tuple, list] = {}
        # By question version (schema version 12): answers, correct, first_correct of the
        # answers recorded with a version (none before version 12, nor pulled ones).
        self.versions: dict[tuple, list] = {}
        self._days = DayCache()

    def add(self, learner: int, bank: str, question_id: str, correct: object,
            credit: float, seconds: float, answered: str, version: str | None = None) -> None:
        ci = 1 if correct else 0
        if version is not None:
            v = self.versions.get((learner, bank, question_id, version))
            if v is None:
                self.versions[(learner, bank, question_id, version)] = [1, ci, ci]
            else:
                v[0] += 1
                v[1] += ci
        ms = _ms(seconds)
        wrong_at = None if ci else answered
        q = self.questions.get((learner, bank, question_id))
        if q is None:
            self.questions[(learner, bank, question_id)] = [
                1, ci, _ppm(credit), ms, ci, ci, answered, wrong_at]
        else:
            q[0] += 1
            q[1] += ci
            q[2] += _ppm(credit)
            q[3] += ms
            q[5] = ci
            q[6] = answered
            if wrong_at:
                q[7] = wrong_at
        b = self.banks.get((learner, bank))
        if b is None:
            self.banks[(learner, bank)] = [1, ci, ms, answered]
        else:
            b[0] += 1
            b[1] += ci
            b[2] += ms
            b[3] = answered
        day = self._days.day(answered)
        d = self.days.get((learner, bank, day))
        if d is None:
            self.days[(learner, bank, day)] = [1, ci, ms]
        else:
            d[0] += 1
            d[1] += ci
            d[2] += ms


def _rebuild_stats(conn: sqlite3.Connection, learner_id: int | None = None) -> None:
    """Recompute question_stats, bank_stats, day_stats and version_stats from answers and
    sessions.

    learner_id: only that learner's rows, taking the answers in the order they were given
    (answers pulled from the class server come into the log after later local ones, and
    a question's first and last try must be the learner's first and last)."""
    versions = _has_versions(conn)
    version = ", a.version" if versions else ""
    rows = conn.execute(
        "SELECT s.learner_id, s.bank_id, a.question_id, a.correct, a.credit, a.seconds,"
        " a.answered" + version + " FROM answers a JOIN sessions s ON s.id = a.session_id"
        + _not_retracted(conn, " WHERE")
        + " ORDER BY a.id"
    ) if learner_id is None else conn.execute(
        "SELECT s.learner_id, s.bank_id, a.question_id, a.correct, a.credit, a.seconds,"
        " a.answered" + version + " FROM answers a JOIN sessions s ON s.id = a.session_id"
        " WHERE s.learner_id = ?"
        + _not_retracted(conn, " AND")
        + " ORDER BY a.answered, a.id",
        (learner_id,),
    )
    tally = StatsTally()
    for row in rows:
        tally.add(*row)
    questions, banks, days = tally.questions, tally.banks, tally.days
    sessions = _attempt_totals(conn, learner_id)
    tables = ("question_stats", "bank_stats", "day_stats") + (
        ("version_stats",) if versions else ()
    )
    for table in tables:
        if learner_id is None:
            conn.execute(f"DELETE FROM {table}")
        else:
            conn.execute(f"DELETE FROM {table} WHERE learner_id = ?", (learner_id,))
    if versions:
        conn.executemany(
            "INSERT INTO version_stats VALUES (?,?,?,?,?,?,?)",
            (k + tuple(v) for k, v in tally.versions.items()),
        )
    conn.executemany(
        "INSERT INTO question_stats VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (k + tuple(v) for k, v in questions.items()),
    )
    for key in banks.keys() | sessions.keys():
        b = banks.get(key, [0, 0, 0, None])
        s = sessions.get(key, [0, 0, None, None, None])
        conn.execute(
            "INSERT INTO bank_stats VALUES (?,?,?,?,?,?,?,?,?,?,?)", key + tuple(b) + tuple(s)
        )
    conn.executemany(
        "INSERT INTO day_stats VALUES (?,?,?,?,?,?)", (k + tuple(v) for k, v in days.items())
    )


def _rebuild_days(conn: sqlite3.Connection) -> None:
    """Recompute day_stats alone from the answers, on the local days of this process's
    time zone (local_days); the caller caught up first."""
    _write_days(conn, _count_days(conn))


def _write_days(conn: sqlite3.Connection, days: dict[tuple, list[int]]) -> None:
    """Replace day_stats with `days` ({(learner, bank, day): [answers, correct, ms]})."""
    conn.execute("DELETE FROM day_stats")
    conn.executemany(
        "INSERT INTO day_stats VALUES (?,?,?,?,?,?)", (k + tuple(v) for k, v in days.items())
    )


def _count_days(conn: sqlite3.Connection, up_to: int | None = None,
                after: int = 0) -> dict[tuple, list[int]]:
    """day_stats' rows counted from the answers (those with an id up to `up_to`: the
    statistics' mark, or all of them; only those after `after`), on the local days of
    this process's time zone; only reads, so it can count in a read transaction that
    writes its result afterwards (local_days.recount_days).

    SQLite sums the answers per learner, bank and hour of UTC time, and each hour's sums go
    to its local day: a million answers take a second, not the five of a tally answer by
    answer. An hour that holds a local midnight (a zone a half or three quarters of an hour
    off UTC) is summed answer by answer."""
    conn.create_function("quizapp_ms", 1, _ms, deterministic=True)  # rounded as _ms does
    answers = "FROM answers a JOIN sessions s ON s.id = a.session_id"
    bound = "" if up_to is None else f" AND a.id <= {int(up_to)}"
    if after:
        bound += f" AND a.id > {int(after)}"
    # A time not written by _ts (not "+00:00") is its own group: DayCache reads it whole.
    by_hour = "a.answered LIKE '%+00:00'"
    days: dict[tuple, list[int]] = {}
    day_of = DayCache()
    split_hours: set[str] = set()

    def count(key: tuple, answered: int, correct: int, ms: int) -> None:
        d = days.get(key)
        if d is None:
            days[key] = [answered, correct, ms]
        else:
            d[0] += answered
            d[1] += correct
            d[2] += ms

    for learner, bank, hourly, when, answered, correct, ms in conn.execute(
        f"SELECT s.learner_id, s.bank_id, {by_hour},"
        f" CASE WHEN {by_hour} THEN substr(a.answered, 1, 13) ELSE a.answered END,"
        " count(*), sum(CASE WHEN a.correct THEN 1 ELSE 0 END), sum(quizapp_ms(a.seconds)) "
        + answers + " WHERE 1" + bound + _not_retracted(conn, " AND") + " GROUP BY 1, 2, 3, 4"
    ):
        if not hourly:
            count((learner, bank, day_of.day(when)), answered, correct, ms)
        elif day_of.holds_a_midnight(when):
            split_hours.add(when)
        else:
            count((learner, bank, day_of.day(when + ":00:00+00:00")), answered, correct, ms)
    hours = sorted(split_hours)
    for start in range(0, len(hours), 500):  # SQLite's limit on parameters
        chunk = hours[start:start + 500]
        for learner, bank, answered_at, correct, ms in conn.execute(
            "SELECT s.learner_id, s.bank_id, a.answered,"
            " CASE WHEN a.correct THEN 1 ELSE 0 END, quizapp_ms(a.seconds) "
            + answers + f" WHERE substr(a.answered, 1, 13) IN ({','.join('?' * len(chunk))})"
            f" AND {by_hour}" + bound + _not_retracted(conn, " AND"),
            chunk,
        ):
            count((learner, bank, day_of.day(answered_at)), 1, correct, ms)
    return days


def _has_retractions(conn: sqlite3.Connection) -> bool:
    """True when some answer was retracted (never before version 8, which adds the table)."""
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'retractions'"
    ).fetchone():
        return False
    return conn.execute("SELECT EXISTS (SELECT 1 FROM retractions)").fetchone()[0] == 1


def _has_versions(conn: sqlite3.Connection) -> bool:
    """Whether the answers have their question's version (schema version 12): a migration
    from an earlier version rebuilds the statistics before the column exists."""
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'version_stats'"
    ).fetchone() is not None


def _not_retracted(conn: sqlite3.Connection, keyword: str) -> str:
    """SQL that leaves out retracted answers (alias `a`), after `keyword` (" WHERE" or
    " AND"); "" when nothing was ever retracted, so a rebuild pays nothing for it."""
    if not _has_retractions(conn):
        return ""
    return f"{keyword} {NOT_RETRACTED}"


# Leaves out a retracted answer (alias `a`): one primary-key lookup per answer.
NOT_RETRACTED = "NOT EXISTS (SELECT 1 FROM retractions r WHERE r.answer_uuid = a.uuid)"


def _attempt_totals(conn: sqlite3.Connection, learner_id: int | None = None) -> dict[tuple, list]:
    """{(learner, bank): [attempts, score_ppm, best, last, last_finished]}: the closed
    sessions with a score (of one learner, or everyone's), the last one being the one
    finished last."""
    sessions: dict[tuple, list] = {}
    where = "" if learner_id is None else " AND learner_id = ?"
    for learner, bank, finished, score in conn.execute(
        "SELECT learner_id, bank_id, finished, score FROM sessions"
        " WHERE finished IS NOT NULL AND score IS NOT NULL" + where + " ORDER BY finished, id",
        () if learner_id is None else (learner_id,),
    ):
        s = sessions.setdefault((learner, bank), [0, 0, None, None, None])
        s[0] += 1
        s[1] += _ppm(score)
        s[2] = score if s[2] is None else max(s[2], score)
        s[3] = score
        s[4] = finished
    return sessions


def _rebuild_attempt_stats(conn: sqlite3.Connection) -> None:
    """Recompute bank_stats' attempt columns from the sessions, as _rebuild_stats would,
    leaving its answer columns alone; a row left with no answer and no attempt goes."""
    conn.execute(
        "UPDATE bank_stats SET sessions = 0, score_ppm = 0, best_score = NULL,"
        " last_score = NULL, last_finished = NULL"
    )
    conn.executemany(
        "INSERT INTO bank_stats(learner_id, bank_id, sessions, score_ppm, best_score,"
        " last_score, last_finished) VALUES (?,?,?,?,?,?,?)"
        " ON CONFLICT(learner_id, bank_id) DO UPDATE SET sessions = excluded.sessions,"
        " score_ppm = excluded.score_ppm, best_score = excluded.best_score,"
        " last_score = excluded.last_score, last_finished = excluded.last_finished",
        (k + tuple(v) for k, v in _attempt_totals(conn).items()),
    )
    conn.execute("DELETE FROM bank_stats WHERE answers = 0 AND sessions = 0")


def _rebuild_score_days(conn: sqlite3.Connection, learner_id: int | None = None) -> None:
    """Recompute score_days from the finished sessions (the last one of a day wins ties
    by id, as Store.finish_session's later call does); of one learner, or everyone's."""
    _write_score_days(conn, _count_score_days(conn, learner_id), learner_id)


def _write_score_days(conn: sqlite3.Connection, days: dict[tuple, list],
                      learner_id: int | None = None) -> None:
    """Replace score_days' rows (of one learner, or everyone's) with `days`."""
    if learner_id is None:
        conn.execute("DELETE FROM score_days")
    else:
        conn.execute("DELETE FROM score_days WHERE learner_id = ?", (learner_id,))
    conn.executemany(
        "INSERT INTO score_days VALUES (?,?,?,?,?,?,?,?)", (k + tuple(v) for k, v in days.items())
    )


def _count_score_days(conn: sqlite3.Connection, learner_id: int | None = None) -> dict[tuple, list]:
    """score_days' rows counted from the finished sessions (only reads)."""
    days: dict[tuple, list] = {}
    where = "" if learner_id is None else " AND learner_id = ?"
    add_score_days(days, conn.execute(
        "SELECT id, learner_id, bank_id, mode, finished, score FROM sessions"
        " WHERE finished IS NOT NULL AND score IS NOT NULL" + where + " ORDER BY finished, id",
        () if learner_id is None else (learner_id,),
    ))
    return days


def add_score_days(days: dict[tuple, list], sessions: Iterable[tuple]) -> None:
    """Add finished sessions (id, learner, bank, mode, finished, score) to score_days' rows
    `days`: a day's last session is the one finished last (then the higher id), whichever
    comes first here (local_days adds those finished during its count to its count)."""
    day_cache = DayCache()
    for sid, learner, bank, mode, finished, score in sessions:
        d = days.setdefault((learner, bank, day_cache.day(finished)), [0, 0, None, None, None])
        d[0] += 1
        d[1] += _ppm(score)
        if d[2] is None or (finished, sid) >= (d[2], d[3]):
            d[2:] = finished, sid, mode


def _replay(card_id: int, reviews: list[tuple]) -> tuple[Card, int, int]:
    """Card, review count and lapses after `reviews` [(rating, when, duration_ms, draw)]."""
    from quizapp.core import scheduler

    card = None
    lapses = 0
    last = len(reviews) - 1
    for n, (rating, when, duration_ms, draw) in enumerate(reviews):
        if card is None:
            card = scheduler.new_card(card_id, when)
        if n and rating == scheduler.AGAIN:
            lapses += 1
        if n < last:
            # Only the last review's fuzz reaches the card: a review reads the card's state,
            # step, stability, difficulty and last review, never its due date, so the ones
            # before it skip the draw (a seeded one was 60% of a replay's time).
            card = scheduler.review_unfuzzed(card, rating, when)
        else:
            card = scheduler.review(
                card, rating, when, None if duration_ms is None else duration_ms / 1000, draw
            )
    if card is None:
        raise ValueError("a card is replayed from one review at least")
    return card, len(reviews), lapses


def _effective_reviews(rows: Iterable[tuple]) -> list[tuple]:
    """[(rating, when, duration_ms, draw)] per answer, with overrides applied.

    rows: (id, answer_uuid, rating, reviewed, duration_ms, overrides, draw) by id. An
    override (logged by quizapp before schema 13, so with no draw) replaces its answer's
    rating and draw: the answer replays as that quizapp replayed it.
    """
    by_answer: dict[str, list] = {}
    for _id, answer_uuid, rating, reviewed, duration_ms, overrides, draw in rows:
        if overrides is not None and answer_uuid in by_answer:
            by_answer[answer_uuid][0] = rating
            by_answer[answer_uuid][3] = draw
        else:
            by_answer[answer_uuid] = [rating, datetime.fromisoformat(reviewed), duration_ms,
                                      draw]
    return [tuple(v) for v in by_answer.values()]


def _rebuild_cards(conn: sqlite3.Connection) -> None:
    """Each card is the state stored with its latest review, or with a retraction made
    after it; counts from the log, retracted answers left out."""
    from fsrs import Card

    from quizapp.core import scheduler

    # key -> (after_review, retraction id, card JSON) of the key's latest retraction
    retractions: dict[tuple, tuple] = {}
    retracted: set[str] = set()
    if _has_retractions(conn):
        for key_l, key_b, key_q, uuid, after, rid, card_json in conn.execute(
            "SELECT s.learner_id, s.bank_id, a.question_id, r.answer_uuid, r.after_review,"
            " r.id, r.card FROM retractions r JOIN answers a ON a.uuid = r.answer_uuid"
            " JOIN sessions s ON s.id = a.session_id"
        ):
            retracted.add(uuid)
            key = (key_l, key_b, key_q)
            if key not in retractions or (after, rid) > retractions[key][:2]:
                retractions[key] = (after, rid, card_json)
    latest: dict[tuple, tuple] = {}
    counts: dict[tuple, dict[str, int]] = {}
    for review_id, key_l, key_b, key_q, answer_uuid, rating, card_json in conn.execute(
        "SELECT id, learner_id, bank_id, question_id, answer_uuid, rating, card"
        " FROM reviews ORDER BY id"
    ):
        if answer_uuid in retracted:
            continue
        key = (key_l, key_b, key_q)
        latest[key] = (review_id, card_json)
        # An override replaces its answer's rating in place (dicts keep first order).
        counts.setdefault(key, {})[answer_uuid] = rating
    conn.execute("DELETE FROM cards")
    for key, (review_id, card_json) in latest.items():
        retraction = retractions.get(key)
        if retraction is not None and retraction[0] >= review_id and retraction[2]:
            card_json = retraction[2]  # the card as the retraction replayed it
        card = Card.from_json(card_json)
        ratings = list(counts[key].values())
        lapses = sum(1 for r in ratings[1:] if r == scheduler.AGAIN)
        conn.execute(
            "INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            key + _card_row(card) + (len(ratings), lapses),
        )


def _replay_card(
    conn: sqlite3.Connection, key: tuple, retracted: set[str] | frozenset[str]
) -> tuple[Card, int, int] | None:
    """(card, reviews, lapses) of the card `key` (learner, bank, question) replayed from
    its reviews in log order, overrides applied, leaving out the answers in `retracted`;
    None when no review is left."""
    rows = conn.execute(
        "SELECT id, answer_uuid, rating, reviewed, duration_ms, overrides, draw, card_id"
        " FROM reviews WHERE learner_id = ? AND bank_id = ? AND question_id = ? ORDER BY id",
        key,
    ).fetchall()
    rows = [r for r in rows if r[1] not in retracted]
    if not rows:
        return None
    return _replay(rows[0][7], _effective_reviews(r[:7] for r in rows))
