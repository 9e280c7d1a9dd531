"""The exam's question list: go back to any question, flag it, hand the exam in.

A passive view over an exam QuizSession (quizapp.core.quiz_session): the quiz screen
shows it beside the question in exam mode and calls ``show_session`` after every
change. It says for each question whether it is answered and flagged, never whether
the answer is right (exam feedback is held to the end). In the list, a digit shows the
question of that number, and Enter goes into the question shown (and only that: the
Enter is not also taken as an answer to it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.grading import readable_response, response_words
from quizapp.core.kinds import kind_of
from quizapp.core.quiz_session import QuizSession
from quizapp.core.session_base import QuestionResult
from quizapp.gui.leave_dialog import safe_question_box
from quizapp.gui.question_widgets import TypedNumber, digit_key, plain_text
from quizapp.gui.tips import plain_tip

FLAG_MARK = "⚑"
ANSWERED_MARK = "●"
UNANSWERED_MARK = "○"
PROMPT_CHARS = 40  # a list entry shows the start of its prompt, to recognise the question
# A space as wide as a digit: one before "9" puts it under the "0" of "10", and the marks
# and prompts of rows 1-9 and 10 on in one column (the digits of the app's fonts are all of
# one width, as most fonts' are).
FIGURE_SPACE = "\u2007"


def lined_up(number: int, entry: str, last: int) -> str:
    """`entry` (which starts with `number`) with its number right-aligned under `last`'s."""
    return FIGURE_SPACE * (len(str(last)) - len(str(number))) + entry


def entry_text(number: int, prompt: str, answered: bool, flagged: bool) -> str:
    """One line of the list: "3 ● ⚑ Which city…" (marks are words for screen readers
    through the entry's accessible text). The flag comes before the prompt: after it,
    a prompt longer than the list is wide cut it off ("…"), and no flag showed."""
    words = " ".join(plain_text(prompt).split())
    if len(words) > PROMPT_CHARS:
        words = words[: PROMPT_CHARS - 1].rstrip() + "…"
    mark = ANSWERED_MARK if answered else UNANSWERED_MARK
    return f"{number} {mark} " + (f"{FLAG_MARK} " if flagged else "") + words


def _what_it_asks(question) -> str:
    """The question's prompt; for one without (a cloze written as its text alone), what
    its card shows: the text with its blanks."""
    if question.prompt.strip():
        return question.prompt
    kind = kind_of(question)
    return kind.card_front(question) if kind is not None else ""


def answer_summary(result: QuestionResult) -> str:
    """The answer given, as plain text, to remind the learner what they chose: the bank's
    texts of the choices (Markdown) as the words the card shows ("quizapp validate", not
    "`quizapp validate`"); what the learner typed, as typed."""
    shown = readable_response(result.question, result.response)
    if shown is None or shown == "" or shown == []:
        return "no answer (skipped)"
    words = response_words(result.question, result.response)
    kind = kind_of(result.question)
    if kind is not None and kind.learner_typed:  # their words, not Markdown
        return words
    return plain_text(words)



def ask_to_hand_in(parent: QWidget, unanswered: int) -> bool:
    """Hand in with questions not answered? The safe answer, going back, is the default:
    Enter or Esc go back; "Hand in" must be chosen (a click, or Tab to it and Space)."""
    noun = "question is" if unanswered == 1 else "questions are"
    box, hand_in, _back = safe_question_box(
        parent, "hand_in_confirmation", "Hand in the exam?",
        f"{unanswered} {noun} not answered. Hand in anyway?",
        "A question not answered counts as wrong.",
        act=("Hand in", "hand_in"), safe=("Go back to the exam", "go_back"),
    )
    box.exec()
    return box.clickedButton() is hand_in


