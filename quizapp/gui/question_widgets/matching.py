"""The matching widget: a combo box of right-hand sides for every left-hand item.

The keys, one scheme: a digit picks that answer (numbered in the list under the items,
as in each drop-down) for the focused item and moves the focus to the next item; Tab
moves one item without picking; picking for the last item hands the focus on to the
screen's Submit button (answer_completed), never into an exam's question list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
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
        numbered = [  # "1. Commerce": the key that picks it, as in the drop-down
            f"{number}. {plain_text(pairs[j][1]) or pairs[j][1]}"
            for number, j in enumerate(order, start=1)
        ]
        for i, (left, _right) in enumerate(pairs):
            label = _WrapLabel()
            set_bank_text(label, left, self.bank_dir)
            combo = QComboBox()
            combo.addItem("— choose —", None)
            for text, j in zip(numbered, order, strict=True):  # the number is its key (1-9)
                combo.addItem(text, j)
            combo.installEventFilter(self)  # digits pick (see eventFilter), not search
            combo.setAccessibleName(f"Match for {plain_text(left)}")
            combo.setToolTip(
                f"Choose what matches “{plain_text(left)}”: its number key picks it and"
                " moves to the next item (Alt+Down opens the list; Tab moves on)"
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
        self._build_legend(layout, numbered)

    def _build_legend(self, layout: QVBoxLayout, numbered: list[str]) -> None:
        """The answers with their number keys, in view (not only inside each drop-down),
        and a line on what the keys do."""
        heading = QLabel("Answers (press the number to pick one):")
        heading.setAccessibleName("Answers and their number keys")
        layout.addWidget(heading)
        self.legend_labels: list[QLabel] = []
        for text in numbered:
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)  # bank text, never HTML
            label.setWordWrap(True)
            label.setContentsMargins(16, 0, 0, 0)
            layout.addWidget(label)
            self.legend_labels.append(label)
        self.keys_hint = QLabel(
            "1–9 picks that answer for the highlighted item and moves to the next item ·"
            " Tab moves without picking · after the last item, Enter submits"
        )
        self.keys_hint.setObjectName("keysHint")
        self.keys_hint.setAccessibleName("How to match by keyboard")
        self.keys_hint.setWordWrap(True)
        layout.addWidget(self.keys_hint)

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
        item not matched yet; with every item matched and none focused, nothing: a stray
        digit on Submit changes no answer), then moves on to the next item, or after the
        last one says the answer is complete (the screen focuses its Submit button)."""
        combos = [c for c in self.combos if c.isEnabled()]
        focused = next((c for c in combos if c.hasFocus()), None)
        combo = focused or next((c for c in combos if c.currentData() is None), None)
        if combo is None or not 1 <= number < combo.count():
            return False
        combo.setCurrentIndex(number)  # item 0 is "— choose —"
        following = combos.index(combo) + 1
        if following < len(combos):
            combos[following].setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.answer_completed.emit()
        return True

    def focus_answer(self):
        if self.combos:
            self.combos[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_controls_enabled(self, enabled):
        for combo in self.combos:
            combo.setEnabled(enabled)
        self.keys_hint.setVisible(enabled)

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
