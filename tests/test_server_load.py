"""The class server under load and faults: 50 computers at once, a server that stops
in the middle of a push, and the teacher overview against the stores' exports."""

from __future__ import annotations

import threading
import time
import uuid
from collections import defaultdict
from datetime import timedelta

import pytest

psycopg = pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402
from helpers import wait_until  # noqa: E402

from quizapp.core.sync_batch import SyncBatch  # noqa: E402
from quizapp.server import overview, sync  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402

BANK = make_bank()


def _generated_batch(n_answers: int, start) -> SyncBatch:
    """One computer's rows, as Store.unpushed gives them: 10 sessions of n/10 answers."""
    batch = SyncBatch()
    per_session = n_answers // 10
    for s in range(10):
        session = str(uuid.uuid4())
        started = start + timedelta(hours=s)
        batch.sessions.append((session, "trade", "h1", "quiz", started.isoformat()))
        batch.ends.append((session, "trade", (started + timedelta(minutes=30)).isoformat(),
                           0.5, "finished", None))
        for i in range(per_session):
            when = (started + timedelta(seconds=i)).isoformat()
            answer = str(uuid.uuid4())
            batch.answers.append((answer, session, "trade", f"q{i % 6}", '"yes"', i % 2 == 0,
                                  float(i % 2 == 0), 4.5, when, None, None))
            batch.reviews.append((answer, 0, "trade", f"q{i % 6}", 3, when, 4500, None,
                                  (i % 997) / 997))
    return batch


