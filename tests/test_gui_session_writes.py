"""How a session ends, through the real screens: each write (the clock's time-up, a hand-in,
leaving a quiz or a flashcard review, Review my mistakes) runs on the writer thread, never on
the GUI thread, and is announced as the learner's session change, not as "everything"; the
results show once the finish is committed, and an exam is scored once."""

from __future__ import annotations

import threading

import pytest
from bank_samples import CAPITALS
from gui_helpers import answer, make_screen, press, quiz_started_by_key, written
from gui_helpers import open_flashcard_screen as open_flashcards
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from quizapp.core.loader import load_bank
from quizapp.core.session import QuizSession
from quizapp.gui.changes import Changes

SESSION_WRITES = ("start_session", "note_questions", "finish_session", "abandon_session",
                  "record_answer", "retract_answer")


class Watched:
    """The store's session writes, each with whether it ran on the GUI thread, and the
    changes the window announced meanwhile."""

    def __init__(self, monkeypatch, context):
        self.writes: list[tuple[str, bool]] = []
        self.announced: list[Changes] = []
        store = context.store
        for name in SESSION_WRITES:
            monkeypatch.setattr(store, name, self._recording(name, getattr(store, name)))
        context.events.store_changed.connect(self.announced.append)

    def _recording(self, name, write):
        def recorded(*args, **kwargs):
            self.writes.append((name, threading.current_thread() is threading.main_thread()))
            return write(*args, **kwargs)

        return recorded

    def on_gui_thread(self) -> list[str]:
        return [name for name, on_gui in self.writes if on_gui]

    def named(self, name: str) -> int:
        return sum(1 for written_name, _ in self.writes if written_name == name)


def _click_leave_when_asked(qtbot):
    def leave():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, leave)
            return
        qtbot.mouseClick(box.findChild(QPushButton, "leave"), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, leave)


def _timed(store, learner, bank, mode, now, ids=("validate-command", "no-raw-html")):
    return QuizSession(store, learner.id, bank, mode=mode, shuffle=False, question_ids=list(ids),
                       time_limit=60, clock=lambda: now[0])


@pytest.mark.parametrize("mode", ["quiz", "exam"])
def test_the_time_running_out_closes_the_session_on_the_writer_thread(
        qtbot, bank, store, learner, monkeypatch, mode):
    now = [1000.0]
    session = _timed(store, learner, bank, mode, now)
    screen = make_screen(qtbot, session)
    watched = Watched(monkeypatch, screen.context)
    now[0] += 61
    # Reading the session on the GUI thread after the deadline writes nothing.
    assert session.state == "asking" and session.time_left == 0 and not session.finished
    assert watched.writes == [] and store.session(session.session_id).finished is None
    finished = []
    screen.session_finished.connect(lambda s: finished.append(
        store.session(s.session_id).outcome))  # committed when the results are asked for
    with qtbot.waitSignal(screen.session_finished, timeout=10000):
        pass  # the screen's clock notices
    assert finished == ["timed_out"]
    assert watched.writes == [("finish_session", False)]
    assert watched.announced == [Changes.session(learner.id, bank.id)]


def test_a_finish_after_a_collect_that_failed_is_on_the_writer_thread(
        qtbot, bank, store, learner, monkeypatch):
    from quizapp.core.store import DISK_FULL_MESSAGE, DiskFullError

    now = [1000.0]
    session = _timed(store, learner, bank, "exam", now)
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, True)  # picked, not submitted
    watched = Watched(monkeypatch, screen.context)
    recording = store.record_answer

    def disk_full(*args, **kwargs):
        recording(*args, **kwargs)  # noted by Watched...
        raise DiskFullError(DISK_FULL_MESSAGE)  # ...then refused, as a full disk does

    monkeypatch.setattr(store, "record_answer", disk_full)
    now[0] += 61
    with qtbot.waitSignal(screen.session_finished, timeout=10000):
        pass
    assert session.outcome == "timed_out"
    assert watched.on_gui_thread() == []
    assert watched.named("finish_session") == 1
    assert store.session(session.session_id).outcome == "timed_out"
    assert Changes.everything() not in watched.announced


def test_hand_in_is_written_on_the_writer_thread_before_the_results(
        qtbot, bank, store, learner, monkeypatch):
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False,
                          question_ids=["validate-command", "no-raw-html"])
    screen = make_screen(qtbot, session)
    for right in (True, False):
        answer(qtbot, screen, right)
        press(qtbot, screen, Qt.Key.Key_Return)
    watched = Watched(monkeypatch, screen.context)
    outcomes = []
    screen.session_finished.connect(
        lambda s: outcomes.append(store.session(s.session_id).outcome))
    with qtbot.waitSignal(screen.session_finished, timeout=10000):  # every one answered:
        qtbot.mouseClick(screen.exam_panel.hand_in_button, Qt.MouseButton.LeftButton)  # no ask
    assert outcomes == ["finished"]
    assert watched.writes == [("finish_session", False)]
    assert watched.announced == [Changes.session(learner.id, bank.id)]
    assert store.session(session.session_id).score == pytest.approx(0.5)