class ExamPanel(QWidget):
    """Question list, "Flag this question" and "Hand in" for an exam."""

    question_chosen = Signal(int)  # the 0-based number of the question picked in the list
    flag_toggled = Signal(bool)  # the learner flagged (True) or unflagged the question shown
    hand_in_requested = Signal()

    def __init__(self, parent=None, *, waiting: Callable[[], bool] = lambda: False):
        super().__init__(parent)
        self._typed = TypedNumber()  # the digits of a question's number typed so far
        # While an answer is being saved no other question can show: the highlight stays
        # on the one shown (arrow keys moved it away while a save was slow).
        self._waiting = waiting
        self._shown_row = -1
        self.setAccessibleName("Exam questions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Exam summary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        # "Answer to question 2 saved", beside the list that marks it answered (not on
        # the card of the next question, which is not answered yet).
        self.saved_label = QLabel()
        self.saved_label.setAccessibleName("Answer saved")
        self.saved_label.setWordWrap(True)
        # It wraps to the list's width rather than widening the panel (the card jumped).
        self.saved_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.saved_label.hide()
        layout.addWidget(self.saved_label)
        self.question_list = QListWidget()
        self.question_list.setAccessibleName("Questions of the exam")
        self.question_list.setToolTip(
            "Pick a question to go back to it; ● answered, ○ not yet, ⚑ flagged"
        )
        self.question_list.setWordWrap(False)
        self.question_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Long prompts end in "…" (each row's tooltip has the whole text), not a scroll bar.
        self.question_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.question_list.setUniformItemSizes(True)
        # A digit shows the question of that number (as the list numbers them), rather
        # than the list's type-ahead search only highlighting it.
        self.question_list.installEventFilter(self)
        self.question_list.currentRowChanged.connect(self._row_changed)
        self.question_list.itemActivated.connect(self._chosen)
        self.question_list.itemClicked.connect(self._chosen)
        layout.addWidget(self.question_list, 1)
        self.flag_button = QPushButton("Flag this question")
        self.flag_button.setCheckable(True)
        self.flag_button.setAccessibleName("Flag this question to come back to it")
        self.flag_button.setToolTip("A flag is a note to yourself; it does not change the score")
        self.flag_button.toggled.connect(self._say_flagged)
        self.flag_button.toggled.connect(self.flag_toggled.emit)
        layout.addWidget(self.flag_button)
        self.hand_in_button = QPushButton("Hand in")
        self.hand_in_button.setAccessibleName("Hand in the exam")
        self.hand_in_button.setToolTip(
            "Finish the exam and see the results; unanswered questions count as wrong"
        )
        self.hand_in_button.clicked.connect(self.hand_in_requested.emit)
        layout.addWidget(self.hand_in_button)
        self.setMinimumWidth(200)
        self.setMaximumWidth(320)

    def show_session(self, session: QuizSession) -> None:
        """Redraw the list from the session: marks, the current question, the flag."""
        current = session.current
        self.question_list.blockSignals(True)
        self.question_list.clear()
        flagged = session.flagged
        last = len(session.questions)
        for number, question in enumerate(session.questions, 1):
            answered = session.answer_of(question.id) is not None
            is_flagged = question.id in flagged
            entry = entry_text(number, _what_it_asks(question), answered, is_flagged)
            item = QListWidgetItem(lined_up(number, entry, last))
            states = ["answered" if answered else "not answered"]
            if is_flagged:
                states.append("flagged")
            # Heard and shown in the tooltip without the spaces that line the numbers up
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry)
            item.setToolTip(plain_tip(entry))
            item.setData(
                Qt.ItemDataRole.AccessibleDescriptionRole,
                f"Question {number}, " + ", ".join(states),
            )
            self.question_list.addItem(item)
            if current is not None and question.id == current.id:
                self.question_list.setCurrentItem(item)
        self._shown_row = self.question_list.currentRow()
        self.question_list.blockSignals(False)
        self._keep_current_in_view()
        self.flag_button.blockSignals(True)
        self.flag_button.setChecked(current is not None and current.id in flagged)
        self.flag_button.setEnabled(current is not None)
        self.flag_button.blockSignals(False)
        self._say_flagged(self.flag_button.isChecked())
        left = session.unanswered
        total = len(session.questions)
        text = f"{total - left} of {total} answered"
        if flagged:
            text += f", {len(flagged)} flagged"
        self.summary_label.setText(text)

    def _say_flagged(self, flagged: bool) -> None:
        """The button says what pressing it does: checked, it looked as it did unchecked,
        and a learner pressing it again to be sure took the flag off."""
        if flagged:
            self.flag_button.setText(f"{FLAG_MARK} Unflag this question")
            self.flag_button.setAccessibleName("Unflag this question (it is flagged)")
        else:
            self.flag_button.setText("Flag this question")
            self.flag_button.setAccessibleName("Flag this question to come back to it")

    def show_saved(self, number: int | None) -> None:
        """Say the answer to question `number` (1-based) is saved; None: say nothing."""
        if number is None:
            self.saved_label.hide()
            return
        self.saved_label.setText(f"Answer to question {number} saved. Feedback comes at the end.")
        self.saved_label.show()

    def _row_changed(self, row: int) -> None:
        if self._waiting() and row != self._shown_row:
            self.question_list.blockSignals(True)
            self.question_list.setCurrentRow(self._shown_row)
            self.question_list.blockSignals(False)

    def _keep_current_in_view(self) -> None:
        """The shown question's row in view, also after the list was resized (zoomed, the
        list scrolled the current question out of view)."""
        item = self.question_list.currentItem()
        if item is not None:
            self.question_list.scrollToItem(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.question_list and event.type() in (QEvent.Type.Resize,
                                                              QEvent.Type.FontChange):
            self._keep_current_in_view()
        if (
            watched is self.question_list
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # The list would show the question and pass the Enter on to the screen,
                # which took it as "submit" there ("No answer yet…"): it is used up here.
                row = self.question_list.currentRow()
                if row >= 0:
                    self.question_chosen.emit(row)
                return True
            digit = digit_key(event)
            if digit is not None:
                # "1" "2" typed together is question 12; a digit that makes no question
                # with the ones before it starts anew ("2" "3" of nine questions: 3).
                number = self._typed.add(digit, most=self.question_list.count())
                if 1 <= number <= self.question_list.count():
                    self.question_chosen.emit(number - 1)
                    # The question shows, but the keys stay with the list, so that the
                    # next digit makes "12" rather than answering question 1; Enter or
                    # Tab goes into the question.
                    self.question_list.setFocus(Qt.FocusReason.OtherFocusReason)
                return True  # never a silent jump of the highlight
        return super().eventFilter(watched, event)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.question_chosen.emit(self.question_list.row(item))
