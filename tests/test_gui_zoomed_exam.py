"""Zoomed (Ctrl+= to the largest step) in an 800x600 window: the exam's question list
keeps the question on screen in view (it scrolled it out of view), and the results' big
score grows with the zoom as the rest of the text does (it stayed as it was)."""

from __future__ import annotations

from gui_helpers import press, settled
from helpers import library_rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from quizapp.core.quiz_session import QuizSession
from quizapp.gui import quiz_setup
from quizapp.gui.theme import ZOOM_STEPS

QUESTIONS = 30
BANK = "title: Many\nid: many\nquestions:\n" + "".join(
    f"  - id: q{n}\n    type: true_false\n    prompt: Statement number {n} is true.\n"
    f"    answer: true\n" for n in range(1, QUESTIONS + 1))


def test_zoomed_the_exam_list_shows_the_current_question_and_the_score_grows(
        qtbot, open_library_window, tmp_path, monkeypatch):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "many.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(folder)
    win.resize(800, 600)
    monkeypatch.setattr(quiz_setup, "build_session",
                        lambda store, learner_id, bank, options, *, seed=None: QuizSession(
                            store, learner_id, bank, mode="exam", shuffle=False))
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    tree = win.library_screen.tree
    tree.setCurrentItem(library_rows(win)["Many"])
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tree.setFocus()
    plain_score_size = win.screen_named("results").score_label.font().pointSizeF()
    for _ in ZOOM_STEPS:  # Ctrl+= until the largest zoom
        qtbot.keyClick(tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert win.appearance.zoom == max(ZOOM_STEPS)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(tree, Qt.Key.Key_Q)
    quiz = win.screen_named("quiz")
    question_list = quiz.exam_panel.question_list

    def current_in_view() -> bool:
        item = question_list.currentItem()
        rect = question_list.visualItemRect(item)
        return 0 <= rect.top() and rect.bottom() <= question_list.viewport().height()

    for number in range(QUESTIONS):  # "1" True, Enter: saved, on to the next
        assert question_list.currentRow() == number
        qtbot.waitUntil(current_in_view, timeout=1000)
        press(qtbot, quiz, Qt.Key.Key_1)
        press(qtbot, quiz, Qt.Key.Key_Return)
    press(qtbot, quiz, Qt.Key.Key_Return)  # every question answered: Enter hands in
    qtbot.waitUntil(lambda: win.current_screen_name() == "results", timeout=10000)
    results = win.screen_named("results")
    settled(qtbot, results)
    assert results.score_label.font().pointSizeF() >= 1.9 * plain_score_size
