"""File > New bank (Ctrl+Shift+N) when the learner's banks folder cannot be made (a file
of that name in the data folder, a read-only data folder): a message in words, not a
traceback before the dialog (review21a)."""

from __future__ import annotations

from gui_helpers import shown_library_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox


def test_new_bank_where_a_file_takes_the_folders_name_says_so_in_words(
        qtbot, open_library_window, tmp_path, monkeypatch):
    win = shown_library_window(qtbot, open_library_window, tmp_path)
    folder = win.my_banks_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(folder / "talks.yaml"), ""))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    qtbot.keyClick(win, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(said))
    assert said == [f"{folder / 'talks.yaml'} could not be written because a part of its "
                    "folder's path is a file, not a folder. Choose another folder."]
