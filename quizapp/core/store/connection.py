"""The store's connection to its SQLite file: opening it (WAL, synchronous=FULL), bringing
its schema up to date, and the one lock every read and write of a Store goes through.

Database is what every part of the store (settings, learners, answers, queries) is given:
read(), read1() and value() for queries, write() for one short BEGIN IMMEDIATE transaction
that commits before it returns, failure() to turn a SQLite error into a readable StoreError.
A writer (Store) and a reader (StoreReader, on a `mode=ro` connection of its own) each have
their own Database; WAL lets a reader run beside the writer.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import quote

from quizapp.core.store import schema
from quizapp.core.store.errors import (
    DISK_FULL_MESSAGE,
    DiskFullError,
    StoreError,
    _is_disk_full,
    damaged_when_read,
)
from quizapp.core.store.values import _log

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def _check_marker(path: Path) -> Path:
    """The file whose presence says a query met damage: the next open checks the file."""
    return path.with_name(path.name + ".check")


def _long_write_marker(path: Path) -> Path:
    """The file a batch (Database.batch: a long write, such as a deck's history imported)
    holds locked (leftovers.hold) for as long as its transaction runs, naming its program:
    another process's write that finds the results file busy then waits for the batch to
    end (schema.LONG_WRITE_WAIT_S) instead of giving up after BUSY_TIMEOUT_MS. A killed
    batch's file stays, unlocked: it means nothing then, and the next batch takes it."""
    return path.with_name(path.name + ".long-write")


def remove_dead_long_write_marker(path: Path) -> None:
    """Remove the marker a killed batch left (nobody holds its lock), so that the data
    folder keeps no file that means nothing; one stat when there is none."""
    from quizapp.core import leftovers

    marker = _long_write_marker(path)
    try:
        if marker.exists() and not leftovers.held(marker):
            marker.unlink()
    except OSError:
        pass


def long_writer(path: Path) -> str | None:
    """The program whose long write holds the results file at path now, or None."""
    from quizapp.core import leftovers

    marker = _long_write_marker(path)
    if not marker.exists() or not leftovers.held(marker):
        return None
    try:
        return marker.read_text(encoding="utf-8").strip() or "another quizapp program"
    except (OSError, UnicodeError):
        return "another quizapp program"


# Whether this thread's writes wait out another process's long write (_begin_immediate).
# Only where waiting is what the learner wants: the app's writer thread (an answer is saved
# after the import rather than refused) and `quizapp import` itself; never a start's own
# writes (closing a dead window's sessions: the window would not show until the import
# ended) nor a reader's statistics catch-up (the counts show the numbers stored last).
_waiting = threading.local()


class waits_for_long_writes:  # noqa: N801 (used as a `with` statement, like a function)
    """Within the `with` block, this thread's writes wait for another process's long
    write (a batch) to end, up to schema.LONG_WRITE_WAIT_S, instead of BUSY_TIMEOUT_MS
    (wait=False: they do not, inside a block that does). The wait holds the Store's lock,
    so its other users wait too: only a write the learner waits for anyway waits so."""

    def __init__(self, wait: bool = True) -> None:
        self._wait = wait

    def __enter__(self) -> None:
        self._before = getattr(_waiting, "on", False)
        _waiting.on = self._wait

    def __exit__(self, *exc: object) -> None:
        _waiting.on = self._before


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def _begin_immediate(db: Database) -> None:
    """BEGIN IMMEDIATE, waiting for the end of another process's long write (a batch) that
    holds the file, however long (up to schema.LONG_WRITE_WAIT_S), in a waits_for_long_writes
    block; a short one (another window's answer), or any outside such a block, is waited
    for BUSY_TIMEOUT_MS, by SQLite."""
    deadline = None
    while True:
        try:
            db.write_cursor.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or not getattr(_waiting, "on", False):
                raise
            writer = long_writer(db.path)  # (reads the marker file: once per busy wait)
            if writer is None:
                raise
            now = time.monotonic()
            if deadline is None:
                deadline = now + schema.LONG_WRITE_WAIT_S
                _log().info("waiting for %s to end its write", writer)
            elif now >= deadline:
                raise


def _null(value: None) -> None:
    return None


# sqlite3 binds an int, float or str parameter at once but sends any other through its
# adapters; a None with no adapter registered costs two failed attribute lookups (the
# protocol's __adapt__, raised and cleared as an AttributeError, then None's __conform__),
# ~3,000 instructions each, and an answer binds three (the shown options of a flashcard, a
# review card's step, twice): 1.6% of FlashcardSession.rate (docs/performance.md, "Tenth
# round"). Registered, the adapter is one dictionary lookup and a call; None is still bound
# as NULL. It is the process's registry, and this adapter changes what no program binds.
sqlite3.register_adapter(type(None), _null)


def _connect(path: Path) -> sqlite3.Connection:
    # sqlite3 keeps prepared statements by SQL text, 128 by default; queries with an
    # IN list of varying length (next_due, item analysis) would push record_answer's
    # statements out, and preparing them again costs more than running them.
    conn = sqlite3.connect(
        path,
        timeout=schema.BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
        cached_statements=512,
    )
    conn.execute(f"PRAGMA busy_timeout={schema.BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if mode.lower() != "wal":
        _log().warning("SQLite refused WAL mode (got %s); continuing", mode)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    # 16 MB of page cache keeps the hot index pages (uuid, reviews) in memory.
    conn.execute("PRAGMA cache_size=-16384")
    # After a checkpoint the -wal file is cut back to 4 MB, so the space a burst of
    # writes took is given back instead of being kept by the journal for ever.
    conn.execute(f"PRAGMA journal_size_limit={schema.JOURNAL_SIZE_LIMIT}")
    # SQLite deletes the -wal file when the last connection closes, so after each start the
    # journal grows until its first checkpoint, and a commit that appends to the file (its
    # size changes, so the file system journals that too) costs about 1.4x one that
    # overwrites it (13 pages: 0.78 vs 0.55 ms here). At SQLite's 1000 pages the first ~75
    # answers of every start paid that (~110 at the 9 pages an answer writes since schema
    # version 10), i.e. most study sessions; at 400 only the first ~30 (now ~45) do, for a
    # checkpoint of fewer pages every ~30 (~45) answers (not in the median; the mean is
    # no worse: docs/performance.md). 4000 made record_answer's median worse.
    conn.execute(f"PRAGMA wal_autocheckpoint={schema.WAL_AUTOCHECKPOINT_PAGES}")
    return conn


def _connect_read_only(path: Path, options: str = "mode=ro") -> sqlite3.Connection:
    """A connection that only reads, for queries beside the writer (WAL: it sees every
    committed write and never blocks one). Its temp tables (item analysis) are its own.
    options: the URI's, `mode=ro` but for `quizapp results` (opening._reading_options):
    `mode=rw` kept to reading by PRAGMA query_only, or `mode=ro&immutable=1`."""
    conn = sqlite3.connect(
        f"file:{quote(str(path))}?{options}",
        uri=True,
        timeout=schema.BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
        cached_statements=512,
    )
    if options == "mode=rw":
        conn.execute("PRAGMA query_only=1")  # only reads, though it could write
    conn.execute(f"PRAGMA busy_timeout={schema.BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA cache_size=-16384")
    return conn


# How long a migration waits for the file to be free before saying another program has it:
# an older quizapp holds its file open (a SQLite shared lock) for as long as it runs, so
# waiting longer only delays the message.
MIGRATION_WAIT_MS = 1500

UPDATE_FORMAT = "Its data format must be updated"
REPAIR_OLDER_WRITES = "What an older quizapp wrote into it must be repaired"


def other_program_open_message(path: Path, why: str = UPDATE_FORMAT) -> str:
    """Why the file was left as it is: some other connection has it open. Which program
    cannot be known (every connection holds the same shared lock): it may be another
    quizapp window, of this version or an older one, or a `quizapp` command reading it."""
    return (
        f"Another program has the results file open ({path}): another quizapp window, of "
        "this version or an older one, or a quizapp command such as `quizapp results`. "
        f"Close it and start again. {why}, and that is only safe while no other program "
        "has the file open. Nothing was changed."
    )


def _ensure_schema(
    conn: sqlite3.Connection, path: Path | None = None, *, exclusive: bool = True
) -> None:
    # Up to date (the usual case): no write lock, so another window's writes never
    # delay opening, and the migrations module is not even imported.
    if conn.execute("PRAGMA user_version").fetchone()[0] >= schema.SCHEMA_VERSION:
        return
    from quizapp.core import migrations

    if not exclusive:
        migrations.migrate(conn)
        return
    try:
        with exclusive_use(conn, path):
            migrations.migrate(conn)
    except StoreError:
        # Another window of this version may have been migrating it: then it is done.
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] >= schema.SCHEMA_VERSION:
                return
        except sqlite3.Error:
            pass
        raise



class exclusive_use:  # noqa: N801 (used as a `with` statement, like a function)
    """Holds the file for this connection alone for the `with` block, or raises StoreError
    (other_program_open_message, saying `why`) when another connection, of any process,
    has it open.

    An older quizapp keeps its connection, and SQLite's shared lock on the file, for as long
    as it runs, and writes its own format's rows: a migration done under it was followed by
    sessions without uuid or outcome in the new format (an outside tester's report). In WAL
    mode every connection holds that shared lock while open, so PRAGMA locking_mode=EXCLUSIVE
    and BEGIN EXCLUSIVE succeed only when no other connection is open; the lock is kept
    through every step until the block ends, so no one opens the file half migrated (an
    older app that tries waits, then reads the new version and refuses it)."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, why: str = UPDATE_FORMAT
    ) -> None:
        self.conn = conn
        self.path = path
        self.why = why

    def __enter__(self) -> None:
        conn = self.conn
        conn.execute(f"PRAGMA busy_timeout={MIGRATION_WAIT_MS}")
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        try:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._release()
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(
                    other_program_open_message(self.path or Path("?"), self.why)
                ) from exc
            raise
        finally:
            conn.execute(f"PRAGMA busy_timeout={schema.BUSY_TIMEOUT_MS}")

    def __exit__(self, *exc: object) -> None:
        self._release()

    def _release(self) -> None:
        conn = self.conn
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.execute("PRAGMA locking_mode=NORMAL")
        # The exclusive lock is let go at the next access of the file.
        conn.execute("SELECT 1 FROM sqlite_schema LIMIT 1").fetchall()


class Database:
    """One connection to the store's file and the lock that serialises its use (so a Store
    may be used from several threads), with the listeners told of each committed write."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, marks_damage: bool = True) -> None:
        self.conn: sqlite3.Connection | None = conn
        # One cursor for the statements of write transactions (BEGIN, COMMIT and the
        # answer's writes), kept rather than made anew by each conn.execute: a cursor
        # costs about 1 us to make and register, three to five times an answer.
        self.write_cursor = conn.cursor()
        self.path = path
        # False for `quizapp results`, which only reads: it leaves no check marker beside
        # the file (the app's next start finds the damage itself).
        self.marks_damage = marks_damage
        self.lock = threading.RLock()
        self.listeners: list[Callable[[], None]] = []
        # True inside batch(): each write() is a savepoint of the batch's one transaction.
        self.in_batch = False

    def live(self) -> sqlite3.Connection:
        """The connection; StoreError once closed. Hold `lock` while using it."""
        if self.conn is None:
            raise StoreError("The store is closed.")
        return self.conn

    def close(self) -> None:
        with self.lock:
            if self.conn is not None:
                try:
                    # Bounded, as SQLite advises for optimize: an index it keeps no statistics
                    # for (sessions_recall holds no row until a review's recall is stored)
                    # made it ANALYZE the whole sessions table at every close, ~110 ms at
                    # 10,000,000 answers. 400 rows an index keep the plans' statistics.
                    self.conn.execute("PRAGMA analysis_limit=400")
                    self.conn.execute("PRAGMA optimize")
                except sqlite3.Error:
                    pass
                self.conn.close()
                self.conn = None

    def notify(self) -> None:
        for callback in list(self.listeners):
            try:
                callback()
            except Exception:
                _log().exception("store listener failed")

    def failure(self, exc: sqlite3.Error) -> StoreError:
        """A readable StoreError for a database failure (damage, busy, disk)."""
        text = str(exc)
        if _is_disk_full(exc):
            return DiskFullError(DISK_FULL_MESSAGE)
        if type(exc) is sqlite3.DatabaseError:  # SQLITE_CORRUPT, SQLITE_NOTADB
            if not self.marks_damage:  # `quizapp results`: it only reads
                return StoreError(damaged_when_read(self.path, f"is damaged ({text})"))
            try:
                _check_marker(self.path).touch()
            except OSError:
                pass
            return StoreError(
                f"The results file {self.path.name} is damaged ({text}). Restart quizapp: it "
                "will move the damaged file aside and start a new one."
            )
        if "locked" in text or "busy" in text:
            writer = long_writer(self.path)
            error = StoreError(
                f"The results file was kept busy for too long by {writer}, which writes"
                " all at once. Please try again once it has ended."
                if writer is not None
                else "Another quizapp window or program kept the results file busy for too"
                " long. Please try again."
            )
            error.can_retry = True
            return error
        return StoreError(f"Could not use the results file {self.path}: {text}.")

    def write(self, notify: bool = True, durable: bool = True) -> WriteTransaction:
        """One BEGIN IMMEDIATE transaction, committed when the `with` block ends; rolled
        back when it raises. The listeners are told after a commit, unless notify=False.

        durable=False commits without waiting for the disk (synchronous=NORMAL for this
        transaction only), for writes that the logs can always redo (the statistics
        catching up with the answers, with their mark in the same transaction): a power cut
        may lose such a commit whole, never half of it, and the next durable commit flushes
        it with its own (the WAL is one sequential file). Every other write is durable.
        """
        return WriteTransaction(self, notify, durable)

    def batch(self, writer: str = "another quizapp program") -> Batch:
        """One transaction around every write() of the `with` block (on this thread; the
        others wait for it): all of them are committed together when it ends, or none when
        it raises, or when the process dies inside it. Each write() in it is a savepoint
        that rolls back alone when it raises. For a long series of writes that must not be
        left half done (an imported deck's history). `writer` names the program for other
        processes' writes, which wait for the batch to end (_long_write_marker)."""
        return Batch(self, writer)

    def read(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self.lock:
            conn = self.live()
            try:
                return conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self.failure(exc) from exc

    def read1(self, sql: str, params: tuple = ()) -> tuple | None:
        with self.lock:
            conn = self.live()
            try:
                row: tuple | None = conn.execute(sql, params).fetchone()
                return row
            except sqlite3.Error as exc:
                raise self.failure(exc) from exc

    def value_if_free(self, sql: str) -> Any | None:
        """value(sql) when no other thread is using the connection now, else None at once
        (the GUI thread asks so: it must not wait behind an answer, a catch-up or a sync)."""
        if not self.lock.acquire(blocking=False):
            return None
        try:
            return self.value(sql)
        finally:
            self.lock.release()

    def read_if_free(self, sql: str, params: tuple = ()) -> list[tuple] | None:
        """read(sql) when no other thread is using the connection now, else None at once
        (as value_if_free, for the GUI thread)."""
        if not self.lock.acquire(blocking=False):
            return None
        try:
            return self.read(sql, params)
        finally:
            self.lock.release()

    def value(self, sql: str, params: tuple = ()) -> Any:
        """The first column of the one row a query always returns (an aggregate, a
        PRAGMA)."""
        row = self.read1(sql, params)
        if row is None:
            raise StoreError(f"Could not use the results file {self.path}: no result.")
        return row[0]


class WriteTransaction:
    """Database.write()'s transaction, as a plain class rather than a generator context
    manager: an answer's transaction is on the path every answer waits for, and
    contextlib's generator costs about 2 us of it (see docs/performance.md)."""

    __slots__ = ("_db", "_notify", "_durable", "_conn")
    _conn: sqlite3.Connection

    def __init__(self, db: Database, notify: bool, durable: bool) -> None:
        self._db = db
        self._notify = notify
        self._durable = durable

    def __enter__(self) -> sqlite3.Connection:
        db = self._db
        db.lock.acquire()
        if db.in_batch:  # (this thread's: the lock is held by the batch)
            self._conn = db.live()
            self._durable = True  # the batch's commit is the durable one
            try:
                db.write_cursor.execute("SAVEPOINT batched_write")
            except BaseException as exc:
                db.lock.release()  # this write's hold; the batch keeps its own
                if isinstance(exc, sqlite3.Error) and not isinstance(
                    exc, sqlite3.IntegrityError
                ):
                    raise db.failure(exc) from exc
                raise
            return self._conn
        try:
            conn = self._conn = db.live()
            if not self._durable:
                conn.execute("PRAGMA synchronous=NORMAL")
            try:
                _begin_immediate(db)
            except BaseException:
                self._restore_synchronous()
                raise
        except sqlite3.IntegrityError:
            db.lock.release()
            raise
        except sqlite3.Error as exc:
            db.lock.release()
            raise db.failure(exc) from exc
        except BaseException:
            db.lock.release()
            raise
        return conn

    def __exit__(self, exc_type, exc, tb) -> None:
        db = self._db
        if db.in_batch:
            try:
                if exc_type is not None:
                    db.write_cursor.execute("ROLLBACK TO batched_write")
                db.write_cursor.execute("RELEASE batched_write")
            finally:
                db.lock.release()
            if exc_type is not None and issubclass(exc_type, sqlite3.Error) and not issubclass(
                exc_type, sqlite3.IntegrityError
            ):
                raise db.failure(exc) from exc
            return
        try:
            if exc_type is None:
                try:
                    db.write_cursor.execute("COMMIT")
                except sqlite3.IntegrityError:
                    self._roll_back()
                    raise
                except sqlite3.Error as error:
                    self._roll_back()
                    raise db.failure(error) from error
            else:
                self._roll_back()
                if issubclass(exc_type, sqlite3.Error) and not issubclass(
                    exc_type, sqlite3.IntegrityError
                ):
                    raise db.failure(exc) from exc
        finally:
            try:
                self._restore_synchronous()
            finally:
                db.lock.release()
        if self._notify and exc_type is None:  # committed
            db.notify()

    def _roll_back(self) -> None:
        conn = self._conn
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _restore_synchronous(self) -> None:
        if not self._durable:
            self._conn.execute("PRAGMA synchronous=FULL")



class Batch:
    """Database.batch()'s transaction."""

    def __init__(self, db: Database, writer: str) -> None:
        self._db = db
        self._writer = writer
        self._marker_fd: int | None = None

    def __enter__(self) -> None:
        db = self._db
        db.lock.acquire()
        if db.in_batch:
            db.lock.release()
            raise RuntimeError("a batch of writes is under way already")
        try:
            _begin_immediate(db)
        except sqlite3.Error as exc:
            db.lock.release()
            raise db.failure(exc) from exc
        except BaseException:
            db.lock.release()
            raise
        db.in_batch = True
        self._hold_marker()

    def _hold_marker(self) -> None:
        """Say, to other processes' writes, that a long write holds the file (once the
        write lock is ours: the marker is never held while another program writes)."""
        from quizapp.core import leftovers

        try:
            fd = leftovers.hold(_long_write_marker(self._db.path))
        except OSError as exc:  # e.g. the disk is full: the others wait less, that is all
            _log().warning("could not mark the long write: %s", exc)
            return
        self._marker_fd = fd
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)
            os.write(fd, self._writer.encode("utf-8"))
        except OSError as exc:
            _log().warning("could not name the long write: %s", exc)

    def _release_marker(self) -> None:
        fd, self._marker_fd = self._marker_fd, None
        try:
            _long_write_marker(self._db.path).unlink(missing_ok=True)
        except OSError:
            pass
        if fd is not None:
            os.close(fd)

    def __exit__(self, exc_type, exc, tb) -> None:
        db = self._db
        db.in_batch = False
        try:
            conn = db.live()
            if exc_type is None:
                try:
                    db.write_cursor.execute("COMMIT")
                except sqlite3.Error as error:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise db.failure(error) from error
            elif conn.in_transaction:
                conn.execute("ROLLBACK")
        finally:
            self._release_marker()
            db.lock.release()
        if exc_type is None:
            db.notify()
