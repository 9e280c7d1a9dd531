"""The exam half of the quiz screen: the question list's actions (go back, flag, hand in),
and how a session ends without a last Next: the answer on screen collected when the time
runs out, the session closed as timed out, or abandoned when the learner leaves.

Every write here runs as a write op on the writer thread (quizapp.gui.operations) and
announces what it changed; the results show once the finish is committed. Going back,
skipping and flagging write nothing: once the time is up they end the session instead.

QuizScreen (quizapp/gui/quiz_screen.py) derives from ExamActions and owns the rest: the
question shown, submitting, feedback, keys. Split off to keep each module small; the
attributes and methods declared here are the screen's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from quizapp.core.session import QuizSession, TimeUp
from quizapp.core.store import StoreError
from quizapp.gui.exam_panel import ExamPanel, ask_to_hand_in
from quizapp.gui.operations import Changes, WriteOp
from quizapp.gui.question_widgets import QuestionWidget

if TYPE_CHECKING:
    from quizapp.core.grading import Grade
    from quizapp.core.store import Store
    from quizapp.gui.context import AppContext

log = logging.getLogger(__name__)


class ExamActions(QWidget):
    """What the quiz screen does in an exam, beside asking and recording answers."""

    # The screen's own, made in QuizScreen.__init__ and start().
    context: AppContext
    session: QuizSession | None
    question_widget: QuestionWidget | None
    exam_panel: ExamPanel
    submit_button: QPushButton
    hint_label: QLabel
    busy: bool
    _grade: Grade | None

    @property
    def exam(self) -> bool:
        """Feedback is held to the end (exam mode)."""
        return self.session is not None and self.session.feedback_held

    def _show_question(self) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        raise NotImplementedError

    def _update_progress(self) -> None:
        raise NotImplementedError

    def _hint(self, text: str | None) -> None:
        raise NotImplementedError

    def go_to_question(self, index: int) -> None:
        """Exam: show question `index` (0-based) again, to read or change its answer.
        Not while an answer is being saved: the writer thread is moving the session on."""
        if self.busy or self.session is None or not self.exam:
            return
        try:
            self.session.go_to(index)
        except TimeUp:
            self._finish_at_time_up()
            return
        self._show_question()

    def flag_question(self, flagged: bool) -> None:
        """Exam: flag (or unflag) the question shown, to come back to it."""
        session = self.session
        if self.busy or session is None or not self.exam or session.current is None:
            return
        try:
            session.set_flag(session.current.id, flagged)
        except TimeUp:
            self._finish_at_time_up()
            return
        self.exam_panel.show_session(session)
        if self.question_widget is not None and self._grade is None:
            self.question_widget.focus_answer()

    def say_flashcards_left_out(self) -> None:
        """At an exam's start: the flashcards it left out (an exam is scored by the app,
        and a flashcard's rating is the learner's own)."""
        session = self.session
        if session is None or not session.flashcards_left_out:
            return
        self._hint(flashcards_left_out_note(session.flashcards_left_out))

    def skip_exam_question(self) -> None:
        """Exam: Enter twice on a question left empty. Nothing is recorded: the question
        stays unanswered (an open dot in the list, counted when handing in), and the next
        one without an answer shows; on the last one left, it stays, saying so."""
        session = self.session
        if self.busy or session is None or not self.exam or session.current is None:
            return
        number = session.position
        kept = session.answer_of(session.current.id) is not None  # gone back to, cleared
        try:
            shown = session.skip()
        except TimeUp:
            self._finish_at_time_up()
            return
        if shown is None:
            self._hint(
                f"Question {number} is the only one left without an answer. Answer it,"
                " or hand in without it (it counts as not answered)."
            )
            if self.question_widget is not None:
                self.question_widget.focus_answer()
            return
        self._show_question()
        self._hint(f"Question {number} left as it was: your earlier answer stands." if kept
                   else f"Question {number} skipped: it stays unanswered until you answer it.")

    def _go_on_unchanged(self) -> None:
        """Exam: Enter on a question gone back to, its answer unchanged: on to the next
        question not answered, or, with every one answered, to handing in."""
        session = self.session
        if session is None:
            return
        if session.unanswered == 0:
            self._ready_to_hand_in()
            return
        here = session.position - 1
        open_ones = [i for i, q in enumerate(session.questions) if session.answer_of(q.id) is None]
        self.go_to_question(next((i for i in open_ones if i > here), open_ones[0]))

    def request_hand_in(self) -> None:
        """"Hand in" (the button): first the answer on screen not yet submitted is recorded,
        as when the time runs out; then, with questions not answered, it asks first."""
        session = self.session
        if self.busy or session is None or not self.exam:
            return
        response = self._answer_on_screen()
        if response is None:
            self._ask_then_hand_in(session, collected=False)
            return
        self.busy = True

        def record(_store):
            if session.time_up:
                # The time ran out before the clock's next tick noticed: the answer is
                # collected as at time up, and the exam ends timed out.
                session.submit_at_time_up(response)
                return None
            try:
                return session.submit(response)
            except TimeUp:
                return None  # the time ran out first: the session finished itself

        WriteOp(parent=self, op=record,
                success=lambda grade: self._on_collected_for_hand_in(session, grade),
                changes=(Changes.answer(session.learner_id, session.bank.id)
                         | Changes.session(session.learner_id, session.bank.id)),
                ).failure(self._on_collect_for_hand_in_failed).run_in_background(
                    self.context.operations)

    def _on_collected_for_hand_in(self, session: QuizSession, grade: Grade | None) -> None:
        self.busy = False
        if session is not self.session:
            return
        if grade is None:  # the time ran out meanwhile: the session finished itself
            self._finish()
            return
        self.exam_panel.show_session(session)  # the list and the count, while it asks
        self._update_progress()
        self._ask_then_hand_in(session, collected=True)

    def _on_collect_for_hand_in_failed(self, exc: Exception) -> None:
        # Not saved: not handed in either; the answer stays on screen to try again.
        self.busy = False
        log.error("could not record the answer on screen before handing in: %s", exc)
        self._hint("Your answer could not be saved, so the exam was not handed in."
                   f" {store_reason(exc)}")

    def _ask_then_hand_in(self, session: QuizSession, *, collected: bool) -> None:
        if session.unanswered and not ask_to_hand_in(self, session.unanswered):
            if self.session is not session:  # the time ran out while it asked
                return
            if collected:  # its answer is saved: ask the question again, to read or change
                self.go_to_question(session.position - 1)
            elif self.question_widget is not None and self.question_widget.isEnabled():
                self.question_widget.focus_answer()
            return
        if self.session is session:  # the time may have run out while it asked
            self.hand_in()

    def hand_in(self) -> None:
        """Exam: finish now (unanswered questions count 0) and show the results once the
        score is committed (on the writer thread)."""
        session = self.session
        if session is None or not self.exam or self.busy:
            return
        self.busy = True

        def close(_store) -> None:
            try:
                session.hand_in()
            except TimeUp:
                pass  # the time ran out first: it finished as timed out, scored once

        self._close_session(session, close)

    def _finish_at_time_up(self) -> None:
        """The time is up with no answer on screen to collect: the session is closed as
        timed out on the writer thread, and the results show once that is committed."""
        session = self.session
        if session is None or self.busy:
            return
        self.busy = True
        self._close_session(session, lambda _store: session.finish_if_time_up())

    def _close_session(self, session: QuizSession, close: Callable[[Store], object]) -> None:
        WriteOp(parent=self, op=close, success=lambda _none: self._on_closed(session),
                changes=Changes.session(session.learner_id, session.bank.id),
                ).failure(lambda exc: self._on_close_failed(session, exc)).run_in_background(
                    self.context.operations)

    def _on_closed(self, session: QuizSession) -> None:
        self.busy = False
        if session is self.session:
            self._finish()

    def _on_close_failed(self, session: QuizSession, exc: Exception) -> None:
        # e.g. a full disk: every answer given is saved and the session is over (it marks
        # itself finished before its store write): the results still show.
        self.busy = False
        log.error("could not close the session in the store: %s", exc)
        if session is self.session and session.finished:
            self._finish()

    def _ready_to_hand_in(self) -> None:
        """Every exam question is answered: Enter hands in, the list goes back."""
        session, widget = self.session, self.question_widget
        if session is None or widget is None:
            return
        flagged = len(session.flagged)
        note = f" {flagged} flagged." if flagged else ""
        self._hint(
            "Answer saved. Every question is answered." + note + " Press Enter to hand in,"
            " or pick a question in the list to look at it again."
        )
        widget.setEnabled(False)
        # One Hand in: the button under the question, beside Leave; the list's is hidden
        # until a question is shown again to change its answer.
        self.exam_panel.hand_in_button.hide()
        self.submit_button.setText("Hand in")
        self.submit_button.setAccessibleName("Hand in the exam")
        self.submit_button.setToolTip("Finish the exam and see the results (Enter)")
        self.submit_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.exam_panel.show_session(session)
        self._update_progress()

    def _answer_on_screen(self) -> object | None:
        """The answer on screen not yet recorded (typed, or picked and not confirmed, or
        changed on a question gone back to), or None when there is none to collect."""
        session, widget = self.session, self.question_widget
        if (session is None or widget is None or self._grade is not None
                or not widget.is_answered()
                or widget.answer_problem() is not None):
            return None
        response = widget.response()
        given = session.answer_of(widget.question.id)
        if given is not None and given.response == response:
            return None  # the answer it already has
        return response

    def _collect_at_time_up(self) -> bool:
        """The time is up with an answer on screen not yet submitted (typed, or picked and
        not confirmed): it is recorded as the learner's answer, as a paper exam collects
        what is written, and the session finishes. False when there is none to collect."""
        session = self.session
        response = self._answer_on_screen()
        if session is None or response is None:
            return False
        self.busy = True
        WriteOp(parent=self, op=lambda _store: session.submit_at_time_up(response),
                success=lambda _grade: self._on_collected(session),
                changes=(Changes.answer(session.learner_id, session.bank.id)
                         | Changes.session(session.learner_id, session.bank.id)),
                ).failure(self._on_collect_failed).run_in_background(self.context.operations)
        return True

    def _on_collected(self, session: QuizSession) -> None:
        self.busy = False
        if session is self.session:
            self._finish()

    def _on_collect_failed(self, exc: Exception) -> None:
        # Not saved (e.g. a full disk): the time is still up; the answers given count.
        log.error("could not record the answer on screen when the time ran out: %s", exc)
        self.busy = False
        self._finish_at_time_up()


def close_abandoned(context: AppContext, session: QuizSession, owner: QObject) -> None:
    """Abandon `session` on the writer thread (a session finished meanwhile, by an answer
    still being written, is left as it is): announced as the learner's session change."""

    def close(_store) -> bool:
        if session.finished:
            return False
        try:
            session.abandon()
        except StoreError:  # e.g. a full disk: the answers given are saved; leave anyway
            log.exception("could not close the session in the store")
        return True

    WriteOp(parent=owner, op=close, success=lambda _closed: None,
            changes=lambda closed: (Changes.session(session.learner_id, session.bank.id)
                                    if closed else Changes()),
            ).run_in_background(context.operations)


def flashcards_left_out_note(count: int) -> str:
    """Why an exam asks fewer questions than its bank (or tags) hold."""
    what = "1 flashcard is" if count == 1 else f"{count} flashcards are"
    return (f"{what} left out of this exam: an exam is scored by the app, and a flashcard"
            " is rated by you. Review flashcards on the flashcard screen (F).")


def store_reason(exc: Exception) -> str:
    """The store's reason, said to the learner; "Try again." only when trying again at once
    can work (another window was busy), never for a full disk, and not after the reason
    says so itself."""
    text = str(exc).rstrip(".")
    retry = isinstance(exc, StoreError) and exc.can_retry and "try again" not in text.lower()
    return f"{text[:1].upper()}{text[1:]}.{' Try again.' if retry else ''}"
