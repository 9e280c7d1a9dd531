"""The class's "Last" score is the attempt finished last by the server's clock: a computer
whose clock is ahead (a wrong date, a dead CMOS battery) no longer keeps its score as the
last one until that date comes, whatever the learner does meanwhile on a right clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

pytest.importorskip("psycopg")

from bank_samples import make_bank  # noqa: E402

from quizapp.server import admin, overview, schema, sync  # noqa: E402
from tests.server_helpers import make_school, study  # noqa: E402

BANK = make_bank(4)
AHEAD = timedelta(days=200)


def _last_scores(school) -> list[tuple]:
    with school.as_person("Tess") as conn:
        return [(r.learner, r.attempts, r.best_score, r.last_score)
                for r in overview.learner_bank_rows(conn)]


def _attempts(school, tmp_path) -> None:
    """Ann's quiz on a computer a few months ahead (25 %), then one on a right clock
    (75 %), each synced as it ends; then Bob's two on a right clock (50 %, then 100 %)."""
    ahead = school.computer(tmp_path / "ahead", "Ann", "Bob")
    right = school.computer(tmp_path / "right", "Ann", "Bob")
    study(ahead, "Ann", BANK, [("q0", False, 1)], datetime.now(UTC) + AHEAD, score=0.25)
    assert sync.sync(ahead).errors == []
    study(right, "Ann", BANK, [("q1", True, 3)], datetime.now(UTC), score=0.75)
    study(right, "Bob", BANK, [("q1", True, 3)], datetime.now(UTC) - timedelta(hours=1),
          score=0.5)
    study(right, "Bob", BANK, [("q1", True, 3)], datetime.now(UTC) - timedelta(minutes=30),
          score=1.0)
    assert sync.sync(right).errors == []
    for store in (ahead, right):
        store.close()


@pytest.fixture
def school(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    for name in ("Ann", "Bob"):
        school.add(name)
    school.add("Tess", "teacher")
    return school


def test_a_computer_whose_clock_is_ahead_does_not_keep_the_last_score(school, tmp_path):
    _attempts(school, tmp_path)
    assert _last_scores(school) == [("Ann", 2, 0.75, 0.75), ("Bob", 2, 1.0, 1.0)]
    # The overview's "studied" is not in the future either.
    with school.as_person("Tess") as conn:
        studied = conn.execute("SELECT max(last_finished) FROM quizapp.learner_banks"
                               " WHERE learner = (SELECT role FROM quizapp.people"
                               " WHERE display_name = 'Ann')").fetchone()[0]
    assert datetime.fromisoformat(studied) < datetime.now(UTC) + timedelta(hours=1)


def test_a_server_updated_counts_the_last_score_by_its_clock_from_then(
        pg_server, pg_database, tmp_path, monkeypatch):
    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 11)
        school = make_school(pg_server, pg_database)
        for name in ("Ann", "Bob"):
            school.add(name)
        school.add("Tess", "teacher")
        _attempts(school, tmp_path)
        assert _last_scores(school)[0] == ("Ann", 2, 0.75, 0.25)  # the ahead one's
    with school.admin() as conn:
        admin.init(conn)
    # The attempts pushed before: the later push of two finished "now" (or after) is the
    # last; Bob's, from one computer with a right clock, keep their order.
    assert _last_scores(school) == [("Ann", 2, 0.75, 0.75), ("Bob", 2, 1.0, 1.0)]
