"""The results page: the score, then every question with the learner's answer,
the right answer, right or wrong, feedback, explanation and source.

In exam mode this is the first time the learner sees any feedback.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.grading import expected_text, readable_response
from quizapp.gui.question_widgets import mark_label, set_bank_text
from quizapp.gui.quiz_screen import (
    FEEDBACK_ROWS,
    MODE_NAMES,
    InfoRows,
    bank_dir_of,
    verdict_text,
)

TYPED = ("short_answer", "numeric", "cloze")


def answer_words(question, response) -> str:
    """The learner's answer in words (texts, not indexes)."""
    if response is None:
        return "(no answer)"
    value = readable_response(question, response)
    if value is None:
        return "(no answer)"
    if isinstance(value, bool):
        return "True" if value else "False"
    if question.type == "matching" and isinstance(value, list):
        return "; ".join(
            f"{pair[0]} → {pair[1] if pair[1] is not None else '(none)'}"
            if isinstance(pair, list) and len(pair) == 2
            else str(pair)
            for pair in value
        )
    if question.type == "ordering" and isinstance(value, list):
        return " → ".join(str(v) for v in value)
    if isinstance(value, list):
        return "; ".join(str(v) if v not in (None, "") else "(blank)" for v in value) or "(none)"
    return str(value)


class ResultEntry(QFrame):
    """One question of the review."""

    def __init__(self, number: int, result, bank_dir=None, parent=None):
        super().__init__(parent)
        self.result = result
        question = result.question
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.number_label = QLabel(f"{number}.")
        self.verdict = QLabel()
        grade = result.grade
        if grade is None:
            mark_label(self.verdict, False, "Not answered")
        else:
            right, words = verdict_text(grade)
            mark_label(self.verdict, right, words)
        header.addWidget(self.number_label)
        header.addWidget(self.verdict)
        if result.attempts > 1:
            tries = QLabel(f"({result.attempts} tries)")
            tries.setEnabled(False)
            header.addWidget(tries)
        header.addStretch(1)
        layout.addLayout(header)

        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setAccessibleName("Question")
        layout.addWidget(self.prompt)
        prompt = question.prompt
        if question.type == "cloze":
            prompt = _blank_out(question)
            if question.prompt:
                prompt = f"{question.prompt}\n\n{prompt}"
        set_bank_text(self.prompt, prompt, bank_dir)

        self.rows = InfoRows(FEEDBACK_ROWS)
        layout.addWidget(self.rows)
        words = answer_words(question, result.response)
        typed = question.type in TYPED or result.response is None
        self.rows.set_row("your_answer", words, bank_dir, markdown=not typed)
        expected = grade.expected if grade is not None else expected_text(question)
        self.rows.set_row("expected", expected, bank_dir)
        if grade is not None:
            self.rows.set_row("note", grade.note, markdown=False)
            self.rows.set_row("feedback", grade.feedback, bank_dir)
        self.rows.set_row("explanation", question.explanation, bank_dir)
        self.rows.set_row("source", question.source, markdown=False)


def _blank_out(question) -> str:
    return "".join(
        part if isinstance(part, str) else f"\\_\\_\\_\\_ ({part + 1})"
        for part in question.segments()
    )


class ResultsScreen(QWidget):
    """`show_results(session)` after a QuizSession finished."""

    mistakes_review_requested = Signal(object)  # the finished session
    results_closed = Signal()

    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.session = None
        self.entries: list[ResultEntry] = []
        self.setAccessibleName("Results")

        layout = QVBoxLayout(self)
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setAccessibleName("Bank")
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        layout.addWidget(self.title_label)

        self.score_label = QLabel()
        self.score_label.setAccessibleName("Score")
        font = self.score_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.score_label.setFont(font)
        layout.addWidget(self.score_label)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Summary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName("Review of every question")
        self.review = QWidget()
        self.review_layout = QVBoxLayout(self.review)
        self.review_layout.addStretch(1)
        self.scroll.setWidget(self.review)
        layout.addWidget(self.scroll, 1)

        buttons = QHBoxLayout()
        self.mistakes_button = QPushButton("Review my &mistakes")
        self.mistakes_button.setAccessibleName("Review my mistakes")
        self.mistakes_button.setToolTip(
            "Practise the questions you got wrong until you get each one right (Alt+M)"
        )
        self.mistakes_button.clicked.connect(self._review_mistakes)
        self.done_button = QPushButton("Done")
        self.done_button.setAccessibleName("Done")
        self.done_button.setToolTip("Back to the library (Enter or Esc)")
        self.done_button.clicked.connect(self.results_closed.emit)
        buttons.addStretch(1)
        buttons.addWidget(self.mistakes_button)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_results(self, session) -> None:
        self.session = session
        bank = session.bank
        mode = getattr(session, "mode", "quiz")
        self.title_label.setText(f"{MODE_NAMES.get(mode, mode.title())} results: {bank.title}")
        results = list(session.results)
        right = sum(1 for r in results if r.grade is not None and r.grade.correct)
        self.score_label.setText(f"{round(session.score * 100)}%")
        summary = [f"{right} of {len(results)} question{'s' if len(results) != 1 else ''} right"]
        points = getattr(session, "points", None)
        if points is not None:
            earned, possible = points
            summary.append(f"{_num(earned)} of {_num(possible)} points")
        if getattr(session, "timed_out", False):
            summary.append("time ran out; questions not reached count as wrong")
        elif getattr(session, "abandoned", False):
            summary.append("you left before the end; questions not reached count as wrong")
        self.summary_label.setText(" · ".join(summary))
        self.score_label.setAccessibleDescription(self.summary_label.text())

        for entry in self.entries:
            self.review_layout.removeWidget(entry)
            entry.deleteLater()
        self.entries = []
        bank_dir = bank_dir_of(bank)
        for number, result in enumerate(results, start=1):
            entry = ResultEntry(number, result, bank_dir)
            self.review_layout.insertWidget(self.review_layout.count() - 1, entry)
            self.entries.append(entry)
        self.scroll.verticalScrollBar().setValue(0)
        self.mistakes_button.setVisible(bool(session.mistakes))
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            if event.key() != Qt.Key.Key_Escape and self.mistakes_button.hasFocus():
                self._review_mistakes()
            else:
                self.results_closed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _review_mistakes(self) -> None:
        if self.session is not None and self.session.mistakes:
            self.mistakes_review_requested.emit(self.session)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
