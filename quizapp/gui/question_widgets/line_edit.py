"""A typed answer in one line (short answer, numeric), with its length note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from quizapp.core.grades import Grade
from quizapp.core.kinds.base import Response
from quizapp.core.text_limits import MAX_ANSWER_CHARS
from quizapp.gui.length_note import LengthNote
from quizapp.gui.question_widgets.base import (
    QuestionWidget,
    mark_label,
)


class _LineEditWidget(QuestionWidget):
    placeholder = "Type your answer"

    def _build_answer(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.placeholder)
        self.edit.setAccessibleName("Your answer")
        self.edit.setToolTip(f"{self.placeholder}, then press Enter to submit")
        self.edit.textChanged.connect(lambda *_: self.response_changed.emit())
        row.addWidget(self.edit, 1)
        self._add_after_edit(row)
        self.mark = QLabel()
        self.mark.hide()
        row.addWidget(self.mark)
        layout.addLayout(row)
        self.length_note = LengthNote(MAX_ANSWER_CHARS, "An answer")
        self.length_note.watch(self.edit)
        layout.addWidget(self.length_note)

    def _add_after_edit(self, row: QHBoxLayout) -> None:
        pass

    def response(self) -> str:
        return self.edit.text().strip()

    def restore(self, response: Response) -> None:
        self.edit.setText(str(response or ""))

    def is_answered(self) -> bool:
        return bool(self.edit.text().strip())

    def focus_answer(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_controls_enabled(self, enabled: bool) -> None:
        self.edit.setReadOnly(not enabled)

    def _mark(self, grade: Grade) -> None:
        # an answer worth part of the marks (a short answer's partly_right) is not wrong
        partly = not grade.correct and grade.credit > 0
        mark_label(self.mark, grade.correct, "Partly right" if partly else None)
