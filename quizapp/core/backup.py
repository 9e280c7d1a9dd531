"""Backups of the learner store, as Anki keeps them.

A backup is a whole copy of quizapp.sqlite3 made with SQLite's online backup
API: a consistent snapshot taken while the app keeps writing (in WAL mode a
reader never blocks a writer). It is written to a temp name in the backups
folder, switched to a plain rollback journal (so a backup is one file),
checked with `PRAGMA integrity_check`, flushed to disk and only then renamed
into place: a crash or kill -9 mid-backup leaves a `.tmp-<pid>-` file, never a half
backup under a backup's name, and never touches the store or the older backups. The
copier holds a lock on its temp file; the next backup, and the next start of the app,
remove the temp files whose process is gone (or whose lock nobody holds), never one a
live backup is writing.

Backups live in `<data folder>/backups/quizapp-<UTC time>Z.sqlite3`. After each
one the folder keeps the newest automatic backup of each of the last 7 days, 4 ISO
weeks and 6 months that have one (like borg's and restic's keep-daily/weekly/
monthly); the other automatic ones are deleted. A backup made by hand (File >
Backups… > Back up now, `quizapp backup`) and the copy a restore makes of the store it
replaces end in `-kept.sqlite3`: the retention never deletes them (a teacher's "before
the exam" backup must not vanish at the next automatic one of the day). A restore's copy
is first named `-undo.sqlite3` and renamed `-kept` once the restore is done: the copy of
a restore that never finished (killed, three times over a big store) is an automatic
backup to the retention, pruned as one (never the newest), not kept for ever.

`AutoBackup` makes one when the newest is older than a day (checked once the
window is shown) and after every AUTO_EVERY_ANSWERS answers, counted from the newest
backup's last answer (across runs of the app, not from each start), on a thread of
its own, so it never delays the app. `restore` first backs up the current store
(so a restore can be undone), then copies the backup into the live database
with the same backup API, which other open connections see at once.

The statements that read and copy database files are in quizapp.core.store.snapshots
(the store is the one package with SQL); this module is the policy: names, retention,
when an automatic backup is due.
"""

from __future__ import annotations

import os
import re
import sqlite3  # for its error class only: the statements are in quizapp.core.store.snapshots
import threading
from collections import namedtuple
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.core import leftovers
from quizapp.core.store import snapshots
from quizapp.core.store.errors import DISK_FULL_MESSAGE, StoreError, _is_disk_full
from quizapp.core.store.schema import DB_NAME

BACKUP_DIR = "backups"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6
AUTO_MAX_AGE = timedelta(days=1)
AUTO_EVERY_ANSWERS = 50
TEMP_PREFIX = ".tmp-"
# Where a dead copier cannot be told from a live one (no process ids or locks: Windows),
# temp files older than this are taken for a killed backup's.
STALE_TEMP_AGE = timedelta(hours=1)
_TEMP_PID = re.compile(rf"^{re.escape(TEMP_PREFIX)}(\d+)-")
# Called with "copying" after each step of a backup's copy, "renaming" just before the
# finished file is renamed into place and "restoring" after each step of a restore's
# copy; the kill -9 tests stop a backup or a restore there.
_pause = None
_STEP_PAGES = -1  # the whole file in one step: one consistent snapshot
_NAME = re.compile(r"^quizapp-(\d{8}T\d{6})(\d{6})Z(?:-(\d+))?(-kept|-undo)?\.sqlite3$")
# How a copy reads the store (snapshots.copy_database's source): `quizapp backup` passes
# quizapp.core.store.opening.read_for_copy, which this module cannot import (opening names
# the newest backup: an import circle).
Source = Callable[[Path], sqlite3.Connection] | None
KEPT_SUFFIX = "-kept"  # a backup made by hand, or by a restore: never pruned
UNDO_SUFFIX = "-undo"  # a restore's copy until the restore is done (then -kept)


class BackupError(Exception):
    """A readable reason a backup or a restore could not be made (shown as is)."""


