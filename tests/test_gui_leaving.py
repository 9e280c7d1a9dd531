"""Leaving counts as leaving, not finishing: through the real window, a practice left
halfway keeps its answer but shows no Best or Last; a quiz finished after a left one keeps
its own score; Esc after the last answer shows the results."""

from __future__ import annotations

import pytest
from gui_helpers import answer, written
from helpers import counted, library_rows
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton

from quizapp.gui import quiz_setup
from quizapp.gui.library_rows import BEST, LAST


@pytest.fixture
def win(small_bank_window):
    return small_bank_window


def _focus_library(qtbot, win):
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["Small bank"])
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    screen.tree.setFocus()
    return screen


def _answer(qtbot, quiz, right: bool):
    """Answer the question on screen with its keys, then submit with Enter."""
    answer(qtbot, quiz, right)
    with qtbot.waitSignal(quiz.answer_submitted):  # committed, then the feedback shows
        qtbot.keyClick(quiz.focusWidget() or quiz, Qt.Key.Key_Return)


def _leave_with(qtbot, quiz, button: str) -> list[tuple]:
    """Press Esc and answer the real dialog with its `button` ("leave" or "stay")."""
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.informativeText(), box.icon()))
        qtbot.mouseClick(box.findChild(QPushButton, button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)
    qtbot.keyClick(quiz.focusWidget() or quiz, Qt.Key.Key_Escape)
    written(qtbot, quiz.context)  # a session left is closed on the writer thread
    return seen


def test_practice_left_halfway_is_not_an_attempt(qtbot, win, monkeypatch):
    store, learner = win.context.store, win.context.learner_id
    # P asks how many questions first (the setup dialog, accepted as it opens).
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    screen = _focus_library(qtbot, win)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):  # built on the writer thread
        qtbot.keyClick(screen.tree, Qt.Key.Key_P)
    quiz = win.screen_named("quiz")
    assert quiz.session.mode == "practice"
    session = quiz.session
    _answer(qtbot, quiz, right=True)
    seen = _leave_with(qtbot, quiz, "stay")
    assert quiz.session is session and win.current_screen_name() == "quiz"
    seen += _leave_with(qtbot, quiz, "leave")
    assert seen[0] == seen[1]
    question, detail, icon = seen[0]
    assert question == "Leave this practice?" and icon == QMessageBox.Icon.Question
    assert "Your answer is saved" in detail and "this practice is not scored" in detail
    assert win.current_screen_name() == "library"
    # Nothing on the library says 0% or 33%: no attempt was made.
    counted(qtbot, win)  # the library counts on the reader thread
    row = library_rows(win)["Small bank"]
    assert (row.text(BEST), row.text(LAST)) == ("–", "–")
    summary = store.bank_summary(learner, win.context.library.bank("small"))
    assert (summary.attempts, summary.answers, summary.correct) == (0, 1, 1)
    assert store.session(session.session_id).outcome == "abandoned"


def test_a_quiz_left_before_any_answer_leaves_the_last_score_alone(qtbot, win, monkeypatch):
    from quizapp.core.session import QuizSession

    context = win.context
    bank = context.library.bank("small")
    done = QuizSession(context.store, context.learner_id, bank, shuffle=False,
                       question_ids=["sky", "grass"])
    for ok in (True, True):  # sky right, grass wrong: 50%
        done.submit(ok)
        done.advance()
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    screen = _focus_library(qtbot, win)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):  # built on the writer thread
        qtbot.keyClick(screen.tree, Qt.Key.Key_Q)
    quiz = win.screen_named("quiz")
    left = quiz.session
    (seen,) = _leave_with(qtbot, quiz, "leave")
    assert seen[:2] == (
        "Leave this quiz?",
        "You have not answered any question yet: nothing is recorded, and this quiz does not "
        "count as an attempt.",
    )
    assert win.current_screen_name() == "library"
    counted(qtbot, win)  # the library counts on the reader thread
    row = library_rows(win)["Small bank"]
    assert (row.text(BEST), row.text(LAST)) == ("50%", "50%")  # not "Last 0%"
    assert context.store.session(left.session_id).outcome == "abandoned"
    assert [p.score for p in context.store.score_over_time(context.learner_id, bank)] == [0.5]


@pytest.mark.parametrize("button, finished", [("stay", False), ("leave", True)])
def test_esc_after_the_last_answer_finishes_with_results(qtbot, win, button, finished):
    from quizapp.core.session import QuizSession

    context = win.context
    bank = context.library.bank("small")
    session = QuizSession(context.store, context.learner_id, bank, shuffle=False,
                          question_ids=["sky"])
    win._run_quiz(session)
    quiz = win.screen_named("quiz")
    _answer(qtbot, quiz, right=True)
    (seen,) = _leave_with(qtbot, quiz, button)
    qtbot.waitUntil(lambda: not quiz.busy, timeout=10000)  # leaving writes the score
    assert seen[1] == (
        "You have answered every question: leaving now finishes this quiz and records its score."
    )
    assert (win.current_screen_name() == "results") is finished
    info = context.store.session(session.session_id)
    assert (info.outcome, info.score) == (("finished", 1.0) if finished else (None, None))


def test_leaving_a_review_of_mistakes_says_it_is_never_an_attempt(qtbot, win):
    # A tester read "Left unfinished, this review of your mistakes is not scored: it adds no
    # attempt", as if a finished one would add one: a review is never an attempt.
    from quizapp.core.session import QuizSession

    context = win.context
    bank = context.library.bank("small")
    session = QuizSession(context.store, context.learner_id, bank, mode="review",
                          shuffle=False, question_ids=["sky"])
    win._run_quiz(session)
    quiz = win.screen_named("quiz")
    _answer(qtbot, quiz, right=True)
    (seen,) = _leave_with(qtbot, quiz, "stay")
    assert seen[:2] == (
        "Leave this review of your mistakes?",
        "You have answered every question: leaving now finishes this review of your "
        "mistakes. A review of your mistakes is never an attempt: your best and last scores "
        "stay as they are.",
    )
