"""The matching widget: a combo box of right-hand sides for every left-hand item.

The keys, one scheme: a digit picks that answer (numbered in the list under the items,
as in each drop-down) for the focused item and moves the focus to the next item; Tab
moves one item without picking; picking for the last item hands the focus on to the
screen's Submit button (answer_completed), never into an exam's question list.

With ten answers or more, digits typed together are one number ('1' '0': answer 10), as
the exam's question list reads them: a digit that could begin a longer number ('1' of
eleven answers) picks its answer at once but keeps the item for a keyboard input
interval, so that a second digit can make it 10 or 11; then, or at a digit that cannot
follow ('1' '5' of eleven: 5 is for the next item), the focus moves on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
)

from quizapp.core.grades import Grade
from quizapp.core.kinds.base import Response
from quizapp.core.kinds.matching import offered, offered_for
from quizapp.core.model import (
    Matching,
)
from quizapp.gui.answer_combo import AnswerCombo
from quizapp.gui.question_widgets.base import (
    QuestionWidget,
    TypedNumber,
    _digit_of,
    _WrapLabel,
    digit_key,
    mark_label,
    plain_text,
    set_bank_text,
)

MIN_ANSWER_CHARS = 10  # the least a drop-down shows of an answer, in characters


class MatchingWidget(QuestionWidget):
    """A combo box of right-hand sides for every left-hand item."""

    question: Matching

    def _build_answer(self, layout: QVBoxLayout) -> None:
        pairs = self.question.pairs
        # The right-hand column as shown, each right side once: two items may share one
        # (cat -> mammal, dog -> mammal), which is then one answer to pick for both.
        order = offered(self.question, self.arrangement.order)
        self._offer = order
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.combos: list[QComboBox] = []
        self.marks: list[QLabel] = []
        # The item a digit was picked for while a second digit may still follow, the
        # digits typed so far and when; the timer moves on when none follows in time.
        self._held: QComboBox | None = None
        self._typed = TypedNumber()
        self._move_on_timer = QTimer(self)
        self._move_on_timer.setSingleShot(True)
        self._move_on_timer.timeout.connect(self._move_on_from_held)
        numbered = [  # "1. Commerce": the key that picks it, as in the drop-down
            f"{number}. {plain_text(pairs[j][1]) or pairs[j][1]}"
            for number, j in enumerate(order, start=1)
        ]
        for i, (left, _right) in enumerate(pairs):
            label = _WrapLabel()
            set_bank_text(label, left, self.bank_dir)
            combo = AnswerCombo()  # whole words, its open list inside the window
            combo.addItem("— choose —", None)
            for text, j in zip(numbered, order, strict=True):  # the number is its key
                combo.addItem(text, j)
            combo.installEventFilter(self)  # digits pick (see eventFilter), not search
            combo.setAccessibleName(f"Match for {plain_text(left)}")
            combo.setToolTip(
                f"Choose what matches “{plain_text(left)}”: its number key picks it and"
                " moves to the next item (Alt+Down opens the list; Tab moves on)"
            )
            # Never wider than the card: as wide as its longest answer made the card wider
            # than a small, zoomed window (clipped, a horizontal scroll bar). Narrowed, it
            # shows a long answer's first words and "…"; the legend below has each one
            # whole, and so does the open list, wrapped (gui/answer_combo.py).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(MIN_ANSWER_CHARS)
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
        heading.setWordWrap(True)  # zoomed, on one line it made the card wider than the window
        layout.addWidget(heading)
        self.legend_labels: list[QLabel] = []
        for text in numbered:
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)  # bank text, never HTML
            label.setWordWrap(True)
            label.setContentsMargins(16, 0, 0, 0)
            layout.addWidget(label)
            self.legend_labels.append(label)
        count = len(numbered)
        keys = "1–9" if count >= 9 else f"1–{count}"
        together = " (answers 10 and up: both digits quickly, 1 then 0)" if count >= 10 else ""
        self.keys_hint = QLabel(
            f"{keys} picks that answer for the highlighted item{together} and moves to"
            " the next item · Tab moves without picking · after the last item, Enter submits"
        )
        self.keys_hint.setObjectName("keysHint")
        self.keys_hint.setAccessibleName("How to match by keyboard")
        self.keys_hint.setWordWrap(True)
        layout.addWidget(self.keys_hint)

    def response(self) -> list[int | None]:
        return [combo.currentData() for combo in self.combos]

    def restore(self, response: Response) -> None:
        chosen_sides = response if isinstance(response, list) else []
        for combo, chosen in zip(self.combos, chosen_sides, strict=False):
            shown = offered_for(self.question, self._offer, chosen)
            combo.setCurrentIndex(max(0, combo.findData(shown)) if shown is not None else 0)

    def is_answered(self) -> bool:
        return any(combo.currentData() is not None for combo in self.combos)

    def choose(self, left_index: int, pair_index: int) -> None:
        """Match left item `left_index` with the right side of pair `pair_index`."""
        combo = self.combos[left_index]
        combo.setCurrentIndex(combo.findData(offered_for(self.question, self._offer, pair_index)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and isinstance(watched, QComboBox) and watched in self.combos):
            if self._second_digit(watched, event):
                return True
            number = _digit_of(event)
            if number is not None and self.pick(number):
                return True
        return super().eventFilter(watched, event)

    def _second_digit(self, combo: QComboBox, event: QKeyEvent) -> bool:
        """Whether the key was a digit that, typed soon after the one held `combo`,
        makes a longer number it picks (then moves on). A digit that makes no answer's
        number lets the held item go, and is the next item's own."""
        digit = digit_key(event)
        if self._held is not combo or digit is None:
            return False
        number = self._typed.add(digit, most=combo.count() - 1)  # item 0 is "— choose —"
        if len(self._typed.digits) > 1:  # in time, and an answer's number
            combo.setCurrentIndex(number)
            self._move_on_from_held()
            return True
        self._move_on_from_held()  # the held digit was a number of its own
        return digit == 0  # a lone 0 picks nothing: swallowed, not searched

    def pick(self, number: int) -> bool:
        """Key `number` picks the number-th answer for the focused item (else the first
        item not matched yet; with every item matched and none focused, nothing: a stray
        digit on Submit changes no answer), then moves on to the next item, or after the
        last one says the answer is complete (the screen focuses its Submit button).
        When a second digit could make a longer number, the item is held instead (see
        the module's docstring)."""
        combos = [c for c in self.combos if c.isEnabled()]
        focused = next((c for c in combos if c.hasFocus()), None)
        combo = focused or next((c for c in combos if c.currentData() is None), None)
        if combo is None or not 1 <= number < combo.count():
            return False
        if self._held is not None:  # a new number: the one before it is done
            self._move_on_from_held()
            return self.pick(number)
        combo.setCurrentIndex(number)  # item 0 is "— choose —"
        if number * 10 < combo.count():  # '1' of eleven answers: 10 or 11 may follow
            self._held = combo
            self._typed.clear()
            self._typed.add(number, most=combo.count() - 1)
            combo.setFocus(Qt.FocusReason.OtherFocusReason)  # the next digit comes here
            self._move_on_timer.start(QApplication.keyboardInputInterval())
        else:
            self._move_on(combo)
        return True

    def _move_on_from_held(self) -> None:
        """The held item's number is complete: on to the next item, unless the learner
        has gone elsewhere (Tab, a click) meanwhile."""
        combo, self._held = self._held, None
        self._typed.clear()
        self._move_on_timer.stop()
        if combo is not None and combo.isEnabled() and combo.hasFocus():
            self._move_on(combo)

    def _move_on(self, combo: QComboBox) -> None:
        """Focus the item after `combo`, or after the last say the answer is complete."""
        combos = [c for c in self.combos if c.isEnabled()]
        following = combos.index(combo) + 1
        if following < len(combos):
            combos[following].setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.answer_completed.emit()

    def focus_answer(self) -> None:
        if self.combos:
            self.combos[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_controls_enabled(self, enabled: bool) -> None:
        if not enabled:  # submitted: a held item no longer moves on
            self._held = None
            self._typed.clear()
            self._move_on_timer.stop()
        for combo in self.combos:
            combo.setEnabled(enabled)
        self.keys_hint.setVisible(enabled)

    def _mark(self, grade: Grade) -> None:
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
