"""Sessions left open by an app killed mid-session (kill -9) are closed at the next start:
a timed exam whose time ran out meanwhile is scored and closed as timed out, at the moment
its time ran out; any other is closed as abandoned, its answers kept. A session open in
another live window of the same results file is left alone."""

from __future__ import annotations

import os
import signal
import time
from datetime import UTC, datetime, timedelta

import pytest
from bank_samples import AUTO_TALKS as BANK
from helpers import read_lines

from quizapp.core.session import QuizSession
from quizapp.core.store import Store
from quizapp.core.store.open_sessions import FOLDER

LIMIT = 600  # seconds: the exam's time limit


def _learner_app(folder, fd) -> None:
    """The child: a timed exam with two of its three questions answered (one right) and a
    quiz with one answer, both open when it is killed."""
    store = Store.open(folder)
    learner = store.create_learner("Mara")
    exam = QuizSession(store, learner.id, BANK, mode="exam", shuffle=False,
                       question_ids=["mc", "tf", "sa"], time_limit=LIMIT)
    exam.submit(1)  # mc: right (1 point)
    exam.advance()
    exam.submit(False)  # tf: wrong (1 point); sa (2 points) not answered
    quiz = QuizSession(store, learner.id, BANK, mode="quiz", shuffle=False,
                       question_ids=["mc", "tf"])
    quiz.submit(1)
    os.write(fd, f"{exam.session_id} {quiz.session_id}\n".encode())
    time.sleep(120)  # killed long before


def _killed_mid_session(folder) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        os.close(read)
        try:
            _learner_app(folder, write)
        finally:
            os._exit(1)
    os.close(write)
    buffer = bytearray()
    lines: list[str] = []
    started = time.monotonic()
    while not lines:
        lines = read_lines(read, buffer, 5)
        assert time.monotonic() - started < 60, "the child did not start"
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    os.close(read)
    exam_id, quiz_id = (int(x) for x in lines[0].split())
    return exam_id, quiz_id


needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX fork and SIGKILL")


@needs_fork
def test_a_timed_exam_whose_time_ran_out_while_the_app_was_dead_is_scored(tmp_path):
    killed_at = datetime.now(UTC)
    exam_id, quiz_id = _killed_mid_session(tmp_path)
    with Store.open(tmp_path) as store:
        assert store.session(exam_id).finished is None  # open, with no outcome
        later = killed_at + timedelta(seconds=LIMIT + 60)
        closed = {c.session_id: c for c in store.close_interrupted_sessions(later)}
        assert set(closed) == {exam_id, quiz_id}
        exam = store.session(exam_id)
        assert exam.outcome == "timed_out" and closed[exam_id].outcome == "timed_out"
        assert exam.score == pytest.approx(0.25) == closed[exam_id].score  # 1 of 4 points
        # closed when its clock would have closed it, not now
        assert killed_at < exam.finished <= killed_at + timedelta(seconds=LIMIT + 5)
        quiz = store.session(quiz_id)
        assert quiz.outcome == "abandoned" and quiz.score is None
        assert closed[quiz_id].answers == 1 and closed[exam_id].answers == 2
        summary = store.bank_summary(closed[exam_id].learner_id, BANK)
        assert summary.attempts == 1 and summary.last_score == pytest.approx(0.25)
        assert store.close_interrupted_sessions(later) == []  # said once
        assert not (tmp_path / FOLDER).exists()  # the dead journal is gone


@needs_fork
def test_an_exam_killed_before_its_time_ran_out_is_abandoned_with_its_answers(tmp_path):
    exam_id, _quiz_id = _killed_mid_session(tmp_path)
    with Store.open(tmp_path) as store:
        closed = {c.session_id: c for c in store.close_interrupted_sessions()}
        assert closed[exam_id].outcome == "abandoned" and closed[exam_id].answers == 2
        exam = store.session(exam_id)
        assert exam.outcome == "abandoned" and exam.score is None
        rows = [r for r in store.export_rows(closed[exam_id].learner_id)
                if r.session_id == exam_id]
        assert len(rows) == 2  # the answers stay


