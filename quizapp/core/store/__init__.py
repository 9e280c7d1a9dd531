"""The score store: one SQLite database per computer, the only package with SQL.

A package by concern, behind one facade (Store, in facade.py): connection.py (the connection,
its lock, WAL), opening.py (recovery and the integrity check), schema.py and errors.py (leaf
modules: names, versions, tunables, errors), values.py (how values are stored), caches.py,
catalog.py (a bank's current questions), settings.py, learners.py, answers.py (sessions and
the answer path with scheduling), cards.py, progress.py, teacher.py, item_analysis.py,
export.py, server_sync.py, snapshots.py (the SQL of backups: copying the file, counting what
a copy holds, copying one back; quizapp.core.backup is their policy), derived.py (rebuilding
the derived tables from the logs) and queries.py (every read, and StoreReader: the reads on a read-only connection of their own,
for a worker thread: Store.open_reader()). The schema's history and the migrations are in
quizapp.core.migrations, which imports only the leaf modules here.

Durability: WAL with synchronous=FULL, so a committed answer survives a crash
or a power cut. Every write is one short BEGIN IMMEDIATE transaction, and a
5 s busy timeout lets two app windows (or two processes) write at once
without losing anything. `record_answer` commits before it returns. A batch (Store.batch:
a deck's history imported, all or nothing) holds the file for as long as it runs, with a
locked marker beside it naming its program (`quizapp.sqlite3.long-write`); the writes made
in a waits_for_long_writes block (the app's write ops, `quizapp import`) wait for it to end
(up to LONG_WRITE_WAIT_S) instead of failing after the busy timeout.

The answer log (`answers`, append-only, one time-ordered version 7 UUID per answer
(earlier answers may have version 4 ones)) is the source of truth. Small derived tables (per learner+question, per learner+bank, per
learner+bank+day) let statistics never scan the log; they catch up with it after a mark
(stats_mark, version 10) before any query reads them, folding in the answers logged
since in log order (catch_up.py), so an answer's own transaction writes only the answer,
its card and its review; `rebuild_derived()` recomputes them from the log.
Their local days (day_stats, score_days) are the time zone's the store was opened in:
opened under another, they are counted again in it (local_days.py; settings
`local_days_zone`): by the commands at open, by the app after its window shows.
The FSRS card per (learner, bank, question) and the review log (`reviews`,
every rating ever applied, overrides included) live here too.

Deleting a learner deletes everything of theirs: sessions, answers, cards,
reviews and statistics (the GUI asks for confirmation first). This is the one
exception to "answers are never deleted", and only the learner's own request
triggers it.

A database written by a newer quizapp is refused (StoreError, errors.newer_version_message)
and left as it is. A database that is damaged or not ours at all is
moved aside untouched (`quizapp.sqlite3.<UTC timestamp>.bad`, with its -wal
and -shm files) and a fresh one is started; `recovery_notice` (a StoreNotice: title, text,
details) says so, `recovery_message` is its text. But when only
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
below), 10 adds stats_mark (the last answer the statistics count; set to the newest
answer, since version 9 counted each answer in its own transaction), 11 makes a review of
mistakes no attempt (see "Session outcomes"; its earlier score kept in
`sessions.score_v10`), 12 adds answers.version (the question's version when it was
answered: quizapp.core.question_version; NULL before) and version_stats (answers per
learner, question and version, derived like question_stats), so that item analysis
counts a changed question's answers to its earlier versions apart; the versions of the
questions of each bank studied before, as first loaded after the upgrade, are kept in
legacy_versions (versions_pending: the banks still to load), 13 adds reviews.draw (each
review's fuzz draw, recorded when it is given; NULL before: replayed with the draw seeded
by the review), 14 makes cards a rowid table, which an answer writes by its rowid, with
its due date an integer (microseconds since 1970 UTC), 15 adds suspended_cards (the cards a
learner keeps out of flashcards, practice and the due counts, Anki's Suspend: a row per
learner and question while suspended, apart from the cards, so that a new card can be
suspended and a rebuild of the cards from the reviews keeps it), 16 adds suspension_log
(each suspension and card brought back, with when and a uuid: the class server carries
them to the learner's other computers, and suspended_cards is each card's latest action;
store/suspensions.py). Opening migrates
forward, one transaction per step, only while no other connection has the file open
(connection.exclusive_use: an older quizapp still open would go on writing its own format);
then repairs, once, what an older app wrote into a current file (quizapp.core.store.repair);
tests open a database of every earlier version.

A full disk (SQLITE_FULL, ENOSPC) is DiskFullError with one message (DISK_FULL_MESSAGE);
StoreError.can_retry says when trying again at once can work (a busy window). After a
checkpoint the -wal file is cut back to JOURNAL_SIZE_LIMIT, and checkpoint() (called by
the automatic backups in quizapp.core.backup) brings the main file up to date.

A file up to 64 MB gets a full integrity check at every open; a bigger one only
after a query met damage (a `.check` marker left next to it). The app opens with
defer_check=True instead (only the marker makes it check first) and runs
check_integrity() on a thread after its window is up: every start up to 64 MB, weekly
beyond. A failed check keeps the file in use, says so, and leaves the marker, so the
next start sets the file aside (untouched) if it is still damaged; a backup whose copy
fails its check leaves the marker too (quizapp.core.backup.SourceDamagedError). A busy or unreadable
file is never moved aside: StoreError says what to do.

Session outcomes (version 6). A session ends with `sessions.outcome`:
- "finished": it ran to its end;
- "timed_out": a timed session (an exam) whose time ran out; scored like a finished one
  (questions not reached count as wrong), kept apart so that it can be shown;
- "abandoned": the learner left it. Its answers stay in the log and count for the
  per-question statistics and the FSRS cards, but it is not an attempt: its score is NULL.
A session never closed (the app was killed) keeps outcome and finished NULL until the
next start closes it (open_sessions.close_interrupted: timed_out at its deadline for a
timed one whose time ran out, else abandoned), unless another live window has it open.
An attempt is exactly a closed session with a score (`finished` and `score` NOT NULL):
bank_stats (attempts, best, last), score_days and the score chart count only those.
Flashcard sessions are not scored: their score is NULL and `sessions.recall` holds the
share of their cards first rated Good or Easy (bank_summary's `recall`, shown on its own).
Practice sessions report the score over the distinct questions they asked and the
learner answered (right at the first try), not over the whole bank. A review of mistakes
(mode "review") is not an attempt either (version 11): it re-asks at once questions whose
right answers were just shown, so, like a flashcard session, it is stored with a NULL
score (its results page shows its own score); migrating a version-10 database moves a
review's score to `sessions.score_v10` and rebuilds the attempt columns and score_days.

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
what is new, mark_pushed() records a batch the server committed, pulling() imports the
rows pulled from the server (other computers' answers) piece by piece, each piece with the
pull's marks in its transaction (quizapp.core.store.pulled; import_pulled() is one piece),
and replays the cards they touch in the order the reviews happened, so two computers used
offline merge without conflict.
Retractions travel too (mark `sync.<learner id>.retractions`): unpushed() sends them with
the last batch, once every answer they name is sent, and import_pulled() applies pulled
ones as retract_answer does (an answer already taken back here is skipped).
The pull's own marks (`sync.<learner id>.pulled`: seq per log, the server snapshot of
the last pull, and `pulling`, how far a pull cut off got) and the server's identity (`sync.<learner id>.server`) sit beside them;
server_changed() forgets every mark when the identity changes (a server restored from a
dump), and forget_pushed() (`quizapp sync --resend`) does it on request.

Times are stored as ISO 8601 UTC strings of fixed width, so they sort as text.
Sums in derived tables are integers (milliseconds, millionths of credit or
score) so that a rebuild gives exactly the same numbers as the incremental
updates, whatever the order of addition.
"""

