"""The exam page: Leave and Submit line up with the question card, not with the card and
the question list together (at 800 px Submit stood under the list), and once every
question is answered there is one Hand in, not two (the list's and Submit's)."""

from __future__ import annotations

import pytest
from bank_samples import AUTO_TALKS as BANK
from gui_helpers import make_screen, press
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

from quizapp.core.session import QuizSession


def left_right(widget, screen) -> tuple[int, int]:
    """The widget's left and right edges in the screen's coordinates."""
    left = widget.mapTo(screen, QPoint(0, 0)).x()
    return left, left + widget.width()


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_leave_and_submit_line_up_with_the_question_card(qtbot, store, learner, size):
    exam = QuizSession(store, learner.id, BANK, mode="exam", shuffle=False,
                       question_ids=["mc", "tf"])
    screen = make_screen(qtbot, exam)
    screen.resize(*size)
    qtbot.waitUntil(lambda: screen.exam_panel.isVisible() and screen.card.width() > 0)
    card_left, card_right = left_right(screen.card, screen)
    panel_left, _ = left_right(screen.exam_panel, screen)
    leave_left, _ = left_right(screen.leave_button, screen)
    _, submit_right = left_right(screen.submit_button, screen)
    # within the scroll bar's width the card may keep at its right
    assert abs(leave_left - card_left) <= 20 and abs(submit_right - card_right) <= 20
    assert submit_right < panel_left  # not under the question list


def test_one_hand_in_once_every_question_is_answered(qtbot, store, learner):
    exam = QuizSession(store, learner.id, BANK, mode="exam", shuffle=False,
                       question_ids=["mc", "tf"])
    screen = make_screen(qtbot, exam)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)

    def hand_ins() -> list[QPushButton]:
        return [b for b in screen.findChildren(QPushButton)
                if b.isVisible() and b.text() == "Hand in"]

    assert hand_ins() == [screen.exam_panel.hand_in_button]  # to hand in early
    press(qtbot, screen, "2")
    press(qtbot, screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.question_widget.question.id == "tf")
    press(qtbot, screen, "1")
    press(qtbot, screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: exam.unanswered == 0 and screen.submit_button.text() == "Hand in")
    assert hand_ins() == [screen.submit_button]
    # Back to a question to change its answer: Submit again, and the list's Hand in
    screen.exam_panel.question_list.setCurrentRow(0)
    qtbot.keyClick(screen.exam_panel.question_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.submit_button.text() == "Submit")
    assert hand_ins() == [screen.exam_panel.hand_in_button]
