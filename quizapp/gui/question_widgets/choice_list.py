"""Buttons in a column for the choice kinds (multiple choice, true/false, multiple select)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from quizapp.core.grades import Grade
from quizapp.core.kinds.base import Response
from quizapp.gui.question_widgets.base import (
    QuestionWidget,
    _ClickableLabel,
    mark_label,
    plain_text,
    set_bank_text,
)


class _ChoiceListWidget(QuestionWidget):
    """Buttons in a column, each with its number key and its Markdown text."""

    exclusive = True

    def _choice_texts(self) -> list[str]:
        raise NotImplementedError

    def _display_order(self) -> tuple[int, ...]:
        """Written indexes of the choices, in the order shown."""
        return self.arrangement.order

    def _build_answer(self, layout: QVBoxLayout) -> None:
        self.group = QButtonGroup(self)
        self.group.setExclusive(self.exclusive)
        self.buttons: list[QAbstractButton] = []  # in the order shown: key 1 is buttons[0]
        self.marks: list[QLabel] = []
        self.order = self._display_order()
        grid = QGridLayout()
        grid.setColumnStretch(3, 1)  # marks sit right after the text, not at the far edge
        grid.setHorizontalSpacing(8)
        texts = self._choice_texts()
        for i, text in enumerate(texts[w] for w in self.order):
            button = QRadioButton() if self.exclusive else QCheckBox()
            key = i + 1
            button.setText(f"{key}." if key <= 9 else "")
            name = plain_text(text) or f"Choice {key}"
            button.setAccessibleName(name)
            tip = f"Choice {key}" + (f" (key {key})" if key <= 9 else "")
            if not self.exclusive:
                tip += " — toggles; you may pick several"
            button.setToolTip(tip)
            self.group.addButton(button, i)
            label = _ClickableLabel(button)
            set_bank_text(label, text, self.bank_dir)
            label.setToolTip(tip)
            mark = QLabel()
            mark.hide()
            grid.addWidget(button, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, i, 1)
            grid.addWidget(mark, i, 2, Qt.AlignmentFlag.AlignVCenter)  # level with its text
            self.buttons.append(button)
            self.marks.append(mark)
        self.group.idToggled.connect(lambda *_: self.response_changed.emit())
        layout.addLayout(grid)

    def key_for(self, written_index: int) -> int:
        """The number key (1-based position on screen) of the choice written at
        `written_index`."""
        return self.order.index(written_index) + 1

    def pick(self, number: int) -> bool:
        index = number - 1
        if not 0 <= index < len(self.buttons) or not self.buttons[index].isEnabled():
            return False
        button = self.buttons[index]
        if self.exclusive:
            button.setChecked(True)
        else:
            button.toggle()
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def focus_answer(self) -> None:
        if not self.buttons:
            return
        checked = self.group.checkedButton()
        (checked or self.buttons[0]).setFocus(Qt.FocusReason.OtherFocusReason)

    def _written_of(self, response: Response) -> list[int]:
        """The written indexes `response` checks."""
        raise NotImplementedError

    def restore(self, response: Response) -> None:
        chosen = set(self._written_of(response))
        for position, button in enumerate(self.buttons):
            button.setChecked(self.order[position] in chosen)

    def _checked(self) -> list[int]:
        """Written indexes of the checked choices, in written order."""
        return sorted(self.order[i] for i, b in enumerate(self.buttons) if b.isChecked())

    def is_answered(self) -> bool:
        return bool(self._checked())

    def _set_controls_enabled(self, enabled: bool) -> None:
        for button in self.buttons:
            button.setEnabled(enabled)

    def _right_indexes(self) -> set[int]:
        raise NotImplementedError

    def _mark(self, grade: Grade) -> None:
        right = self._right_indexes()
        chosen = set(self._checked())
        for position, mark in enumerate(self.marks):
            i = self.order[position]
            if i in right:
                mark_label(mark, True, "right answer" if i not in chosen else "your answer, right")
            elif i in chosen:
                mark_label(mark, False, "your answer, wrong")
