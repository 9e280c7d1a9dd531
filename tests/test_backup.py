"""Backups of the learner store: made online, verified, kept 7 daily / 4 weekly /
6 monthly, each one restorable, and a kill -9 mid-backup harms nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers import ONE_QUESTION_BANK, record_right_answers

from quizapp.core import backup
from quizapp.core.backup import (
    BackupError,
    backup_files,
    backups_dir,
    describe,
    kept,
    list_backups,
    make_backup,
    restore,
)
from quizapp.core.store import DB_NAME, Store

START = datetime(2026, 1, 1, 12, tzinfo=UTC)


def _answers(path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM answers").fetchone()[0]
    finally:
        conn.close()


def test_a_backup_is_a_verified_single_file_copy_made_while_the_store_is_open(tmp_path):
    store = Store.open(tmp_path)
    ann = store.create_learner("Ann")
    store.create_learner("Bob")
    record_right_answers(store, ann.id, 3)
    path = make_backup(tmp_path, START)
    record_right_answers(store, ann.id, 2)  # the app goes on writing; the backup is the snapshot
    store.close()
    assert path.parent == backups_dir(tmp_path)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no -wal, no temp file
    info = describe(path)
    assert (info.answers, info.learners, info.problem) == (3, 2, None)
    assert info.made == START
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_retention_keeps_7_daily_4_weekly_6_monthly():
    # one backup every 6 hours for a year, newest first
    made = [START - timedelta(hours=6 * i) for i in range(4 * 365)]
    keep = sorted(kept(made))
    local = [made[i].astimezone() for i in keep]
    days = {t.date() for t in local}
    weeks = {t.isocalendar()[:2] for t in local}
    months = {(t.year, t.month) for t in local}
    newest = made[0].astimezone()
    # the newest of each of the last 7 days...
    last_days = sorted({t.astimezone().date() for t in made}, reverse=True)[:7]
    for day in last_days:
        assert max(t for t in (m.astimezone() for m in made) if t.date() == day) in local
    assert len(days) >= 7 and len(weeks) >= 4 and len(months) == 6
    assert len(keep) <= 7 + 4 + 6
    assert keep[0] == 0 and local[0] == newest
    # ...and nothing older than six months
    assert min(local) > newest - timedelta(days=31 * 6)


def test_every_kept_backup_restores_with_its_answers_and_a_restore_can_be_undone(tmp_path):
    store = Store.open(tmp_path)
    ann = store.create_learner("Ann")
    for day in range(120):  # an answer a day for four months; a backup every 5th day,
        record_right_answers(store, ann.id)  # then daily for the last ten (a backup costs an fsync)
        if day % 5 == 0 or day >= 110:
            make_backup(tmp_path, START + timedelta(days=day))
    store.close()
    infos = list_backups(backups_dir(tmp_path))
    assert 7 + 4 <= len(infos) <= 7 + 4 + 6
    assert [i.answers for i in infos] == sorted((i.answers for i in infos), reverse=True)
    # (each restore makes a newer backup, whose retention may retire an old one: the
    # kept ones are first copied out, names and all)
    (tmp_path / "kept").mkdir()
    for info in infos:
        shutil.copy2(info.path, tmp_path / "kept" / info.path.name)
    for n, info in enumerate(infos):
        assert info.problem is None
        day = (info.made - START).days
        assert info.answers == day + 1  # the backup of day d holds the answers up to d
        kept_copy = tmp_path / "kept" / info.path.name
        undo = restore(tmp_path, kept_copy, START + timedelta(days=200, minutes=n))
        with Store.open(tmp_path) as restored:
            assert restored.recovery_message is None
            assert restored.bank_summary(ann.id, ONE_QUESTION_BANK).answers == info.answers
            assert restored.integrity_check() == "ok"
        assert describe(undo).problem is None
    # the last restore is undone by restoring the backup it made first
    before = _answers(undo)
    restore(tmp_path, undo, START + timedelta(days=201))
    assert _answers(tmp_path / DB_NAME) == before


def test_a_restore_shows_at_once_in_a_store_that_is_open(tmp_path):
    store = Store.open(tmp_path)
    ann = store.create_learner("Ann")
    record_right_answers(store, ann.id, 2)
    snapshot = make_backup(tmp_path, START)
    record_right_answers(store, ann.id, 5)
    restore(tmp_path, snapshot, START + timedelta(hours=1))
    assert _answers(tmp_path / DB_NAME) == 2
    assert store._read1("SELECT count(*) FROM answers")[0] == 2  # the open window sees it
    store.close()


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(tmp_path):
    store = Store.open(tmp_path)
    record_right_answers(store, store.create_learner("Ann").id, 4)
    store.close()
    other = tmp_path / "recipes.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(BackupError, match="not a quizapp database"):
        restore(tmp_path, other)
    (tmp_path / "notes.txt").write_text("milk")
    with pytest.raises(BackupError, match="cannot be restored"):
        restore(tmp_path, tmp_path / "notes.txt")
    assert _answers(tmp_path / DB_NAME) == 4
    assert backup_files(backups_dir(tmp_path)) == []


def test_a_full_disk_during_a_backup_is_a_clear_message_and_leaves_no_file(tmp_path, monkeypatch):
    store = Store.open(tmp_path)
    record_right_answers(store, store.create_learner("Ann").id, 4)
    store.close()
    real_connect = sqlite3.connect

    def tiny_disk(target, *args, **kwargs):
        conn = real_connect(target, *args, **kwargs)
        if str(target).startswith(str(backups_dir(tmp_path))):
            conn.execute("PRAGMA max_page_count=2")  # the backup does not fit
        return conn

    monkeypatch.setattr(backup.sqlite3, "connect", tiny_disk)
    with pytest.raises(BackupError, match="The disk is full: free some space"):
        make_backup(tmp_path, START)
    assert list(backups_dir(tmp_path).iterdir()) == []


def test_a_backup_to_a_full_disk_leaves_neither_its_copy_nor_its_journal(tmp_path,
                                                                         monkeypatch):
    """On a full disk (a tester's 2 MB tmpfs, `quizapp backup --to` into it) SQLite could
    not roll the copy back, and the copy's `-journal` stayed beside the target. Here the
    copy fails as it did there: its file and its journal written, then "disk is full"."""
    from quizapp.core.store import snapshots

    store = Store.open(tmp_path)
    record_right_answers(store, store.create_learner("Ann").id, 4)
    store.close()
    out = tmp_path / "stick"
    out.mkdir()

    def full_disk(db_path, target, **kwargs):
        target.write_bytes(b"\0" * 4096)
        target.with_name(target.name + "-journal").write_bytes(b"\0" * 1024)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(snapshots, "copy_database", full_disk)
    with pytest.raises(BackupError, match="The disk is full: free some space"):
        backup.copy_store(tmp_path / DB_NAME, out / "copy.sqlite3")
    assert list(out.iterdir()) == []


KILLED_BACKUP = textwrap.dedent(
    """
    import sys, threading
    from pathlib import Path
    from datetime import datetime, UTC
    from quizapp.core import backup
    where = sys.argv[2]

    def pause(stage):
        if stage == where:
            print(stage, flush=True)
            threading.Event().wait()  # blocks until the parent kills us here

    backup._pause = pause
    backup._STEP_PAGES = 1  # copy a page at a time, so "copying" comes mid-copy
    backup.make_backup(Path(sys.argv[1]), datetime(2026, 6, 1, tzinfo=UTC))
    """
)


@pytest.mark.parametrize("stage", ["copying", "renaming"])
def test_kill_9_mid_backup_leaves_the_store_and_older_backups_intact(tmp_path, stage):
    store = Store.open(tmp_path)
    ann = store.create_learner("Ann")
    older = []
    for day in range(3):
        record_right_answers(store, ann.id, 20)
        older.append(make_backup(tmp_path, START + timedelta(days=day)))
    record_right_answers(store, ann.id, 20)
    store.close()
    digest = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in older}
    store_bytes = (tmp_path / DB_NAME).read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_BACKUP, str(tmp_path), stage],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == stage  # blocks until the backup is there
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    # The store is untouched and whole.
    assert (tmp_path / DB_NAME).read_bytes() == store_bytes
    with Store.open(tmp_path) as again:
        assert again.recovery_message is None and again.integrity_check() == "ok"
        assert again.bank_summary(ann.id, ONE_QUESTION_BANK).answers == 80
    # The older backups are untouched, and the killed one is not listed as a backup.
    assert backup_files(backups_dir(tmp_path)) == sorted(older, reverse=True)
    assert all(hashlib.sha256(p.read_bytes()).hexdigest() == digest[p] for p in older)
    leftovers = list(backups_dir(tmp_path).glob(".tmp-*"))  # the copy (and its journal)
    assert leftovers
    # The next backup, at once (not an hour later), succeeds and removes what the killed
    # one left.
    newest = make_backup(tmp_path)
    assert describe(newest).answers == 80
    assert not any(p.exists() for p in leftovers)


def test_automatic_backups_at_start_when_a_day_old_and_after_every_n_answers(tmp_path):
    store = Store.open(tmp_path)
    ann = store.create_learner("Ann")
    record_right_answers(store, ann.id, 3)
    done = []
    auto = backup.AutoBackup(store, every=5, on_done=lambda path, error: done.append((path, error)))
    auto.start()  # no backup yet: one is made at once, off this thread
    auto.wait(30)
    assert len(done) == 1 and done[0][1] is None and describe(done[0][0]).answers == 3
    record_right_answers(store, ann.id, 4)  # 4 answers since: not yet
    auto.wait(30)
    assert len(done) == 1
    record_right_answers(store, ann.id, 1)  # the 5th
    auto.wait(30)
    assert len(done) == 2 and describe(done[1][0]).answers == 8
    auto.stop()
    record_right_answers(store, ann.id, 10)  # stopped: no more
    assert len(done) == 2
    store.close()
    # A new start with a backup younger than a day makes none.
    store = Store.open(tmp_path)
    again = backup.AutoBackup(store, on_done=lambda path, error: done.append((path, error)))
    again.start()
    again.wait(30)
    again.stop()
    store.close()
    assert len(done) == 2


def test_a_store_set_aside_points_to_the_newest_backup(tmp_path):
    store = Store.open(tmp_path)
    record_right_answers(store, store.create_learner("Ann").id, 6)
    store.close()
    newest = make_backup(tmp_path)
    (tmp_path / DB_NAME).write_bytes(b"")  # emptied by a failed copy
    with Store.open(tmp_path) as fresh:
        message = fresh.recovery_message
    assert "was empty (0 bytes)" in message
    assert (
        f"holds 6 answers: restore it with File > Backups… or `quizapp restore {newest.name}`"
        in message
    )
    restore(tmp_path, newest)
    assert _answers(tmp_path / DB_NAME) == 6


KILLED_RESTORE = textwrap.dedent(
    """
    import sys, threading
    from pathlib import Path
    from quizapp.core import backup

    def pause(stage):
        if stage == "restoring":
            print(stage, flush=True)
            threading.Event().wait()  # blocks until the parent kills us here, mid-copy

    backup._pause = pause
    backup._STEP_PAGES = 1
    backup.restore(Path(sys.argv[1]), Path(sys.argv[2]))
    """
)


def test_kill_9_mid_restore_leaves_the_store_as_it_was(tmp_path):
    store = Store.open(tmp_path)
    ann = store.create_learner("Ann")
    record_right_answers(store, ann.id, 30)
    snapshot = make_backup(tmp_path, START)
    record_right_answers(store, ann.id, 30)
    store.close()
    _killed_restore(tmp_path, snapshot)
    with Store.open(tmp_path) as again:
        assert again.recovery_message is None and again.integrity_check() == "ok"
        assert again.bank_summary(ann.id, ONE_QUESTION_BANK).answers == 60  # not half of the backup
    restore(tmp_path, snapshot)  # and the restore can simply be done again
    assert _answers(tmp_path / DB_NAME) == 30


def _killed_restore(folder: Path, snapshot: Path) -> None:
    """`quizapp restore` of `snapshot` into `folder`, killed (SIGKILL) mid-copy."""
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_RESTORE, str(folder), str(snapshot)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "restoring"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()


def test_the_copy_made_by_a_killed_restore_is_pruned_as_an_automatic_backup(
    tmp_path, monkeypatch
):
    """Three restores killed after their safety copy left three copies never pruned (2 GB
    over a 1M store): the copy of a restore that never finished is an automatic backup to
    the retention; that of a restore that finished is kept."""
    store = Store.open(tmp_path)
    record_right_answers(store, store.create_learner("Ann").id, 5)
    store.close()
    snapshot = make_backup(tmp_path, START - timedelta(days=30))
    for _ in range(3):
        _killed_restore(tmp_path, snapshot)
    folder = backup.backups_dir(tmp_path)
    undone = [p for p in backup_files(folder) if p != snapshot]
    assert len(undone) == 3 and not any(backup.made_by_hand(p) for p in undone)
    # While it may be a restore still running, the copy stays.
    assert not set(undone) & set(backup.prune(folder, datetime.now(UTC)))
    # Once no restore can be running any more (STALE_TEMP_AGE, an hour, made nothing here
    # so that the next backup stays on the same day), a later automatic backup of the day
    # is the one the retention keeps of it.
    monkeypatch.setattr(backup, "STALE_TEMP_AGE", timedelta(0))
    later = datetime.now(UTC) + timedelta(milliseconds=10)
    newest = make_backup(tmp_path, later)
    left = backup_files(folder)
    assert newest in left and not set(undone) & set(left)
    # A restore that finishes keeps its copy (the way back), whatever the retention does.
    undo = restore(tmp_path, snapshot, later + timedelta(minutes=1))
    assert undo is not None and backup.made_by_hand(undo) and undo.exists()
    make_backup(tmp_path, later + timedelta(minutes=2))
    make_backup(tmp_path, later + timedelta(minutes=3))
    assert undo.exists()


def test_a_restore_failing_its_check_keeps_the_results_before_it(tmp_path, monkeypatch):
    """The live file is already the backup's when the restored copy fails its check: the
    copy of the results before it must be kept (an `-undo` copy was left to the retention,
    which deletes it an hour on, and the error did not say where it was)."""
    store = Store.open(tmp_path)
    record_right_answers(store, store.create_learner("Ann").id, 5)
    store.close()
    snapshot = make_backup(tmp_path, START - timedelta(days=30))
    store = Store.open(tmp_path)
    record_right_answers(store, store.learner_by_name("Ann").id, 3)  # 8 answers before it
    store.close()
    real_copy = backup.snapshots.copy_into_live

    def copied_but_damaged(*args, **kwargs):
        real_copy(*args, **kwargs)
        return "row 3 missing from index answers_by_session"

    monkeypatch.setattr(backup.snapshots, "copy_into_live", copied_but_damaged)
    with pytest.raises(BackupError) as failed:
        restore(tmp_path, snapshot, datetime.now(UTC))
    before = [p for p in backup_files(backup.backups_dir(tmp_path)) if p != snapshot]
    assert len(before) == 1 and backup.made_by_hand(before[0]) and _answers(before[0]) == 8
    assert str(before[0]) in str(failed.value)
    monkeypatch.setattr(backup, "STALE_TEMP_AGE", timedelta(0))
    backup.prune(backup.backups_dir(tmp_path), datetime.now(UTC) + timedelta(days=1))
    assert before[0].exists()


@pytest.mark.parametrize("stamp", ["20261128T235959123456", "20240229T000000000001",
                                   "20261328T120000000000", "20250229T120000000000",
                                   "20261128T246000000000", "20261128T235960000000"])
def test_a_backup_name_reads_as_strptime_reads_it(stamp):
    """The name's time is read from its digits (no strptime at startup), with the same
    result for real times and the same ValueError for impossible ones."""
    path = backup.backups_dir(Path("data")) / f"quizapp-{stamp}Z.sqlite3"
    try:
        expected = datetime.strptime(stamp, "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
    except ValueError:
        with pytest.raises(ValueError):
            backup._made(path)
    else:
        assert backup._made(path) == expected


def test_automatic_backups_look_at_the_backups_folder_off_the_starting_thread(tmp_path,
                                                                               monkeypatch):
    """The app starts them right after its first paint: the GUI thread only starts a thread."""
    import threading

    asked_on = []
    age = backup.newest_backup_age

    def newest_backup_age(folder, now=None):
        asked_on.append(threading.current_thread())
        return age(folder, now)

    monkeypatch.setattr(backup, "newest_backup_age", newest_backup_age)
    store = Store.open(tmp_path)
    record_right_answers(store, store.create_learner("Ann").id, 2)
    done = []
    auto = backup.AutoBackup(store, on_done=lambda path, error: done.append(path))
    auto.start()
    auto.wait(30)
    auto.stop()
    store.close()
    assert asked_on and threading.main_thread() not in asked_on
    assert len(done) == 1 and describe(done[0]).answers == 2


def _paused_backup(folder: Path, stage: str = "copying") -> subprocess.Popen:
    """A backup of folder's store in a child process, stopped at `stage` until killed."""
    child = subprocess.Popen([sys.executable, "-c", KILLED_BACKUP, str(folder), stage],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == stage
    return child


def _kill(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()


def test_a_killed_backups_copy_is_removed_at_the_next_start(tmp_path):
    store = Store.open(tmp_path)
    record_right_answers(store, store.create_learner("Ann").id, 20)
    store.close()
    make_backup(tmp_path)  # a day's backup: the next start makes none
    child = _paused_backup(tmp_path)
    _kill(child)
    leftovers = list(backups_dir(tmp_path).glob(".tmp-*"))
    assert leftovers
    done = []
    with Store.open(tmp_path) as store:
        auto = backup.AutoBackup(store, on_done=lambda path, error: done.append(path))
        auto.start()
        auto.wait(30)
        auto.stop()
    assert done == []  # no backup was due
    assert not any(p.exists() for p in leftovers)
    assert [p.name for p in backups_dir(tmp_path).iterdir() if p.name.startswith(".")] == []


def test_a_restore_removes_what_killed_copies_left_before_it_copies(tmp_path):
    """A tester killed two restores of a 534 MB store: each left its copy (560 MB) in the
    backups folder, and the next restore, killed after its own copy too, left them all."""
    store = Store.open(tmp_path)
    record_right_answers(store, store.create_learner("Ann").id, 20)
    store.close()
    snapshot = make_backup(tmp_path)
    _kill(_paused_backup(tmp_path))  # a backup killed mid-copy
    left = list(backups_dir(tmp_path).glob(".tmp-*"))
    assert left
    _killed_restore(tmp_path, snapshot)  # killed after its own copy, before it pruned
    assert not any(p.exists() for p in left)
    assert list(backups_dir(tmp_path).glob(".tmp-*")) == []


def test_a_copy_a_live_backup_is_writing_is_never_removed(tmp_path):
    store = Store.open(tmp_path)
    record_right_answers(store, store.create_learner("Ann").id, 20)
    store.close()
    child = _paused_backup(tmp_path)
    try:
        copies = list(backups_dir(tmp_path).glob(".tmp-*"))
        assert copies
        old = (datetime.now(UTC) - 3 * backup.STALE_TEMP_AGE).timestamp()
        for copy in copies:
            os.utime(copy, (old, old))  # slow, yet alive
        make_backup(tmp_path)  # its retention and clean-up run beside the live copy
        assert backup.remove_dead_copies(backups_dir(tmp_path)) == []
        assert all(copy.exists() for copy in copies)
    finally:
        _kill(child)
    assert sorted(backup.remove_dead_copies(backups_dir(tmp_path))) == sorted(copies)


def test_a_copy_named_with_a_live_process_id_but_no_lock_is_removed(tmp_path):
    """A killed backup's process id, given to another program since: its lock is gone."""
    folder = backups_dir(tmp_path)
    folder.mkdir()
    other = os.getppid()  # alive, and not this process
    copy = folder / f".tmp-{other}-1-quizapp-20260101T000000000000Z.sqlite3"
    journal = copy.with_name(copy.name + "-journal")
    copy.write_bytes(b"x" * 100)
    journal.write_bytes(b"y")
    mine = folder / f".tmp-{os.getpid()}-1-quizapp-20260101T000000000000Z.sqlite3"
    mine.write_bytes(b"z")  # this process's own: a thread of it may be writing it
    assert sorted(backup.remove_dead_copies(folder)) == sorted([copy, journal])
    assert mine.exists()


def test_the_automatic_backup_counts_answers_across_runs(tmp_path):
    """After every `every` answers since the newest backup, however many runs they took."""
    store = Store.open(tmp_path)
    ann = store.create_learner("Ann").id
    record_right_answers(store, ann, 3)
    store.close()
    done = []

    def run(answers: int) -> None:
        with Store.open(tmp_path) as store:
            auto = backup.AutoBackup(store, every=5, on_done=lambda path, error: done.append(path))
            auto.start()
            auto.wait(30)
            record_right_answers(store, ann, answers)
            auto.wait(30)
            auto.stop()

    run(0)  # no backup yet: one at once
    assert len(done) == 1 and describe(done[0]).answers == 3
    for _ in range(4):
        run(1)  # 4 answers over 4 runs: not yet
    assert len(done) == 1
    run(1)  # the 5th since the backup
    assert len(done) == 2 and describe(done[1]).answers == 8
    with Store.open(tmp_path) as store:  # answers given without the automatic backups
        record_right_answers(store, ann, 6)
    run(0)  # the next start backs them up at once
    assert len(done) == 3 and describe(done[2]).answers == 14
