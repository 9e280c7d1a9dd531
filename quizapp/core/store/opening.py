"""Opening the store's file safely, and checking it: recovery and the integrity check.

A database written by a newer quizapp is refused and kept as it is; one that is damaged or
not ours at all is moved aside untouched and a fresh one started; a journal left by another database goes aside alone
(see the package docstring). The integrity check, run later off the startup path, is in
integrity.py.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from quizapp.core.store import schema
from quizapp.core.store.connection import (
    REPAIR_OLDER_WRITES,
    _check_marker,
    _connect,
    _connect_read_only,
    _ensure_schema,
    exclusive_use,
)
from quizapp.core.store.errors import (
    DISK_FULL_MESSAGE,
    NEWER_PROBLEM,
    StoreError,
    StoreNotice,
    _is_disk_full,
    damaged_when_read,
    journal_of_another_database,
    newer_version_message,
)
from quizapp.core.store.local_days import follow_zone, note_zone
from quizapp.core.store.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    STORE_ID_KEY,
    TABLES,
)
from quizapp.core.store.values import _log


def _unusable(path: Path, exc: Exception) -> str:
    if _is_disk_full(exc) or _no_space_left(path):
        # A full disk also fails SQLite's open of the WAL's shared memory: "disk I/O error".
        return f"The results file {path} cannot be opened: t{DISK_FULL_MESSAGE[1:]}"
    if _read_only(path):
        return read_only_folder_message(path.parent, has_results=path.exists())
    return (
        f"The results file {path} cannot be opened right now ({exc}). Nothing was changed; "
        "close other quizapp windows or check the folder's permissions, then try again."
    )


def read_only_folder_message(folder: Path, *, has_results: bool) -> str:
    return (
        f"The data folder {folder} is read-only, and quizapp must be able to "
        "write in it to keep your answers. Nothing was changed. Make the folder "
        "writable (check its permissions, or whether its disk is mounted read-only), "
        "or start quizapp with --data-dir and a folder you can write in."
        + (" `quizapp results` can still export the answers in it." if has_results else "")
    )


def _no_space_left(path: Path) -> bool:
    """Whether the store's disk has no room left (less than SQLite's shared-memory file)."""
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False


def _read_only(path: Path) -> bool:
    """Whether this process may not write in the store's folder, or its file (read-only
    media, or permissions): SQLite's own errors then say only "unable to open"."""
    try:
        return not os.access(path.parent, os.W_OK) or (
            path.exists() and not os.access(path, os.W_OK)
        )
    except OSError:
        return False


# What _diagnose says of a results file that is not there while its journal is.
JOURNAL_WITHOUT_ITS_FILE = "was not in its folder, but its journal was"
_WAL_HEADER_BYTES = 32


def _journal_with_pages(path: Path) -> bool:
    """Whether a -wal holding pages lies beside path. SQLite deletes a -wal it finds beside
    a missing or empty database (its pages cannot be read without the file), and with it
    the newest answers of a store killed before they reached the file."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > _WAL_HEADER_BYTES
    except OSError:
        return False


def _side_files(path: Path) -> list[Path]:
    """The -wal and -shm files next to the database that exist."""
    return [p for p in (path.with_name(path.name + s) for s in ("-wal", "-shm")) if p.exists()]


def _diagnose(
    path: Path, full_check: bool = True, without_wal: bool = False, options: str | None = None
) -> str | None:
    """Why this file cannot be used as our database, or None if it can.

    full_check runs PRAGMA quick_check, which reads every page (about 1.5 ms a
    megabyte); Store.open_file skips it for big files unless damage was seen.
    without_wal judges the main file alone: SQLite's immutable=1 reads neither the
    -wal nor the -shm file, so a journal left by another database cannot hide a
    sound file. options, when given, are the URI options to read it with (see
    _reading_options); a mode=rw connection is kept to reading by PRAGMA query_only.
    """
    try:
        if not path.exists():
            # (SQLite would delete the journal, and the answers in it, as it made the file)
            return JOURNAL_WITHOUT_ITS_FILE if _journal_with_pages(path) else None
        with open(path, "rb") as f:
            header = f.read(16)
    except OSError as exc:
        return f"could not be read ({exc.strerror or exc})"
    if not header and (without_wal or not _side_files(path) or _journal_with_pages(path)):
        # Nothing in it and no journal that could hold its pages: whatever was there is
        # gone (a failed copy, a full disk, a sync tool). Say so instead of starting over
        # as if this were a first start.
        return "was empty (0 bytes), so no earlier answers could be read from it"
    if header and header != b"SQLite format 3\x00":
        return "is not a quizapp database (it is not a SQLite file)"
    if options is None:
        options = "immutable=1" if without_wal else "mode=ro"
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(path))}?{options}", uri=True, timeout=schema.BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise StoreError(_unusable(path, exc)) from exc
    try:
        conn.execute("PRAGMA query_only=1")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
        if not tables and app_id == 0 and version == 0:
            return None
        if app_id != APPLICATION_ID:
            return "was made by another program, not quizapp"
        if version > SCHEMA_VERSION:
            return f"{NEWER_PROBLEM} (data format {version}; this version reads up to {SCHEMA_VERSION})"

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



def _newer_version(path: Path) -> int | None:
    """The schema of the file at path, when it is newer than ours (else None)."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return version if version > SCHEMA_VERSION else None


