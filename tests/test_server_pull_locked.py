"""A pull that meets a table another program holds (a teacher's maintenance in psql,
VACUUM FULL, an update of the server) gives up after a while and says so, then takes
everything at the next sync: it waited as long as the lock, the app saying nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.server import sync  # noqa: E402
from quizapp.server.connection import SERVER_LOCKED, connect  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402

BANK = make_bank(6)


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    return school


def _held(school, table: str):
    """The school's owner holding `table` in an open transaction. The server ends that
    session after 5 s idle, so a sync that waits for the lock ends (and the test fails)
    instead of waiting for ever."""
    conn = connect(school.server.admin_url(school.dbname))
    conn.execute("SET idle_in_transaction_session_timeout = '5s'")
    conn.execute(f"LOCK TABLE quizapp.{table} IN ACCESS EXCLUSIVE MODE")
    return conn


def test_a_pull_blocked_by_a_lock_gives_up_says_so_and_takes_all_at_the_next_sync(
        school, tmp_path, monkeypatch):
    monkeypatch.setattr(sync, "LOCK_TIMEOUT_MS", 300)
    lab = school.computer(tmp_path / "lab", "Ann")
    home = school.computer(tmp_path / "home", "Ann")
    for day in range(3):
        study(lab, "Ann", BANK, [("q0", True, 3), ("q1", False, 1)], T0 + timedelta(days=day))
    assert sync.sync(lab).pushed == 6
    held = _held(school, "answers")
    try:
        stuck = sync.sync(home)
        assert (stuck.offline, stuck.errors) == (False, [SERVER_LOCKED])
        assert stuck.short_errors == ["The class server is busy with other work"]
        held.rollback()
    finally:
        held.close()
    again = sync.sync(home)
    assert (again.errors, again.pulled) == ([], 6)
    assert sync.sync(home).pulled == 0  # nothing twice
    ann = home.learner_by_name("Ann").id
    assert home._read("SELECT count(*), count(DISTINCT a.uuid) FROM answers a JOIN sessions s"
                      " ON s.id = a.session_id WHERE s.learner_id = ?", (ann,))[0] == (6, 6)
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0] == 6
    for store in (lab, home):
        store.close()


def test_the_teacher_overview_blocked_by_a_lock_says_so_instead_of_waiting(
        school, tmp_path, monkeypatch):
    monkeypatch.setattr(sync, "LOCK_TIMEOUT_MS", 300)
    school.add("Tess", "teacher")
    lab = school.computer(tmp_path / "lab", "Ann")
    study(lab, "Ann", BANK, [("q0", True, 3)], T0)
    assert sync.sync(lab).pushed == 1
    desk = school.computer(tmp_path / "desk", "Tess")
    held = _held(school, "learner_banks")
    try:
        view = sync.class_overview(desk)
        held.rollback()
    finally:
        held.close()
    assert view is not None and view.busy and view.refused and view.offline == SERVER_LOCKED
    view = sync.class_overview(desk)
    assert view is not None and view.offline is None and len(view.rows) == 1
    for store in (lab, desk):
        store.close()
