"""The bank editor window as a teacher drives it, for the editor's GUI test files."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from quizapp.gui.editor import EditorWindow


@pytest.fixture(autouse=True)
def leave_without_saving(monkeypatch):
    """Closing an edited window (qtbot's teardown) discards instead of asking. Autouse in
    every test module that imports it."""
    monkeypatch.setattr(EditorWindow, "ask_to_save", lambda self: QMessageBox.StandardButton.Discard)


def open_window(qtbot, path) -> EditorWindow:
    """The editor on `path`, shown and active (so keys reach it)."""
    window = EditorWindow.open_file(path, my_banks_dir=path.parent / "mine")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def select(window: EditorWindow, question_id: str) -> None:
    """Select the question's row in the list, as a click on it does."""
    rows = [window.question_list.item(r).text() for r in range(window.question_list.count())]
    window.question_list.setCurrentRow(next(r for r, t in enumerate(rows) if t.startswith(question_id + " ")))


def type_lines(qtbot, widget, text: str) -> None:
    """Type ``text`` where the cursor is, each line ended with Enter as a teacher does."""
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)
