"""The class server's counting triggers compare the computers' times (text) by their
characters whatever the database's default collation (server step 16: every time column
of the logs and summaries is COLLATE "C"). Under ICU's English a time of a whole second,
"10:00:00+00:00", sorts after "10:00:00.500000+00:00": the per-learner counts took an
answer given at 10:00:00 for one given after 10:00:00.5 (its first try, the bank's last
answer) and an attempt finished at a whole second for the later one (the teacher's
Last score)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

psycopg = pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.server import sync  # noqa: E402
from tests.server_helpers import make_school, study  # noqa: E402

BANK = make_bank(2)


def test_the_first_try_and_last_answer_by_time_not_by_collation(pg_server, icu_database,
                                                                 tmp_path):
    school = make_school(pg_server, icu_database)
    school.add("Ann")
    with school.admin() as conn:
        assert conn.execute("SELECT '10:00:00+00:00' > '10:00:00.5+00:00'").fetchone()[0]
    whole = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    # The school computer: a right answer half a second after a whole second, synced.
    with school.computer(tmp_path / "school", "Ann") as first:
        study(first, "Ann", BANK, [("q0", True, 3)],
              whole - timedelta(minutes=1, milliseconds=-500))
        assert sync.sync(first).errors == []
    # The laptop, synced after: a wrong answer at the whole second before it.
    with school.computer(tmp_path / "laptop", "Ann") as laptop:
        study(laptop, "Ann", BANK, [("q0", False, 1)], whole - timedelta(minutes=1))
        with laptop._db.write() as c:  # as an older quizapp wrote a whole second
            c.execute("UPDATE answers SET answered = ?", (whole.isoformat(),))
        assert sync.sync(laptop).errors == []
    with school.admin() as conn:
        first_answered, first_correct = conn.execute(
            "SELECT first_answered, first_correct FROM quizapp.learner_questions").fetchone()
        (last,) = conn.execute("SELECT last_answered FROM quizapp.learner_banks").fetchone()
        versions = conn.execute(
            "SELECT first_answered, first_correct FROM quizapp.learner_question_versions"
        ).fetchall()
    assert datetime.fromisoformat(first_answered) == whole
    assert first_correct is False  # the wrong answer came first
    assert {(datetime.fromisoformat(a), c) for a, c in versions} == {(whole, False)}
    assert datetime.fromisoformat(last) == whole + timedelta(milliseconds=500)


def test_the_last_attempt_by_time_not_by_collation(pg_server, icu_database, tmp_path):
    school = make_school(pg_server, icu_database)
    school.add("Ann")
    whole = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    # study() finishes two minutes after its start (one answer): first at a whole second,
    # then another attempt finished half a second later.
    with school.computer(tmp_path / "school", "Ann") as first:
        study(first, "Ann", BANK, [("q0", True, 3)], whole - timedelta(minutes=2), score=0.2)
        with first._db.write() as c:  # as an older quizapp wrote a whole second
            c.execute("UPDATE sessions SET finished = ?", (whole.isoformat(),))
        assert sync.sync(first).errors == []
    with school.computer(tmp_path / "laptop", "Ann") as laptop:
        study(laptop, "Ann", BANK, [("q1", True, 3)],
              whole - timedelta(minutes=2, milliseconds=-500), score=0.9)
        assert sync.sync(laptop).errors == []
    with school.admin() as conn:
        last_score, finished = conn.execute(
            "SELECT last_score, last_finished FROM quizapp.learner_banks").fetchone()
    assert datetime.fromisoformat(finished) == whole + timedelta(milliseconds=500)
    assert last_score == pytest.approx(0.9)


def test_step_16_counts_again_what_a_server_counted_by_its_collation(pg_server, icu_database,
                                                                     tmp_path, monkeypatch):
    """A server of step 15 counted the first try, the last answer and the Last attempt by
    ICU's order; the update to step 16 counts them again by characters, and rewrites no
    log (its files stay the same)."""
    from quizapp.server import admin, schema

    whole = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 15)
        school = make_school(pg_server, icu_database)
        school.add("Ann")
        with school.computer(tmp_path / "school", "Ann") as first:
            study(first, "Ann", BANK, [("q0", True, 3)],
                  whole - timedelta(minutes=1, milliseconds=-500), score=0.9)
            assert sync.sync(first).errors == []
        with school.computer(tmp_path / "laptop", "Ann") as laptop:
            study(laptop, "Ann", BANK, [("q0", False, 1)], whole - timedelta(minutes=1),
                  score=0.2)
            with laptop._db.write() as c:  # as an older quizapp wrote a whole second
                c.execute("UPDATE answers SET answered = ?", (whole.isoformat(),))
            assert sync.sync(laptop).errors == []
    with school.admin() as conn:
        assert conn.execute("SELECT first_correct FROM quizapp.learner_questions"
                            ).fetchone() == (True,)  # counted by ICU's order
        files = conn.execute("SELECT relfilenode FROM pg_class WHERE oid = ANY("
                             "ARRAY['quizapp.answers'::regclass, 'quizapp.sessions'::regclass])"
                             " ORDER BY oid").fetchall()
        assert admin.init(conn) == (15, schema.SCHEMA_VERSION)
        assert conn.execute("SELECT relfilenode FROM pg_class WHERE oid = ANY("
                            "ARRAY['quizapp.answers'::regclass, 'quizapp.sessions'::regclass])"
                            " ORDER BY oid").fetchall() == files
        first_answered, first_correct = conn.execute(
            "SELECT first_answered, first_correct FROM quizapp.learner_questions").fetchone()
        versions = conn.execute(
            "SELECT first_answered, first_correct FROM quizapp.learner_question_versions"
        ).fetchall()
        last, last_score = conn.execute(
            "SELECT last_answered, last_score FROM quizapp.learner_banks").fetchone()
        assert conn.execute("SELECT count(*) FROM quizapp.answers").fetchone() == (2,)
    assert (datetime.fromisoformat(first_answered), first_correct) == (whole, False)
    assert {(datetime.fromisoformat(a), c) for a, c in versions} == {(whole, False)}
    assert datetime.fromisoformat(last) == whole + timedelta(milliseconds=500)
    assert last_score == pytest.approx(0.9)


def test_step_16_counts_an_end_from_a_clock_ahead_at_its_push_not_at_the_update(
        pg_server, icu_database, tmp_path, monkeypatch):
    """An attempt ended on a clock an hour ahead counts as finished when the server took
    it (the trigger's count); a later attempt on a right clock is the Last score. Step 16's
    recount counts them the same way: not at the update's time, when the end from the
    future would be the later one."""
    from quizapp.server import admin, schema

    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 15)
        school = make_school(pg_server, icu_database)
        school.add("Ann")
        with school.computer(tmp_path / "ahead", "Ann") as ahead:
            study(ahead, "Ann", BANK, [("q0", True, 3)],
                  datetime.now(UTC) + timedelta(hours=1), score=0.2)
            assert sync.sync(ahead).errors == []
        # Ended after the other one reached the server (study() ends 2 minutes on).
        with school.computer(tmp_path / "right", "Ann") as right:
            study(right, "Ann", BANK, [("q1", True, 3)],
                  datetime.now(UTC) - timedelta(minutes=2), score=0.9)
            assert sync.sync(right).errors == []
    with school.admin() as conn:
        counted = conn.execute("SELECT last_score FROM quizapp.learner_banks").fetchone()[0]
        assert counted == pytest.approx(0.9)
        assert admin.init(conn) == (15, schema.SCHEMA_VERSION)
        recounted = conn.execute("SELECT last_score FROM quizapp.learner_banks").fetchone()[0]
    assert recounted == pytest.approx(0.9)