def _store_id(path: Path, without_wal: bool) -> str | None:
    """The store's id as the file alone or the file read with its journal has it."""
    options = "mode=ro&immutable=1" if without_wal else "mode=ro"
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(path))}?{options}", uri=True, timeout=schema.BUSY_TIMEOUT_MS / 1000
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


def _any_set_aside(path: Path) -> bool:
    """Whether a file set aside (`.bad`) lies beside the store: the folder's listing is
    all a usual start pays for quizapp.core.set_aside."""
    try:
        return any(name.endswith(".bad") for name in os.listdir(path.parent))
    except OSError:
        return False


# The sessions an older quizapp wrote (every session has a uuid since schema version 9):
# one seek in the unique index on sessions.uuid, where NULLs sort first.
_WITHOUT_UUID = "SELECT 1 FROM sessions WHERE uuid IS NULL LIMIT 1"


def _repair_older_writes(conn: sqlite3.Connection, path: Path) -> None:
    """Repair what an older quizapp wrote into this current-format file
    (quizapp.core.store.repair), while no other connection has it open; a usual open
    pays the one seek."""
    if conn.execute(_WITHOUT_UUID).fetchone() is None:
        return
    from quizapp.core.store import repair

    with exclusive_use(conn, path, REPAIR_OLDER_WRITES):
        if repair.needs_repair(conn):  # (another window may have repaired it meanwhile)
            repair.repair_older_writes(conn)


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
    """Move the file and its journals aside; returns the file's new name, or its -wal's
    when only the journal was there (JOURNAL_WITHOUT_ITS_FILE)."""
    target = _aside_name(path, "bad")
    moved = target
    try:
        os.replace(path, target)
    except FileNotFoundError:
        moved = target.with_name(target.name + "-wal")
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        try:
            size = side.stat().st_size
        except FileNotFoundError:
            continue
        if suffix == "-shm" or size == 0:
            # SQLite's index of the -wal (rebuilt from it when read), or an empty journal
            # (as reading the file to judge it leaves): nothing of the learner's in it.
            side.unlink()
        else:  # a journal with pages may hold answers: kept beside the file it belongs to
            os.replace(side, target.with_name(target.name + suffix))
    _check_marker(path).unlink(missing_ok=True)
    return moved


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
    return " There is no backup yet to bring the answers back from."


