"""The SQL of backups: copying the store's file, reading what a copy holds, copying one back.

quizapp.core.backup decides when, where and under which names backups are made and which
are kept; the statements that touch a database file are here, with the rest of the
store's SQL. Each function opens and closes connections of its own (never the app's), so
it can run on any thread.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from quizapp.core.store.schema import APPLICATION_ID, SCHEMA_VERSION, STORE_ID_KEY

# Called after each step of a copy (SQLite's backup progress callback).
Progress = Callable[[int, int, int], object] | None
SQLITE_HEADER = b"SQLite format 3\x00"


class NotAStore(Exception):
    """A file that is not a quizapp store this version can read (the reason, in words)."""


def _read_only(path: Path, immutable: bool = False) -> sqlite3.Connection:
    # mode=ro always: a missing file is an error, never a new empty database
    option = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"file:{quote(str(path))}?{option}", uri=True, timeout=5)


def _source(db_path: Path) -> sqlite3.Connection:
    """A connection that reads the live store at db_path for a copy of it.

    A normal connection, not mode=ro: a read-only one cannot always open a WAL database
    whose -shm file is missing. It only reads. On read-only media (a folder nobody may
    write in: a copied data folder, a stick mounted read-only), where SQLite can make no
    -shm at all, the file is read as immutable when no -wal is beside it (the file alone
    then holds every answer), else through a copy of both in a temporary folder, as
    `quizapp results` reads it (opening._read_through_copy; StoreError if that fails)."""
    source = sqlite3.connect(db_path, timeout=5)
    try:
        source.execute("SELECT 1 FROM sqlite_schema LIMIT 1").fetchall()
        return source
    except sqlite3.OperationalError:
        source.close()
        if os.access(db_path.parent, os.W_OK):
            raise
    if not db_path.with_name(db_path.name + "-wal").exists():
        return _read_only(db_path, immutable=True)
    from quizapp.core.store.opening import _read_through_copy

    return _read_through_copy(db_path)


def copy_database(db_path: Path, target: Path, *, pages: int = -1,
                  progress: Progress = None) -> str:
    """Copy the live store at db_path into the new file target with SQLite's online backup
    API (a consistent snapshot while the app writes), as one file (no -wal beside it).
    Returns the copy's PRAGMA integrity_check ("ok" when sound). Raises sqlite3.Error."""
    source = _source(db_path)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy, pages=pages, progress=progress)
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
            return str(copy.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            copy.close()
    finally:
        source.close()


def backup_counts(path: Path) -> tuple[int, int]:
    """(answers, learners) in the backup file at path. Raises NotAStore when it is not a
    quizapp store or was made by a newer quizapp; OSError or sqlite3.Error when it cannot
    be read."""
    with open(path, "rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotAStore("it is not a quizapp database")
    conn = _read_only(path, immutable=True)  # a backup is one file that nobody writes
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise NotAStore("it is not a quizapp database")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NotAStore(f"it was made by a newer quizapp (data format {version})")
        answers = conn.execute("SELECT count(*) FROM answers").fetchone()[0]
        learners = conn.execute("SELECT count(*) FROM learners").fetchone()[0]
    finally:
        conn.close()
    return answers, learners


def journal_of_another_store(db_path: Path) -> bool:
    """Whether the -wal beside the store at db_path is another database's (copied there,
    a sync tool), as `quizapp results` tells it: read through it, the file would be a
    mixture of the two. Only a non-empty -wal is looked at (a clean close leaves none)."""
    from quizapp.core.store.opening import _diagnose, _foreign_journal

    try:
        if db_path.with_name(db_path.name + "-wal").stat().st_size == 0:
            return False
    except OSError:
        return False
    if not os.access(db_path.parent, os.W_OK):
        return False  # read-only media: _source reads a copy, and checks the copy's journal
    from quizapp.core.store.errors import StoreError

    try:
        return _foreign_journal(db_path, _diagnose(db_path, full_check=False))
    except StoreError:  # (cannot be read at all: the copy says why)
        return False


def mark_for_check(db_path: Path) -> None:
    """Have the next open of the store at db_path check it whole before using it (the
    `.check` marker a query meeting damage leaves), as a backup's copy of it was damaged."""
    from quizapp.core.store.connection import _check_marker

    try:
        _check_marker(db_path).touch()
    except OSError:  # (read-only media: nothing will be written there anyway)
        pass


def quick_check_ok(path: Path) -> bool:
    """Whether PRAGMA quick_check finds the file alone sound (about 2 ms a MiB). Raises
    sqlite3.Error when it cannot be read."""
    conn = _read_only(path, immutable=True)
    try:
        return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    finally:
        conn.close()


def last_answer_id(path: Path) -> int:
    """The id of the last answer in the backup file at path (0 when it has none). Raises
    sqlite3.Error when it cannot be read."""
    conn = _read_only(path, immutable=True)  # a backup is one file that nobody writes
    try:
        return int(conn.execute("SELECT coalesce(max(id), 0) FROM answers").fetchone()[0])
    finally:
        conn.close()


def copy_into_live(backup: Path, db_path: Path, *, pages: int = -1,
                   progress: Progress = None) -> str:
    """Make the store at db_path hold what the backup file holds, through SQLite's backup
    API into the live database (one write transaction: a crash leaves it as it was; other
    open connections see the result at once). The store's id is kept: it names the store
    in this folder, not its contents, and the next start would otherwise take the journal
    for another store's. Returns PRAGMA integrity_check. Raises sqlite3.Error."""
    source = _read_only(backup, immutable=True)
    try:
        live = sqlite3.connect(db_path, timeout=5, isolation_level=None)
        try:
            live.execute("PRAGMA journal_mode=WAL")
            identity = _store_id(live)
            source.backup(live, pages=pages, progress=progress)
            if identity is not None:
                live.execute(
                    "INSERT INTO settings(key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (STORE_ID_KEY, identity),
                )
            return str(live.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            live.close()
    finally:
        source.close()


def _store_id(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (STORE_ID_KEY,)).fetchone()
    except sqlite3.Error:  # an empty or foreign file: nothing to keep
        return None
    return row[0] if row else None