class SourceDamagedError(BackupError):
    """The backup's copy of the results file failed its integrity check: the copy is a
    consistent snapshot of the file, so the file itself is damaged. It is marked for the
    check before use at the next start (as a query meeting damage marks it), which sets it
    aside if it is still damaged: a big file is otherwise checked once a week only, and
    every backup until then failed (an outside tester's report). `report` is SQLite's."""

    def __init__(self, db_path: Path, report: str) -> None:
        faults = [line for line in report.splitlines() if line and not line.startswith("***")]
        first = faults[0] if faults else report.strip()
        more = f", and {len(faults) - 1} more" if len(faults) > 1 else ""
        super().__init__(
            "The backup was not kept: its copy of your results file failed the integrity "
            f"check, so the results file {db_path.name} itself is damaged. quizapp goes on "
            "using it; its next start checks it again and, if it is still damaged, moves it "
            "aside untouched and starts a new one. Your earlier backups are kept. "
            f"(SQLite found: {first}{more}.)"
        )
        self.report = report


# What a backup holds: path, made (UTC, from the file's name), size (bytes), answers and
# learners (None when it cannot be read as a quizapp store), problem (why it cannot be
# restored, or None). A namedtuple: dataclasses would cost the app 6 ms to import at start.
BackupInfo = namedtuple("BackupInfo", "path made size answers learners problem", defaults=(None,))


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def _name(when: datetime) -> str:
    return f"quizapp-{when.astimezone(UTC):%Y%m%dT%H%M%S%f}Z.sqlite3"


def _made(path: Path) -> datetime | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    # The name's digits, read as they stand: datetime.strptime would import _strptime
    # (and calendar, locale) and build its regexes on the app's startup path, ~5 ms.
    # An impossible date (month 13) is a ValueError, as strptime's was.
    s, micro = match[1], match[2]
    return datetime(int(s[0:4]), int(s[4:6]), int(s[6:8]), int(s[9:11]), int(s[11:13]),
                    int(s[13:15]), int(micro), tzinfo=UTC)


def _listed_time(path: Path) -> datetime:
    """The time in the name of a file backup_files listed (it lists only such names)."""
    made = _made(path)
    if made is None:
        raise ValueError(f"{path.name} is not named like a backup")
    return made


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on some systems (Windows): the rename is enough there
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _readable(exc: BaseException, what: str) -> BackupError:
    if _is_disk_full(exc):
        return BackupError(f"{what} could not be written. {DISK_FULL_MESSAGE}")
    return BackupError(f"{what} could not be written: {exc}")


def _remove_copy(tmp: Path) -> None:
    """Remove a failed copy and its rollback journal: on a full disk SQLite cannot roll
    the copy back, and its `-journal` stayed (in the folder of `quizapp backup --to`, where
    no later backup looks, for ever; a tester's full 2 MB tmpfs)."""
    for path in (tmp, tmp.with_name(tmp.name + "-journal")):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def copy_store(db_path: Path, target: Path, *, source: Source = None) -> Path:
    """Copy the store at db_path to target (a consistent snapshot, integrity-checked,
    renamed into place only when complete). Returns target. source: see
    snapshots.copy_database."""
    db_path, target = Path(db_path), Path(target)
    if not db_path.exists() or db_path.stat().st_size == 0:
        raise BackupError(f"There is no results file to back up at {db_path}.")
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{TEMP_PREFIX}{os.getpid()}-{threading.get_ident()}-{target.name}"
    lock = None
    try:
        # Held until the copy is renamed into place: remove_dead_copies leaves it alone.
        lock = leftovers.hold(tmp)
        progress = None if _pause is None else (lambda *_: _pause("copying"))
        check = snapshots.copy_database(db_path, tmp, pages=_STEP_PAGES, progress=progress,
                                        source=source)
        if check != "ok":
            snapshots.mark_for_check(db_path)
            raise SourceDamagedError(db_path, check)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        if _pause is not None:
            _pause("renaming")
        os.replace(tmp, target)
        _fsync_folder(folder)
    except BackupError:
        _remove_copy(tmp)
        raise
    except (sqlite3.Error, OSError) as exc:
        _remove_copy(tmp)
        raise _readable(exc, f"The backup {target}") from exc
    except StoreError as exc:  # the results file on read-only media could not be read
        _remove_copy(tmp)
        raise BackupError(str(exc)) from exc
    finally:
        if lock is not None:
            os.close(lock)
    return target