def _set_aside_notice(path: Path, moved: Path, problem: str) -> StoreNotice:
    """What the learner is told when their results file was set aside at open."""
    if problem == JOURNAL_WITHOUT_ITS_FILE:
        return StoreNotice(
            title="Your results file was missing",
            text=(
                f"Your results file {path.name} was not in {path.parent}, but its journal "
                f"({path.name}-wal), which may hold your newest answers, was. The journal "
                f"was moved aside, untouched, and kept as {moved.name} in {path.parent}. "
                "quizapp started a new, empty results file: your earlier learners and "
                "answers are not in the app now.\n\nIf you moved the results file "
                f"elsewhere, put this journal beside it under the name {path.name}-wal: "
                "they are read together." + _backup_hint(path)
            ),
            details=f"Journal set aside: {moved}\nNew results file: {path}",
        )
    damaged = problem.startswith(("is damaged", "was empty"))
    # SQLite's words ("database disk image is malformed") are for the details.
    said = "is damaged" if problem.startswith("is damaged") else problem
    return StoreNotice(
        title="Your results file was damaged" if damaged else "Your results file could not be used",
        text=(
            f"Your results file {path.name} {said}. It was moved aside, untouched, and "
            f"kept as {moved.name} in {path.parent}. quizapp started a new, empty results "
            "file: your earlier learners and answers are not in the app now.\n\n"
            + _backup_hint(path).strip()
        ),
        details=f"The file {problem}.\nSet aside: {moved}\nNew results file: {path}",
    )


