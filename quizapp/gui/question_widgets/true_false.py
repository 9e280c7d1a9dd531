"""The true_false widget: True and False as two choices."""

from __future__ import annotations

from quizapp.core.kinds.base import Response
from quizapp.core.model import (
    TrueFalse,
)
from quizapp.gui.question_widgets.choice_list import _ChoiceListWidget


class TrueFalseWidget(_ChoiceListWidget):
    question: TrueFalse

    def _choice_texts(self) -> list[str]:
        return ["True", "False"]

    def _display_order(self) -> tuple[int, ...]:
        return (0, 1)  # True then False, always

    def response(self) -> bool | None:
        checked = self._checked()
        return (checked[0] == 0) if checked else None

    def _written_of(self, response: Response) -> list[int]:
        return [] if response is None else [0 if response else 1]

    def _right_indexes(self) -> set[int]:
        return {0 if self.question.answer else 1}
