"""The score store: one SQLite database per computer, the only module with SQL.

Durability: WAL with synchronous=FULL, so a committed answer survives a crash
or a power cut. Every write is one short BEGIN IMMEDIATE transaction, and a
5 s busy timeout lets two app windows (or two processes) write at once
without losing anything. `record_answer` commits before it returns.

The answer log (`answers`, append-only, one time-ordered version 7 UUID per answer
(earlier answers may have version 4 ones)) is the source of truth. Small derived tables (per learner+question, per learner+bank, per
learner+bank+day) are updated in the same transaction as each answer so that
statistics never scan the log; `rebuild_derived()` recomputes them from it.
The FSRS card per (learner, bank, question) and the review log (`reviews`,
every rating ever applied, overrides included) live here too.

Deleting a learner deletes everything of theirs: sessions, answers, cards,
reviews and statistics (the GUI asks for confirmation first). This is the one
exception to "answers are never deleted", and only the learner's own request
triggers it.

A database that is damaged, written by a newer quizapp, or not ours at all is
moved aside untouched (`quizapp.sqlite3.<UTC timestamp>.bad`, with its -wal
and -shm files) and a fresh one is started; `recovery_message` says so. But when only
the file read with its -wal/-shm is bad and the file alone is sound (a journal left
by another database), only the journal goes aside (`.<stamp>.stale-wal`, `-shm`)
and every answer is kept. The same happens when both views read fine but name two
stores: each store has a random id in its settings (STORE_ID_KEY), compared through
both views only when a non-empty -wal is there at open. A zero-byte file is reported (and set aside), never
silently taken for a first start.

Schema versions (PRAGMA user_version; application_id marks the file as ours):
1 the logs and cards (frozen in migrations.SCHEMA_V1), 2 adds the derived tables, backfilled
from the log, and the bank catalog (the current question ids and tags of each bank,
refreshed when a Bank with a new signature is passed in, so statistics filter out
removed questions in SQL), 3 a covering index for item analysis, 4 drops the index on
reviews.answer_uuid (record_answer's write cost) and covers score_over_time with an index,
5 adds score_days (finished sessions per learner, bank and local day, kept by finish_session,
so a long score history is averaged without reading every session),
6 records each session's outcome and a flashcard session's recall, reclassifying the past
(see "Session outcomes" below and quizapp.core.migrations), 7 adds answers.shown (the
options' texts in the order the learner saw them, JSON; NULL for questions with nothing
to shuffle and for answers recorded before shuffling), 8 adds `retractions` (see "Retracted
answers" below), 9 gives each session a UUID
(sessions.uuid, version 7 for new sessions, 4 for earlier ones) so that it keeps its
identity on the class server and on the computers it is pulled to (see "Class server"
below). Opening migrates
forward, one transaction per step; tests open a database of every earlier version.

A full disk (SQLITE_FULL, ENOSPC) is DiskFullError with one message (DISK_FULL_MESSAGE);
StoreError.can_retry says when trying again at once can work (a busy window). After a
checkpoint the -wal file is cut back to JOURNAL_SIZE_LIMIT, and checkpoint() (called by
the automatic backups in quizapp.core.backup) brings the main file up to date.

A file up to 64 MB gets a full integrity check at every open; a bigger one only
after a query met damage (a `.check` marker left next to it). The app opens with
defer_check=True instead (only the marker makes it check first) and runs
check_integrity() on a thread after its window is up: every start up to 64 MB, weekly
beyond. A failed check keeps the file in use, says so, and leaves the marker, so the
next start sets the file aside (untouched) if it is still damaged. A busy or unreadable
file is never moved aside: StoreError says what to do.

Session outcomes (version 6). A session ends with `sessions.outcome`:
- "finished": it ran to its end;
- "timed_out": a timed session (an exam) whose time ran out; scored like a finished one
  (questions not reached count as wrong), kept apart so that it can be shown;
- "abandoned": the learner left it. Its answers stay in the log and count for the
  per-question statistics and the FSRS cards, but it is not an attempt: its score is NULL.
A session never closed (the app was killed) keeps outcome and finished NULL.
An attempt is exactly a closed session with a score (`finished` and `score` NOT NULL):
bank_stats (attempts, best, last), score_days and the score chart count only those.
Flashcard sessions are not scored: their score is NULL and `sessions.recall` holds the
share of their cards first rated Good or Easy (bank_summary's `recall`, shown on its own).
Practice and review sessions report the score over the distinct questions they asked and
the learner answered (right at the first try), not over the whole bank.

Migrating a version-5 database reclassifies its closed sessions from their answers (what
the old code could not record is decided by these rules):
- no answer at all: abandoned (score NULL), whatever its mode;
- flashcards: finished, score NULL, recall from the first rating of each card (the answer's
  stored response, "Good" or "Easy");
- practice and review whose last answer is wrong: abandoned (a wrong answer comes back,
  so only leaving ends a practice on one; a timed practice that ran out of time then is
  counted as left too, since version 5 did not store time limits);
- other practice and review: finished, rescored as the mean first-attempt credit over the
  distinct questions answered (each question weighs 1: the bank's points are not stored);
- quiz and exam with answers: finished, score unchanged (a quiz left halfway cannot be told
  from a finished one, nor a timed-out exam from one handed in);
- `sessions.score_v5` keeps the score version 5 had recorded wherever the migration changed
  it (never dropped). bank_stats' attempt columns and score_days are then rebuilt (the
  answer statistics do not change).

Retracted answers (version 8). The learner can take back the last answer (Ctrl+Z after the
feedback): `retract_answer` appends (answer uuid, when) to `retractions` and, in the same
transaction, recomputes what the answer had changed for its learner, bank and question:
question_stats, bank_stats, day_stats and the FSRS card (replayed from its remaining reviews
in log order, overrides applied). The answer and its reviews stay in their logs; every
statistic, card and rebuild leaves retracted answers out, and `export_records` names them
(the `retracted` column). A session's own score is its QuizSession's, which forgets the
answer too.

Class server (quizapp.server.sync). The logs are append-only with UUIDs, so a computer
pushes them in batches and pushing twice changes nothing. Per learner, the settings keep
how far each log was pushed (`sync.<learner id>.<log>`: the last local row id sent) and
which sent sessions were still open (their end is sent once they close): unpushed() reads
what is new, mark_pushed() records a batch the server committed, import_pulled() adds the
rows pulled from the server (other computers' answers) and replays the cards they touch in
the order the reviews happened, so two computers used offline merge without conflict.
Retractions travel too (mark `sync.<learner id>.retractions`): unpushed() sends them with
the last batch, once every answer they name is sent, and import_pulled() applies pulled
ones as retract_answer does (an answer already taken back here is skipped).

Times are stored as ISO 8601 UTC strings of fixed width, so they sort as text.
Sums in derived tables are integers (milliseconds, millionths of credit or
score) so that a rebuild gives exactly the same numbers as the incremental
updates, whatever the order of addition.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from quizapp.core import paths

# Startup opens the store and lists the learners, nothing more: everything else this
# module needs (fsrs through the scheduler, json, hashlib, the model and the statistics
# dataclasses) is imported by the methods that use it, on their first call.
TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from fsrs import Card

    from quizapp.core.learner import Learner
    from quizapp.core.model import Bank, Question
    from quizapp.core.stats import (
        AnswerRecord,
        BankSummary,
        CardState,
        DayActivity,
        DueDay,
        ExportRow,
        ItemStat,
        LearnerBankRow,
        QuestionRow,
        QuestionStat,
        ScorePoint,
        SessionInfo,
        TagAccuracy,
        TimeSpent,
    )
    from quizapp.core.sync_batch import SyncBatch


def _log():
    import logging

    return logging.getLogger(__name__)


def _is_bank(obj) -> bool:
    from quizapp.core.model import Bank

    return isinstance(obj, Bank)


def _bank_id(bank) -> str:
    return bank.id if _is_bank(bank) else str(bank)


DB_NAME = "quizapp.sqlite3"
APPLICATION_ID = 0x517A4170  # "QzAp": marks the file as ours
SCHEMA_VERSION = 9
# The logs pushed to the class server, each with its mark (`sync.<learner id>.<log>`).
_PUSHED_LOGS = ("sessions", "answers", "reviews", "retractions")
BUSY_TIMEOUT_MS = 5000
JOURNAL_SIZE_LIMIT = 4 * 2**20
# Files up to this size get a full PRAGMA quick_check at every open; bigger ones only
# after a query met damage (the app leaves a ".check" marker file for the next start).
# The app opens with defer_check=True instead and runs check_integrity() in the
# background once its window is up: every start for files up to this size, at most
# once every FULL_CHECK_INTERVAL for bigger ones.
FULL_CHECK_MAX_BYTES = 64 * 2**20
FULL_CHECK_INTERVAL = timedelta(days=7)
LAST_CHECK_KEY = "last_full_check"  # settings: when check_integrity last found the file sound
MODES = ("quiz", "exam", "practice", "flashcards", "review")
# How a session ended (sessions.outcome; NULL while it is open). Only "abandoned" is not
# an attempt; "timed_out" is an exam scored as finished.
OUTCOMES = ("finished", "timed_out", "abandoned")
MAX_NAME_LENGTH = 60
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
}


class StoreError(Exception):
    """A readable problem with the store (shown to the learner as is).

    can_retry: doing the same again at once may work (another window was busy);
    the GUI says "Try again." only then.
    """

    can_retry = False


class DiskFullError(StoreError):
    """The disk (or the database's size limit) is full: nothing was written."""


DISK_FULL_MESSAGE = "The disk is full: free some space; your earlier answers are safe."
SQLITE_FULL = 13


def _is_disk_full(exc: BaseException) -> bool:
    import errno

    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF == SQLITE_FULL
    return "database or disk is full" in str(exc)


def _ts(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _local_day(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone().date().isoformat()


def _ppm(value: float) -> int:
    return int(round(value * 1_000_000))


def _ms(seconds: float) -> int:
    return int(round(seconds * 1000))


def _finite(value, low: float, high: float) -> float:
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        return low
    return min(high, max(low, value))


# Restrict a query on cards (c) or question_stats (s) to the bank's current questions.
_JOIN_CURRENT = (
    " JOIN bank_questions bq ON bq.bank_id = c.bank_id AND bq.question_id = c.question_id"
)
_JOIN_CURRENT_S = (
    " JOIN bank_questions bq ON bq.bank_id = s.bank_id AND bq.question_id = s.question_id"
)


def _spreadsheet_safe_sql(column: str) -> str:
    """SQL for csv_cells.spreadsheet_safe(column) on a text column: a leading quote
    before a text that starts with one of FORMULA_STARTS (= + - @ tab CR)."""
    return f"CASE WHEN unicode({column}) IN (61, 43, 45, 64, 9, 13) THEN '''' || {column}" \
        f" ELSE {column} END"


def _json_string_text(value):
    """A stored JSON string as its text (anything else as it is), as Python reads it,
    made safe for a spreadsheet (csv_cells.spreadsheet_safe)."""
    import json

    from quizapp.core.csv_cells import spreadsheet_safe

    try:
        text = json.loads(value)
    except (TypeError, ValueError):
        return spreadsheet_safe(value)
    return spreadsheet_safe(text if isinstance(text, str) else value)


def _round3(value):
    """Seconds to the millisecond, as Python rounds; anything but a number as it is."""
    return round(value, 3) if isinstance(value, float | int) else value


# round(x, 3) as Python does it. SQLite's round() rounds its decimal digits, which differs
# from Python's correctly rounded result only when x * 1000 is within a hair of .5 (such
# as 0.0045, really 0.00449999...): those few go to Python (quizapp_round3, 1.5 us a call).
_ROUND3_SQL = (
    "CASE WHEN typeof({0}) = 'real' AND {0} >= 0"
    " AND abs({0} * 1000 - CAST({0} * 1000 AS INTEGER) - 0.5) > 1e-6"
    " THEN round({0}, 3) ELSE quizapp_round3({0}) END"
)


def _bank_signature(bank: Bank) -> str:
    """What the catalog tables hold for a bank: its question ids and their tags."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    for q in bank.questions:
        digest.update(q.id.encode())
        digest.update(b"\x1f" + "\x1e".join(q.tags).encode() + b"\x00")
    return digest.hexdigest()


def _card_row(card: Card) -> tuple:
    return (
        card.card_id,
        int(card.state),
        card.step,
        card.stability,
        card.difficulty,
        _ts(card.due),
        None if card.last_review is None else _ts(card.last_review),
    )


def _fold_question(rows: Iterable[tuple]) -> tuple:
    """question_stats' columns after (answers, correct, credit_ppm, ms, first_correct,
    last_correct, last_answered, last_wrong) from one question's answers
    [(correct, credit, seconds, answered)] in log order (at least one)."""
    answers = correct_sum = credit_ppm = ms = 0
    first_correct = last_correct = 0
    last_answered = last_wrong = None
    for n, (correct, credit, seconds, answered) in enumerate(rows):
        ci = 1 if correct else 0
        answers += 1
        correct_sum += ci
        credit_ppm += _ppm(credit)
        ms += _ms(seconds)
        if n == 0:
            first_correct = ci
        last_correct = ci
        last_answered = answered
        if not ci:
            last_wrong = answered
    return (
        answers, correct_sum, credit_ppm, ms, first_correct, last_correct, last_answered,
        last_wrong,
    )


def _uuid7() -> str:
    """A version 7 UUID (RFC 9562): milliseconds since 1970, then 74 random bits.

    Time-ordered, so each new answer's UUID lands at the end of the answers.uuid
    index instead of on a random page of it (one page read and write fewer per answer
    at a million answers); still globally unique for merging results from several
    computers.
    """
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10), "big")
    value = value & ~(0xF << 76 | 0x3 << 62) | 0x7 << 76 | 0x2 << 62  # version 7, variant 10
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _json_text(response) -> str:
    import json

    return json.dumps(response, ensure_ascii=False, default=str)


# record_answer's statements: constant texts, so sqlite3's statement cache prepares each once.
_SELECT_CARD = (
    "SELECT card_id, state, step, stability, difficulty, due, last_review, reviews, lapses"
    " FROM cards WHERE learner_id = ? AND bank_id = ? AND question_id = ?"
)
_INSERT_ANSWER = (
    "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit,"
    " seconds, answered, shown) VALUES (?,?,?,?,?,?,?,?,?)"
)
_UPSERT_QUESTION_STATS = (
    "INSERT INTO question_stats VALUES (?,?,?,1,?,?,?,?,?,?,?)"
    " ON CONFLICT(learner_id, bank_id, question_id) DO UPDATE SET"
    " answers = answers + 1, correct = correct + excluded.correct,"
    " credit_ppm = credit_ppm + excluded.credit_ppm, ms = ms + excluded.ms,"
    " last_correct = excluded.last_correct, last_answered = excluded.last_answered,"
    " last_wrong = coalesce(excluded.last_wrong, last_wrong)"
)
_UPSERT_BANK_STATS = (
    "INSERT INTO bank_stats(learner_id, bank_id, answers, correct, ms, last_answered)"
    " VALUES (?,?,1,?,?,?) ON CONFLICT(learner_id, bank_id) DO UPDATE SET"
    " answers = answers + 1, correct = correct + excluded.correct,"
    " ms = ms + excluded.ms, last_answered = excluded.last_answered"
)
_UPSERT_DAY_STATS = (
    "INSERT INTO day_stats VALUES (?,?,?,1,?,?)"
    " ON CONFLICT(learner_id, bank_id, day) DO UPDATE SET"
    " answers = answers + 1, correct = correct + excluded.correct, ms = ms + excluded.ms"
)
# finish_session's: the day's last session is the one finished last (a later call wins a
# tie, as the rebuild's ORDER BY finished, id does).
_UPSERT_SCORE_DAY = (
    "INSERT INTO score_days SELECT learner_id, bank_id, ?, 1, ?, finished, id, mode"
    " FROM sessions WHERE id = ? ON CONFLICT(learner_id, bank_id, day) DO UPDATE SET"
    " sessions = sessions + 1, score_ppm = score_ppm + excluded.score_ppm,"
    " last_session = CASE WHEN excluded.last_finished >= last_finished"
    " THEN excluded.last_session ELSE last_session END,"
    " last_mode = CASE WHEN excluded.last_finished >= last_finished"
    " THEN excluded.last_mode ELSE last_mode END,"
    " last_finished = max(last_finished, excluded.last_finished)"
)
_INSERT_CARD = (
    "INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT(learner_id, bank_id, question_id) DO NOTHING"
)
# An UPDATE in place (no delete + insert of the row), and only of the card as it was read.
_UPDATE_CARD = (
    "UPDATE cards SET card_id = ?, state = ?, step = ?, stability = ?, difficulty = ?,"
    " due = ?, last_review = ?, reviews = ?, lapses = ?"
    " WHERE learner_id = ? AND bank_id = ? AND question_id = ?"
    " AND (card_id, state, step, stability, difficulty, due, last_review, reviews, lapses)"
    " IS (?,?,?,?,?,?,?,?,?)"
)
_INSERT_REVIEW = (
    "INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id, card_id,"
    " rating, reviewed, duration_ms, overrides, card) VALUES (?,?,?,?,?,?,?,?,NULL,?)"
)


def _plan_review(row: tuple | None, key: tuple, rating: int, when: datetime, seconds: float):
    """(card after the review, its cards-table columns, its JSON) from the card row read."""
    from fsrs import Card, State

    from quizapp.core import scheduler

    if row is None:
        card = scheduler.new_card(scheduler.card_id_for(*key), when)
        reviews, lapses = 0, 0
    else:
        card = Card(
            card_id=row[0],
            state=State(row[1]),
            step=row[2],
            stability=row[3],
            difficulty=row[4],
            due=datetime.fromisoformat(row[5]),
            last_review=_dt(row[6]),
        )
        reviews, lapses = row[7], row[8]
        if rating == scheduler.AGAIN:
            lapses += 1
    card = scheduler.review(card, rating, when, seconds)
    return card, _card_row(card) + (reviews + 1, lapses), card.to_json()


def _store_card(c: sqlite3.Connection, key: tuple, row: tuple | None, plan) -> bool:
    """Write the planned card if the stored one is still `row`; False if it changed."""
    if row is None:
        return c.execute(_INSERT_CARD, key + plan[1]).rowcount == 1
    return c.execute(_UPDATE_CARD, plan[1] + key + tuple(row)).rowcount == 1


# ---------------------------------------------------------------- opening


def _unusable(path: Path, exc: Exception) -> str:
    if _is_disk_full(exc):
        return f"The results file {path} cannot be opened: d{DISK_FULL_MESSAGE[1:]}"
    return (
        f"The results file {path} cannot be opened right now ({exc}). Nothing was changed; "
        "close other quizapp windows or check the folder's permissions, then try again."
    )


def _check_marker(path: Path) -> Path:
    return path.with_name(path.name + ".check")


def _side_files(path: Path) -> list[Path]:
    """The -wal and -shm files next to the database that exist."""
    return [p for p in (path.with_name(path.name + s) for s in ("-wal", "-shm")) if p.exists()]


def _diagnose(path: Path, full_check: bool = True, without_wal: bool = False) -> str | None:
    """Why this file cannot be used as our database, or None if it can.

    full_check runs PRAGMA quick_check, which reads every page (about 1.5 ms a
    megabyte); Store.open_file skips it for big files unless damage was seen.
    without_wal judges the main file alone: SQLite's immutable=1 reads neither the
    -wal nor the -shm file, so a journal left by another database cannot hide a
    sound file.
    """
    try:
        if not path.exists():
            return None
        with open(path, "rb") as f:
            header = f.read(16)
    except OSError as exc:
        return f"could not be read ({exc.strerror or exc})"
    if not header and (without_wal or not _side_files(path)):
        # Nothing in it and no journal that could hold its pages: whatever was there is
        # gone (a failed copy, a full disk, a sync tool). Say so instead of starting over
        # as if this were a first start.
        return "was empty (0 bytes), so no earlier answers could be read from it"
    if header and header != b"SQLite format 3\x00":
        return "is not a quizapp database (it is not a SQLite file)"
    options = "immutable=1" if without_wal else "mode=ro"
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(path))}?{options}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise StoreError(_unusable(path, exc)) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
        if not tables and app_id == 0 and version == 0:
            return None
        if app_id != APPLICATION_ID:
            return "was made by another program, not quizapp"
        if version > SCHEMA_VERSION:
            return (
                f"was written by a newer version of quizapp (data format {version}; "
                f"this version reads up to {SCHEMA_VERSION})"
            )
        expected = TABLES.get(version)
        if expected is None or not expected <= tables:
            return "is damaged (tables are missing)"
        if full_check:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                return "is damaged (the integrity check failed)"
    except sqlite3.OperationalError as exc:
        # Busy, locked, unreadable: nothing says the file is bad. Never move it aside.
        raise StoreError(_unusable(path, exc)) from exc
    except sqlite3.DatabaseError as exc:  # SQLITE_CORRUPT, SQLITE_NOTADB
        return f"is damaged ({exc})"
    finally:
        conn.close()
    return None


# A random id written once into each store's settings: a journal whose pages give the
# store another id than the file alone has belongs to another store. It never changes,
# even across a restore (backup.restore writes the live store's id back).
STORE_ID_KEY = "store_id"


def _store_id(path: Path, without_wal: bool) -> str | None:
    """The store's id as the file alone or the file read with its journal has it."""
    options = "mode=ro&immutable=1" if without_wal else "mode=ro"
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(path))}?{options}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (STORE_ID_KEY,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return row[0] if row else None


def _journal_of_another_store(path: Path) -> bool:
    """True when the -wal file next to path holds pages of another quizapp store: both
    views read fine, yet they name two stores. Only a non-empty -wal is looked at (a
    clean close leaves none), so a usual start pays nothing. A -wal in use by another
    window is never taken for a foreign one: the id is the same through either view."""
    try:
        if path.with_name(path.name + "-wal").stat().st_size == 0:
            return False
    except OSError:
        return False
    alone = _store_id(path, without_wal=True)
    together = _store_id(path, without_wal=False)
    return alone is not None and together is not None and alone != together


def _ensure_store_id(conn: sqlite3.Connection) -> None:
    """Give the store its id the first time it is opened by a quizapp that knows of it."""
    try:
        if conn.execute("SELECT 1 FROM settings WHERE key = ?", (STORE_ID_KEY,)).fetchone():
            return
        import uuid

        conn.execute(
            "INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)",
            (STORE_ID_KEY, uuid.uuid4().hex),
        )
    except sqlite3.OperationalError as exc:  # busy or read-only: next time
        _log().warning("could not give the store its id: %s", exc)


def _aside_name(path: Path, kind: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.{stamp}.{kind}")
    n = 1
    while any(target.with_name(target.name + s).exists() for s in ("", "-wal", "-shm")):
        target = path.with_name(f"{path.name}.{stamp}-{n}.{kind}")
        n += 1
    return target


def _move_journal_aside(path: Path) -> list[Path]:
    """Move only the -wal and -shm files aside (`<name>.<stamp>.stale-wal`, `-shm`),
    untouched, for a sound database whose journal does not belong to it."""
    target = _aside_name(path, "stale")
    moved = []
    for side in _side_files(path):
        destination = target.with_name(target.name + side.name[len(path.name) :])
        os.replace(side, destination)
        moved.append(destination)
    return moved


def _move_aside(path: Path) -> Path:
    target = _aside_name(path, "bad")
    os.replace(path, target)
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    _check_marker(path).unlink(missing_ok=True)
    return target


def _backup_hint(path: Path) -> str:
    """Where the learner's answers can come back from after a file was set aside."""
    from quizapp.core import backup  # only on this rare path

    for info in backup.list_backups(backup.backups_dir(path.parent)):
        if info.problem is None:
            made = info.made.astimezone().strftime("%Y-%m-%d %H:%M")
            return (
                f" The newest backup, of {made}, holds {info.answers} answers: restore it "
                f"with File > Backups… or `quizapp restore {info.path.name}`."
            )
    return ""


def _connect(path: Path) -> sqlite3.Connection:
    # sqlite3 keeps prepared statements by SQL text, 128 by default; queries with an
    # IN list of varying length (next_due, item analysis) would push record_answer's
    # statements out, and preparing them again costs more than running them.
    conn = sqlite3.connect(
        path,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
        cached_statements=512,
    )
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if mode.lower() != "wal":
        _log().warning("SQLite refused WAL mode (got %s); continuing", mode)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    # 16 MB of page cache keeps the hot index pages (uuid, reviews) in memory.
    conn.execute("PRAGMA cache_size=-16384")
    # After a checkpoint the -wal file is cut back to 4 MB, so the space a burst of
    # writes took is given back instead of being kept by the journal for ever.
    conn.execute(f"PRAGMA journal_size_limit={JOURNAL_SIZE_LIMIT}")
    # wal_autocheckpoint stays at SQLite's 1000 pages (about 75 answers of ~13 pages).
    # A larger one checkpoints less often but keeps the WAL file growing for longer, and a
    # commit that appends to the file costs about twice one that overwrites it (0.78 vs
    # 0.44 ms for 14 pages here): 4000 made record_answer's median worse, not better.
    return conn


def _ensure_schema(conn: sqlite3.Connection) -> None:
    # Up to date (the usual case): no write lock, so another window's writes never
    # delay opening, and the migrations module is not even imported.
    if conn.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
        return
    from quizapp.core import migrations

    migrations.migrate(conn)


# ---------------------------------------------------------------- the store


class Store:
    """Learners, sessions, answers, FSRS cards and statistics in one SQLite file.

    Thread-safe: one connection guarded by a lock, so the GUI may run queries
    on a worker thread. Open with Store.open().
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, recovery_message: str | None = None):
        self._conn = conn
        self.path = path
        self.recovery_message = recovery_message
        self._lock = threading.RLock()
        self._listeners: list[Callable[[], None]] = []
        self._session_keys: dict[int, tuple[int, str]] = {}
        self._synced: dict[str, tuple[Bank, str]] = {}
        self._tag_orders: dict[str, tuple[Bank, tuple[str, ...]]] = {}
        self._id_sets: dict[str, tuple[Bank, frozenset[str]]] = {}
        self._item_cache: dict[str, tuple[tuple, tuple[ItemStat, ...]]] = {}

    # ------------------------------------------------------------ lifecycle

    @classmethod
    def open(
        cls, data_dir: str | os.PathLike | None = None, *, defer_check: bool = False
    ) -> Store:
        """Open (or create) the store in data_dir or quizapp.core.paths.data_dir().

        defer_check: skip the full integrity check at open (unless a query met damage
        before); the caller runs check_integrity() later, off the startup path."""
        folder = paths.data_dir(data_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the data folder {folder}: {exc.strerror or exc}"
            ) from exc
        return cls.open_file(folder / DB_NAME, defer_check=defer_check)

    @classmethod
    def open_file(cls, path: Path, *, defer_check: bool = False) -> Store:
        path = Path(path)
        message = None
        marker = _check_marker(path)
        try:
            full = marker.exists() or (
                not defer_check and path.stat().st_size <= FULL_CHECK_MAX_BYTES
            )
        except OSError:
            full = True
        problem = _diagnose(path, full)
        foreign = problem is None and _journal_of_another_store(path)
        if (
            (problem is not None or foreign)
            and _side_files(path)
            and _diagnose(path, True, True) is None
        ):
            # The file alone is sound: the journal next to it is what does not fit (left by
            # another database, a sync tool or a copy). Keep every answer; set the journal aside.
            try:
                journal = _move_journal_aside(path)
            except OSError as exc:
                raise StoreError(
                    f"The results file {path} is sound, but the journal files next to it "
                    f"({path.name}-wal, -shm) do not belong to it and could not be moved "
                    f"aside: {exc.strerror or exc}. Move them elsewhere, then start quizapp."
                ) from exc
            message = (
                f"The journal files next to the results file {path.name} belonged to another "
                f"database. They were moved aside, untouched, to "
                f"{' and '.join(p.name for p in journal)}. The results file itself is sound and "
                "was kept: your answers are all there."
            )
            _log().warning(
                "%s (read with that journal, the file %s)", message, problem or "is another store"
            )
            problem = None
        if problem is None:
            conn = None
            try:
                conn = _connect(path)
                _ensure_schema(conn)
                _ensure_store_id(conn)
                if full:
                    marker.unlink(missing_ok=True)
                return cls(conn, path, message)
            except sqlite3.Error as exc:
                if conn is not None:
                    conn.close()
                if type(exc) is not sqlite3.DatabaseError:
                    raise StoreError(_unusable(path, exc)) from exc
                problem = f"is damaged ({exc})"
        try:
            moved = _move_aside(path)
        except OSError as exc:
            raise StoreError(
                f"The results file {path} {problem}, and it could not be moved aside: "
                f"{exc.strerror or exc}"
            ) from exc
        message = (
            f"The results file {path.name} {problem}. It was moved aside, untouched, "
            f"to {moved.name}, and a new empty one was started."
        ) + _backup_hint(path)
        _log().warning(message)
        try:
            conn = _connect(path)
            _ensure_schema(conn)
            _ensure_store_id(conn)
        except sqlite3.Error as exc:
            raise StoreError(_unusable(path, exc)) from exc
        return cls(conn, path, message)

    def integrity_check_due(self, now: datetime | None = None) -> bool:
        """Whether check_integrity() should run now: always for a file up to
        FULL_CHECK_MAX_BYTES (it costs about 2 ms a MiB, off the GUI thread), else when the
        last sound check is older than FULL_CHECK_INTERVAL, or damage was met."""
        try:
            if _check_marker(self.path).exists():
                return True
            if self.path.stat().st_size <= FULL_CHECK_MAX_BYTES:
                return True
            row = self._read1("SELECT value FROM settings WHERE key = ?", (LAST_CHECK_KEY,))
        except (OSError, StoreError):
            return True
        if row is None:
            return True
        try:
            last = datetime.fromisoformat(row[0])
        except ValueError:
            return True
        return (now or datetime.now(UTC)) - last >= FULL_CHECK_INTERVAL

    def check_integrity(self) -> str | None:
        """Run PRAGMA quick_check on the file, through a read-only connection of its own
        (safe on any thread: it takes neither this Store's lock nor a write lock, so the
        app keeps saving answers meanwhile). None when the file is sound; else what to tell
        the learner. A failed check keeps the file and the answers in it as they are,
        in use; it leaves the `.check` marker, so the next start checks the file before
        using it (and sets it aside, untouched, if it is still damaged)."""
        try:
            conn = sqlite3.connect(
                f"file:{quote(str(self.path))}?mode=ro", uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
            )
        except sqlite3.Error as exc:
            _log().warning("integrity check could not open %s: %s", self.path, exc)
            return None
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            problem = None if result == "ok" else f"the integrity check failed: {result}"
        except sqlite3.OperationalError as exc:  # busy, locked: nothing says it is bad
            _log().warning("integrity check of %s did not run: %s", self.path, exc)
            return None
        except sqlite3.DatabaseError as exc:  # SQLITE_CORRUPT, SQLITE_NOTADB
            problem = str(exc)
        finally:
            conn.close()
        if problem is None:
            try:
                with self._write(notify=False) as c:
                    c.execute(
                        "INSERT OR REPLACE INTO settings VALUES (?, ?)",
                        (LAST_CHECK_KEY, _ts(datetime.now(UTC))),
                    )
            except StoreError as exc:  # a full disk: the check is simply due again
                _log().warning("could not note the integrity check: %s", exc)
            return None
        try:
            _check_marker(self.path).touch()
        except OSError:
            pass
        message = (
            f"The results file {self.path.name} may be damaged ({problem}). It was kept "
            "as it is and quizapp goes on using it, but some answers in it may not read "
            "back. Quit quizapp when convenient: the next start checks the file again "
            "and, if it is still damaged, moves it aside untouched and starts a new one."
        ) + _backup_hint(self.path)
        _log().warning(message)
        return message

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.execute("PRAGMA optimize")
                except sqlite3.Error:
                    pass
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._read1("PRAGMA user_version")[0]

    # ------------------------------------------------------------ plumbing

    def add_listener(self, callback: Callable[[], None]) -> None:
        """callback() runs after every committed write (on the writing thread)."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def _notify(self) -> None:
        for callback in list(self._listeners):
            try:
                callback()
            except Exception:
                _log().exception("store listener failed")

    def _failure(self, exc: sqlite3.Error) -> StoreError:
        """A readable StoreError for a database failure (damage, busy, disk)."""
        text = str(exc)
        if _is_disk_full(exc):
            return DiskFullError(DISK_FULL_MESSAGE)
        if type(exc) is sqlite3.DatabaseError:  # SQLITE_CORRUPT, SQLITE_NOTADB
            try:
                _check_marker(self.path).touch()
            except OSError:
                pass
            return StoreError(
                f"The results file {self.path.name} is damaged ({text}). Restart quizapp: it "
                "will move the damaged file aside and start a new one."
            )
        if "locked" in text or "busy" in text:
            error = StoreError(
                "Another quizapp window kept the results file busy for too long. Please try again."
            )
            error.can_retry = True
            return error
        return StoreError(f"Could not use the results file {self.path}: {text}.")

    @contextmanager
    def _write(self, notify: bool = True) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError("The store is closed.")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except sqlite3.IntegrityError:
                raise
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise self._failure(exc) from exc
        if notify:
            self._notify()

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            if self._conn is None:
                raise StoreError("The store is closed.")
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self._failure(exc) from exc

    def _read1(self, sql: str, params: tuple = ()) -> tuple | None:
        with self._lock:
            if self._conn is None:
                raise StoreError("The store is closed.")
            try:
                return self._conn.execute(sql, params).fetchone()
            except sqlite3.Error as exc:
                raise self._failure(exc) from exc

    # ------------------------------------------------------------ settings

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._read1("SELECT value FROM settings WHERE key = ?", (key,))
        return default if row is None else row[0]

    def set_setting(self, key: str, value: str | None) -> None:
        with self._write() as c:
            if value is None:
                c.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                c.execute(
                    "INSERT INTO settings(key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, str(value)),
                )

    # ------------------------------------------------------------ learners

    @staticmethod
    def _clean_name(name: str) -> str:
        from quizapp.core.learner_names import clean_name

        return clean_name(name, MAX_NAME_LENGTH)

    def _refuse_look_alike(self, name: str, learner_id: int | None = None) -> None:
        """ValueError if another learner's name looks the same (core/learner_names.py)."""
        from quizapp.core.learner_names import look_alike, look_alike_message

        others = (n for i, n in self._read("SELECT id, name FROM learners") if i != learner_id)
        existing = look_alike(name, others)
        if existing is not None:
            raise ValueError(look_alike_message(name, existing))

    def learners(self) -> list[Learner]:
        from quizapp.core.learner import Learner

        return [
            Learner(i, n, _dt(c))
            for i, n, c in self._read("SELECT id, name, created FROM learners ORDER BY name, id")
        ]

    def learner(self, learner_id: int) -> Learner | None:
        from quizapp.core.learner import Learner

        row = self._read1("SELECT id, name, created FROM learners WHERE id = ?", (learner_id,))
        return None if row is None else Learner(row[0], row[1], _dt(row[2]))

    def learner_by_name(self, name: str) -> Learner | None:
        import unicodedata

        from quizapp.core.learner import Learner

        row = self._read1(
            "SELECT id, name, created FROM learners WHERE name = ?",
            (unicodedata.normalize("NFC", " ".join(name.split())),),  # stored as NFC
        )
        return None if row is None else Learner(row[0], row[1], _dt(row[2]))

    def create_learner(self, name: str) -> Learner:
        from quizapp.core.learner import Learner

        name = self._clean_name(name)
        self._refuse_look_alike(name)
        created = datetime.now(UTC)
        try:
            with self._write() as c:
                cur = c.execute(
                    "INSERT INTO learners(name, created) VALUES (?, ?)", (name, _ts(created))
                )
                learner_id = cur.lastrowid
        except sqlite3.IntegrityError:
            raise ValueError(f'There is already a learner called "{name}".') from None
        return Learner(learner_id, name, datetime.fromisoformat(_ts(created)))

    def rename_learner(self, learner_id: int, name: str) -> None:
        name = self._clean_name(name)
        self._refuse_look_alike(name, learner_id)
        try:
            with self._write() as c:
                cur = c.execute("UPDATE learners SET name = ? WHERE id = ?", (name, learner_id))
                if cur.rowcount == 0:
                    raise ValueError("This learner no longer exists.")
        except sqlite3.IntegrityError:
            raise ValueError(f'There is already a learner called "{name}".') from None

    def delete_learner(self, learner_id: int) -> None:
        """Delete the learner with all their sessions, answers, cards and statistics."""
        with self._write() as c:
            c.execute("DELETE FROM learners WHERE id = ?", (learner_id,))
            c.execute(
                "DELETE FROM settings WHERE key = 'last_learner' AND value = ?",
                (str(learner_id),),
            )
            # Their class server sign-in and sync marks go too: SQLite may give the next
            # new learner the same id, who must not inherit the sign-in.
            c.execute(
                "DELETE FROM settings WHERE key LIKE ? OR (key LIKE 'server.%' AND key LIKE ?)",
                (f"sync.{int(learner_id)}.%", f"%.{int(learner_id)}"),
            )
        self._session_keys = {k: v for k, v in self._session_keys.items() if v[0] != learner_id}

    def last_learner(self) -> Learner | None:
        value = self.get_setting("last_learner")
        if value is None or not value.isdigit():
            return None
        return self.learner(int(value))

    def set_last_learner(self, learner_id: int) -> None:
        self.set_setting("last_learner", str(int(learner_id)))

    # ------------------------------------------------------------ sessions and answers

    def start_session(
        self, learner_id: int, bank: Bank, mode: str, now: datetime | None = None
    ) -> int:
        """A new study session; `now` (default: the current time) is when it started."""
        if mode not in MODES:
            raise ValueError(f"Unknown study mode {mode!r}; expected one of {', '.join(MODES)}.")
        try:
            with self._write() as c:
                cur = c.execute(
                    "INSERT INTO sessions(learner_id, bank_id, content_hash, mode, started, uuid)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        learner_id,
                        bank.id,
                        bank.content_hash or "",
                        mode,
                        _ts(now or datetime.now(UTC)),
                        _uuid7(),
                    ),
                )
                session_id = cur.lastrowid
        except sqlite3.IntegrityError:
            raise ValueError("This learner no longer exists.") from None
        self._session_keys[session_id] = (learner_id, bank.id)
        return session_id

    def _session_key(self, session_id: int) -> tuple[int, str]:
        key = self._session_keys.get(session_id)
        if key is None:
            row = self._read1(
                "SELECT learner_id, bank_id FROM sessions WHERE id = ?", (session_id,)
            )
            if row is None:
                raise ValueError(f"There is no study session {session_id}.")
            key = self._session_keys[session_id] = (row[0], row[1])
        return key

    def session(self, session_id: int) -> SessionInfo | None:
        from quizapp.core.stats import SessionInfo

        row = self._read1(
            "SELECT id, learner_id, bank_id, content_hash, mode, started, finished, score,"
            " outcome, recall FROM sessions WHERE id = ?",
            (session_id,),
        )
        if row is None:
            return None
        return SessionInfo(*row[:5], _dt(row[5]), _dt(row[6]), *row[7:])

    def record_answer(
        self,
        session_id: int,
        question: Question | str,
        *,
        response,
        correct: bool,
        credit: float,
        seconds: float,
        rating: int | None = None,
        now: datetime | None = None,
        shown: Sequence[str] | None = None,
        replaces: str | None = None,
    ) -> AnswerRecord:
        """Store one answer, its statistics and its FSRS review in one committed transaction.

        replaces: the uuid of an earlier answer this one takes the place of (a changed exam
        answer); it is retracted in the same transaction, so the log never holds both as
        counted nor neither.

        `response` should be JSON-able and readable (texts, not indexes):
        pass grading.readable_response(question, raw). Anything else is
        stored as its str(). rating None: scheduler.rating_for(...). shown: the
        options' texts in the order the learner saw them (arrangement.shown_texts).

        The card is read and its review computed before the write lock is taken; the
        transaction then writes it only if nobody changed it meanwhile (another window),
        else recomputes it from the row it finds under the lock.
        """
        from quizapp.core import scheduler
        from quizapp.core.model import Question
        from quizapp.core.stats import AnswerRecord

        learner_id, bank_id = self._session_key(session_id)
        if isinstance(question, Question):
            qid = question.id
        else:
            qid = str(question)
        correct = bool(correct)
        credit = _finite(credit, 0.0, 1.0)
        seconds = _finite(seconds, 0.0, 86_400.0)
        if rating is None:
            if isinstance(question, Question):
                rating = int(scheduler.rating_for(correct, seconds, question))
            else:
                rating = scheduler.GOOD if correct else scheduler.AGAIN
        rating = int(rating)
        if rating not in scheduler.RATING_NAMES:
            raise ValueError(f"A rating is 1 (Again) to 4 (Easy), not {rating}.")
        when = now or datetime.now(UTC)
        answered = _ts(when)
        when = datetime.fromisoformat(answered)
        uid = _uuid7()
        ci = 1 if correct else 0
        ms = _ms(seconds)
        key = (learner_id, bank_id, qid)
        shown_json = None if shown is None else _json_text([str(t) for t in shown])
        answer = (
            uid, session_id, qid, _json_text(response), ci, credit, seconds, answered, shown_json
        )
        question_row = (*key, ci, _ppm(credit), ms, ci, ci, answered, None if correct else answered)
        bank_row = (learner_id, bank_id, ci, ms, answered)
        day_row = (learner_id, bank_id, _local_day(when), ci, ms)
        card_row = self._read1(_SELECT_CARD, key)
        plan = _plan_review(card_row, key, rating, when, seconds)
        try:
            with self._write() as c:
                if replaces is not None:
                    self._retract(c, replaces, answered)
                c.execute(_INSERT_ANSWER, answer)
                c.execute(_UPSERT_QUESTION_STATS, question_row)
                c.execute(_UPSERT_BANK_STATS, bank_row)
                c.execute(_UPSERT_DAY_STATS, day_row)
                if not _store_card(c, key, card_row, plan):
                    # Another window reviewed this card after we read it.
                    card_row = c.execute(_SELECT_CARD, key).fetchone()
                    plan = _plan_review(card_row, key, rating, when, seconds)
                    if not _store_card(c, key, card_row, plan):
                        raise sqlite3.OperationalError("the card changed under the write lock")
                c.execute(
                    _INSERT_REVIEW, (uid, *key, plan[0].card_id, rating, answered, ms, plan[2])
                )
        except sqlite3.IntegrityError:
            self._session_keys.pop(session_id, None)
            raise ValueError(
                "This study session no longer exists (was the learner deleted?)."
            ) from None
        if replaces is not None:
            self._item_cache.pop(bank_id, None)
        return AnswerRecord(
            uuid=uid,
            session_id=session_id,
            learner_id=learner_id,
            bank_id=bank_id,
            question_id=qid,
            correct=correct,
            credit=credit,
            seconds=seconds,
            answered=when,
            rating=rating,
            due=plan[0].due,
        )

    def override_rating(self, answer_uuid: str, rating: int) -> None:
        """Replace the FSRS rating of an answer; the card is replayed from its review log.

        The review log keeps the original rating and gains an override row.
        The answer itself (right or wrong) is unchanged.
        """
        from quizapp.core import scheduler

        rating = int(rating)
        if rating not in scheduler.RATING_NAMES:
            raise ValueError(f"A rating is 1 (Again) to 4 (Easy), not {rating}.")
        with self._write() as c:
            # The answer names its card; the card's reviews come by reviews_by_card.
            # (No index on reviews.answer_uuid: one random page less per recorded answer.)
            key = c.execute(
                "SELECT s.learner_id, s.bank_id, a.question_id FROM answers a"
                " JOIN sessions s ON s.id = a.session_id WHERE a.uuid = ?",
                (answer_uuid,),
            ).fetchone()
            history = []
            if key is not None:
                history = c.execute(
                    "SELECT id, answer_uuid, rating, reviewed, duration_ms, overrides, card_id"
                    " FROM reviews WHERE learner_id = ? AND bank_id = ? AND question_id = ?"
                    " ORDER BY id",
                    key,
                ).fetchall()
            retracted = {r[0] for r in c.execute("SELECT answer_uuid FROM retractions")}
            if answer_uuid in retracted:
                raise ValueError("This answer was taken back: there is nothing to re-rate.")
            history = [r for r in history if r[1] not in retracted]
            mine = [r for r in history if r[1] == answer_uuid]
            if not mine:
                raise ValueError("There is no such answer to re-rate.")
            review_id, _, old, reviewed, duration_ms, _, card_id = mine[-1]
            if old == rating:
                return
            history = [r[:6] for r in history]
            history.append((None, answer_uuid, rating, reviewed, duration_ms, review_id))
            from quizapp.core.migrations import _effective_reviews, _replay

            card, count, lapses = _replay(card_id, _effective_reviews(history))
            c.execute(
                "INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id, card_id,"
                " rating, reviewed, duration_ms, overrides, card) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    answer_uuid,
                    *key,
                    card_id,
                    rating,
                    reviewed,
                    duration_ms,
                    review_id,
                    card.to_json(),
                ),
            )
            c.execute(
                "INSERT OR REPLACE INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                key + _card_row(card) + (count, lapses),
            )

    def retract_answer(self, answer_uuid: str, now: datetime | None = None) -> datetime:
        """Take back an answer (the learner's undo): append its retraction and, in the same
        transaction, recompute its question's statistics, its bank's and day's totals and
        its FSRS card as if it had never been given. The answer stays in the log.

        Returns when it was retracted; a second call changes nothing and returns the
        first retraction's time. ValueError when there is no such answer.
        """
        when = _ts(now or datetime.now(UTC))
        with self._write() as c:
            retracted, bank_id = self._retract(c, answer_uuid, when)
        self._item_cache.pop(bank_id, None)
        return datetime.fromisoformat(retracted)

    @staticmethod
    def _retract(c: sqlite3.Connection, answer_uuid: str, when: str) -> tuple[str, str]:
        """retract_answer's work inside the caller's write transaction (import_pulled
        applies other computers' retractions with it); (when it was retracted, bank id)."""
        from quizapp.core.migrations import NOT_RETRACTED, _replay_card

        found = c.execute(
            "SELECT s.learner_id, s.bank_id, a.question_id, a.correct, a.seconds,"
            " a.answered, r.retracted FROM answers a JOIN sessions s ON s.id = a.session_id"
            " LEFT JOIN retractions r ON r.answer_uuid = a.uuid WHERE a.uuid = ?",
            (answer_uuid,),
        ).fetchone()
        if found is None:
            raise ValueError("There is no such answer to take back.")
        learner_id, bank_id, qid, correct, seconds, answered, already = found
        if already is not None:
            return already, bank_id
        key = (learner_id, bank_id, qid)
        # The question's row, folded again from its remaining answers as the rebuild does.
        # They are found through their card's reviews (reviews_by_card; each answer has
        # one review that is no override): the answers have no index by question.
        rest = c.execute(
            "SELECT a.correct, a.credit, a.seconds, a.answered FROM reviews v"
            " JOIN answers a ON a.uuid = v.answer_uuid WHERE v.learner_id = ?"
            " AND v.bank_id = ? AND v.question_id = ? AND v.overrides IS NULL"
            " AND a.uuid != ? AND " + NOT_RETRACTED + " ORDER BY a.id",
            (*key, answer_uuid),
        ).fetchall()
        counted = c.execute(
            "SELECT answers FROM question_stats WHERE learner_id = ? AND bank_id = ?"
            " AND question_id = ?",
            key,
        ).fetchone()
        if counted is None or len(rest) != counted[0] - 1:
            # Some answer has no review (a database from before reviews were written
            # with every answer): read the learner's answers in the bank instead.
            rest = c.execute(
                "SELECT a.correct, a.credit, a.seconds, a.answered FROM answers a"
                " JOIN sessions s ON s.id = a.session_id WHERE s.learner_id = ?"
                " AND s.bank_id = ? AND a.question_id = ? AND a.uuid != ? AND "
                + NOT_RETRACTED + " ORDER BY a.id",
                (*key, answer_uuid),
            ).fetchall()
        c.execute(
            "DELETE FROM question_stats WHERE learner_id = ? AND bank_id = ?"
            " AND question_id = ?",
            key,
        )
        if rest:
            c.execute(
                "INSERT INTO question_stats VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                key + _fold_question(rest),
            )
        ci, ms = (1 if correct else 0), _ms(seconds)
        left = c.execute(
            "SELECT answers - 1 FROM bank_stats WHERE learner_id = ? AND bank_id = ?",
            (learner_id, bank_id),
        ).fetchone()
        last = None
        if left and left[0] > 0:
            # The newest answer left: answers read newest first (CROSS JOIN keeps that
            # order), so usually the one just before the retracted answer.
            last = c.execute(
                "SELECT a.answered FROM answers a CROSS JOIN sessions s"
                " ON s.id = a.session_id WHERE s.learner_id = ? AND s.bank_id = ?"
                " AND a.uuid != ? AND " + NOT_RETRACTED + " ORDER BY a.id DESC LIMIT 1",
                (learner_id, bank_id, answer_uuid),
            ).fetchone()
        c.execute(
            "UPDATE bank_stats SET answers = answers - 1, correct = correct - ?,"
            " ms = ms - ?, last_answered = ? WHERE learner_id = ? AND bank_id = ?",
            (ci, ms, None if last is None else last[0], learner_id, bank_id),
        )
        c.execute(
            "DELETE FROM bank_stats WHERE learner_id = ? AND bank_id = ?"
            " AND answers = 0 AND sessions = 0",
            (learner_id, bank_id),
        )
        day = _local_day(datetime.fromisoformat(answered))
        c.execute(
            "UPDATE day_stats SET answers = answers - 1, correct = correct - ?, ms = ms - ?"
            " WHERE learner_id = ? AND bank_id = ? AND day = ?",
            (ci, ms, learner_id, bank_id, day),
        )
        c.execute(
            "DELETE FROM day_stats WHERE learner_id = ? AND bank_id = ? AND day = ?"
            " AND answers = 0",
            (learner_id, bank_id, day),
        )
        retracted = {r[0] for r in c.execute("SELECT answer_uuid FROM retractions")}
        retracted.add(answer_uuid)
        replayed = _replay_card(c, key, retracted)
        if replayed is None:
            c.execute(
                "DELETE FROM cards WHERE learner_id = ? AND bank_id = ? AND question_id = ?",
                key,
            )
        else:
            card, count, lapses = replayed
            c.execute(
                "INSERT OR REPLACE INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                key + _card_row(card) + (count, lapses),
            )
        # Stored with the card it left: FSRS fuzz makes a replay unrepeatable.
        c.execute(
            "INSERT INTO retractions(answer_uuid, retracted, after_review, card)"
            " SELECT ?, ?, coalesce(max(id), 0), ? FROM reviews",
            (answer_uuid, when, None if replayed is None else replayed[0].to_json()),
        )
        return when, bank_id

    def finish_session(
        self,
        session_id: int,
        score: float | None,
        now: datetime | None = None,
        *,
        outcome: str = "finished",
        recall: float | None = None,
    ) -> None:
        """Close a session at `now` (default: the current time) with its outcome.

        score (0..1) makes it an attempt (Best, Last, the score chart, the teacher's
        attempts); None closes it without one (a flashcard session, which passes its
        `recall` instead). outcome "abandoned" is never an attempt: its score and recall
        are not stored, only its answers count (see "Session outcomes" above).

        A second call changes nothing. The bank's last score is the score of the session
        that finished last, whatever the order of the calls (as rebuild_derived counts).
        """
        if outcome not in OUTCOMES:
            raise ValueError(
                f"Unknown session outcome {outcome!r}; expected one of {', '.join(OUTCOMES)}."
            )
        if outcome == "abandoned":
            score = recall = None
        if score is not None:
            score = _finite(score, 0.0, 1.0)
        if recall is not None:
            recall = _finite(recall, 0.0, 1.0)
        learner_id, bank_id = self._session_key(session_id)
        finished = _ts(now or datetime.now(UTC))
        with self._write() as c:
            cur = c.execute(
                "UPDATE sessions SET finished = ?, score = ?, outcome = ?, recall = ?"
                " WHERE id = ? AND finished IS NULL",
                (finished, score, outcome, recall, session_id),
            )
            if cur.rowcount and score is not None:
                c.execute(
                    "INSERT INTO bank_stats(learner_id, bank_id, sessions, score_ppm, best_score,"
                    " last_score, last_finished) VALUES (?,?,1,?,?,?,?)"
                    " ON CONFLICT(learner_id, bank_id) DO UPDATE SET"
                    " sessions = sessions + 1, score_ppm = score_ppm + excluded.score_ppm,"
                    " best_score = max(coalesce(best_score, 0), excluded.best_score),"
                    " last_score = CASE WHEN last_finished IS NULL"
                    " OR excluded.last_finished >= last_finished"
                    " THEN excluded.last_score ELSE last_score END,"
                    " last_finished = max(coalesce(last_finished, ''), excluded.last_finished)",
                    (learner_id, bank_id, _ppm(score), score, score, finished),
                )
                c.execute(
                    _UPSERT_SCORE_DAY,
                    (_local_day(datetime.fromisoformat(finished)), _ppm(score), session_id),
                )

    def abandon_session(self, session_id: int, now: datetime | None = None) -> None:
        """Close a session the learner left: its answers stay, it is not an attempt."""
        self.finish_session(session_id, None, now, outcome="abandoned")

    # ------------------------------------------------------------ current bank content

    def _current(self, bank: Bank | str) -> tuple[str, bool]:
        """(bank id, whether to filter by its current questions), syncing a Bank's catalog.

        With a Bank, queries join bank_questions / question_tags, which hold its
        current questions; with a bare id, they cover the whole history.
        """
        if not _is_bank(bank):
            return str(bank), False
        cached = self._synced.get(bank.id)
        if cached is None or cached[0] is not bank:
            cached = (bank, _bank_signature(bank))
            self._synced[bank.id] = cached
        signature = cached[1]
        row = self._read1("SELECT signature FROM bank_versions WHERE bank_id = ?", (bank.id,))
        if row is None or row[0] != signature:
            with self._write(notify=False) as c:
                c.execute("DELETE FROM bank_questions WHERE bank_id = ?", (bank.id,))
                c.execute("DELETE FROM question_tags WHERE bank_id = ?", (bank.id,))
                c.executemany(
                    "INSERT OR IGNORE INTO bank_questions VALUES (?, ?, ?)",
                    ((bank.id, q.id, n) for n, q in enumerate(bank.questions)),
                )
                c.executemany(
                    "INSERT OR IGNORE INTO question_tags VALUES (?, ?, ?)",
                    ((bank.id, t, q.id) for q in bank.questions for t in q.tags),
                )
                c.execute(
                    "INSERT OR REPLACE INTO bank_versions VALUES (?, ?, ?)",
                    (bank.id, signature, len(bank.questions)),
                )
        return bank.id, True

    # ------------------------------------------------------------ scheduling

    def card_state(self, learner_id: int, bank_id: str, question_id: str) -> CardState | None:
        from quizapp.core import scheduler
        from quizapp.core.stats import CardState

        row = self._read1(
            "SELECT learner_id, bank_id, question_id, card_id, state, step, stability,"
            " difficulty, due, last_review, reviews, lapses FROM cards"
            " WHERE learner_id = ? AND bank_id = ? AND question_id = ?",
            (learner_id, bank_id, question_id),
        )
        if row is None:
            return None
        return CardState(
            *row[:4],
            scheduler.state_name(row[4]),
            row[5],
            row[6],
            row[7],
            _dt(row[8]),
            _dt(row[9]),
            row[10],
            row[11],
        )

    def due_question_ids(
        self,
        learner_id: int,
        bank_id: Bank | str,
        now: datetime | None = None,
        question_ids: Iterable[str] | None = None,
    ) -> list[str]:
        """Questions due at `now`, most overdue first; only current ones for a Bank."""
        bank, current = self._current(bank_id)
        rows = self._read(
            "SELECT c.question_id FROM cards c"
            + (_JOIN_CURRENT if current else "")
            + " WHERE c.learner_id = ? AND c.bank_id = ? AND c.due <= ? ORDER BY c.due",
            (learner_id, bank, _ts(now or datetime.now(UTC))),
        )
        if question_ids is not None:
            wanted = set(question_ids)
            return [r[0] for r in rows if r[0] in wanted]
        return [r[0] for r in rows]

    def count_due(self, learner_id: int, bank_id: str, now: datetime | None = None) -> int:
        """How many of this learner's cards of bank_id (all of them, current or not) are due
        at `now`: one count over the covering index cards_by_due, no catalog join (a
        flashcard review asks after every card; see stale_cards)."""
        return self._read1(
            "SELECT count(*) FROM cards WHERE learner_id = ? AND bank_id = ? AND due <= ?",
            (learner_id, str(bank_id), _ts(now or datetime.now(UTC))),
        )[0]

    def stale_cards(
        self, learner_id: int, bank: Bank, due_after: datetime | None = None
    ) -> dict[str, datetime]:
        """The learner's cards of `bank` whose question it no longer holds (only those due
        after `due_after`, if given): question id -> when due. Usually none; count_due less
        the due ones here is the count of the bank's current cards."""
        bank_id, _ = self._current(bank)
        rows = self._read(
            "SELECT c.question_id, c.due FROM cards c WHERE c.learner_id = ? AND c.bank_id = ?"
            " AND c.due > ? AND NOT EXISTS (SELECT 1 FROM bank_questions bq"
            " WHERE bq.bank_id = c.bank_id AND bq.question_id = c.question_id)",
            (learner_id, bank_id, "" if due_after is None else _ts(due_after)),
        )
        return {qid: datetime.fromisoformat(due) for qid, due in rows}

    def next_due(
        self, learner_id: int, bank_id: Bank | str, question_ids: Iterable[str] | None = None
    ) -> datetime | None:
        """When the first of these questions (all current ones for a Bank) is due."""
        bank, current = self._current(bank_id)
        if question_ids is None:
            row = self._read1(
                "SELECT min(c.due) FROM cards c"
                + (_JOIN_CURRENT if current else "")
                + " WHERE c.learner_id = ? AND c.bank_id = ?",
                (learner_id, bank),
            )
            return _dt(row[0])
        ids = list(dict.fromkeys(question_ids))
        if len(ids) <= 500:
            row = self._read1(
                "SELECT min(due) FROM cards WHERE learner_id = ? AND bank_id = ?"
                f" AND question_id IN ({','.join('?' * len(ids))})",
                (learner_id, bank, *ids),
            )
            return _dt(row[0] if row else None)
        # Many ids (a whole bank): walk the due index, usually stopping at the first row.
        wanted = set(ids)
        with self._lock:
            try:
                cursor = self._conn.execute(
                    "SELECT question_id, due FROM cards WHERE learner_id = ? AND bank_id = ?"
                    " ORDER BY due",
                    (learner_id, bank),
                )
                for qid, due in cursor:
                    if qid in wanted:
                        return datetime.fromisoformat(due)
            except sqlite3.Error as exc:
                raise self._failure(exc) from exc
        return None

    def seen_among(self, learner_id: int, bank_id: str, question_ids: Sequence[str]) -> set[str]:
        """Which of these questions of bank_id the learner has answered: primary key seeks,
        for a few ids where seen_question_ids would read the whole bank's rows."""
        seen: set[str] = set()
        for start in range(0, len(question_ids), 500):  # well under SQLite's 999 variables
            chunk = question_ids[start : start + 500]
            rows = self._read(
                "SELECT question_id FROM question_stats WHERE learner_id = ? AND bank_id = ?"
                f" AND question_id IN ({','.join('?' * len(chunk))})",
                (learner_id, str(bank_id), *chunk),
            )
            seen.update(r[0] for r in rows)
        return seen

    def seen_question_ids(self, learner_id: int, bank_id: Bank | str) -> set[str]:
        """Questions this learner has answered at least once (current ones for a Bank)."""
        bank, current = self._current(bank_id)
        rows = self._read(
            "SELECT s.question_id FROM question_stats s"
            + (_JOIN_CURRENT_S if current else "")
            + " WHERE s.learner_id = ? AND s.bank_id = ?",
            (learner_id, bank),
        )
        return {r[0] for r in rows}

    # ------------------------------------------------------------ statistics

    def bank_summary(
        self, learner_id: int, bank: Bank | str, now: datetime | None = None
    ) -> BankSummary:
        from quizapp.core.stats import BankSummary

        bank_id, current = self._current(bank)
        row = self._read1(
            "SELECT answers, correct, ms, last_answered, sessions, score_ppm, best_score,"
            " last_score FROM bank_stats WHERE learner_id = ? AND bank_id = ?",
            (learner_id, bank_id),
        ) or (0, 0, 0, None, 0, 0, None, None)
        answers, correct, ms, last_answered, sessions, score_ppm, best, last = row
        due = self._read1(
            "SELECT count(*) FROM cards c"
            + (_JOIN_CURRENT if current else "")
            + " WHERE c.learner_id = ? AND c.bank_id = ? AND c.due <= ?",
            (learner_id, bank_id, _ts(now or datetime.now(UTC))),
        )[0]
        seen = self._read1(
            "SELECT count(*) FROM question_stats s"
            + (_JOIN_CURRENT_S if current else "")
            + " WHERE s.learner_id = ? AND s.bank_id = ?",
            (learner_id, bank_id),
        )[0]
        # One seek in the partial index of sessions with a recall (flashcard sessions).
        recall = self._read1(
            "SELECT recall FROM sessions WHERE learner_id = ? AND bank_id = ?"
            " AND recall IS NOT NULL ORDER BY finished DESC, id DESC LIMIT 1",
            (learner_id, bank_id),
        )
        return BankSummary(
            learner_id=learner_id,
            bank_id=bank_id,
            attempts=sessions,
            last_score=last,
            best_score=best,
            average_score=score_ppm / 1_000_000 / sessions if sessions else None,
            due_count=due,
            answers=answers,
            correct=correct,
            seconds=ms / 1000,
            questions_seen=seen,
            questions_total=len(bank.questions) if current else 0,
            last_studied=_dt(last_answered),
            recall=None if recall is None else recall[0],
        )

    # The unit conversions are done by SQLite (the same double divisions Python would do).
    _QUESTION_COLUMNS = (
        "s.question_id, s.answers, s.correct, s.credit_ppm / 1e6, s.ms / 1e3, s.first_correct,"
        " s.last_correct, s.last_answered"
    )

    @staticmethod
    def _question_stats(rows: Iterable[tuple]) -> list[QuestionStat]:
        from quizapp.core.stats import QuestionStat

        parse = datetime.fromisoformat
        return [
            QuestionStat(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]), parse(r[7]))
            for r in rows
        ]

    def _current_ids(self, bank: Bank) -> frozenset[str]:
        cached = self._id_sets.get(bank.id)
        if cached is None or cached[0] is not bank:
            cached = self._id_sets[bank.id] = (bank, frozenset(q.id for q in bank.questions))
        return cached[1]

    def question_stats(self, learner_id: int, bank: Bank | str) -> list[QuestionRow]:
        """Per-question totals for this learner (current questions only for a Bank).

        QuestionRows, not QuestionStats: each is the SQLite row as a named tuple, made by
        map() with no Python code per question (a dataclass per row cost a third more).
        """
        from functools import partial
        from operator import itemgetter

        from quizapp.core.stats import QuestionRow

        rows = self._read(
            f"SELECT {self._QUESTION_COLUMNS} FROM question_stats s"
            " WHERE s.learner_id = ? AND s.bank_id = ?",
            (learner_id, _bank_id(bank)),
        )
        if _is_bank(bank):
            # A set check instead of a probe of bank_questions per row (10 ms at 10,000).
            current = self._current_ids(bank)
            if not current.issuperset(map(itemgetter(0), rows)):
                rows = [r for r in rows if r[0] in current]
        return list(map(partial(tuple.__new__, QuestionRow), rows))

    def weakest_questions(
        self, learner_id: int, bank: Bank | str, limit: int = 10, *, min_answers: int = 1
    ) -> list[QuestionStat]:
        """Questions answered wrong at least once, lowest smoothed accuracy first.

        Smoothed accuracy is (right + 1) / (answers + 2); among equals, the most
        recent mistake comes first (see quizapp.core.stats).
        """
        bank_id, current = self._current(bank)
        rows = self._read(
            f"SELECT {self._QUESTION_COLUMNS} FROM question_stats s"
            + (_JOIN_CURRENT_S if current else "")
            + " WHERE s.learner_id = ? AND s.bank_id = ? AND s.answers >= ?"
            " AND s.correct < s.answers"
            " ORDER BY (s.correct + 1.0) / (s.answers + 2), s.last_wrong DESC LIMIT ?",
            (learner_id, bank_id, min_answers, int(limit)),
        )
        return self._question_stats(rows)

    def tag_accuracy(self, learner_id: int, bank: Bank) -> list[TagAccuracy]:
        """Accuracy per tag over the bank's current questions, in the bank's tag order."""
        from quizapp.core.stats import TagAccuracy

        bank_id, _ = self._current(bank)
        rows = self._read(
            "SELECT t.tag, count(*), sum(s.answers), sum(s.correct) FROM question_tags t"
            " JOIN question_stats s ON s.learner_id = ? AND s.bank_id = t.bank_id"
            " AND s.question_id = t.question_id WHERE t.bank_id = ? GROUP BY t.tag",
            (learner_id, bank_id),
        )
        found = {r[0]: TagAccuracy(*r) for r in rows}
        return [found[tag] for tag in self._tag_order(bank) if tag in found]

    def _tag_order(self, bank: Bank) -> tuple[str, ...]:
        cached = self._tag_orders.get(bank.id)
        if cached is None or cached[0] is not bank:
            cached = self._tag_orders[bank.id] = (bank, bank.all_tags)
        return cached[1]

    def score_over_time(
        self, learner_id: int, bank: Bank | str, limit: int | None = SCORE_POINTS
    ) -> list[ScorePoint]:
        """Finished sessions' scores, oldest first: the latest `limit` sessions, or (None)
        the whole history in at most SCORE_POINTS points.

        With None, a history of more than SCORE_POINTS sessions comes as one average
        point per local day (of the finish), or per local week (Monday to Sunday) when
        there are still more than SCORE_POINTS days; ScorePoint.sessions says how many
        sessions a point averages (to a millionth). The days come from score_days, so a
        learner with 20,000 sessions costs a read of ~700 rows, not 20,000.
        """
        from quizapp.core.stats import ScorePoint

        bank_id = _bank_id(bank)
        params: tuple = (learner_id, bank_id)
        cap = SCORE_POINTS
        if limit is None:
            row = self._read1(
                "SELECT sessions FROM bank_stats WHERE learner_id = ? AND bank_id = ?", params
            )
            if row is not None and row[0] > cap:
                rows = self._read(
                    "SELECT last_session, last_finished, score_ppm, last_mode, sessions"
                    " FROM score_days WHERE learner_id = ? AND bank_id = ? ORDER BY day",
                    params,
                )
                if len(rows) > cap:
                    # last_session and last_mode come from the row holding max(last_finished)
                    # (SQLite's rule for bare columns beside max()); 'weekday 0' is the
                    # Sunday that ends each Monday-to-Sunday week.
                    rows = self._read(
                        "SELECT last_session, max(last_finished), sum(score_ppm), last_mode,"
                        " sum(sessions) FROM score_days WHERE learner_id = ? AND bank_id = ?"
                        " GROUP BY date(day, 'weekday 0') ORDER BY 2",
                        params,
                    )
                parse = datetime.fromisoformat
                return [ScorePoint(i, parse(f), p / n / 1e6, m, n) for i, f, p, m, n in rows]
        sql = (
            "SELECT id, finished, score, mode FROM sessions"
            " WHERE learner_id = ? AND bank_id = ? AND finished IS NOT NULL"
            " AND score IS NOT NULL ORDER BY finished DESC"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params += (int(limit),)
        rows = self._read(sql, params)
        rows.reverse()
        return [ScorePoint(r[0], datetime.fromisoformat(r[1]), r[2], r[3]) for r in rows]

    def due_per_day(
        self, learner_id: int, bank: Bank | str, days: int = 30, now: datetime | None = None
    ) -> list[DueDay]:
        """Cards due on each of the next `days` local days; day 0 includes overdue ones."""
        from bisect import bisect_left

        from quizapp.core.stats import DueDay

        bank_id, current = self._current(bank)
        now = now or datetime.now(UTC)
        today = now.astimezone().date()
        day_list = [today + timedelta(days=n) for n in range(days)]
        # Each day ends at the next local midnight, as a UTC text comparable with `due`.
        ends = [
            _ts(datetime.combine(d + timedelta(days=1), datetime.min.time()).astimezone())
            for d in day_list
        ]
        dues = [
            r[0]
            for r in self._read(
                "SELECT c.due FROM cards c"
                + (_JOIN_CURRENT if current else "")
                + " WHERE c.learner_id = ? AND c.bank_id = ? AND c.due < ? ORDER BY c.due",
                (learner_id, bank_id, ends[-1] if ends else ""),
            )
        ]
        counts, start = [], 0
        for end in ends:
            stop = bisect_left(dues, end, lo=start)
            counts.append(stop - start)
            start = stop
        return [DueDay(d, c) for d, c in zip(day_list, counts, strict=True)]

    def answers_per_day(
        self, learner_id: int, bank: Bank | str | None = None, since: date | None = None
    ) -> list[DayActivity]:
        """Answers, right answers and seconds per local day, oldest first (all banks if None)."""
        since_text = since.isoformat() if since else ""
        if bank is None:
            rows = self._read(
                "SELECT day, sum(answers), sum(correct), sum(ms) FROM day_stats"
                " WHERE learner_id = ? AND day >= ? GROUP BY day ORDER BY day",
                (learner_id, since_text),
            )
        else:
            bank_id = _bank_id(bank)
            rows = self._read(
                "SELECT day, answers, correct, ms FROM day_stats"
                " WHERE learner_id = ? AND bank_id = ? AND day >= ? ORDER BY day",
                (learner_id, bank_id, since_text),
            )
        from quizapp.core.stats import DayActivity

        return [DayActivity(date.fromisoformat(d), a, c, ms / 1000) for d, a, c, ms in rows]

    def time_spent(self, learner_id: int, bank: Bank | str | None = None) -> TimeSpent:
        """Answering time (sum of answer seconds), answers, attempts, active days."""
        if bank is None:
            row = self._read1(
                "SELECT coalesce(sum(ms), 0), coalesce(sum(answers), 0),"
                " coalesce(sum(sessions), 0) FROM bank_stats WHERE learner_id = ?",
                (learner_id,),
            )
            days = self._read1(
                "SELECT count(DISTINCT day) FROM day_stats WHERE learner_id = ?", (learner_id,)
            )[0]
        else:
            bank_id = _bank_id(bank)
            row = self._read1(
                "SELECT ms, answers, sessions FROM bank_stats WHERE learner_id = ? AND bank_id = ?",
                (learner_id, bank_id),
            ) or (0, 0, 0)
            days = self._read1(
                "SELECT count(*) FROM day_stats WHERE learner_id = ? AND bank_id = ?",
                (learner_id, bank_id),
            )[0]
        from quizapp.core.stats import TimeSpent

        return TimeSpent(row[0] / 1000, row[1], row[2], days)

    def studied_bank_ids(self, learner_id: int) -> list[str]:
        """Banks this learner has answered or finished a session in, most recent first."""
        rows = self._read(
            "SELECT bank_id FROM bank_stats WHERE learner_id = ?"
            " ORDER BY max(coalesce(last_answered, ''), coalesce(last_finished, '')) DESC",
            (learner_id,),
        )
        return [r[0] for r in rows]

    # ------------------------------------------------------------ teacher

    def learner_bank_table(self) -> list[LearnerBankRow]:
        """Every learner x bank with activity: best, last score and attempts."""
        rows = self._read(
            "SELECT l.id, l.name, b.bank_id, b.sessions, b.best_score, b.last_score, b.answers,"
            " max(coalesce(b.last_answered, ''), coalesce(b.last_finished, ''))"
            " FROM bank_stats b JOIN learners l ON l.id = b.learner_id"
            " ORDER BY l.name, l.id, b.bank_id"
        )
        from quizapp.core.stats import LearnerBankRow

        return [LearnerBankRow(*r[:7], _dt(r[7] or None)) for r in rows]

    def _rest_score_constants(self, bank_id: str, ids: set[str] | None) -> list[tuple]:
        """(learner_id, a, b) with rest score y = a - b * x for each learner with 2+ questions.

        a = total / (seen - 1), b = 1 / (seen - 1), where total and seen count the
        learner's first attempts over the bank's current questions.
        """
        totals = {
            lid: [total, seen]
            for lid, total, seen in self._read(
                "SELECT q.learner_id, sum(q.first_correct), count(*)"
                " FROM bank_stats b CROSS JOIN question_stats q"
                " ON q.learner_id = b.learner_id AND q.bank_id = b.bank_id"
                " WHERE b.bank_id = ? GROUP BY q.learner_id",
                (bank_id,),
            )
        }
        if ids is not None:
            # Take back the questions no longer in the bank (usually none).
            answered = self._read(
                "SELECT question_id FROM question_stats INDEXED BY question_stats_by_question"
                " WHERE bank_id = ? GROUP BY question_id",
                (bank_id,),
            )
            removed = [r[0] for r in answered if r[0] not in ids]
            for start in range(0, len(removed), 500):
                chunk = removed[start : start + 500]
                for lid, total, seen in self._read(
                    "SELECT learner_id, sum(first_correct), count(*) FROM question_stats"
                    " INDEXED BY question_stats_by_question WHERE bank_id = ?"
                    f" AND question_id IN ({','.join('?' * len(chunk))}) GROUP BY learner_id",
                    (bank_id, *chunk),
                ):
                    totals[lid][0] -= total
                    totals[lid][1] -= seen
        return [
            (lid, total / (seen - 1), 1.0 / (seen - 1))
            for lid, (total, seen) in totals.items()
            if seen > 1
        ]

    def item_analysis(self, bank: Bank | str) -> list[ItemStat]:
        """Facility and discrimination per question over all learners (see stats.py).

        For a Bank: its current questions in bank order, unanswered ones included
        (with None values). The result is cached until an answer in this bank is
        recorded or a learner of it is deleted (the teacher screen re-shows at once).
        """
        bank_id, current = self._current(bank)
        state = (
            self._synced[bank_id][1] if current else None,
            tuple(
                self._read(
                    "SELECT b.learner_id, l.created, b.answers FROM bank_stats b"
                    " JOIN learners l ON l.id = b.learner_id WHERE b.bank_id = ?"
                    " ORDER BY b.learner_id",
                    (bank_id,),
                )
            ),
        )
        cached = self._item_cache.get(bank_id)
        if cached is not None and cached[0] == state:
            return list(cached[1])
        items = self._item_analysis(bank)
        self._item_cache[bank_id] = (state, tuple(items))
        return items

    def _item_analysis(self, bank: Bank | str) -> list[ItemStat]:
        """Facility and discrimination per question over all learners (see stats.py).

        For a Bank: its current questions in bank order, unanswered ones included
        (with None values). Sums are taken in SQL; stats.item_analysis is the
        plain-Python reference the tests compare against.
        """
        from itertools import starmap
        from operator import itemgetter

        from quizapp.core.stats import ItemStat, correlation

        bank_id, current = self._current(bank)
        ids = self._current_ids(bank) if current else None
        # Rows grouped by question straight from the covering index (no sort, no lookups).
        index = " FROM question_stats q INDEXED BY question_stats_by_question WHERE q.bank_id = ?"
        learners = self._read1("SELECT count(*) FROM bank_stats WHERE bank_id = ?", (bank_id,))[0]
        found: dict[str, ItemStat] = {}
        if learners < 3:
            # Too few learners to correlate anything: facility only. SQLite divides (as
            # Python would, in doubles) and the rows become ItemStats by map(), with no
            # Python loop per question.
            if learners == 1:
                # One learner (a self-tester's computer): their rows are the totals, read
                # by primary key in question order; grouping 10,000 one-row groups cost
                # as much again.
                rows = self._read(
                    "SELECT q.question_id, 1, q.answers, q.first_correct * 1.0,"
                    " CASE WHEN q.answers THEN q.correct * 1.0 / q.answers END, NULL"
                    " FROM bank_stats b JOIN question_stats q"
                    " ON q.learner_id = b.learner_id AND q.bank_id = b.bank_id"
                    " WHERE b.bank_id = ?",
                    (bank_id,),
                )
            else:
                rows = self._read(
                    "SELECT q.question_id, count(*), sum(q.answers),"
                    " sum(q.first_correct) * 1.0 / count(*),"
                    " CASE WHEN sum(q.answers) THEN sum(q.correct) * 1.0 / sum(q.answers) END,"
                    " NULL" + index + " GROUP BY q.question_id",
                    (bank_id,),
                )
            found = dict(zip(map(itemgetter(0), rows), starmap(ItemStat, rows), strict=True))
            if ids is not None and not ids.issuperset(found):
                found = {qid: item for qid, item in found.items() if qid in ids}
        else:
            usable = self._rest_score_constants(bank_id, ids)
            # y = a - b * x is the learner's first-attempt score on the rest of the bank.
            # The constants go to a connection-private temp table: a primary-key probe
            # per row (a VALUES list would be scanned for every row).
            with self._lock:
                conn = self._conn
                try:
                    conn.execute(
                        "CREATE TEMP TABLE IF NOT EXISTS item_learners"
                        " (learner_id INTEGER PRIMARY KEY, a REAL NOT NULL, b REAL NOT NULL)"
                    )
                    conn.execute("DELETE FROM temp.item_learners")
                    conn.executemany("INSERT INTO temp.item_learners VALUES (?, ?, ?)", usable)
                    rows = conn.execute(
                        "SELECT q.question_id, count(*), sum(q.answers), sum(q.correct),"
                        " sum(q.first_correct), count(k.learner_id),"
                        " sum(CASE WHEN k.learner_id IS NOT NULL THEN q.first_correct END),"
                        " sum(k.a - k.b * q.first_correct), sum(q.first_correct * (k.a - k.b)),"
                        " sum((k.a - k.b * q.first_correct) * (k.a - k.b * q.first_correct))"
                        " FROM question_stats q INDEXED BY question_stats_by_question"
                        " LEFT JOIN temp.item_learners k ON k.learner_id = q.learner_id"
                        " WHERE q.bank_id = ? GROUP BY q.question_id",
                        (bank_id,),
                    ).fetchall()
                except sqlite3.Error as exc:
                    raise self._failure(exc) from exc
            for qid, n, answers, right, firsts, m, sx, sy, sxy, syy in rows:
                if ids is not None and qid not in ids:
                    continue
                found[qid] = ItemStat(
                    question_id=qid,
                    learners=n,
                    answers=answers,
                    facility=firsts / n,
                    facility_overall=right / answers if answers else None,
                    discrimination=correlation(
                        m, sx or 0, sx or 0, sy or 0.0, sxy or 0.0, syy or 0.0
                    ),
                )
        if not current:
            return [found[q] for q in sorted(found)]
        order = [q.id for q in bank.questions]
        if len(found) == len(ids):  # every current question answered: no gaps to fill
            return list(map(found.__getitem__, order))
        return [found.get(q) or ItemStat(q, 0, 0, None, None, None) for q in order]

    # ------------------------------------------------------------ export

    def export_rows(
        self, learner: int | str | None = None, bank_id: str | None = None
    ) -> Iterator[ExportRow]:
        """Every recorded answer (optionally of one learner, by id or name, and bank)."""
        import json

        from quizapp.core.stats import ExportRow

        for r in self.export_records(learner, bank_id):
            yield self._export_row(r, json.loads, ExportRow)

    def export_records(
        self, learner: int | str | None = None, bank_id: str | None = None
    ) -> Iterator[tuple]:
        """export_rows as plain tuples in EXPORT_FIELDS order, streamed, for speed:
        response is its stored JSON text, correct 0/1, times ISO 8601 UTC text; the
        session's score and finish time are None while it is not finished, and its score
        is None for a session that is not an attempt (abandoned, flashcards); shown is
        the stored JSON text of the options in the order shown, or None; retracted is
        when the learner took the answer back (ISO 8601 UTC text), or None."""
        return self._export_stream(
            "a.uuid, l.name, s.bank_id, s.id, s.mode, a.question_id, a.response,"
            " a.correct, a.credit, a.seconds, a.answered, s.score, s.started, s.finished,"
            " s.outcome, a.shown, r.retracted",
            learner,
            bank_id,
        )

    def export_cells(
        self, learner: int | str | None = None, bank_id: str | None = None
    ) -> Iterator[tuple]:
        """export_records as the cells of `quizapp results`' CSV, made by SQLite so that
        csv.writer.writerows writes them without a Python step per row (1.8x a plain csv
        dump before): a text a spreadsheet would run as a formula gets a leading quote
        (core/csv_cells.py's rule), a typed answer stored as a JSON string is its text,
        correct is true/false, seconds are rounded to milliseconds (by Python's round()),
        a missing value is None (an empty cell)."""
        with self._lock:
            if self._conn is None:
                raise StoreError("The store is closed.")
            self._conn.create_function("quizapp_round3", 1, _round3, deterministic=True)
            self._conn.create_function("quizapp_json_text", 1, _json_string_text, deterministic=True)
        safe = _spreadsheet_safe_sql
        # A JSON string's text starts like a formula when its first character, written
        # plainly or as a JSON escape, is one of them; so json_extract runs once a row.
        formula_start = (
            "(substr(a.response, 2, 1) IN ('=', '+', '-', '@')"
            " OR substr(a.response, 2, 2) IN ('\\t', '\\r')"
            " OR lower(substr(a.response, 2, 6))"
            " IN ('\\u0009', '\\u000d', '\\u003d', '\\u002b', '\\u002d', '\\u0040'))"
        )
        # SQLite's texts end at a NUL: a JSON string holding \u0000 goes to Python.
        response = (
            f"CASE WHEN substr(a.response, 1, 1) <> '\"' THEN {safe('a.response')}"
            " WHEN instr(a.response, '\\u0000') = 0 AND json_valid(a.response) THEN"
            f" CASE WHEN {formula_start} THEN '''' || json_extract(a.response, '$')"
            " ELSE json_extract(a.response, '$') END"
            " ELSE quizapp_json_text(a.response) END"
        )
        return self._export_stream(
            ", ".join(
                (
                    # Only the texts people type can start like a formula: the store
                    # writes the others (ids, modes, times, numbers, JSON lists) itself.
                    "a.uuid", safe("l.name"), safe("s.bank_id"), "s.id", "s.mode",
                    safe("a.question_id"), response,
                    "CASE WHEN a.correct THEN 'true' ELSE 'false' END", "a.credit",
                    _ROUND3_SQL.format("a.seconds"), "a.answered", "s.score", "s.started",
                    "s.finished", "s.outcome", "a.shown", "r.retracted",
                )
            ),
            learner,
            bank_id,
        )

    def _export_stream(
        self, columns: str, learner: int | str | None, bank_id: str | None
    ) -> Iterator[tuple]:
        sql = (
            f"SELECT {columns} FROM answers a"
            " JOIN sessions s ON s.id = a.session_id JOIN learners l ON l.id = s.learner_id"
            " LEFT JOIN retractions r ON r.answer_uuid = a.uuid"
        )
        where, params = [], []
        if isinstance(learner, int):
            where.append("s.learner_id = ?")
            params.append(learner)
        elif learner is not None:
            where.append("l.name = ?")
            params.append(" ".join(str(learner).split()))
        if bank_id is not None:
            where.append("s.bank_id = ?")
            params.append(bank_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.id"
        with self._lock:
            if self._conn is None:
                raise StoreError("The store is closed.")
            try:
                cursor = self._conn.execute(sql, params)
            except sqlite3.Error as exc:
                raise self._failure(exc) from exc
        while True:
            with self._lock:
                try:
                    rows = cursor.fetchmany(2000)
                except sqlite3.Error as exc:
                    raise self._failure(exc) from exc
            if not rows:
                return
            yield from rows

    @staticmethod
    def _export_row(r: tuple, loads, export_row) -> ExportRow:
        try:
            response = loads(r[6])
        except ValueError:
            response = r[6]
        return export_row(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            response,
            bool(r[7]),
            r[8],
            r[9],
            datetime.fromisoformat(r[10]),
            r[11],
            _dt(r[12]),
            _dt(r[13]),
            r[14],
            None if r[15] is None else loads(r[15]),
            _dt(r[16]),
        )

    # ------------------------------------------------------------ class server sync

    def sync_mark(self, learner_id: int, log: str) -> int:
        """The last local row id of `log` the class server has of this learner (0: none)."""
        value = self.get_setting(f"sync.{int(learner_id)}.{log}")
        return int(value) if value else 0

    def unpushed_count(self, learner_id: int) -> int:
        """How many of the learner's answers the class server has not got yet."""
        row = self._read1(
            "SELECT count(*) FROM answers a JOIN sessions s ON s.id = a.session_id"
            " WHERE s.learner_id = ? AND a.id > ?",
            (learner_id, self.sync_mark(learner_id, "answers")),
        )
        return row[0]

    def unpushed(self, learner_id: int, limit: int = 5000) -> SyncBatch:
        """The learner's rows not yet pushed: at most `limit` answers (and their reviews),
        the sessions they need, and the ends of sent sessions that closed since."""
        import json

        from quizapp.core.sync_batch import SyncBatch

        mark = {log: self.sync_mark(learner_id, log) for log in _PUSHED_LOGS}
        was_open = json.loads(self.get_setting(f"sync.{int(learner_id)}.open") or "[]")
        batch = SyncBatch()
        with self._lock:
            if self._conn is None:
                raise StoreError("The store is closed.")
            c = self._conn
            try:
                answers = c.execute(
                    "SELECT a.id, a.uuid, s.uuid, s.bank_id, a.question_id, a.response,"
                    " a.correct, a.credit, a.seconds, a.answered, a.shown FROM answers a"
                    " JOIN sessions s ON s.id = a.session_id"
                    " WHERE s.learner_id = ? AND a.id > ? ORDER BY a.id LIMIT ?",
                    (learner_id, mark["answers"], limit),
                ).fetchall()
                last_answer = answers[-1][0] if answers else mark["answers"]
                full = len(answers) == limit
                # Sessions up to the last answer sent (all of them when this is the last batch).
                sessions = c.execute(
                    "SELECT id, uuid, bank_id, content_hash, mode, started, finished FROM sessions"
                    " WHERE learner_id = ? AND id > ?"
                    + (" AND id <= (SELECT session_id FROM answers WHERE id = ?)" if full else "")
                    + " ORDER BY id",
                    (learner_id, mark["sessions"], last_answer)
                    if full
                    else (learner_id, mark["sessions"]),
                ).fetchall()
                ended_ids = [r[0] for r in sessions if r[6] is not None]
                ended_ids += was_open
                ends = []
                for start in range(0, len(ended_ids), 500):
                    chunk = ended_ids[start : start + 500]
                    ends += c.execute(
                        "SELECT uuid, bank_id, finished, score, outcome, recall FROM sessions"
                        f" WHERE id IN ({','.join('?' * len(chunk))}) AND finished IS NOT NULL",
                        chunk,
                    ).fetchall()
                closed = {r[0] for r in c.execute(
                    "SELECT id FROM sessions WHERE learner_id = ? AND finished IS NOT NULL"
                    f" AND id IN ({','.join('?' * len(was_open))})",
                    (learner_id, *was_open),
                )} if was_open else set()
                still_open = [i for i in was_open if i not in closed]
                still_open += [r[0] for r in sessions if r[6] is None]
                # The reviews up to the last answer sent: reviews are logged with their
                # answers, so every review up to that answer's own is of an answer sent (an
                # override of an earlier answer included); a later override comes later.
                review_bound = None
                if full:
                    last = answers[-1]
                    review_bound = c.execute(
                        "SELECT max(id) FROM reviews WHERE learner_id = ? AND bank_id = ?"
                        " AND question_id = ? AND answer_uuid = ?",
                        (learner_id, last[3], last[4], last[1]),
                    ).fetchone()[0]
                reviews = c.execute(
                    "SELECT r.id, r.answer_uuid, r.bank_id, r.question_id, r.rating, r.reviewed,"
                    " r.duration_ms, r.overrides,"
                    " (SELECT count(*) FROM reviews p WHERE p.learner_id = r.learner_id"
                    "  AND p.bank_id = r.bank_id AND p.question_id = r.question_id"
                    "  AND p.answer_uuid = r.answer_uuid AND p.id < r.id),"
                    " (SELECT count(*) FROM reviews p WHERE p.learner_id = r.learner_id"
                    "  AND p.bank_id = r.bank_id AND p.question_id = r.question_id"
                    "  AND p.answer_uuid = r.answer_uuid AND p.id < r.overrides)"
                    # "+r.learner_id": read the log from the mark on (rowid range), not
                    # every review of the learner through reviews_by_card (an idle unpushed()
                    # at 100,000 reviews: 24.6 ms that way, 0.12 ms this way).
                    " FROM reviews r WHERE +r.learner_id = ? AND r.id > ? AND r.id <= ?"
                    " ORDER BY r.id",
                    (learner_id, mark["reviews"],
                     review_bound if review_bound is not None else 2**62),
                ).fetchall()
                # Retractions go with the last batch, when every answer they name was
                # sent (the server takes a retraction only of an answer it has).
                # CROSS JOIN: read the retractions from the mark on (a rowid range), not
                # every answer of the learner (an idle sync at 60,000 answers: 2.4 ms
                # that way in all, 16 ms the other).
                retractions = [] if full else c.execute(
                    "SELECT r.id, r.answer_uuid, r.retracted FROM retractions r"
                    " CROSS JOIN answers a ON a.uuid = r.answer_uuid"
                    " CROSS JOIN sessions s ON s.id = a.session_id"
                    " WHERE s.learner_id = ? AND r.id > ? ORDER BY r.id",
                    (learner_id, mark["retractions"]),
                ).fetchall()
            except sqlite3.Error as exc:
                raise self._failure(exc) from exc
        batch.sessions = [r[1:6] for r in sessions]
        batch.ends = ends
        batch.answers = [(*r[1:6], bool(r[6]), *r[7:]) for r in answers]
        batch.reviews = [
            (r[1], r[8], r[2], r[3], r[4], r[5], r[6], None if r[7] is None else r[9])
            for r in reviews
        ]
        batch.retractions = [r[1:] for r in retractions]
        batch.marks = {
            "sessions": sessions[-1][0] if sessions else mark["sessions"],
            "answers": last_answer,
            "reviews": reviews[-1][0] if reviews else mark["reviews"],
            "retractions": retractions[-1][0] if retractions else mark["retractions"],
        }
        batch.still_open = still_open
        return batch

    def forget_pushed(self, learner_id: int) -> None:
        """Push everything of this learner again at the next sync (after the class server
        was restored from an older dump: the server skips what it has)."""
        with self._write(notify=False) as c:
            c.execute(
                "DELETE FROM settings WHERE key IN (?, ?, ?, ?, ?)",
                tuple(f"sync.{int(learner_id)}.{log}" for log in (*_PUSHED_LOGS, "open")),
            )

    def open_sessions_changed(self, learner_id: int, batch: SyncBatch) -> bool:
        """Whether `batch` (from unpushed) would change the record of open sessions."""
        import json

        was = json.loads(self.get_setting(f"sync.{int(learner_id)}.open") or "[]")
        return was != batch.still_open

    def mark_pushed(self, learner_id: int, batch: SyncBatch) -> None:
        """Record that the server committed `batch` (from unpushed): it is not sent again."""
        import json

        prefix = f"sync.{int(learner_id)}."
        with self._write(notify=False) as c:
            for log, value in batch.marks.items():
                c.execute(
                    "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE"
                    " SET value = max(CAST(value AS INTEGER), excluded.value)",
                    (prefix + log, str(value)),
                )
            c.execute(
                "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                (prefix + "open", json.dumps(batch.still_open)),
            )

    def import_pulled(self, learner_id: int, batch: SyncBatch) -> int:
        """Add rows pulled from the class server (the learner's work on other computers).

        Rows already here are skipped (by UUID), so pulling twice changes nothing. The
        cards the new reviews touch are replayed from all their reviews in the order they
        happened, and the learner's statistics are rebuilt (in the order the answers were
        given). Returns how many answers were new.
        Pulled rows are not pushed back: when nothing of this learner was waiting to be
        pushed, the push marks move past them (otherwise they are sent again, which the
        server ignores).
        """
        from quizapp.core import scheduler
        from quizapp.core.migrations import (
            _effective_reviews,
            _rebuild_score_days,
            _rebuild_stats,
            _replay,
        )

        if not len(batch):
            return 0
        prefix = f"sync.{int(learner_id)}."
        touched: set[tuple] = set()
        new_answers = 0
        self._item_cache.clear()
        with self._write() as c:
            marks = {
                log: int(v)
                for log, v in c.execute(
                    "SELECT substr(key, ?), value FROM settings WHERE key LIKE ?",
                    (len(prefix) + 1, prefix + "%"),
                )
                if log in _PUSHED_LOGS
            }
            tops = dict(
                zip(
                    _PUSHED_LOGS,
                    c.execute(
                        "SELECT (SELECT coalesce(max(id), 0) FROM sessions),"
                        " (SELECT coalesce(max(id), 0) FROM answers),"
                        " (SELECT coalesce(max(id), 0) FROM reviews),"
                        " (SELECT coalesce(max(id), 0) FROM retractions)"
                    ).fetchone(),
                    strict=True,
                )
            )
            nothing_waiting = self._nothing_waiting(c, learner_id, marks)
            for uuid, bank_id, content_hash, mode, started in batch.sessions:
                c.execute(
                    "INSERT INTO sessions(learner_id, bank_id, content_hash, mode, started, uuid)"
                    " VALUES (?,?,?,?,?,?) ON CONFLICT(uuid) DO NOTHING",
                    (learner_id, bank_id, content_hash, mode, started, str(uuid)),
                )
            for uuid, _bank, finished, score, outcome, recall in batch.ends:
                c.execute(
                    "UPDATE sessions SET finished = ?, score = ?, outcome = ?, recall = ?"
                    " WHERE uuid = ? AND learner_id = ? AND finished IS NULL",
                    (finished, score, outcome, recall, str(uuid), learner_id),
                )
            for (uuid, session_uuid, _bank, qid, response, correct, credit, seconds,
                 answered, shown) in batch.answers:
                cur = c.execute(
                    "INSERT INTO answers(uuid, session_id, question_id, response, correct,"
                    " credit, seconds, answered, shown) SELECT ?, id, ?, ?, ?, ?, ?, ?, ?"
                    " FROM sessions WHERE uuid = ? AND learner_id = ?"
                    " ON CONFLICT(uuid) DO NOTHING",
                    (str(uuid), qid, response, int(bool(correct)), credit, seconds,
                     answered, shown, str(session_uuid), learner_id),
                )
                new_answers += cur.rowcount
            # The reviews already here, per card and answer, read once per card (a query
            # per pulled review would read the card's whole history each time).
            have_by_key: dict[tuple, dict[str, list[int]]] = {}
            for (answer_uuid, n, bank_id, qid, rating, reviewed, duration_ms,
                 overrides) in sorted(batch.reviews, key=lambda r: (str(r[0]), r[1])):
                key = (learner_id, bank_id, qid)
                by_answer = have_by_key.get(key)
                if by_answer is None:
                    by_answer = have_by_key[key] = {}
                    for uuid_here, review_id in c.execute(
                        "SELECT answer_uuid, id FROM reviews WHERE learner_id = ?"
                        " AND bank_id = ? AND question_id = ? ORDER BY id",
                        key,
                    ):
                        by_answer.setdefault(uuid_here, []).append(review_id)
                have = by_answer.setdefault(str(answer_uuid), [])
                if n < len(have):
                    continue  # already here
                cur = c.execute(
                    "INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id, card_id,"
                    " rating, reviewed, duration_ms, overrides, card)"
                    " VALUES (?,?,?,?,?,?,?,?,?,'')",
                    (str(answer_uuid), *key, scheduler.card_id_for(*key), rating, reviewed,
                     duration_ms,
                     None if overrides is None or overrides >= len(have) else have[overrides]),
                )
                have.append(cur.lastrowid)
                touched.add(key)
            retracted = {r[0] for r in c.execute("SELECT answer_uuid FROM retractions")}
            for key in touched:
                self._replay_card(c, key, _effective_reviews, _replay, retracted)
            # Retractions made on other computers, as if made here (idempotent: one
            # already here is skipped; one whose answer this computer lacks waits).
            for answer_uuid, when in batch.retractions:
                here = c.execute(
                    "SELECT 1 FROM answers a JOIN sessions s ON s.id = a.session_id"
                    " WHERE a.uuid = ? AND s.learner_id = ?",
                    (str(answer_uuid), learner_id),
                ).fetchone()
                if here is not None:
                    self._retract(c, str(answer_uuid), when)
            # Only this learner's statistics, in the order the answers were given.
            _rebuild_stats(c, learner_id)
            _rebuild_score_days(c, learner_id)
            if nothing_waiting:
                for log, top in tops.items():
                    new_top = c.execute(f"SELECT coalesce(max(id), 0) FROM {log}").fetchone()[0]
                    if new_top > top:
                        c.execute(
                            "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                            (prefix + log, str(new_top)),
                        )
        return new_answers

    @staticmethod
    def _nothing_waiting(c: sqlite3.Connection, learner_id: int, marks: dict[str, int]) -> bool:
        """Whether every row of this learner is at or below its push mark."""
        top = c.execute(
            "SELECT (SELECT coalesce(max(id), 0) FROM sessions WHERE learner_id = ?),"
            " (SELECT coalesce(max(a.id), 0) FROM answers a JOIN sessions s"
            "  ON s.id = a.session_id WHERE s.learner_id = ?),"
            " (SELECT coalesce(max(id), 0) FROM reviews WHERE learner_id = ?),"
            " (SELECT coalesce(max(r.id), 0) FROM retractions r CROSS JOIN answers a"
            "  ON a.uuid = r.answer_uuid CROSS JOIN sessions s ON s.id = a.session_id"
            "  WHERE s.learner_id = ?)",
            (learner_id, learner_id, learner_id, learner_id),
        ).fetchone()
        return all(
            t <= marks.get(log, 0) for t, log in zip(top, _PUSHED_LOGS, strict=True)
        )

    @staticmethod
    def _replay_card(
        c: sqlite3.Connection, key: tuple, effective_reviews, replay, retracted: set[str]
    ) -> None:
        """Rebuild one card from all its reviews in the order they happened (merging two
        computers' reviews), those of retracted answers left out; the last review row by
        id carries the card's state, as rebuild_derived expects."""
        from quizapp.core import scheduler

        rows = c.execute(
            "SELECT id, answer_uuid, rating, reviewed, duration_ms, overrides FROM reviews"
            " WHERE learner_id = ? AND bank_id = ? AND question_id = ?"
            " ORDER BY reviewed, id",
            key,
        ).fetchall()
        rows = [r for r in rows if r[1] not in retracted]
        if not rows:
            c.execute(
                "DELETE FROM cards WHERE learner_id = ? AND bank_id = ? AND question_id = ?",
                key,
            )
            return
        card, count, lapses = replay(scheduler.card_id_for(*key), effective_reviews(rows))
        c.execute(
            "INSERT OR REPLACE INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            key + _card_row(card) + (count, lapses),
        )
        last_id = max(r[0] for r in rows)
        c.execute("UPDATE reviews SET card = ? WHERE id = ?", (card.to_json(), last_id))
        c.execute(
            "UPDATE reviews SET card = ? WHERE card = '' AND learner_id = ? AND bank_id = ?"
            " AND question_id = ?",
            (card.to_json(), *key),
        )

    # ------------------------------------------------------------ maintenance

    def rebuild_derived(self, *, cards: bool = True) -> None:
        """Recompute the statistics tables (and cards) from the answer and review logs."""
        from quizapp.core.migrations import _rebuild_cards, _rebuild_score_days, _rebuild_stats

        self._item_cache.clear()
        with self._write() as c:
            _rebuild_stats(c)
            _rebuild_score_days(c)
            if cards:
                _rebuild_cards(c)

    def reload(self) -> None:
        """Forget what this Store remembers of the database and bring its schema up to
        date, after a restore replaced the database through another connection; then
        tell the listeners that everything changed."""
        with self._lock:
            if self._conn is None:
                raise StoreError("The store is closed.")
            self._session_keys.clear()
            self._synced.clear()
            self._tag_orders.clear()
            self._id_sets.clear()
            self._item_cache.clear()
            try:
                _ensure_schema(self._conn)
            except sqlite3.Error as exc:
                raise self._failure(exc) from exc
        self._notify()

    def last_answer_id(self) -> int:
        """The id of the newest answer (0 when none): the automatic backups count
        answers with it at the cost of one index lookup."""
        return self._read1("SELECT coalesce(max(id), 0) FROM answers")[0]

    def checkpoint(self) -> None:
        """Copy what the -wal file holds into the main file (PASSIVE: never waits for
        another window), so that the main file, which backups and copies see, is up to
        date and the journal does not hold everything. A full disk is not an error here."""
        try:
            self._read1("PRAGMA wal_checkpoint(PASSIVE)")
        except StoreError as exc:
            _log().warning("checkpoint skipped: %s", exc)

    def integrity_check(self) -> str:
        return self._read1("PRAGMA integrity_check")[0]
