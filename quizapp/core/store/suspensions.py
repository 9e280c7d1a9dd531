"""The log of a learner's suspended cards (store schema 16, suspension_log) and how a card
settles from it, so that the class server carries suspensions between a learner's
computers (quizapp.server: pushed and pulled as a log).

Every suspension and every card brought back is a row: the card, suspended 1 or 0, when
(`changed`) and a uuid. suspended_cards holds each card's settled state: the latest action
by `changed` (text, fixed-width ISO 8601 UTC: text order is time order; the log's order
breaks a tie: _LATEST). The times are as the class server counts them: once pushed, a row's time is at most
when the server took it (settle_pushed), and pulled rows come that way (server/pull.py), so
a computer whose clock is ahead does not win until its date comes, and every computer
settles a card the same way.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime, timedelta

from quizapp.core.utc_text import utc_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

# The card's latest action (the settled state), newest first. Of two at the same time the
# one logged here last: the server counts the actions of one push from a clock ahead at
# when it took them (the same time for all), and the log keeps their order (the pushing
# computer's, which the server's seq keeps, and pulls insert by seq), where a uuid is
# random (a card suspended and brought back came back suspended).
_LATEST = ("SELECT suspended, changed FROM suspension_log WHERE learner_id = ? AND bank_id = ?"
           " AND question_id = ? ORDER BY changed DESC, id DESC LIMIT 1")


def log_changes_within(c: sqlite3.Connection, learner_id: int, bank_id: str,
                       question_ids: list[str], suspended: bool, when: str) -> int:
    """Suspend these cards of this computer's learner, or bring them back, each change
    logged, in the caller's write transaction; how many changed (a card suspended
    already, or not suspended, is left as it is). A change's time is `when`, or a
    microsecond after the card's latest action here if that is not earlier (pulled from a
    computer whose clock was ahead of this one's): a change made after another was seen
    here comes after it on every computer. A few queries for the whole set (an Anki
    deck's thousands of suspended cards at once), not a few per card."""
    now_suspended = {qid for (qid,) in c.execute(
        "SELECT question_id FROM suspended_cards WHERE learner_id = ? AND bank_id = ?",
        (learner_id, bank_id))}
    changing = [qid for qid in question_ids if (qid in now_suspended) != suspended]
    if not changing:
        return 0
    latest = dict(c.execute(
        "SELECT question_id, max(changed) FROM suspension_log WHERE learner_id = ?"
        " AND bank_id = ? GROUP BY question_id", (learner_id, bank_id)))
    times = {}
    for qid in changing:
        before = latest.get(qid)
        times[qid] = (when if before is None or before < when else
                      utc_text(datetime.fromisoformat(before) + timedelta(microseconds=1)))
    if suspended:
        c.executemany("INSERT INTO suspended_cards VALUES (?, ?, ?, ?)",
                      [(learner_id, bank_id, qid, times[qid]) for qid in changing])
    else:
        c.executemany("DELETE FROM suspended_cards WHERE learner_id = ? AND bank_id = ?"
                      " AND question_id = ?", [(learner_id, bank_id, qid) for qid in changing])
    c.executemany(
        "INSERT INTO suspension_log(uuid, learner_id, bank_id, question_id, suspended,"
        " changed) VALUES (?, ?, ?, ?, ?, ?)",
        [(str(uuid.uuid4()), learner_id, bank_id, qid, int(suspended), times[qid])
         for qid in changing])
    return len(changing)


def settle_within(c: sqlite3.Connection, learner_id: int,
                  cards: Iterable[tuple[str, str]]) -> int:
    """Set suspended_cards of these (bank, question) cards to their latest action; how many
    cards changed (suspended that were not, or brought back)."""
    changed = 0
    for bank_id, question_id in set(cards):
        key = (learner_id, bank_id, question_id)
        was_suspended = c.execute(
            "SELECT 1 FROM suspended_cards WHERE learner_id = ? AND bank_id = ?"
            " AND question_id = ?", key).fetchone() is not None
        latest = c.execute(_LATEST, key).fetchone()
        suspended = latest is not None and bool(latest[0])
        if suspended:
            c.execute("INSERT INTO suspended_cards VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE"
                      " SET suspended = excluded.suspended", (*key, latest[1]))
        else:
            c.execute("DELETE FROM suspended_cards WHERE learner_id = ? AND bank_id = ?"
                      " AND question_id = ?", key)
        changed += suspended != was_suspended
    return changed


def unpushed_within(c: sqlite3.Connection, learner_id: int, mark: int) -> list[tuple]:
    """The learner's actions past the push mark: (id, *SUSPENSION_COLUMNS), in log order.
    ("+learner_id": the log from the mark on, a rowid range, not every action of the
    learner through the index by card: an idle sync reads nothing.)"""
    return c.execute(
        "SELECT id, uuid, bank_id, question_id, suspended = 1, changed FROM suspension_log"
        " WHERE +learner_id = ? AND id > ? ORDER BY id", (learner_id, mark)).fetchall()


def import_within(c: sqlite3.Connection, learner_id: int, rows: list[tuple],
                  mark_key: str) -> int:
    """Add actions pulled from the class server (SUSPENSION_COLUMNS; those here already
    skipped by uuid) and settle the cards they touch; how many cards changed here (a card
    suspended and brought back elsewhere is as it was: none). When every
    action of this learner here was pushed, the push mark (`mark_key`) moves past them
    (they are not sent back)."""
    if not rows:
        return 0
    mark_row = c.execute("SELECT value FROM settings WHERE key = ?", (mark_key,)).fetchone()
    mark = int(mark_row[0]) if mark_row else 0
    top_before = c.execute("SELECT coalesce(max(id), 0) FROM suspension_log"
                           " WHERE learner_id = ?", (learner_id,)).fetchone()[0]
    changes = c.total_changes
    c.executemany(
        "INSERT INTO suspension_log(uuid, learner_id, bank_id, question_id, suspended, changed)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(uuid) DO NOTHING",
        [(str(u), learner_id, bank_id, qid, int(bool(suspended)), changed)
         for u, bank_id, qid, suspended, changed in rows])
    if c.total_changes == changes:
        return 0
    cards_changed = settle_within(c, learner_id,
                                  ((bank_id, qid) for _u, bank_id, qid, _s, _c in rows))
    if top_before <= mark:
        # (The whole log's last id: past it is past every action of the learner.)
        top = c.execute("SELECT max(id) FROM suspension_log").fetchone()[0]
        c.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                  (mark_key, str(top)))
    return cards_changed


def settle_pushed_within(c: sqlite3.Connection, learner_id: int, times: dict[str, str]) -> None:
    """The server's times of actions pushed from here (uuid -> `changed` as the server
    counts it: no later than it took the row): an action stamped ahead of that by this
    computer's clock takes it, so that its later comparisons here are the other
    computers'. Only those cards settle again (no change: every action seen here before
    it was made is earlier than it, and earlier than when the server took it); an action
    whose time stays (the usual push) is not written at all: 10,000 of them held the write
    lock 0.26-0.35 s that way, 0.10-0.14 s now (docs/performance.md)."""
    moved = []
    for action, when in times.items():
        moved += c.execute("UPDATE suspension_log SET changed = ? WHERE uuid = ?"
                           " AND learner_id = ? AND changed != ? RETURNING bank_id, question_id",
                           (when, action, learner_id, when)).fetchall()
    settle_within(c, learner_id, moved)
