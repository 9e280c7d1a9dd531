"""File > Import (Ctrl+I) of a real Anki deck, then its flashcard turned with Space: a
line Anki starts with <br>, and a list inside a list's item, show as Anki shows them (the
back read 'The mitochondrion (plural: mitochondria)' on one line, and the list flat)."""

from __future__ import annotations

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from gui_helpers import open_flashcard_screen, shown_library_window  # noqa: E402
from helpers import anki_deck  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: E402

from quizapp.core.loader import load_bank  # noqa: E402

BACK = ("The <i>mitochondrion</i><br>(plural: mitochondria)"
        "<ul><li>matrix</li><li>membranes<ul><li>inner</li><li>outer</li></ul></li></ul>")


def test_an_imported_cards_lines_and_nested_list_show_as_in_anki(
        qtbot, open_library_window, context, tmp_path, monkeypatch):
    def add(col, deck_id):
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = "Powerhouse of the cell?", BACK
        col.add_note(note, deck_id)

    deck = anki_deck(tmp_path, "Cells", add, "cells.apkg")
    target = tmp_path / "banks" / "cells.yaml"
    win = shown_library_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(deck), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(target.exists)
    bank = load_bank(target, use_cache=False).bank
    assert bank is not None

    screen = open_flashcard_screen(qtbot, context)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(bank)
    qtbot.keyClick(screen.focusWidget() or screen, Qt.Key.Key_Space)  # turn it over
    qtbot.waitUntil(screen.back_view.isVisible)
    document = screen.back_view.document()
    lines = [line.strip() for line in document.toPlainText().splitlines() if line.strip()]
    assert lines == ["The mitochondrion", "(plural: mitochondria)", "matrix", "membranes",
                     "inner", "outer"]
    levels, block = {}, document.begin()
    while block.isValid():
        if block.textList() is not None:
            levels[block.text()] = block.textList().format().indent()
        block = block.next()
    assert levels == {"matrix": 1, "membranes": 1, "inner": 2, "outer": 2}
