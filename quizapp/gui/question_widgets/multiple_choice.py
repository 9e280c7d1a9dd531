"""The multiple_choice widget: one right choice, picked with a radio button or 1-9."""

from __future__ import annotations

from quizapp.core.model import (
    MultipleChoice,
)
from quizapp.gui.question_widgets.choice_list import _ChoiceListWidget


class MultipleChoiceWidget(_ChoiceListWidget):
    question: MultipleChoice

    def _choice_texts(self):
        return [c.text for c in self.question.choices]

    def response(self):
        checked = self._checked()
        return checked[0] if checked else None

    def _written_of(self, response):
        return [] if response is None else [response]

    def _right_indexes(self):
        return {self.question.correct}
