"""The quiz screen: one question at a time over a QuizSession (quiz, exam or practice).

Enter submits, then Enter continues (Ctrl+Enter too, e.g. in a cloze blank, where
Enter moves to the next blank); Enter on a focused button presses that button
(quizapp.gui.focus_keys); keys 1-9 pick choices; Esc leaves after
asking; Ctrl+Z (or the "Undo answer" button) takes back the last answer while its
feedback shows and on the next question until that one is answered (not in an exam,
whose feedback is held). The session records every answer in the store
(QuizSession.submit) before this screen shows any feedback, and every retraction before
the question comes back, so a crash loses nothing the learner saw. Both writes run as
write ops on the writer thread (quizapp.gui.operations): the feedback, or the question
taken back, shows in the op's result; meanwhile `busy` is set and keys wait, so two quick
Enters cannot record an answer twice. Closing the session is a write op too (the last Next,
a hand-in, the clock's time-up, leaving), announced as the learner's session change; the
results show once it is committed. Reading the session (state, time_left) never writes.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.session import QuizSession, TimeUp
from quizapp.core.session_base import self_rated
from quizapp.core.store import StoreError
from quizapp.core.store.connection import long_writer
from quizapp.gui.card import CARD_PADDING, keep_reading_width, make_card
from quizapp.gui.exam_panel import ExamPanel, answer_summary
from quizapp.gui.feedback_panel import MODE_NAMES, FeedbackPanel, format_seconds
from quizapp.gui.focus_keys import press_focused_button
from quizapp.gui.leave_dialog import (
    UNDO_LOST_NOTE,
    ask_to_leave,
    close_open_questions,
    still_recorded,
)
from quizapp.gui.markdown import bank_dir_of
from quizapp.gui.next_question import NextQuestion
from quizapp.gui.operations import Changes, WriteOp
from quizapp.gui.question_widgets import (
    FlashcardWidget,
    QuestionWidget,
    _digit_of,
    grade_colours,
    widget_for,
)
from quizapp.gui.quiz_exam import ExamActions, close_abandoned, store_reason
from quizapp.gui.quiz_header import QuizHeader
from quizapp.gui.scroll_focus import scroll_with_the_focus, show_all_of

if TYPE_CHECKING:
    from quizapp.gui.context import AppContext

log = logging.getLogger(__name__)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class QuizScreen(ExamActions):
    """Runs a QuizSession: `start(session)`, then the learner answers by keys or clicks."""

    session_finished = Signal(object)  # the finished QuizSession
    session_left = Signal()  # the learner left with Esc (confirmed)
    answer_submitted = Signal(object)  # the Grade, after the store recorded the answer
    answer_retracted = Signal()  # the last answer was taken back (committed in the store)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.session: QuizSession | None = None
        self.question_widget: QuestionWidget | None = None
        self._skip_armed = False
        self._grade = None
        self.busy = False  # an answer or a retraction is being written
        self._saving_answer = False  # busy with an answer submitted (kept if the quiz is left)
        self._taken_back = 0  # answers of this session taken back (Ctrl+Z)
        self.setAccessibleName("Quiz")

        # The quiz column (header, question card, Leave and Submit), and in an exam the
        # question list beside it, the whole height: the header and the buttons line up
        # with the card, not with the column and the list together.
        outer = QHBoxLayout(self)
        layout = QVBoxLayout()
        outer.addLayout(layout, 1)
        # The chrome above the card (bank, position, time, progress) keeps the card's width.
        top = QuizHeader()
        self.title_label = top.title_label
        self.position_label = top.position_label
        self.timer_label = top.timer_label
        self.progress = top.progress
        layout.addWidget(top)
        keep_reading_width(top, layout)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(4, 8, 4, 8)
        # The question is the page: a card at reading width, the answer and then its
        # feedback as one block under it (quizapp/gui/card.py).
        self.card = make_card()
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(CARD_PADDING, CARD_PADDING, CARD_PADDING, CARD_PADDING)
        card_layout.setSpacing(14)
        self.question_holder = QVBoxLayout()
        # The next question's widget, built hidden while the learner reads the feedback.
        self._next = NextQuestion(self.question_holder)
        card_layout.addLayout(self.question_holder)
        self.hint_label = QLabel()
        self.hint_label.setAccessibleName("Hint")
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)  # it may quote bank text
        self.hint_label.setWordWrap(True)
        self.hint_label.hide()
        card_layout.addWidget(self.hint_label)
        self.feedback = FeedbackPanel()
        card_layout.addWidget(self.feedback)
        self.body_layout.addWidget(self.card)
        keep_reading_width(self.card, self.body_layout)
        self.body_layout.addStretch(1)
        self.scroll_area.setWidget(self.body)
        # A choice that Down or Tab moves to is scrolled into view; PageUp/PageDown scroll.
        self._follower = scroll_with_the_focus(self.scroll_area, self)
        layout.addWidget(self.scroll_area, 1)
        # Exam only: the question list to go back, change an answer, flag, hand in.
        self.exam_panel = ExamPanel(waiting=lambda: self.busy)
        self.exam_panel.question_chosen.connect(self.go_to_question)
        self.exam_panel.flag_toggled.connect(self.flag_question)
        self.exam_panel.hand_in_requested.connect(self.request_hand_in)
        self.exam_panel.hide()
        outer.addWidget(self.exam_panel)

        button_bar = QWidget()
        buttons = QHBoxLayout(button_bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.leave_button = QPushButton("Leave")
        self.leave_button.setAccessibleName("Leave the quiz")
        self.leave_button.setToolTip(
            "Leave: the answers given so far are kept, but an unfinished session is not scored (Esc)"
        )
        self.leave_button.clicked.connect(self.request_leave)
        self.submit_button = QPushButton("Submit")
        self.submit_button.setAccessibleName("Submit the answer")
        self.submit_button.setToolTip("Submit your answer (Enter)")
        self.submit_button.clicked.connect(self.activate)
        self.undo_button = QPushButton("Undo answer")
        self.undo_button.setAccessibleName("Undo the last answer")
        self.undo_button.setToolTip(
            "Take back your last answer and answer that question again; it is kept in the"
            " record as taken back and no longer counts ("
            + QKeySequence(QKeySequence.StandardKey.Undo).toString(
                QKeySequence.SequenceFormat.NativeText
            )
            + "; in a text box it first takes back the typing)"
        )
        self.undo_button.clicked.connect(self.undo_answer)
        self.undo_button.hide()
        buttons.addWidget(self.leave_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout.addWidget(button_bar)
        keep_reading_width(button_bar, layout)

        self.clock = QTimer(self)
        self.clock.setInterval(250)
        self.clock.timeout.connect(self._tick)

    # ------------------------------------------------------------------ public

    def start(self, session: QuizSession) -> None:
        """Show `session`'s first question (the session is fresh: state "asking")."""
        if self.session is not None and self.session is not session:
            self.abandon_session()  # never leave an earlier session open in the store
        self._next.discard()
        self.session = session
        self._taken_back = 0
        bank = session.bank
        mode = session.mode
        self.title_label.setText(f"{MODE_NAMES.get(mode, mode.title())}: {bank.title}")
        self.exam_panel.setVisible(session.feedback_held)
        self.timer_label.setVisible(session.time_limit is not None)
        if self.timer_label.isVisible():
            self.clock.start()
            self._tick()
        else:
            self.clock.stop()
        if session.state == "finished" or session.current is None:
            self._finish()
            return
        self._show_question()
        if self.exam:
            self.say_flashcards_left_out()

    def refresh(self) -> None:
        """Called when the screen is shown; the session is the state, nothing to reload."""
        if self.question_widget is not None and self._grade is None:
            self.question_widget.focus_answer()

    def activate(self) -> None:
        """Enter: submit the answer, or go on after the feedback."""
        if self.session is None:
            return
        if self.session.state == "asking":
            self.submit()
        elif self.session.state == "answered":
            self.next_question()

    def submit(self) -> None:
        widget = self.question_widget
        if (self.busy or widget is None or self.session is None
                or self.session.state != "asking"):
            return
        card = _self_rated_widget(widget)
        if card is not None and not card.flipped:
            card.flip()  # Enter on a card's front turns it over, as Space does
            return
        problem = widget.answer_problem()
        if problem is not None:  # asked again, not marked wrong
            self._hint(problem)
            widget.focus_answer()
            return
        if not widget.is_answered() and not self._skip_armed:
            self._skip_armed = True
            self._hint(widget.no_answer_note())
            return
        session = self.session
        if self.exam and not widget.is_answered():
            self.skip_exam_question()  # nothing recorded: it stays unanswered
            return
        response = widget.response()
        given = session.answer_of(widget.question.id) if self.exam else None
        if given is not None and given.response == response:
            self._go_on_unchanged()  # the answer it has: nothing to record again
            return
        self.busy = self._saving_answer = True

        def record(_store):
            if session.time_up:  # before the clock's tick noticed: collected as at time up
                if response is None:
                    session.finish_if_time_up()
                else:
                    session.submit_at_time_up(response)
                return None
            try:
                return session.submit(response)
            except TimeUp:
                return None

        WriteOp(parent=self, op=record,
                success=lambda grade: self._on_submitted(session, widget, grade),
                changes=(Changes.answer(session.learner_id, session.bank.id)
                         | Changes.session(session.learner_id, session.bank.id)),
                ).failure(self._on_submit_failed).run_in_background(self.context.operations)

    def _on_submit_failed(self, exc: Exception) -> None:
        # The store could not record it: say so, keep the answer on screen.
        self.busy = self._saving_answer = False
        log.error("could not record an answer: %s", exc)
        self._hint(f"Your answer could not be saved. {store_reason(exc)}")

    def _on_submitted(self, session: QuizSession, widget: QuestionWidget, grade) -> None:
        """The answer is committed in the store: now its feedback may show."""
        self.busy = self._saving_answer = False
        if session is not self.session:  # the window closed the quiz meanwhile
            return
        if grade is None:  # the time ran out: the op finished the session
            self._finish()
            return
        self._grade = grade
        self._skip_armed = False
        self._hint(None)
        self.answer_submitted.emit(grade)
        if self.exam:
            # Exam: no feedback until the results page; only say the answer is safe,
            # beside the list (the next question's card is not answered yet).
            number = self.session.position
            if self.session.unanswered == 0:
                self._ready_to_hand_in()
                self.exam_panel.show_saved(number)  # not still the one before's
                return
            self.next_question()
            if self.session is not None:
                self.exam_panel.show_saved(number)
            return
        widget.show_grade(grade)
        self.feedback.show_grade(widget.question, grade, bank_dir_of(self.session.bank))
        self.feedback.show_hint(self.session.hint_for_next_try, bank_dir_of(self.session.bank))
        last = self._is_last()
        self.submit_button.setText("See results" if last else "Next")
        self.submit_button.setAccessibleName("See the results" if last else "Next question")
        self.submit_button.setToolTip(
            ("See the results" if last else "Go to the next question") + " (Enter)"
        )
        self.submit_button.setFocus(Qt.FocusReason.OtherFocusReason)
        # All of the feedback in view (large fonts put it below the fold), once laid out.
        QTimer.singleShot(0, self, lambda: show_all_of(self.scroll_area, self.feedback, self.card))
        self._update_progress()
        self._update_undo()
        if not last:  # once the feedback is painted
            QTimer.singleShot(0, self, self._prebuild_next)

    def _prebuild_next(self) -> None:
        self._next.build(self.session, self.question_widget)

    def undo_answer(self) -> None:
        """Ctrl+Z: take back the last answer and ask its question again. The session
        commits the retraction in the store before anything on screen changes."""
        session = self.session
        if self.busy or session is None or not session.can_undo:
            return
        self.busy = True
        WriteOp(parent=self, op=lambda _store: session.undo_last(),
                success=lambda _undone: self._on_retracted(session),
                changes=Changes.answer(session.learner_id, session.bank.id)).failure(
            self._on_retract_failed).run_in_background(self.context.operations)

    def _on_retract_failed(self, exc: Exception) -> None:
        # The store could not record it: the answer stands.
        self.busy = False
        log.error("could not take an answer back: %s", exc)
        last = self.session.answers[-1:] if self.session is not None else []
        if last and not still_recorded(self.context.store, last):  # `quizapp restore` took it
            self._hint(f"Your answer could not be taken back: {UNDO_LOST_NOTE}")
            return
        self._hint(f"Your answer could not be taken back; it still counts. {store_reason(exc)}")

    def _on_retracted(self, session: QuizSession) -> None:
        self.busy = False
        if session is not self.session:
            return
        self._taken_back += 1
        self._show_question()
        self._hint("Your last answer was taken back: it no longer counts. Answer again.")
        self.answer_retracted.emit()

    def next_question(self) -> None:
        session = self.session
        if self.busy or session is None or session.state != "answered":
            return
        if session.leaving_finishes or session.time_limit is not None:
            # Finishing writes the session's score: on the writer thread, and the results
            # show once it is committed.
            self.busy = True
            WriteOp(parent=self, op=lambda _store: self._advance(session),
                    success=lambda _none: self._on_advanced(session),
                    changes=Changes.session(session.learner_id, session.bank.id),
                    ).run_in_background(self.context.operations)
            return
        self._advance(session)  # the next question: nothing to write
        self._on_advanced(session)

    @staticmethod
    def _advance(session: QuizSession) -> None:
        try:
            session.advance()
        except StoreError:  # e.g. a full disk after the last answer: every answer is saved,
            log.exception("could not close the session in the store")  # show the results

    def _on_advanced(self, session: QuizSession) -> None:
        self.busy = False
        if session is not self.session:
            return
        if session.state == "finished":
            self._finish()
        else:
            self._show_question()

    def request_leave(self) -> None:
        """Esc: ask, then abandon the session (answers given so far stay recorded, but it
        is no attempt). With every question answered, leaving finishes it: the results."""
        if self.busy:  # an answer is being written; Esc again once its feedback shows
            return
        if self.session is None:
            self.session_left.emit()
            return
        if not self.confirm_leave():
            if self.question_widget is not None and self._grade is None:
                self.question_widget.focus_answer()
            return
        if self.session is None or self.busy:  # the time ran out while the question was open:
            return  # the session is closed, or being closed, and its results show
        if self.session.leaving_finishes:
            if self.exam:
                self.hand_in()  # every question is answered: hand it in, show the results
            else:
                self.next_question()  # the last answer is in: finish and show the results
            return
        self.abandon_session()
        self.session_left.emit()

    def abandon_session(self) -> None:
        """Close the session now without asking (leaving, or the window closing).

        Answers given so far stay recorded; the session is closed in the store on the
        writer thread, after any answer still being written (one writer: in the order
        given), and the change is announced once committed. The screen lets go of it now.
        """
        self.clock.stop()
        session = self.session
        self._clear_question()
        self._next.discard()
        self.feedback.hide()
        self.session = None
        if session is not None:
            close_abandoned(self.context, session, self)

    def confirm_leave(self) -> bool:
        """Ask whether to leave, naming the mode and what becomes of the answers given
        (tests replace this)."""
        session = self.session
        if session is None:
            return True
        # The answers that count: those the store still holds (a backup restored meanwhile
        # takes away the later ones), in an exam one per question (a changed answer
        # replaced the earlier one, which stays in the record as taken back).
        given = still_recorded(self.context.store, session.answers)
        answered = {a.question.id for a in given}
        counting = len(answered) if self.exam else len(given)
        # An answer submitted and still being written (waiting for `quizapp import`, as the
        # status bar says) is kept once written, however the quiz is left: it counts; in
        # an exam, a changed one takes the earlier one back once written.
        widget = self.question_widget if self._saving_answer else None
        changing = widget is not None and self.exam and widget.question.id in answered
        return ask_to_leave(
            self,
            session.mode,
            counting + (widget is not None and not changing),
            session.leaving_finishes,
            taken_back=self._taken_back + len(given) - counting + changing,
            unsubmitted=self._answer_on_screen() is not None,
            saving=self._saving_answer,
            waits_for=(long_writer(self.context.store.path) or "") if self._saving_answer else "",
            lost=len(session.answers) - len(given),
        )

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, event) -> None:
        if self.busy:  # an answer is being written: its feedback comes first
            event.accept()
            return
        key = event.key()
        # Ctrl+Enter submits from anywhere, e.g. a cloze blank, where Enter moves on.
        plain = not (
            event.modifiers()
            & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
                | Qt.KeyboardModifier.ControlModifier)
        )
        if key in ENTER_KEYS and plain:
            # Enter presses a focused button (Leave, Undo, Flag, Hand in: what the outline
            # shows); on the answer it submits. Ctrl+Enter submits from anywhere.
            control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if control or not press_focused_button(self):
                self.activate()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.request_leave()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_answer()
            event.accept()
            return
        number = _digit_of(event)
        if (
            number is not None
            and self.question_widget is not None
            and self.question_widget.pick(number)
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ inside

    def _show_question(self) -> None:
        self._clear_question()
        session = self.session
        question = None if session is None else session.current
        if session is None or question is None:
            return
        widget = self._next.take(question, session.arrangement)
        if widget is None:
            widget = widget_for(
                question, bank_dir=bank_dir_of(session.bank), arrangement=session.arrangement
            )
            self.question_holder.addWidget(widget)
        widget.response_changed.connect(self._on_response_changed)
        widget.answer_completed.connect(
            lambda: self.submit_button.setFocus(Qt.FocusReason.TabFocusReason))
        card = _self_rated_widget(widget)
        if card is not None:  # a rating is recorded at once
            card.rated.connect(lambda _rating: self.submit())
        self.question_widget = widget
        widget.show()  # now, not on the next event loop pass: focus and Tab need it visible
        self._grade = None
        self._skip_armed = False
        self._hint(None)
        self.feedback.hide()
        self.submit_button.setText("Submit")
        self.submit_button.setAccessibleName("Submit the answer")
        self.submit_button.setToolTip("Submit your answer (Enter)")
        self.submit_button.setEnabled(True)
        self._update_progress()
        self._update_undo()
        self.scroll_area.verticalScrollBar().setValue(0)
        self._order_tabs(widget)
        self._watch_text_undo(widget)
        if self.exam:
            self.exam_panel.hand_in_button.show()  # hidden while Submit read "Hand in"
            self.exam_panel.show_session(session)
            self.exam_panel.show_saved(None)
            given = session.answer_of(question.id)
            if given is not None:  # shown in the controls, to read or change
                widget.restore(given.response)
                self._hint(
                    f"Your answer: {answer_summary(given)}. Change it and press Enter,"
                    " or pick another question in the list."
                )
        with self._follower.keeping_still():  # the prompt stays in view, not the 1st choice
            widget.focus_answer()
        QTimer.singleShot(0, self, self._plan_review)  # once the question is painted

    def _plan_review(self) -> None:
        """Plan the shown question's FSRS review for each rating while it is read, as the
        flashcard screen does for a turned card: its answer then applies the plan
        (quizapp.core.review_plan; 0.2-0.3 ms, docs/performance.md)."""
        session = self.session
        if session is None or self.busy:  # plan_current checks it is asking
            return
        try:
            session.plan_current()
        except StoreError:  # the answer plans its review itself
            log.exception("could not plan the shown question's review")

    def _update_undo(self) -> None:
        self.undo_button.setVisible(
            self.session is not None and self.session.can_undo
        )

    def _watch_text_undo(self, widget: QWidget) -> None:
        """A text field takes Ctrl+Z for its own typing; once it has nothing left to undo,
        Ctrl+Z takes the last answer back instead (see eventFilter)."""
        for kind in (QLineEdit, QTextEdit, QPlainTextEdit):
            for edit in widget.findChildren(kind):
                edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Undo)
            and not _has_typing_to_undo(watched)
            and self.session is not None
            and self.session.can_undo
        ):
            self.undo_answer()
            return True  # the field had nothing to undo: the answer was taken back
        return super().eventFilter(watched, event)

    def _order_tabs(self, widget: QWidget) -> None:
        """Tab order: the answer controls, then Submit/Next, then Leave."""
        # A widget just added brings its children into the focus chain as one run right
        # after itself, so the walk stops where that run ends instead of going round the
        # whole window (~300 widgets, about a millisecond per question).
        last = None
        probe = widget.nextInFocusChain()
        while probe is not widget and probe is not None and widget.isAncestorOf(probe):
            last = probe
            probe = probe.nextInFocusChain()
        if last is not None:
            QWidget.setTabOrder(last, self.submit_button)
            QWidget.setTabOrder(self.submit_button, self.leave_button)
            QWidget.setTabOrder(self.leave_button, self.undo_button)

    def _clear_question(self) -> None:
        if self.question_widget is not None:
            self.question_widget.hide()
            self.question_holder.removeWidget(self.question_widget)
            self.question_widget.deleteLater()
            self.question_widget = None

    def _on_response_changed(self) -> None:
        if self._skip_armed:
            self._skip_armed = False
            self._hint(None)

    def _hint(self, text: str | None) -> None:
        self.hint_label.setText(text or "")
        self.hint_label.setVisible(bool(text))

    def _is_last(self) -> bool:
        s = self.session
        return s is not None and s.position >= s.total  # position is 1-based

    def _update_progress(self) -> None:
        s = self.session
        if s is None:
            return
        total = max(1, s.total)
        done = s.position - 1 + (1 if s.state == "answered" else 0)
        self.progress.setRange(0, total)
        if self.exam:  # answered questions, not the place in the list
            done = total - s.unanswered
        self.progress.setValue(max(0, min(done, total)))
        self.position_label.setText(f"Question {min(s.position, total)} of {total}")
        if s.repeats_mistakes:
            self.position_label.setToolTip("A question you get wrong comes back after three others")

    def _tick(self) -> None:
        s = self.session
        if s is None:
            self.clock.stop()
            return
        if self.busy:  # the session is in the writer's hands until the answer commits
            return
        if s.finished:
            self._finish()
            return
        if s.time_up:  # the answer on screen is collected, or the session closed, as an op
            if not self._collect_at_time_up():
                self._finish_at_time_up()
            return
        left = s.time_left
        if left is not None:
            self.timer_label.setText(f"Time left {format_seconds(left)}")
            if left < 60:  # the last minute stands out (colour and weight, not colour alone)
                _, wrong = grade_colours(self.timer_label.palette())
                self.timer_label.setStyleSheet(f"color: {wrong.name()}; font-weight: bold;")
            else:
                self.timer_label.setStyleSheet("")

    def _finish(self) -> None:
        self.clock.stop()
        # A Leave or Hand in question still open (the time ran out while it asked) is
        # answered "no": the session is over, and its results show instead.
        close_open_questions(self)
        session = self.session
        self._clear_question()
        self._next.discard()
        self.feedback.hide()
        self.undo_button.hide()
        if session is None:
            return
        self.session = None
        self.session_finished.emit(session)


def _self_rated_widget(widget: QuestionWidget) -> FlashcardWidget | None:
    """The widget as a card to turn and rate when its kind is self-rated (the kind table
    says so: quizapp.core.kinds), else None. widget_for gives a self-rated kind the card
    widget."""
    if not self_rated(widget.question):
        return None
    return cast("FlashcardWidget", widget)


def _has_typing_to_undo(edit: QObject) -> bool:
    if isinstance(edit, QLineEdit):
        return edit.isUndoAvailable()
    if isinstance(edit, QTextEdit | QPlainTextEdit):
        return edit.document().isUndoAvailable()
    return False