def make_backup(data_dir: Path, now: datetime | None = None, keep_only: bool = True,
                *, by_hand: bool = False, undo: bool = False, source: Source = None) -> Path:
    """Back up the store in data_dir into its backups folder, then (keep_only) delete
    the automatic backups the retention does not keep. by_hand: a backup the learner
    asked for, which the retention never deletes. undo: a restore's copy, pruned as an
    automatic backup until the restore renames it kept."""
    now = now or datetime.now(UTC)
    folder = backups_dir(data_dir)
    stem = _name(now)[: -len(".sqlite3")]
    suffix = (KEPT_SUFFIX if by_hand else UNDO_SUFFIX if undo else "") + ".sqlite3"
    target = folder / (stem + suffix)
    n = 1
    while target.exists():  # two backups in the same microsecond (tests, two windows)
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    # What killed copies left goes first, before this copy needs as much room again: a
    # restore's copy did not remove them (it prunes only once done), and restores killed
    # over a big store left 560 MB each until a backup got through.
    remove_dead_copies(folder, now)
    copy_store(Path(data_dir) / DB_NAME, target, source=source)
    if keep_only:
        prune(folder, now)
    return target


def describe(path: Path) -> BackupInfo:
    """What a backup holds (answers, learners) and whether it can be restored."""
    path = Path(path)
    made = _made(path)
    try:
        stat = path.stat()
    except OSError as exc:
        return BackupInfo(path, made or datetime.now(UTC), 0, None, None, f"cannot be read ({exc})")
    if made is None:
        made = datetime.fromtimestamp(stat.st_mtime, UTC)
    problem = None
    answers = learners = None
    try:
        answers, learners = snapshots.backup_counts(path)
    except snapshots.NotAStore as exc:
        problem = str(exc)
    except (OSError, sqlite3.Error) as exc:
        problem = f"it is damaged ({exc})"
    return BackupInfo(path, made, stat.st_size, answers, learners, problem)


def backup_files(folder: Path) -> list[Path]:
    """The backups in folder, newest first (temp files of unfinished backups are not)."""
    try:
        names = [p for p in Path(folder).iterdir() if _NAME.match(p.name)]
    except OSError:
        return []
    return sorted(names, key=_order, reverse=True)


def _order(path: Path) -> tuple[datetime, int]:
    """A backup's place in time: its time, then its number among equal times."""
    match = _NAME.match(path.name)
    return _listed_time(path), int(match[3] or 0) if match else 0


def made_by_hand(path: Path) -> bool:
    """Whether this backup was made by hand (or by a restore): kept until deleted."""
    match = _NAME.match(Path(path).name)
    return bool(match and match[4] == KEPT_SUFFIX)


def list_backups(folder: Path) -> list[BackupInfo]:
    return [describe(p) for p in backup_files(folder)]


def kept(made: list[datetime]) -> set[int]:
    """Indexes of the backups to keep, given their times newest first: the newest of
    each of the last KEEP_DAILY days, KEEP_WEEKLY ISO weeks and KEEP_MONTHLY months."""
    keep: set[int] = {0} if made else set()
    rules = (
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    )
    for count, period in rules:
        seen: set = set()
        for index, when in enumerate(made):
            key = period(when.astimezone())  # the learner's own days, weeks and months
            if key not in seen:
                if len(seen) == count:
                    break
                seen.add(key)
                keep.add(index)
    return keep


