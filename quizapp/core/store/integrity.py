"""The store's integrity check: PRAGMA quick_check on a read-only connection of its own,
off the startup path (the app runs it on a thread after its window is up: every start up
to schema.FULL_CHECK_MAX_BYTES, weekly above). A failed check keeps the file in use and
leaves the `.check` marker, so that the next start checks it before using it
(opening.open_connection)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from quizapp.core.store import schema
from quizapp.core.store.connection import Database, _check_marker
from quizapp.core.store.errors import StoreError, StoreNotice
from quizapp.core.store.opening import _backup_hint
from quizapp.core.store.schema import LAST_CHECK_KEY
from quizapp.core.store.values import _log, _ts


def integrity_check_due(db: Database, now: datetime | None = None) -> bool:
    """Whether check_integrity() should run now: always for a file up to
    schema.FULL_CHECK_MAX_BYTES (it costs about 2 ms a MiB, off the GUI thread), or when damage
    was met; else when the last sound check is older than schema.FULL_CHECK_INTERVAL and
    no check began within schema.CHECK_RETRY_INTERVAL (one the app quit during)."""
    try:
        if _check_marker(db.path).exists():
            return True
        if not _is_big(db.path):  # (also when its size cannot be read)
            return True
        sound = _setting_time(db, LAST_CHECK_KEY)
        started = _setting_time(db, schema.LAST_CHECK_START_KEY)
    except (OSError, StoreError):
        return True
    now = now or datetime.now(UTC)
    if sound is not None and now - sound < schema.FULL_CHECK_INTERVAL:
        return False
    return started is None or now - started >= schema.CHECK_RETRY_INTERVAL


def _is_big(path: Path) -> bool:
    """Over schema.FULL_CHECK_MAX_BYTES: checked once a week, not at every start."""
    try:
        return path.stat().st_size > schema.FULL_CHECK_MAX_BYTES
    except OSError:
        return False


def _setting_time(db: Database, key: str) -> datetime | None:
    """The time stored in the settings under `key` (None: never, or unreadable)."""
    row = db.read1("SELECT value FROM settings WHERE key = ?", (key,))
    if row is None:
        return None
    try:
        return datetime.fromisoformat(row[0])
    except ValueError:
        return None


def check_integrity(db: Database) -> StoreNotice | None:
    """Run PRAGMA quick_check on the file, through a read-only connection of its own
    (safe on any thread: it takes neither this Store's lock nor a write lock, so the
    app keeps saving answers meanwhile). None when the file is sound; else what to tell
    the learner. A failed check keeps the file and the answers in it as they are,
    in use; it leaves the `.check` marker, so the next start checks the file before
    using it (and sets it aside, untouched, if it is still damaged)."""
    if not _check_marker(db.path).exists() and _is_big(db.path):
        try:  # a check the app quits during is tried again a day later, not at every start
            with db.write(notify=False, durable=False) as c:
                c.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)",
                          (schema.LAST_CHECK_START_KEY, _ts(datetime.now(UTC))))
        except StoreError as exc:
            _log().warning("could not note the start of the integrity check: %s", exc)
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(db.path))}?mode=ro", uri=True,
            timeout=schema.BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
        )
    except sqlite3.Error as exc:
        _log().warning("integrity check could not open %s: %s", db.path, exc)
        return None
    try:
        # SQLite's report: "ok", or a line per fault found (up to 100), which are for the
        # log and the dialog's details, not its text.
        result = "\n".join(row[0] for row in conn.execute("PRAGMA quick_check"))
        problem = None if result == "ok" else result
    except sqlite3.OperationalError as exc:  # busy, locked: nothing says it is bad
        _log().warning("integrity check of %s did not run: %s", db.path, exc)
        return None
    except sqlite3.DatabaseError as exc:  # SQLITE_CORRUPT, SQLITE_NOTADB
        problem = str(exc)
    finally:
        conn.close()
    if problem is None:
        try:
            with db.write(notify=False) as c:
                c.execute(
                    "INSERT OR REPLACE INTO settings VALUES (?, ?)",
                    (LAST_CHECK_KEY, _ts(datetime.now(UTC))),
                )
        except StoreError as exc:  # a full disk: the check is simply due again
            _log().warning("could not note the integrity check: %s", exc)
        return None
    try:
        _check_marker(db.path).touch()
    except OSError:
        pass
    faults = sum(1 for line in problem.splitlines() if line and not line.startswith("***"))
    notice = StoreNotice(
        title="Your results file may be damaged",
        text=(
            f"quizapp's check of your results file {db.path.name} found "
            f"{'a fault' if faults == 1 else f'{faults} faults'}. The file was kept as it is "
            "and quizapp goes on using it, but some answers in it may not read back.\n\n"
            "Quit quizapp when convenient: the next start checks the file again and, if it "
            "is still damaged, moves it aside untouched and starts a new one."
            + _backup_hint(db.path)
        ),
        details=f"PRAGMA quick_check of {db.path}:\n{problem}",
    )
    _log().warning("%s\n%s", notice.text, notice.details)
    return notice

