"""The start after an app was killed mid-session (kill -9) closes what it left open and
says so once, in the library and the status bar; a session open in another live window
is left alone and nothing is said."""

from __future__ import annotations

import os
import signal
import time
from datetime import UTC, datetime, timedelta

import pytest
from bank_samples import AUTO_TALKS as BANK
from bank_samples import CAPITALS
from helpers import read_lines
from PySide6.QtCore import Qt

from quizapp.core.loader import load_bank_text
from quizapp.core.session import FlashcardSession, QuizSession
from quizapp.core.store import Store
from quizapp.gui.interrupted import start_closing_interrupted


def _learner_app(folder, fd) -> None:
    store = Store.open(folder)
    learner = store.create_learner("Mara")
    store.set_last_learner(learner.id)
    exam = QuizSession(store, learner.id, BANK, mode="exam", shuffle=False,
                       question_ids=["mc", "tf", "sa"])
    exam.submit(1)
    exam.advance()
    exam.submit(True)
    os.write(fd, f"{exam.session_id}\n".encode())
    time.sleep(120)  # killed long before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX fork and SIGKILL")
def test_the_next_start_says_the_exam_was_interrupted(qtbot, open_main_window, tmp_path):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            _learner_app(tmp_path / "data", write)
        finally:
            os._exit(1)
    os.close(write)
    buffer, lines = bytearray(), []
    while not lines:
        lines = read_lines(read, buffer, 30)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(read)
    exam_id = int(lines[0])

    win = open_main_window()
    assert win.context.store.session(exam_id).finished is None
    start_closing_interrupted(win.context, win)  # as the app does once its window is painted
    note = win.library_screen.session_note
    qtbot.waitUntil(note.isVisible, timeout=10_000)
    started = win.context.store.session(exam_id).started.astimezone().strftime("%H:%M")
    assert note.text() == (f"Your exam of {started} was interrupted: 2 answers kept,"
                           " not scored.")
    assert win.statusBar().currentMessage() == note.text()
    assert win.context.store.session(exam_id).outcome == "abandoned"


def test_a_session_under_way_in_another_window_is_left_open(qtbot, open_main_window):
    first = open_main_window()
    store = first.context.store
    learner = store.create_learner("Mara")
    # Begun minutes ago in the first window and still under way there: old enough that
    # only the first window's live journal tells it from a dead app's.
    session_id = store.start_session(learner.id, BANK, "quiz",
                                     now=datetime.now(UTC) - timedelta(minutes=5))
    second = open_main_window()  # a second quizapp on the same results file
    with qtbot.waitSignal(second.context.operations.changes_announced, timeout=10_000):
        start_closing_interrupted(second.context, second)  # the sweep has run and found none
    assert not second.library_screen.session_note.isVisible()
    assert "interrupted" not in second.statusBar().currentMessage()
    assert store.session(session_id).finished is None
    # Left open because the first window's journal is live (locked), not for want of one:
    # closed without leaving it, that window leaves its journal to the next start.
    first.context.store.close()
    assert [c.session_id for c in second.context.store.close_interrupted_sessions()] == [
        session_id
    ]


def test_a_session_left_with_nothing_in_it_is_closed_without_a_word(qtbot, open_main_window,
                                                                     tmp_path):
    # A review opened and no card rated, then the app stopped: "0 ratings kept" would tell
    # the learner nothing.
    with Store.open(tmp_path / "data") as stopped_app:
        learner = stopped_app.create_learner("Mara")
        stopped_app.set_last_learner(learner.id)
        session_id = stopped_app.start_session(learner.id, BANK, "flashcards")
    win = open_main_window()
    with qtbot.waitSignal(win.context.operations.changes_announced, timeout=10_000):
        start_closing_interrupted(win.context, win)  # closed it: the library recounts
    assert win.context.store.session(session_id).outcome == "abandoned"
    assert not win.library_screen.session_note.isVisible()
    assert "interrupted" not in win.statusBar().currentMessage()