def test_a_session_open_in_another_live_window_is_left_alone(tmp_path):
    with Store.open(tmp_path) as here:
        learner = here.create_learner("Mara").id
        other = Store.open(tmp_path)  # another window on the same results file
        try:
            live = QuizSession(other, learner, BANK, mode="exam", shuffle=False,
                               question_ids=["mc", "tf"], time_limit=60)
            live.submit(1)
            much_later = datetime.now(UTC) + timedelta(hours=2)  # its time is long up
            assert here.close_interrupted_sessions(much_later) == []
            assert here.session(live.session_id).finished is None
            live.advance()
            live.submit(True)
            live.advance()
            assert live.finished and here.session(live.session_id).outcome == "finished"
        finally:
            other.close()
        assert not (tmp_path / FOLDER).exists()  # its sessions all closed: no journal left


def test_a_store_closed_with_a_timed_exam_open_leaves_it_to_the_next_start(tmp_path):
    # The app stopped by the system (logout, SIGTERM): the window never left the exam, the
    # Store closes. Its journal stays, so the next start scores the exam at its deadline.
    with Store.open(tmp_path) as here:
        learner = here.create_learner("Mara").id
        began = datetime.now(UTC)
        with Store.open(tmp_path) as stopped_app:
            exam = QuizSession(stopped_app, learner, BANK, mode="exam", shuffle=False,
                               question_ids=["mc", "tf"], time_limit=60)
            exam.submit(1)  # mc right: 1 of 2 points
        assert here.session(exam.session_id).finished is None
        (closed,) = here.close_interrupted_sessions(began + timedelta(minutes=5))
        assert (closed.session_id, closed.outcome) == (exam.session_id, "timed_out")
        assert closed.score == pytest.approx(0.5) == here.session(exam.session_id).score
        assert not (tmp_path / FOLDER).exists()


def test_a_session_in_no_journal_is_left_open(tmp_path):
    # An older quizapp's (it keeps no journal, and may still be running it in another
    # window), or one pulled from the class server (open on another computer): never
    # closed here, however old.
    with Store.open(tmp_path) as here:
        learner = here.create_learner("Mara").id
        began = datetime.now(UTC) - timedelta(days=30)
        session_id = here.start_session(learner, BANK, "quiz", now=began)
        (tmp_path / FOLDER).mkdir(exist_ok=True)
        for journal in (tmp_path / FOLDER).glob("*.journal"):
            journal.write_text("")  # as if it had never been noted
        assert here.close_interrupted_sessions(datetime.now(UTC) + timedelta(days=1)) == []
        assert here.session(session_id).finished is None


def test_another_computers_journal_counts_as_live(tmp_path, monkeypatch):
    # A data folder on a network drive: another computer's lock may not reach this one,
    # so its journal is never taken for a dead app's.
    import quizapp.core.store.open_sessions as open_sessions

    with Store.open(tmp_path) as here:
        learner = here.create_learner("Mara").id
        with Store.open(tmp_path) as stopped_app:
            exam = QuizSession(stopped_app, learner, BANK, mode="exam", shuffle=False,
                               question_ids=["mc", "tf"], time_limit=60)
        monkeypatch.setattr(open_sessions, "_host", lambda: "another-computer")
        later = datetime.now(UTC) + timedelta(hours=1)
        assert here.close_interrupted_sessions(later) == []
        monkeypatch.undo()
        (closed,) = here.close_interrupted_sessions(later)
        assert closed.session_id == exam.session_id


def _stopped_mid_session(tmp_path, run) -> tuple[Store, QuizSession]:
    """`run(store)` in an app stopped without leaving its session (its Store closes with
    the session open and its journal left): the next start's Store and the session."""
    here = Store.open(tmp_path)
    with Store.open(tmp_path) as stopped_app:
        session = run(stopped_app)
    assert here.session(session.session_id).finished is None
    return here, session


