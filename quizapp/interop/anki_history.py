"""An Anki deck's review log replayed as a learner's flashcard answers (`quizapp import
--with-history`), so that each card's FSRS schedule carries over: where Anki's FSRS gave
the card a memory state, the card keeps Anki's due date, stability and difficulty
(anki_schedule), so the first day in quizapp has the cards due that Anki has."""

from __future__ import annotations

from collections.abc import Iterable

from quizapp.core.grading import RATING_NAMES, grade_rating
from quizapp.core.model import Bank, Question
from quizapp.core.session_base import RECALLED

from .anki_import import Review
from .anki_schedule import AnkiSchedule


def replay_history(store, learner_id: int, bank: Bank, reviews: list[Review],
                   schedules: dict[str, AnkiSchedule] | None = None,
                   suspended: Iterable[str] = ()) -> int:
    """Record Anki's reviews as the learner's flashcard answers, oldest first, through the
    store's public API, so that each card's FSRS schedule carries over; then each card
    with a schedule in `schedules` (question id -> Anki's) keeps that schedule rather than
    the one the replay worked out (Anki's parameters, desired retention and due dates set
    by hand are not in the log), and the cards of `suspended` (question ids: those the
    learner suspended in Anki) stay suspended for the learner. Returns how many reviews.

    All of it is one transaction (Store.batch): an import stopped part way (kill -9, a
    full disk) leaves no review of the deck and no open session, so the next run adds the
    whole history; a partial one could never be completed (see the check below)."""
    known = {q.id: q for q in bank.questions}
    reviews = [r for r in reviews if r.question_id in known]
    kept_suspended = [qid for qid in suspended if qid in known]
    if not reviews and not kept_suspended:
        return 0
    # Another window's answer meanwhile waits for the whole history (see Database.batch).
    with store.batch("`quizapp import` (a deck's history)"):
        if kept_suspended:  # with the reviews or not at all (a batch is all or nothing)
            store.set_suspended(learner_id, bank.id, kept_suspended, True)
        if reviews:
            _replay_reviews(store, learner_id, bank, known, reviews, schedules or {})
    return len(reviews)


def _replay_reviews(store, learner_id: int, bank: Bank, known: dict[str, Question],
                    reviews: list[Review], schedules: dict[str, AnkiSchedule]) -> None:
    """replay_history's reviews, inside its batch."""
    # Asked inside the batch, whose write lock two imports at once take in turn: the
    # second then sees the first's answers (asked before, both would replay the deck).
    if store.seen_question_ids(learner_id, bank.id):
        # Replaying twice would count every review twice; answers are never rewritten.
        raise ValueError("this learner already has answers for this bank; the deck's "
                         "history was not added again")
    session = store.start_session(learner_id, bank, "flashcards", now=reviews[0].when)
    first_ratings: dict[str, int] = {}  # question id -> its first rating in the deck's log
    last_answers = {}  # question id -> the answer of its last review
    for r in reviews:
        # stored as a review in the app stores it (FlashcardSession.rate): the rating's
        # name as the response, graded as the app grades a self-rated card
        g = grade_rating(known[r.question_id], r.rating)
        last_answers[r.question_id] = store.record_answer(
            session, known[r.question_id], response=RATING_NAMES[r.rating],
            correct=g.correct, credit=g.credit, seconds=r.seconds, rating=r.rating,
            now=r.when)
        first_ratings.setdefault(r.question_id, r.rating)
    # the app's recall (FlashcardSession.recall): the share of cards whose FIRST rating
    # was Good or Easy, not of every review
    recalled = sum(rating >= RECALLED for rating in first_ratings.values()) / len(
        first_ratings
    )
    store.finish_session(session, None, reviews[-1].when, recall=recalled)
    for qid, schedule in schedules.items():
        if qid in last_answers:  # a card Anki scheduled but never reviewed has no card
            store.keep_schedule(last_answers[qid], state=schedule.state,
                                stability=schedule.stability,
                                difficulty=schedule.difficulty, due=schedule.due)
