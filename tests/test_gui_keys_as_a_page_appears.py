"""Keys pressed just as a page replaces the question under the learner's fingers do not act
on it (gui/settling_page.py): the tester typed Space every 0.3 s as an exam's time ran out,
and the next Space pressed the results' focused Done, so the results were never seen; Enter
(hand in) then Esc 20 ms later skipped them too. For a moment Done is disabled and keys are
dropped; then Done has the focus and Enter presses it as before."""

from __future__ import annotations

from bank_samples import CAPITALS
from gui_helpers import open_flashcard_screen, timed_exam_started_by_key
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from quizapp.core.loader import load_bank


def _key_where_the_focus_is(qtbot, win, key) -> None:
    qtbot.keyClick(win.focusWidget() or win, key)


def test_keys_as_the_exam_time_runs_out_leave_the_results_on_screen(
        qtbot, open_library_window, tmp_path, monkeypatch):
    now = [1000.0]
    win = timed_exam_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch, now)
    now[0] += 61  # the time runs out as the learner types
    qtbot.waitUntil(lambda: win.current_screen_name() == "results", timeout=10000)
    results = win.screen_named("results")
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Space):
        _key_where_the_focus_is(qtbot, win, key)
        assert win.current_screen_name() == "results"
    assert not results.done_button.isEnabled()  # the moment shows

    qtbot.waitUntil(results.done_button.isEnabled, timeout=3000)
    assert win.focusWidget() is results.done_button
    with qtbot.waitSignal(win.screen_changed, timeout=3000):
        _key_where_the_focus_is(qtbot, win, Qt.Key.Key_Return)  # Enter presses Done
    assert win.current_screen_name() == "library"


def test_a_key_held_down_from_before_the_results_does_not_press_done(
        qtbot, open_library_window, tmp_path, monkeypatch):
    now = [1000.0]
    win = timed_exam_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch, now)
    now[0] += 61
    qtbot.waitUntil(lambda: win.current_screen_name() == "results", timeout=10000)
    results = win.screen_named("results")
    qtbot.keyPress(win.focusWidget() or win, Qt.Key.Key_Return)  # held down...
    qtbot.waitUntil(results.done_button.isEnabled, timeout=3000)
    done = results.done_button
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):  # ...its auto-repeat
        QApplication.sendEvent(done, QKeyEvent(kind, Qt.Key.Key_Return,
                                               Qt.KeyboardModifier.NoModifier, "\r", True))
    assert win.current_screen_name() == "results"
    qtbot.keyRelease(done, Qt.Key.Key_Return)  # let go: the next press is the learner's
    with qtbot.waitSignal(win.screen_changed, timeout=3000):
        qtbot.keyClick(done, Qt.Key.Key_Return)
    assert win.current_screen_name() == "library"


def test_keys_after_the_last_rating_leave_the_review_summary_on_screen(qtbot, context, tmp_path):
    path = tmp_path / "capitals.yaml"
    path.write_text(CAPITALS, encoding="utf-8")
    bank = load_bank(path, use_cache=False).bank
    assert bank is not None
    screen = open_flashcard_screen(qtbot, context)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(bank)
    finished = []
    screen.session_finished.connect(finished.append)
    while not screen.session.finished:
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        with qtbot.waitSignal(screen.card_rated, timeout=10000):
            qtbot.keyClick(screen.focusWidget() or screen, Qt.Key.Key_3)
    assert screen.pages.currentIndex() == 1  # the summary
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Escape):
        qtbot.keyClick(screen.focusWidget() or screen, key)
    assert finished == [] and screen.pages.currentIndex() == 1
    assert not screen.done_button.isEnabled()
    qtbot.waitUntil(screen.done_button.isEnabled, timeout=3000)
    assert screen.focusWidget() is screen.done_button
    with qtbot.waitSignal(screen.session_finished, timeout=3000):
        qtbot.keyClick(screen.done_button, Qt.Key.Key_Return)
