"""Store: the one object the app, the commands and the class server use for the results
file. A thin facade: StoreQueries holds the reads, and each write is one line handing the
work to the part that owns it (learners, answers, class server sync), as Anki's Collection
hands work to its managers.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

from quizapp.core import paths
from quizapp.core.store.caches import StoreCaches
from quizapp.core.store.connection import (
    Batch,
    Database,
    _check_marker,
    _ensure_schema,
    remove_dead_long_write_marker,
    waits_for_long_writes,
)
from quizapp.core.store.errors import StoreError, StoreNotice
from quizapp.core.store.opening import open_connection, read_only_folder_message
from quizapp.core.store.queries import StoreQueries, StoreReader
from quizapp.core.store.schema import DB_NAME
from quizapp.core.store.values import _log

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from quizapp.core.learner import Learner
    from quizapp.core.model import Bank, Question
    from quizapp.core.review_plan import ReviewPlan
    from quizapp.core.stats import AnswerRecord
    from quizapp.core.store.open_sessions import Interrupted, SessionJournal
    from quizapp.core.store.pulled import PulledImport
    from quizapp.core.sync_batch import SyncBatch


def _a_file_in_the_way(folder: Path) -> str | None:
    """Why the data folder cannot be used when it, or a folder on the way to it, is a
    file; else None."""
    blocker = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        where = "" if blocker == folder else f" {blocker}, on the way to it,"
        return (
            f"The data folder {folder} cannot be used:{where or ' it'} is a file, not a "
            "folder. Move or rename that file, or start quizapp with --data-dir and a folder."
        )
    return None


def data_folder_problem(folder: Path, *, writing: bool) -> str | None:
    """Why a `quizapp` command cannot use the data folder, in a learner's words, or None:
    it is a file (QUIZAPP_DATA_DIR set to one), or (writing: a backup into its backups
    folder, a restore) it is read-only. The app's own open says the same (Store.open)."""
    folder = Path(folder)
    problem = _a_file_in_the_way(folder)
    if problem is not None or not writing or not folder.is_dir():
        return problem
    if not os.access(folder, os.W_OK):  # (False on read-only media too: EROFS)
        return read_only_folder_message(folder, has_results=(folder / DB_NAME).exists())
    return None


def _folder_problem(folder: Path, exc: OSError) -> str:
    """Why the data folder could not be made, in a learner's words."""
    problem = _a_file_in_the_way(folder)
    if problem is not None:
        return problem
    blocker = next((p for p in (folder, *folder.parents) if p.exists()), None)
    import errno

    if blocker is not None and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"The data folder {folder} cannot be made: the folder {blocker} is read-only. "
            "Make it writable, or start quizapp with --data-dir and a folder you can write in."
        )
    return f"Cannot create the data folder {folder}: {exc.strerror or exc}"