def prune(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the retention does not keep, and temp files of killed
    backups; returns what was deleted."""
    now = now or datetime.now(UTC)
    # A restore's -undo copy is its own for STALE_TEMP_AGE: that restore may be running
    # still (in another window); after that, it is an automatic backup like any other.
    files = [p for p in backup_files(folder) if not made_by_hand(p)
             and not (p.name.endswith(UNDO_SUFFIX + ".sqlite3")
                      and now - _listed_time(p) < STALE_TEMP_AGE)]
    keep = kept([_listed_time(p) for p in files])
    deleted = []
    for index, path in enumerate(files):
        if index not in keep:
            try:
                path.unlink()
                deleted.append(path)
            except OSError:
                pass
    deleted += remove_dead_copies(folder, now)
    return deleted


def remove_dead_copies(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the temp files (`.tmp-<pid>-…`, and their -journal) of backups whose
    process is gone: killed mid-copy. A copy of this process, or of a live one holding
    its lock, is being written and stays. Returns what was deleted."""
    deleted = []
    try:
        temps = [p for p in Path(folder).iterdir() if p.name.startswith(TEMP_PREFIX)]
    except OSError:
        return []
    for tmp in temps:
        match = _TEMP_PID.match(tmp.name)
        try:
            if match is None or int(match[1]) == os.getpid():
                continue
            if not _copier_gone(tmp, int(match[1]), now):
                continue
            tmp.unlink()
            deleted.append(tmp)
        except OSError:
            pass
    return deleted


def _copier_gone(tmp: Path, pid: int, now: datetime | None) -> bool:
    if os.name != "posix":
        made = datetime.fromtimestamp(tmp.stat().st_mtime, UTC)
        return (now or datetime.now(UTC)) - made > STALE_TEMP_AGE
    if not leftovers.pid_alive(pid):
        return True
    # The id may be another program's now: the copier's lock is on the copy itself (for
    # its -journal, on the copy beside it).
    copy = tmp.with_name(tmp.name.removesuffix("-journal"))
    return not copy.exists() or not leftovers.held(copy)


def newest_backup_age(folder: Path, now: datetime | None = None) -> timedelta | None:
    files = backup_files(folder)
    if not files:
        return None
    return (now or datetime.now(UTC)) - _listed_time(files[0])


def restore(data_dir: Path, backup: Path, now: datetime | None = None) -> Path | None:
    """Make the store in data_dir what `backup` holds. The current store is backed up
    first (returned, so the restore can be undone by restoring that file), and the
    copy goes through SQLite's backup API into the live database, so a window that
    has it open sees the restored answers and nothing is half written."""
    backup = Path(backup)
    info = describe(backup)
    if info.problem is not None:
        raise BackupError(f"{backup.name} cannot be restored: {info.problem}.")
    db_path = Path(data_dir) / DB_NAME
    undo = None
    if db_path.exists() and db_path.stat().st_size > 0:
        try:
            # not pruned yet: the retention could delete the very backup being restored
            undo = make_backup(data_dir, now, keep_only=False, undo=True)
        except BackupError as exc:
            # The current store cannot be copied (damaged?): keep its bytes as they are.
            undo = backups_dir(data_dir) / (_name(now or datetime.now(UTC)) + ".unchecked")
            import shutil

            try:
                shutil.copyfile(db_path, undo)
            except OSError as copy_exc:
                raise BackupError(
                    f"The current results could not be saved before the restore ({exc}; "
                    f"{copy_exc}). Nothing was changed."
                ) from copy_exc
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    try:
        progress = None if _pause is None else (lambda *_: _pause("restoring"))
        check = snapshots.copy_into_live(backup, db_path, pages=_STEP_PAGES, progress=progress)
    except sqlite3.Error as exc:
        undo = _kept_undo(undo)  # whatever the live file holds now, the results before stay
        raise _readable(exc, "The restored results") from exc
    # The live file is the backup's now, sound or not: the results before it are kept until
    # deleted by hand (an `-undo` copy is pruned like an automatic backup).
    undo = _kept_undo(undo)
    if check != "ok":
        kept = "" if undo is None else f" The results before it are in {undo}."
        raise BackupError(f"The restored results failed the integrity check ({check}).{kept}")
    prune(backups_dir(data_dir), now)
    return undo


def _kept_undo(undo: Path | None) -> Path | None:
    if undo is not None and undo.name.endswith(UNDO_SUFFIX + ".sqlite3"):
        return _keep(undo)
    return undo


def _keep(path: Path) -> Path:
    """The restore's `-undo` copy, renamed `-kept` (the name as it was if that fails: it
    is then pruned as an automatic backup, and the restore still succeeded)."""
    target = path.with_name(path.name.replace(UNDO_SUFFIX + ".sqlite3", KEPT_SUFFIX + ".sqlite3"))
    try:
        os.replace(path, target)
    except OSError:
        return path
    return target


# ---------------------------------------------------------------- automatic backups


class AutoBackup:
    """Backs the store up on a thread of its own: once at start when the newest backup
    is older than AUTO_MAX_AGE, then after every `every` answers. Never raises into the
    app: a failure is logged and kept in `last_error`."""

    def __init__(self, store, every: int = AUTO_EVERY_ANSWERS, on_done=None):
        self.store = store
        self.every = every
        self.on_done = on_done  # callback(path or None, error or None), on the backup thread
        self.data_dir = Path(store.path).parent
        self.last_error: str | None = None
        # The last backup found the results file damaged (SourceDamagedError): the app
        # then runs its integrity check at once, which tells the learner.
        self.found_damage = False
        self._mark: int | None = None  # the last answer id at the latest backup
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self, now: datetime | None = None) -> None:
        """Watch the answers, and on the backup thread back up at once if the newest
        backup is too old. Nothing but starting the thread happens on the caller's
        (the GUI's) thread: the app starts this right after its first paint."""
        self.store.add_listener(self._on_write)  # counts from the mark, once it is set
        self._launch(lambda: self._back_up_if_due(now))

    def _back_up_if_due(self, now: datetime | None) -> None:
        folder = backups_dir(self.data_dir)
        remove_dead_copies(folder, now)  # left by a backup killed in an earlier run
        last = self.store.last_answer_id()
        # Counted from what the newest backup holds, so answers given over many short
        # runs add up (a later store, restored from an older backup, from its own last).
        self._mark = min(last, _last_answer_in(backup_files(folder)))
        age = newest_backup_age(folder, now)
        if age is None or age > AUTO_MAX_AGE or last - self._mark >= self.every:
            self._mark = last
            self._run()

    def stop(self, timeout: float = 10.0) -> None:
        self.store.remove_listener(self._on_write)
        self.wait(timeout)

    def wait(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _on_write(self) -> None:
        # Runs after every committed write, on the writing thread: one indexed read.
        try:
            last = self.store.last_answer_id()
        except Exception:
            return
        if self._mark is not None and last - self._mark >= self.every:
            self._mark = last
            self._launch()

    def _launch(self, work: Callable[[], None] | None = None) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return  # one at a time; the next trigger makes the next one
            self._thread = threading.Thread(target=work or self._run, name="quizapp-backup",
                                            daemon=True)
            self._thread.start()

    def _run(self) -> None:
        import logging

        path = error = None
        try:
            path = make_backup(self.data_dir)
            self.last_error = None
        except Exception as exc:  # a backup must never take the app down
            error = str(exc)
            self.last_error = error
            self.found_damage = isinstance(exc, SourceDamagedError)
            logging.getLogger(__name__).warning("automatic backup failed: %s", exc)
        try:
            self.store.checkpoint()
        except Exception:
            pass
        if self.on_done is not None:
            self.on_done(path, error)


def _last_answer_in(newest_first: list[Path]) -> int:
    """The id of the last answer in the newest backup (0: none, or it cannot be read)."""
    if not newest_first:
        return 0
    try:
        return snapshots.last_answer_id(newest_first[0])
    except sqlite3.Error:
        return 0


def free_space_warning(folder: Path, minimum: int = 100 * 2**20) -> str | None:
    """A warning when the disk holding folder has less than `minimum` bytes free (or
    less than twice the store's size, which a backup and its check need)."""
    import shutil  # not at import: it pulls in bz2 and lzma, on the app's startup path

    try:
        free = shutil.disk_usage(folder).free
        size = (Path(folder) / DB_NAME).stat().st_size if (Path(folder) / DB_NAME).exists() else 0
    except OSError:
        return None
    needed = max(minimum, 2 * size)
    if free >= needed:
        return None
    return (
        f"The disk that holds your answers is almost full ({free // 2**20} MB free). Free some "
        "space soon: when the disk is full, new answers cannot be saved (your earlier answers "
        "stay safe)."
    )
