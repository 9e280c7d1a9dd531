"""The multiple_select widget: check boxes, any number picked."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
)

from quizapp.core.model import (
    MultipleSelect,
)
from quizapp.gui.question_widgets.choice_list import _ChoiceListWidget


class MultipleSelectWidget(_ChoiceListWidget):
    question: MultipleSelect
    exclusive = False

    def _build_answer(self, layout):
        hint = QLabel("Pick every right answer.")
        hint.setEnabled(False)  # drawn in the palette's muted text colour
        layout.addWidget(hint)
        super()._build_answer(layout)

    def _choice_texts(self):
        return [c.text for c in self.question.choices]

    def response(self):
        return self._checked()

    def _written_of(self, response):
        return list(response or [])

    def _right_indexes(self):
        return set(self.question.correct)


# --------------------------------------------------------------------------- typed answers
