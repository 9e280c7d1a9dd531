"""An ordering question left untouched has no answer, as an untouched choice has none: the
first Enter warns, a second Enter skips it (in an exam nothing is recorded). Moving an item
and back answers with the order shown. (A keys-only tester found the order shown saved as
an answer on the first Enter of an exam.)"""

from __future__ import annotations

import pytest
from gui_helpers import make_screen, press, recorded
from PySide6.QtCore import Qt

from quizapp.core.session import QuizSession
from quizapp.gui.exam_panel import ANSWERED_MARK, UNANSWERED_MARK
from quizapp.gui.question_widgets import RIGHT_MARK, WRONG_MARK

IDS = ["writing-steps", "validate-command"]  # "Put the steps of writing a new bank...", then one


def _marks(screen) -> list[str]:
    items = screen.exam_panel.question_list
    return [items.item(i).text().split()[1] for i in range(items.count())]


def _exam(store, learner, bank, **kwargs) -> QuizSession:
    return QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=IDS,
                       **kwargs)


def test_enter_on_an_untouched_ordering_in_an_exam_warns_then_skips(qtbot, bank, store,
                                                                   learner):
    session = _exam(store, learner, bank)
    screen = make_screen(qtbot, session)
    assert screen.question_widget.question.id == "writing-steps"
    press(qtbot, screen, Qt.Key.Key_Return)
    hint = screen.hint_label.text()
    assert hint.startswith("No answer yet") and "Enter again to skip" in hint
    assert "move an item and back" in hint  # how to answer with the order shown
    assert session.position == 1 and session.answer_of("writing-steps") is None
    assert recorded(store, learner.id) == []
    assert _marks(screen) == [UNANSWERED_MARK, UNANSWERED_MARK]
    assert screen.exam_panel.saved_label.isHidden()  # not "Answer to question 1 saved"
    assert screen.exam_panel.summary_label.text() == "0 of 2 answered"

    press(qtbot, screen, Qt.Key.Key_Return)  # skipped: on to question 2, nothing recorded
    assert session.current.id == "validate-command"
    assert "Question 1 skipped" in screen.hint_label.text()
    assert recorded(store, learner.id) == [] and session.unanswered == 2


def test_moving_an_item_and_back_answers_with_the_order_shown(qtbot, bank, store, learner):
    session = _exam(store, learner, bank)
    screen = make_screen(qtbot, session)
    widget = screen.question_widget
    shown = widget.shown_order()
    assert screen.focusWidget() is widget.list  # the keys go to the list
    press(qtbot, screen, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    press(qtbot, screen, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert widget.shown_order() == shown
    press(qtbot, screen, Qt.Key.Key_Return)  # one Enter submits it, as any answer
    assert session.current.id == "validate-command"
    assert session.answer_of("writing-steps").response == shown
    assert [r.question_id for r in recorded(store, learner.id)] == ["writing-steps"]
    assert _marks(screen) == [ANSWERED_MARK, UNANSWERED_MARK]

    # gone back to, its answer shows and counts as given: Enter goes on, recording nothing
    screen.go_to_question(0)
    assert screen.question_widget.shown_order() == shown
    assert screen.question_widget.is_answered()
    press(qtbot, screen, Qt.Key.Key_Return)
    assert session.current.id == "validate-command"
    assert len(recorded(store, learner.id)) == 1


@pytest.mark.parametrize("mode", ["quiz", "practice"])
def test_an_untouched_ordering_warns_first_in_a_quiz_and_practice_too(qtbot, bank, store,
                                                                      learner, mode):
    session = QuizSession(store, learner.id, bank, mode=mode, shuffle=False,
                          question_ids=IDS)
    screen = make_screen(qtbot, session)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.hint_label.text().startswith("No answer yet")
    assert session.state == "asking" and recorded(store, learner.id) == []

    press(qtbot, screen, Qt.Key.Key_Return)  # skipped: counts as wrong, with no answer
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.correct, r.credit) for r in rows] == [
        ("writing-steps", False, 0.0)]  # not the order shown's partial credit
    assert session.answers[0].response is None
    # Nor are its items marked as an answer's: a tester saw "✔ Low-level negotiators…"
    # on a question skipped, as if put in its place (the right order is in the feedback).
    items = screen.question_widget.list
    texts = [items.item(r).text() for r in range(items.count())]
    assert not any(t.startswith((RIGHT_MARK, WRONG_MARK)) for t in texts), texts


def test_an_untouched_ordering_is_not_collected_when_the_time_runs_out(qtbot, bank, store,
                                                                      learner):
    now = [1000.0]
    session = _exam(store, learner, bank, time_limit=60, clock=lambda: now[0])
    screen = make_screen(qtbot, session)
    now[0] += 61
    with qtbot.waitSignal(screen.session_finished, timeout=3000):
        pass  # the screen's clock notices
    assert session.timed_out and recorded(store, learner.id) == []
