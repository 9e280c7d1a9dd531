"""The cloze text's FlowLayout keeps working after a finished quiz's question widgets were
deleted. PySide invalidated the Python wrapper of a layout item Qt made itself (the scroll
bar and WrapRow faults found on the progress screen), so a layout that keeps items must make
them itself; here a cloze quiz is finished, its widgets deleted, and a second cloze quiz is
laid out at several window widths and zooms, by real keys (Ctrl+= and Ctrl+- zoom)."""

from __future__ import annotations

from gui_helpers import answer, press, settled
from helpers import library_rows
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QDialog, QLayout
from shiboken6 import Shiboken

from quizapp.gui import quiz_setup
from quizapp.gui.theme import ZOOM_STEPS

BANK = """\
title: Blanks
id: blanks
questions:
  - id: talks
    type: cloze
    text: "{{Mickey Kantor|Kantor}} met {{Ryutaro Hashimoto|Hashimoto}} in Geneva to talk
      about the {{voluntary}} purchase agreements, which the makers of cars renew every year."
  - id: parts
    type: cloze
    text: "The United States wants Japan's car makers to buy more {{parts}} made abroad,
      and to sell more {{cars}} made by others in their own showrooms."
"""


def quiz_started(qtbot, win):
    """Q on the bank's row, the setup accepted as it stands; the first question shown."""
    tree = win.library_screen.tree
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tree.setCurrentItem(library_rows(win)["Blanks"])
    tree.setFocus()
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(tree, Qt.Key.Key_Q)
    win.activateWindow()  # offscreen, no window manager hands it back after the dialog
    qtbot.waitUntil(win.isActiveWindow)
    return win.screen_named("quiz")


def flow_of(quiz) -> QLayout:
    layout = quiz.question_widget.edits[0].parentWidget().layout()
    assert layout is not None
    return layout


def assert_laid_out(qtbot, quiz) -> None:
    """Every item of the cloze text is alive and made in Python (Qt's own could be
    invalidated under it), and the words and blanks sit side by side, none on another."""
    flow = flow_of(quiz)
    items = [flow.itemAt(i) for i in range(flow.count())]
    assert items and all(Shiboken.isValid(item) for item in items)
    assert all(Shiboken.createdByPython(item) for item in items)
    holder = quiz.question_widget.edits[0].parentWidget()
    qtbot.waitUntil(lambda: all(e.geometry().right() <= holder.width() for e in
                                quiz.question_widget.edits), timeout=3000)
    shown = [item.widget() for item in items
             if item.widget() is not None and item.widget().isVisible()
             and item.widget().sizeHint().width() > 0]
    boxes = [QRect(w.mapTo(holder, QPoint(0, 0)), w.size()) for w in shown]
    for n, box in enumerate(boxes):
        assert not any(box.intersects(other) for other in boxes[n + 1:]), shown[n]


def finish(qtbot, win, quiz) -> None:
    while win.current_screen_name() == "quiz":
        answer(qtbot, quiz, True)
        press(qtbot, quiz, Qt.Key.Key_Return)  # submit (Enter in the last blank)
        press(qtbot, quiz, Qt.Key.Key_Return)  # on (the last one ends the quiz)
    qtbot.waitUntil(lambda: win.current_screen_name() == "results", timeout=10000)


def test_a_second_cloze_quiz_lays_out_at_every_width_and_zoom(
        qtbot, open_library_window, tmp_path, monkeypatch):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "blanks.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(folder)
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)

    quiz = quiz_started(qtbot, win)
    assert_laid_out(qtbot, quiz)
    finish(qtbot, win, quiz)
    results = win.screen_named("results")
    settled(qtbot, results)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):  # Done: back to the library
        qtbot.keyClick(results.focusWidget() or results, Qt.Key.Key_Return)
    qtbot.wait(50)  # the quiz's question widgets are deleted (deleteLater) meanwhile

    quiz = quiz_started(qtbot, win)
    for width in (900, 520, 1200, 700):
        win.resize(width, 600)
        for key in [Qt.Key.Key_Equal] * len(ZOOM_STEPS) + [Qt.Key.Key_Minus] * 3:
            qtbot.keyClick(win, key, Qt.KeyboardModifier.ControlModifier)
            assert_laid_out(qtbot, quiz)
        assert win.appearance.zoom == ZOOM_STEPS[-4]  # up to the largest, three steps down
        qtbot.keyClick(win, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        assert_laid_out(qtbot, quiz)
        assert win.appearance.zoom == 1.0
    finish(qtbot, win, quiz)  # the blanks still take the keys; every answer recorded
    assert quiz.session is None or quiz.session.finished
