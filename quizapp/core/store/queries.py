"""The store's read side: StoreQueries, every query of a Store (learners, settings, cards,
progress, teacher, item analysis, export), and StoreReader, those queries on a read-only
connection of their own for a worker thread.

A Store is a StoreQueries plus the writes. Each query is one line handing the work to the
part that owns it (as Anki's Collection hands work to its managers); the parts hold the SQL.
"""

from __future__ import annotations

import sqlite3
from functools import cached_property
from pathlib import Path

from quizapp.core.store import schema
from quizapp.core.store.caches import StoreCaches
from quizapp.core.store.catalog import Catalog
from quizapp.core.store.catch_up import StatsCatchUp
from quizapp.core.store.connection import Database, _connect_read_only
from quizapp.core.store.learners import Learners
from quizapp.core.store.settings import Settings

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from datetime import date, datetime

    from quizapp.core.learner import Learner
    from quizapp.core.model import Bank
    from quizapp.core.stats import (
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
    from quizapp.core.store.answers import Answers
    from quizapp.core.store.cards import Cards
    from quizapp.core.store.export import Export
    from quizapp.core.store.item_analysis import ItemAnalysis
    from quizapp.core.store.progress import Progress
    from quizapp.core.store.server_sync import ClassSync
    from quizapp.core.store.teacher import Teacher
    from quizapp.core.sync_batch import SyncBatch


class StoreQueries:
    """Every read of the store, on `db`; the catalog of current bank questions is written
    (rarely: once per new bank version) through `writes`."""

    def __init__(self, db: Database, writes: Database, caches: StoreCaches) -> None:
        self._db = db
        self._caches = caches
        self._catalog = Catalog(db, writes, caches)
        # Before a query reads the answer statistics, they catch up with the answer log.
        self._stats = StatsCatchUp(db, writes)
        self._settings = Settings(db)
        self._learners = Learners(db, caches, self._settings)

    # Startup opens the store and lists the learners, nothing more: the other parts are
    # imported and made on their first use.

    @cached_property
    def _answers(self) -> Answers:
        from quizapp.core.store.answers import Answers

        return Answers(self._db, self._caches)

    @cached_property
    def _cards(self) -> Cards:
        from quizapp.core.store.cards import Cards

        return Cards(self._db, self._catalog, self._stats)

    @cached_property
    def _progress(self) -> Progress:
        from quizapp.core.store.progress import Progress

        return Progress(self._db, self._catalog, self._caches, self._stats)

    @cached_property
    def _teacher(self) -> Teacher:
        from quizapp.core.store.teacher import Teacher

        return Teacher(self._db, self._stats)

    @cached_property
    def _items(self) -> ItemAnalysis:
        from quizapp.core.store.item_analysis import ItemAnalysis

        return ItemAnalysis(self._db, self._catalog, self._caches, self._stats)

    @cached_property
    def _export(self) -> Export:
        from quizapp.core.store.export import Export

        return Export(self._db)

    @cached_property
    def _sync(self) -> ClassSync:
        from quizapp.core.store.server_sync import ClassSync

        return ClassSync(self._db, self._caches, self._settings)

    @property
    def path(self) -> Path:
        return self._db.path

    # Raw access for tests and benchmarks (the SQL stays in the parts).
    @property
    def _conn(self) -> sqlite3.Connection | None:
        return self._db.conn

    @property
    def _item_cache(self) -> dict:
        return self._caches.item_cache

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self._db.read(sql, params)

    def _read1(self, sql: str, params: tuple = ()) -> tuple | None:
        return self._db.read1(sql, params)

    def close(self) -> None:
        self._db.close()

    @property
    def schema_version(self) -> int:
        version: int = self._db.value("PRAGMA user_version")
        return version

    # ------------------------------------------------------------ settings and learners

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return self._settings.get_setting(key, default)

    def learners(self) -> list[Learner]:
        return self._learners.learners()

    def learner(self, learner_id: int) -> Learner | None:
        return self._learners.learner(learner_id)

    def learner_by_name(self, name: str) -> Learner | None:
        return self._learners.learner_by_name(name)

    def last_learner(self) -> Learner | None:
        return self._learners.last_learner()

    def session(self, session_id: int) -> SessionInfo | None:
        return self._answers.session(session_id)

    def recorded_answers(self, uuids: Sequence[str]) -> set[str] | None:
        """Which of these answers the store holds; None when the connection is in use
        (see Answers.recorded_among)."""
        return self._answers.recorded_among(uuids)

    # ------------------------------------------------------------ cards

    def card_state(self, learner_id: int, bank_id: str, question_id: str) -> CardState | None:
        return self._cards.card_state(learner_id, bank_id, question_id)

    def due_question_ids(
        self,
        learner_id: int,
        bank_id: Bank | str,
        now: datetime | None = None,
        question_ids: Iterable[str] | None = None,
    ) -> list[str]:
        return self._cards.due_question_ids(learner_id, bank_id, now, question_ids)

    def count_due(self, learner_id: int, bank_id: str, now: datetime | None = None) -> int:
        return self._cards.count_due(learner_id, bank_id, now)

    def suspended_questions(self, learner_id: int, bank_id: str) -> dict[str, datetime]:
        """The learner's suspended cards of bank_id: question id -> when suspended."""
        return self._cards.suspended_questions(learner_id, bank_id)

    def reviewed_since(
        self, learner_id: int, bank_id: str, since: datetime
    ) -> dict[str, datetime]:
        """The questions whose card was last reviewed at or after `since`, with when."""
        return self._cards.reviewed_since(learner_id, bank_id, since)

    def data_version(self) -> int:
        """SQLite's data_version of this store's connection: it changes when another
        connection to the file (another window, another quizapp process) commits, never
        for this store's own writes. Cheap: no read of the file."""
        return int(self._db.value("PRAGMA data_version"))

    def data_version_if_free(self) -> int | None:
        """data_version(), or None at once when another thread is using the connection
        (for the GUI thread, which must not wait behind it)."""
        version = self._db.value_if_free("PRAGMA data_version")
        return None if version is None else int(version)

    def stale_cards(
        self, learner_id: int, bank: Bank, due_after: datetime | None = None
    ) -> dict[str, datetime]:
        return self._cards.stale_cards(learner_id, bank, due_after)

    def next_due(
        self, learner_id: int, bank_id: Bank | str, question_ids: Iterable[str] | None = None
    ) -> datetime | None:
        return self._cards.next_due(learner_id, bank_id, question_ids)

    def seen_among(self, learner_id: int, bank_id: str, question_ids: Sequence[str]) -> set[str]:
        return self._cards.seen_among(learner_id, bank_id, question_ids)

    def study_counts(
        self, learner_id: int, bank: Bank, now: datetime, new_limit: int
    ) -> tuple[int, int, int]:
        """(new, learning, due) for the library; see core/bank_counts.study_counts."""
        return self._cards.study_counts(learner_id, bank, now, new_limit)

    def next_due_after(self, learner_id: int, bank_id: str, now: datetime) -> datetime | None:
        """When the next card of the bank not due at `now` falls due (None: none)."""
        return self._cards.next_due_after(learner_id, bank_id, now)

    def seen_question_ids(self, learner_id: int, bank_id: Bank | str) -> set[str]:
        return self._cards.seen_question_ids(learner_id, bank_id)

    def sync_catalog(self, bank: Bank) -> None:
        """Bring the store's catalog of `bank`'s current questions up to date. Every query
        that filters by the current questions does so on demand; the library does it
        ahead, on its loading thread, so that a new or edited bank's first listing does
        not write thousands of rows on the GUI thread (~50 ms at 10,000 questions)."""
        self._catalog.current(bank)

    # ------------------------------------------------------------ progress

    def bank_summary(
        self, learner_id: int, bank: Bank | str, now: datetime | None = None
    ) -> BankSummary:
        return self._progress.bank_summary(learner_id, bank, now)

    def question_stats(self, learner_id: int, bank: Bank | str) -> list[QuestionRow]:
        return self._progress.question_stats(learner_id, bank)

    def weakest_questions(
        self, learner_id: int, bank: Bank | str, limit: int = 10, *, min_answers: int = 1
    ) -> list[QuestionStat]:
        return self._progress.weakest_questions(learner_id, bank, limit, min_answers=min_answers)

    def tag_accuracy(self, learner_id: int, bank: Bank) -> list[TagAccuracy]:
        return self._progress.tag_accuracy(learner_id, bank)

    def score_over_time(
        self, learner_id: int, bank: Bank | str, limit: int | None = schema.SCORE_POINTS
    ) -> list[ScorePoint]:
        return self._progress.score_over_time(learner_id, bank, limit)

    def due_per_day(
        self, learner_id: int, bank: Bank | str, days: int = 30, now: datetime | None = None
    ) -> list[DueDay]:
        return self._progress.due_per_day(learner_id, bank, days, now)

    def answers_per_day(
        self, learner_id: int, bank: Bank | str | None = None, since: date | None = None
    ) -> list[DayActivity]:
        return self._progress.answers_per_day(learner_id, bank, since)

    def time_spent(self, learner_id: int, bank: Bank | str | None = None) -> TimeSpent:
        return self._progress.time_spent(learner_id, bank)

    def studied_bank_ids(self, learner_id: int) -> list[str]:
        return self._progress.studied_bank_ids(learner_id)

    # ------------------------------------------------------------ teacher

    def learner_bank_table(self) -> list[LearnerBankRow]:
        return self._teacher.learner_bank_table()

    def item_analysis(self, bank: Bank | str) -> list[ItemStat]:
        return self._items.item_analysis(bank)

    # ------------------------------------------------------------ export

    def export_rows(
        self, learner: int | str | None = None, bank_id: str | None = None
    ) -> Iterator[ExportRow]:
        return self._export.export_rows(learner, bank_id)

    def export_records(
        self, learner: int | str | None = None, bank_id: str | None = None
    ) -> Iterator[tuple]:
        return self._export.export_records(learner, bank_id)

    def export_cells(
        self, learner: int | str | None = None, bank_id: str | None = None
    ) -> Iterator[tuple]:
        return self._export.export_cells(learner, bank_id)

    # ------------------------------------------------------------ class server sync

    def sync_mark(self, learner_id: int, log: str) -> int:
        return self._sync.sync_mark(learner_id, log)

    def unpushed_count(self, learner_id: int) -> int:
        return self._sync.unpushed_count(learner_id)

    def unpushed_cards(self, learner_id: int) -> int:
        return self._sync.unpushed_cards(learner_id)

    def unpushed(self, learner_id: int, limit: int = 5000) -> SyncBatch:
        return self._sync.unpushed(learner_id, limit)

    def open_sessions_changed(self, learner_id: int, batch: SyncBatch) -> bool:
        return self._sync.open_sessions_changed(learner_id, batch)

    # ------------------------------------------------------------ maintenance

    def uncounted_answers(self) -> int:
        """How many recorded answers the statistics (progress, library counts) leave out:
        0, but when their catch-up could not be written (a full disk), when they show the
        numbers stored last (see catch_up.StatsCatchUp.fresh)."""
        return self._stats.uncounted()

    def local_days_current(self) -> bool:
        """Whether the local days (answers per day, active days, the score chart's day
        averages) are counted in this computer's time zone; False from a start under
        another one until Store.recount_days() has counted them again (local_days.py)."""
        from quizapp.core.store.local_days import ZONE_KEY, zone_key

        row = self._db.read1("SELECT value FROM settings WHERE key = ?", (ZONE_KEY,))
        return row is None or row[0] == zone_key()

    def last_answer_id(self) -> int:
        """The id of the newest answer (0 when none): the automatic backups count
        answers with it at the cost of one index lookup."""
        last: int = self._db.value("SELECT coalesce(max(id), 0) FROM answers")
        return last

    def integrity_check(self) -> str:
        result: str = self._db.value("PRAGMA integrity_check")
        return result


class StoreReader(StoreQueries):
    """The queries of a Store on a `mode=ro` connection of their own (Store.open_reader()):
    for a worker thread, so that a slow statistics query never waits for an answer being
    saved, nor makes one wait (WAL: readers and the writer do not block each other). It
    sees every write committed before each query. Use it from one thread at a time; close
    it when done; closing its Store does not close it. Writing through it is impossible
    (the catalog of a new bank version is written through its Store, and so is the
    statistics' catch-up with answers recorded since they were last read: a short write,
    which waits for an answer being saved at that moment)."""

    @classmethod
    def open_beside(cls, writes: Database, caches: StoreCaches) -> StoreReader:
        """A reader of the file `writes` is connected to, sharing its caches."""
        try:
            conn = _connect_read_only(writes.path)
        except sqlite3.Error as exc:
            raise writes.failure(exc) from exc
        return cls(Database(conn, writes.path), writes, caches)

    @classmethod
    def open_read_only(cls, path: Path) -> StoreReader:
        """The queries of the store at path, on a connection that only reads it and never
        changes it, even to recover or migrate it (opening.open_read_only: StoreError when
        it cannot be read as it is). Nothing can be written through it."""
        from quizapp.core.store.opening import open_read_only

        db = Database(open_read_only(path), path, marks_damage=False)
        return cls(db, db, StoreCaches())

    def __enter__(self) -> StoreReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

