""""Save a copy to my banks" on a full disk says so in words and keeps the bank open
read-only; once there is room, the same button saves the copy.

Seen by an outside tester (durable21): the message was the system's own text, "The copy
could not be written: [Errno 28] No space left on device: '…/.quizapp-save-….tmp'",
naming a temporary file the teacher never asked for."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from quizapp.gui.editor import EditorWindow

TOUR = Path(__file__).resolve().parent.parent / "question_banks" / "tour.yaml"


@pytest.fixture(autouse=True)
def _leave_without_saving(monkeypatch):
    monkeypatch.setattr(EditorWindow, "ask_to_save", lambda self: QMessageBox.StandardButton.Discard)


def test_a_full_disk_is_said_in_words_and_the_copy_is_saved_once_there_is_room(
        qtbot, tmp_path, monkeypatch):
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append((title, text)))
    mine = tmp_path / "my-banks"
    w = EditorWindow.open_file(TOUR, read_only=True, my_banks_dir=mine)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: w.focusWidget() is w.copy_button)
    save = w.doc.save

    def full_disk(path) -> None:  # what the store's atomic write meets on a full disk
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(mine / ".quizapp-save-1-x.tmp"))

    monkeypatch.setattr(w.doc, "save", full_disk)
    qtbot.keyClick(w.copy_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(said))
    ((title, text),) = said
    assert title == "Not saved"
    assert text == (f"The copy was not saved: {mine / 'tour.yaml'} could not be written because "
                    "the disk is full. Free some space, or choose another disk, and try again.")
    assert w.read_only and w.read_only_bar.isVisible()
    monkeypatch.setattr(w.doc, "save", save)  # room again
    with qtbot.waitSignal(w.saved, timeout=5000) as saved:
        qtbot.keyClick(w.copy_button, Qt.Key.Key_Return)
    assert Path(saved.args[0]).read_text(encoding="utf-8").startswith(TOUR.read_text(encoding="utf-8")[:40])
    assert not w.read_only


def save_a_copy_with_the_keys(qtbot, w) -> None:
    """File > Save a copy to my banks… as a teacher at the keyboard: Alt+F, then its letter.
    (It was C, which &Close shares: the C only moved to the command and saved nothing.)"""
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu.title() == "&File"
    qtbot.keyClick(menu, Qt.Key.Key_M)
    assert not menu.isVisible()


def test_a_copy_tried_again_after_a_full_disk_gets_one_copy_id(qtbot, tmp_path, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    mine, theirs = tmp_path / "my-banks", tmp_path / "theirs"
    theirs.mkdir()
    source = theirs / "talks.yaml"
    source.write_text("title: Talks\nid: talks\nquestions:\n  - id: q1\n    type: flashcard\n"
                      "    front: Who led the U.S. side?\n    back: Mickey Kantor\n", encoding="utf-8")
    w = EditorWindow.open_file(source, my_banks_dir=mine)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    save = w.doc.save

    def full_disk(path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(mine / ".quizapp-save-1-x.tmp"))

    monkeypatch.setattr(w.doc, "save", full_disk)
    save_a_copy_with_the_keys(qtbot, w)
    assert said and "the disk is full" in said[0]
    # nothing to undo or redo: Redo gave the original the copy's id (review21a)
    assert not w.undo_stack.canUndo() and not w.undo_stack.canRedo()
    assert "id: talks\n" in w.doc.file_text
    monkeypatch.setattr(w.doc, "save", save)
    with qtbot.waitSignal(w.saved, timeout=5000) as saved:
        save_a_copy_with_the_keys(qtbot, w)
    assert "id: talks-copy\n" in Path(saved.args[0]).read_text(encoding="utf-8")
