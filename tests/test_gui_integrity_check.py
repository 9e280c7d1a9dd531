"""The app opens a damaged results file without the full check, shows its window, then
the background check finds the damage and says so; the file stays in use."""

from argparse import Namespace

from PySide6.QtWidgets import QApplication, QMessageBox
from store_samples import garble_later_pages as _garble_later_pages

from quizapp.core.store import DB_NAME
from quizapp.gui.app import create_context
from quizapp.gui.integrity_check import start_integrity_check
from quizapp.gui.main_window import MainWindow


def _window(qtbot, data):
    context = create_context(Namespace(data_dir=str(data), bank_dir=[], exit_when_ready=False))
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.open_initial_screen()
    win.show()
    qtbot.waitExposed(win)
    return win


def test_damage_found_after_start_is_shown_and_the_file_kept(qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    _garble_later_pages(data)
    win = _window(qtbot, data)
    try:
        assert win.context.store.recovery_message is None  # not checked before the window
        thread = start_integrity_check(win.context, win)
        assert thread is not None
        qtbot.waitUntil(lambda: getattr(win, "integrity_box", None) is not None, timeout=10000)
        box = win.integrity_box
        assert box.isVisible() and "may be damaged" in box.text() and "kept" in box.text()
        assert (data / DB_NAME).exists() and not list(data.glob("*.bad"))
        assert win.context.store.learners()[0].name == "Ann"
        box.button(QMessageBox.StandardButton.Ok).click()
    finally:
        win.context.close()


def test_a_sound_file_shows_nothing(qtbot, tmp_path):
    win = _window(qtbot, tmp_path / "data")
    try:
        thread = start_integrity_check(win.context, win)
        assert thread is not None
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10000)
        QApplication.processEvents()  # deliver a queued signal, if one was (wrongly) sent
        assert getattr(win, "integrity_box", None) is None
    finally:
        win.context.close()