from __future__ import annotations

import sys
import types

from quizapp.core.store import schema
from quizapp.core.store.errors import DISK_FULL_MESSAGE, DiskFullError, StoreError, StoreNotice
from quizapp.core.store.facade import Store
from quizapp.core.store.queries import StoreQueries, StoreReader
from quizapp.core.store.schema import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    CHECK_RETRY_INTERVAL,
    DB_NAME,
    EXPORT_FIELDS,
    FULL_CHECK_INTERVAL,
    FULL_CHECK_MAX_BYTES,
    JOURNAL_SIZE_LIMIT,
    LAST_CHECK_KEY,
    LONG_WRITE_WAIT_S,
    MAX_NAME_LENGTH,
    MODES,
    OUTCOMES,
    SCHEMA_VERSION,
    SCORE_POINTS,
    STORE_ID_KEY,
    TABLES,
    WAL_AUTOCHECKPOINT_PAGES,
)

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_MS",
    "LONG_WRITE_WAIT_S",
    "DB_NAME",
    "DISK_FULL_MESSAGE",
    "EXPORT_FIELDS",
    "CHECK_RETRY_INTERVAL",
    "FULL_CHECK_INTERVAL",
    "FULL_CHECK_MAX_BYTES",
    "JOURNAL_SIZE_LIMIT",
    "LAST_CHECK_KEY",
    "MAX_NAME_LENGTH",
    "MODES",
    "OUTCOMES",
    "SCHEMA_VERSION",
    "SCORE_POINTS",
    "STORE_ID_KEY",
    "TABLES",
    "WAL_AUTOCHECKPOINT_PAGES",
    "DiskFullError",
    "Store",
    "StoreError",
    "StoreNotice",
    "StoreQueries",
    "StoreReader",
]

# The tunables are read as schema.NAME when used; setting one here (tests do, with
# monkeypatch) sets it there too, so that it takes effect.
_TUNABLES = frozenset({"BUSY_TIMEOUT_MS", "CHECK_RETRY_INTERVAL", "FULL_CHECK_INTERVAL",
                       "FULL_CHECK_MAX_BYTES", "LONG_WRITE_WAIT_S", "SCORE_POINTS"})


class _StorePackage(types.ModuleType):
    def __setattr__(self, name: str, value: object) -> None:
        if name in _TUNABLES:
            setattr(schema, name, value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _StorePackage
