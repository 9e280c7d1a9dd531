"""Repairing what an older quizapp wrote into a store of the current format.

An older quizapp that had the file open while a newer one migrated it (before migrations
waited for the file to be free: connection.exclusive_use) went on writing rows of its own
format: sessions without a uuid (version 9) or an outcome (version 6), open sessions no
journal of open sessions knows, and answers whose statistics it counted itself while the
catch-up (version 10) counts them again. Every such session has no uuid, and every current
session has one, so `needs_repair` is one seek in the unique index on sessions.uuid (NULLs
sort first): opening a sound store pays nothing more.

The repair runs once, while no other connection has the file open (so the older app is
gone and its open sessions are dead), in one transaction: the open sessions are closed as
abandoned at their last answer, the closed ones get their outcome by the rules of version
6 (quizapp.core.migrations._reclassify_sessions) and a review of mistakes' score is kept
aside as schema 11 keeps it, every session gets a uuid, and the
derived statistics are rebuilt from the logs with the catch-up mark at the last answer.
No answer, review or session is removed.
"""

from __future__ import annotations

import sqlite3

from quizapp.core.migrations import RANDOM_UUID_SQL
from quizapp.core.store.schema import SCORED_MODES
from quizapp.core.store.values import _log

# Sessions written by a quizapp older than schema version 9.
_FIRST_WITHOUT_UUID = "SELECT 1 FROM sessions WHERE uuid IS NULL LIMIT 1"
_RECALLED_RESPONSES = frozenset(('"Good"', '"Easy"'))


def needs_repair(conn: sqlite3.Connection) -> bool:
    """Whether an older quizapp wrote sessions into this current-format store."""
    return conn.execute(_FIRST_WITHOUT_UUID).fetchone() is not None


def repair_older_writes(conn: sqlite3.Connection) -> int:
    """Repair (see the module docstring) in one write transaction; the sessions repaired."""
    from quizapp.core.store.catch_up import mark_counted_within
    from quizapp.core.store.derived import _rebuild_score_days, _rebuild_stats

    conn.execute("BEGIN IMMEDIATE")
    try:
        rows = conn.execute(
            "SELECT id, mode, finished, score, outcome, started FROM sessions"
            " WHERE uuid IS NULL ORDER BY id"
        ).fetchall()
        for session_id, mode, finished, score, outcome, started in rows:
            answers = conn.execute(
                "SELECT question_id, credit, response, correct, answered FROM answers"
                " WHERE session_id = ? ORDER BY id",
                (session_id,),
            ).fetchall()
            if finished is None:
                # Open in an app that is gone (nothing else has the file open): it ended
                # at its last answer, as quizapp closes an interrupted session.
                last = answers[-1][4] if answers else started
                conn.execute(
                    "UPDATE sessions SET finished = ?, outcome = 'abandoned', score = NULL,"
                    " recall = NULL WHERE id = ?",
                    (last, session_id),
                )
            elif outcome is None:
                new_score, new_outcome, recall = _classified(mode, score, answers)
                conn.execute(
                    "UPDATE sessions SET score = ?, outcome = ?, recall = ? WHERE id = ?",
                    (new_score, new_outcome, recall, session_id),
                )
        # A review of mistakes is no attempt (schema 11): an older app scored it.
        conn.execute(
            "UPDATE sessions SET score_v10 = score, score = NULL"
            f" WHERE uuid IS NULL AND mode NOT IN {SCORED_MODES!r} AND score IS NOT NULL"
        )
        conn.execute(f"UPDATE sessions SET uuid = {RANDOM_UUID_SQL} WHERE uuid IS NULL")
        # The older app counted its answers in the statistics itself, and the catch-up
        # would count them again: rebuilt from the logs, counted up to the last answer.
        _rebuild_stats(conn)
        mark_counted_within(conn)
        _rebuild_score_days(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # (a disk that fills at the COMMIT has ended it)
            conn.execute("ROLLBACK")
        raise
    _log().warning(
        "repaired %d session(s) an older quizapp wrote into the current format", len(rows)
    )
    return len(rows)


def _classified(
    mode: str, score: float | None, answers: list[tuple]
) -> tuple[float | None, str, float | None]:
    """(score, outcome, recall) of a closed session by the rules of schema version 6."""
    firsts: dict[str, tuple[float, str]] = {}
    for question_id, credit, response, _correct, _answered in answers:
        firsts.setdefault(question_id, (credit, response))
    if not firsts:
        return None, "abandoned", None
    if mode == "flashcards":
        recall = sum(r in _RECALLED_RESPONSES for _, r in firsts.values()) / len(firsts)
        return None, "finished", recall
    if mode in ("practice", "review"):
        if not answers[-1][3]:  # a wrong answer comes back: practice never ended on one
            return None, "abandoned", None
        return sum(credit for credit, _ in firsts.values()) / len(firsts), "finished", None
    if score is None:
        return None, "abandoned", None
    return score, "finished", None
