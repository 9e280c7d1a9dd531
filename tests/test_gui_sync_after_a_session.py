"""A finished quiz or exam starts a class sync, so the status bar tells the truth on the
results page. A tester took a whole quiz while the class server was down: the status bar
said "Class server: synced" throughout, results page included, and changed only back at
the library, where the sync started."""

from __future__ import annotations

import pytest
from gui_helpers import answer, press, quiz_started_by_key, timed_exam_started_by_key
from PySide6.QtCore import Qt

pytest.importorskip("psycopg")

from quizapp.gui.class_sync import ClassSync  # noqa: E402
from quizapp.server import sync  # noqa: E402
from tests.server_helpers import make_school  # noqa: E402


def _signed_in_then_server_away(qtbot, win, pg_server, pg_database) -> None:
    """Ana signs in to the class server and syncs; then the server cannot be reached."""
    school = make_school(pg_server, pg_database)
    ana = school.add("Ana")
    store = win.context.store
    learner_id = win.context.learner_id
    sync.sign_in(store, ana.url, "Ana", ana.password)
    win.attach_class_sync(ClassSync(store, win))
    qtbot.waitUntil(lambda: win.sync_label.text() == "Class server: synced", timeout=20000)
    qtbot.waitUntil(lambda: not win.class_sync.running, timeout=20000)
    key = f"server.url.{learner_id}"
    store.set_setting(key, store.get_setting(key).replace(str(pg_server.port), "1"))


def test_a_finished_quiz_syncs_and_the_results_page_says_offline(
        qtbot, open_library_window, tmp_path, monkeypatch, pg_server, pg_database):
    win = quiz_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch)
    _signed_in_then_server_away(qtbot, win, pg_server, pg_database)
    quiz = win.screen_named("quiz")
    while win.current_screen_name() == "quiz":
        answer(qtbot, quiz, True)
        if win.current_screen_name() == "quiz":
            press(qtbot, quiz, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.current_screen_name() == "results", timeout=10000)
    qtbot.waitUntil(lambda: "offline since" in win.sync_label.text(), timeout=20000)
    assert win.current_screen_name() == "results"  # still there: not the library's sync


def test_an_exam_handed_in_by_the_clock_syncs(
        qtbot, open_library_window, tmp_path, monkeypatch, pg_server, pg_database):
    now = [1000.0]  # the exam's clock, moved on by the test
    win = timed_exam_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch, now)
    _signed_in_then_server_away(qtbot, win, pg_server, pg_database)
    quiz = win.screen_named("quiz")
    answer(qtbot, quiz, True)
    press(qtbot, quiz, Qt.Key.Key_Return)
    now[0] += 61  # the time runs out: the screen's clock hands the exam in
    qtbot.waitUntil(lambda: win.current_screen_name() == "results", timeout=10000)
    qtbot.waitUntil(lambda: "offline since" in win.sync_label.text(), timeout=20000)
    assert win.current_screen_name() == "results"
