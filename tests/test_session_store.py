"""Sessions against the real SQLite Store: what a learner did is what was recorded."""

from datetime import UTC, datetime, timedelta

import pytest
from bank_samples import AUTO_TALKS as BANK
from bank_samples import CARD
from helpers import Clock

from quizapp.core.loader import load_bank
from quizapp.core.paths import bundled_banks_dir
from quizapp.core.session import FlashcardSession, QuizSession


@pytest.fixture
def learner(store):
    return store.create_learner("Ada").id


def test_quiz_answers_and_score_are_stored(store, learner):
    clock = Clock()
    s = QuizSession(
        store, learner, BANK, shuffle=False, clock=clock, question_ids=["mc", "sa", "num", "cz"]
    )
    clock.tick(2.5)
    s.submit(0)
    s.advance()
    s.submit("Kantor")
    s.advance()
    s.submit("$60 billion")
    s.advance()
    s.submit(["Tokio"])
    s.advance()
    assert s.finished
    rows = list(store.export_rows(learner))
    assert [(r.question_id, r.response, r.correct, r.credit) for r in rows] == [
        ("mc", "Mickey Kantor", False, 0.0),
        ("sa", "Kantor", True, 1.0),
        ("num", "$60 billion", True, 1.0),
        ("cz", ["Tokio"], True, 1.0),  # one typo forgiven in a 5-letter answer
    ]
    assert rows[0].seconds == 2.5 and rows[0].mode == "quiz"
    info = store.session(s.session_id)
    assert info.finished is not None
    assert info.score == pytest.approx(s.score) == pytest.approx(4 / 5)
    assert store.card_state(learner, BANK.id, "mc") is not None  # every answer schedules a card


def test_practice_and_review_sessions_are_recorded_with_their_modes(store, learner):
    s = QuizSession(store, learner, BANK, mode="practice", shuffle=False, question_ids=["mc", "tf"])
    s.submit(0)
    s.advance()
    s.submit(True)
    s.advance()
    s.submit(1)
    s.advance()
    assert s.finished
    review = s.review_session()
    review.submit(1)
    review.advance()
    assert review.finished and review.score == 1.0
    modes = [r.mode for r in store.export_rows(learner)]
    assert modes == ["practice", "practice", "practice", "review"]


def test_a_review_of_mistakes_is_no_attempt(store, learner):
    # Its questions were answered just before, their right answers shown: Best, Last, the
    # score chart and the teacher's attempts count the quiz only.
    quiz = QuizSession(store, learner, BANK, shuffle=False, question_ids=["mc", "tf"])
    quiz.submit(1)  # right
    quiz.advance()
    quiz.submit(False)  # wrong
    quiz.advance()
    review = quiz.review_session()
    review.submit(True)
    review.advance()
    assert review.finished and review.score == 1.0  # its own results page shows it
    stored = store.session(review.session_id)
    assert (stored.outcome, stored.score) == ("finished", None)
    summary = store.bank_summary(learner, BANK)
    assert summary.attempts == 1
    assert summary.best_score == summary.last_score == pytest.approx(0.5)
    assert [p.mode for p in store.score_over_time(learner, BANK, None)] == ["quiz"]
    (row,) = store.learner_bank_table()
    assert (row.attempts, row.best_score, row.last_score) == (1, 0.5, 0.5)


def test_flashcards_with_real_scheduling(store, learner):
    # A wrong quiz answer makes its card due; a day later it comes first.
    q = QuizSession(store, learner, BANK, shuffle=False, question_ids=["tf"])
    q.submit(False)
    q.advance()
    later = datetime.now(UTC) + timedelta(days=1)
    fc = FlashcardSession(store, learner, BANK, now=later)
    assert [c.id for c in fc.due_cards] == ["tf"]
    assert [c.id for c in fc.new_cards] == ["card"]
    assert fc.due_count == 1
    fc.flip()
    fc.rate(3)
    assert fc.current is CARD
    fc.flip()
    fc.rate(3)
    assert fc.finished
    assert fc.due_count == 0
    assert fc.next_due is not None and fc.next_due > later
    reviews = [r for r in store.export_rows(learner) if r.mode == "flashcards"]
    assert [(r.question_id, r.response) for r in reviews] == [("tf", "Good"), ("card", "Good")]
    assert store.card_state(learner, BANK.id, "card").reviews == 1
    again = FlashcardSession(store, learner, BANK, now=later)
    assert again.finished  # nothing due, nothing new


def test_every_question_of_the_bundled_banks_grades_its_own_answer(store, learner):
    from quizapp.core.grading import expected_response

    banks = sorted(bundled_banks_dir().glob("*.yaml"))
    assert banks
    for path in banks:
        result = load_bank(path, use_cache=False)
        assert result.bank is not None, result.problems
        s = QuizSession(store, learner, result.bank, shuffle=False)
        while not s.finished:
            g = s.submit(expected_response(s.current))
            assert g.correct, (path.name, s.current.id, g)
            s.advance()
        assert s.score == 1.0


