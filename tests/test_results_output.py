"""`quizapp results -o FILE` never loses a file: it refuses an existing file without
--force, never writes the results file, its journals or anything in the backups folder
(even with --force, under any name or link), and writes through a temporary file renamed
into place, so a failure half way leaves the earlier file whole."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.commands import results
from quizapp.core.backup import backups_dir, make_backup
from quizapp.core.model import Bank, ShortAnswer
from quizapp.core.store import DB_NAME, Store

BANK = Bank(id="b", title="B", questions=(ShortAnswer(id="q", prompt="?", answers=("x",)),))


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    store = Store.open(folder)
    learner = store.create_learner("Ann")
    sid = store.start_session(learner.id, BANK, "practice")
    for n in range(5):
        store.record_answer(sid, BANK.questions[0], response=f"a{n}", correct=n % 2 == 0,
                            credit=n % 2, seconds=1)
    store.finish_session(sid, 0.5)
    store.close()
    return folder


def _answers(folder: Path) -> int:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        return conn.execute("SELECT count(*) FROM answers").fetchone()[0]
    finally:
        conn.close()


def run(capsys, folder, *args):
    code = main(["results", "--data-dir", str(folder), *args])
    return code, capsys.readouterr().err


def test_an_existing_file_is_replaced_only_with_force(data_dir, tmp_path, capsys):
    bank = tmp_path / "mybank.yaml"
    bank.write_text("id: mine\n", encoding="utf-8")
    code, err = run(capsys, data_dir, "-o", str(bank))
    assert code == 1 and "already exists" in err and "--force" in err
    assert bank.read_text(encoding="utf-8") == "id: mine\n"
    code, err = run(capsys, data_dir, "-o", str(bank), "--force")
    assert code == 0 and err == ""
    assert len(bank.read_text(encoding="utf-8").splitlines()) == 6


@pytest.mark.parametrize("name", [DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm",
                                  DB_NAME + "-journal"])
def test_the_results_file_and_its_journals_are_never_written(data_dir, capsys, name):
    target = data_dir / name
    before = target.read_bytes() if target.exists() else None
    code, err = run(capsys, data_dir, "-o", str(target), "--force")
    assert code == 1 and "file being read" in err
    assert (target.read_bytes() if target.exists() else None) == before
    assert _answers(data_dir) == 5


def test_the_results_file_under_another_name_is_never_written(data_dir, tmp_path, capsys):
    link = tmp_path / "link.csv"
    link.symlink_to(data_dir / DB_NAME)
    hard = tmp_path / "hard.csv"
    os.link(data_dir / DB_NAME, hard)
    spelled = data_dir / ".." / data_dir.name / DB_NAME
    for target in (link, hard, spelled):
        code, err = run(capsys, data_dir, "-o", str(target), "--force")
        assert code == 1 and "file being read" in err, target
    assert _answers(data_dir) == 5


def test_nothing_is_written_in_the_backups_folder(data_dir, tmp_path, capsys):
    backup = make_backup(data_dir)
    before = backup.read_bytes()
    hard = tmp_path / "hard.csv"
    os.link(backup, hard)
    link = tmp_path / "into-backups"
    link.symlink_to(backups_dir(data_dir))
    for target in (backup, backups_dir(data_dir) / "new.csv", hard, link / "x.csv"):
        code, err = run(capsys, data_dir, "-o", str(target), "--force")
        assert code == 1 and "backups" in err and "even --force" in err, target
    assert backup.read_bytes() == before
    assert sorted(p.name for p in backups_dir(data_dir).iterdir()) == [backup.name]


def test_a_failure_half_way_leaves_the_earlier_file_whole(data_dir, tmp_path, capsys,
                                                          monkeypatch):
    out = tmp_path / "results.csv"
    assert run(capsys, data_dir, "-o", str(out))[0] == 0
    good = out.read_bytes()

    def writes_a_row_then_fails(rows, stream):
        stream.write("uuid,learner\r\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(results, "write_csv_cells", writes_a_row_then_fails)
    code, err = run(capsys, data_dir, "-o", str(out), "--force")
    assert code == 1 and "cannot write" in err and "No space left" in err
    assert out.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "results.csv"]


def test_no_results_file_yet_writes_the_header_to_the_output(tmp_path, capsys):
    out = tmp_path / "empty.csv"
    code, err = run(capsys, tmp_path / "none", "-o", str(out))
    assert code == 0 and out.read_text(encoding="utf-8").startswith("uuid,")
    assert capsys.readouterr().out == ""
    assert not (tmp_path / "none" / DB_NAME).exists()


KILLED_EXPORT = textwrap.dedent(
    """
    import sys, threading
    from quizapp.cli import main
    from quizapp.commands import results

    def stops_half_way(rows, stream):
        stream.write("uuid,learner\\r\\n")
        stream.flush()
        print("writing", flush=True)
        threading.Event().wait()  # until the parent kills us here

    results.write_csv_cells = stops_half_way
    main(["results", "--data-dir", sys.argv[1], "-o", sys.argv[2], "--force"])
    """
)


def test_kill_9_mid_export_keeps_the_earlier_file_and_the_next_run_tidies_up(
    data_dir, tmp_path, capsys
):
    out = tmp_path / "results.csv"
    assert run(capsys, data_dir, "-o", str(out))[0] == 0
    good = out.read_bytes()
    child = subprocess.Popen([sys.executable, "-c", KILLED_EXPORT, str(data_dir), str(out)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "writing"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert out.read_bytes() == good  # the earlier file, whole
    (left,) = tmp_path.glob(f".quizapp-save-h*-{child.pid}-*")
    assert left.read_bytes() == b"uuid,learner\r\n"
    assert run(capsys, data_dir, "-o", str(out), "--force")[0] == 0
    assert not left.exists() and out.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "results.csv"]
