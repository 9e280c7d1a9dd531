"""Files and folders a killed quizapp leaves behind (a backup's copy in the backups
folder, an Anki import's or export's temporary folder), found by the process id in their
name and removed once that process is gone, never while it still writes them.

A process id alone can be reused by another program after a kill; where that matters (a
backup's copy, up to the store's size) the writer also holds an exclusive lock on the file
(`hold`), so a live id whose lock is free is a dead writer's too.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: the process id alone tells
    fcntl = None  # type: ignore[assignment]


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (on a system that cannot tell: assume so)."""
    if os.name != "posix":
        return True  # os.kill(pid, 0) would send CTRL_C_EVENT on Windows
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: another user's process, alive
        return True
    return True


def hold(path: Path) -> int | None:
    """Create `path` (empty) and hold an exclusive lock on it until the returned file
    descriptor is closed; None where locks are not available. The lock (flock) is apart
    from SQLite's own (fcntl) locks on the same file."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # as SQLite makes its files
    if fcntl is None:
        os.close(fd)
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        pass  # a file system without flock: the process id alone tells
    return fd


def held(path: Path) -> bool:
    """Whether some process holds `path`'s lock (`hold`). True where locks cannot be told
    (no flock: the file is then kept); False for a file that cannot be opened (gone)."""
    if fcntl is None:
        return True
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:  # no flock on this file system: the process id alone tells
        return True
    finally:
        os.close(fd)
    return False


# ---------------------------------------------------------------- temporary folders

def _pattern(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(prefix)}(\d+)-")


def remove_dead_folders(prefix: str, folder: str | os.PathLike | None = None) -> list[Path]:
    """Remove the folders `<prefix><pid>-…` in `folder` (the temporary folder) of this
    user whose process is gone; returns them."""
    return _remove_dead(prefix, folder, files=False)


def remove_dead_files(prefix: str, folder: str | os.PathLike) -> list[Path]:
    """Remove the files `<prefix><pid>-…` in `folder` of this user whose process is gone
    (a writer killed before its rename); returns them."""
    return _remove_dead(prefix, folder, files=True)


def _remove_dead(prefix: str, folder: str | os.PathLike | None, *, files: bool) -> list[Path]:
    where = Path(folder or tempfile.gettempdir())
    pattern = _pattern(prefix)
    removed = []
    try:
        entries = list(os.scandir(where))
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or int(match[1]) == os.getpid():
            continue
        try:
            is_kind = entry.is_file if files else entry.is_dir
            if not is_kind(follow_symlinks=False):
                continue
            if hasattr(os, "getuid") and entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
            if pid_alive(int(match[1])):
                continue
            if files:
                os.unlink(entry.path)
            else:
                shutil.rmtree(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def temporary_folder(prefix: str) -> Iterator[Path]:
    """A temporary folder of this run, `<prefix><pid>-XXXX`, removed with all in it when
    the `with` block ends; the folders of killed runs of the same prefix are removed first."""
    remove_dead_folders(prefix)
    with tempfile.TemporaryDirectory(prefix=f"{prefix}{os.getpid()}-") as folder:
        yield Path(folder)
