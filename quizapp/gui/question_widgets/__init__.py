"""One answer widget per question kind, found through the WIDGETS table.

Every widget shows the question's prompt (safe Markdown) and the controls to
answer it, and hands back the learner's answer as the response that
quizapp.core.grading expects (the table in its docstring; the type is
quizapp.core.kinds.base.Response). The quiz screen owns the flow (submit,
feedback, next); these widgets only collect an answer and, once graded, mark it. Each kind's widget is its own module here; what
they share is in base.py.

Keys 1-9 pick choices (multiple choice, true/false, multiple select) and rate a
flashcard (1-4); Alt+Up/Down moves an item of an ordering question.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from quizapp.core.arrangement import Arrangement
from quizapp.core.model import Question
from quizapp.gui.question_widgets.base import (
    RATINGS,
    RIGHT_MARK,
    WRONG_MARK,
    QuestionWidget,
    TypedNumber,
    _ClickableLabel,
    _digit_of,
    digit_key,
    grade_colours,
    mark_label,
    plain_text,
    set_bank_text,
)
from quizapp.gui.question_widgets.cloze import ClozeWidget
from quizapp.gui.question_widgets.flashcard import FlashcardWidget
from quizapp.gui.question_widgets.flow_layout import FlowLayout
from quizapp.gui.question_widgets.matching import MatchingWidget
from quizapp.gui.question_widgets.multiple_choice import MultipleChoiceWidget
from quizapp.gui.question_widgets.multiple_select import MultipleSelectWidget
from quizapp.gui.question_widgets.numeric import NumericWidget
from quizapp.gui.question_widgets.ordering import OrderingWidget
from quizapp.gui.question_widgets.short_answer import ShortAnswerWidget
from quizapp.gui.question_widgets.true_false import TrueFalseWidget

# Kind name (quizapp.core.kinds.KINDS) -> its widget. Every registered kind has one
# (tests/test_kinds.py checks it).
WIDGETS: dict[str, type[QuestionWidget]] = {
    "multiple_choice": MultipleChoiceWidget,
    "true_false": TrueFalseWidget,
    "multiple_select": MultipleSelectWidget,
    "short_answer": ShortAnswerWidget,
    "numeric": NumericWidget,
    "matching": MatchingWidget,
    "ordering": OrderingWidget,
    "cloze": ClozeWidget,
    "flashcard": FlashcardWidget,
}


def widget_for(
    question: Question,
    bank_dir: str | Path | None = None,
    parent: QWidget | None = None,
    arrangement: Arrangement | None = None,
) -> QuestionWidget:
    """The answer widget for `question` (KeyError for an unknown type), its options in
    `arrangement`'s order (None: as written; a session draws a shuffled one for each
    showing, see quizapp.core.arrangement)."""
    widget = WIDGETS.get(question.type)
    if widget is None:
        raise KeyError(f"no answer widget for {question.type} questions")
    return widget(question, bank_dir=bank_dir, parent=parent, arrangement=arrangement)


__all__ = [
    "RATINGS",
    "RIGHT_MARK",
    "WRONG_MARK",
    "WIDGETS",
    "ClozeWidget",
    "FlashcardWidget",
    "FlowLayout",
    "MatchingWidget",
    "MultipleChoiceWidget",
    "MultipleSelectWidget",
    "NumericWidget",
    "OrderingWidget",
    "QuestionWidget",
    "ShortAnswerWidget",
    "TrueFalseWidget",
    "_ClickableLabel",
    "TypedNumber",
    "_digit_of",
    "digit_key",
    "grade_colours",
    "mark_label",
    "plain_text",
    "set_bank_text",
    "widget_for",
]
