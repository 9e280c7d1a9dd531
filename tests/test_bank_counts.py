"""New / learning / due counts of a bank for a learner (core/bank_counts.py), against the
flashcard session that studies them: the counts are what studying now would bring."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bank_samples import AUTO_TALKS as BANK

from quizapp.core.bank_counts import StudyCounts, study_counts
from quizapp.core.model import Bank, Flashcard, TrueFalse
from quizapp.core.session import FlashcardSession, QuizSession

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def learner(store):
    return store.create_learner("Ada").id


def deck(n_cards: int, n_other: int = 0) -> Bank:
    cards = [Flashcard(id=f"c{i}", prompt=f"Front {i}", back=f"Back {i}") for i in range(n_cards)]
    other = [TrueFalse(id=f"t{i}", prompt=f"Claim {i}", answer=True) for i in range(n_other)]
    return Bank(id="deck", title="Deck", questions=(*cards, *other))


@pytest.mark.parametrize("n_other", [0, 3])  # flashcards only (one count) or mixed (batches)
def test_counts_follow_a_review_and_match_the_session(store, learner, n_other):
    bank = deck(25, n_other)
    assert study_counts(store, learner, bank, now=T0) == StudyCounts(
        new=20, learning=0, due=0, next_due=None)
    session = FlashcardSession(store, learner, bank, now=T0, new_limit=8)
    for rating in (1, 1, 3, 4, 3, 3, 2, 3):  # Easy graduates at once; the rest are learning
        session.flip()
        session.rate(rating)
    assert study_counts(store, learner, bank, now=T0).learning == 0  # none due yet
    # 17 unseen cards left; minutes later the learning cards are due again, Easy is not.
    later = T0 + timedelta(minutes=11)
    counts = study_counts(store, learner, bank, now=later)
    assert (counts.new, counts.learning, counts.due) == (17, 7, 7)  # learning cards due are due
    fresh = FlashcardSession(store, learner, bank, now=later)
    assert len(fresh.due_cards) == counts.due == fresh.due_count
    assert store.bank_summary(learner, bank, now=later).due_count == counts.due
    assert len(fresh.new_cards) == counts.new
    fresh.abandon()
    # Weeks later every rated card is due, in review.
    much_later = T0 + timedelta(days=60)
    counts = study_counts(store, learner, bank, now=much_later)
    assert counts.due == 8 and counts.learning < 8
    assert study_counts(store, learner, bank, now=much_later, new_limit=5).new == 5


def test_quiz_answers_are_due_cards_but_never_new_ones(store, learner):
    session = QuizSession(store, learner, BANK, shuffle=False, question_ids=["mc", "tf"])
    session.submit(0)  # wrong: Again, a learning card
    session.advance()
    session.submit(True)
    session.advance()
    now = datetime.now(UTC) + timedelta(days=400)
    counts = study_counts(store, learner, BANK, now=now)
    assert counts.due == 2
    assert counts.new == 1  # the bank's one flashcard, never seen


def test_a_question_gone_from_the_bank_is_not_counted(store, learner):
    bank = deck(3)
    session = FlashcardSession(store, learner, bank, now=T0)
    while not session.finished:
        session.flip()
        session.rate(1 if session.current.id == "c0" and not session.answers else 3)
    shorter = Bank(id="deck", title="Deck", questions=bank.questions[1:])
    later = T0 + timedelta(days=400)
    everything = study_counts(store, learner, bank, now=later)
    assert everything.due == 3
    counts = study_counts(store, learner, shorter, now=later)
    assert counts.due == 2 and counts.new == 0
