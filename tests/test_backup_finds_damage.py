"""A backup whose copy fails its integrity check has found damage in the results file
itself (the copy is a consistent snapshot of it). An outside tester zeroed pages in the
middle of a 534 MB store (1,000,000 answers): a file that big is checked once a week, so
the app used it as it was, and every automatic backup failed with SQLite's raw report in
the status bar ("Page 68647: btreeInitPage() returns error code 11" and 99 more), at every
start, the file never checked nor set aside. Now the backup marks the file for the check
at the next start and says so in plain words, and the app runs its check at once."""

from __future__ import annotations

from argparse import Namespace
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QMessageBox
from store_samples import noise_in_later_pages

import quizapp.core.store as store_module
from quizapp.core import backup
from quizapp.core.store import DB_NAME, Store

MARKER = DB_NAME + ".check"


@pytest.fixture
def big_damaged_store(tmp_path, monkeypatch):
    """A store counted as big (checked once a week), checked sound a moment ago, then
    damaged inside (noise in its later pages), as the tester's was."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(store_module, "FULL_CHECK_MAX_BYTES", 1000)  # every file is "big"
    noise_in_later_pages(data)  # 30 quizzes of Ann's, then noise in pages
    with Store.open(data, defer_check=True) as store:
        # Its weekly check, as if done before the damage: not due before next week.
        store._db.conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)",
                               (store_module.LAST_CHECK_KEY, datetime.now(UTC).isoformat()))
        assert not store.integrity_check_due()
    return data


def test_the_backup_says_the_file_is_damaged_and_the_next_start_sets_it_aside(
    big_damaged_store
):
    data = big_damaged_store
    with pytest.raises(backup.SourceDamagedError) as failed:
        backup.make_backup(data)
    text = str(failed.value)
    assert text.startswith("The backup was not kept: its copy of your results file failed "
                           "the integrity check, so the results file quizapp.sqlite3 itself "
                           "is damaged.")
    assert "its next start checks it again" in text
    assert "On tree page" in text and " more." in text  # SQLite's first fault, counted
    assert text.count("\n") == 0  # not SQLite's report of a line per fault
    assert "On tree page" in failed.value.report
    assert (data / MARKER).exists()
    assert backup.list_backups(backup.backups_dir(data)) == []  # nothing kept, no temp file
    assert [p.name for p in backup.backups_dir(data).iterdir()] == []
    # The next start checks before use, big as it is, and sets the file aside.
    again = Store.open(data, defer_check=True)
    try:
        assert again.recovery_message and "moved aside" in again.recovery_message
    finally:
        again.close()


def test_quizapp_backup_prints_the_plain_words(big_damaged_store, capsys):
    from quizapp.cli import main

    assert main(["backup", "--data-dir", str(big_damaged_store)]) == 1
    err = capsys.readouterr().err
    assert "The backup was not kept" in err and "itself is damaged" in err
    assert err.count("On tree page") == 1  # the first fault only, not the whole report


def test_the_app_checks_the_file_at_once_when_its_backup_finds_damage(qtbot,
                                                                      big_damaged_store):
    from quizapp.gui.app import create_context
    from quizapp.gui.auto_backup import start_auto_backups
    from quizapp.gui.main_window import MainWindow

    context = create_context(Namespace(data_dir=str(big_damaged_store), bank_dir=[],
                                       exit_when_ready=False))
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.open_initial_screen()
    win.show()
    qtbot.waitExposed(win)
    try:
        assert not context.store.integrity_check_due()
        auto = start_auto_backups(context, win)  # no backup yet: one is made at once
        qtbot.waitUntil(lambda: getattr(win, "integrity_box", None) is not None, timeout=20000)
        box = win.integrity_box
        assert box.isVisible() and box.windowTitle() == "Your results file may be damaged"
        assert "the next start checks the file again" in box.text()
        assert "Automatic backup failed: The backup was not kept" in (
            win.statusBar().currentMessage())
        box.button(QMessageBox.StandardButton.Ok).click()
        auto.stop()
    finally:
        context.close()