def test_a_quiz_with_every_question_answered_is_finished_and_scored(tmp_path):
    # The tester's quiz: every question answered, the last a flashcard rated Easy, the app
    # killed before the results page. Leaving it then would have finished it: so does the
    # next start, scored as the results page would have, at its last answer.
    def quiz_to_its_last_answer(store):
        learner = store.create_learner("Ben").id
        quiz = QuizSession(store, learner, BANK, mode="quiz", shuffle=False,
                           question_ids=["mc", "tf", "sa", "card"])
        for response in (1, False, "Kantor"):  # right (1 point), wrong (1), right (2)
            quiz.submit(response)
            quiz.advance()
        quiz.submit(4)  # the flashcard rated Easy (1 point); no results page yet
        assert quiz.leaving_finishes
        return quiz

    here, quiz = _stopped_mid_session(tmp_path, quiz_to_its_last_answer)
    with here:
        (closed,) = here.close_interrupted_sessions()
        stored = here.session(quiz.session_id)
        assert (closed.outcome, stored.outcome) == ("finished", "finished")
        assert closed.score == pytest.approx(quiz.score) == pytest.approx(0.8)  # 4 of 5
        assert stored.score == pytest.approx(0.8) and closed.answers == 4
        assert stored.finished == quiz.answers[-1].record.answered
        summary = here.bank_summary(closed.learner_id, BANK)
        assert summary.attempts == 1 and summary.last_score == pytest.approx(0.8)


def test_a_quiz_with_a_question_left_is_still_abandoned(tmp_path):
    def quiz_short_of_its_end(store):
        learner = store.create_learner("Ben").id
        quiz = QuizSession(store, learner, BANK, mode="quiz", shuffle=False,
                           question_ids=["mc", "tf"])
        quiz.submit(1)
        quiz.advance()  # tf asked, not answered
        return quiz

    here, quiz = _stopped_mid_session(tmp_path, quiz_short_of_its_end)
    with here:
        (closed,) = here.close_interrupted_sessions()
        assert closed.outcome == "abandoned" and here.session(quiz.session_id).score is None


def test_an_exam_with_every_question_answered_is_handed_in(tmp_path):
    # Killed after the last answer, before Hand in: handed in as leaving would have, with
    # the answer that counts for a changed question (the earlier one is taken back).
    def exam_all_answered(store):
        learner = store.create_learner("Ben").id
        exam = QuizSession(store, learner, BANK, mode="exam", shuffle=False,
                           question_ids=["mc", "tf", "sa"])
        exam.submit(0)  # mc wrong, changed below
        exam.advance()
        exam.submit(True)  # tf right
        exam.advance()
        exam.submit("Brown")  # sa wrong (2 points)
        exam.go_to(0)
        exam.submit(1)  # mc changed: right
        assert exam.unanswered == 0 and not exam.finished
        return exam

    here, exam = _stopped_mid_session(tmp_path, exam_all_answered)
    with here:
        (closed,) = here.close_interrupted_sessions()
        assert closed.outcome == "finished" and closed.answers == 3
        assert closed.score == pytest.approx(exam.score) == pytest.approx(0.5)  # 2 of 4
        assert here.session(exam.session_id).score == pytest.approx(0.5)


def test_a_timed_exam_answered_in_full_is_finished_before_and_timed_out_after_its_time(
        tmp_path):
    def timed_exam_all_answered(store):
        learner = store.create_learner("Ben").id
        exam = QuizSession(store, learner, BANK, mode="exam", shuffle=False,
                           question_ids=["mc", "tf"], time_limit=60)
        exam.submit(1)
        exam.advance()
        exam.submit(False)
        return exam

    here, exam = _stopped_mid_session(tmp_path / "once", timed_exam_all_answered)
    with here:  # restarted after its time ran out: handed in at time up, as before
        (closed,) = here.close_interrupted_sessions(datetime.now(UTC) + timedelta(minutes=5))
        assert (closed.outcome, closed.score) == ("timed_out", pytest.approx(0.5))
    here, exam = _stopped_mid_session(tmp_path / "again", timed_exam_all_answered)
    with here:  # restarted within its time: finished at its last answer
        (closed,) = here.close_interrupted_sessions()
        assert (closed.outcome, closed.score) == ("finished", pytest.approx(0.5))