def test_fifty_computers_push_a_thousand_answers_each_at_once(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    names = [f"Learner {k:02d}" for k in range(50)]
    for name in names:
        school.add(name)
    batches = {name: _generated_batch(1000, T0) for name in names}
    errors: list[BaseException] = []
    ready = threading.Barrier(50)

    def computer(name: str) -> None:
        try:
            with school.as_person(name) as conn:
                sync._prepare(conn)
                batch = batches[name]
                ready.wait()
                # Four pushes of 250 answers (with their sessions), then the first again,
                # as after a crash between the server's commit and the computer's mark.
                for part in range(4):
                    piece = SyncBatch(
                        sessions=batch.sessions if part == 0 else [],
                        ends=batch.ends if part == 3 else [],
                        answers=batch.answers[part * 250 : (part + 1) * 250],
                        reviews=batch.reviews[part * 250 : (part + 1) * 250],
                    )
                    sync.push_batch(conn, piece, str(uuid.uuid4()))
                sync.push_batch(conn, SyncBatch(sessions=batch.sessions,
                                                answers=batch.answers[:250]), None)
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    started = time.monotonic()
    threads = [threading.Thread(target=computer, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    elapsed = time.monotonic() - started
    assert errors == []
    assert not any(t.is_alive() for t in threads)
    assert elapsed < 120  # bounded: CI's slowest run took a few seconds
    with school.admin() as conn:
        count, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT uuid) FROM quizapp.answers"
        ).fetchone()
        assert count == distinct == 50_000
        sent = {a[0] for b in batches.values() for a in b.answers}
        got = {str(r[0]) for r in conn.execute("SELECT uuid FROM quizapp.answers")}
        assert got == sent
        assert conn.execute("SELECT count(*) FROM quizapp.reviews").fetchone()[0] == 50_000
        per_learner = conn.execute(
            "SELECT min(answers), max(answers), sum(attempts) FROM quizapp.learner_banks"
        ).fetchone()
        assert per_learner == (1000, 1000, 500)


def test_server_stopped_in_the_middle_of_a_push(pg_server, pg_database, tmp_path):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    lab = school.computer(tmp_path / "lab", "Ann")
    ann = lab.learner_by_name("Ann").id
    for day in range(3):
        study(lab, "Ann", BANK, [(f"q{i % 6}", i % 3 > 0, 3) for i in range(40)],
              T0 + timedelta(days=day))
    # The app is killed right after the server committed a batch, before it marked it.
    first = lab.unpushed(ann, limit=30)
    with school.as_person("Ann") as conn:
        sync._prepare(conn)
        sync.push_batch(conn, first, None)
    # Then a push is cut off by the server stopping, in the middle of its transaction.
    blocker = school.admin()
    blocker.autocommit = False
    blocker.execute("LOCK TABLE quizapp.answers IN SHARE MODE")
    outcome = {}
    pusher = threading.Thread(target=lambda: outcome.update(result=sync.sync(lab)))
    pusher.start()
    try:
        with school.admin() as watcher:
            wait_until(lambda: watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND datname = current_database()").fetchone()[0] > 0)
        pg_server.stop("immediate")
        pusher.join(timeout=60)
        result = outcome["result"]
        assert result.offline and "class server" in result.summary()
        # The app keeps working offline: an answer is recorded and counted as waiting.
        study(lab, "Ann", BANK, [("q0", True, 3)], T0 + timedelta(days=4))
        assert sync.waiting(lab) == 121
    finally:
        blocker.close() if not blocker.closed else None
        if not pusher.is_alive():
            pg_server.start()
    again = sync.sync(lab)
    # the batch committed before the kill was sent again: the server already had it
    assert (again.offline, again.errors, again.pushed, again.already_there) == (
        False, [], 91, 30)
    assert sync.waiting(lab) == 0
    local = sorted(r[0] for r in lab.export_records())
    with school.admin() as conn:
        server = sorted(str(r[0]) for r in conn.execute("SELECT uuid FROM quizapp.answers"))
        ann_row = conn.execute("SELECT answers FROM quizapp.learner_banks").fetchone()
    assert server == local and len(local) == 121
    assert ann_row == (121,)


def _overview_from_exports(stores):
    """learner x bank as `quizapp results` of every store gives it, put together (an
    answer pulled to a second computer is the same answer: one uuid): answers, attempts
    (sessions with a score), best and last (the attempt finished last). An answer taken
    back on any computer (its `retracted` column) is not counted."""
    answers = defaultdict(set)
    sessions = defaultdict(dict)
    retracted = {r[0] for store in stores for r in store.export_records() if r[16]}
    for store in stores:
        for r in store.export_records():
            key = (r[1], r[2])
            if r[0] not in retracted:
                answers[key].add(r[0])
            else:
                answers[key]  # noqa: B018 (the server keeps the row, at 0 answers)
            if r[11] is not None:
                sessions[key][(r[13], r[12])] = r[11]
    out = []
    for key in sorted(answers, key=lambda k: (k[0].lower(), k[0], k[1])):
        scores = sessions[key]
        last = scores[max(scores)] if scores else None
        out.append((*key, len(scores), max(scores.values(), default=None), last,
                    len(answers[key])))
    return out


def test_teacher_overview_equals_the_export_of_every_store(pg_server, pg_database, tmp_path):
    school = make_school(pg_server, pg_database, classes=("7B", "8A"))
    for name in ("Ann", "Bob", "Cy"):
        school.add(name)
    school.add("Tess", "teacher", classes=("7B",))
    other = make_bank(bank_id="tariffs")
    lab1 = school.computer(tmp_path / "lab1", "Ann", "Bob")
    lab2 = school.computer(tmp_path / "lab2", "Ann", "Cy")
    study(lab1, "Ann", BANK, [("q0", True, 3), ("q1", False, 1)], T0, score=0.5)
    study(lab2, "Ann", BANK, [("q0", True, 3)], T0 + timedelta(days=1), score=1.0)
    study(lab2, "Ann", BANK, [("q2", False, 1)], T0 + timedelta(days=2), mode="flashcards",
          score=None)
    study(lab1, "Bob", other, [("q3", True, 4)] * 3, T0 + timedelta(days=3), score=0.25)
    study(lab2, "Cy", BANK, [("q4", True, 3)], T0 + timedelta(days=4), score=0.75)
    lid = lab2.learner_by_name("Cy").id
    left = lab2.start_session(lid, BANK, "quiz", now=T0 + timedelta(days=5))
    lab2.record_answer(left, "q5", response="x", correct=False, credit=0.0, seconds=3.0,
                       rating=1, now=T0 + timedelta(days=5, minutes=1))
    lab2.abandon_session(left, now=T0 + timedelta(days=5, minutes=2))
    for lab in (lab1, lab2):
        assert sync.sync(lab).errors == []

    with school.as_person("Tess") as conn:
        rows = overview.learner_bank_rows(conn)
    got = [(r.learner, r.bank_id, r.attempts, r.best_score, r.last_score, r.answers)
           for r in rows]
    assert got == _overview_from_exports([lab1, lab2])
    assert ("Ann", "trade", 2, 1.0, 1.0, 4) in got

    # Ann takes back on lab2 an answer she gave on lab1 (pulled there) and Bob one of
    # his on lab1; each computer syncs twice so that each has the other's retractions.
    ann_q1 = next(r[0] for r in lab2.export_records("Ann") if r[5] == "q1")
    lab2.retract_answer(ann_q1, now=T0 + timedelta(days=6))
    bob_first = next(lab1.export_records("Bob"))[0]
    lab1.retract_answer(bob_first, now=T0 + timedelta(days=6))
    for lab in (lab1, lab2, lab1):
        assert sync.sync(lab).errors == []
    with school.as_person("Tess") as conn:
        rows = overview.learner_bank_rows(conn)
    got = [(r.learner, r.bank_id, r.attempts, r.best_score, r.last_score, r.answers)
           for r in rows]
    assert got == _overview_from_exports([lab1, lab2])
    assert ("Ann", "trade", 2, 1.0, 1.0, 3) in got
    assert ("Bob", "tariffs", 1, 0.25, 0.25, 2) in got
