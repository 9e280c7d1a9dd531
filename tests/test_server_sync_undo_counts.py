"""A sync that carries only an undo says so, both ways (it said "0 answers pushed, 0
pulled", as if nothing had happened)."""

from __future__ import annotations

from datetime import timedelta

import pytest

psycopg = pytest.importorskip("psycopg")  # the test extra installs it; CI has it

from bank_samples import make_bank  # noqa: E402

from quizapp.server import sync  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402


def test_an_undo_alone_is_counted_when_pushed_and_when_pulled(pg_server, pg_database, tmp_path):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    lab_a = school.computer(tmp_path / "a", "Ann")
    study(lab_a, "Ann", make_bank(), [("q0", True, 3), ("q1", False, 1)], T0)
    assert sync.sync(lab_a).pushed == 2
    lab_b = school.computer(tmp_path / "b", "Ann")
    assert sync.sync(lab_b).pulled == 2
    wrong = lab_b._read("SELECT uuid FROM answers WHERE correct = 0")[0][0]
    lab_b.retract_answer(wrong, now=T0 + timedelta(hours=1))

    sent = sync.sync(lab_b)
    assert (sent.pushed, sent.pulled, sent.retractions_pushed) == (0, 0, 1)
    assert sent.summary() == (
        "synced 1 learner: 0 answers pushed, 1 answer taken back on the server, 0 pulled")

    taken = sync.sync(lab_a)
    assert (taken.pushed, taken.pulled, taken.retractions_pulled) == (0, 0, 1)
    assert taken.summary() == "synced 1 learner: 0 answers pushed, 0 pulled, 1 answer taken back here"
    assert lab_a._read("SELECT answer_uuid FROM retractions") == [(wrong,)]

    # Once there, the undo is not counted again.
    for lab in (lab_a, lab_b):
        again = sync.sync(lab)
        assert (again.retractions_pushed, again.retractions_pulled) == (0, 0)
        assert again.summary() == "synced 1 learner: 0 answers pushed, 0 pulled"
