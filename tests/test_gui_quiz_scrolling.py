"""The quiz page in a window too small for it (large fonts, a zoomed small window): after an
answer the whole feedback scrolls into view, PageUp/PageDown scroll the page, and a choice
the focus moves to with Down is scrolled into view. A tester at QT_SCALE_FACTOR=2 found
the explanation and source below the fold after Enter, and no key to scroll to them."""

from __future__ import annotations

from gui_helpers import make_screen, press
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from quizapp.core.session import QuizSession


def small_quiz(qtbot, bank, store, learner, height: int = 320):
    session = QuizSession(store, learner.id, bank, mode="quiz", shuffle=False)
    screen = make_screen(qtbot, session)
    font = screen.font()
    font.setPointSizeF(font.pointSizeF() * 2)  # the tester's large fonts
    screen.setFont(font)
    screen.resize(800, height)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    assert session.current.type == "multiple_choice"
    return screen


def in_view(screen, widget: QWidget) -> tuple[int, int, int]:
    """The widget's top and bottom in the page's viewport, and the viewport's height."""
    viewport = screen.scroll_area.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return top, top + widget.height(), viewport.height()


def test_the_whole_feedback_scrolls_into_view_after_enter(qtbot, bank, store, learner):
    screen = small_quiz(qtbot, bank, store, learner, height=600)
    bar = screen.scroll_area.verticalScrollBar()
    press(qtbot, screen, "2")
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.feedback.isVisible()

    def feedback_in_view() -> bool:  # all of it; its top when it is taller than the view
        top, bottom, height = in_view(screen, screen.feedback)
        return 0 <= top < height and (bottom <= height or bottom - top > height)

    qtbot.waitUntil(feedback_in_view, timeout=3000)
    assert bar.maximum() > 0  # the page is taller than the view: it had to scroll
    assert bar.value() > 0


def test_page_up_and_page_down_scroll_the_quiz_page_from_the_next_button(
        qtbot, bank, store, learner):
    screen = small_quiz(qtbot, bank, store, learner)
    bar = screen.scroll_area.verticalScrollBar()
    press(qtbot, screen, "2")
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.focusWidget() is screen.submit_button  # "Next", below the page
    qtbot.waitUntil(lambda: bar.value() > 0)  # at the feedback
    screen.activateWindow()  # offscreen, nothing hands activation back after the write
    qtbot.waitUntil(screen.isActiveWindow)
    while bar.value() > 0:  # back up to the question, a screenful a press
        before = bar.value()
        press(qtbot, screen, Qt.Key.Key_PageUp)
        assert bar.value() < before
    press(qtbot, screen, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    assert screen.focusWidget() is screen.submit_button  # Enter still goes on


def test_a_choice_moved_to_with_down_is_scrolled_into_view(qtbot, bank, store, learner):
    screen = small_quiz(qtbot, bank, store, learner)
    bar = screen.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    qtbot.wait(20)  # the first choice took the focus: the prompt above stays in view
    assert bar.value() == 0
    buttons = screen.question_widget.buttons
    for _ in range(len(buttons) - 1):
        press(qtbot, screen, Qt.Key.Key_Down)
    last = buttons[-1]
    assert screen.focusWidget() is last

    def last_in_view() -> bool:
        top, bottom, height = in_view(screen, last)
        return 0 <= top and bottom <= height

    qtbot.waitUntil(last_in_view, timeout=3000)
