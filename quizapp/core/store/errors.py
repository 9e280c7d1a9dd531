"""The store's errors: what a learner is told when the results file cannot be used."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from quizapp.core.store.schema import SCHEMA_VERSION


class StoreError(Exception):
    """A readable problem with the store (shown to the learner as is).

    can_retry: doing the same again at once may work (another window was busy);
    the GUI says "Try again." only then.
    """

    can_retry = False


class NameRefused(ValueError):
    """A learner's name that cannot be used: empty, too long, taken, or a look-alike of
    another learner's. The person typing it is told why, in these words; it is their
    mistake to correct, not a fault of the app, so nothing is logged."""


class StoreNotice(NamedTuple):
    """What to tell the learner about their results file, as a dialog shows it: a title, a
    few readable lines, and the technical details (SQLite's own report), or None. (A
    NamedTuple: startup imports this module, and a dataclass would bring `dataclasses` and
    its generated methods into every start.)"""

    title: str
    text: str
    details: str | None = None


def damaged_when_read(path: Path, problem: str) -> str:
    """What `quizapp results` says of a damaged results file, however it met the damage
    (at open, or in a query): `problem` reads "is damaged (...)". It only reads, so the
    app is the one to set the file aside, once its check finds the damage."""
    return (
        f"The results file {path} {problem}. It was only read, and left as it is. Start "
        f"quizapp: when its check finds the damage, it moves the file aside untouched (kept "
        f"in {path.parent}) and starts a new one. A backup brings the answers back "
        "(`quizapp backups` lists them)."
    )


def journal_of_another_database(
    path: Path, not_done: str = "the answers were not exported", again: str = "export again"
) -> str:
    """What `quizapp results` (and `quizapp backup`, `restore`) says of a sound results file
    read with another database's journal beside it: what the app does with it
    (opening.open_connection)."""
    return (
        f"The journal files next to the results file {path} ({path.name}-wal, -shm) belong "
        f"to another database, so {not_done}; nothing was changed. Start "
        "quizapp: it moves those journal files aside untouched and keeps the results file, "
        f"which is sound (your answers are all there); then {again}."
    )


class DiskFullError(StoreError):
    """The disk (or the database's size limit) is full: nothing was written."""


DISK_FULL_MESSAGE = "The disk is full: free some space; your earlier answers are safe."
SQLITE_FULL = 13


def _is_disk_full(exc: BaseException) -> bool:
    import errno

    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF == SQLITE_FULL
    return "database or disk is full" in str(exc)


# How _diagnose's report of a newer quizapp's file begins (opening).
NEWER_PROBLEM = "was written by a newer version of quizapp"


def newer_version_message(path: Path, version: int) -> str:
    """What the app and every command say of a results file of a newer schema: it is
    refused and kept as it is (set aside, an older quizapp would hide every answer in it)."""
    return (
        f"This results file was written by a newer version of quizapp (schema {version}); "
        f"install that version to open it. This version reads up to schema {SCHEMA_VERSION}. "
        f"The file {path} was left as it is."
    )
