"""PageUp / PageDown on the progress page keep working after the rest of the window came
and went: a quiz finished (its question widgets deleted) after Progress was first opened
once raised "Internal C++ object (QScrollBar) already deleted" on every press, and the
page stopped scrolling. Real keys, in the main window, as the tester pressed them."""

from __future__ import annotations

from gui_helpers import answer, press, settled
from helpers import SMALL_BANK, library_rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QScrollArea

from quizapp.gui import quiz_setup


def progress_shown_by_key(qtbot, win):
    """Ctrl+P, as a learner presses it; the progress screen once its numbers arrived."""
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    progress = win.screen_named("progress")
    # read, and filled (in steps, a turn each)
    qtbot.waitUntil(lambda: not progress._loading and not progress.filling, timeout=10000)
    return progress


def test_page_down_scrolls_the_progress_page_after_a_quiz_was_finished(
        qtbot, open_library_window, tmp_path, monkeypatch):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_BANK.format(title="Small bank"), encoding="utf-8")
    win = open_library_window(folder)
    win.resize(800, 600)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.library_screen.tree.setFocus()
    progress_shown_by_key(qtbot, win)  # first opened with nothing to show yet
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    win.library_screen.tree.setCurrentItem(library_rows(win)["Small bank"])
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win.library_screen.tree, Qt.Key.Key_Q)
    win.activateWindow()  # offscreen, no window manager hands it back after the dialog
    qtbot.waitUntil(win.isActiveWindow)
    quiz = win.screen_named("quiz")
    while win.current_screen_name() == "quiz":
        answer(qtbot, quiz, True)
        press(qtbot, quiz, Qt.Key.Key_Return)  # submit
        press(qtbot, quiz, Qt.Key.Key_Return)  # on (the last one ends the quiz)
    qtbot.waitUntil(lambda: win.current_screen_name() == "results", timeout=10000)
    results = win.screen_named("results")
    settled(qtbot, results)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):  # Done: back to the library
        qtbot.keyClick(results.focusWidget() or results, Qt.Key.Key_Return)
    qtbot.wait(50)  # the quiz's question widgets are deleted (deleteLater) meanwhile

    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    progress = progress_shown_by_key(qtbot, win)
    page = progress.pages.currentWidget()
    assert isinstance(page, QScrollArea)  # the charts, not the "nothing yet" message
    bar = page.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the page is taller than the window
    bar.setValue(0)
    for _ in range(3):  # every press scrolls (the fault raised on each one)
        before = bar.value()
        qtbot.keyClick(progress.focusWidget() or progress, Qt.Key.Key_PageDown)
        assert bar.value() > before or bar.value() == bar.maximum()
    assert bar.value() > 0
    qtbot.keyClick(progress.focusWidget() or progress, Qt.Key.Key_PageUp)
    assert bar.value() < bar.maximum()
