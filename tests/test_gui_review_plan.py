"""The screens plan a shown card's review (quizapp.core.review_plan) and the answer applies
the plan: through the real flashcard and quiz screens, the store does not plan at answer
time, and the card it stores is the one replaying the answer log gives."""

from __future__ import annotations

import pytest
from bank_samples import CAPITALS
from gui_helpers import answer, make_screen, press
from gui_helpers import open_flashcard_screen as _flashcard_screen
from PySide6.QtCore import Qt

from quizapp.core.loader import load_bank
from quizapp.core.session import QuizSession
from quizapp.core.store import answers as answers_module

CARDS = (
    "SELECT question_id, card_id, state, step, stability, difficulty, due, last_review,"
    " reviews, lapses FROM cards WHERE learner_id = ? ORDER BY question_id"
)


def _planning_at_answer_counted(monkeypatch) -> list[tuple]:
    calls: list[tuple] = []
    plan_at_answer = answers_module._plan_review

    def counted(*args):
        calls.append(args)
        return plan_at_answer(*args)

    monkeypatch.setattr(answers_module, "_plan_review", counted)
    return calls


def _replayed_cards_match(store, learner_id: int) -> None:
    stored = store._db.read(CARDS, (learner_id,))
    assert stored
    store.rebuild_derived()  # the cards again, from the review log
    assert store._db.read(CARDS, (learner_id,)) == stored


@pytest.fixture
def capitals_bank(tmp_path):
    path = tmp_path / "capitals.yaml"
    path.write_text(CAPITALS, encoding="utf-8")
    result = load_bank(path, use_cache=False)
    assert result.bank is not None
    return result.bank


def test_the_flashcard_screen_plans_the_turned_card_and_its_rating_applies_it(
    qtbot, context, capitals_bank, monkeypatch
):
    screen = _flashcard_screen(qtbot, context)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(capitals_bank)
    planned_at_answer = _planning_at_answer_counted(monkeypatch)
    rated = 0
    while not screen.session.finished:
        qtbot.keyClick(screen, Qt.Key.Key_Space)  # turned: the buttons say each interval
        assert "·" in screen.rating_buttons[3].text()
        with qtbot.waitSignal(screen.card_rated, timeout=10000):
            qtbot.keyClick(screen, Qt.Key.Key_1 if rated == 0 else Qt.Key.Key_3)
        rated += 1
    assert rated == 4  # Again brought the first card back once
    assert planned_at_answer == []
    _replayed_cards_match(context.store, context.learner_id)


def test_the_quiz_screen_plans_the_shown_question_and_its_answer_applies_it(
    qtbot, bank, store, learner, monkeypatch
):
    session = QuizSession(store, learner.id, bank, mode="quiz", shuffle=False)
    screen = make_screen(qtbot, session)
    planned_at_answer = _planning_at_answer_counted(monkeypatch)
    answered = 0
    while screen.session is not None and answered < 4:
        question = session.current
        # Planned once the question is painted, before any answer.
        qtbot.waitUntil(lambda q=question: session._plan is not None
                        and session._plan.key[2] == q.id)
        answer(qtbot, screen, answered % 2 == 0)
        press(qtbot, screen, Qt.Key.Key_Return)  # submit
        qtbot.waitUntil(lambda: session.state == "answered")
        answered += 1
        press(qtbot, screen, Qt.Key.Key_Return)  # next
    assert answered == 4
    assert planned_at_answer == []
    _replayed_cards_match(store, learner.id)
