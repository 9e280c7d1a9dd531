"""The store's file format and tunables: names, versions, tables, limits.

A leaf module (imports nothing of quizapp), so that migrations and backups can read these
without importing the store. The tunables (BUSY_TIMEOUT_MS, FULL_CHECK_MAX_BYTES,
FULL_CHECK_INTERVAL, SCORE_POINTS) are read as `schema.NAME` at call time, so that setting
one on quizapp.core.store (tests do) takes effect everywhere.
"""

from __future__ import annotations

from datetime import timedelta

DB_NAME = "quizapp.sqlite3"
APPLICATION_ID = 0x517A4170  # "QzAp": marks the file as ours
SCHEMA_VERSION = 16
# The logs pushed to the class server, each with its mark (`sync.<learner id>.<log>`).
PUSHED_LOGS = ("sessions", "answers", "reviews", "retractions")
# The log of suspensions (schema 16), pushed with its own mark (`sync.<learner id>.suspensions`).
SUSPENSION_LOG = "suspensions"
BUSY_TIMEOUT_MS = 5000
# How long a write that finds the file busy waits, BUSY_TIMEOUT_MS after BUSY_TIMEOUT_MS, while
# another process's long write (a batch: a deck's history imported) holds it: such a write
# is all or nothing, so it cannot let an answer in part way; the answer waits for its end.
LONG_WRITE_WAIT_S = 600
JOURNAL_SIZE_LIMIT = 4 * 2**20
# Pages in the -wal file before a commit copies them into the database (SQLite's default is
# 1000). An answer writes about 9 (13 before schema version 10), so the journal restarts at its beginning every ~45
# answers; see connection._connect for why fewer is faster here.
WAL_AUTOCHECKPOINT_PAGES = 400
# Files up to this size get a full PRAGMA quick_check at every open; bigger ones only
# after a query met damage (the app leaves a ".check" marker file for the next start).
# The app opens with defer_check=True instead and runs check_integrity() in the
# background once its window is up: every start for files up to this size, at most
# once every FULL_CHECK_INTERVAL for bigger ones.
FULL_CHECK_MAX_BYTES = 64 * 2**20
FULL_CHECK_INTERVAL = timedelta(days=7)
LAST_CHECK_KEY = "last_full_check"  # settings: when check_integrity last found the file sound
# A big file's check takes long (38 s at 10,000,000 answers) and ends with the app: one that
# was started and never finished is tried again after this long, not at every start.
CHECK_RETRY_INTERVAL = timedelta(days=1)
LAST_CHECK_START_KEY = "last_full_check_start"  # settings: when a big file's check last began
MODES = ("quiz", "exam", "practice", "flashcards", "review")
# The modes whose finished sessions are attempts (Best, Last, the score chart, the teacher's
# attempts); a review of mistakes and a flashcard review are not (schema version 11).
SCORED_MODES = ("quiz", "exam", "practice")
# How a session ended (sessions.outcome; NULL while it is open). Only "abandoned" is not
# an attempt; "timed_out" is an exam scored as finished.
OUTCOMES = ("finished", "timed_out", "abandoned")
MAX_NAME_LENGTH = 60
# A random id written once into each store's settings: a journal whose pages give the
# store another id than the file alone has belongs to another store. It never changes,
# even across a restore (backup.restore writes the live store's id back).
STORE_ID_KEY = "store_id"
SCORE_POINTS = 1000  # score_over_time's default: the latest sessions a chart can show
# The columns of export_records, in order: stats.ExportRow's field names (ExportRow.FIELDS,
# which a test checks; not imported from there to keep stats off the startup path).
EXPORT_FIELDS = (
    "uuid",
    "learner",
    "bank_id",
    "session_id",
    "mode",
    "question_id",
    "response",
    "correct",
    "credit",
    "seconds",
    "answered",
    "session_score",
    "session_started",
    "session_finished",
    "session_outcome",
    "shown",
    "retracted",
)

# The tables each schema version has (checked at every open). The schema itself, its
# history and the migrations live in quizapp.core.migrations, imported only to create,
# migrate or rebuild a database.
TABLES_V1 = {"settings", "learners", "sessions", "answers", "cards", "reviews"}
TABLES_V2 = TABLES_V1 | {
    "question_stats",
    "bank_stats",
    "day_stats",
    "bank_versions",
    "bank_questions",
    "question_tags",
}
TABLES_V5 = TABLES_V2 | {"score_days"}
TABLES_V12 = TABLES_V5 | {
    "retractions", "stats_mark", "version_stats", "legacy_versions", "versions_pending",
}
TABLES = {
    1: TABLES_V1,
    2: TABLES_V2,
    3: TABLES_V2,
    4: TABLES_V2,
    5: TABLES_V5,
    6: TABLES_V5,
    7: TABLES_V5,
    8: TABLES_V5 | {"retractions"},
    9: TABLES_V5 | {"retractions"},
    10: TABLES_V5 | {"retractions", "stats_mark"},
    11: TABLES_V5 | {"retractions", "stats_mark"},
    12: TABLES_V12,
    13: TABLES_V12,
    14: TABLES_V12,
    15: TABLES_V12 | {"suspended_cards"},
    16: TABLES_V12 | {"suspended_cards", "suspension_log"},
}

