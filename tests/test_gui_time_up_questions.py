"""A Leave or Hand in question open when a timed exam's time runs out is closed ("no"): the
exam is handed in by its clock and its results show, not a question whose text no longer
holds ("Leave this exam? ... nothing is recorded"), and nothing is recorded twice. (A
keys-only tester found both left on top of the results.)"""

from __future__ import annotations

import pytest
from gui_helpers import answer, make_screen, press, recorded
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from quizapp.core.session import QuizSession

THREE = ["validate-command", "no-raw-html", "study-loop"]


def _run_out_the_time_once_asked(qtbot, screen, now: list[float], seen: list, left_open: list):
    """Once a question shows over the screen: note its text, let the exam's time run out
    and wait for the screen's clock to hand the exam in. A question still open then is
    noted in `left_open` and closed here, so that the test fails instead of hanging."""

    def when_asked():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, when_asked)
            return
        assert isinstance(box, QMessageBox)
        seen.append((box.objectName(), box.text(), box.informativeText()))
        now[0] += 61
        try:
            qtbot.waitUntil(lambda: screen.session is None, timeout=5000)  # its clock ended it
            qtbot.waitUntil(lambda: not box.isVisible(), timeout=1000)
        finally:
            if box.isVisible():
                left_open.append(box.text())
                box.reject()

    QTimer.singleShot(50, when_asked)


def _timed_exam(store, learner, bank, now) -> QuizSession:
    return QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=THREE,
                       time_limit=60, clock=lambda: now[0])


def test_leave_asked_when_the_time_runs_out_closes_and_the_exam_is_handed_in(
        qtbot, bank, store, learner):
    now = [1000.0]
    session = _timed_exam(store, learner, bank, now)
    screen = make_screen(qtbot, session)
    finished = []
    screen.session_finished.connect(finished.append)
    left = []
    screen.session_left.connect(lambda: left.append(True))
    answer(qtbot, screen, True)  # "1": picked, not submitted
    seen: list = []
    left_open: list = []
    _run_out_the_time_once_asked(qtbot, screen, now, seen, left_open)
    qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_Escape)  # "Leave this exam?"
    assert [(name, text) for name, text, _ in seen] == [
        ("leave_confirmation", "Leave this exam?")]
    assert left_open == []  # the question closed itself when the time ran out
    assert QApplication.activeModalWidget() is None
    assert finished == [session] and left == []  # handed in by the clock, not left
    assert session.outcome == "timed_out"
    # the answer picked on screen was collected once, as at any time up
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.correct) for r in rows] == [("validate-command", True)]
    info = store.session(session.session_id)
    assert info.outcome == "timed_out" and info.score == pytest.approx(1 / 3)


@pytest.mark.parametrize("on_screen", [False, True])
def test_hand_in_asked_when_the_time_runs_out_closes(qtbot, bank, store, learner, on_screen):
    now = [1000.0]
    session = _timed_exam(store, learner, bank, now)
    screen = make_screen(qtbot, session)
    finished = []
    screen.session_finished.connect(finished.append)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)  # saved; on to question 2
    if on_screen:
        answer(qtbot, screen, True)  # picked, not submitted: Hand in collects it first
    seen: list = []
    left_open: list = []
    _run_out_the_time_once_asked(qtbot, screen, now, seen, left_open)
    qtbot.mouseClick(screen.exam_panel.hand_in_button, Qt.MouseButton.LeftButton)
    # (an answer on screen is recorded first, on the writer thread; then it asks)
    qtbot.waitUntil(lambda: bool(seen) and screen.session is None, timeout=10000)
    unanswered = 1 if on_screen else 2
    assert [(name, text) for name, text, _ in seen] == [
        ("hand_in_confirmation", f"{unanswered} question{'s are' if unanswered > 1 else ' is'}"
         " not answered. Hand in anyway?")]
    assert left_open == []
    assert QApplication.activeModalWidget() is None
    assert finished == [session] and session.outcome == "timed_out"
    answered = ["validate-command", "no-raw-html"] if on_screen else ["validate-command"]
    assert [r.question_id for r in recorded(store, learner.id)] == answered  # each once
    info = store.session(session.session_id)
    assert info.outcome == "timed_out"
    assert info.score == pytest.approx(session.score) == pytest.approx(len(answered) / 3)
