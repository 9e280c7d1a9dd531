"""File > Backups… through the real window: list, back up now, restore, and the automatic
backups started once the window is shown."""

from __future__ import annotations

import pytest
from helpers import ONE_QUESTION_BANK, record_right_answers
from PySide6.QtCore import Qt

from quizapp.core import backup
from quizapp.gui.auto_backup import start_auto_backups


@pytest.fixture
def window(open_main_window):
    return open_main_window


def _open_backups(qtbot, win):
    assert win.backups_action.text() == "&Backups…"
    win.backups_action.trigger()  # File > Backups…
    dialog = win.backups_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.busy)  # the backups are read on the reader thread
    return dialog


def _click_and_wait_for_the_listing(qtbot, dialog, button):
    with qtbot.waitSignal(dialog.listed, timeout=10000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_back_up_now_lists_the_backup_with_its_answers_and_learners(qtbot, window):
    win = window()
    store = win.context.store
    ann = store.create_learner("Ann")
    store.create_learner("Bob")
    record_right_answers(store, ann.id, 3)
    dialog = _open_backups(qtbot, win)
    assert dialog.table.rowCount() == 0 and "No backups yet" in dialog.status.text()
    assert not dialog.restore_button.isEnabled()
    _click_and_wait_for_the_listing(qtbot, dialog, dialog.backup_button)
    assert dialog.table.rowCount() == 1
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert row[1:3] == ["3", "2"]
    assert row[0].endswith("(kept)")  # made by hand: the retention never deletes it
    assert "Backed up: 3 answers of 2 learners" in dialog.status.text()
    assert "kept until you delete" in dialog.status.text()
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_restore_brings_the_answers_back_and_can_be_undone(qtbot, window, monkeypatch):
    win = window()
    store = win.context.store
    ann = store.create_learner("Ann")
    win.set_learner(ann.id)
    record_right_answers(store, ann.id, 2)
    backup.make_backup(store.path.parent)
    bob = store.create_learner("Bob")
    record_right_answers(store, ann.id, 5)
    win.set_learner(bob.id)  # Bob is not in the backup
    dialog = _open_backups(qtbot, win)
    asked = []
    monkeypatch.setattr(dialog, "confirm_restore", lambda info: asked.append(info) or True)
    with qtbot.waitSignal(dialog.restored, timeout=10000):
        _click_and_wait_for_the_listing(qtbot, dialog, dialog.restore_button)
    assert asked[0].answers == 2
    assert store.bank_summary(ann.id, ONE_QUESTION_BANK).answers == 2  # the open store shows it at once
    assert [learner.name for learner in store.learners()] == ["Ann"]
    assert win.context.learner_id is None and win.current_screen_name() == "learners"
    assert "restore it to undo this" in dialog.status.text()
    # The newest backup holds the answers from before the restore: restoring it undoes it.
    assert dialog.table.item(0, 1).text() == "7"
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=10000):
        _click_and_wait_for_the_listing(qtbot, dialog, dialog.restore_button)
    assert store.bank_summary(ann.id, ONE_QUESTION_BANK).answers == 7
    assert sorted(learner.name for learner in store.learners()) == ["Ann", "Bob"]


def test_no_restore_during_a_quiz(qtbot, window):
    from quizapp.core.session import QuizSession

    win = window()
    store = win.context.store
    ann = store.create_learner("Ann")
    win.set_learner(ann.id)
    record_right_answers(store, ann.id, 1)
    backup.make_backup(store.path.parent)
    win._run_quiz(QuizSession(store, ann.id, ONE_QUESTION_BANK))
    dialog = _open_backups(qtbot, win)
    assert dialog.table.rowCount() == 1
    assert not dialog.restore_button.isEnabled()
    assert "leave the quiz" in dialog.restore_button.toolTip()
    dialog.reject()
    win.screen_named("quiz").abandon_session()  # so that closing the window does not ask


def test_automatic_backup_once_the_window_is_shown(qtbot, window):
    win = window()
    store = win.context.store
    record_right_answers(store, store.create_learner("Ann").id, 4)
    auto = start_auto_backups(win.context, win)
    auto.wait(30)
    qtbot.waitUntil(lambda: "backed up" in win.statusBar().currentMessage())
    (made,) = backup.list_backups(backup.backups_dir(store.path.parent))
    assert made.answers == 4
    auto.stop()