def open_connection(
    path: Path, *, defer_check: bool = False, defer_days: bool = False
) -> tuple[sqlite3.Connection, StoreNotice | None]:
    """(a connection to the store at path, ready to use, what to tell the learner about
    a file set aside or None); see Store.open_file. defer_days: days counted in another
    time zone are left for local_days.recount_days, not counted again here."""
    path = Path(path)
    notice = None
    marker = _check_marker(path)
    try:
        full = marker.exists() or (
            not defer_check and path.stat().st_size <= schema.FULL_CHECK_MAX_BYTES
        )
    except OSError:
        full = True
    held = None
    if _journal_with_pages(path):  # after a kill, or beside another window
        from quizapp.core.store import torn_journal

        held = torn_journal.scan(path)  # (before anything reads the -wal)
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
        notice = StoreNotice(
            title="Stray journal files were set aside",
            text=(
                f"The journal files next to the results file {path.name} belonged to another "
                f"database. They were moved aside, untouched, to "
                f"{' and '.join(p.name for p in journal)}. The results file itself is sound "
                "and was kept: your answers are all there."
            ),
        )
        _log().warning(
            "%s (read with that journal, the file %s)", notice.text, problem or "is another store"
        )
        problem = None
    if problem is not None and problem.startswith(NEWER_PROBLEM):
        # Not damaged: a newer quizapp's, whose learners and answers this version cannot
        # read. Refused, and kept where that version will find it.
        raise StoreError(newer_version_message(path, _newer_version(path) or SCHEMA_VERSION + 1))
    if problem is None:
        conn = None
        try:
            if held is not None:  # before a connection that writes: a checkpoint would
                from quizapp.core.store import torn_journal  # overwrite the -wal

                torn = torn_journal.notice_if_dropped(path, held, lambda: _aside_name(path, "torn"))
                notice = notice or torn
            conn = _connect(path)
            _ensure_schema(conn, path)
            _repair_older_writes(conn, path)
            _ensure_store_id(conn)
            if defer_days:
                note_zone(conn)  # days counted in another zone: recount_days, later
            else:
                follow_zone(conn, path)  # days counted under another zone: count them again
            if full:
                marker.unlink(missing_ok=True)
            if notice is None and _any_set_aside(path):
                from quizapp.core import set_aside

                notice = set_aside.notice(path)
            return conn, notice
        except StoreError:
            if conn is not None:
                conn.close()
            raise
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
    notice = _set_aside_notice(path, moved, problem)
    _log().warning(notice.text)
    try:
        conn = _connect(path)
        _ensure_schema(conn)
        _ensure_store_id(conn)
    except sqlite3.Error as exc:
        raise StoreError(_unusable(path, exc)) from exc
    return conn, notice


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads the store at path, for `quizapp results`: it never
    moves, creates, recovers or migrates the file, whatever it finds, and leaves no check
    marker beside it (the app's next start finds damage itself).

    StoreError (a readable message) when the file is missing, empty, not ours, written by a
    newer quizapp, or damaged where this open looks (the queries report damage they meet
    later). A file of an older data format is copied into memory and brought up to date
    there: the file on disk keeps its format until the app opens it. How the file is read,
    and which SQLite side files may appear, see _reading_options. On read-only media (a
    folder nobody may write to), where SQLite cannot make the WAL's shared-memory file, the
    file is read as immutable when no -wal file is beside it (then the file alone holds
    every answer), and through a copy of the file and its -wal in a temporary folder when
    there is one (see _read_through_copy)."""
    path = Path(path)
    options = _reading_options(path)
    try:
        problem = _diagnose_read_only(path, options)
    except StoreError:
        if not _wal(path).exists():
            raise
        conn = _read_through_copy(path)  # read-only media, and a -wal left by a crash
    else:
        if _foreign_journal(path, problem):
            raise StoreError(journal_of_another_database(path))
        if problem is not None:
            raise StoreError(_problem_message(path, problem))
        try:
            conn = _connect_read_only_or_immutable(path, options)
        except sqlite3.Error as exc:
            raise StoreError(_unreadable(path, exc)) from exc
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(_unreadable(path, exc)) from exc
    try:
        older_writes = version >= SCHEMA_VERSION and conn.execute(_WITHOUT_UUID).fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(_unreadable(path, exc)) from exc
    if version >= SCHEMA_VERSION and not older_writes:
        return conn
    # An older format, or sessions an older quizapp wrote into this one: brought up to
    # date (repaired) in a copy in memory (as large as the file), never in place.
    from quizapp.core import migrations
    from quizapp.core.store import repair

    try:
        copy = _memory_connection()
        conn.backup(copy)
        migrations.migrate(copy)
        if repair.needs_repair(copy):
            repair.repair_older_writes(copy)
    except sqlite3.Error as exc:
        raise StoreError(_unreadable(path, exc)) from exc
    finally:
        conn.close()
    return copy


def read_for_copy(db_path: Path) -> sqlite3.Connection:
    """A connection that reads the store at db_path for `quizapp backup`'s copy of it
    (snapshots.copy_database): a normal one; on read-only media (a folder nobody may write
    in: a copied data folder, a stick mounted read-only), where SQLite can make no -shm at
    all, the file read as immutable when no -wal is beside it (the file alone then holds
    every answer), else through a copy of both in a temporary folder, as `quizapp results`
    reads it (_read_through_copy; StoreError if that fails)."""
    source = sqlite3.connect(db_path, timeout=5)
    try:
        source.execute("SELECT 1 FROM sqlite_schema LIMIT 1").fetchall()
        return source
    except sqlite3.OperationalError:
        source.close()
        if os.access(db_path.parent, os.W_OK):
            raise
    if not _wal(db_path).exists():
        return _connect_read_only(db_path, "mode=ro&immutable=1")
    return _read_through_copy(db_path)


def foreign_journal_beside(db_path: Path) -> bool:
    """Whether the -wal beside the store at db_path is another database's (copied there,
    a sync tool), as `quizapp results` tells it: read through it, the file would be a
    mixture of the two. Only a non-empty -wal is looked at (a clean close leaves none); on
    read-only media read_for_copy's copy is checked instead."""
    try:
        if _wal(db_path).stat().st_size == 0:
            return False
    except OSError:
        return False
    if not os.access(db_path.parent, os.W_OK):
        return False
    try:
        return _foreign_journal(db_path, _diagnose(db_path, full_check=False))
    except StoreError:  # (cannot be read at all: the copy says why)
        return False


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _foreign_journal(path: Path, problem: str | None) -> bool:
    """Whether the -wal beside a file the export reads is another database's, while the
    file alone reads fine: the case open_connection moves the journal aside for."""
    return (
        _wal(path).exists()
        and (problem is not None or _journal_of_another_store(path))
        and _diagnose(path, full_check=False, without_wal=True) is None
    )


def _problem_message(path: Path, problem: str) -> str:
    if problem.startswith(NEWER_PROBLEM):
        return newer_version_message(path, _newer_version(path) or SCHEMA_VERSION + 1)
    if problem.startswith("is damaged"):
        return damaged_when_read(path, problem)
    return f"The results file {path} {problem}. It was only read, and left as it is."


