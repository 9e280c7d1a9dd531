"""An exam's score is the app's grading, never self-reported: flashcards (rated by the
learner) are left out of an exam, and the setup dialog and the exam's start say so."""

from __future__ import annotations

import pytest
from gui_helpers import make_screen
from PySide6.QtCore import Qt

from quizapp.core.session import QuizSession
from quizapp.core.session_base import self_rated
from quizapp.gui.quiz_setup import QuizSetupDialog


def test_an_exam_leaves_flashcards_out(store, learner, bank):  # noqa: F811
    flashcards = [q.id for q in bank.questions if self_rated(q)]
    assert flashcards  # the tour has one
    exam = QuizSession(store, learner.id, bank, mode="exam", shuffle=False)
    assert [q.id for q in exam.questions] == [
        q.id for q in bank.questions if q.id not in flashcards]
    assert exam.flashcards_left_out == len(flashcards)
    quiz = QuizSession(store, learner.id, bank, mode="quiz", shuffle=False)
    assert len(quiz.questions) == len(bank.questions) and quiz.flashcards_left_out == 0


def test_an_exam_of_flashcards_only_is_refused_with_a_reason(store, learner, bank):  # noqa: F811
    flashcards = [q.id for q in bank.questions if self_rated(q)]
    with pytest.raises(ValueError, match="flashcards"):
        QuizSession(store, learner.id, bank, mode="exam", question_ids=flashcards)


def test_the_exam_says_at_its_start_that_flashcards_are_left_out(
        qtbot, store, learner, bank):  # noqa: F811
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False)
    screen = make_screen(qtbot, session)
    assert screen.hint_label.isVisible()
    assert "1 flashcard is left out of this exam" in screen.hint_label.text()


def test_the_setup_dialog_counts_an_exam_without_its_flashcards(qtbot, bank):  # noqa: F811
    dialog = QuizSetupDialog(bank)
    qtbot.addWidget(dialog)
    dialog.show()
    total = len(bank.questions)
    assert dialog.available_label.text() == f"of {total}"
    dialog.mode_combo.setFocus()
    qtbot.keyClick(dialog.mode_combo, Qt.Key.Key_Down)  # Quiz -> Exam
    assert dialog.mode_combo.currentData() == "exam"
    assert dialog.available_label.text() == f"of {total - 1} (an exam leaves out 1 flashcard)"
    assert dialog.count_spin.maximum() == total - 1
