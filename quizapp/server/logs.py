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
)

# (server table, staging table, columns, staging column types)
_LOGS = (
    ("sessions", SESSION_COLUMNS, "uuid uuid, bank_id text, content_hash text, mode text,"
     " started text"),
    ("session_ends", END_COLUMNS, "session_uuid uuid, bank_id text, finished text,"
     " score float8, outcome text, recall float8"),
    ("answers", ANSWER_COLUMNS, "uuid uuid, session_uuid uuid, bank_id text,"
     " question_id text, response text, correct boolean, credit float8, seconds float8,"
     " answered text, shown text"),
    ("reviews", REVIEW_COLUMNS, "answer_uuid uuid, n smallint, bank_id text,"
     " question_id text, rating smallint, reviewed text, duration_ms integer,"
     " overrides smallint"),
    # After the answers: the server accepts a retraction only of an answer it has.
    ("retractions", RETRACTION_COLUMNS, "answer_uuid uuid, retracted text"),
)
_BATCH_FIELD = {"sessions": "sessions", "session_ends": "ends", "answers": "answers",
                "reviews": "reviews", "retractions": "retractions"}


def _origin(store) -> str:
    from quizapp.core.store import STORE_ID_KEY

    return store.get_setting(STORE_ID_KEY)


# Connections to a server known to have quizapp.retractions (schema version 3).
_WITH_RETRACTIONS: weakref.WeakSet = weakref.WeakSet()


def _logs(conn) -> tuple:
    """The logs this server has: a server not migrated to version 3 yet (`quizapp server
    init` not run again since) has no retractions; they wait on this computer till then."""
    if conn in _WITH_RETRACTIONS:
        return _LOGS
    if conn.execute("SELECT to_regclass('quizapp.retractions') IS NOT NULL").fetchone()[0]:
        _WITH_RETRACTIONS.add(conn)
        return _LOGS
    return tuple(log for log in _LOGS if log[0] != "retractions")

