"""File > Backups… opened during a timed exam stays usable after the exam's time ran out
behind it. Its Close button was the one Qt made in the dialog's button box, kept as a
Python handle: once the exam's question widgets were deleted PySide had invalidated that
handle (as it did the progress page's scroll bar), and "Back up now" then raised
"Internal C++ object (QPushButton) already deleted" when it re-enabled the buttons, which
stayed greyed out."""

from __future__ import annotations

from helpers import SMALL_BANK, library_rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from quizapp.core.quiz_session import QuizSession
from quizapp.gui import quiz_setup


def test_back_up_now_after_the_exam_behind_the_dialog_ran_out_of_time(
        qtbot, open_library_window, tmp_path, monkeypatch):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_BANK.format(title="Small bank"), encoding="utf-8")
    win = open_library_window(folder)
    now = [1000.0]  # the exam's clock, moved on by the test

    def timed_exam(store, learner_id, bank, options, *, seed=None):
        return QuizSession(store, learner_id, bank, mode="exam", shuffle=False, time_limit=60,
                           clock=lambda: now[0])

    monkeypatch.setattr(quiz_setup, "build_session", timed_exam)
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    tree = win.library_screen.tree
    tree.setCurrentItem(library_rows(win)["Small bank"])
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tree.setFocus()
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(tree, Qt.Key.Key_Q)
    quiz = win.screen_named("quiz")
    assert quiz.session is not None and quiz.session.mode == "exam"

    win.backups_action.trigger()  # File > Backups…
    dialog = win.backups_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    now[0] += 61  # the time runs out: the screen's clock hands the exam in
    qtbot.waitUntil(lambda: win.current_screen_name() == "results", timeout=10000)
    qtbot.wait(50)  # the exam's question widgets are deleted (deleteLater) meanwhile

    with qtbot.waitSignal(dialog.listed, timeout=10000):
        qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert "Backed up" in dialog.status.text()
    assert dialog.close_button.isEnabled() and dialog.backup_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
