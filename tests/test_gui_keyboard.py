"""The keyboard: F1's shortcut sheet lists every key, and no Alt+letter clashes on any screen."""

from __future__ import annotations

import re

import pytest
from gui_helpers import quiz_started_by_key, written
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel


def test_f1_opens_a_sheet_with_every_key(qtbot, open_main_window):
    win = open_main_window()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_F1)
    sheet = win.shortcut_sheet
    qtbot.waitExposed(sheet)
    keys = sheet.keys_listed()
    for expected in ("Alt+Up / Alt+Down", "1–9", "Ctrl+Z", "Esc", "F1", "Ctrl+L", "Ctrl+P",
                     "Ctrl+Shift+L", "Ctrl+0"):
        assert any(expected in k for k in keys), (expected, keys)
    # every menu shortcut of the window is on the sheet
    for action in win.actions():
        for sequence in action.shortcuts():
            assert any(sequence.toString() in k for k in keys), sequence.toString()
    qtbot.keyClick(sheet, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not sheet.isVisible())


@pytest.mark.parametrize("screen", ["learners", "library", "progress", "teacher"])
def test_no_two_alt_keys_clash_on_any_screen(qtbot, open_main_window, screen):
    """Alt+letter must reach one place on every screen: the menus and that screen's
    buttons and labelled fields."""
    win = open_main_window()
    win.set_learner(win.context.store.create_learner("Ada").id)
    win.show_screen(screen)
    shown = win.screens[screen]
    texts = [a.text() for a in win.menuBar().actions()]
    texts += [b.text() for b in shown.findChildren(QAbstractButton) if b.isVisible()]
    texts += [label.text() for label in shown.findChildren(QLabel)
              if label.isVisible() and label.buddy() is not None]
    letters = [m.group(1).lower() for t in texts if (m := re.search(r"&([^&])", t))]
    assert letters, texts
    assert len(letters) == len(set(letters)), sorted(texts)


@pytest.mark.parametrize("leave", [False, True], ids=["stay", "leave"])
@pytest.mark.parametrize("key, screen", [("P", "progress"), ("L", "library"), ("T", "teacher")])
def test_global_shortcuts_work_during_a_quiz_after_asking_to_leave(
        qtbot, open_library_window, tmp_path, monkeypatch, key, screen, leave):
    win = quiz_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch)
    quiz = win.screen_named("quiz")
    assert win.current_screen_name() == "quiz" and quiz.session is not None
    session = quiz.session
    asked = []
    monkeypatch.setattr(quiz, "confirm_leave", lambda: asked.append(True) or leave)
    qtbot.keyClick(quiz.focusWidget() or quiz, getattr(Qt.Key, f"Key_{key}"),
                   Qt.KeyboardModifier.ControlModifier)
    assert asked == [True]
    if leave:
        assert win.current_screen_name() == screen and quiz.session is None
        written(qtbot, win.context)  # closed in the store, on the writer thread
        assert session.state == "finished"
        assert win.context.store.session(session.session_id).outcome == "abandoned"
        # The session's change redraws the screen shown (after its burst delay): let it
        # finish before the window closes.
        qtbot.waitUntil(lambda: not win.screen_named(screen).redraw_rule.scheduled)
        written(qtbot, win.context)
    else:
        assert win.current_screen_name() == "quiz"
        assert quiz.session is session and session.state == "asking"
