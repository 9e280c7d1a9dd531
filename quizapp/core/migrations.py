"""The schema's history: each version's SQL, the forward migrations, and rebuilding the
derived tables (statistics, cards) from the answer and review logs.

Store imports this module only when a database has to be created or migrated, when
the derived tables are rebuilt, or when a rating is overridden (a card's replay), so
that opening a current database and listing learners stays cheap. Versions are
described in quizapp.core.store's docstring.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime

from quizapp.core.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    _card_row,
    _local_day,
    _ms,
    _ppm,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from fsrs import Card

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
# of it; override_rating finds an answer's reviews through its card instead), and
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
SCHEMA_V9_STEP = (
    "ALTER TABLE sessions ADD COLUMN uuid TEXT",
    "UPDATE sessions SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2))"
    " || '-4' || substr(hex(randomblob(2)), 2) || '-'"
    " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)"
    " || '-' || hex(randomblob(6)))",
    "CREATE UNIQUE INDEX sessions_by_uuid ON sessions(uuid)",
)


def _migrate_7_to_8(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V8_STEP:
        conn.execute(sql)


def _migrate_8_to_9(conn: sqlite3.Connection) -> None:
    for sql in SCHEMA_V9_STEP:
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


def _rebuild_stats(conn: sqlite3.Connection, learner_id: int | None = None) -> None:
    """Recompute question_stats, bank_stats and day_stats from answers and sessions.

    learner_id: only that learner's rows, taking the answers in the order they were given
    (answers pulled from the class server come into the log after later local ones, and
    a question's first and last try must be the learner's first and last)."""
    questions: dict[tuple, list] = {}
    banks: dict[tuple, list] = {}
    days: dict[tuple, list] = {}
    rows = conn.execute(
        "SELECT s.learner_id, s.bank_id, a.question_id, a.correct, a.credit, a.seconds,"
        " a.answered FROM answers a JOIN sessions s ON s.id = a.session_id"
        + _not_retracted(conn, " WHERE")
        + " ORDER BY a.id"
    ) if learner_id is None else conn.execute(
        "SELECT s.learner_id, s.bank_id, a.question_id, a.correct, a.credit, a.seconds,"
        " a.answered FROM answers a JOIN sessions s ON s.id = a.session_id"
        " WHERE s.learner_id = ?"
        + _not_retracted(conn, " AND")
        + " ORDER BY a.answered, a.id",
        (learner_id,),
    )
    day_cache: dict[str, str] = {}
    for learner, bank, qid, correct, credit, seconds, answered in rows:
        correct = 1 if correct else 0
        ms = _ms(seconds)
        wrong_at = None if correct else answered
        q = questions.get((learner, bank, qid))
        if q is None:
            questions[(learner, bank, qid)] = [
                1,
                correct,
                _ppm(credit),
                ms,
                correct,
                correct,
                answered,
                wrong_at,
            ]
        else:
            q[0] += 1
            q[1] += correct
            q[2] += _ppm(credit)
            q[3] += ms
            q[5] = correct
            q[6] = answered
            if wrong_at:
                q[7] = wrong_at
        b = banks.setdefault((learner, bank), [0, 0, 0, None])
        b[0] += 1
        b[1] += correct
        b[2] += ms
        b[3] = answered
        # The local day depends on the hour only through the UTC offset; cache by hour.
        hour_key = answered[:13]
        day = day_cache.get(hour_key)
        if day is None:
            day = day_cache[hour_key] = _local_day(datetime.fromisoformat(answered))
        d = days.setdefault((learner, bank, day), [0, 0, 0])
        d[0] += 1
        d[1] += correct
        d[2] += ms
    sessions = _attempt_totals(conn, learner_id)
    if learner_id is None:
        conn.execute("DELETE FROM question_stats")
        conn.execute("DELETE FROM bank_stats")
        conn.execute("DELETE FROM day_stats")
    else:
        for table in ("question_stats", "bank_stats", "day_stats"):
            conn.execute(f"DELETE FROM {table} WHERE learner_id = ?", (learner_id,))
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


def _has_retractions(conn: sqlite3.Connection) -> bool:
    """True when some answer was retracted (never before version 8, which adds the table)."""
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'retractions'"
    ).fetchone():
        return False
    return conn.execute("SELECT EXISTS (SELECT 1 FROM retractions)").fetchone()[0] == 1


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
    days: dict[tuple, list] = {}
    day_cache: dict[str, str] = {}
    where = "" if learner_id is None else " AND learner_id = ?"
    for sid, learner, bank, mode, finished, score in conn.execute(
        "SELECT id, learner_id, bank_id, mode, finished, score FROM sessions"
        " WHERE finished IS NOT NULL AND score IS NOT NULL" + where + " ORDER BY finished, id",
        () if learner_id is None else (learner_id,),
    ):
        hour_key = finished[:13]  # the local day depends on the hour only via the offset
        day = day_cache.get(hour_key)
        if day is None:
            day = day_cache[hour_key] = _local_day(datetime.fromisoformat(finished))
        d = days.setdefault((learner, bank, day), [0, 0, None, None, None])
        d[0] += 1
        d[1] += _ppm(score)
        d[2:] = finished, sid, mode
    if learner_id is None:
        conn.execute("DELETE FROM score_days")
    else:
        conn.execute("DELETE FROM score_days WHERE learner_id = ?", (learner_id,))
    conn.executemany(
        "INSERT INTO score_days VALUES (?,?,?,?,?,?,?,?)", (k + tuple(v) for k, v in days.items())
    )


def _replay(card_id: int, reviews: list[tuple]) -> tuple[Card, int, int]:
    """Card, review count and lapses after `reviews` [(rating, when, duration_ms)]."""
    from quizapp.core import scheduler

    card = None
    lapses = 0
    for n, (rating, when, duration_ms) in enumerate(reviews):
        if card is None:
            card = scheduler.new_card(card_id, when)
        if n and rating == scheduler.AGAIN:
            lapses += 1
        card = scheduler.review(
            card, rating, when, None if duration_ms is None else duration_ms / 1000
        )
    return card, len(reviews), lapses


def _effective_reviews(rows: Iterable[tuple]) -> list[tuple]:
    """[(rating, when, duration_ms)] per answer, with overrides applied.

    rows: (id, answer_uuid, rating, reviewed, duration_ms, overrides) by id.
    """
    by_answer: dict[str, list] = {}
    for _id, answer_uuid, rating, reviewed, duration_ms, overrides in rows:
        if overrides is not None and answer_uuid in by_answer:
            by_answer[answer_uuid][0] = rating
        else:
            by_answer[answer_uuid] = [rating, datetime.fromisoformat(reviewed), duration_ms]
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
    counts: dict[tuple, list] = {}
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
        "SELECT id, answer_uuid, rating, reviewed, duration_ms, overrides, card_id"
        " FROM reviews WHERE learner_id = ? AND bank_id = ? AND question_id = ? ORDER BY id",
        key,
    ).fetchall()
    rows = [r for r in rows if r[1] not in retracted]
    if not rows:
        return None
    return _replay(rows[0][6], _effective_reviews(r[:6] for r in rows))
