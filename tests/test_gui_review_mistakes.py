"""Review my mistakes, from the main window: the finished quiz's wrong answers come back in
one review session, and nothing else is started."""

from __future__ import annotations

from gui_helpers import answer, press, quiz_started_by_key
from PySide6.QtCore import Qt


def test_review_my_mistakes_starts_one_review_of_the_wrong_answers(
        qtbot, open_library_window, tmp_path, monkeypatch):
    win = quiz_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch)
    quiz = win.screen_named("quiz")
    session = quiz.session
    while win.current_screen_name() == "quiz":
        answer(qtbot, quiz, False)
        press(qtbot, quiz, Qt.Key.Key_Return)  # submit: wrong
        press(qtbot, quiz, Qt.Key.Key_Return)  # on (the last one ends the quiz)
    qtbot.waitUntil(lambda: win.current_screen_name() == "results", timeout=10000)
    assert sorted(session.mistakes) == ["card", "grass", "sky"]
    store = win.context.store
    results = win.screen_named("results")
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.mouseClick(results.mistakes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: quiz.session is not None and quiz.session is not session,
                    timeout=10000)
    review = quiz.session
    assert win.current_screen_name() == "quiz" and review.mode == "review"
    assert sorted(q.id for q in review.questions) == ["card", "grass", "sky"]
    started = []
    for session_id in range(session.session_id + 1, session.session_id + 10):
        info = store.session(session_id)
        if info is not None:
            started.append(info)
    # One session: the review, under way (a practice started behind it, and the review
    # abandoned at once, was the bug).
    assert [(s.id, s.mode, s.finished) for s in started] == [(review.session_id, "review", None)]
