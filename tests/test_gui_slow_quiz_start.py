"""Keys typed while a quiz is starting (its session written on the writer thread, slow
under load) went to the library: Enter opened a second "Start a quiz" dialog over the
quiz that was starting. Until the quiz shows, no second start begins."""

from __future__ import annotations

import threading

from helpers import SMALL_BANK, library_rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from quizapp.gui import quiz_setup


def test_keys_during_a_slow_start_start_nothing_more(qtbot, open_library_window, tmp_path,
                                                     monkeypatch):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_BANK.format(title="Small bank"), encoding="utf-8")
    win = open_library_window(folder)
    asked: list[str] = []

    def exec_accepted(dialog) -> QDialog.DialogCode:
        asked.append(dialog.windowTitle())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", exec_accepted)
    # The session's start is held on the writer thread until the test lets it go on.
    go_on = threading.Event()
    building = threading.Event()
    build = quiz_setup.build_session

    def slow_build(*args, **kwargs):
        building.set()
        go_on.wait(20)
        return build(*args, **kwargs)

    monkeypatch.setattr(quiz_setup, "build_session", slow_build)
    tree = win.library_screen.tree
    tree.setCurrentItem(library_rows(win)["Small bank"])
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tree.setFocus()
    try:
        qtbot.keyClick(tree, Qt.Key.Key_Q)  # start a quiz: the dialog, accepted
        qtbot.waitUntil(building.is_set, timeout=5000)
        assert len(asked) == 1
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        # The learner, seeing the library still, presses keys that start things.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Q, Qt.Key.Key_P, Qt.Key.Key_F):
            qtbot.keyClick(tree, key)
        assert len(asked) == 1, f"a second start was asked: {asked}"
        assert win.current_screen_name() == "library"
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: win.current_screen_name() == "quiz", timeout=10000)
    quiz = win.screen_named("quiz")
    assert quiz.session is not None and quiz.session.mode == "quiz"
    qtbot.waitUntil(lambda: not win.context.operations.busy, timeout=10000)
    assert win.context.store._read("SELECT count(*) FROM sessions") == [(1,)]
    # Once the quiz shows, nothing is held back: leaving it, a quiz starts again.
    monkeypatch.setattr(quiz_setup, "build_session", build)
    quiz.confirm_leave = lambda: True
    qtbot.keyClick(quiz.focusWidget() or quiz, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.current_screen_name() == "library", timeout=5000)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tree.setFocus()
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(tree, Qt.Key.Key_Q)
    assert len(asked) == 2 and win.current_screen_name() == "quiz"
