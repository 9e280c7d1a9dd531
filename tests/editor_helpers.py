"""The bank editor window as a teacher drives it, for the editor's GUI test files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from quizapp.gui.editor import EditorWindow


@pytest.fixture(autouse=True)
def leave_without_saving(monkeypatch):
    """Closing an edited window (qtbot's teardown) discards instead of asking. Autouse in
    every test module that imports it."""
    monkeypatch.setattr(EditorWindow, "ask_to_save", lambda self: QMessageBox.StandardButton.Discard)


# The check runs in a worker process each window starts (spawned: a new Python importing
# quizapp), ~1 s from the window's opening on an idle machine and over 5 s on one shared by
# several test runs: waits for its result allow this long (they end as soon as it is in).
CHECK_MS = 30_000


def checked(qtbot, window: EditorWindow) -> None:
    """Wait until the check of the text as it stands is in (the edit just made scheduled
    it: pending until the newest text's problems are shown)."""
    assert window.checker.pending, "no check was scheduled"
    qtbot.waitUntil(lambda: not window.checker.pending, timeout=CHECK_MS)


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


USTR_BANK = """title: Talks
id: talks
questions:
  - id: ustr
    type: short_answer
    prompt: Who is the U.S. Trade Representative?
    answer: Mickey Kantor
"""


def open_ustr_bank(qtbot, tmp_path) -> tuple[EditorWindow, Path]:
    """The editor on a bank of one short answer, 'ustr', selected in the form."""
    path = tmp_path / "talks.yaml"
    path.write_text(USTR_BANK, encoding="utf-8")
    window = open_window(qtbot, path)
    select(window, "ustr")
    return window, path


def saved_and_loaded(qtbot, window: EditorWindow, path: Path):
    """Save with Ctrl+S as a teacher does; the bank as loaded again (with no problem)."""
    from quizapp.core.loader import load_bank

    with qtbot.waitSignal(window.saved):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    loaded = load_bank(path, use_cache=False)
    assert loaded.problems == []
    return loaded.bank
