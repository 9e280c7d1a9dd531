"""An older quizapp with the same results file open: the store is never migrated under it,
and what such an app wrote into the current format is repaired at the next open (an
outside tester ran a schema-3 quizapp beside the current one)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from quizapp.core.migrations import _migrate_1_to_2, _migrate_2_to_3, create_schema_v1
from quizapp.core.store import DB_NAME, SCHEMA_VERSION, Store, StoreError


def make_v3_database(path) -> None:
    """A schema-3 store as the tester's older quizapp (commit aa785a0) made it, in WAL
    mode as every quizapp has kept it, with a learner and one finished quiz."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    create_schema_v1(conn)
    for step, version in ((_migrate_1_to_2, 2), (_migrate_2_to_3, 3)):
        conn.execute("BEGIN IMMEDIATE")
        step(conn)
        conn.execute(f"PRAGMA user_version={version}")
        conn.execute("COMMIT")
    conn.execute("INSERT INTO learners VALUES (1, 'Ann', '2026-01-01T09:00:00+00:00')")
    conn.execute(
        "INSERT INTO sessions VALUES (1, 1, 'trade', 'hash', 'quiz',"
        " '2026-01-01T09:00:00+00:00', '2026-01-01T09:05:00+00:00', 1.0)"
    )
    conn.close()

# An older quizapp, as its store opened the file: WAL, one connection held for as long as
# it runs. It says "ready", then on each line of its input writes a quiz session of its
# own format (no uuid, no outcome: schema 3 had neither) with one answer, as it did.
OLDER_APP = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA foreign_keys=ON")
print("ready", conn.execute("PRAGMA user_version").fetchone()[0], flush=True)
for n, line in enumerate(sys.stdin):
    try:
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute(
            "INSERT INTO sessions(learner_id, bank_id, content_hash, mode, started, finished,"
            " score) VALUES (1, 'trade', 'hash', 'quiz', '2026-01-02T09:00:00+00:00',"
            " '2026-01-02T09:05:00+00:00', 1.0)")
        conn.execute(
            "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit,"
            " seconds, answered) VALUES (?, ?, 'q0', '\"a\"', 1, 1.0, 2.0,"
            " '2026-01-02T09:01:00+00:00')", ("old-%d" % n, cur.lastrowid))
        conn.execute("UPDATE bank_stats SET answers = answers + 1, correct = correct + 1"
                     " WHERE learner_id = 1 AND bank_id = 'trade'")
        conn.execute("COMMIT")
        print("wrote", flush=True)
    except sqlite3.Error as exc:
        print("failed", exc, flush=True)
