"""One push of a learner's suspensions keeps its order on every computer: a computer whose
clock is ahead suspends a card and brings it back before it syncs; the server counts both
actions at when it took them (the same time), and the card must stay back here and on the
learner's other computers, whatever the actions' uuids."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.core.store import suspensions  # noqa: E402
from quizapp.server import sync  # noqa: E402
from tests.server_helpers import make_school  # noqa: E402

BANK = make_bank(3)


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    return school


def _ann(store) -> int:
    return store.learner_by_name("Ann").id


def _suspended(store) -> set[str]:
    return set(store.suspended_questions(_ann(store), BANK.id))


def test_a_card_brought_back_on_a_clock_ahead_stays_back_after_one_push(
        school, tmp_path, monkeypatch):
    # Each action's uuid sorts before the one before it: a tie broken by uuid takes the
    # suspension, the older action.
    falling = iter(uuid.UUID(int=(2 ** 128 - 1) - k) for k in range(100))
    monkeypatch.setattr(suspensions.uuid, "uuid4", lambda: next(falling))
    with school.computer(tmp_path / "ahead", "Ann") as ahead, \
            school.computer(tmp_path / "other", "Ann") as other:
        soon = datetime.now(UTC) + timedelta(hours=1)
        assert ahead.set_suspended(_ann(ahead), BANK.id, ["q0"], True, now=soon) == 1
        assert ahead.set_suspended(_ann(ahead), BANK.id, ["q0"], False,
                                   now=soon + timedelta(seconds=30)) == 1
        assert _suspended(ahead) == set()
        assert sync.sync(ahead).errors == []
        assert sync.sync(other).errors == []
        assert _suspended(ahead) == set()
        assert _suspended(other) == set()


def _latest_time_here(store) -> datetime:
    (changed,) = store._db.read("SELECT max(changed) FROM suspension_log")[0]
    return datetime.fromisoformat(changed)


def test_a_connection_lost_after_the_push_settles_its_times_at_the_next_sync(
        school, tmp_path, monkeypatch):
    # The push reached the server; the connection went before this computer read the
    # server's times of its suspensions. They were marked pushed already, so no later
    # sync read them: the card stayed stamped an hour ahead here for good (it won over
    # what the learner did elsewhere meanwhile).
    settled_times = sync.settled_times

    def connection_lost(conn, uuids):
        with school.admin() as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))
        return settled_times(conn, uuids)

    with school.computer(tmp_path / "ahead", "Ann") as ahead:
        soon = datetime.now(UTC) + timedelta(hours=1)
        assert ahead.set_suspended(_ann(ahead), BANK.id, ["q0"], True, now=soon) == 1
        monkeypatch.setattr(sync, "settled_times", connection_lost)
        assert sync.sync(ahead).errors != []
        monkeypatch.undo()
        assert sync.sync(ahead).errors == []
        assert _latest_time_here(ahead) < soon - timedelta(minutes=30)
        assert _suspended(ahead) == {"q0"}
    with school.admin() as conn:
        assert conn.execute("SELECT count(*) FROM quizapp.suspensions").fetchone() == (1,)
