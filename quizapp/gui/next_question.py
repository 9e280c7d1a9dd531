"""The quiz's next question, built hidden while the learner reads the feedback, so that
Next only has to show it (building and polishing a widget takes 5-15 ms). Used by the quiz
screen (gui/quiz_screen.py), which owns the layout the widgets go in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.gui.markdown import bank_dir_of
from quizapp.gui.question_widgets import QuestionWidget, widget_for

if TYPE_CHECKING:
    from PySide6.QtWidgets import QVBoxLayout

    from quizapp.core.arrangement import Arrangement
    from quizapp.core.model import Question
    from quizapp.core.session import QuizSession


class NextQuestion:
    """At most one widget built ahead, in `holder` (hidden): `prebuilt` holds its question,
    its options' order and the widget."""

    def __init__(self, holder: QVBoxLayout):
        self._holder = holder
        self.prebuilt: tuple[Question, Arrangement, QuestionWidget] | None = None

    def build(self, session: QuizSession | None, shown: QuestionWidget | None) -> None:
        """Build the widget of the question `session` asks next (if any, and not built
        yet), laid out at the width of the `shown` one."""
        if session is None or self.prebuilt is not None:
            return
        upcoming = session.upcoming()
        if upcoming is None:
            return
        question, arrangement = upcoming
        widget = widget_for(question, bank_dir=bank_dir_of(session.bank), arrangement=arrangement)
        widget.hide()
        self._holder.addWidget(widget)
        widget.ensurePolished()  # the stylesheet's work, done now rather than on Next
        if shown is not None:  # lay its text out at the width it will have
            widget.resize(shown.size())
            widget.heightForWidth(shown.width())
        self.prebuilt = (question, arrangement, widget)

    def take(self, question: Question, arrangement: Arrangement) -> QuestionWidget | None:
        """The prebuilt widget if it shows this question in this order; else it goes."""
        prebuilt, self.prebuilt = self.prebuilt, None
        if prebuilt is None:
            return None
        built_for, built_order, widget = prebuilt
        if built_for is question and built_order == arrangement:
            return widget
        self._drop(widget)
        return None

    def discard(self) -> None:
        if self.prebuilt is not None:
            widget = self.prebuilt[2]
            self.prebuilt = None
            self._drop(widget)

    def _drop(self, widget: QuestionWidget) -> None:
        self._holder.removeWidget(widget)
        widget.deleteLater()
