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
(it reads every answer: ten times that at 10,000,000), too long for the startup path. It counts in a read transaction, which
takes no lock, and then writes its result in the same transaction, so the write lock is
held only for the writing; a write by anyone else meanwhile makes SQLite refuse that
(a WAL snapshot that is no longer the newest cannot become a write), and it counts again.
Until it has committed, the stored days are another zone's: Store.local_days_current() says so
and the screens that show days wait for it (the progress screen says it is counting). All
or nothing: a process killed while it counts leaves the zone noted unchanged, and the next
start counts again. The commands (`quizapp import`, `server`) still count at open
(follow_zone), holding the write lock.
"""

from __future__ import annotations

import sqlite3
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


def zone_key(today: date | None = None) -> str:
    """The local time zone as its UTC offsets, in minutes, on the 15th and the 20th of each
    month of this year: two zones with the same key give every answer of the year the same
    local day (Pacific/Auckland, America/Los_Angeles and Asia/Kolkata differ; a DST rule
    is in it), and a zone keeps its key from year to year while its rules stay."""
    year = (today or date.today()).year
    offsets = []
    for month in range(1, 13):
        for day in _SAMPLED_DAYS:
            offset = datetime(year, month, day, tzinfo=UTC).astimezone().utcoffset()
            offsets.append(str(offset // timedelta(minutes=1) if offset is not None else 0))
    return " ".join(offsets)


def _noted_zone(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (ZONE_KEY,)).fetchone()
    return None if row is None else str(row[0])


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


def follow_zone(conn: sqlite3.Connection) -> None:
    """At open, on the writer's connection (autocommit), for the commands: when the days
    were counted under another time zone, count day_stats and score_days again in this
    one, holding the write lock (2-4 s at 1,000,000 answers; another window's answer waits
    for it, at most 5 s). The app leaves it to recount_days, after its window shows."""
    if note_zone(conn):
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _recount_within(conn, zone_key())
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as exc:  # busy, read-only or a full disk: next time
        _log().warning("the local days could not follow the time zone: %s", exc)


# How many times recount_days counts in a snapshot that another write made old before it
# counts once more holding the write lock throughout (answers given every few seconds
# while tens of seconds go to counting 10,000,000 would never let a snapshot last).
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
    Each attempt reads everything first, in one snapshot, then writes; SQLite refuses the
    write (busy) when anyone wrote since the snapshot began, and the next attempt counts
    again. The last one takes the write lock first, as a long write that other programs'
    writes wait for (Database.batch). sqlite3.Error or StoreError when it cannot count
    (read-only, a full disk, damage): nothing is written, the next start tries again."""
    from quizapp.core.store.connection import Database, _connect, _is_busy

    key = zone_key()
    conn = _connect(path)
    try:
        if connected is not None:
            connected(conn)
        for _ in range(attempts):
            try:
                conn.execute("BEGIN")  # deferred: a snapshot at the first read, no lock
                try:
                    counted = _recount_within(conn, key)
                    conn.execute("COMMIT")
                    return counted
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                _log().info("the days' count met another write; counting again")
        with Database(conn, path).batch(RECOUNT_WRITER):
            return _recount_within(conn, key)
    finally:
        conn.close()


def _recount_within(conn: sqlite3.Connection, key: str) -> bool:
    """Inside the caller's transaction: when the stored days are another zone's, count
    them in this one (every read before the first write) and note `key`; True if so.

    The days count the answers the other statistics count (up to their mark, stats_mark):
    those after it are added by the next catch-up (catch_up.py), in this zone, as the
    zone is noted in the same transaction. So nothing is written before the count, and
    no answer is counted twice or left out."""
    from quizapp.core.store.derived import (
        _count_days,
        _count_score_days,
        _write_days,
        _write_score_days,
    )

    stored = conn.execute("SELECT value FROM settings WHERE key = ?", (ZONE_KEY,)).fetchone()
    if stored is None or stored[0] == key:
        return False
    mark = conn.execute("SELECT answer_id FROM stats_mark").fetchone()[0]
    days = _count_days(conn, mark)
    scores = _count_score_days(conn)
    _write_days(conn, days)  # the first write: the transaction becomes the writer here
    _write_score_days(conn, scores)
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (ZONE_KEY, key))
    return True
