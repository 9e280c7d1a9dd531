"""The logs a computer sends to the class server and takes from it, in the order a push
and a pull go through them, and which of them a server has (sync.py pushes them, pull.py
pulls them)."""

from __future__ import annotations

import weakref

from quizapp.core.sync_batch import (
    ANSWER_COLUMNS,
    END_COLUMNS,
    RETRACTION_COLUMNS,
    REVIEW_COLUMNS,
    SESSION_COLUMNS,
    SUSPENSION_COLUMNS,
)

# (server table, columns, staging column types), in the order a push sends them.
_LOGS = (
    ("sessions", SESSION_COLUMNS, "uuid uuid, bank_id text, content_hash text, mode text,"
     " started text"),
    ("session_ends", END_COLUMNS, "session_uuid uuid, bank_id text, finished text,"
     " score float8, outcome text, recall float8"),
    ("answers", ANSWER_COLUMNS, "uuid uuid, session_uuid uuid, bank_id text,"
     " question_id text, response text, correct boolean, credit float8, seconds float8,"
     " answered text, shown text, version text"),
    ("reviews", REVIEW_COLUMNS, "answer_uuid uuid, n smallint, bank_id text,"
     " question_id text, rating smallint, reviewed text, duration_ms integer,"
     " overrides smallint, draw float8"),
    # After the answers: the server accepts a retraction only of an answer it has.
    ("retractions", RETRACTION_COLUMNS, "answer_uuid uuid, retracted text"),
    # A learner's suspended cards (schema 16), on their own.
    ("suspensions", SUSPENSION_COLUMNS, "uuid uuid, bank_id text, question_id text,"
     " suspended boolean, changed text"),
)
# The answers as a server before schema 13 has them: no question version (the computer's
# rows are sent without it, and pulled with None).
_UNVERSIONED_ANSWERS = ("answers", ANSWER_COLUMNS[:-1], _LOGS[2][2].removesuffix(", version text"))
# The reviews as a server before schema 14 has them: no fuzz draw (sent without it, pulled
# with None, which every computer replays with the draw seeded by the review).
_UNDRAWN_REVIEWS = ("reviews", REVIEW_COLUMNS[:-1], _LOGS[3][2].removesuffix(", draw float8"))
# Each log's columns as this quizapp keeps them (a row pulled from an older server has
# fewer: None for the rest).
_COLUMNS = {table: columns for table, columns, _types in _LOGS}
_BATCH_FIELD = {"sessions": "sessions", "session_ends": "ends", "answers": "answers",
                "reviews": "reviews", "retractions": "retractions",
                "suspensions": "suspensions"}


def _origin(store) -> str:
    from quizapp.core.store import STORE_ID_KEY

    return store.get_setting(STORE_ID_KEY)


# Connections to a server known to have every log as this quizapp sends it (retractions,
# schema 3; the answers' question version, schema 13; the reviews' draw, schema 14). A
# server that lacks one is asked again at the next sync: `quizapp server init` may have
# run since.
_HAS_EVERY_LOG: weakref.WeakSet = weakref.WeakSet()


def _logs(conn) -> tuple:
    """The logs this server has, as it has them: a server not migrated to version 3 yet
    (`quizapp server init` not run again since) has no retractions, which wait on this
    computer till then; one before version 13 takes the answers without their version,
    one before version 14 the reviews without their draw; one before version 16 has no
    suspensions, which wait here."""
    if conn in _HAS_EVERY_LOG:
        return _LOGS
    retractions = conn.execute(
        "SELECT to_regclass('quizapp.retractions') IS NOT NULL").fetchone()[0]
    versions = _answer_versions(conn)
    draws = _has_column(conn, "reviews", "draw")
    suspensions = has_suspensions(conn)
    if retractions and versions and draws and suspensions:
        _HAS_EVERY_LOG.add(conn)
        return _LOGS
    narrower = {"answers": None if versions else _UNVERSIONED_ANSWERS,
                "reviews": None if draws else _UNDRAWN_REVIEWS}
    missing = {"retractions": not retractions, "suspensions": not suspensions}
    return tuple(narrower.get(log[0]) or log for log in _LOGS if not missing.get(log[0]))


def has_suspensions(conn) -> bool:
    """Whether this server carries suspended cards (schema 16); before it they wait on
    this computer."""
    return conn in _HAS_EVERY_LOG or bool(conn.execute(
        "SELECT to_regclass('quizapp.suspensions') IS NOT NULL").fetchone()[0])


def _answer_versions(conn) -> bool:
    """Whether this server keeps each answer's question version (schema 13)."""
    return _has_column(conn, "answers", "version")


def _has_column(conn, table: str, column: str) -> bool:
    """Whether this server's log `table` has `column` (one a later schema step added)."""
    return bool(conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = %s::regclass"
        " AND attname = %s AND NOT attisdropped)", (f"quizapp.{table}", column)).fetchone()[0])


def staging(table: str, columns: tuple) -> str:
    """The temporary table a push COPYs a log's rows into: one per width, so that a
    connection kept open across the server's update stages the answers with their
    version in a table that has the column."""
    return f"stage_{table}_{len(columns)}"
