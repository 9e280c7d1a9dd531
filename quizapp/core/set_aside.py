"""Results files set aside in the data folder (`quizapp.sqlite3.<UTC time>Z.bad`) that this
quizapp can read: moved aside by an older quizapp (which set aside any file of a newer
format, with every answer in it) or by a repair. They are named at every start and in
`quizapp backups`, with the command that brings them back, so that no history is hidden
in the data folder without a word.
"""

from __future__ import annotations

import re
import sqlite3
from collections import namedtuple
from datetime import UTC, datetime
from pathlib import Path

from quizapp.core.store.errors import StoreNotice
from quizapp.core.store.schema import DB_NAME

# path, made (UTC, from the file's name), answers. A namedtuple: dataclasses would cost the
# app's start 6 ms to import.
SetAside = namedtuple("SetAside", "path made answers")
_NAME = re.compile(rf"^{re.escape(DB_NAME)}\.(\d{{8}}T\d{{6}})(\d{{6}})Z(?:-\d+)?\.bad$")


def readable_set_aside(data_dir: Path) -> list[SetAside]:
    """The set-aside results files in data_dir that hold answers this quizapp can read,
    oldest first (damaged ones, a newer quizapp's, empty ones are left out)."""
    from quizapp.core.store import snapshots

    try:
        names = sorted(p for p in Path(data_dir).iterdir() if _NAME.match(p.name))
    except OSError:
        return []
    found = []
    for path in names:
        match = _NAME.match(path.name)
        assert match is not None
        s, micro = match[1], match[2]
        made = datetime(int(s[0:4]), int(s[4:6]), int(s[6:8]), int(s[9:11]), int(s[11:13]),
                        int(s[13:15]), int(micro), tzinfo=UTC)
        try:
            answers, _learners = snapshots.backup_counts(path)
            sound = snapshots.quick_check_ok(path)  # paid only while such a file lies there
        except (snapshots.NotAStore, OSError, sqlite3.Error):
            continue
        if not sound:  # damaged (set aside by a repair): a restore would refuse it
            continue
        if answers:
            found.append(SetAside(path, made, answers))
    return found


def line(aside: SetAside) -> str:
    """One sentence naming a set-aside file and how to bring it back."""
    day = aside.made.astimezone().strftime("%Y-%m-%d %H:%M")
    return (
        f"A results file set aside on {day} holds {aside.answers} answers: "
        f"quizapp restore {aside.path}"
    )


def mark_restored(path: Path, data_dir: Path) -> Path | None:
    """After a set-aside file was restored: renamed `.restored` (with its journal), so that
    the start and `quizapp backups` no longer name it; None when path is no such file."""
    path = Path(path)
    if not _NAME.match(path.name) or path.parent.resolve() != Path(data_dir).resolve():
        return None
    target = path.with_name(path.name[: -len(".bad")] + ".restored")
    try:
        for suffix in ("-wal", "-journal", ""):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
    except OSError:
        return None
    return target


def notice(path: Path) -> StoreNotice | None:
    """What the app says at start of the readable files set aside beside the store at
    path (None: there is none)."""
    found = readable_set_aside(path.parent)
    if not found:
        return None
    return StoreNotice(
        title="Answers are kept in a results file set aside",
        text=(
            "\n".join(line(f) for f in found)
            + "\n\nThose answers are not in the app now. Restoring such a file replaces the "
            "current results, which are backed up first. To keep it aside, move it out of "
            f"{path.parent}."
        ),
    )
