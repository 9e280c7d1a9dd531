"""File > Import's Cancel: the status bar's button (or Esc) stops the worker at its next step,
whether it is reading the file or writing the bank, and nothing is left in the bank's folder;
the window stays usable and the next import works."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from gui_helpers import shown_library_window as shown_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

import quizapp.interop as interop
from quizapp.gui.import_work import ImportProgress

GIFT = "".join(f"::q{n}:: The capital of France is {{=Paris ~London ~Rome}}\n\n"
               for n in range(200))
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSu"
       "QmCC")


def _picture_question(n: int) -> str:
    return (f'<question type="shortanswer"><name><text>Q{n}</text></name>'
            f'<questiontext format="html"><text><![CDATA[Who is this? '
            f'<img src="@@PLUGINFILE@@/face{n}.png" alt="face {n}">]]></text>'
            f'<file name="face{n}.png" encoding="base64">{PNG}</file></questiontext>'
            f'<answer fraction="100"><text>Kantor {n}</text></answer></question>')


XML = ('<?xml version="1.0"?>\n<quiz>\n'
       + "\n".join(_picture_question(n) for n in range(3)) + "\n</quiz>\n")


def progress_of(win) -> ImportProgress:
    return win.statusBar().findChild(ImportProgress)


def held(event_started: threading.Event, go: threading.Event, real):
    """`real`, run on the worker once the test has pressed Cancel (it then sees the stop)."""
    def run(*args, **kwargs):
        event_started.set()
        assert go.wait(10)
        return real(*args, **kwargs)
    return run


def test_cancel_while_reading_stops_the_worker_and_names_no_bank(
        qtbot, open_library_window, tmp_path, monkeypatch):
    folder = tmp_path / "import"  # what the teacher's folder holds: the file, then the bank
    folder.mkdir()
    source = folder / "capitals.gift"
    source.write_text(GIFT, encoding="utf-8")
    win = shown_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: pytest.fail("a cancelled import asked for a bank name"))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    reading, go = threading.Event(), threading.Event()
    real_read = interop.import_with_media
    monkeypatch.setattr(interop, "import_with_media", held(reading, go, real_read))

    qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(reading.is_set, timeout=10000)
    progress = progress_of(win)
    assert progress.isVisible() and progress.cancel_button.isEnabled()
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert progress.label.text() == "Cancelling the import…"
    assert not progress.cancel_button.isEnabled()
    go.set()  # the importer goes on, and stops at its first question
    qtbot.waitUntil(lambda: not progress.isVisible(), timeout=10000)
    assert win.statusBar().currentMessage() == (
        "Import of capitals.gift cancelled; no bank was written")
    assert [p.name for p in folder.iterdir()] == ["capitals.gift"]

    # the window is usable and the next import goes through
    target = folder / "capitals.yaml"
    monkeypatch.setattr(interop, "import_with_media", real_read)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(win, "_show_warnings", lambda title, warnings: None)
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    [entry] = [e for e in win.context.library.entries
               if Path(e.path).resolve() == target.resolve()]
    assert entry.bank is not None and len(entry.bank.questions) == 200


def test_esc_while_saving_leaves_no_picture_and_no_bank(
        qtbot, open_library_window, tmp_path, monkeypatch):
    """The stop comes while the pictures are being written: the one written is removed with
    its folder, and the bank's file is never written."""
    folder = tmp_path / "import"
    folder.mkdir()
    source = folder / "faces.xml"
    source.write_text(XML, encoding="utf-8")
    target = folder / "faces.yaml"
    win = shown_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    first_picture, go = threading.Event(), threading.Event()
    real_write = interop._write_atomically
    written: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        real_write(path, data)
        written.append(Path(path))
        if len(written) == 1:  # the first picture is on disk: now the learner presses Esc
            first_picture.set()
            assert go.wait(10)

    monkeypatch.setattr(interop, "_write_atomically", write)
    qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(first_picture.is_set, timeout=10000)
    assert progress_of(win).label.text() == "Saving faces.yaml…"
    assert written[0].parent == folder / "faces-files" and written[0].is_file()
    qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_Escape)
    go.set()
    qtbot.waitUntil(lambda: not progress_of(win).isVisible(), timeout=10000)
    assert win.statusBar().currentMessage() == (
        "Import of faces.xml cancelled; no bank was written")
    assert written == [folder / "faces-files" / "face0.png"]  # it stopped at the next step
    assert [p.name for p in folder.iterdir()] == ["faces.xml"]
    assert win.context.library.entry(str(target)) is None


@pytest.mark.parametrize("dialog", ["open", "save"])
def test_cancelling_a_file_dialog_says_the_import_was_cancelled(
        qtbot, open_library_window, tmp_path, monkeypatch, dialog):
    """Ctrl+I then Esc (or Cancel) in the file dialog, or in the one naming the new bank:
    the status bar went blank; it says so, and nothing is written."""
    folder = tmp_path / "import"
    folder.mkdir()
    source = folder / "capitals.gift"
    source.write_text(GIFT, encoding="utf-8")
    win = shown_window(qtbot, open_library_window, tmp_path)
    win.statusBar().showMessage("Library loaded")  # what was there before
    asked = []

    def open_file(*_args, **_kwargs):  # ("", "") is what Esc or Cancel gives back
        asked.append("open")
        return ("", "") if dialog == "open" else (str(source), "")

    def save_file(*_args, **_kwargs):
        asked.append("save")
        return ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_file)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_file)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    message = "Import cancelled; nothing was added."
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == message, timeout=10000)
    assert asked == (["open"] if dialog == "open" else ["open", "save"])
    assert [p.name for p in folder.iterdir()] == ["capitals.gift"]
