"""F1 lists every key the windows have: each QAction and QShortcut with a key in the main
window (its menus and every screen) and in the bank editor appears in the sheet. A tester
found the editor's Ctrl+S, Ctrl+W, Ctrl+Shift+O and Ctrl+Shift+Z, the teacher overview's
Ctrl+F and Ctrl+E, the learners' F2 and Delete missing, and F1 in the editor doing nothing."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox

from quizapp.gui.editor import EditorWindow
from quizapp.gui.shortcut_sheet import ShortcutSheet

SCREENS = ("learners", "quiz", "results", "flashcards", "progress", "teacher")
# Qt's names for keys, as the sheet writes them for a reader.
SAID = {"Del": "Delete", "PgUp": "PageUp", "PgDown": "PageDown", "Return": "Enter"}

BANK = """\
title: Small bank
id: small
questions:
  - id: sky
    type: true_false
    prompt: The sky is blue.
    answer: true
"""


def keys_of(window) -> set[str]:
    """Every key of the window's actions (all their keys) and shortcuts (a standard key's
    first binding: Undo's Alt+Backspace is Qt's, not the app's), as the sheet says them."""
    native = QKeySequence.SequenceFormat.NativeText
    found = {k.toString(native) for a in window.findChildren(QAction) for k in a.shortcuts()}
    found |= {s.key().toString(native) for s in window.findChildren(QShortcut)}
    said = set()
    for key in found - {""}:
        *mods, last = key.split("+") if not key.endswith("++") else [*key[:-2].split("+"), "+"]
        said.add("+".join([*mods, SAID.get(last, last)]))
    return said


def listed(sheet: ShortcutSheet, key: str) -> bool:
    """The key in the sheet's Keys column, as a whole key (Enter is not Ctrl+Enter); a
    digit also in a range written 1–9."""
    for cell in sheet.keys_listed():
        if re.search(rf"(?<![\w+]){re.escape(key)}(?![\w+])", cell):
            return True
        if key.isdigit() and any(int(a) <= int(key) <= int(b)
                                 for a, b in re.findall(r"(\d)–(\d)", cell)):
            return True
    return False


def test_every_key_of_the_main_window_and_its_screens_is_in_the_sheet(qtbot, open_main_window):
    win = open_main_window()
    for name in SCREENS:  # every screen built, as using the app builds them
        win.screen_named(name)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_F1)
    sheet = win.shortcut_sheet
    keys = keys_of(win)
    assert {"Ctrl+F", "F2", "Delete", "PageDown", "Ctrl+E"} <= keys  # the screens' own
    missing = sorted(k for k in keys if not listed(sheet, k))
    assert not missing, missing
    for key in ("Ctrl+F", "Ctrl+E", "F2", "Delete", "Esc", "Enter"):
        assert listed(sheet, key), key


def _editor_in_front(qtbot, tmp_path, monkeypatch) -> EditorWindow:
    """The editor on a small bank, shown and active (closed without asking to save)."""
    monkeypatch.setattr(EditorWindow, "ask_to_save",
                        lambda self: QMessageBox.StandardButton.Discard)
    path = tmp_path / "small.yaml"
    path.write_text(BANK, encoding="utf-8")
    editor = EditorWindow.open_file(path, my_banks_dir=tmp_path / "mine")
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def test_f1_in_the_editor_shows_the_sheet_with_every_editor_key(qtbot, tmp_path, monkeypatch):
    editor = _editor_in_front(qtbot, tmp_path, monkeypatch)
    qtbot.keyClick(editor.question_list, Qt.Key.Key_F1)
    sheets = [w for w in QApplication.topLevelWidgets()
              if isinstance(w, ShortcutSheet) and w.parent() is editor and w.isVisible()]
    assert len(sheets) == 1
    keys = keys_of(editor)
    assert {"Ctrl+S", "Ctrl+W", "Ctrl+Shift+O", "Ctrl+Shift+Z", "F1"} <= keys
    missing = sorted(k for k in keys if not listed(sheets[0], k))
    assert not missing, missing


def test_tab_goes_through_the_editor_from_top_to_bottom(qtbot, tmp_path, monkeypatch):
    """From the Form tab, Tab goes down the form's fields (Type, Id, Prompt...) and then
    to the problems under them; it went to an unnamed scroll area, then the problems, and
    only then back up to Type, Id, Prompt. Real Tab presses, on a question's form."""
    editor = _editor_in_front(qtbot, tmp_path, monkeypatch)
    editor.select_row(1)  # the question, not the bank's details
    editor.tabs.tabBar().setFocus()
    stops = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is editor.question_list:  # round to the top of the window
            break
        stops.append(widget)
    fields = list(editor.form.fields.values())
    names = [w.accessibleName() or type(w).__name__ for w in stops]
    assert stops[0] is editor.form.fields[("type",)], names
    assert stops[-1] is editor.problem_list, names
    in_form = stops[:-1]
    assert all(w in fields for w in in_form), names  # nothing unnamed between
    tops = [w.mapTo(editor.form, w.rect().topLeft()).y() for w in in_form]
    assert tops == sorted(tops), names  # down the page


def test_the_sheet_grows_with_the_zoom_so_its_descriptions_stay_readable(qtbot, open_main_window):
    # A tester zoomed to 200% (Ctrl+= five times) and pressed F1: the sheet kept its 100%
    # size, so "What it does" was off-screen or one word a line ("foc…").
    win = open_main_window()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    for _ in range(5):
        qtbot.keyClick(win, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert win.appearance.zoom == 2.0
    qtbot.keyClick(win, Qt.Key.Key_F1)
    sheet = win.shortcut_sheet
    qtbot.waitExposed(sheet)
    area = sheet.screen().availableGeometry()
    assert sheet.width() > 720 and sheet.height() > 560  # grown with the text
    assert sheet.width() <= area.width() and sheet.height() <= area.height()  # still whole
    described = sheet.table.columnWidth(2)
    # The descriptions get at least 30 characters a line, or all the room the screen has.
    room = area.width() - sheet.table.columnWidth(0) - sheet.table.columnWidth(1) - 120
    assert described >= min(30 * sheet.fontMetrics().averageCharWidth(), room)
