"""The app opens a damaged results file without the full check, shows its window, then
the background check finds the damage and says so; the file stays in use."""

from argparse import Namespace

from helpers import ONE_QUESTION_BANK
from PySide6.QtWidgets import QApplication, QMessageBox
from store_samples import garble_later_pages as _garble_later_pages
from store_samples import noise_in_later_pages

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
        assert box.isVisible() and box.windowTitle() == "Your results file may be damaged"
        assert "kept" in box.text()
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


def _truncated_store(data, *, backed_up: bool) -> None:
    from quizapp.core import backup
    from quizapp.core.store import Store

    with Store.open(data) as store:
        learner = store.create_learner("Ann")
        bank = ONE_QUESTION_BANK
        for _ in range(3):
            sid = store.start_session(learner.id, bank, "quiz")
            store.record_answer(sid, bank.questions[0], response="a", correct=True, credit=1,
                                seconds=1)
    if backed_up:
        backup.make_backup(data)
    with open(data / DB_NAME, "r+b") as f:
        f.truncate(5000)  # the tester's case: the file cut short


def test_a_truncated_file_set_aside_at_start_says_what_happened(qtbot, tmp_path):
    """Nothing was repaired: the file was kept aside and a new one started. The dialog says
    so in a learner's words, with the kept file's name and the newest backup."""
    data = tmp_path / "data"
    data.mkdir()
    _truncated_store(data, backed_up=True)
    win = _window(qtbot, data)
    try:
        notice = win.context.store.recovery_notice
        assert notice is not None
        box = win.show_store_message(notice)  # as quizapp.gui.app.run_app does
        assert box.isVisible()
        assert box.windowTitle() == "Your results file was damaged"
        (kept,) = data.glob("*.bad")
        text = box.text()
        assert "repaired" not in text and kept.name in text
        assert "started a new, empty results file" in text
        assert "The newest backup, of " in text and "holds 3 answers" in text
        box.button(QMessageBox.StandardButton.Ok).click()
    finally:
        win.context.close()


def test_without_a_backup_the_dialog_says_there_is_none(qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    _truncated_store(data, backed_up=False)
    win = _window(qtbot, data)
    try:
        box = win.show_store_message(win.context.store.recovery_notice)
        assert "There is no backup yet" in box.text()
        box.button(QMessageBox.StandardButton.Ok).click()
    finally:
        win.context.close()


def test_many_faults_are_counted_in_the_text_and_listed_behind_show_details(qtbot, tmp_path):
    """Noise in some pages: quick_check lists dozens of faults. The text says how many in a
    few lines; SQLite's list is behind "Show Details…", so the box fits an 800-pixel screen
    with its OK button on it."""
    data = tmp_path / "data"
    data.mkdir()
    noise_in_later_pages(data)
    win = _window(qtbot, data)
    try:
        start_integrity_check(win.context, win)
        qtbot.waitUntil(lambda: getattr(win, "integrity_box", None) is not None, timeout=10000)
        box = win.integrity_box
        assert box.windowTitle() == "Your results file may be damaged"
        assert "faults" in box.text() and "On tree page" not in box.text()
        assert box.text().count("\n") <= 4
        assert box.detailedText().count("On tree page") >= 5
        assert box.sizeHint().height() < 600  # with its OK button, on an 800-pixel screen
        box.button(QMessageBox.StandardButton.Ok).click()
    finally:
        win.context.close()
