"""Each review's fuzz draw goes to the class server with it (server schema 14), so a card
pulled on another computer is the very card the learner left, due date included; a server
not updated yet still takes the reviews, without their draws."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

psycopg = pytest.importorskip("psycopg")  # the test extra installs it; CI has it

from bank_samples import make_bank  # noqa: E402

from quizapp.core import scheduler  # noqa: E402
from quizapp.server import admin, schema, sync  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402

BANK = make_bank()
CARDS = "SELECT * FROM cards ORDER BY bank_id, question_id"
# Days between Ann's sessions: q0 (and q1) reach FSRS's review state, whose intervals
# are fuzzed, from the third session on.
DAYS = (0, 1, 4, 12, 33, 80)


def _study_over_weeks(store, start=T0) -> None:
    day = 0
    for gap in DAYS:
        day += gap
        study(store, "Ann", BANK, [("q0", True, 3), ("q1", True, 4)],
              start + timedelta(days=day, hours=gap % 5))


def _draws(store) -> list:
    return [r[0] for r in store._read("SELECT draw FROM reviews ORDER BY reviewed, question_id")]


def test_a_card_pulled_on_another_computer_has_the_due_date_its_draw_gave(
        pg_server, pg_database, tmp_path):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    home = school.computer(tmp_path / "home", "Ann")
    _study_over_weeks(home)
    assert sync.sync(home).errors == []
    with school.admin() as conn:
        assert conn.execute("SELECT count(*), count(draw) FROM quizapp.reviews"
                            ).fetchone() == (12, 12)
    lab = school.computer(tmp_path / "lab", "Ann")
    assert sync.sync(lab).pulled == 12
    assert _draws(lab) == _draws(home) and None not in _draws(lab)
    assert lab._read(CARDS) == home._read(CARDS)
    # The due dates are fuzzed ones: the same cards replayed with other draws differ.
    ann = home.learner_by_name("Ann").id
    assert home.card_state(ann, BANK.id, "q1").state == "review"


def test_a_server_before_schema_14_takes_the_reviews_without_their_draws(
        pg_server, pg_database, tmp_path, monkeypatch):
    with monkeypatch.context() as older:
        older.setattr(schema, "SCHEMA_VERSION", 13)
        school = make_school(pg_server, pg_database)
    school.add("Ann")
    with school.admin() as conn:
        assert schema.version(conn) == 13
        assert conn.execute("SELECT count(*) FROM pg_attribute WHERE attrelid ="
                            " 'quizapp.reviews'::regclass AND attname = 'draw'").fetchone() == (0,)
    home = school.computer(tmp_path / "home", "Ann")
    _study_over_weeks(home)
    result = sync.sync(home)
    assert (result.errors, result.too_new, result.pushed) == ([], False, 12)
    lab = school.computer(tmp_path / "lab", "Ann")
    assert sync.sync(lab).pulled == 12
    # Pulled without draws, the reviews replay with the draws seeded by each review, as
    # a computer of quizapp 12 replays them.
    assert _draws(lab) == [None] * 12
    ann = lab.learner_by_name("Ann").id
    card = scheduler.new_card(scheduler.card_id_for(ann, BANK.id, "q1"), T0)
    for rating, reviewed, ms in lab._read(
            "SELECT rating, reviewed, duration_ms FROM reviews WHERE question_id = 'q1'"
            " ORDER BY reviewed"):
        card = scheduler.review(card, rating, datetime.fromisoformat(reviewed), ms / 1000)
    assert lab.card_state(ann, BANK.id, "q1").due == card.due
    # Once the server is updated, the next answers go with their draws.
    with school.admin() as conn:
        assert admin.init(conn) == (13, schema.SCHEMA_VERSION)
    study(home, "Ann", BANK, [("q0", True, 3)], T0 + timedelta(days=400))
    assert sync.sync(home).pushed == 1
    with school.admin() as conn:
        assert conn.execute("SELECT count(*), count(draw) FROM quizapp.reviews"
                            ).fetchone() == (13, 1)
    for store in (home, lab):
        store.close()
