"""The SQL of backups: copying the store's file, reading what a copy holds, copying one back.

quizapp.core.backup decides when, where and under which names backups are made and which
are kept; the statements that touch a database file are here, with the rest of the
store's SQL. Each function opens and closes connections of its own (never the app's), so
it can run on any thread.
"""

from __future__ import annotations

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


def copy_database(db_path: Path, target: Path, *, pages: int = -1,
                  progress: Progress = None,
                  source: Callable[[Path], sqlite3.Connection] | None = None) -> str:
    """Copy the live store at db_path into the new file target with SQLite's online backup
    API (a consistent snapshot while the app writes), as one file (no -wal beside it).
    Returns the copy's PRAGMA integrity_check ("ok" when sound). Raises sqlite3.Error.
    source(db_path): the connection to read it through (`quizapp backup` passes
    opening.read_for_copy, for read-only media); by default a normal connection, not
    mode=ro: a read-only one cannot always open a WAL database whose -shm file is missing.
    It only reads."""
    source_conn = source(db_path) if source else sqlite3.connect(db_path, timeout=5)
    try:
        copy = sqlite3.connect(target)
        try:
            source_conn.backup(copy, pages=pages, progress=progress)
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
            return str(copy.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            copy.close()
    finally:
        source_conn.close()


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
