"""File > Import (Ctrl+I) reads the file once, on a worker thread, with an "Importing…" sign:
the window keeps handling its events while a big deck is converted, and the bank written is
the one `quizapp import` writes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from gui_helpers import shown_library_window as shown_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

import quizapp.interop as interop
from quizapp.cli import main
from quizapp.gui.import_work import ImportProgress

GIFT = ("::capital-fr:: The capital of France is {=Paris ~London ~Rome}\n\n"
        "::capital-jp:: The capital of Japan is {=Tokyo ~Osaka ~Kyoto}\n\n"
        "::essay:: Say why. {}\n")


def press_ctrl_i(qtbot, win) -> None:
    qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_i_reads_the_file_once_off_the_gui_thread_while_the_window_keeps_working(
        qtbot, open_library_window, tmp_path, monkeypatch, capsys):
    source = tmp_path / "capitals.gift"
    source.write_text(GIFT, encoding="utf-8")
    by_command = tmp_path / "by-command" / "capitals.yaml"
    by_command.parent.mkdir()
    assert main(["import", str(source), "-o", str(by_command)]) == 0
    command_warnings = [line for line in capsys.readouterr().err.splitlines() if ": warning: " in line]
    assert command_warnings  # the essay is left out, with a warning

    win = shown_window(qtbot, open_library_window, tmp_path)
    target = tmp_path / "capitals.yaml"  # the name the save dialog offers
    events: list[str] = []
    opened: list[str] = []

    def open_dialog(*args, **kwargs):
        opened.append("asked")
        return str(source), ""

    def save_dialog(*args, **kwargs):
        events.append("save dialog")
        assert args[2] == str(target)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    shown: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(win, "_show_warnings", lambda title, w: shown.append((title, w)))

    # A heartbeat on the GUI thread; the conversion waits until it has beaten, which it
    # only can if the conversion leaves the GUI thread free.
    beat = threading.Event()
    signs: list[str] = []

    def heartbeat() -> None:
        progress = win.statusBar().findChild(ImportProgress)
        if progress is not None and progress.isVisible():
            if progress.label.text() not in signs:
                signs.append(progress.label.text())
                press_ctrl_i(qtbot, win)  # a second import is refused while one is under way
        beat.set()

    timer = QTimer(win)
    timer.setInterval(5)
    timer.timeout.connect(heartbeat)
    timer.start()

    real_read = interop.import_with_media
    heard: list[bool] = []

    def reading(*args, **kwargs):
        events.append("read on the GUI thread" if threading.current_thread() is threading.main_thread()
                      else "read on a worker")
        beat.clear()
        heard.append(beat.wait(10))
        return real_read(*args, **kwargs)

    monkeypatch.setattr(interop, "import_with_media", reading)
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        press_ctrl_i(qtbot, win)
    timer.stop()

    assert events == ["read on a worker", "save dialog"]  # read once, before the bank is named
    assert heard == [True]
    # The reading's sign first; the writing's ("Saving capitals.yaml…") may be seen too.
    assert signs[0] == "Importing capitals.gift…"
    assert set(signs) <= {"Importing capitals.gift…", "Saving capitals.yaml…"}
    assert opened == ["asked"]  # the Ctrl+I pressed during the import asked for no file
    assert not win.statusBar().findChild(ImportProgress).isVisible()
    [(title, app_warnings)] = shown
    assert title == "Imported 2 questions from capitals.gift, with 1 warning"
    assert app_warnings == command_warnings
    assert target.read_text(encoding="utf-8") == by_command.read_text(encoding="utf-8")
    [entry] = [e for e in win.context.library.entries if Path(e.path).resolve() == target.resolve()]
    assert entry.bank is not None and len(entry.bank.questions) == 2


def test_a_file_that_cannot_be_imported_says_so_before_its_bank_is_named(
        qtbot, open_library_window, tmp_path, monkeypatch):
    source = tmp_path / "empty.gift"
    source.write_text("// nothing but a comment\n", encoding="utf-8")
    win, failures = _ctrl_i_on_a_file_refused(qtbot, open_library_window, tmp_path,
                                              monkeypatch, source)
    qtbot.waitUntil(lambda: bool(failures), timeout=10000)
    [message] = failures
    assert message.startswith("empty.gift could not be imported:\n")
    assert "no question could be imported" in message
    assert not win.statusBar().findChild(ImportProgress).isVisible()

    # the failed import is over: the next Ctrl+I reads again
    press_ctrl_i(qtbot, win)
    qtbot.waitUntil(lambda: len(failures) == 2, timeout=10000)


def _ctrl_i_on_a_file_refused(qtbot, open_library_window, tmp_path, monkeypatch, source,
                              show_warnings=None):
    """Ctrl+I in the shown window, the open dialog answering `source`, which cannot be
    imported (no bank may be named for it); returns the window and the list the error
    boxes' texts go to. The warnings' window is `show_warnings` when given."""
    win = shown_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: pytest.fail("the bank was named before the file was read"))
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append(a[2]))
    if show_warnings is not None:
        monkeypatch.setattr(win, "_show_warnings", show_warnings)
    press_ctrl_i(qtbot, win)
    return win, boxes


def test_a_file_that_cannot_be_imported_shows_the_warnings_that_say_why(
        qtbot, open_library_window, tmp_path, monkeypatch):
    """The window said "no question could be imported from this GIFT file (1 warning(s)
    above)", and showed no warning, above or anywhere: the command's words, whose
    warnings are printed before them. The window shows the warnings, under the failure."""
    source = tmp_path / "two.gift"
    source.write_text("::q1:: Who is the U.S. Trade Representative? {=Kantor ~Brown}\n"
                      "::q2:: The deficit is $60 billion a year. {T}\n", encoding="utf-8")
    shown: list[tuple[str, list[str]]] = []
    win, boxes = _ctrl_i_on_a_file_refused(qtbot, open_library_window, tmp_path, monkeypatch,
                                           source, lambda title, w: shown.append((title, w)))
    qtbot.waitUntil(lambda: bool(shown or boxes), timeout=10000)
    assert not any("above" in box for box in boxes), boxes
    [(title, warnings)] = shown
    assert title.startswith("two.gift could not be imported:")
    assert "no question could be imported" in title and "above" not in title
    assert len(warnings) == 1 and "no blank line separates it from 'q2'" in warnings[0]
    # The command still prints them first, and says so.
    assert main(["import", str(source)]) == 1


def test_a_bank_the_disk_refuses_says_which_file_could_not_be_written(
        qtbot, open_library_window, tmp_path, monkeypatch):
    source = tmp_path / "capitals.gift"
    source.write_text(GIFT, encoding="utf-8")
    target = tmp_path / "no-such-folder" / "capitals.yaml"
    (tmp_path / "no-such-folder").write_text("a file, not a folder", encoding="utf-8")
    win = shown_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    failures: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: failures.append(a[2]))
    press_ctrl_i(qtbot, win)
    qtbot.waitUntil(lambda: bool(failures), timeout=10000)
    # in words, the teacher's file named (not the system's "[Errno 20] ..." and a temporary one)
    assert failures[0] == (f"Not imported: {target} could not be written because a part of "
                           "its folder's path is a file, not a folder. Choose another folder.")
    assert not win.statusBar().findChild(ImportProgress).isVisible()


def held_reading(monkeypatch) -> tuple[threading.Event, threading.Event]:
    """Make File > Import's reading wait on the worker until released: (`reading`, set
    once it has begun; `release`, to let it go on)."""
    reading, release = threading.Event(), threading.Event()
    real_read = interop.import_with_media

    def held(*args, **kwargs):
        reading.set()
        release.wait(10)
        return real_read(*args, **kwargs)

    monkeypatch.setattr(interop, "import_with_media", held)
    return reading, release


def test_quitting_waits_for_an_import_under_way(qtbot, open_library_window, tmp_path,
                                                monkeypatch):
    """At quit the app waits for File > Import's worker (app.run_app), so its thread never
    runs Python while the interpreter shuts down (found in review)."""
    source = tmp_path / "capitals.gift"
    source.write_text(GIFT, encoding="utf-8")
    win = shown_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "capitals.yaml"), ""))
    monkeypatch.setattr(win, "_show_warnings", lambda *a: None)
    reading, release = held_reading(monkeypatch)
    assert win.wait_for_file_work(0)  # nothing under way yet
    press_ctrl_i(qtbot, win)
    qtbot.waitUntil(reading.is_set, timeout=10000)
    assert not win.wait_for_file_work(50)  # the worker is still reading
    release.set()
    assert win.wait_for_file_work(10000)
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        pass  # the save dialog, the write and the library's reload follow


def test_a_window_closed_during_the_reading_asks_nothing_afterwards(
        qtbot, open_library_window, tmp_path, monkeypatch):
    """Closing the window while the file is read (another window, such as an editor, may
    keep the app running): no save dialog appears later for a window that is gone (found by
    a third tester)."""
    source = tmp_path / "capitals.gift"
    source.write_text(GIFT, encoding="utf-8")
    win = shown_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: pytest.fail("a save dialog after the window closed"))
    reading, release = held_reading(monkeypatch)
    press_ctrl_i(qtbot, win)
    qtbot.waitUntil(reading.is_set, timeout=10000)
    win.close()  # Alt+F4, as the learner closes it
    release.set()
    assert win.wait_for_file_work(10000)
    qtbot.waitUntil(lambda: not win._import_under_way, timeout=10000)


def test_the_bank_just_imported_is_the_one_selected(qtbot, open_library_window, tmp_path,
                                                     monkeypatch):
    """After Ctrl+I the new bank is selected in the library (its details shown, Q starts
    it), not the bank that was selected before, wherever the new one sorts."""
    source = tmp_path / "capitals.gift"
    source.write_text(GIFT, encoding="utf-8")
    win = shown_window(qtbot, open_library_window, tmp_path)
    before = win.library_screen.selected_path()
    assert before is not None
    target = tmp_path / "capitals.yaml"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(win, "_show_warnings", lambda title, w: None)
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        press_ctrl_i(qtbot, win)
    qtbot.waitUntil(lambda: win.library_screen.selected_path() is not None
                    and Path(win.library_screen.selected_path()).resolve() == target.resolve(),
                    timeout=10000)
    entry = win.library_screen.selected_entry()
    assert entry is not None and entry.bank is not None and entry.bank.title