"""


@pytest.fixture
def older_app():
    started = []

    def start(path):
        process = subprocess.Popen(
            [sys.executable, "-c", OLDER_APP, str(path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        started.append(process)
        assert process.stdout is not None
        assert process.stdout.readline().startswith("ready")
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()


def write_session(process) -> str:
    process.stdin.write("go\n")
    process.stdin.flush()
    return process.stdout.readline().strip()


def user_version(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_no_migration_while_an_older_app_has_the_file_open(tmp_path, older_app):
    path = tmp_path / DB_NAME
    make_v3_database(path)
    old = older_app(path)
    with pytest.raises(StoreError) as refused:
        Store.open(tmp_path)
    assert "Another program has the results file open" in str(refused.value)
    assert "Its data format must be updated" in str(refused.value)
    assert user_version(path) == 3  # nothing was changed
    assert not [p for p in tmp_path.iterdir() if ".bad" in p.name]
    # The older app goes on in its own format, into a file still of its format.
    assert write_session(old) == "wrote"
    old.stdin.close()
    old.wait()
    store = Store.open(tmp_path)
    try:
        assert user_version(path) == SCHEMA_VERSION
        assert store._read("SELECT count(*) FROM sessions WHERE uuid IS NULL") == [(0,)]
        assert store._read("SELECT count(*) FROM sessions WHERE outcome IS NULL") == [(0,)]
    finally:
        store.close()


def make_current_store_written_by_an_older_app(tmp_path):
    """A current store into which an older app wrote as the tester's did: a finished quiz
    without uuid and outcome (and its answer counted in bank_stats by that app), and a
    session it left open."""
    store = Store.open(tmp_path)
    ann = store.create_learner("Ann").id
    store.close()
    conn = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    t0 = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO sessions(id, learner_id, bank_id, content_hash, mode, started, finished,"
        " score) VALUES (1, ?, 'trade', 'hash', 'quiz', ?, ?, 0.5)",
        (ann, t0.isoformat(), (t0 + timedelta(minutes=5)).isoformat()),
    )
    conn.execute(
        "INSERT INTO sessions(id, learner_id, bank_id, content_hash, mode, started)"
        " VALUES (2, ?, 'trade', 'hash', 'exam', ?)",
        (ann, (t0 + timedelta(hours=1)).isoformat()),
    )
    for n, (session, question, correct, minutes) in enumerate(
        [(1, "q0", 1, 1), (1, "q1", 0, 2), (2, "q0", 1, 61)]
    ):
        conn.execute(
            "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit,"
            " seconds, answered) VALUES (?, ?, ?, '\"a\"', ?, ?, 3.0, ?)",
            (f"old-{n}", session, question, correct, float(correct),
             (t0 + timedelta(minutes=minutes)).isoformat()),
        )
    # The older app counted its answers in bank_stats itself (the catch-up counts them
    # again from the mark).
    conn.execute(
        "INSERT INTO bank_stats(learner_id, bank_id, answers, correct, ms, sessions)"
        " VALUES (?, 'trade', 3, 2, 9000, 1)",
        (ann,),
    )
    conn.execute("COMMIT")
    conn.close()
    return ann, t0


def test_what_an_older_app_wrote_is_repaired_at_open(tmp_path):
    ann, t0 = make_current_store_written_by_an_older_app(tmp_path)
    store = Store.open(tmp_path)
    try:
        rows = store._read("SELECT id, uuid, outcome, finished, score FROM sessions ORDER BY id")
        (quiz, exam) = rows
        assert quiz[1] and exam[1] and quiz[1] != exam[1]
        assert quiz[2:] == ("finished", (t0 + timedelta(minutes=5)).isoformat(), 0.5)
        # Left open by an app that is gone: ended at its last answer, not an attempt.
        assert exam[2:] == ("abandoned", (t0 + timedelta(minutes=61)).isoformat(), None)
        assert None not in [row[1] for row in store.unpushed(ann).sessions]
        # Every answer counted once, the quiz one attempt.
        summary = store._read(
            "SELECT answers, correct, sessions FROM bank_stats WHERE bank_id = 'trade'"
        )
        assert summary == [(3, 2, 1)]
    finally:
        store.close()


def test_a_review_of_mistakes_an_older_app_scored_is_no_attempt_after_repair(tmp_path):
    # Schema 11: a review of mistakes is no attempt; an older app still scored one.
    ann, t0 = make_current_store_written_by_an_older_app(tmp_path)
    conn = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    conn.execute(
        "INSERT INTO sessions(id, learner_id, bank_id, content_hash, mode, started, finished,"
        " score) VALUES (3, ?, 'trade', 'hash', 'review', ?, ?, 1.0)",
        (ann, (t0 + timedelta(hours=2)).isoformat(), (t0 + timedelta(hours=3)).isoformat()),
    )
    conn.execute(
        "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit,"
        " seconds, answered) VALUES ('old-r', 3, 'q1', '\"a\"', 1, 1.0, 3.0, ?)",
        ((t0 + timedelta(hours=2, minutes=1)).isoformat(),),
    )
    conn.close()
    store = Store.open(tmp_path)
    try:
        assert store._read("SELECT outcome, score, score_v10 FROM sessions WHERE id = 3") == [
            ("finished", None, 1.0)
        ]
        assert store._read(
            "SELECT sessions, best_score, last_score FROM bank_stats WHERE bank_id = 'trade'"
        ) == [(1, 0.5, 0.5)]
    finally:
        store.close()


def test_a_current_store_pays_one_seek_to_know_it_is_sound(tmp_path):
    store = Store.open(tmp_path)
    store.create_learner("Ann")
    store.close()
    plan = sqlite3.connect(tmp_path / DB_NAME).execute(
        "EXPLAIN QUERY PLAN SELECT 1 FROM sessions WHERE uuid IS NULL LIMIT 1"
    ).fetchall()
    assert "sessions_by_uuid" in plan[0][3]


def test_a_repair_waits_for_the_older_app_to_close(tmp_path, older_app):
    make_current_store_written_by_an_older_app(tmp_path)
    old = older_app(tmp_path / DB_NAME)
    with pytest.raises(StoreError, match="must be repaired") as refused:
        Store.open(tmp_path)
    assert "Another program has the results file open" in str(refused.value)
    old.kill()
    old.wait()
    store = Store.open(tmp_path)
    try:
        assert store._read("SELECT count(*) FROM sessions WHERE uuid IS NULL") == [(0,)]
    finally:
        store.close()


def test_quizapp_results_exports_them_repaired_and_leaves_the_file(tmp_path, capsys):
    from quizapp.cli import main

    make_current_store_written_by_an_older_app(tmp_path)
    data = (tmp_path / DB_NAME).read_bytes()
    assert main(["results", "--data-dir", str(tmp_path), "--format", "json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)
    outcomes = {(row["session_id"], row["session_outcome"]) for row in rows}
    # Neither "under way": the quiz finished, the exam its app left open abandoned.
    assert outcomes == {(1, "finished"), (2, "abandoned")}
    assert (tmp_path / DB_NAME).read_bytes() == data  # it only reads
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("SELECT count(*) FROM sessions WHERE uuid IS NULL").fetchone() == (2,)
    conn.close()


# `quizapp results` of this version, reading a file of an older format: it copies the file
# into memory and brings the copy up to date, holding the file open meanwhile. Here the
# copy's migration waits for a line on stdin, so the file stays open as long as the test
# needs.
RESULTS_READING = r"""
import sys
from quizapp.core import migrations
migrate = migrations.migrate
def migrate_when_told(conn):
    print("reading", flush=True)
    sys.stdin.readline()
    migrate(conn)
migrations.migrate = migrate_when_told
from quizapp.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_refusal_says_which_programs_may_have_the_file_open(tmp_path):
    make_v3_database(tmp_path / DB_NAME)
    results = subprocess.Popen(
        [sys.executable, "-c", RESULTS_READING, "results", "--data-dir", str(tmp_path),
         "--format", "json"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert results.stdout.readline().strip() == "reading"
        with pytest.raises(StoreError) as refused:
            Store.open(tmp_path)
        message = str(refused.value)
        # Not "an older version is using this file": it is this version's export.
        assert "older version is using" not in message
        assert "Another program has the results file open" in message
        assert "`quizapp results`" in message and "Nothing was changed." in message
        assert user_version(tmp_path / DB_NAME) == 3
        out, err = results.communicate("go\n", timeout=60)
    finally:
        if results.poll() is None:
            results.kill()
            results.wait()
    assert results.returncode == 0, err
    assert out.strip() == "[]"  # (the sample holds a session and no answer)
    store = Store.open(tmp_path)  # the export ended: now the file is brought up to date
    try:
        assert user_version(tmp_path / DB_NAME) == SCHEMA_VERSION
    finally:
        store.close()