def test_hand_in_after_the_time_ran_out_is_scored_once_as_timed_out(
        qtbot, bank, store, learner, monkeypatch):
    now = [1000.0]
    session = _timed(store, learner, bank, "exam", now)
    screen = make_screen(qtbot, session)
    for right in (True, True):
        answer(qtbot, screen, right)
        press(qtbot, screen, Qt.Key.Key_Return)
    watched = Watched(monkeypatch, screen.context)
    screen.clock.stop()  # the time runs out between two ticks of the clock...
    now[0] += 61
    with qtbot.waitSignal(screen.session_finished, timeout=10000):
        qtbot.mouseClick(screen.exam_panel.hand_in_button, Qt.MouseButton.LeftButton)
    written(qtbot, screen.context)
    assert session.outcome == "timed_out" and session.score == 1.0
    assert watched.writes == [("finish_session", False)]  # ...and it is scored once
    assert store.session(session.session_id).outcome == "timed_out"


def test_going_back_in_an_exam_after_the_deadline_ends_it_on_the_writer_thread(
        qtbot, bank, store, learner, monkeypatch):
    now = [1000.0]
    session = _timed(store, learner, bank, "exam", now)
    screen = make_screen(qtbot, session)
    watched = Watched(monkeypatch, screen.context)
    screen.clock.stop()  # before the clock's tick: the learner picks question 2
    now[0] += 61
    listing = screen.exam_panel.question_list
    with qtbot.waitSignal(screen.session_finished, timeout=10000):
        qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton,
                         pos=listing.visualItemRect(listing.item(1)).center())
    assert session.outcome == "timed_out"
    assert watched.writes == [("finish_session", False)]


def test_leaving_a_quiz_closes_it_on_the_writer_thread(qtbot, bank, store, learner, monkeypatch):
    session = QuizSession(store, learner.id, bank, shuffle=False, count=3)
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    watched = Watched(monkeypatch, screen.context)
    _click_leave_when_asked(qtbot)
    with qtbot.waitSignal(screen.session_left, timeout=10000):
        qtbot.mouseClick(screen.leave_button, Qt.MouseButton.LeftButton)
    written(qtbot, screen.context)
    assert store.session(session.session_id).outcome == "abandoned"
    assert watched.writes == [("abandon_session", False)]
    assert watched.announced == [Changes.session(learner.id, bank.id)]


def test_leaving_a_flashcard_review_closes_it_on_the_writer_thread(
        qtbot, context, tmp_path, monkeypatch):
    path = tmp_path / "capitals.yaml"
    path.write_text(CAPITALS, encoding="utf-8")
    bank = load_bank(path, use_cache=False).bank
    screen = open_flashcards(qtbot, context)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(bank)
    session = screen.session
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    with qtbot.waitSignal(screen.card_rated, timeout=10000):
        qtbot.keyClick(screen, Qt.Key.Key_3)
    watched = Watched(monkeypatch, context)
    _click_leave_when_asked(qtbot)
    with qtbot.waitSignal(screen.session_left, timeout=10000):
        qtbot.keyClick(screen, Qt.Key.Key_Escape)
    written(qtbot, context)
    assert context.store.session(session.session_id).outcome == "abandoned"
    assert watched.writes == [("abandon_session", False)]
    assert watched.announced == [Changes.session(context.learner_id, bank.id)]


def test_review_my_mistakes_starts_on_the_writer_thread(
        qtbot, open_library_window, tmp_path, monkeypatch):
    win = quiz_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch)
    quiz = win.screen_named("quiz")
    while win.current_screen_name() == "quiz":
        answer(qtbot, quiz, False)
        press(qtbot, quiz, Qt.Key.Key_Return)
        press(qtbot, quiz, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.current_screen_name() == "results", timeout=10000)
    written(qtbot, win.context)
    watched = Watched(monkeypatch, win.context)
    results = win.screen_named("results")
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.mouseClick(results.mistakes_button, Qt.MouseButton.LeftButton)
    assert win.current_screen_name() == "quiz" and quiz.session.mode == "review"
    assert watched.writes == [("start_session", False), ("note_questions", False)]
    assert watched.announced == [Changes.session(win.context.learner_id, quiz.session.bank.id)]
