"""The short_answer widget: a typed answer."""

from __future__ import annotations

from quizapp.core.model import (
    ShortAnswer,
)
from quizapp.gui.question_widgets.line_edit import _LineEditWidget


class ShortAnswerWidget(_LineEditWidget):
    question: ShortAnswer
