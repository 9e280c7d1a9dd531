"""A computer whose clock is a day ahead, seen from the learner's other computers: what
they pull from it counts as done when the server took it, not at the wrong date. Before,
its attempt stayed the learner's "Last" there (and a new computer's) until that date came,
whatever they did meanwhile, and a card it reviewed replayed after the reviews given
since on a right clock: a card the learner just forgot ("Again") stayed due days later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.server import sync  # noqa: E402
from tests.server_helpers import make_school, study  # noqa: E402

BANK = make_bank(4)
AHEAD = timedelta(days=1)


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    return school


def _last_score(store) -> float | None:
    ann = store.learner_by_name("Ann").id
    return store.bank_summary(ann, BANK.id).last_score


def test_the_last_score_on_other_computers_is_the_attempt_made_last(school, tmp_path):
    ahead = school.computer(tmp_path / "ahead", "Ann")
    right = school.computer(tmp_path / "right", "Ann")
    study(ahead, "Ann", BANK, [("q0", False, 1)], datetime.now(UTC) + AHEAD, score=0.25)
    assert sync.sync(ahead).errors == []
    # Later, on a right clock, before that computer pulled the first attempt.
    study(right, "Ann", BANK, [("q1", True, 3)], datetime.now(UTC), score=0.75)
    assert sync.sync(right).errors == []
    assert _last_score(right) == 0.75
    with school.computer(tmp_path / "new", "Ann") as new:
        assert sync.sync(new).errors == []
        assert _last_score(new) == 0.75
        summary = new.bank_summary(new.learner_by_name("Ann").id, BANK.id)
        assert summary.attempts == 2 and summary.best_score == 0.75
        # Nothing it pulled is dated in the future.
        assert summary.last_studied is not None
        assert summary.last_studied < datetime.now(UTC) + timedelta(minutes=10)
    # The SQL counts agree on both sides: two attempts, two answers, nothing doubled.
    with school.as_person("Ann") as conn:
        assert conn.execute("SELECT (SELECT count(*) FROM quizapp.session_ends),"
                            " (SELECT count(*) FROM quizapp.answers)").fetchone() == (2, 2)
    for store in (ahead, right):
        assert sync.sync(store).errors == []
        assert store._db.value("SELECT count(*) FROM answers") == 2
        assert store._db.value("SELECT count(*) FROM sessions WHERE score IS NOT NULL") == 2
        store.close()


def test_a_card_forgotten_since_on_a_right_clock_is_due_again(school, tmp_path):
    ahead = school.computer(tmp_path / "ahead", "Ann")
    right = school.computer(tmp_path / "right", "Ann")
    study(ahead, "Ann", BANK, [("q0", True, 3)], datetime.now(UTC) + AHEAD)
    assert sync.sync(ahead).errors == []
    assert sync.sync(right).errors == []
    ann = right.learner_by_name("Ann").id
    pulled = right.card_state(ann, BANK.id, "q0")
    told = ahead.card_state(ahead.learner_by_name("Ann").id, BANK.id, "q0")
    assert pulled is not None and told is not None
    # Due as long after the review as the learner was told, counted from when it was
    # really given (the server took it a moment after), not from the wrong date.
    assert abs((told.due - pulled.due) - AHEAD) < timedelta(minutes=10)
    # Now Ann forgets it on the right computer: it is due again within minutes.
    study(right, "Ann", BANK, [("q0", False, 1)], datetime.now(UTC))
    now_card = right.card_state(ann, BANK.id, "q0")
    assert now_card is not None and now_card.reviews == 2
    assert now_card.due < datetime.now(UTC) + timedelta(hours=1)
    # And on a computer that pulls both, the same.
    assert sync.sync(right).errors == []
    with school.computer(tmp_path / "new", "Ann") as new:
        assert sync.sync(new).errors == []
        card = new.card_state(new.learner_by_name("Ann").id, BANK.id, "q0")
        assert card is not None and card.reviews == 2
        assert card.due < datetime.now(UTC) + timedelta(hours=1)
    for store in (ahead, right):
        store.close()


def test_the_teacher_never_sees_a_learner_studied_in_the_future(school, tmp_path):
    """The overview's "Last studied" is the learner's last answer or attempt by the
    server's clock: before, the answer of the computer ahead made it tomorrow."""
    from quizapp.server import overview

    school.add("Tess", "teacher")
    with school.computer(tmp_path / "ahead", "Ann") as ahead:
        study(ahead, "Ann", BANK, [("q0", True, 3)], datetime.now(UTC) + AHEAD)
        assert sync.sync(ahead).errors == []
    with school.as_person("Tess") as conn:
        (row,) = overview.learner_bank_rows(conn)
    assert row.answers == 1 and row.last_studied is not None
    assert row.last_studied < datetime.now(UTC) + timedelta(minutes=10)
    # Taken back on a right clock: the recount of what is left stays by the server's clock.
    with school.computer(tmp_path / "right", "Ann") as right:
        ann = right.learner_by_name("Ann").id
        study(right, "Ann", BANK, [("q1", True, 3), ("q2", True, 3)],
              datetime.now(UTC) - timedelta(hours=1))
        sid = right.start_session(ann, BANK, "practice")
        answer = right.record_answer(sid, "q3", response="x", correct=True, credit=1.0,
                                     seconds=3.0, rating=3)
        right.retract_answer(answer.uuid)
        assert sync.sync(right).errors == []
    with school.as_person("Tess") as conn:
        (row,) = overview.learner_bank_rows(conn)
    assert row.answers == 3 and row.last_studied is not None
    assert row.last_studied < datetime.now(UTC) + timedelta(minutes=10)


def test_a_server_updated_to_schema_15_dates_what_it_has_by_its_clock(
        pg_server, pg_database, tmp_path, monkeypatch):
    """What a computer ahead pushed before the update counts as taken at the update: the
    overview's "Last studied" is not tomorrow, and a computer that pulls it dates it so."""
    from quizapp.server import admin, overview, schema

    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 14)
        school = make_school(pg_server, pg_database)
        school.add("Ann")
        school.add("Tess", "teacher")
        with school.computer(tmp_path / "ahead", "Ann") as ahead:
            study(ahead, "Ann", BANK, [("q0", True, 3)], datetime.now(UTC) + AHEAD,
                  score=0.25)
            assert sync.sync(ahead).errors == []
    with school.admin() as conn:
        assert admin.init(conn) == (14, schema.SCHEMA_VERSION)
    with school.as_person("Tess") as conn:
        (row,) = overview.learner_bank_rows(conn)
    assert row.last_studied is not None
    assert row.last_studied < datetime.now(UTC) + timedelta(minutes=10)
    with school.computer(tmp_path / "right", "Ann") as right:
        study(right, "Ann", BANK, [("q1", True, 3)], datetime.now(UTC), score=0.75)
        assert sync.sync(right).errors == []
        assert _last_score(right) == 0.75
