"""Buttons in a column for the choice kinds (multiple choice, true/false, multiple select)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
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

ARROW_STEPS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}


class _ChoiceListWidget(QuestionWidget):
    """Buttons in a column, each with its number key and its Markdown text."""

    exclusive = True

    def _choice_texts(self) -> list[str]:
        raise NotImplementedError

    def _display_order(self) -> tuple[int, ...]:
        """Written indexes of the choices, in the order shown."""
        return self.arrangement.order

    def _build_answer(self, layout: QVBoxLayout) -> None:
        # Radio buttons share a group: one Tab stop, the arrows move between them. Check
        # boxes get none: Qt makes a group's buttons one Tab stop whether or not they are
        # exclusive, but moves by arrows only between exclusive ones, so the boxes after
        # the first were reachable by their number keys alone (eventFilter gives them
        # the arrows).
        self.group = QButtonGroup(self) if self.exclusive else None
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
            button.toggled.connect(self._on_toggled)
            if self.group is not None:
                self.group.addButton(button, i)
            else:
                button.installEventFilter(self)
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
        layout.addLayout(grid)

    def _on_toggled(self, checked: bool) -> None:
        # A radio button checked unchecks another: one change, told once.
        if checked or not self.exclusive:
            self.response_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Up / Down on a check box focuses the one above / below and stops at the ends,
        as on radio buttons (a check box alone takes them for Shift+Tab / Tab)."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            step = ARROW_STEPS.get(Qt.Key(event.key()))
            if step is not None and watched in self.buttons and not event.modifiers():
                position = self.buttons.index(watched) + step
                if 0 <= position < len(self.buttons) and self.buttons[position].isEnabled():
                    self.buttons[position].setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

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
        checked = [button for button in self.buttons if button.isChecked()]
        (checked or self.buttons)[0].setFocus(Qt.FocusReason.OtherFocusReason)

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
