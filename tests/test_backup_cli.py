"""`quizapp backup`, `quizapp backups`, `quizapp restore`: readable output, never a traceback."""

from __future__ import annotations

import sqlite3

from helpers import record_right_answers

from quizapp.cli import main
from quizapp.core.backup import backup_files, backups_dir
from quizapp.core.store import DB_NAME, Store


def _count(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM answers").fetchone()[0]
    finally:
        conn.close()


def test_backup_list_restore_and_undo(tmp_path, capsys):
    data = str(tmp_path / "data")
    with Store.open(data) as store:
        ann = store.create_learner("Ann")
        store.create_learner("Bob")
        record_right_answers(store, ann.id, 3)
    assert main(["backups", "--data-dir", data]) == 0
    assert "No backups yet" in capsys.readouterr().out
    assert main(["backup", "--data-dir", data]) == 0
    assert "3 answers, 2 learners" in capsys.readouterr().out
    (first,) = backup_files(backups_dir(data))
    with Store.open(data) as store:
        record_right_answers(store, ann.id, 4)
    assert main(["backups", "--data-dir", data]) == 0
    listing = capsys.readouterr().out
    assert first.name in listing and "3 answers" in listing and "2 learners" in listing
    # restore by the name the list shows
    assert main(["restore", first.name, "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "undoes this" in out
    assert _count(tmp_path / "data" / DB_NAME) == 3
    undo = [p for p in backup_files(backups_dir(data)) if p != first][0]
    assert _count(undo) == 7
    assert main(["restore", str(undo), "--data-dir", data]) == 0
    assert _count(tmp_path / "data" / DB_NAME) == 7


def test_backup_to_a_file(tmp_path, capsys):
    data = str(tmp_path / "data")
    with Store.open(data) as store:
        record_right_answers(store, store.create_learner("Ann").id, 2)
    target = tmp_path / "usb" / "mine.sqlite3"
    target.parent.mkdir()
    assert main(["backup", "--to", str(target), "--data-dir", data]) == 0
    assert _count(target) == 2
    assert sorted(p.name for p in target.parent.iterdir()) == ["mine.sqlite3"]


def test_errors_are_one_readable_line(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert main(["backup", "--data-dir", data]) == 1
    assert "There is no results file to back up" in capsys.readouterr().err
    (tmp_path / "list.txt").write_text("milk\n")
    with Store.open(data) as store:
        record_right_answers(store, store.create_learner("Ann").id, 1)
    assert main(["restore", str(tmp_path / "list.txt"), "--data-dir", data]) == 1
    err = capsys.readouterr().err
    assert "cannot be restored" in err and "Traceback" not in err
    assert main(["restore", "nowhere.sqlite3", "--data-dir", data]) == 1
    assert "there is no file nowhere.sqlite3" in capsys.readouterr().err
    assert _count(tmp_path / "data" / DB_NAME) == 1


def test_a_backup_made_by_hand_outlives_the_automatic_ones_and_a_restore(tmp_path, capsys):
    """A teacher's "before the exam" backup: made by hand, then automatic backups the same
    day and a restore of it; it is still there, marked kept, and so is the restore's copy."""
    from datetime import UTC, datetime, timedelta

    from quizapp.core.backup import made_by_hand, make_backup

    data = str(tmp_path / "data")
    with Store.open(data) as store:
        ann = store.create_learner("Ann")
        record_right_answers(store, ann.id, 3)
    assert main(["backup", "--data-dir", data]) == 0
    capsys.readouterr()
    (by_hand,) = backup_files(backups_dir(data))
    assert made_by_hand(by_hand)
    # The app's automatic backups later that same (local) day: 10 minutes apart, or closer
    # near midnight (at 23:56, "+5, +15 and +25 minutes" fell on two days, and each day
    # rightly kept its newest automatic backup: 2).
    now = datetime.now(UTC)
    end_of_day = now.astimezone().replace(hour=23, minute=59, second=59, microsecond=0)
    step = min(timedelta(minutes=10), (end_of_day - now) / 4)
    for n in (1, 2, 3):
        with Store.open(data) as store:
            record_right_answers(store, ann.id, 1)
        make_backup(tmp_path / "data", now + n * step)
    files = backup_files(backups_dir(data))
    assert by_hand in files
    assert sum(not made_by_hand(p) for p in files) == 1  # the day's newest automatic one
    assert main(["backups", "--data-dir", data]) == 0
    listing = capsys.readouterr().out
    line = next(x for x in listing.splitlines() if by_hand.name in x)
    assert "3 answers" in line and "kept" in line
    assert main(["restore", by_hand.name, "--data-dir", data]) == 0
    capsys.readouterr()
    assert _count(tmp_path / "data" / DB_NAME) == 3
    after = backup_files(backups_dir(data))
    assert by_hand in after  # the restore did not delete the backup it restored
    undo = [p for p in after if made_by_hand(p) and p != by_hand]
    assert len(undo) == 1 and _count(undo[0]) == 6
