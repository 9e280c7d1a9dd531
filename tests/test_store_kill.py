"""SIGKILL a writer mid-session, many times: every answer it reported as committed survives."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time

import pytest
from helpers import read_lines, two_choice_bank

from quizapp.core.store import DB_NAME, Store

BANK = two_choice_bank(20)
KILLS = 25


def _writer(folder, fd) -> None:
    """The child: answer forever, reporting each uuid only after record_answer returned."""
    store = Store.open(folder)
    learner = store.learner_by_name("Ann") or store.create_learner("Ann")
    sid = store.start_session(learner.id, BANK, "quiz")
    os.write(fd, b"ready\n")
    n = 0
    while True:
        rec = store.record_answer(
            sid,
            BANK.questions[n % 20],
            response="a" * (n % 300),
            correct=n % 3 > 0,
            credit=1.0,
            seconds=1.0,
        )
        os.write(fd, rec.uuid.encode() + b"\n")  # committed: record_answer returned
        n += 1
        if n % 7 == 0:  # the statistics catch up with the answers (a kill may land in it)
            store.bank_summary(learner.id, BANK)
        if n % 25 == 0:
            store.finish_session(sid, 0.5)
            sid = store.start_session(learner.id, BANK, "quiz")


def _spawn(folder):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns into pytest
        os.close(read)
        try:
            _writer(folder, write)
        finally:
            os._exit(1)
    os.close(write)
    return pid, read


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX fork and SIGKILL")
def test_sigkill_mid_session_loses_no_committed_answer(tmp_path):
    rng = random.Random(4)
    reported: set[str] = set()
    started = time.monotonic()
    for kill in range(KILLS):
        pid, fd = _spawn(tmp_path)
        buffer = bytearray()
        lines: list[str] = []
        while "ready" not in lines:
            lines += read_lines(fd, buffer, 5)
            assert time.monotonic() - started < 60, "writer did not start"
        # Let it write for a random while, then kill it wherever it is.
        deadline = time.monotonic() + rng.uniform(0.005, 0.1)
        while time.monotonic() < deadline:
            reported.update(x for x in read_lines(fd, buffer, 0.005) if x != "ready")
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        # Whole lines already in the pipe were written after a commit: they count too.
        while True:
            more = read_lines(fd, buffer, 0)
            if not more:
                break
            reported.update(x for x in more if x != "ready")
        os.close(fd)
        conn = sqlite3.connect(tmp_path / DB_NAME)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = {r[0] for r in conn.execute("SELECT uuid FROM answers")}
            missing = reported - stored
            assert not missing, f"kill {kill}: {len(missing)} committed answers lost"
            # The card's review was written in the same transaction as each answer; the
            # statistics count exactly the answers up to their mark (caught up together).
            assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == len(stored)
            total = conn.execute("SELECT coalesce(sum(answers), 0) FROM bank_stats").fetchone()[0]
            counted = conn.execute(
                "SELECT count(*) FROM answers WHERE id <= (SELECT answer_id FROM stats_mark)"
            ).fetchone()[0]
            assert total == counted
        finally:
            conn.close()
        if kill % 5 == 0:
            # The next reader catches up with what the killed writer left uncounted.
            with Store.open(tmp_path) as reader:
                ann = reader.learner_by_name("Ann")
                assert reader.bank_summary(ann.id, BANK).answers == len(stored)
    assert len(reported) > KILLS  # the writers did get answers in
    store = Store.open(tmp_path)
    assert store.recovery_message is None
    assert store.integrity_check() == "ok"
    store.close()
