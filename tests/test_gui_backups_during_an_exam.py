"""File > Backups… opened during a timed exam stays usable after the exam's time ran out
behind it. Its Close button was the one Qt made in the dialog's button box, kept as a
Python handle: once the exam's question widgets were deleted PySide had invalidated that
handle (as it did the progress page's scroll bar), and "Back up now" then raised
"Internal C++ object (QPushButton) already deleted" when it re-enabled the buttons, which
stayed greyed out."""

from __future__ import annotations

from gui_helpers import timed_exam_started_by_key
from PySide6.QtCore import Qt


def test_back_up_now_after_the_exam_behind_the_dialog_ran_out_of_time(
        qtbot, open_library_window, tmp_path, monkeypatch):
    now = [1000.0]  # the exam's clock, moved on by the test
    win = timed_exam_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch, now)
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
