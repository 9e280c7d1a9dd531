"""The multiple_select widget: check boxes, any number picked."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
)

from quizapp.core.kinds.base import Response
from quizapp.core.model import (
    MultipleSelect,
)
from quizapp.gui.question_widgets.choice_list import _ChoiceListWidget


class MultipleSelectWidget(_ChoiceListWidget):
    question: MultipleSelect
    exclusive = False

    def _build_answer(self, layout: QVBoxLayout) -> None:
        hint = QLabel("Pick every right answer.")
        hint.setEnabled(False)  # drawn in the palette's muted text colour
        layout.addWidget(hint)
        super()._build_answer(layout)

    def _choice_texts(self) -> list[str]:
        return [c.text for c in self.question.choices]

    def response(self) -> list[int]:
        return self._checked()

    def _written_of(self, response: Response) -> list[int]:
        return [i for i in response if isinstance(i, int)] if isinstance(response, list) else []

    def _right_indexes(self) -> set[int]:
        return set(self.question.correct)


# --------------------------------------------------------------------------- typed answers
