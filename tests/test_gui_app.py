"""Starting the app: --exit-when-ready in a real process, store repairs, window geometry, drops."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from quizapp import __version__

GOOD_BANK = """\
title: Dropped bank
id: dropped
questions:
  - id: q1
    type: true_false
    prompt: The sky is blue.
    answer: true
"""


def _run(args, tmp_path, timeout=60, **extra_env):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra_env)
    return subprocess.run([sys.executable, "-m", "quizapp", *args], capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=tmp_path)


def _start_until_ready(data, tmp_path) -> subprocess.Popen:
    """The app over `data` in a real process, once it says its event loop runs (with its
    SIGTERM handler in place)."""
    import select

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUIZAPP_ANNOUNCE_READY="1")
    proc = subprocess.Popen([sys.executable, "-m", "quizapp", "--data-dir", str(data)], env=env,
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    readable, _, _ = select.select([proc.stdout], [], [], 60)
    if not readable:
        proc.kill()
    assert readable, "the app did not become ready"
    assert proc.stdout.readline() == "quizapp: ready\n"
    return proc


def test_exit_when_ready_exits_zero(tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    result = _run(["--exit-when-ready", "--data-dir", str(tmp_path / "data"),
                   "--bank-dir", str(banks)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "data" / "quizapp.sqlite3").exists()


def test_a_real_process_loads_broken_and_hostile_banks_without_crashing(tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (banks / "binary.yaml").write_bytes(b"\x00\xff\xfe" * 1000)
    (banks / "good.yaml").write_text(GOOD_BANK, encoding="utf-8")
    result = _run(["--exit-when-ready", "--data-dir", str(tmp_path / "data"),
                   "--bank-dir", str(banks)], tmp_path, QUIZAPP_EXIT_AFTER_LOAD="1")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_exit_when_ready_with_a_damaged_store_repairs_and_exits(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "quizapp.sqlite3").write_bytes(b"this is not a database" * 100)
    result = _run(["--exit-when-ready", "--data-dir", str(data)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    moved = [p for p in data.iterdir() if p.name != "quizapp.sqlite3" and "sqlite3" in p.name]
    assert moved, list(data.iterdir())  # the bad file was kept aside, not deleted


def test_an_unusable_data_folder_is_reported_without_a_traceback(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    result = _run(["--exit-when-ready", "--data-dir", str(blocker / "data")], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data" in result.stderr


def test_sigterm_closes_the_store_cleanly(tmp_path):
    import signal

    data = tmp_path / "data"
    proc = _start_until_ready(data, tmp_path)
    try:
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, stderr
    assert "Traceback" not in stderr
    assert not (data / "quizapp.sqlite3-wal").exists()  # closed, checkpointed


def test_the_integrity_check_runs_on_a_schedule_after_the_window_is_ready(qtbot, tmp_path):
    """Not at once (where it competed with the first listing of the banks) but
    INTEGRITY_CHECK_DELAY_MS later; its sound result is noted in the store."""
    import signal
    import sqlite3
    import time

    from quizapp.core.store import LAST_CHECK_KEY, Store
    from quizapp.gui.app import INTEGRITY_CHECK_DELAY_MS

    data = tmp_path / "data"
    Store.open(data).close()

    def noted() -> bool:
        with sqlite3.connect(data / "quizapp.sqlite3") as conn:
            return conn.execute("SELECT 1 FROM settings WHERE key = ?",
                                (LAST_CHECK_KEY,)).fetchone() is not None

    proc = _start_until_ready(data, tmp_path)
    try:
        ready = time.monotonic()
        assert not noted()
        qtbot.waitUntil(noted, timeout=60000)  # the app's process notes it in the store
        assert time.monotonic() - ready >= INTEGRITY_CHECK_DELAY_MS / 1000 * 0.9
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in stderr


def test_version(tmp_path):
    result = _run(["--version"], tmp_path)
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_store_repair_message_is_shown_without_blocking(qtbot, open_main_window):
    win = open_main_window()
    from quizapp.core.store import StoreNotice

    box = win.show_store_message(
        StoreNotice("Your results file was damaged", "It was put aside.", "quick_check: …")
    )
    assert box.isVisible()
    assert box.windowTitle() == "Your results file was damaged" and "put aside" in box.text()
    assert box.detailedText() == "quick_check: …"
    assert not box.isModal() or box.windowModality() == Qt.WindowModality.WindowModal
    assert QApplication.activeModalWidget() in (None, box)
    box.button(QMessageBox.StandardButton.Ok).click()


def test_window_geometry_is_remembered(qtbot, open_main_window):
    first = open_main_window()
    first.resize(640, 480)
    qtbot.waitUntil(lambda: first.width() == 640)
    first.close()
    second = open_main_window()
    assert (second.width(), second.height()) == (640, 480)


def test_an_unmoved_window_does_not_rewrite_the_settings_at_exit(qtbot, open_main_window):
    first = open_main_window()
    first.resize(640, 480)
    qtbot.waitUntil(lambda: first.width() == 640)
    first.close()
    open_main_window().close()  # as restored
    settings_file = Path(first.context.settings.fileName())
    written = settings_file.stat().st_mtime_ns
    unmoved = open_main_window()
    unmoved.save_geometry()  # what run_app does after the event loop
    unmoved.close()
    assert settings_file.stat().st_mtime_ns == written
    moved = open_main_window()
    moved.resize(700, 500)
    qtbot.waitUntil(lambda: moved.width() == 700)
    moved.close()
    assert settings_file.stat().st_mtime_ns != written
    reopened = open_main_window()
    assert (reopened.width(), reopened.height()) == (700, 500)


def _drop(win, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, enter)
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, drop)
    return enter, drop


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dropping_a_yaml_file_adds_it_to_the_library(qtbot, open_main_window, tmp_path):
    win = open_main_window()
    win.set_learner(win.context.store.create_learner("Ana").id)
    library = win.context.library
    with qtbot.waitSignal(library.library_loaded, timeout=20000):
        library.reload()
    bank = tmp_path / "elsewhere" / "dropped.yaml"
    bank.parent.mkdir()
    bank.write_text(GOOD_BANK, encoding="utf-8")
    with qtbot.waitSignal(library.library_loaded, timeout=20000):
        enter, drop = _drop(win, [bank])
    assert enter.isAccepted() and drop.isAccepted()
    assert library.bank("dropped") is not None
    assert str(bank.resolve()) in [str(p) for p in library.user_files()]
    win.show_library()
    titles = [win.library_screen.tree.topLevelItem(i).text(0)
              for i in range(win.library_screen.tree.topLevelItemCount())]
    assert "Dropped bank" in titles


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dropping_other_files_is_refused(qtbot, open_main_window, tmp_path):
    win = open_main_window()
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    enter, _ = _drop(win, [other])
    assert not enter.isAccepted()
    assert win.context.library.user_files() == []


def test_icon_and_desktop_file_ship_with_the_package():
    import quizapp.gui.app as app_module

    icon = Path(app_module.__file__).with_name("resources") / "quizapp.svg"
    assert icon.is_file()


def test_without_a_display_the_app_says_so_instead_of_aborting(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["QUIZAPP_DATA_DIR"] = str(tmp_path / "data")
    proc = subprocess.run(
        [sys.executable, "-m", "quizapp", "--exit-when-ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "no display" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_word_list_is_loaded_off_the_gui_thread(qtbot, monkeypatch):
    """The grader's word list (0.2 s to read) is loaded by a background thread after
    startup, so the first typed answer does not wait for it."""
    import threading

    from quizapp.core import wordlist
    from quizapp.gui import app as app_module

    monkeypatch.setattr(wordlist, "_words", None)
    loaded_by = []
    real_load = wordlist.load

    def load():
        loaded_by.append(threading.current_thread().name)
        return real_load()

    monkeypatch.setattr(wordlist, "load", load)
    app_module._preload_word_list()
    qtbot.waitUntil(lambda: wordlist._words is not None, timeout=10_000)
    assert loaded_by == ["word list"] and wordlist.is_word("brown")


def test_the_library_viewports_are_named_once_the_window_is_painted(qtbot, open_main_window):
    """run_app names them after the first paint (MainWindow.name_library_viewports): the
    screen reader hears the list's and the details' names, not an unnamed filler."""
    win = open_main_window()
    win.show()
    qtbot.waitExposed(win)
    screen = win.library_screen
    win.name_library_viewports()
    assert screen.tree.viewport().accessibleName() == "Banks"
    assert screen.details.viewport().accessibleName() == "Bank details"
