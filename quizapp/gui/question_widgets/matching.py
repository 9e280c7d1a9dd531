"""The matching widget: a combo box of right-hand sides for every left-hand item."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
)

from quizapp.core.model import (
    Matching,
)
from quizapp.gui.question_widgets.base import (
    QuestionWidget,
    _digit_of,
    _WrapLabel,
    mark_label,
    plain_text,
    set_bank_text,
)


class MatchingWidget(QuestionWidget):
    """A combo box of right-hand sides for every left-hand item."""

    question: Matching

    def _build_answer(self, layout):
        pairs = self.question.pairs
        order = self.arrangement.order  # the right-hand column, as shown
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.combos: list[QComboBox] = []
        self.marks: list[QLabel] = []
        for i, (left, _right) in enumerate(pairs):
            label = _WrapLabel()
            set_bank_text(label, left, self.bank_dir)
            combo = QComboBox()
            combo.addItem("— choose —", None)
            for number, j in enumerate(order, start=1):  # the number is its key (1-9)
                combo.addItem(f"{number}. {plain_text(pairs[j][1]) or pairs[j][1]}", j)
            combo.installEventFilter(self)  # digits pick (see eventFilter), not search
            combo.setAccessibleName(f"Match for {plain_text(left)}")
            combo.setToolTip(
                f"Choose what matches “{plain_text(left)}” (Alt+Down opens the list; Tab moves on)"
            )
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda *_: self.response_changed.emit())
            label.setBuddy(combo)
            mark = QLabel()
            mark.hide()
            grid.addWidget(label, i, 0)
            grid.addWidget(combo, i, 1)
            grid.addWidget(mark, i, 2)
            self.combos.append(combo)
            self.marks.append(mark)
        layout.addLayout(grid)

    def response(self):
        return [combo.currentData() for combo in self.combos]

    def is_answered(self):
        return any(combo.currentData() is not None for combo in self.combos)

    def choose(self, left_index: int, pair_index: int) -> None:
        """Match left item `left_index` with the right side of pair `pair_index`."""
        combo = self.combos[left_index]
        combo.setCurrentIndex(combo.findData(pair_index))

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress and watched in self.combos:
            number = _digit_of(event)
            if number is not None and self.pick(number):
                return True
        return super().eventFilter(watched, event)

    def pick(self, number):
        """Key `number` picks the number-th answer for the focused item (else the first
        item not matched yet), then moves on to the next item."""
        combos = [c for c in self.combos if c.isEnabled()]
        if not combos:
            return False
        focused = next((c for c in combos if c.hasFocus()), None)
        combo = focused or next((c for c in combos if c.currentData() is None), combos[0])
        if not 1 <= number < combo.count():
            return False
        combo.setCurrentIndex(number)  # item 0 is "— choose —"
        following = combos.index(combo) + 1
        (combos[following] if following < len(combos) else combo).setFocus(
            Qt.FocusReason.ShortcutFocusReason)
        return True

    def focus_answer(self):
        if self.combos:
            self.combos[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_controls_enabled(self, enabled):
        for combo in self.combos:
            combo.setEnabled(enabled)

    def _mark(self, grade):
        for i, (combo, mark) in enumerate(zip(self.combos, self.marks, strict=True)):
            right = combo.currentData() == i or (
                combo.currentData() is not None
                and self.question.pairs[combo.currentData()][1] == self.question.pairs[i][1]
            )
            if right:
                mark_label(mark, True)
            else:
                mark_label(mark, False, f"right: {plain_text(self.question.pairs[i][1])}")


# --------------------------------------------------------------------------- ordering
