"""Undo, then a crash: SIGKILL a learner's process that answers and takes answers back
(QuizSession.undo_last, the Ctrl+Z of the quiz screen), restart, and check that every
retraction reported as done is there and every number agrees with the log."""

from __future__ import annotations

import os
import random
import signal
import sqlite3

import pytest
from helpers import read_lines, two_choice_bank

from quizapp.core.session import QuizSession
from quizapp.core.store import DB_NAME, Store

BANK = two_choice_bank(6)
KILLS = 8

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX fork and SIGKILL")


def _learner(folder) -> None:
    """The child: practice forever, taking back every other answer, and report each
    answer ("A uuid") and each retraction ("R uuid") only once the session returned
    (committed in the store)."""
    fd = int(os.environ["UNDO_KILL_FD"])
    store = Store.open(folder)
    learner = store.learner_by_name("Ann") or store.create_learner("Ann")
    os.write(fd, b"ready\n")
    n = 0
    while True:
        session = QuizSession(store, learner.id, BANK, mode="practice", seed=n)
        while not session.finished:
            session.submit(n % 3 % 2)  # right, wrong, right, ...
            uuid = session.last_record.uuid
            os.write(fd, f"A {uuid}\n".encode())
            if n % 2:
                session.undo_last()
                os.write(fd, f"R {uuid}\n".encode())
                session.submit(0)
                os.write(fd, f"A {session.last_record.uuid}\n".encode())
            session.advance()
            n += 1


def _spawn(folder):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns into pytest
        os.close(read)
        try:
            os.environ["UNDO_KILL_FD"] = str(write)
            _learner(folder)
        finally:
            os._exit(1)
    os.close(write)
    return pid, read


def snapshot(store: Store, learner_id: int):
    return (
        store.bank_summary(learner_id, BANK),
        store.question_stats(learner_id, BANK),
        [store.card_state(learner_id, BANK.id, q.id) for q in BANK.questions],
        store.answers_per_day(learner_id),
        store.item_analysis(BANK),
    )


def test_undo_then_sigkill_then_restart_keeps_the_retraction_and_the_numbers(tmp_path):
    rng = random.Random(16)
    answered: set[str] = set()
    retracted: set[str] = set()
    for _kill in range(KILLS):
        pid, fd = _spawn(tmp_path)
        buffer = bytearray()
        lines: list[str] = []
        while "ready" not in lines:
            lines += read_lines(fd, buffer, 10)
        # Let it answer and take back a few, then kill it at a random moment.
        wanted = rng.randint(3, 12)
        while sum(line.startswith("R ") for line in lines) < wanted:
            got = read_lines(fd, buffer, 10)
            assert got, "the child stopped answering"
            lines += got
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines += read_lines(fd, buffer, 0)
        os.close(fd)
        answered |= {line[2:] for line in lines if line.startswith("A ")}
        retracted |= {line[2:] for line in lines if line.startswith("R ")}

        # Restart: nothing reported is lost, every reported retraction is there.
        store = Store.open(tmp_path)
        try:
            assert store.recovery_message is None
            assert store.integrity_check() == "ok"
            rows = {r.uuid: r for r in store.export_rows()}
            assert answered <= rows.keys()
            assert all(rows[u].retracted is not None for u in retracted)
            learner_id = store.learner_by_name("Ann").id
            # The numbers count exactly the answers that stand...
            standing = [r for r in rows.values() if r.retracted is None]
            summary = store.bank_summary(learner_id, BANK)
            assert (summary.answers, summary.correct) == (
                len(standing),
                sum(r.correct for r in standing),
            )
            reviews = sum(
                c.reviews
                for c in (store.card_state(learner_id, BANK.id, q.id) for q in BANK.questions)
                if c
            )
            assert reviews == len(standing)
            # ...and equal a rebuild from the logs (no half-applied retraction).
            before = snapshot(store, learner_id)
            store.rebuild_derived()
            assert snapshot(store, learner_id) == before
        finally:
            store.close()
    assert len(retracted) >= KILLS * 3
    conn = sqlite3.connect(tmp_path / DB_NAME)
    try:
        # Append-only: a retracted answer is still in the log.
        (count,) = conn.execute(
            "SELECT count(*) FROM answers a JOIN retractions r ON r.answer_uuid = a.uuid"
        ).fetchone()
        assert count >= len(retracted)
    finally:
        conn.close()