def test_a_practice_is_finished_once_every_question_was_got_right(tmp_path):
    def practice(store, *, last_right: bool):
        learner = store.create_learner("Ben").id
        session = QuizSession(store, learner, BANK, mode="practice", shuffle=False,
                              question_ids=["mc", "tf"])
        session.submit(0)  # mc wrong: asked again after tf
        session.advance()
        session.submit(True)  # tf right
        session.advance()
        session.submit(1 if last_right else 0)  # mc again
        return session

    here, done = _stopped_mid_session(tmp_path / "a", lambda s: practice(s, last_right=True))
    with here:
        assert done.leaving_finishes
        (closed,) = here.close_interrupted_sessions()
        # scored on the first try at each question: tf right, mc wrong
        assert closed.outcome == "finished" and closed.score == pytest.approx(0.5)
    here, left = _stopped_mid_session(tmp_path / "b", lambda s: practice(s, last_right=False))
    with here:  # mc missed again: it would have come back
        assert not left.leaving_finishes
        (closed,) = here.close_interrupted_sessions()
        assert closed.outcome == "abandoned"


def test_an_older_journal_without_points_still_abandons(tmp_path):
    # A journal an older quizapp wrote notes an untimed session's id only: still read,
    # and the session abandoned as then.
    here, quiz = _stopped_mid_session(tmp_path, lambda store: _all_answered_quiz(store))
    with here:
        (journal,) = (tmp_path / FOLDER).glob("*.journal")
        journal.write_text(f'{{"session": {quiz.session_id}}}\n')
        (closed,) = here.close_interrupted_sessions()
        assert closed.outcome == "abandoned" and closed.answers == 2


def _all_answered_quiz(store) -> QuizSession:
    learner = store.create_learner("Ben").id
    quiz = QuizSession(store, learner, BANK, mode="quiz", shuffle=False,
                       question_ids=["mc", "tf"])
    quiz.submit(1)
    quiz.advance()
    quiz.submit(True)
    return quiz


def test_a_session_an_older_quizapp_left_open_is_closed_as_abandoned(tmp_path):
    # The tester's store, migrated while an older quizapp had a quiz open: migration 9 gave
    # that session a random (version 4) uuid, and no journal names it. No older app can
    # have a current file open, so it is a dead app's: closed at its last answer instead of
    # "under way" in `quizapp results` for ever. A session of this version in no journal
    # (a version 7 uuid) stays open.
    with Store.open(tmp_path) as here:
        learner = here.create_learner("Mara").id
        began = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)
        older = here.start_session(learner, BANK, "quiz", now=began)
        here.record_answer(older, BANK.questions[0], response="a", correct=True, credit=1.0,
                           seconds=2.0, now=began + timedelta(minutes=3))
        newer = here.start_session(learner, BANK, "quiz", now=began)
        with here._db.write() as c:
            c.execute("UPDATE sessions SET uuid = '0b7e3c1a-5f2d-4a8e-9c41-2d6f8e1a3b5c'"
                      " WHERE id = ?", (older,))
        (tmp_path / FOLDER).mkdir(exist_ok=True)
        for journal in (tmp_path / FOLDER).glob("*.journal"):
            journal.write_text("")  # an older app wrote none
        closed = here.close_interrupted_sessions(datetime.now(UTC))
        assert [(c.session_id, c.outcome, c.answers) for c in closed] == [(older, "abandoned", 1)]
        info = here.session(older)
        assert info.outcome == "abandoned" and info.finished == began + timedelta(minutes=3)
        assert here.session(newer).finished is None
