"""The numeric widget: a typed number, with its unit beside the box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
)

from quizapp.core.kinds.numeric import units_shown, unreadable
from quizapp.core.model import (
    Numeric,
)
from quizapp.gui.question_widgets.line_edit import _LineEditWidget


class NumericWidget(_LineEditWidget):
    question: Numeric
    placeholder = "Type a number"

    def _add_after_edit(self, row: QHBoxLayout) -> None:
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.edit.setMaximumWidth(240)
        # the other units too: "150 cm" is right for 1.5 m, and a learner should know it
        units = units_shown(self.question)
        self.unit_label = QLabel(units)
        self.unit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.unit_label.setVisible(bool(units))
        if self.question.unit:
            self.edit.setAccessibleName(f"Your answer, in {units}")
            others = ", ".join(name for name, _ in self.question.other_units)
            after = f" (or a number with {others} after it)" if others else ""
            self.edit.setToolTip(
                f"Type a number in {self.question.unit}{after}, then press Enter to submit"
            )
        row.addWidget(self.unit_label)
        row.addStretch(1)

    def answer_problem(self) -> str | None:
        text = self.edit.text().strip()
        why = unreadable(self.question, text)
        if why is None:
            return None
        unit = f" (in {self.question.unit})" if self.question.unit else ""
        return (f"“{text[:40]}” {why}. Type the number{unit} with "
                "digits, such as 1995 or 2.5, then press Enter.")


# --------------------------------------------------------------------------- matching
