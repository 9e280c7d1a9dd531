"""The schema's history: each version's SQL, the forward migrations, and rebuilding the
derived tables (statistics, cards) from the answer and review logs.

Store imports this module only when a database has to be created or migrated, so that
opening a current database and listing learners stays cheap. Rebuilding the derived
tables lives in quizapp.core.store.derived, which the migrations call (this module imports
the store's leaf modules, never the store itself: no import circle). Versions are
described in quizapp.core.store's docstring.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from quizapp.core.store.derived import (
    _rebuild_attempt_stats,
    _rebuild_score_days,
    _rebuild_stats,
)
from quizapp.core.store.schema import APPLICATION_ID, SCHEMA_VERSION

TYPE_CHECKING = False
if TYPE_CHECKING:
    pass

# Frozen: the schema as version 1 shipped it. Never edit; add a migration.
SCHEMA_V1 = (
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE learners (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created TEXT NOT NULL)""",
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        mode TEXT NOT NULL,
        started TEXT NOT NULL,
        finished TEXT,
        score REAL)""",
    "CREATE INDEX sessions_by_learner_bank ON sessions(learner_id, bank_id, finished)",
    """CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        response TEXT NOT NULL,
        correct INTEGER NOT NULL,
        credit REAL NOT NULL,
        seconds REAL NOT NULL,
        answered TEXT NOT NULL)""",
    "CREATE INDEX answers_by_session ON answers(session_id)",
    """CREATE TABLE cards (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        card_id INTEGER NOT NULL,
        state INTEGER NOT NULL,
        step INTEGER,
        stability REAL,
        difficulty REAL,
        due TEXT NOT NULL,
        last_review TEXT,
        reviews INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        PRIMARY KEY (learner_id, bank_id, question_id)) WITHOUT ROWID""",
    "CREATE INDEX cards_by_due ON cards(learner_id, bank_id, due)",
    """CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        answer_uuid TEXT NOT NULL,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        card_id INTEGER NOT NULL,
        rating INTEGER NOT NULL,
        reviewed TEXT NOT NULL,
        duration_ms INTEGER,
        overrides INTEGER,
        card TEXT NOT NULL)""",
    "CREATE INDEX reviews_by_card ON reviews(learner_id, bank_id, question_id)",
    "CREATE INDEX reviews_by_answer ON reviews(answer_uuid)",
)
# Version 2: the derived statistics tables, backfilled from the answer log.
SCHEMA_V2_STEP = (
    """CREATE TABLE question_stats (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        answers INTEGER NOT NULL,
        correct INTEGER NOT NULL,
        credit_ppm INTEGER NOT NULL,
        ms INTEGER NOT NULL,
        first_correct INTEGER NOT NULL,
        last_correct INTEGER NOT NULL,
        last_answered TEXT NOT NULL,
        last_wrong TEXT,
        PRIMARY KEY (learner_id, bank_id, question_id)) WITHOUT ROWID""",
    "CREATE INDEX question_stats_by_bank ON question_stats(bank_id, question_id)",
    """CREATE TABLE bank_stats (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL,
        answers INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        ms INTEGER NOT NULL DEFAULT 0,
        last_answered TEXT,
        sessions INTEGER NOT NULL DEFAULT 0,
        score_ppm INTEGER NOT NULL DEFAULT 0,
        best_score REAL,
        last_score REAL,
        last_finished TEXT,
        PRIMARY KEY (learner_id, bank_id)) WITHOUT ROWID""",
    """CREATE TABLE day_stats (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL,
        day TEXT NOT NULL,
        answers INTEGER NOT NULL,
        correct INTEGER NOT NULL,
        ms INTEGER NOT NULL,
        PRIMARY KEY (learner_id, bank_id, day)) WITHOUT ROWID""",
    # The current questions and tags of each bank, refreshed when a Bank with a new
    # signature is passed in, so statistics filter and group in SQL.
    """CREATE TABLE bank_versions (
        bank_id TEXT PRIMARY KEY,
        signature TEXT NOT NULL,
        questions INTEGER NOT NULL) WITHOUT ROWID""",
    """CREATE TABLE bank_questions (
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (bank_id, question_id)) WITHOUT ROWID""",
    """CREATE TABLE question_tags (
        bank_id TEXT NOT NULL,
        tag TEXT NOT NULL,
        question_id TEXT NOT NULL,
        PRIMARY KEY (bank_id, tag, question_id)) WITHOUT ROWID""",
)
# Version 3: item analysis reads a covering index in question order (no table lookups).
SCHEMA_V3_STEP = (
    "DROP INDEX question_stats_by_bank",
    "CREATE INDEX question_stats_by_question ON question_stats"
    "(bank_id, question_id, first_correct, answers, correct)",
)
# Version 4: no index on reviews.answer_uuid (each answer paid a write to a random page
# of it; an answer's reviews are found through its card instead), and
# score_over_time reads a covering index of sessions (no lookup per session).
SCHEMA_V4_STEP = (
    "DROP INDEX IF EXISTS reviews_by_answer",
    "DROP INDEX IF EXISTS sessions_by_learner_bank",
    "CREATE INDEX sessions_by_learner_bank_scores"
    " ON sessions(learner_id, bank_id, finished, score, mode)",
)

# Version 5: finished sessions per learner, bank and local day (of the finish), so that a
# long score history is averaged per day or week without reading every session.
SCHEMA_V5_STEP = (
    """CREATE TABLE score_days (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL,
        day TEXT NOT NULL,
        sessions INTEGER NOT NULL,
        score_ppm INTEGER NOT NULL,
        last_finished TEXT NOT NULL,
        last_session INTEGER NOT NULL,
        last_mode TEXT NOT NULL,
        PRIMARY KEY (learner_id, bank_id, day)) WITHOUT ROWID""",
)

# Version 6: how each session ended (outcome), a flashcard session's recall instead of a
# score, the score version 5 had recorded wherever the reclassification changed it, and a
# partial index so that bank_summary finds the last recall with one seek.
SCHEMA_V6_STEP = (
    "ALTER TABLE sessions ADD COLUMN outcome TEXT",
    "ALTER TABLE sessions ADD COLUMN recall REAL",
    "ALTER TABLE sessions ADD COLUMN score_v5 REAL",
    "CREATE INDEX sessions_recall ON sessions(learner_id, bank_id, finished, recall)"
    " WHERE recall IS NOT NULL",
)
# The responses a flashcard rating is stored as (grading.RATING_NAMES, as JSON) that
# count as recalled: Good and Easy.
_RECALLED_RESPONSES = frozenset(('"Good"', '"Easy"'))


# Version 7: the order in which an answer's options were shown (JSON list of texts).
SCHEMA_V7_STEP = ("ALTER TABLE answers ADD COLUMN shown TEXT",)

# Version 8: retractions of answers (Ctrl+Z after the feedback), append-only like the log:
# a retracted answer stays in `answers` and is left out of every statistic and card.
# after_review is the newest review id when the retraction was made and card the card it
# left (JSON; NULL when no review was left): FSRS fuzzes intervals at random, so a replay
# cannot be repeated, and a rebuild takes the card the retraction stored, as it takes a
# review's.
SCHEMA_V8_STEP = (
    """CREATE TABLE retractions (
        id INTEGER PRIMARY KEY,
        answer_uuid TEXT NOT NULL UNIQUE REFERENCES answers(uuid) ON DELETE CASCADE,
        retracted TEXT NOT NULL,
        after_review INTEGER NOT NULL,
        card TEXT)""",
)


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V2_STEP:
        conn.execute(sql)
    _rebuild_stats(conn)


# from version -> step to version + 1, run inside one write transaction
def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V3_STEP:
        conn.execute(sql)


def _migrate_3_to_4(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V4_STEP:
        conn.execute(sql)


def _migrate_4_to_5(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V5_STEP:
        conn.execute(sql)
    _rebuild_score_days(conn)


def _migrate_5_to_6(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V6_STEP:
        conn.execute(sql)
    _reclassify_sessions(conn)
    # Only the attempts changed: the answer statistics stay (a full _rebuild_stats would
    # re-read every answer, 3.4 s of the 4.7 s this step takes at a million answers).
    _rebuild_attempt_stats(conn)
    _rebuild_score_days(conn)


def _migrate_6_to_7(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V7_STEP:
        conn.execute(sql)


# Version 9 (the class server): each
# session gets a UUID, so that it keeps one identity on the class server and on every
# computer it is pulled to. Existing sessions get random (version 4) ones.
# A random (version 4) uuid in SQL, as migration 9 gives the sessions it finds (and the
# repair of what an older quizapp wrote, quizapp.core.store.repair).
RANDOM_UUID_SQL = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2))"
    " || '-4' || substr(hex(randomblob(2)), 2) || '-'"
    " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)"
    " || '-' || hex(randomblob(6)))"
)
SCHEMA_V9_STEP = (
    "ALTER TABLE sessions ADD COLUMN uuid TEXT",
    f"UPDATE sessions SET uuid = {RANDOM_UUID_SQL}",
    "CREATE UNIQUE INDEX sessions_by_uuid ON sessions(uuid)",
)


def _migrate_7_to_8(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V8_STEP:
        conn.execute(sql)


# Sessions still open in a store of a version before 9 were opened by an older quizapp,
# which kept no journal of open sessions (quizapp.core.store.open_sessions) and is gone:
# migrations run only while no other connection has the file open
# (connection.exclusive_use). Closed as abandoned at their last answer, as an interrupted
# session is, instead of staying "under way" for ever.
CLOSE_OLDER_APPS_SESSIONS = (
    "UPDATE sessions SET outcome = 'abandoned', score = NULL, finished = coalesce("
    "(SELECT max(a.answered) FROM answers a WHERE a.session_id = sessions.id), started)"
    " WHERE finished IS NULL"
)


def _migrate_8_to_9(conn: sqlite3.Connection) -> None:
    conn.execute(CLOSE_OLDER_APPS_SESSIONS)
    for sql in SCHEMA_V9_STEP:
        conn.execute(sql)


# Version 10: the answer statistics catch up with the log after a mark instead of in each
# answer's transaction (quizapp.core.store.catch_up): stats_mark holds the id of the last
# answer they count. Up to version 9 they counted every answer.
SCHEMA_V10_STEP = (
    "CREATE TABLE stats_mark (answer_id INTEGER NOT NULL)",
    "INSERT INTO stats_mark SELECT coalesce(max(id), 0) FROM answers",
)


def _migrate_9_to_10(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V10_STEP:
        conn.execute(sql)


# Version 11: a review of mistakes (mode "review") is not an attempt. It re-asks, at once,
# questions whose right answers were just shown, so its score said little; the README
# promised Best, Last, the score chart and the teacher's attempts count quizzes, exams and
# practice only, but up to version 10 a finished review was stored with a score (and so
# counted). Its score moves to sessions.score_v10 (kept, not dropped); the attempt columns
# and score_days are rebuilt without it.
SCHEMA_V11_STEP = (
    "ALTER TABLE sessions ADD COLUMN score_v10 REAL",
    "UPDATE sessions SET score_v10 = score, score = NULL"
    " WHERE mode = 'review' AND score IS NOT NULL",
)


def _migrate_10_to_11(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V11_STEP:
        conn.execute(sql)
    _rebuild_attempt_stats(conn)
    _rebuild_score_days(conn)


# Version 12: each answer's question version (answers.version, quizapp.core.question_version;
# NULL for the answers recorded before), and version_stats, the answers per learner,
# question and version, so that the item analysis counts the answers to a question as it
# stands now apart from those to an earlier version of it. The answers recorded before
# are taken to be to the version of their question this quizapp first loads
# (legacy_versions, written by the catalog for each bank in versions_pending: the banks
# with sessions when the store was migrated); see quizapp.core.store.item_versions.
SCHEMA_V12_STEP = (
    "ALTER TABLE answers ADD COLUMN version TEXT",
    """CREATE TABLE version_stats (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        version TEXT NOT NULL,
        answers INTEGER NOT NULL,
        correct INTEGER NOT NULL,
        first_correct INTEGER NOT NULL,
        PRIMARY KEY (learner_id, bank_id, question_id, version)) WITHOUT ROWID""",
    "CREATE INDEX version_stats_by_question ON version_stats(bank_id, question_id, version)",
    """CREATE TABLE legacy_versions (
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        version TEXT NOT NULL,
        PRIMARY KEY (bank_id, question_id)) WITHOUT ROWID""",
    "CREATE TABLE versions_pending (bank_id TEXT PRIMARY KEY) WITHOUT ROWID",
    "INSERT INTO versions_pending SELECT DISTINCT bank_id FROM sessions",
)


def _migrate_11_to_12(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V12_STEP:
        conn.execute(sql)


# Version 13: each review's fuzz draw (reviews.draw), drawn when the learner answers and
# recorded with the review, so that a replay takes it instead of deriving it again from a
# seed made of the review (which cost an answer ~50,000 instructions: docs/performance.md,
# "Eleventh round"). The reviews recorded before keep NULL, and replay with the seeded draw
# as before: no card or due date changes. ADD COLUMN writes no row: one statement at any
# size of store.
SCHEMA_V13_STEP = ("ALTER TABLE reviews ADD COLUMN draw REAL",)


def _migrate_12_to_13(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V13_STEP:
        conn.execute(sql)


# Version 14: cards a rowid table, found by (learner, bank, question) through a unique index
# and written by the answer through its rowid, and a card's due date an integer
# (microseconds since 1970 UTC) instead of text: the answer's card update and its entry in
# cards_by_due cost less (docs/performance.md, "Twelfth round"). Cards are one row per
# learner and question, so the copy is small next to the logs, which are not touched.
SCHEMA_V14_STEP = (
    "ALTER TABLE cards RENAME TO cards_v13",
    """CREATE TABLE cards (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        card_id INTEGER NOT NULL,
        state INTEGER NOT NULL,
        step INTEGER,
        stability REAL,
        difficulty REAL,
        due INTEGER NOT NULL,
        last_review TEXT,
        reviews INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        UNIQUE (learner_id, bank_id, question_id))""",
    "INSERT INTO cards SELECT learner_id, bank_id, question_id, card_id, state, step,"
    " stability, difficulty, quizapp_due_micros(due), last_review, reviews, lapses"
    " FROM cards_v13",
    "DROP TABLE cards_v13",
    "CREATE INDEX cards_by_due ON cards(learner_id, bank_id, due)",
)


def _due_micros_v14(text: str) -> int:
    """A due date as version 13 stored it (ISO 8601 text, UTC) in microseconds since 1970
    UTC, as version 14 stores it. Frozen with the step."""
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    since = when - datetime(1970, 1, 1, tzinfo=UTC)
    return (since.days * 86_400 + since.seconds) * 1_000_000 + since.microseconds


def _migrate_13_to_14(conn: sqlite3.Connection) -> None:
    conn.create_function("quizapp_due_micros", 1, _due_micros_v14, deterministic=True)
    try:
        for sql in SCHEMA_V14_STEP:
            conn.execute(sql)
    finally:
        conn.create_function("quizapp_due_micros", 1, None)


# Version 15: suspended cards (a learner's "keep this card out of my study", Anki's Suspend):
# one row per learner and question while the card is suspended, with when. Not part of the
# cards table: a card never reviewed (a new flashcard) can be suspended too, and rebuilding
# the cards from the review log (derived.py) must not bring a suspended card back. Flashcards,
# practice and the due counts leave these questions out; a quiz or an exam still asks them.
# A new, empty table: no row of the logs or the cards is touched.
SCHEMA_V15_STEP = (
    """CREATE TABLE suspended_cards (
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        suspended TEXT NOT NULL,
        PRIMARY KEY (learner_id, bank_id, question_id)) WITHOUT ROWID""",
)


def _migrate_14_to_15(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V15_STEP:
        conn.execute(sql)


# Version 16: suspended cards on every computer of the class. suspension_log keeps each
# suspension and bringing a card back (suspended 1 or 0) with when and a uuid, so that the
# class server can carry them (pushed and pulled like the answers; its step 16) and two
# computers settle a card to its latest action (by `changed`, as the server took it at
# the latest; the uuid breaks a tie). suspended_cards stays the card's settled state.
# Every card suspended now gets its suspension logged, at the time it was suspended.
SCHEMA_V16_STEP = (
    """CREATE TABLE suspension_log (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        bank_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        suspended INTEGER NOT NULL,
        changed TEXT NOT NULL)""",
    "CREATE INDEX suspension_log_by_card ON suspension_log(learner_id, bank_id, question_id)",
    "INSERT INTO suspension_log(uuid, learner_id, bank_id, question_id, suspended, changed)"
    f" SELECT {RANDOM_UUID_SQL}, learner_id, bank_id, question_id, 1, suspended"
    " FROM suspended_cards ORDER BY suspended, learner_id, bank_id, question_id",
)


def _migrate_15_to_16(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V16_STEP:
        conn.execute(sql)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
    3: _migrate_3_to_4,
    4: _migrate_4_to_5,
    5: _migrate_5_to_6,
    6: _migrate_6_to_7,
    7: _migrate_7_to_8,
    8: _migrate_8_to_9,
    9: _migrate_9_to_10,
    10: _migrate_10_to_11,
    11: _migrate_11_to_12,
    12: _migrate_12_to_13,
    13: _migrate_13_to_14,
    14: _migrate_14_to_15,
    15: _migrate_15_to_16,
}


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the database to SCHEMA_VERSION, one write transaction per version step."""
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= SCHEMA_VERSION:
                conn.execute("ROLLBACK")
                return
            if version == 0:
                for sql in SCHEMA_V1:
                    conn.execute(sql)
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            else:
                MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version={version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            # A disk that fills at the COMMIT ends the transaction in SQLite itself: a
            # ROLLBACK then fails, and its error would hide the one that says why.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def create_schema_v1(conn: sqlite3.Connection) -> None:
    """Make an empty database of schema version 1 (for migration tests)."""
    conn.execute("BEGIN IMMEDIATE")
    for sql in SCHEMA_V1:
        conn.execute(sql)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute("PRAGMA user_version=1")
    conn.execute("COMMIT")


# ---------------------------------------------------------------- rebuilding


def _reclassify_sessions(conn: sqlite3.Connection) -> None:
    """Give every closed session of a version-5 database its outcome, by the rules in
    quizapp.core.store's docstring ("Session outcomes"): no answer -> abandoned;
    flashcards -> recall, no score; practice and review -> abandoned if their last answer
    is wrong, else rescored over the distinct questions answered; quiz and exam ->
    finished as they were."""
    # First answer of each question per closed session: (credit, response), in log order.
    firsts: dict[int, dict[str, tuple[float, str]]] = {}
    last_correct: dict[int, int] = {}
    for session_id, question_id, credit, response, correct in conn.execute(
        "SELECT a.session_id, a.question_id, a.credit, a.response, a.correct FROM answers a"
        " JOIN sessions s ON s.id = a.session_id WHERE s.finished IS NOT NULL ORDER BY a.id"
    ):
        firsts.setdefault(session_id, {}).setdefault(question_id, (credit, response))
        last_correct[session_id] = correct
    updates = []
    for session_id, mode, score in conn.execute(
        "SELECT id, mode, score FROM sessions WHERE finished IS NOT NULL"
    ).fetchall():
        answered = firsts.get(session_id)
        new_score, outcome, recall = score, "finished", None
        if not answered:
            new_score, outcome = None, "abandoned"
        elif mode == "flashcards":
            new_score = None
            recall = sum(r in _RECALLED_RESPONSES for _, r in answered.values()) / len(answered)
        elif mode in ("practice", "review") and not last_correct[session_id]:
            # A wrong answer comes back, so practice never ended on one: it was left.
            new_score, outcome = None, "abandoned"
        elif mode in ("practice", "review"):
            new_score = sum(credit for credit, _ in answered.values()) / len(answered)
        kept = score if new_score != score else None
        updates.append((new_score, outcome, recall, kept, session_id))
    conn.executemany(
        "UPDATE sessions SET score = ?, outcome = ?, recall = ?, score_v5 = ? WHERE id = ?",
        updates,
    )
