"""The exam's side panel stays in step with the question on screen: while a save is slow
arrow keys moved the list's highlight away from the question shown; after the last
unanswered question was saved it still said "Answer to question 1 saved"; zoomed, the
list scrolled the current question out of view. And the busy message said "Please try
again. Try again." """

from __future__ import annotations

from gui_helpers import answer, make_screen, press, submit_held
from PySide6.QtCore import Qt

from quizapp.core.session import QuizSession
from quizapp.core.store.errors import StoreError

THREE = ["validate-command", "no-raw-html", "study-loop"]


def test_arrow_keys_leave_the_highlight_on_the_question_shown_while_it_is_saved(
        qtbot, bank, store, learner, monkeypatch):
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=THREE)
    screen = make_screen(qtbot, session)
    panel = screen.exam_panel
    answer(qtbot, screen, True)
    release = submit_held(qtbot, screen, monkeypatch)
    panel.question_list.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_End):
        qtbot.keyClick(panel.question_list, key)
        assert panel.question_list.currentRow() == 0  # the question on screen
    with qtbot.waitSignal(screen.answer_submitted, timeout=10000):
        release.set()
    assert panel.question_list.currentRow() == 1  # the next one, now shown
    qtbot.keyClick(panel.question_list, Qt.Key.Key_Down)  # not busy: the highlight moves
    assert panel.question_list.currentRow() == 2


def test_the_last_answer_saved_is_the_one_the_panel_names(qtbot, bank, store, learner):
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False,
                          question_ids=THREE[:2])
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.exam_panel.saved_label.text().startswith("Answer to question 1 saved")
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)  # the last one: every question answered
    assert screen.exam_panel.saved_label.text().startswith("Answer to question 2 saved")


def test_the_busy_message_says_try_again_once(qtbot, bank, store, learner, monkeypatch):
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=THREE)
    screen = make_screen(qtbot, session)

    def busy(_response):  # what the store raises when another window holds the file
        error = StoreError("Another quizapp window kept the results file busy for too long. "
                           "Please try again.")
        error.can_retry = True
        raise error

    monkeypatch.setattr(session, "submit", busy)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    hint = screen.hint_label.text()
    assert "could not be saved" in hint and hint.lower().count("try again") == 1
