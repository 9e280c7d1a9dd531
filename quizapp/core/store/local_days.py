"""The local days of day_stats and score_days follow the computer's time zone.

Each answer and each finished session is counted on the local day it fell on, as the
clock of the process that counted it read it. A store used under another time zone (a
learner travelling, a laptop set to another zone, a data folder copied abroad) would show
its days shifted: answers given this morning in Los Angeles, counted in Auckland, fall on
tomorrow, off "Answers per day, last 30 days", and one day of study counts as two active
days ("... a day"). So the store notes the zone its days were counted in (ZONE_KEY in
settings) and, opened under another, counts them again from the logs in this one.

The app does that after its window shows, in the background (recount_days, on a
connection of its own; gui/days_recount.py): at 1,000,000 answers the count takes 2-3 s
(it reads every answer: ten times that at 10,000,000), too long for the startup path. It
reads every answer in a read transaction, which takes no lock, so another window's answers
are saved meanwhile; then, holding the write lock for milliseconds, it adds what was written
since (answers given, answers taken back, sessions finished) and writes its result
(_DaysCount). Until it has committed, the stored days are another zone's:
Store.local_days_current() says so and the screens that show days wait for it (the progress
screen says it is counting). All or nothing: a process killed while it counts leaves the
zone noted unchanged, and the next start counts again. The commands (`quizapp import`,
`server`) count the same way at open (follow_zone), before they go on.
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from quizapp.core.store.values import _log

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

# settings: the zone (zone_key) whose local days day_stats and score_days hold.
ZONE_KEY = "local_days_zone"


# The days of each month zone_key samples: no summer-time rule in use changes the clock
# between them and the 1st or the 22nd. The 1st was one: Auckland and Sydney change on
# the first Sunday of April or October, which in UTC is the evening before, so in the
# years those Sundays fall on the 1st (2028, 2029, 2034, 2035) the key changed at New
# Year and every store there was counted again (seconds at a million answers).
_SAMPLED_DAYS = (15, 20)


# zone_key()'s last answer and what it depends on: the TZ variable and the zone time.tzset()
# read last (a process's zone changes only so), and the year. The catch-up asks for it
# (days_counted_here_within), and working it out costs ~150 us.
_last_key: tuple[tuple, str] | None = None


def zone_key(today: date | None = None) -> str:
    """The local time zone as its UTC offsets, in minutes, on the 15th and the 20th of each
    month of this year: two zones with the same key give every answer of the year the same
    local day (Pacific/Auckland, America/Los_Angeles and Asia/Kolkata differ; a DST rule
    is in it), and a zone keeps its key from year to year while its rules stay."""
    global _last_key
    year = (today or date.today()).year
    depends = (os.environ.get("TZ"), time.tzname, time.timezone, time.altzone, year)
    if _last_key is not None and _last_key[0] == depends:
        return _last_key[1]
    offsets = []
    for month in range(1, 13):
        for day in _SAMPLED_DAYS:
            offset = datetime(year, month, day, tzinfo=UTC).astimezone().utcoffset()
            offsets.append(str(offset // timedelta(minutes=1) if offset is not None else 0))
    key = " ".join(offsets)
    _last_key = (depends, key)
    return key


def _noted_zone(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (ZONE_KEY,)).fetchone()
    return None if row is None else str(row[0])


# settings' ZONE_KEY for days counted partly in one zone and partly in another: no zone's,
# so that a start in any zone counts them again (days_counted_here_within).
MIXED_ZONES = "mixed"


def days_counted_here_within(c: sqlite3.Connection) -> None:
    """Inside the caller's write transaction, which put some answers or sessions on their
    local days in this process's zone (the statistics' catch-up, an answer taken back, a
    session finished, a pull): when the stored days are another zone's (a start abroad
    whose count has not ended), they are now partly one zone's and partly another's, and
    noted so; else a start back in the zone noted would never count them again."""
    noted = _noted_zone(c)
    if noted is not None and noted != MIXED_ZONES and noted != zone_key():
        c.execute("UPDATE settings SET value = ? WHERE key = ?", (MIXED_ZONES, ZONE_KEY))


def note_zone(conn: sqlite3.Connection) -> bool:
    """At open, on the writer's connection (autocommit): whether the days are this zone's
    (as Store.local_days_current); a store that notes no zone gets this one's. A store that does
    not say which zone (one of a quizapp before this note) is taken to be counted in this
    one, as a store nearly always is used where it was made: recounting every such store
    once would cost seconds at millions of answers for nothing."""
    noted = _noted_zone(conn)
    if noted is not None:
        return noted == zone_key()
    try:
        conn.execute("INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)",
                     (ZONE_KEY, zone_key()))
    except sqlite3.OperationalError as exc:  # busy, read-only or a full disk
        _log().warning("the local days' time zone could not be noted: %s", exc)
    return True


def follow_zone(conn: sqlite3.Connection, path: Path) -> None:
    """At open, on the writer's connection (autocommit), for the commands: when the days
    were counted under another time zone, count day_stats and score_days again in this
    one before going on (2-4 s at 1,000,000 answers), as recount_days counts: another
    window's answer meanwhile is saved at once. The app leaves it to recount_days, after
    its window shows."""
    from quizapp.core.store.errors import StoreError

    if note_zone(conn):
        return
    try:
        _recount_on(conn, path, SNAPSHOT_ATTEMPTS)
    except (sqlite3.Error, StoreError) as exc:  # busy, read-only or a full disk: next time
        _log().warning("the local days could not follow the time zone: %s", exc)


# How many times recount_days counts again from the start, when something other than new
# answers and finished sessions changed the log while it counted (a learner deleted, a
# backup restored), before it counts once more holding the write lock throughout.
SNAPSHOT_ATTEMPTS = 3
# What other programs' writes are told holds the file in that last attempt (they wait).
RECOUNT_WRITER = "quizapp, counting your days again for this time zone"


def recount_days(path: Path, connected: Callable[[sqlite3.Connection], None] | None = None,
                 attempts: int = SNAPSHOT_ATTEMPTS) -> bool:
    """Count day_stats and score_days again in this process's time zone when they were
    counted in another, on a connection of its own (any thread); True when it counted,
    False when there was nothing to count (another window or process did it first).

    connected(conn) is called with that connection, so that another thread can stop the
    count (conn.interrupt(): sqlite3.OperationalError "interrupted", nothing written).
    sqlite3.Error or StoreError when it cannot count (read-only, a full disk, damage):
    nothing is written, the next start tries again."""
    from quizapp.core.store.connection import _connect

    conn = _connect(path)
    try:
        if connected is not None:
            connected(conn)
        return _recount_on(conn, path, attempts)
    finally:
        conn.close()


def _recount_on(conn: sqlite3.Connection, path: Path, attempts: int) -> bool:
    """recount_days on `conn` (autocommit, nothing else using it), in two steps: it reads
    every answer in a read transaction, which takes no lock (seconds at millions of
    answers; another window's answers are saved meanwhile), then, holding the write lock,
    adds to that count what was written since (answers, answers taken back, sessions
    finished: a few rows) and writes the result (milliseconds). When the log changed
    otherwise meanwhile (_DaysCount.fits) it counts again from the start, and after
    `attempts` such counts, once more holding the write lock throughout, as a long write
    that other programs' writes wait for (Database.batch)."""
    from quizapp.core.store.connection import Database, waits_for_long_writes

    key = zone_key()
    db = Database(conn, path)
    for _ in range(attempts):
        conn.execute("BEGIN")  # deferred: a snapshot at the first read, no lock
        try:
            counted = _DaysCount.read(conn, key)
        finally:
            if conn.in_transaction:  # (not after an interrupt, which ends it)
                conn.execute("ROLLBACK")  # it only read
        if counted is None:
            return False
        # An import's batch holding the file is waited for, as the app's own writes wait.
        with waits_for_long_writes(), db.write(notify=False) as c:
            written = counted.write_within(c)
        if written is not None:
            return written
        _log().info("the answers changed during the days' count; counting again")
    with db.batch(RECOUNT_WRITER):
        return _recount_within(conn, key)


# The answers taken back after a retraction id, of those up to an answer id (the few
# retractions first: answers' uuid index, then the session).
_RETRACTED_SINCE = (
    "SELECT s.learner_id, s.bank_id, a.answered, a.correct, a.seconds FROM retractions r"
    " CROSS JOIN answers a ON a.uuid = r.answer_uuid CROSS JOIN sessions s"
    " ON s.id = a.session_id WHERE r.id > ? AND a.id <= ?"
)
# The sessions finished with a score among those open then (a JSON list of ids) or newer
# than a session id, in the order score_days takes them.
_FINISHED_SINCE = (
    "SELECT id, learner_id, bank_id, mode, finished, score FROM sessions"
    " WHERE (id > ? OR id IN (SELECT value FROM json_each(?)))"
    " AND finished IS NOT NULL AND score IS NOT NULL ORDER BY finished, id"
)


class _DaysCount:
    """day_stats' and score_days' rows counted in `key`'s zone in one read transaction, with
    what that transaction saw of the log, so that the rows can be brought up to date in a
    short write transaction afterwards: the answers and sessions are a log that grows at its
    end (answers with higher ids, sessions finished once), and its other changes are an
    answer taken back (a retraction row, with a higher id) or a learner deleted."""

    def __init__(self, conn: sqlite3.Connection, key: str) -> None:
        from quizapp.core.store.derived import _count_days, _count_score_days

        self.key = key
        self.fingerprint = _fingerprint(conn)
        # The days count the answers the other statistics count (up to their mark): those
        # after it are the catch-up's (catch_up.py), in the zone noted with the days.
        self.mark: int = conn.execute("SELECT answer_id FROM stats_mark").fetchone()[0]
        self.retracted_up_to: int = conn.execute(
            "SELECT coalesce(max(id), 0) FROM retractions").fetchone()[0]
        self.sessions_up_to: int = conn.execute(
            "SELECT coalesce(max(id), 0) FROM sessions").fetchone()[0]
        self.open_sessions = [row[0] for row in conn.execute(
            "SELECT id FROM sessions WHERE finished IS NULL")]
        self.days = _count_days(conn, self.mark)
        self.scores = _count_score_days(conn)

    @classmethod
    def read(cls, conn: sqlite3.Connection, key: str) -> _DaysCount | None:
        """Inside the caller's read transaction: the count, or None when the stored days
        are this zone's already."""
        noted = _noted_zone(conn)
        return None if noted is None or noted == key else cls(conn, key)

    def write_within(self, c: sqlite3.Connection) -> bool | None:
        """Inside the caller's write transaction: the count brought up to date and written,
        with the zone noted (True); False when the days are this zone's now (another window
        counted them), None when the log changed otherwise than at its end since the count
        (it no longer fits: count again)."""
        import json

        from quizapp.core.store.derived import (
            _count_days,
            _write_days,
            _write_score_days,
            add_score_days,
        )
        from quizapp.core.store.values import DayCache, _ms

        noted = _noted_zone(c)
        if noted is None or noted == self.key:
            return False
        mark: int = c.execute("SELECT answer_id FROM stats_mark").fetchone()[0]
        if mark < self.mark or _fingerprint(c) != self.fingerprint:
            return None
        days = self.days
        day_of = DayCache()
        for learner, bank, answered, correct, seconds in c.execute(
            _RETRACTED_SINCE, (self.retracted_up_to, self.mark)
        ):
            key = (learner, bank, day_of.day(answered))
            d = days.get(key)
            if d is None:  # (never: the count had it)
                return None
            d[0] -= 1
            d[1] -= 1 if correct else 0
            d[2] -= _ms(seconds)
            if not d[0]:
                del days[key]
        if mark > self.mark:  # answers given meanwhile (none taken back: NOT_RETRACTED)
            for key, (answers, right, ms) in _count_days(c, mark, after=self.mark).items():
                d = days.setdefault(key, [0, 0, 0])
                d[0] += answers
                d[1] += right
                d[2] += ms
        add_score_days(self.scores, c.execute(
            _FINISHED_SINCE, (self.sessions_up_to, json.dumps(self.open_sessions))))
        _write_days(c, days)
        _write_score_days(c, self.scores)
        c.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (ZONE_KEY, self.key))
        return True


def _fingerprint(conn: sqlite3.Connection) -> tuple:
    """What changes when the log changes otherwise than at its end: the learners (one
    deleted takes their answers and sessions along; a new one may take its id again, not
    its creation time) and the schema's version, which SQLite's backup API (a backup
    restored into the live file) and every migration change."""
    return (conn.execute("PRAGMA schema_version").fetchone()[0],
            conn.execute("SELECT id, created FROM learners ORDER BY id").fetchall())


def _recount_within(conn: sqlite3.Connection, key: str) -> bool:
    """Inside the caller's write transaction: when the stored days are another zone's, count
    them in this one and note `key`; True if so."""
    counted = _DaysCount.read(conn, key)
    return False if counted is None else counted.write_within(conn) is True
