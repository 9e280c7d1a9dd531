"""Sessions against the real SQLite Store: what a learner did is what was recorded."""

from datetime import UTC, datetime, timedelta

import pytest
from test_session import BANK, CARD, Clock

from quizapp.core.loader import load_bank
from quizapp.core.paths import bundled_banks_dir
from quizapp.core.session import FlashcardSession, QuizSession
from quizapp.core.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "data")
    yield s
    s.close()


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
