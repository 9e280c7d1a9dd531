"""Preview and try: the question as a learner sees it, and its grading.

The question is built by the same loader as the app (the selected question's
text under a stub bank header), shown in the real question widget, and
graded by the same grader as a quiz and `quizapp try`: answer in the widget
and press "Grade my answer", or type an answer in try's text form.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.answer_text import AnswerFormError, parse_answer
from quizapp.core.grading import Grade, grade
from quizapp.core.loader import load_bank_text
from quizapp.core.model import Question

if TYPE_CHECKING:  # the widgets load only when a preview is first shown
    from quizapp.gui.question_widgets import QuestionWidget


def question_from_block(block: str, path: str | None) -> tuple[Question | None, str]:
    """The question written in one block of a bank, or None and why not."""
    text = "title: preview\nquestions:\n" + (block if block.endswith("\n") else block + "\n")
    where = os.path.join(os.path.dirname(path), "preview.yaml") if path else "<preview>"
    result = load_bank_text(text, where)
    errors = [p.message for p in result.problems if p.severity == "error"]
    if result.bank is None or not result.bank.questions:
        return None, errors[0] if errors else "this question cannot be shown yet"
    return result.bank.questions[0], ""


def describe(g: Grade) -> str:
    verdict = "Right" if g.correct else ("Partly right" if g.credit > 0 else "Wrong")
    told = [t for t in (g.note, g.feedback) if t]
    expected = f" Expected: {g.expected}." if g.expected and not g.correct else ""
    return f"{verdict}, credit {g.credit:.2f}.{expected}" + ("\n" + "\n".join(told) if told else "")


class PreviewPane(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.question: Question | None = None
        self.widget: QuestionWidget | None = None
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Preview message")
        layout.addWidget(self.message)
        self.holder = QVBoxLayout()
        layout.addLayout(self.holder, 1)
        row = QHBoxLayout()
        self.grade_button = QPushButton("&Grade my answer")
        self.grade_button.setAccessibleName("Grade the answer given in the preview")
        self.grade_button.clicked.connect(self.grade_widget)
        row.addWidget(self.grade_button)
        row.addStretch(1)
        layout.addLayout(row)
        try_row = QHBoxLayout()
        self.try_edit = QLineEdit()
        self.try_edit.setAccessibleName("Try an answer")
        self.try_edit.setPlaceholderText('Try an answer as with quizapp try: b · "b; d" · "1=c, 2=a" · renew | voluntary')
        self.try_edit.returnPressed.connect(self.try_text)
        try_row.addWidget(self.try_edit, 1)
        self.try_button = QPushButton("&Try")
        self.try_button.setAccessibleName("Grade the typed answer")
        self.try_button.clicked.connect(self.try_text)
        try_row.addWidget(self.try_button)
        layout.addLayout(try_row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Grade")
        layout.addWidget(self.result)

    def show_block(self, block: str, path: str | None) -> None:
        from quizapp.gui.question_widgets import widget_for

        question, why = question_from_block(block, path)
        if self.widget is not None:
            self.widget.setParent(None)
            self.widget.deleteLater()
            self.widget = None
        self.question = question
        self.result.setText("")
        enabled = question is not None
        for control in (self.grade_button, self.try_edit, self.try_button):
            control.setEnabled(enabled)
        if question is None:
            self.message.setText(f"No preview: {why}")
            return
        self.message.setText("As the learner sees it (choices in the written order):")
        self.widget = widget_for(question, os.path.dirname(path) if path else None)
        self.holder.addWidget(self.widget)

    def grade_widget(self) -> None:
        if self.question is None or self.widget is None:
            return
        self.result.setText(describe(grade(self.question, self.widget.previewed_response())))

    def try_text(self) -> None:
        if self.question is None:
            return
        try:
            response = parse_answer(self.question, self.try_edit.text())
        except AnswerFormError as exc:
            self.result.setText(f"Cannot read that answer: {exc}")
            return
        self.result.setText(describe(grade(self.question, response)))
