"""Save a file so that it is either the old bytes or the new ones, never half (banks the
editor saves, drafts, and the files exports and imports write).

Write a temporary file in the same folder, flush and fsync it, give it the
old file's permission bits, then rename it over the old name (atomic on
POSIX and on Windows via os.replace) and fsync the folder so the rename
itself survives a power cut.

A symbolic link is written through: the new bytes replace the file it points to (a bank
in "my banks" linked to a shared folder gets the edit there, and the link stays a link).
A hard link cannot be kept: the rename gives the saved name a new file, and the other
names of the old one keep the old bytes (README.md says so).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from typing import IO

from quizapp.core.leftovers import remove_dead_files

TEMP_PREFIX = ".quizapp-save-"


def _this_computers_prefix() -> str:
    """TEMP_PREFIX and a tag of this computer's name: `.quizapp-save-h<tag>-<pid>-…`. A
    folder may be shared between computers (banks on a network drive), and a process id
    says nothing of another computer's processes: only this computer's leftovers are
    removed, never a save another computer is making."""
    import zlib

    name = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    return f"{TEMP_PREFIX}h{zlib.crc32(name.encode('utf-8', 'replace')):08x}-"


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    with atomic_open(path) as out:
        out.write(data)


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike, mode: str = "wb", *, encoding: str | None = None,
    newline: str | None = None, durable: bool = True,
) -> Iterator[IO]:
    """A file to write `path` through, streamed (an export of any size): the temporary
    file is renamed over `path` only when the `with` block ends without an error; a
    failure (or a kill) leaves the old file as it was. durable=False skips the fsyncs, for
    a file that can be made again at will (an export of the store): a kill still leaves
    the old file or the new one, whole; only a power cut may leave neither."""
    # realpath follows every link on the way, a dangling one too (its target is created).
    target = os.path.realpath(os.fspath(path))
    folder = os.path.dirname(os.path.abspath(target))
    try:
        old_mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        old_mode = None
    # The process id in the name: what a killed writer left can be told (leftovers), and
    # is removed here, by the next save in the same folder, once its process is gone.
    prefix = _this_computers_prefix()
    remove_dead_files(prefix, folder)
    fd, temp = tempfile.mkstemp(prefix=f"{prefix}{os.getpid()}-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as out:
            yield out
            out.flush()
            if durable:
                os.fsync(out.fileno())
        if old_mode is None:
            umask = os.umask(0)
            os.umask(umask)
            old_mode = 0o666 & ~umask
        os.chmod(temp, old_mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        _fsync_folder(folder)


def _fsync_folder(folder: str) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
