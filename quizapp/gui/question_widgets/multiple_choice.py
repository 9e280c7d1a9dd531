"""The multiple_choice widget: one right choice, picked with a radio button or 1-9."""

from __future__ import annotations

from quizapp.core.kinds.base import Response
from quizapp.core.model import (
    MultipleChoice,
)
from quizapp.gui.question_widgets.choice_list import _ChoiceListWidget


class MultipleChoiceWidget(_ChoiceListWidget):
    question: MultipleChoice

    def _choice_texts(self) -> list[str]:
        return [c.text for c in self.question.choices]

    def response(self) -> int | None:
        checked = self._checked()
        return checked[0] if checked else None

    def _written_of(self, response: Response) -> list[int]:
        return [response] if isinstance(response, int) else []

    def _right_indexes(self) -> set[int]:
        return {self.question.correct}
