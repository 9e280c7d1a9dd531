"""File > Export never writes a stray '<folder>.gift' when the save dialog returns a folder
(found by a tester: typing a path in the dialog wrote '/root.gift')."""

from __future__ import annotations

import pytest
from gui_helpers import shown_library_window as shown_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from quizapp.gui.bank_export import export_name

GIFT_FILTER = "GIFT (*.gift)"
BANK = "title: Mine\nquestions:\n  - id: q\n    type: true_false\n    prompt: P\n    answer: true\n"


def _bank(tmp_path):
    mine = tmp_path / "banks" / "mine.yaml"
    mine.write_text(BANK, encoding="utf-8")
    return mine


def test_export_name_refuses_a_folder(tmp_path):
    (tmp_path / "quiz.gift").mkdir()
    assert export_name(str(tmp_path), GIFT_FILTER) is None  # a folder that exists
    assert export_name(f"{tmp_path}/new/", GIFT_FILTER) is None  # a path ending in a slash
    assert export_name(str(tmp_path / "quiz"), GIFT_FILTER) is None  # quiz.gift is a folder
    assert export_name(str(tmp_path / "quiz2"), GIFT_FILTER) == str(tmp_path / "quiz2.gift")
    assert export_name(str(tmp_path / "q.apkg"), GIFT_FILTER) == str(tmp_path / "q.apkg")


def test_export_to_a_folder_says_so_and_writes_nothing(qtbot, open_library_window, tmp_path,
                                                       monkeypatch):
    win = shown_window(qtbot, open_library_window, tmp_path)  # on tmp_path / "banks"
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        win.context.library.add_file(str(_bank(tmp_path)))
    out = tmp_path / "out"
    out.mkdir()
    tree = win.library_screen.tree
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    tree.setCurrentItem(next(r for r in rows if r.text(0) == "Mine"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), GIFT_FILTER))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail(f"asked: {a[2]}"))
    qtbot.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert warned == [f"{out} is a folder, not a file name: choose Export again and type a "
                      "name for the file (nothing was written)."]
    assert list(tmp_path.glob("out*")) == [out]  # no out.gift beside the folder
    assert list(out.iterdir()) == []
