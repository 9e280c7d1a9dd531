"""File > Import of a file with pictures, saved under another name than the one offered,
reads the file again (the pictures' paths name the new bank's folder). When it cannot be
read then (deleted, moved, or no longer readable since it was chosen), the teacher is told
that, in words: before, a file that could not be read again was reported as the bank that
"could not be written because the folder cannot be written to" (review21)."""

from __future__ import annotations

import errno
import os

import pytest
from gui_helpers import shown_library_window as shown_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

import quizapp.interop as interop

PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSu"
       "QmCC")
XML = ('<?xml version="1.0"?>\n<quiz><question type="shortanswer"><name><text>Q</text></name>'
       '<questiontext format="html"><text><![CDATA[Who led the U.S. side? '
       '<img src="@@PLUGINFILE@@/face.png" alt="a face">]]></text>'
       f'<file name="face.png" encoding="base64">{PNG}</file></questiontext>'
       '<answer fraction="100"><text>Kantor</text></answer></question></quiz>\n')


@pytest.fixture
def importing(qtbot, open_library_window, tmp_path, monkeypatch):
    """(window, source, renamed target, the messages shown, steps): File > Import of a
    Moodle file with pictures, its bank saved as "renamed.yaml"; the test's `steps` run as
    the teacher names the bank."""
    folder = tmp_path / "import"
    folder.mkdir()
    source = folder / "faces.xml"
    source.write_text(XML, encoding="utf-8")
    target = folder / "renamed.yaml"
    win = shown_window(qtbot, open_library_window, tmp_path)
    said: list[tuple[str, str]] = []
    then: list = []

    def save_dialog(*args, **kwargs):
        for step in then:
            step()
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append((title, text)))
    return win, source, target, said, then


def test_a_file_deleted_before_its_bank_is_saved_is_said_to_be_gone(qtbot, importing):
    win, source, target, said, then = importing
    then.append(source.unlink)
    qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert said == [("Import failed", f"Not imported: {source} could not be read again because it "
                     "was deleted or moved since it was chosen. Choose it again.")]
    assert not target.exists()


def test_a_file_that_can_no_longer_be_read_is_said_so(qtbot, importing, monkeypatch):
    win, source, target, said, then = importing
    real_read = interop.import_with_media

    def refused(path, *args, **kwargs):  # as the system refuses a file whose rights changed
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    then.append(lambda: monkeypatch.setattr(interop, "import_with_media", refused))
    qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert said == [("Import failed", f"Not imported: {source} could not be read again because "
                     "you may no longer read it (its permissions changed?). Check the file, "
                     "and import again.")]
    assert not target.exists()
    monkeypatch.setattr(interop, "import_with_media", real_read)
