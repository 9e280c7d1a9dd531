"""SIGKILL a writer mid-session, many times: every answer it reported as committed survives."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from quizapp.core.store import DB_NAME

WRITER = r"""
import sys
from quizapp.core.model import Bank, Choice, MultipleChoice
from quizapp.core.store import Store

bank = Bank(id="trade", title="Trade", questions=tuple(
    MultipleChoice(id=f"q{i}", prompt="?", choices=(Choice(text="a"), Choice(text="b")), correct=0)
    for i in range(20)))
store = Store.open(sys.argv[1])
learner = store.learner_by_name("Ann") or store.create_learner("Ann")
sid = store.start_session(learner.id, bank, "quiz")
print("ready", flush=True)
n = 0
while True:
    q = bank.questions[n % 20]
    rec = store.record_answer(sid, q, response="a" * (n % 300), correct=n % 3 > 0,
                              credit=1.0, seconds=1.0)
    print(rec.uuid, flush=True)  # only after record_answer returned, i.e. committed
    n += 1
    if n % 25 == 0:
        store.finish_session(sid, 0.5)
        sid = store.start_session(learner.id, bank, "quiz")
"""

KILLS = 25


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_sigkill_mid_session_loses_no_committed_answer(tmp_path):
    rng = random.Random(4)
    reported: set[str] = set()
    started = time.monotonic()
    for kill in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "ready"
        # Let it write for a random while, then kill it wherever it is.
        deadline = time.monotonic() + rng.uniform(0.005, 0.12)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.endswith("\n"):
                reported.add(line.strip())
        proc.send_signal(signal.SIGKILL)
        # Lines already written to the pipe were printed after a commit: they count too.
        for line in proc.stdout:
            if line.endswith("\n"):
                reported.add(line.strip())
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
        conn = sqlite3.connect(tmp_path / DB_NAME)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = {r[0] for r in conn.execute("SELECT uuid FROM answers")}
            missing = reported - stored
            assert not missing, f"kill {kill}: {len(missing)} committed answers lost"
            # Derived rows were written in the same transaction as each answer.
            total = conn.execute("SELECT coalesce(sum(answers), 0) FROM bank_stats").fetchone()[0]
            assert total == len(stored)
            reviews = conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
            assert reviews == len(stored)
        finally:
            conn.close()
    assert len(reported) > KILLS  # the writers did get answers in
    assert time.monotonic() - started < 60
