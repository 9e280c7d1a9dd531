"""A newer quizapp's results file is refused and kept, and a results file set aside in the
data folder that this quizapp can read is named at start and in `quizapp backups`, with
the command that restores it (an outside tester's history was hidden in a `.bad` file)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from store_samples import filled_database

from quizapp.cli import main
from quizapp.core.store import DB_NAME, SCHEMA_VERSION, Store

SET_ASIDE = f"{DB_NAME}.20261129T135059507275Z.bad"


def make_newer_file(folder):
    filled_database(folder)
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()


def test_every_command_refuses_a_newer_file_with_a_message(tmp_path):
    make_newer_file(tmp_path)
    data = (tmp_path / DB_NAME).read_bytes()
    for command in ("sync", "results"):
        done = subprocess.run(
            [sys.executable, "-m", "quizapp", command, "--data-dir", str(tmp_path)],
            capture_output=True, text=True, timeout=60,
        )
        assert done.returncode == 1, done
        assert (
            f"This results file was written by a newer version of quizapp (schema "
            f"{SCHEMA_VERSION + 1}); install that version to open it" in done.stderr
        )
        assert "Traceback" not in done.stderr and "unexpected problem" not in done.stderr
    # Kept where it is, as it is (SQLite's reading may leave its empty -wal and -shm).
    assert (tmp_path / DB_NAME).read_bytes() == data
    assert not [p for p in tmp_path.iterdir() if ".bad" in p.name]


def set_aside_with_answers(folder):
    """A data folder whose results file an older quizapp set aside (`.bad`), with a new,
    empty one beside it; the answers in the one set aside."""
    filled_database(folder)
    answers = sqlite3.connect(folder / DB_NAME).execute("SELECT count(*) FROM answers")
    count = answers.fetchone()[0]
    assert count > 0
    os.replace(folder / DB_NAME, folder / SET_ASIDE)
    Store.open(folder).close()  # the empty store an older quizapp started
    return count


def test_a_readable_file_set_aside_is_named_at_start(tmp_path):
    count = set_aside_with_answers(tmp_path)
    store = Store.open(tmp_path)
    try:
        assert store.recovery_notice is not None
        text = store.recovery_notice.text
        assert "A results file set aside on 2026-11-29" in text
        assert f"holds {count} answers: quizapp restore {tmp_path / SET_ASIDE}" in text
    finally:
        store.close()


def test_quizapp_backups_names_it_and_restore_brings_it_back(tmp_path, capsys):
    count = set_aside_with_answers(tmp_path)
    assert main(["backups", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"holds {count} answers: quizapp restore {tmp_path / SET_ASIDE}" in out
    assert main(["restore", str(tmp_path / SET_ASIDE), "--data-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    store = Store.open(tmp_path)
    try:
        assert store._read("SELECT count(*) FROM answers") == [(count,)]
        # Restored: no longer named as hidden history.
        assert store.recovery_notice is None
    finally:
        store.close()
    assert main(["backups", "--data-dir", str(tmp_path)]) == 0
    assert "set aside" not in capsys.readouterr().out


def test_a_damaged_or_newer_file_set_aside_is_not_offered(tmp_path):
    (tmp_path / SET_ASIDE).write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    make_newer_file(tmp_path / "n")
    os.replace(tmp_path / "n" / DB_NAME, tmp_path / SET_ASIDE.replace("1Z", "2Z"))
    store = Store.open(tmp_path)
    try:
        assert store.recovery_notice is None
    finally:
        store.close()


def test_quizapp_backup_of_a_newer_file_says_it_cannot_read_it(tmp_path, capsys):
    make_newer_file(tmp_path)
    assert main(["backup", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "None answers" not in out
    assert f"this version of quizapp cannot read it: it was made by a newer quizapp (data " \
        f"format {SCHEMA_VERSION + 1})" in out
