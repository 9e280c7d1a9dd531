"""`quizapp backup`, `backups`, `restore` and `results` on a data folder they cannot use
say why, as the app does: a file where the folder should be (QUIZAPP_DATA_DIR set to one),
a read-only folder a backup or restore must write in. And a backup `--to` a writable place
copies a results file on read-only media, the answers still in its journal too. An outside
tester got an empty export (exit 0), "No backups yet", "There is no results file to back
up", "unexpected problem (OSError: [Errno 30] Read-only file system ...); please report
it", and "The backup FILE could not be written: unable to open database file" (the file
was writable: the results file could not be opened)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from bank_samples import FOUR_TAGGED as BANK

from quizapp.cli import main
from quizapp.core.store import DB_NAME, Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", [["results"], ["backups"], ["backup"],
                                     ["restore", "backup.sqlite3"]])
def test_a_data_folder_that_is_a_file_is_named_so(command, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "quizapp-data"
    blocker.write_text("x")
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(blocker))
    assert main(command) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"quizapp {command[0]}: The data folder {blocker} cannot be used: it is a "
                   "file, not a folder. Move or rename that file, or start quizapp with "
                   "--data-dir and a folder.\n")
    assert blocker.read_text() == "x" and sorted(tmp_path.iterdir()) == [blocker]


def _as_unprivileged(*args: str) -> subprocess.CompletedProcess:
    """`quizapp ARGS` in a process of a user who may not write in the read-only folders
    (when the tests run as root, who may write anywhere: an unprivileged user of a user
    namespace of its own, util-linux `unshare`)."""
    as_user = ["unshare", "--map-user=65534", "--map-group=65534"] if os.geteuid() == 0 else []
    return subprocess.run([*as_user, sys.executable, "-m", "quizapp", *args],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


@pytest.fixture
def read_only_media(tmp_path):
    """(a read-only folder holding a results file of 5 answers, the 5th only in its -wal,
    as a folder copied while the app had it open; a folder anyone may write in)."""
    data = tmp_path / "data"
    store = Store.open(data)
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, BANK, "quiz")
    for q in BANK.questions:
        store.record_answer(sid, q, response="a", correct=True, credit=1, seconds=1)
    store.checkpoint()
    store.record_answer(sid, BANK.questions[0], response="in the journal", correct=True,
                        credit=1, seconds=1)
    media = Path(tempfile.mkdtemp(prefix="quizapp-ro-"))  # reachable by any user
    out = Path(tempfile.mkdtemp(prefix="quizapp-out-"))
    os.chmod(out, 0o777)
    try:
        for name in (DB_NAME, DB_NAME + "-wal"):
            shutil.copy(data / name, media / name)
            os.chmod(media / name, 0o444)
        os.chmod(media, 0o555)
        as_user = ["unshare", "--map-user=65534", "--map-group=65534"] if os.geteuid() == 0 else []
        probe = subprocess.run([*as_user, "touch", str(media / "probe")], capture_output=True)
        assert probe.returncode != 0  # the folder is read-only to the commands
        yield media, out
    finally:
        store.close()
        os.chmod(media, 0o755)
        shutil.rmtree(media)
        shutil.rmtree(out)


def test_backup_and_restore_in_a_read_only_folder_say_it_is_read_only(read_only_media):
    media, out = read_only_media
    for args in (["backup"], ["restore", str(media / DB_NAME)]):
        done = _as_unprivileged(*args, "--data-dir", str(media))
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith(f"quizapp {args[0]}: The data folder {media} is "
                                      "read-only"), done.stderr
        assert "unexpected problem" not in done.stderr
    assert sorted(p.name for p in media.iterdir()) == [DB_NAME, DB_NAME + "-wal"]


def test_a_backup_to_a_writable_place_copies_the_file_on_read_only_media(read_only_media):
    media, out = read_only_media
    target = out / "copy.sqlite3"
    done = _as_unprivileged("backup", "--data-dir", str(media), "--to", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{target}: 5 answers, 1 learner, {target.stat().st_size // 1024} kB\n"
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("SELECT count(*) FROM answers WHERE response LIKE"
                            " '%in the journal%'").fetchone() == (1,)
    finally:
        conn.close()
    assert sorted(p.name for p in media.iterdir()) == [DB_NAME, DB_NAME + "-wal"]
    # Without a journal beside it, the file alone is copied.
    os.chmod(media, 0o755)
    os.chmod(media / (DB_NAME + "-wal"), 0o644)
    (media / (DB_NAME + "-wal")).unlink()
    os.chmod(media, 0o555)
    again = out / "again.sqlite3"
    done = _as_unprivileged("backup", "--data-dir", str(media), "--to", str(again))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{again}: 4 answers, 1 learner")
    assert sorted(p.name for p in media.iterdir()) == [DB_NAME]


def test_an_answer_after_quizapp_restore_says_what_may_have_happened(tmp_path, capsys):
    """A quiz open in the app while `quizapp restore` brings back a backup made before the
    quiz began: the next answer cannot be saved, and the reason names the restore too (it
    asked "was the learner deleted?")."""
    from quizapp.core.backup import make_backup

    data = tmp_path / "data"
    store = Store.open(data)
    try:
        ann = store.create_learner("Ann")
        before = make_backup(data)
        sid = store.start_session(ann.id, BANK, "quiz")
        store.record_answer(sid, BANK.questions[0], response="a", correct=True, credit=1,
                            seconds=1)
        assert main(["restore", str(before), "--data-dir", str(data)]) == 0
        capsys.readouterr()
        with pytest.raises(ValueError) as refused:
            store.record_answer(sid, BANK.questions[1], response="a", correct=True, credit=1,
                                seconds=1)
        assert str(refused.value) == (
            "This study session is no longer in the results file: its learner was deleted,"
            " or a backup was restored, in another quizapp window or by a quizapp command."
            " Leave it and start again.")
    finally:
        store.close()
