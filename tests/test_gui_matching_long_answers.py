"""A matching question's drop-downs at 800 pixels wide, with answers longer than they
are: testers saw "3. Said in Washington that the United Stat", cut mid-word, and an open
list as wide as its longest answer running past the window. Closed, a drop-down shows
whole words and "…"; open, its list stays inside the window and wraps long answers."""

from __future__ import annotations

from gui_helpers import focused, make_screen, press
from PySide6.QtCore import QRect, Qt

from quizapp.core.model import Bank, Matching
from quizapp.core.session import QuizSession

LONG = ("Said in Washington that the United States would open Japan's auto markets one way"
        " or another, with sanctions on luxury cars if the talks in Geneva came to nothing")
PAIRS = (
    ("Mickey Kantor", LONG),
    ("Ronald H. Brown", "Said the two sides certainly needed progress this week"),
    ("Low-level negotiators", "Met in Tokyo"),
)
QUESTION = Matching(id="long", prompt="Match each negotiator.", pairs=PAIRS, shuffle=False)


def screen_at_800(qtbot, store, learner):
    session = QuizSession(store, learner.id, Bank(id="long", title="Long", questions=(
        QUESTION,)), mode="quiz", shuffle=False)
    screen = make_screen(qtbot, session)
    screen.resize(800, 600)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    return screen


def test_a_long_answer_shows_in_whole_words(qtbot, store, learner):
    screen = screen_at_800(qtbot, store, learner)
    combos = screen.question_widget.combos
    assert focused(screen) is combos[0]
    press(qtbot, screen, Qt.Key.Key_1)  # the long answer, for Mickey Kantor
    full = combos[0].currentText()
    assert full == f"1. {LONG}"
    shown = combos[0].shown_text()
    assert shown.endswith("…") and len(shown) < len(full)
    kept = shown[:-1]
    assert full.startswith(kept) and full[len(kept)] in " ,", f"cut mid-word: {shown!r}"
    assert len(kept.split()) >= 2  # more than the number
    press(qtbot, screen, Qt.Key.Key_3)  # a short one, whole
    assert combos[1].shown_text() == "3. Met in Tokyo"


def test_the_open_list_stays_in_the_window_and_wraps(qtbot, store, learner):
    screen = screen_at_800(qtbot, store, learner)
    combo = screen.question_widget.combos[0]
    qtbot.keyClick(combo, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # open it
    view = combo.view()
    popup = view.window()
    qtbot.waitUntil(popup.isVisible)
    window = screen.frameGeometry()
    assert popup.geometry().left() >= window.left()
    assert popup.geometry().right() <= window.right()
    metrics = view.fontMetrics()
    for row in range(combo.count()):
        rect = view.visualRect(combo.model().index(row, 0))
        text = combo.itemText(row)
        assert rect.right() <= view.viewport().width()  # no part of it off the list
        wrapped = metrics.boundingRect(QRect(0, 0, rect.width(), 10_000),
                                       int(Qt.TextFlag.TextWordWrap), text)
        assert wrapped.height() <= rect.height(), f"{text!r} cut"
    long_row = view.visualRect(combo.model().index(1, 0))
    assert long_row.height() >= 2 * metrics.height()  # it wrapped onto a second line
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