def _reading_options(path: Path) -> str:
    """The URI options `quizapp results` reads the file with.

    SQLite reads a WAL database through its -wal and -shm files, and makes them when they
    are missing; only a connection that may write removes them again, when it closes last
    (a mode=ro one leaves them behind). So with no journal beside the file (quizapp was
    closed, or never opened it) in a folder this process may write in, the file is opened
    mode=rw and kept to reading by PRAGMA query_only: the -wal and -shm it makes are gone
    when it closes, and the close writes nothing into the file (its WAL holds no page).
    With a -wal beside it (a window is open, or the app stopped without closing) it is
    read mode=ro, so no checkpoint of ours writes that journal's pages into the file: the
    -wal stays, and a -shm missing after a crash is made and stays (read-only media: see
    _read_through_copy). A file read-only to this user in a folder it may write in is read
    mode=ro too (a mode=rw open of it would be read-only all the same), and the -wal and
    -shm SQLite makes stay: README says so. Not immutable=1 there: the file's owner may
    start the app and write it while the export reads."""
    journals = (path.with_name(path.name + s).exists() for s in ("-wal", "-shm", "-journal"))
    if any(journals) or _read_only(path):
        return "mode=ro"
    return "mode=rw"


def _memory_connection() -> sqlite3.Connection:
    return sqlite3.connect(
        ":memory:", isolation_level=None, check_same_thread=False, cached_statements=512
    )


def _read_through_copy(path: Path) -> sqlite3.Connection:
    """The store at path with the answers in its -wal, on read-only media where SQLite can
    make no -shm to read that journal (the app stopped without closing, then the folder was
    copied): the file and its -wal are copied into a temporary folder, read there (SQLite
    recovers the journal into the copy, never into the original) and copied into memory (as
    large as the file), and the temporary folder is removed. Not immutable=1: that reads the
    file alone, and would leave out every answer still in the journal."""
    import shutil
    import tempfile

    try:
        with tempfile.TemporaryDirectory(prefix="quizapp-results-") as folder:
            copy = Path(folder) / path.name
            shutil.copyfile(path, copy)
            shutil.copyfile(_wal(path), _wal(copy))
            problem = _diagnose(copy, full_check=False)
            if _foreign_journal(copy, problem):
                raise StoreError(journal_of_another_database(path))
            if problem is not None:
                raise StoreError(_problem_message(path, problem))
            source = sqlite3.connect(copy, isolation_level=None)
            try:
                memory = _memory_connection()
                source.backup(memory)
            finally:
                source.close()
    except OSError as exc:
        raise StoreError(
            f"The results file {path} is on read-only media with a journal (-wal) beside it, "
            f"and could not be copied to a temporary folder to read that journal: "
            f"{exc.strerror or exc}. Nothing was changed."
        ) from exc
    except sqlite3.Error as exc:
        raise StoreError(_unreadable(path, exc)) from exc
    return memory


def _diagnose_read_only(path: Path, options: str) -> str | None:
    if not path.exists():
        return "does not exist"
    try:
        problem = _diagnose(path, full_check=False, options=options)
    except StoreError:
        # mode=ro could not open it (read-only media): judge the file alone, as
        # _connect_read_only_or_immutable will read it.
        if _side_files(path):
            raise
        problem = _diagnose(path, full_check=False, without_wal=True)
    return problem


def _connect_read_only_or_immutable(path: Path, options: str) -> sqlite3.Connection:
    conn = None
    try:
        conn = _connect_read_only(path, options)
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.OperationalError:
        if conn is not None:
            conn.close()
        if _wal(path).exists():
            raise
    return _connect_read_only(path, "mode=ro&immutable=1")


def _unreadable(path: Path, exc: sqlite3.Error) -> str:
    if type(exc) is sqlite3.DatabaseError:  # SQLITE_CORRUPT, SQLITE_NOTADB
        return damaged_when_read(path, f"is damaged ({exc})")
    return f"The results file {path} cannot be read ({exc}). Nothing was changed."
