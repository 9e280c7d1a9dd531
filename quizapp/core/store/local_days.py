"""The local days of day_stats and score_days follow the computer's time zone.

Each answer and each finished session is counted on the local day it fell on, as the
clock of the process that counted it read it. A store used under another time zone (a
learner travelling, a laptop set to another zone, a data folder copied abroad) would show
its days shifted: answers given this morning in Los Angeles, counted in Auckland, fall on
tomorrow, off "Answers per day, last 30 days", and one day of study counts as two active
days ("... a day"). So the store notes the zone its days were counted in (ZONE_KEY in
settings) and, opened under another, counts them again from the logs in this one.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

from quizapp.core.store.values import _log

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


def follow_zone(conn: sqlite3.Connection) -> None:
    """At open, on the writer's connection (autocommit): when the days were counted under
    another time zone, count day_stats and score_days again in this one, once per change of
    zone (derived._rebuild_days: 2-4 s at 1,000,000 answers on a shared machine, holding
    the write lock another window's answer waits for, at most 5 s). A store that does not
    say which zone (one of a quizapp before this note) is taken to be counted in this one,
    as a store nearly always is used where it was made: recounting every such store once
    would put seconds on the first start after an update at millions of answers."""
    key = zone_key()
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (ZONE_KEY,)).fetchone()
    if row is not None and row[0] == key:
        return
    if row is None:
        try:
            conn.execute("INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)",
                         (ZONE_KEY, key))
        except sqlite3.OperationalError as exc:  # busy, read-only or a full disk
            _log().warning("the local days' time zone could not be noted: %s", exc)
        return
    from quizapp.core.store.catch_up import catch_up_within
    from quizapp.core.store.derived import _rebuild_days, _rebuild_score_days

    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            stored = conn.execute(
                "SELECT value FROM settings WHERE key = ?", (ZONE_KEY,)
            ).fetchone()
            if stored is not None and stored[0] != key:
                # The days after the mark are counted by the catch-up, in the zone it runs
                # in: fold them in first, so that the recount holds every answer once.
                catch_up_within(conn)
                _rebuild_days(conn)
                _rebuild_score_days(conn)
            conn.execute(
                "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (ZONE_KEY, key)
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as exc:  # busy, read-only or a full disk: next time
        _log().warning("the local days could not follow the time zone: %s", exc)