def test_a_nearly_full_disk_is_reported_at_start(qtbot, window, monkeypatch):
    import shutil
    from collections import namedtuple

    win = window()
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(
        shutil, "disk_usage", lambda path: usage(10 * 2**30, 10 * 2**30, 30 * 2**20)
    )
    auto = start_auto_backups(win.context, win)
    box = win.disk_space_box
    assert box.isVisible()  # shown over the window (open(), not exec(): nothing waits on it)
    assert "almost full (30 MB free)" in box.text()
    assert "your earlier answers stay safe" in box.text()
    auto.stop()
    box.close()
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10 * 2**30, 2**30, 9 * 2**30))
    assert backup.free_space_warning(win.context.store.path.parent) is None


class _Held:
    """Holds a backup or a restore on its worker thread at `stage` (backup._pause) until
    released; gives up after 10 s, so a copy made on the GUI thread fails the test rather
    than hanging it."""

    def __init__(self, stage: str):
        import threading

        self.stage = stage
        self.reached = threading.Event()
        self.release = threading.Event()
        self.threads: list[int] = []

    def __call__(self, stage: str) -> None:
        if stage == self.stage:
            import threading

            self.threads.append(threading.get_ident())
            self.reached.set()
            self.release.wait(10)


def _assert_busy_and_responsive(qtbot, dialog, held):
    import threading

    from PySide6.QtCore import QTimer

    ticks: list[int] = []
    timer = QTimer(dialog)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(held.reached.is_set, timeout=10000)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2000)  # the GUI thread runs its events
    timer.stop()
    assert held.threads and held.threads[0] != threading.get_ident()  # not the GUI thread
    assert not held.release.is_set()
    assert dialog.busy and dialog.busy_bar.isVisible()
    assert not dialog.backup_button.isEnabled()
    assert not dialog.restore_button.isEnabled()
    assert not dialog.close_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)  # Esc waits for the result too
    assert dialog.isVisible()


def test_back_up_now_runs_off_the_gui_thread_with_the_buttons_held(qtbot, window, monkeypatch):
    win = window()
    store = win.context.store
    record_right_answers(store, store.create_learner("Ann").id, 3)
    backup.make_backup(store.path.parent)
    dialog = _open_backups(qtbot, win)
    assert dialog.backup_button.isEnabled() and dialog.restore_button.isEnabled()
    held = _Held("renaming")  # copied and checked, not yet in place
    monkeypatch.setattr(backup, "_pause", held)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert "Backing up" in dialog.status.text()
    _assert_busy_and_responsive(qtbot, dialog, held)
    with qtbot.waitSignal(dialog.listed, timeout=10000):
        held.release.set()
    assert "Backed up: 3 answers of 1 learner." in dialog.status.text()  # not "1 learners"
    assert dialog.table.rowCount() == 2
    assert not dialog.busy and not dialog.busy_bar.isVisible()
    assert dialog.backup_button.isEnabled() and dialog.restore_button.isEnabled()
    assert dialog.close_button.isEnabled()


def test_restore_runs_off_the_gui_thread_and_the_window_follows(qtbot, window, monkeypatch):
    win = window()
    store = win.context.store
    ann = store.create_learner("Ann")
    win.set_learner(ann.id)
    record_right_answers(store, ann.id, 2)
    backup.make_backup(store.path.parent)
    record_right_answers(store, ann.id, 3)
    dialog = _open_backups(qtbot, win)
    monkeypatch.setattr(dialog, "confirm_restore", lambda info: True)
    held = _Held("restoring")
    monkeypatch.setattr(backup, "_pause", held)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "Restoring" in dialog.status.text()
    _assert_busy_and_responsive(qtbot, dialog, held)
    with qtbot.waitSignal(dialog.listed, timeout=10000):
        held.release.set()
    assert store.bank_summary(ann.id, ONE_QUESTION_BANK).answers == 2
    assert "Restored the backup" in dialog.status.text()
    assert dialog.backup_button.isEnabled() and dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_a_backup_that_cannot_be_made_says_why(qtbot, window, monkeypatch):
    win = window()
    dialog = _open_backups(qtbot, win)

    def disk_full(db_path, target, **options):
        raise backup.BackupError(f"The backup {target} could not be written. The disk is full.")

    monkeypatch.setattr(backup, "copy_store", disk_full)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert "The disk is full" in dialog.status.text()
    assert dialog.table.rowCount() == 0
    assert dialog.backup_button.isEnabled() and dialog.close_button.isEnabled()
