"""Undos pulled from the class server: each card they touch is replayed once per piece.

A learner's other computer pulling 480 undos (2% of 23,000 answers over 46 cards) held
the results file for 25 s in one piece: each undo replayed its card from all its reviews
twice (in retract_within, then again in the pull's own replay) and refolded its
question's statistics, which the piece's recount then wrote over. Meanwhile nothing else
could write there: the app's own answers waited, another `quizapp sync` gave up."""

from __future__ import annotations

from datetime import timedelta

import pytest

psycopg = pytest.importorskip("psycopg")  # the test extra installs it; CI has it

from bank_samples import make_bank  # noqa: E402

from quizapp.core import scheduler  # noqa: E402
from quizapp.server import sync  # noqa: E402
from tests.server_helpers import T0, make_school, study  # noqa: E402

REVIEWS = 60  # of one card
UNDONE = 12  # of them taken back on the other computer


def _counting_reviews(monkeypatch) -> list[int]:
    """How many FSRS steps the replays take (every replay steps through the scheduler)."""
    steps = [0]
    for name in ("review", "review_unfuzzed"):
        real = getattr(scheduler, name)

        def counted(*args, _real=real, **kwargs):
            steps[0] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(scheduler, name, counted)
    return steps


def test_undos_pulled_replay_each_card_once_and_count_as_a_recount(
        pg_server, pg_database, tmp_path, monkeypatch):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    bank = make_bank()
    lab_a = school.computer(tmp_path / "a", "Ann")
    study(lab_a, "Ann", bank, [("q0", k % 3 != 0, 1 + k % 4) for k in range(REVIEWS)]
          + [("q1", True, 3)], T0)
    assert sync.sync(lab_a).pushed == REVIEWS + 1
    lab_b = school.computer(tmp_path / "b", "Ann")
    assert sync.sync(lab_b).pulled == REVIEWS + 1
    undone = [u for (u,) in lab_a._read(
        "SELECT uuid FROM answers WHERE question_id = 'q0' ORDER BY id")][::REVIEWS // UNDONE]
    for k, answer in enumerate(undone):
        lab_a.retract_answer(answer, now=T0 + timedelta(hours=2, seconds=k))
    assert sync.sync(lab_a).retractions_pushed == UNDONE

    steps = _counting_reviews(monkeypatch)
    taken = sync.sync(lab_b)
    assert taken.retractions_pulled == UNDONE
    # One replay of q0 from its reviews left (before: two per undo, 12 x 2 x ~55).
    assert steps[0] <= REVIEWS - UNDONE

    # As the computer that took them back has it: the card, the statistics, the undos.
    learner_a = lab_a.learner_by_name("Ann").id
    learner_b = lab_b.learner_by_name("Ann").id
    for question in ("q0", "q1"):
        card_a = lab_a.card_state(learner_a, bank.id, question)
        card_b = lab_b.card_state(learner_b, bank.id, question)
        assert (card_a.stability, card_a.difficulty, card_a.due, card_a.reviews,
                card_a.lapses) == (card_b.stability, card_b.difficulty, card_b.due,
                                   card_b.reviews, card_b.lapses)
    summary_a, summary_b = lab_a.bank_summary(learner_a, bank), lab_b.bank_summary(learner_b, bank)
    assert (summary_b.answers, summary_b.correct) == (summary_a.answers, summary_a.correct)
    assert summary_b.answers == REVIEWS + 1 - UNDONE
    assert lab_b.question_stats(learner_b, bank) == lab_a.question_stats(learner_a, bank)
    assert sorted(lab_b._read("SELECT answer_uuid, retracted FROM retractions")) == sorted(
        lab_a._read("SELECT answer_uuid, retracted FROM retractions"))
    # Each undo keeps the card as it left it (the store's rebuild of the cards reads a
    # card's latest undo): here, the one replay's, the same for all of them.
    kept = {c for (c,) in lab_b._read("SELECT card FROM retractions")}
    assert len(kept) == 1 and None not in kept
    lab_a.close()
    lab_b.close()
