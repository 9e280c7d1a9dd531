"""`quizapp backup`, `quizapp backups` and `quizapp restore`: the learner store's backups.

    quizapp backup [--to FILE]   back the store up now (into the backups folder, or FILE)
    quizapp backups              list the backups, newest first, with their answers and learners
    quizapp restore FILE         make the store what FILE holds (FILE: a path, or a name
                                 from `quizapp backups`); the current store is backed up
                                 first, so `quizapp restore` of that backup undoes it

Each is an object with add_arguments(parser) and run(args), as quizapp.cli expects.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace


def _data_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help="where learner data is kept")


def _data_dir(args) -> Path:
    from quizapp.core import paths

    return paths.data_dir(getattr(args, "data_dir", None))


def _folder_refused(command: str, folder: Path, *, writing: bool) -> bool:
    """Say (on stderr) why `quizapp command` cannot use the data folder, if it cannot: a
    file in its place, a read-only folder it must write in, or another database's journal
    beside its results file (read through it, the file is a mixture of the two: a tester's
    backup held the other store's settings page; the app's next start moves it aside)."""
    from quizapp.core.store.errors import journal_of_another_database
    from quizapp.core.store.facade import data_folder_problem
    from quizapp.core.store.opening import foreign_journal_beside
    from quizapp.core.store.schema import DB_NAME

    problem = data_folder_problem(folder, writing=writing)
    if problem is None and command != "backups" and foreign_journal_beside(folder / DB_NAME):
        restoring = command == "restore"
        problem = journal_of_another_database(
            folder / DB_NAME,
            "nothing was restored" if restoring else "no backup was made",
            "restore it again" if restoring else "back up again",
        )
    if problem is not None:
        print(f"quizapp {command}: {problem}", file=sys.stderr)
    return problem is not None


def _when(info) -> str:
    return info.made.astimezone().strftime("%Y-%m-%d %H:%M")


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{max(1, n // 1024)} kB"


# ------------------------------------------------------------------ quizapp backup


def _backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--to", metavar="FILE", help="write the backup to FILE instead of the backups folder"
    )
    _data_dir_argument(parser)


def _backup_run(args) -> int:
    from quizapp.core.backup import BackupError, copy_store, describe, make_backup
    from quizapp.core.plural import counted
    from quizapp.core.store import DB_NAME
    from quizapp.core.store.opening import read_for_copy

    folder = _data_dir(args)
    if _folder_refused("backup", folder, writing=not args.to):
        return 1
    try:
        if args.to:
            target = Path(args.to)
            if target.is_dir():
                target = target / f"quizapp-backup-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
            path = copy_store(folder / DB_NAME, target, source=read_for_copy)
        else:
            path = make_backup(folder, by_hand=True, source=read_for_copy)
    except BackupError as exc:
        print(f"quizapp backup: {exc}", file=sys.stderr)
        return 1
    info = describe(path)
    if info.problem is not None:  # a newer quizapp's file: copied, but not read here
        print(f"{path}: {_size(info.size)}; this version of quizapp cannot read it: "
              f"{info.problem}")
        return 0
    print(f"{path}: {counted(info.answers, 'answer')}, {counted(info.learners, 'learner')},"
          f" {_size(info.size)}")
    return 0


backup = SimpleNamespace(add_arguments=_backup_arguments, run=_backup_run)


# ------------------------------------------------------------------ quizapp backups


def _backups_arguments(parser: argparse.ArgumentParser) -> None:
    _data_dir_argument(parser)


def _backups_run(args) -> int:
    from quizapp.core import set_aside
    from quizapp.core.backup import backups_dir, list_backups, made_by_hand
    from quizapp.core.plural import noun

    if _folder_refused("backups", _data_dir(args), writing=False):
        return 1
    folder = backups_dir(_data_dir(args))
    for found in set_aside.readable_set_aside(_data_dir(args)):
        print(set_aside.line(found))
    infos = list_backups(folder)
    if not infos:
        print(f"No backups yet in {folder}.")
        return 0
    print(f"Backups in {folder}, newest first:")
    for info in infos:
        if info.problem:
            what = f"cannot be restored: {info.problem}"
        else:
            what = (f"{info.answers:>7} {noun(info.answers, 'answer'):<7}  {info.learners:>3}"
                    f" {noun(info.learners, 'learner'):<8}  {_size(info.size):>9}")
        kept = "  (made by hand: kept)" if made_by_hand(info.path) else ""
        print(f"  {_when(info)}  {what}  {info.path.name}{kept}")
    return 0


backups = SimpleNamespace(add_arguments=_backups_arguments, run=_backups_run)


# ------------------------------------------------------------------ quizapp restore


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a backup: its path, or its name")
    _data_dir_argument(parser)


def _restore_run(args) -> int:
    from quizapp.core.backup import BackupError, backups_dir, describe, restore
    from quizapp.core.plural import counted

    folder = _data_dir(args)
    if _folder_refused("restore", folder, writing=True):
        return 1
    path = Path(args.file)
    if not path.exists() and (backups_dir(folder) / path.name).exists():
        path = backups_dir(folder) / path.name  # a name as `quizapp backups` lists it
    if not path.exists():
        print(f"quizapp restore: there is no file {args.file}.", file=sys.stderr)
        return 1
    info = describe(path)
    try:
        undo = restore(folder, path)
    except BackupError as exc:
        print(f"quizapp restore: {exc}", file=sys.stderr)
        return 1
    print(f"Restored {path.name} ({counted(info.answers, 'answer')},"
          f" {counted(info.learners, 'learner')}).")
    from quizapp.core import set_aside

    renamed = set_aside.mark_restored(path, folder)
    if renamed is not None:
        print(f"The file set aside is now {renamed.name}.")
    if undo is not None:
        print(f"The results before it are in {undo}: `quizapp restore {undo.name}` undoes this.")
    return 0


restore = SimpleNamespace(add_arguments=_restore_arguments, run=_restore_run)
