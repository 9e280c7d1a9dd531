"""An open library counts again when its window is activated, or the library shown again,
if another window on the same data folder (another quizapp, a connection of its own that
announces nothing here) wrote meanwhile: window 1 kept "last 29% (4 attempts)" for 30 s
after window 2 finished a quiz, until Ctrl+L."""

from __future__ import annotations

from helpers import SMALL_BANK, counted, library_rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from quizapp.core.store import Store
from quizapp.gui.library_rows import LAST


def _finished_elsewhere(data_dir, win, right: bool) -> None:
    """A one-question quiz of the small bank finished through another connection."""
    other = Store.open(data_dir)
    try:
        bank = win.context.library.bank("small")
        session_id = other.start_session(win.context.learner_id, bank, "quiz")
        other.record_answer(session_id, bank.questions[0], response=right, correct=right,
                            credit=1.0 if right else 0.0, seconds=1)
        other.finish_session(session_id, 1.0 if right else 0.0)
    finally:
        other.close()


def _last(win) -> str:
    return library_rows(win)["Small bank"].text(LAST)


def _another_window_active(qtbot) -> QWidget:
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    return other


def test_the_library_recounts_when_its_window_is_activated(qtbot, open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_BANK.format(title="Small bank"), encoding="utf-8")
    win = open_library_window(folder)
    assert _last(win) == "–"  # no score yet
    _another_window_active(qtbot)
    _finished_elsewhere(tmp_path / "data", win, right=True)
    win.activateWindow()  # the learner comes back to window 1
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.waitUntil(lambda: _last(win) == "100%", timeout=5000)

    # and when the library is shown again (from the progress screen, by Esc)
    win.library_screen.progress_button.click()
    assert win.current_screen_name() == "progress"
    _finished_elsewhere(tmp_path / "data", win, right=False)
    qtbot.keyClick(win.screen_named("progress"), Qt.Key.Key_Escape)
    assert win.current_screen_name() == "library"
    qtbot.waitUntil(lambda: _last(win) == "0%", timeout=5000)
    counted(qtbot, win)
