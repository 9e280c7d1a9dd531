"""View > Theme while an answer's marks or the results show: they take the new theme's
colours with the rest of the page. Found by an outside tester: a question answered in the
light theme, then View > Theme > Dark, kept the light theme's red "✘ Wrong" on the dark
card (2.3:1), and the results page kept the dark theme's red on white (2.2:1); both themes
promise 4.5:1 (README)."""

from __future__ import annotations

import pytest
from gui_helpers import answer, press
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from quizapp.gui.question_widgets import RIGHT_MARK, WRONG_MARK
from quizapp.gui.theme import DARK, LIGHT, contrast_ratio

BANK = """\
title: Colours
id: colours
questions:
  - id: who
    type: multiple_choice
    prompt: Who is the U.S. Trade Representative?
    choices: [Mickey Kantor, Ronald H. Brown, Jeffrey Garten]
    answer: Mickey Kantor
  - id: typed
    type: short_answer
    prompt: Name the U.S. Trade Representative.
    answer: Kantor
  - id: steps
    type: ordering
    prompt: Put the week in order.
    items: [Monday, Today, Wednesday]
"""
THEMES = {"light": LIGHT, "dark": DARK}


@pytest.fixture
def window(qtbot, open_library_window, tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "colours.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(banks)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def answered_wrong(qtbot, win, question_id: str):
    """The practice of one question, answered wrong with the keys and Enter: its marks show."""
    quiz = win.screen_named("quiz")
    win.start_practice("colours", [question_id])
    qtbot.waitUntil(lambda: quiz.question_widget is not None
                    and quiz.question_widget.question.id == question_id, timeout=10000)
    answer(qtbot, quiz, right=False)
    press(qtbot, quiz, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: quiz.feedback.verdict.isVisible(), timeout=10000)
    return quiz


def mark_colours(quiz) -> list[tuple[bool, QColor]]:
    """(right?, colour) of every mark on the question: its labels and any ordered item."""
    marks = []
    for label in quiz.findChildren(QLabel):  # "✔ Right", "✘ your answer, wrong", ...
        if label.isVisible() and label.text()[:1] in (RIGHT_MARK, WRONG_MARK):
            colour = label.palette().color(label.foregroundRole())
            marks.append((label.text().startswith(RIGHT_MARK), colour))
    widget = quiz.question_widget
    if widget.question.type == "ordering":
        for row in range(widget.list.count()):
            item = widget.list.item(row)
            right = item.data(Qt.ItemDataRole.UserRole) == row
            marks.append((right, item.foreground().color()))
    return marks


@pytest.mark.parametrize("question_id", ["who", "typed", "steps"])
def test_marks_on_screen_follow_the_theme(qtbot, window, question_id):
    window.view_actions["theme_light"].trigger()
    quiz = answered_wrong(qtbot, window, question_id)
    assert any(not right for right, _ in mark_colours(quiz))
    for name in ("dark", "light", "dark"):
        window.view_actions[f"theme_{name}"].trigger()  # View > Theme
        theme = THEMES[name]
        marks = mark_colours(quiz)
        assert marks
        for right, colour in marks:
            assert colour.name() == (theme.right if right else theme.wrong), (name, right)
            assert contrast_ratio(colour, QColor(theme.base)) >= 4.5
    quiz.abandon_session()


def test_the_results_page_follows_the_theme(qtbot, window):
    window.view_actions["theme_dark"].trigger()
    quiz = answered_wrong(qtbot, window, "who")  # practice: it comes back until right
    press(qtbot, quiz, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: quiz.question_widget is not None and not quiz.feedback.isVisible(),
                    timeout=10000)
    results = window.screen_named("results")
    answer(qtbot, quiz, right=True)
    press(qtbot, quiz, Qt.Key.Key_Return)
    press(qtbot, quiz, Qt.Key.Key_Return)
    qtbot.waitUntil(results.isVisible, timeout=10000)
    page = results.review.toHtml()
    assert "Wrong" in results.review.toPlainText()
    assert DARK.wrong in page and LIGHT.wrong not in page
    results.review.verticalScrollBar().setValue(results.review.verticalScrollBar().maximum())
    scrolled = results.review.verticalScrollBar().value()
    window.view_actions["theme_light"].trigger()  # View > Theme > Light
    qtbot.waitUntil(lambda: LIGHT.wrong in results.review.toHtml(), timeout=5000)
    assert DARK.wrong not in results.review.toHtml()
    assert "Wrong" in results.review.toPlainText()
    assert results.review.verticalScrollBar().value() == scrolled  # still where it was read
