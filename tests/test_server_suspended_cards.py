"""A learner's suspended cards on every computer of the class (store schema 16, server step
16): a suspension, or a card brought back, reaches the server with the sync and comes down
to the learner's other computers, where flashcards and the due counts leave the card out
(or take it back). Two computers settle a card to the later action, by its time as the
server counts it (no later than the server took it: a clock ahead does not win); the
actions of one push keep their order, and a connection lost after a push settles them
at the next sync."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.core.flashcard_session import FlashcardSession  # noqa: E402
from quizapp.core.store import suspensions  # noqa: E402
from quizapp.server import sync  # noqa: E402
from tests.server_helpers import make_school, study  # noqa: E402

BANK = make_bank(3)


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    school.add("Bo")
    return school


def _ann(store) -> int:
    return store.learner_by_name("Ann").id


def _suspended(store) -> set[str]:
    return set(store.suspended_questions(_ann(store), BANK.id))


def _server_rows(school) -> int:
    with school.admin() as conn:
        return conn.execute("SELECT count(*) FROM quizapp.suspensions").fetchone()[0]


def test_a_card_suspended_at_school_is_left_out_at_home_and_brought_back(school, tmp_path):
    now = datetime.now(UTC) - timedelta(hours=2)
    with school.computer(tmp_path / "school", "Ann") as at_school, \
            school.computer(tmp_path / "home", "Ann") as at_home:
        study(at_school, "Ann", BANK, [("q0", True, 3), ("q1", True, 3), ("q2", True, 3)],
              now - timedelta(days=30))
        assert sync.sync(at_school).errors == []
        assert sync.sync(at_home).errors == []
        due_later = now + timedelta(days=400)
        assert at_home.count_due(_ann(at_home), BANK.id, due_later) == 3
        assert at_school.set_suspended(_ann(at_school), BANK.id, ["q1"], True, now=now) == 1
        result = sync.sync(at_school)
        assert result.errors == [] and _server_rows(school) == 1
        result = sync.sync(at_home)
        assert result.errors == [] and result.cards_suspended_or_back == 1
        assert "1 card suspended or brought back here" in result.summary()
        assert result.touched == {_ann(at_home): frozenset({BANK.id})}  # redrawn there
        assert at_home.unpushed(_ann(at_home)).suspensions == []  # not sent back
        assert _suspended(at_home) == {"q1"}
        assert at_home.count_due(_ann(at_home), BANK.id, due_later) == 2
        review = FlashcardSession(at_home, _ann(at_home), BANK, now=due_later)
        assert sorted(q.id for q in review.due_cards) == ["q0", "q2"]
        review.abandon()
        # Brought back at home: at school it comes back too; nothing sent twice.
        assert at_home.set_suspended(_ann(at_home), BANK.id, ["q1"], False,
                                     now=now + timedelta(minutes=5)) == 1
        assert sync.sync(at_home).errors == []
        assert sync.sync(at_school).errors == []
        assert _suspended(at_school) == set() == _suspended(at_home)
        assert at_school.count_due(_ann(at_school), BANK.id, due_later) == 3
        assert sync.sync(at_home).errors == [] and sync.sync(at_school).errors == []
        assert _server_rows(school) == 2
        for store in (at_school, at_home):
            assert store._db.value("SELECT count(*) FROM suspension_log") == 2
        # Bo's computer has none of Ann's.
        with school.computer(tmp_path / "bo", "Bo") as bos:
            assert sync.sync(bos).errors == []
            assert bos._db.value("SELECT count(*) FROM suspension_log") == 0


@pytest.mark.parametrize("first", ["laptop", "desktop"])
def test_two_computers_settle_to_the_later_action_whoever_syncs_first(school, tmp_path,
                                                                     first):
    now = datetime.now(UTC) - timedelta(hours=1)
    with school.computer(tmp_path / "laptop", "Ann") as laptop, \
            school.computer(tmp_path / "desktop", "Ann") as desktop:
        # Offline: the laptop suspends q0 at 10 past; the desktop suspended it at 5 past
        # and brought it back at 20 past, the last action of all.
        laptop.set_suspended(_ann(laptop), BANK.id, ["q0"], True, now=now + timedelta(minutes=10))
        desktop.set_suspended(_ann(desktop), BANK.id, ["q0"], True,
                              now=now + timedelta(minutes=5))
        desktop.set_suspended(_ann(desktop), BANK.id, ["q0"], False,
                              now=now + timedelta(minutes=20))
        order = [laptop, desktop] if first == "laptop" else [desktop, laptop]
        for store in (*order, *order):
            assert sync.sync(store).errors == []
        assert _suspended(laptop) == set() == _suspended(desktop)
        assert _server_rows(school) == 3
        # Then the laptop suspends it again, later still: both keep it out.
        laptop.set_suspended(_ann(laptop), BANK.id, ["q0"], True, now=now + timedelta(minutes=30))
        for store in (*order, *order):
            assert sync.sync(store).errors == []
        assert _suspended(laptop) == {"q0"} == _suspended(desktop)


def test_a_computer_whose_clock_is_ahead_does_not_win_forever(school, tmp_path):
    with school.computer(tmp_path / "ahead", "Ann") as ahead, \
            school.computer(tmp_path / "right", "Ann") as right:
        # A wrong date, a year ahead: the suspension counts as when the server took it.
        ahead.set_suspended(_ann(ahead), BANK.id, ["q2"], True,
                            now=datetime.now(UTC) + timedelta(days=365))
        assert sync.sync(ahead).errors == []
        assert sync.sync(right).errors == []
        assert _suspended(right) == {"q2"}
        stamped = ahead.suspended_questions(_ann(ahead), BANK.id)["q2"]
        assert stamped < datetime.now(UTC) + timedelta(minutes=1)
        # Brought back afterwards on the computer with the right clock: it stays back.
        right.set_suspended(_ann(right), BANK.id, ["q2"], False)
        assert sync.sync(right).errors == []
        assert sync.sync(ahead).errors == []
        assert _suspended(ahead) == set() == _suspended(right)


def test_a_server_before_step_16_keeps_suspensions_waiting(pg_server, pg_database, tmp_path,
                                                           monkeypatch):
    from quizapp.server import admin, schema

    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 15)
        school = make_school(pg_server, pg_database)
        school.add("Ann")
    with school.computer(tmp_path / "first", "Ann") as first, \
            school.computer(tmp_path / "second", "Ann") as second:
        study(first, "Ann", BANK, [("q0", True, 3)], datetime.now(UTC) - timedelta(days=2))
        first.set_suspended(_ann(first), BANK.id, ["q1"], True)
        result = sync.sync(first)
        assert result.errors == [] and result.pushed == 1
        assert sync.sync(second).errors == []
        assert _suspended(second) == set()
        with school.admin() as conn:
            assert admin.init(conn) == (15, schema.SCHEMA_VERSION)
        assert sync.sync(first).errors == []
        assert sync.sync(second).errors == []
        assert _suspended(second) == {"q1"}


def test_a_card_brought_back_after_a_suspension_was_seen_stays_back_on_a_clock_behind(
        school, tmp_path):
    """A computer whose clock is an hour behind brings back a card it saw suspended from
    the other computer: its action comes after the one it saw, on both computers."""
    with school.computer(tmp_path / "right", "Ann") as right, \
            school.computer(tmp_path / "behind", "Ann") as behind:
        right.set_suspended(_ann(right), BANK.id, ["q1"], True)
        assert sync.sync(right).errors == [] and sync.sync(behind).errors == []
        assert _suspended(behind) == {"q1"}
        assert behind.set_suspended(_ann(behind), BANK.id, ["q1"], False,
                                    now=datetime.now(UTC) - timedelta(hours=1)) == 1
        assert _suspended(behind) == set()
        assert sync.sync(behind).errors == [] and sync.sync(right).errors == []
        assert _suspended(right) == set() == _suspended(behind)
        # Suspended again there, an hour behind still: suspended on both.
        behind.set_suspended(_ann(behind), BANK.id, ["q1"], True,
                             now=datetime.now(UTC) - timedelta(hours=1))
        assert sync.sync(behind).errors == [] and sync.sync(right).errors == []
        assert _suspended(right) == {"q1"} == _suspended(behind)


def test_the_sync_counts_the_cards_that_changed_here_not_the_actions(school, tmp_path):
    # A card suspended and brought back on the laptop is as it was on the desktop: the
    # sync said "2 cards suspended or brought back here" though nothing changed.
    now = datetime.now(UTC) - timedelta(hours=1)
    with school.computer(tmp_path / "laptop", "Ann") as laptop, \
            school.computer(tmp_path / "desktop", "Ann") as desktop:
        laptop.set_suspended(_ann(laptop), BANK.id, ["q0"], True, now=now)
        laptop.set_suspended(_ann(laptop), BANK.id, ["q0"], False,
                             now=now + timedelta(minutes=1))
        laptop.set_suspended(_ann(laptop), BANK.id, ["q1"], True,
                             now=now + timedelta(minutes=2))
        assert sync.sync(laptop).errors == []
        result = sync.sync(desktop)
        assert result.errors == []
        assert _suspended(desktop) == {"q1"}
        assert ", 1 card suspended or brought back here" in result.summary()
        # Nothing new: nothing said.
        assert "suspended" not in sync.sync(desktop).summary()


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