class Store(StoreQueries):
    """Learners, sessions, answers, FSRS cards and statistics in one SQLite file.

    Thread-safe: one connection guarded by a lock. For queries on a worker thread that
    never wait for a write, open a StoreReader with open_reader(). Open with Store.open().
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path, recovery_notice: StoreNotice | None = None
    ) -> None:
        db = Database(conn, path)
        super().__init__(db, db, StoreCaches())
        # The sessions this Store opens, noted in a locked file while it is open, so that
        # the next start tells a dead app's open sessions from a live window's (made at
        # the first session: a start imports nothing it does not use).
        self._journal_made: SessionJournal | None = None
        # What to tell the learner about the file this open set aside or repaired, or None.
        self.recovery_notice = recovery_notice

    @property
    def recovery_message(self) -> str | None:
        """recovery_notice's text (None: nothing to tell)."""
        return None if self.recovery_notice is None else self.recovery_notice.text

    # ------------------------------------------------------------ lifecycle

    @classmethod
    def open(
        cls, data_dir: str | os.PathLike | None = None, *, defer_check: bool = False,
        defer_days: bool = False,
    ) -> Store:
        """Open (or create) the store in data_dir or quizapp.core.paths.data_dir().

        defer_check: skip the full integrity check at open (unless a query met damage
        before); the caller runs check_integrity() later, off the startup path.
        defer_days: do not count the local days again at open when they were counted in
        another time zone; the caller runs recount_days() later, off the startup path,
        and shows no day until local_days_current() (see core/store/local_days.py)."""
        folder = paths.data_dir(data_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(_folder_problem(folder, exc)) from exc
        return cls.open_file(folder / DB_NAME, defer_check=defer_check, defer_days=defer_days)

    @staticmethod
    def checked_before_use(data_dir: str | os.PathLike | None = None) -> int | None:
        """The size in bytes of the results file in data_dir when opening it reads it whole
        first (a query, the check or a backup met damage in it: its `.check` marker), else
        None. The check costs about 2 ms a MiB, before the app's window can open."""
        path = paths.data_dir(data_dir) / DB_NAME
        try:
            return path.stat().st_size if _check_marker(path).exists() else None
        except OSError:
            return None

    @classmethod
    def open_file(cls, path: Path, *, defer_check: bool = False,
                  defer_days: bool = False) -> Store:
        """Open the store at path, setting a damaged, foreign or newer file aside (the
        learner is told in recovery_message); see quizapp.core.store.opening."""
        path = Path(path)
        conn, notice = open_connection(path, defer_check=defer_check, defer_days=defer_days)
        remove_dead_long_write_marker(path)
        return cls(conn, path, notice)

    def open_reader(self) -> StoreReader:
        """The queries of this store on a read-only connection of their own, for one
        worker thread (see StoreReader); the caller closes it. StoreError if the file
        cannot be opened."""
        return StoreReader.open_beside(self._db, self._caches)

    def recount_days(
        self, connected: Callable[[sqlite3.Connection], None] | None = None
    ) -> bool:
        """Count the local days again if they were counted in another time zone, on a
        connection of its own (any thread; seconds at millions of answers); True when it
        counted. See local_days.recount_days (connected: to interrupt it)."""
        from quizapp.core.store.local_days import recount_days

        return recount_days(self._db.path, connected)

    def integrity_check_due(self, now: datetime | None = None) -> bool:
        """Whether check_integrity() should run now (see integrity.integrity_check_due)."""
        from quizapp.core.store.integrity import integrity_check_due  # after the window

        return integrity_check_due(self._db, now)

    def check_integrity(self) -> StoreNotice | None:
        """PRAGMA quick_check on a connection of its own, safe on any thread; None when the
        file is sound, else what to tell the learner (see integrity.check_integrity)."""
        from quizapp.core.store.integrity import check_integrity  # off the startup path

        return check_integrity(self._db)

    @property
    def _journal(self) -> SessionJournal:
        if self._journal_made is None:
            from quizapp.core.store.open_sessions import SessionJournal

            self._journal_made = SessionJournal(self._db.path)
        return self._journal_made

    def batch(self, writer: str = "another quizapp program") -> Batch:
        """One transaction around every write of the `with` block: all are committed
        together at its end, or none (see Database.batch); other threads wait for it, and
        other processes' writes too, told it is `writer` that writes."""
        return self._db.batch(writer)

    def close(self) -> None:
        journal = self._journal_made
        if journal is not None:
            still_open = False
            if journal.sessions and self._db.conn is not None:
                marks = ",".join("?" * len(journal.sessions))
                try:
                    still_open = bool(self._db.read(
                        f"SELECT 1 FROM sessions WHERE finished IS NULL AND id IN ({marks})"
                        " LIMIT 1", tuple(journal.sessions)))
                except StoreError:
                    still_open = True  # cannot tell: keep it, the next start will know
            journal.close(still_open=still_open)
        super().close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_listener(self, callback: Callable[[], None]) -> None:
        """callback() runs after every committed write (on the writing thread)."""
        self._db.listeners.append(callback)

    def remove_listener(self, callback: Callable[[], None]) -> None:
        if callback in self._db.listeners:
            self._db.listeners.remove(callback)

    # ------------------------------------------------------------ settings and learners

    def set_setting(self, key: str, value: str | None) -> None:
        self._settings.set_setting(key, value)

    def create_learner(self, name: str) -> Learner:
        return self._learners.create_learner(name)

    def rename_learner(self, learner_id: int, name: str) -> None:
        self._learners.rename_learner(learner_id, name)

    def delete_learner(self, learner_id: int) -> None:
        """Delete the learner with all their sessions, answers, cards and statistics."""
        self._learners.delete_learner(learner_id)

    def set_last_learner(self, learner_id: int) -> None:
        self._learners.set_last_learner(learner_id)

    # ------------------------------------------------------------ sessions and answers

    def start_session(
        self, learner_id: int, bank: Bank, mode: str, now: datetime | None = None
    ) -> int:
        """A new study session; `now` (default: the current time) is when it started."""
        session_id = self._answers.start_session(learner_id, bank, mode, now)
        self._journal.opened(session_id)
        return session_id

    def note_questions(
        self, session_id: int, points: dict[str, float], deadline: datetime | None = None
    ) -> None:
        """A quiz, exam, practice or review this Store opened: the points of the questions
        it asks and, for a timed one, when its time runs out; so that if the app dies
        meanwhile, the next start scores it as its results page (every question answered)
        or its clock (time up) would have (open_sessions.close_interrupted)."""
        self._journal.opened(session_id, deadline=deadline, points=points)

    def close_interrupted_sessions(self, now: datetime | None = None) -> list[Interrupted]:
        """Close the sessions an app that died left open (not those of a live window);
        see quizapp.core.store.open_sessions. Not waiting for another program's long write
        (an import's history): the app's start does this, and the bank list, which needs
        the store too, showed only once a 50,000-review import had ended (28 s); a file
        held so is left for the next start."""
        from quizapp.core.store.open_sessions import close_interrupted

        with waits_for_long_writes(False):
            return close_interrupted(self, now)

    def record_answer(
        self,
        session_id: int,
        question: Question | str,
        *,
        response: object,
        correct: bool,
        credit: float,
        seconds: float,
        rating: int | None = None,
        now: datetime | None = None,
        shown: Sequence[str] | None = None,
        replaces: str | None = None,
        plan: ReviewPlan | None = None,
    ) -> AnswerRecord:
        """Store one answer, its FSRS card and its review in one committed
        transaction (see Answers.record_answer; replaces: a changed exam answer's
        earlier uuid, retracted in the same transaction; plan: the card's review planned
        when it was shown, from plan_review)."""
        return self._answers.record_answer(
            session_id,
            question,
            response=response,
            correct=correct,
            credit=credit,
            seconds=seconds,
            rating=rating,
            now=now,
            shown=shown,
            replaces=replaces,
            plan=plan,
        )

    def keep_schedule(
        self, record: AnswerRecord, *, state: int, stability: float, difficulty: float,
        due: datetime,
    ) -> None:
        """The card the answer `record` left, as another app scheduled it (an Anki
        deck's); see Answers.keep_schedule."""
        self._answers.keep_schedule(record, state=state, stability=stability,
                                    difficulty=difficulty, due=due)

    def set_suspended(
        self, learner_id: int, bank_id: str, question_ids: Iterable[str], suspended: bool,
        now: datetime | None = None,
    ) -> int:
        """Suspend these cards of the learner, or bring them back; see Cards.set_suspended."""
        return self._cards.set_suspended(learner_id, bank_id, question_ids, suspended, now)

    def plan_review(
        self, learner_id: int, bank_id: str, question_id: str, now: datetime | None = None
    ) -> ReviewPlan:
        """The card's review for each rating, planned now, while the card is shown (see
        Answers.plan_review and quizapp.core.review_plan)."""
        return self._answers.plan_review(learner_id, bank_id, question_id, now)

    def retract_answer(
        self, answer_uuid: str, now: datetime | None = None, *, reopen: int | None = None
    ) -> datetime:
        """Take back an answer (the learner's undo; reopen: the finished review whose last
        rating it is, opened again with it); see Answers.retract_answer."""
        return self._answers.retract_answer(answer_uuid, now, reopen=reopen)

    def finish_session(
        self,
        session_id: int,
        score: float | None,
        now: datetime | None = None,
        *,
        outcome: str = "finished",
        recall: float | None = None,
    ) -> None:
        """Close a session with its outcome; see Answers.finish_session."""
        self._answers.finish_session(session_id, score, now, outcome=outcome, recall=recall)

    def abandon_session(self, session_id: int, now: datetime | None = None) -> None:
        """Close a session the learner left: its answers stay, it is not an attempt."""
        self._answers.abandon_session(session_id, now)

    # ------------------------------------------------------------ class server sync

    @property
    def push_lock(self) -> threading.Lock:
        """Held while the class server is sent this store's work (see StoreCaches)."""
        return self._caches.pushing

    def forget_pushed(self, learner_id: int) -> None:
        self._sync.forget_pushed(learner_id)

    def server_changed(self, learner_id: int, identity: str) -> bool:
        return self._sync.server_changed(learner_id, identity)

    def mark_pushed(self, learner_id: int, batch: SyncBatch) -> None:
        self._sync.mark_pushed(learner_id, batch)

    def settle_pushed(self, learner_id: int, times: dict[str, str]) -> None:
        self._sync.settle_pushed(learner_id, times)

    def import_pulled(self, learner_id: int, batch: SyncBatch,
                      settings: dict[str, str] | None = None) -> int:
        return self._sync.import_pulled(learner_id, batch, settings)

    def pulling(self, learner_id: int) -> PulledImport:
        return self._sync.pulling(learner_id)

    # ------------------------------------------------------------ maintenance

    def rebuild_derived(self, *, cards: bool = True) -> None:
        """Recompute the statistics tables (and cards) from the answer and review logs."""
        from quizapp.core.store.catch_up import mark_counted_within
        from quizapp.core.store.derived import _rebuild_cards, _rebuild_score_days, _rebuild_stats

        self._caches.item_cache.clear()
        with self._db.write() as c:
            _rebuild_stats(c)
            mark_counted_within(c)
            _rebuild_score_days(c)
            if cards:
                _rebuild_cards(c)

    def reload(self) -> None:
        """Forget what this Store remembers of the database and bring its schema up to
        date, after a restore replaced the database through another connection; then
        tell the listeners that everything changed."""
        with self._db.lock:
            conn = self._db.live()
            self._caches.clear()
            try:
                # This Store's own reader has the file open too: no exclusive hold here
                # (backup.restore brought the restored file in while holding the store).
                _ensure_schema(conn, self._db.path, exclusive=False)
            except sqlite3.Error as exc:
                raise self._db.failure(exc) from exc
        self._db.notify()

    def checkpoint(self) -> None:
        """Copy what the -wal file holds into the main file (PASSIVE: never waits for
        another window), so that the main file, which backups and copies see, is up to
        date and the journal does not hold everything. A full disk is not an error here."""
        try:
            self._db.read1("PRAGMA wal_checkpoint(PASSIVE)")
        except StoreError as exc:
            _log().warning("checkpoint skipped: %s", exc)