def test_flashcard_counts_equal_a_plain_reference_on_every_card(store, learner):
    """The per-card counts (a plain count less the cards of removed questions, a counter of
    new cards) equal the straightforward answers: the store's joined due list, the queue
    walked for unrated new cards, and the earliest due among the bank's questions."""
    from quizapp.core.model import Bank, Flashcard

    cards = tuple(Flashcard(id=f"c{i}", prompt=f"front {i}", back=f"back {i}") for i in range(12))
    first = Bank(id="deck", title="Deck", questions=cards)
    review = FlashcardSession(store, learner, first, new_limit=None)
    for rating in (1, 1, 1, 1, 1, 1):  # Again: due again within minutes
        review.flip()
        review.rate(rating)
    review.abandon()
    # The teacher removes two of the cards that were rated: their cards stay in the store.
    revised = Bank(id="deck", title="Deck", questions=cards[2:] + (
        Flashcard(id="added", prompt="new front", back="new back"),))
    later = datetime.now(UTC) + timedelta(hours=1)
    fc = FlashcardSession(store, learner, revised, now=later, new_limit=3)
    current = [q.id for q in revised.questions]
    assert [q.id for q in fc.due_cards] == store.due_question_ids(learner, revised, later)
    assert len(fc.due_cards) == 4 and len(fc.new_cards) == 3
    checks = 0
    while True:
        expected_due = len(store.due_question_ids(learner, revised, later))
        expected_new = 0 if fc.finished else sum(
            1 for q in fc._queue[fc._index:]
            if q in fc.new_cards and q.id not in {r.question.id for r in fc.answers})
        assert (fc.due_count, fc.new_count) == (expected_due, expected_new)
        assert fc.next_due == store.next_due(learner, revised, current)
        checks += 1
        if fc.finished:
            break
        fc.flip()
        fc.rate(1 if checks == 2 else 3)  # one Again: that card comes back at the end
    assert checks == 4 + 3 + 1 + 1 and fc.due_count == 0
    # The removed cards are still due: a plain count says 2 more than the review shows.
    assert store.count_due(learner, "deck", later) == 2


def test_new_cards_found_in_batches_equal_the_plain_filter(store, learner):
    """Many answered cards before the new ones: the batched lookups find the same first new
    cards as filtering the bank against every answered question."""
    from quizapp.core.model import Bank, Flashcard

    cards = tuple(Flashcard(id=f"c{i}", prompt=f"front {i}", back="b") for i in range(40))
    bank = Bank(id="deck", title="Deck", questions=cards)
    first = FlashcardSession(store, learner, bank, new_limit=25)
    for _ in range(25):
        first.flip()
        first.rate(4 if first.position % 5 else 1)  # Easy: not due for days; Again: due soon
    first.abandon()
    later = datetime.now(UTC) + timedelta(hours=1)
    for limit in (0, 1, 3, 15, None):
        fc = FlashcardSession(store, learner, bank, now=later, new_limit=limit)
        seen = store.seen_question_ids(learner, bank)
        due = set(store.due_question_ids(learner, bank, later))
        plain = [q for q in cards if q.id not in seen and q.id not in due]
        assert fc.new_cards == plain[:limit] if limit is not None else plain
        fc.abandon()


def test_stale_cards_are_the_cards_of_removed_questions(store, learner):
    from quizapp.core.model import Bank, Flashcard

    cards = tuple(Flashcard(id=f"c{i}", prompt=f"front {i}", back="b") for i in range(4))
    fc = FlashcardSession(store, learner, Bank(id="deck", title="Deck", questions=cards))
    for rating in (1, 4, 4, 4):  # c0 Again (due in minutes), the others Easy (days)
        fc.flip()
        fc.rate(rating)
    fc.abandon()
    revised = Bank(id="deck", title="Deck", questions=cards[2:])
    stale = store.stale_cards(learner, revised)
    assert sorted(stale) == ["c0", "c1"]
    assert stale["c1"] == store.card_state(learner, "deck", "c1").due
    in_an_hour = datetime.now(UTC) + timedelta(hours=1)
    assert sorted(store.stale_cards(learner, revised, due_after=in_an_hour)) == ["c1"]
    later = FlashcardSession(store, learner, revised, now=in_an_hour)
    # c0 is due but removed; c2, c3 are not due: nothing of the revised bank is due.
    assert later.due_count == 0 == len(store.due_question_ids(learner, revised, in_an_hour))
    assert store.count_due(learner, "deck", in_an_hour) == 1


def test_flashcard_counts_after_a_rating_is_taken_back(store, learner):
    """Undo brings a new card back: new_count and due_count equal the plain reference."""
    from quizapp.core.model import Bank, Flashcard

    cards = tuple(Flashcard(id=f"c{i}", prompt=f"front {i}", back="b") for i in range(5))
    bank = Bank(id="deck", title="Deck", questions=cards)
    fc = FlashcardSession(store, learner, bank, new_limit=3)

    def plain_new() -> int:
        rated = {r.question.id for r in fc.answers}
        return sum(1 for q in fc._queue[fc._index:] if q in fc.new_cards and q.id not in rated)

    assert fc.new_count == plain_new() == 3
    fc.flip()
    fc.rate(3)
    assert fc.new_count == plain_new() == 2
    assert fc.undo_last().id == "c0"
    assert fc.new_count == plain_new() == 3
    assert fc.due_count == len(store.due_question_ids(learner, bank)) == 0
    fc.rate(1)  # Again: due in minutes, and back at the end of the queue
    assert fc.new_count == plain_new() == 2
    fc.undo_last()
    assert fc.new_count == plain_new() == 3 and fc.current.id == "c0"
