"""`quizapp backup` and `quizapp restore` beside another database's journal (a -wal copied
next to the results file): read through it, the file is a mixture of the two. An outside
tester's `quizapp backup` made, exit 0, a "backup" holding the other store's settings page
(its store id, this one's last learner and check gone). Now both refuse, change nothing,
and say what the app does (it moves the journal aside at its next start), as `quizapp
results` does; after that start they work."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from store_samples import plant_journal, quizzes_of

from quizapp.cli import main
from quizapp.core import backup
from quizapp.core.store import DB_NAME, Store


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()
            and not p.name.endswith("-shm")}  # (SQLite makes a -shm to read the -wal)


@pytest.fixture(params=["quizapp", "recipes"])
def foreign_journal(request, tmp_path):
    data = tmp_path / "data"
    quizzes_of(data, "Ann")
    saved = backup.make_backup(data)
    if request.param == "quizapp":
        bob = quizzes_of(tmp_path / "other", "Bob", 3, keep_journal=True)
        plant_journal(tmp_path / "other" / DB_NAME, data)
        bob.close()
    else:
        conn = sqlite3.connect(tmp_path / "recipes.sqlite3")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('bread')")
        conn.commit()
        plant_journal(tmp_path / "recipes.sqlite3", data)
        conn.close()
    return data, saved


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_backup_and_restore_refuse_another_databases_journal(foreign_journal, command,
                                                             capsys):
    data, saved = foreign_journal
    before = _files(data)
    args = ["backup"] if command == "backup" else ["restore", saved.name]
    assert main([*args, "--data-dir", str(data)]) == 1
    out, err = capsys.readouterr()
    done = "no backup was made" if command == "backup" else "nothing was restored"
    assert out == "" and err == (
        f"quizapp {command}: The journal files next to the results file {data / DB_NAME} "
        f"({DB_NAME}-wal, -shm) belong to another database, so {done}; nothing was changed. "
        "Start quizapp: it moves those journal files aside untouched and keeps the results "
        "file, which is sound (your answers are all there); then "
        f"{'back up again' if command == 'backup' else 'restore it again'}.\n")
    assert _files(data) == before
    # The app's start moves the journal aside; then both work, with Ann's answers.
    with Store.open(data) as store:
        assert "belonged to another database" in store.recovery_message
    assert main([*args, "--data-dir", str(data)]) == 0
    newest = backup.list_backups(backup.backups_dir(data))[0]
    assert (newest.answers, newest.learners) == (4, 1)
    capsys.readouterr()


def test_the_apps_own_journal_is_backed_up_with_it(tmp_path, capsys):
    """A -wal of the results file's own (a window open, or killed) is no foreign one."""
    data = tmp_path / "data"
    store = quizzes_of(data, "Ann", keep_journal=True)
    try:
        assert (data / (DB_NAME + "-wal")).stat().st_size > 0
        copy = tmp_path / "copy" / "ann.sqlite3"
        assert main(["backup", "--data-dir", str(data), "--to", str(copy)]) == 0
        assert "4 answers, 1 learner" in capsys.readouterr().out
    finally:
        store.close()
    shutil.rmtree(tmp_path / "copy")
