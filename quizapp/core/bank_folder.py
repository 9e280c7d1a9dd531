"""The one rule for "a file inside the bank's folder".

A bank is data written by anyone: a picture, a source text or a pulled file it names may
only ever be read from (or written to) its own folder. Every place that turns a name from
a bank into a path asks `inside_bank_folder` (or, for many names of one bank, a
`BankFolder`, which resolves the folder once), so the rule is written, and tested, once.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

_CANT_RESOLVE = 1921  # Windows' ERROR_CANT_RESOLVE_FILENAME: its word for a link loop
# What a colon makes of a name: a URL scheme (http:, file:, data:, qrc:, in any case) or a
# Windows drive (C:). Elsewhere a colon is a plain character on Linux and macOS ("map
# 10:30.png"), and on Windows, where it names a file's stream, every colon is refused.
_SCHEME_OR_DRIVE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_ANY_COLON = os.name == "nt"


class BankFolder:
    """A bank's folder, resolved once (links followed), to look many names up in."""

    __slots__ = ("_prefix",)

    def __init__(self, folder: str | os.PathLike[str]):
        root = os.path.normcase(os.path.realpath(folder))
        self._prefix = root if root.endswith(os.sep) else root + os.sep

    @property
    def root(self) -> str:
        """The folder's own path, resolved (and case-folded where names ignore case)."""
        return self._prefix

    def file(self, name: str, *, must_exist: bool = True) -> Path | None:
        """The file `name` names inside this folder (resolved, links followed), or None.

        None when `name` is empty, holds a NUL, starts as a URL scheme (http:, file:,
        data:, qrc:, in any case) or a Windows drive (C:), has any colon on Windows (a
        file's stream there; elsewhere "map 10:30.png" is a plain name), is
        absolute (/x, \\x, \\\\server\\share), or resolves (through `..` or a link)
        outside the folder, or to the folder itself; and, with must_exist, when it is not
        an existing regular file (a name too long for the disk is a file that does not
        exist). A link loop is None too; nothing here raises.
        """
        if not name or "\0" in name or name.startswith(("/", "\\")):
            return None
        if ":" in name and (_ANY_COLON or _SCHEME_OR_DRIVE.match(name)):
            return None
        try:
            target = os.path.realpath(os.path.join(self._prefix, name))
            if not os.path.normcase(target).startswith(self._prefix):
                return None
            try:
                regular = stat.S_ISREG(os.stat(target).st_mode)
            except OSError as exc:  # realpath leaves a link loop as it is: stat says so
                if exc.errno == errno.ELOOP or getattr(exc, "winerror", 0) == _CANT_RESOLVE:
                    return None
                regular = False  # missing, or a name too long for the disk: not a file
        except (OSError, ValueError):  # a name the system refuses outright
            return None
        if must_exist and not regular:
            return None
        return Path(target)

    def is_itself(self, name: str) -> bool:
        """Whether `name` resolves (".", "./", "sub/..", a link) to this folder itself,
        which `file` refuses as it refuses a name outside the folder."""
        if not name or "\0" in name or name.startswith(("/", "\\")):
            return False
        if ":" in name and (_ANY_COLON or _SCHEME_OR_DRIVE.match(name)):
            return False
        try:
            target = os.path.normcase(os.path.realpath(os.path.join(self._prefix, name)))
        except (OSError, ValueError):
            return False
        return self._prefix in (target, target + os.sep)


# Opened without following a link as the last name (where the system can), and without
# waiting: a FIFO put where a picture was would block the open until someone wrote to it.
_OPEN_AS_IS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_BINARY", 0))


def read_checked(path: str | os.PathLike[str], most: int, *,
                 start_only: bool = False) -> bytes | None:
    """The bytes of `path`, a file `BankFolder.file` found (resolved, no link left in it),
    read through a handle checked to be that very file; None when it no longer is.

    Between the check and the read the file, or a folder on its way, may have been
    swapped for a link out of the bank's folder (a synced folder, another program):
    the last name is opened without following a link, and once open, the path must
    still resolve to itself and name the file the handle holds. None too when it is not
    a regular file (a FIFO put there is not waited on), holds more than `most` bytes
    (with start_only, its first `most` bytes are read instead) or cannot be read;
    nothing here raises.
    """
    try:
        fd = os.open(path, _OPEN_AS_IS)
    except (OSError, ValueError):
        return None
    with os.fdopen(fd, "rb") as f:
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode) or (opened.st_size > most and not start_only):
                return None
            if (os.path.realpath(path) != os.fspath(path)
                    or not os.path.samestat(opened, os.stat(path))):
                return None
            data = f.read(most if start_only else most + 1)
        except OSError:
            return None
    return data if len(data) <= most else None


def outside_words(name: str, folder: BankFolder | None = None) -> str:
    """Why `name` is no file of the bank's folder, for a message after "the image 'x' ":
    a colon that reads as an address (note:1.png) is named as such, and, given the
    `folder`, a name of the folder itself (".") is not said to point outside it."""
    if ":" in name and (_ANY_COLON or _SCHEME_OR_DRIVE.match(name)):
        return ("reads as a web address or a drive because of its ':' (rename the file "
                "without ':')")
    if folder is not None and folder.is_itself(name):
        return "is the bank's folder itself, not a file: name a file in it"
    return "points outside the bank's folder"


def inside_bank_folder(folder: str | os.PathLike[str] | None, name: str, *,
                       must_exist: bool = True) -> Path | None:
    """The file `name` names inside `folder`, or None: BankFolder(folder).file(name)."""
    if folder is None:
        return None
    return BankFolder(folder).file(name, must_exist=must_exist)