def _choose_learner(qtbot, win, name: str) -> None:
    """Ctrl+Shift+L, then Enter on the learner's name, as a learner switches."""
    win.switch_learner_action.trigger()
    screen = win.learner_screen
    names = [screen.list.item(i).text() for i in range(screen.list.count())]
    screen.list.setCurrentRow(names.index(name))
    qtbot.keyClick(screen.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.current_screen_name() == "library", timeout=10_000)


def _bens_review_stopped(folder, *, last: str) -> tuple[int, int, int]:
    """Ben's flashcard review with 3 ratings, left open by an app that stopped; `last`
    is the learner the next start opens with. (Ben's id, Zoë's id, the review's id.)"""
    with Store.open(folder) as stopped_app:
        ben = stopped_app.create_learner("Ben").id
        zoe = stopped_app.create_learner("Zoë").id
        capitals = load_bank_text(CAPITALS).bank
        assert capitals is not None
        review = FlashcardSession(stopped_app, ben, capitals)
        for rating in (1, 3, 3):  # the card rated Again comes back: the review is open
            review.flip()
            review.rate(rating)
        assert not review.finished
        stopped_app.set_last_learner(ben if last == "Ben" else zoe)
        return ben, zoe, review.session_id


def test_a_learner_reads_only_their_own_interrupted_session_once(qtbot, open_main_window,
                                                                 tmp_path):
    ben, zoe, review_id = _bens_review_stopped(tmp_path / "data", last="Ben")
    win = open_main_window()
    note = win.library_screen.session_note
    start_closing_interrupted(win.context, win)
    qtbot.waitUntil(note.isVisible, timeout=10_000)
    assert note.text().startswith("Your flashcard review of ")
    assert note.text().endswith("was interrupted: 3 ratings kept.")
    _choose_learner(qtbot, win, "Zoë")  # Zoë sees nothing of Ben's review
    assert win.context.learner_id == zoe
    assert not note.isVisible() and note.text() == ""
    _choose_learner(qtbot, win, "Ben")  # and Ben has read it already
    assert not note.isVisible()
    assert win.context.store.session(review_id).outcome == "abandoned"


def test_another_learners_note_waits_for_them(qtbot, open_main_window, tmp_path):
    ben, zoe, _review_id = _bens_review_stopped(tmp_path / "data", last="Zoë")
    win = open_main_window()
    assert win.context.learner_id == zoe
    with qtbot.waitSignal(win.context.operations.changes_announced, timeout=10_000):
        start_closing_interrupted(win.context, win)
    note = win.library_screen.session_note
    assert not note.isVisible()
    assert "interrupted" not in win.statusBar().currentMessage()
    _choose_learner(qtbot, win, "Ben")
    assert note.isVisible() and note.text().startswith("Your flashcard review of ")
    win.show_progress()  # leaving the library: read
    win.show_library()
    assert not note.isVisible()


def test_a_quiz_killed_after_its_last_answer_is_said_to_be_finished(qtbot, open_main_window,
                                                                    tmp_path):
    with Store.open(tmp_path / "data") as stopped_app:
        learner = stopped_app.create_learner("Ben")
        stopped_app.set_last_learner(learner.id)
        quiz = QuizSession(stopped_app, learner.id, BANK, mode="quiz", shuffle=False,
                           question_ids=["mc", "tf", "card"])
        quiz.submit(1)
        quiz.advance()
        quiz.submit(False)  # wrong
        quiz.advance()
        quiz.submit(4)  # the flashcard rated Easy, the last question: no results page yet
    win = open_main_window()
    note = win.library_screen.session_note
    start_closing_interrupted(win.context, win)
    qtbot.waitUntil(note.isVisible, timeout=10_000)
    started = win.context.store.session(quiz.session_id).started.astimezone().strftime("%H:%M")
    assert note.text() == (f"Your quiz of {started} was interrupted after its last answer:"
                           " it is finished, 67% (3 answers kept).")
    assert win.context.store.session(quiz.session_id).score == pytest.approx(2 / 3)
    summary = win.context.store.bank_summary(learner.id, BANK)
    assert summary.attempts == 1 and summary.best_score == pytest.approx(2 / 3)
