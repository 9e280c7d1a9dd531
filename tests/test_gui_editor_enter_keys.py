"""Enter on a focused button in the bank editor presses it, as Space does and as in the
main window (gui/focus_keys.py).

Seen driving the real window with xdotool (window20): the editor opened a bundled bank
with "Save a copy to my banks" outlined; Enter did nothing, only Space saved the copy. The
editor is a window of its own: outside a dialog a QPushButton leaves Enter alone, and no
one took it for the button."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from quizapp.gui.editor import EditorWindow

ARTICLE = Path(__file__).resolve().parent.parent / "question_banks" / "us-japan-auto-talks-1995.yaml"


@pytest.fixture(autouse=True)
def _leave_without_saving(monkeypatch):
    monkeypatch.setattr(EditorWindow, "ask_to_save", lambda self: QMessageBox.StandardButton.Discard)


def shown(qtbot, window: EditorWindow) -> EditorWindow:
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_enter_on_the_outlined_save_a_copy_button_saves_the_copy(qtbot, tmp_path):
    w = shown(qtbot, EditorWindow.open_file(ARTICLE, read_only=True,
                                            my_banks_dir=tmp_path / "my-banks"))
    qtbot.waitUntil(lambda: w.focusWidget() is w.copy_button)  # where the window opens
    with qtbot.waitSignal(w.saved, timeout=5000) as saved:
        qtbot.keyClick(w.copy_button, Qt.Key.Key_Return)
    assert Path(saved.args[0]).read_bytes() == ARTICLE.read_bytes()
    assert w.form.isEnabled()


def test_enter_on_duplicate_and_delete_presses_them_once(qtbot, tmp_path):
    bank = tmp_path / "talks.yaml"
    shutil.copy(ARTICLE, bank)
    w = shown(qtbot, EditorWindow.open_file(bank))
    count = len(w.doc)
    w.question_list.setFocus()
    qtbot.keyClick(w.question_list, Qt.Key.Key_Tab)  # the list, then the type to add...
    while w.focusWidget() is not w.duplicate_button:
        qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(w.duplicate_button, Qt.Key.Key_Enter)  # the keypad's Enter
    assert len(w.doc) == count + 1
    qtbot.keyClick(w.duplicate_button, Qt.Key.Key_Tab)
    assert w.focusWidget() is w.delete_button
    qtbot.keyClick(w.delete_button, Qt.Key.Key_Return)
    assert len(w.doc) == count


def test_enter_in_a_form_field_presses_no_button(qtbot, tmp_path):
    bank = tmp_path / "talks.yaml"
    shutil.copy(ARTICLE, bank)
    w = shown(qtbot, EditorWindow.open_file(bank))
    count = len(w.doc)
    line = w.form.fields[("id",)]
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert len(w.doc) == count and w.doc.text == bank.read_text("utf-8")
