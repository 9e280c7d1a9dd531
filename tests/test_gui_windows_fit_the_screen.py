"""Windows open no larger than the screen, centred on it, and the editor opens in front
with the keyboard. A tester at QT_FONT_DPI=144 found the bank editor (1100x760) and the
F1 shortcut sheet (720x560) reaching past the screen's edges, and the editor opening
behind the main window. The offscreen screen is 800x600: smaller than both sizes."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QMessageBox

from quizapp.gui.editor import EditorWindow

SMALL = """\
title: Small bank
id: small
questions:
  - id: sky
    type: true_false
    prompt: The sky is blue.
    answer: true
"""


def inside_the_screen(window) -> None:
    area: QRect = window.screen().availableGeometry()
    frame = window.frameGeometry()
    assert area.contains(frame), (frame, area)
    # centred: as much room on the left as on the right, above as below (give or take the
    # frame: a title bar above)
    assert abs((frame.left() - area.left()) - (area.right() - frame.right())) <= 4
    assert abs((frame.top() - area.top()) - (area.bottom() - frame.bottom())) <= 64


def test_the_editor_opens_inside_the_screen_and_in_front(
        qtbot, open_library_window, tmp_path, monkeypatch):
    monkeypatch.setattr(EditorWindow, "ask_to_save",
                        lambda self: QMessageBox.StandardButton.Discard)
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL, encoding="utf-8")
    win = open_library_window(folder)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tree = win.library_screen.tree
    tree.setCurrentItem(tree.topLevelItem(0))
    button = win.library_screen.edit_button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)  # the Edit button, pressed by key
    editor = win.editors[-1]
    qtbot.waitExposed(editor)
    inside_the_screen(editor)
    qtbot.waitUntil(editor.isActiveWindow)  # in front, taking the keys
    editor.close()


def test_the_shortcut_sheet_opens_inside_the_screen(qtbot, open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    win = open_library_window(folder)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_F1)
    sheet = win.shortcut_sheet
    qtbot.waitExposed(sheet)
    inside_the_screen(sheet)
