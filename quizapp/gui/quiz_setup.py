"""The dialog before a quiz: mode, number of questions, tags, shuffle, time limit."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.model import Bank
from quizapp.core.plural import counted
from quizapp.gui.shrinking_combo import ShrinkingCombo
from quizapp.gui.theme import indicator_palette, scale_text, theme_for_palette

MODES = (
    ("quiz", "Quiz — feedback after each answer"),
    ("exam", "Exam — all feedback at the end"),
    ("practice", "Practice — a wrong answer comes back a few questions later, until right"),
)
DEFAULT_COUNT = 20
# The dialog's title for each mode: it follows the mode picked ("Start practice" stayed
# on a dialog switched to Exam).
STARTS = {"quiz": "Start a quiz", "exam": "Start an exam", "practice": "Start practice"}


class AtMostSpinBox(QSpinBox):
    """A spin box in which a number typed over its maximum is taken as the maximum: "999"
    questions of 46 is all 46, "999" minutes the longest time limit. A plain spin box refused the second "9", so "999" left
    9 questions, unnoticed, where the learner asked for all of them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCorrectionMode(QSpinBox.CorrectionMode.CorrectToNearestValue)

    def _typed_over(self, text: str) -> bool:
        digits = text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()
        return digits.isdigit() and int(digits) > self.maximum()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:  # Qt override
        if self._typed_over(text):  # kept as typed; Enter or leaving the box clamps it
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def fixup(self, text: str) -> str:  # Qt override
        return str(self.maximum()) if self._typed_over(text) else super().fixup(text)


@dataclass(frozen=True)
class QuizOptions:
    mode: str = "quiz"  # "quiz" | "exam" | "practice"
    count: int | None = None  # None: every matching question
    tags: tuple[str, ...] = ()  # empty: every question
    shuffle: bool = True
    time_limit: float | None = None  # seconds


def matching_questions(bank: Bank, tags=(), mode: str = "quiz",
                       suspended: Container[str] = ()) -> list:
    """The bank's questions that carry any of `tags` (all of them without tags); an exam
    leaves out flashcards (QuizSession: its score is never self-rated), practice the cards
    the learner suspended (`suspended`: their question ids), as QuizSession does."""
    from quizapp.core.session_base import self_rated

    wanted = set(tags)
    pool = [q for q in bank.questions if not wanted or wanted.intersection(q.tags)]
    if mode == "exam":
        pool = [q for q in pool if not self_rated(q)]
    elif mode == "practice" and suspended:
        pool = [q for q in pool if q.id not in suspended]
    return pool


def build_session(store, learner_id: int, bank: Bank, options: QuizOptions, *, seed=None):
    """A QuizSession for `options` (the store records every answer as it is given)."""
    from quizapp.core.session import QuizSession

    return QuizSession(
        store,
        learner_id,
        bank,
        mode=options.mode,
        count=options.count,
        tags=tuple(options.tags),
        shuffle=options.shuffle,
        time_limit=options.time_limit,
        seed=seed,
    )


class QuizSetupDialog(QDialog):
    """Choose how to run a quiz on `bank`; `options()` after exec() returns Accepted.
    `suspended`: the question ids of the cards the learner suspended, which practice
    leaves out (its count said "of 30" for a practice of 27)."""

    def __init__(
        self, bank: Bank, parent: QWidget | None = None, options: QuizOptions | None = None,
        suspended: Container[str] = (),
    ):
        super().__init__(parent)
        self.bank = bank
        self.suspended = suspended
        self._counted = False  # the count is set to its default the first time
        self.setAccessibleName("Quiz setup")
        options = options or QuizOptions()

        layout = QVBoxLayout(self)
        title = QLabel(bank.title)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        scale_text(title, 1.3)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        title.setAccessibleName("Bank")
        layout.addWidget(title)

        form = QFormLayout()
        layout.addLayout(form)

        # As wide as its longest mode where there is room, else shorter: zoomed on an 800 px
        # screen the whole practice line made the dialog 1184 px wide, Start off screen.
        # A mode cut short ("…") reads whole in the open list and in the tooltips.
        self.mode_combo: QComboBox = ShrinkingCombo(max(len(text) for _, text in MODES), 12)
        for key, text in MODES:
            self.mode_combo.addItem(text, key)
            self.mode_combo.setItemData(self.mode_combo.count() - 1, text,
                                        Qt.ItemDataRole.ToolTipRole)
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(options.mode)))
        self.mode_combo.setAccessibleName("Mode")
        self.mode_combo.currentIndexChanged.connect(self._update_mode_tip)
        self._update_mode_tip()
        form.addRow("&Mode:", self.mode_combo)

        self.count_spin = AtMostSpinBox()
        self.count_spin.setAccessibleName("Number of questions")
        self.count_spin.setToolTip("How many questions to ask (Alt+N)")
        self.count_spin.setMinimum(1)
        self.available_label = QLabel()
        self.available_label.setWordWrap(True)  # "(an exam leaves out 3 flashcards)", zoomed
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_spin)
        count_row.addWidget(self.available_label, 1)
        count_label = QLabel("&Number of questions:")
        count_label.setBuddy(self.count_spin)
        form.addRow(count_label, count_row)

        self.tag_list = QListWidget()
        # Its tick boxes outlined at 3:1, as check boxes are (theme.indicator_palette; the
        # dialog is modal: the theme cannot change while it is open).
        self.tag_list.setPalette(indicator_palette(theme_for_palette(self.tag_list.palette())))
        self.tag_list.setAccessibleName("Tags")
        self.tag_list.setToolTip(
            "Ask only questions with the ticked tags; none ticked asks every question "
            "(Alt+T, then Space ticks)"
        )
        for tag in bank.all_tags:
            item = QListWidgetItem(tag)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if tag in options.tags else Qt.CheckState.Unchecked
            )
            self.tag_list.addItem(item)
        self.tag_list.itemChanged.connect(self._update_count)
        tags_label = QLabel("&Tags:")
        tags_label.setBuddy(self.tag_list)
        if bank.all_tags:
            form.addRow(tags_label, self.tag_list)
        else:
            self.tag_list.hide()

        self.shuffle_box = QCheckBox("&Shuffle the questions")
        self.shuffle_box.setChecked(options.shuffle)
        self.shuffle_box.setAccessibleName("Shuffle the questions")
        self.shuffle_box.setToolTip("Ask the questions in a random order (Alt+S)")
        form.addRow(self.shuffle_box)

        self.time_box = QCheckBox("T&ime limit:")
        self.time_box.setAccessibleName("Time limit")
        self.time_box.setToolTip("Finish the quiz when the time runs out (Alt+I)")
        # "999" minutes is the longest limit, not "99" (a plain box refused the third 9).
        self.minutes_spin = AtMostSpinBox()
        self.minutes_spin.setRange(1, 600)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setAccessibleName("Time limit in minutes")
        self.minutes_spin.setToolTip("Minutes for the whole quiz")
        if options.time_limit:
            self.time_box.setChecked(True)
            self.minutes_spin.setValue(max(1, round(options.time_limit / 60)))
        else:
            self.minutes_spin.setValue(10)
        self.minutes_spin.setEnabled(self.time_box.isChecked())
        self.time_box.toggled.connect(self.minutes_spin.setEnabled)
        time_row = QHBoxLayout()
        time_row.addWidget(self.time_box)
        time_row.addWidget(self.minutes_spin)
        time_row.addStretch(1)
        form.addRow(time_row)

        # Made in the dialog, so that Start is its default button for good: made outside,
        # a Tab through Start and Cancel left Cancel the default, and Enter in a box cancelled.
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.start_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText("Start")
        self.start_button.setAccessibleName("Start the quiz")
        self.start_button.setToolTip("Start the quiz (Enter)")
        self.start_button.setDefault(True)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        cancel.setToolTip("Close without starting (Esc)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._fit_tag_list()
        self._update_count()
        self._update_title()
        self.mode_combo.currentIndexChanged.connect(self._update_count)
        self.mode_combo.currentIndexChanged.connect(self._update_title)
        if options.count:
            self.count_spin.setValue(min(options.count, self.count_spin.maximum()))
        self.mode_combo.setFocus()

    def _fit_tag_list(self) -> None:
        """The tags list as tall as up to 7 of its rows, in the font it shows them in: the
        window's zoomed style reaches the dialog when it is polished (measured before,
        the rows of a zoomed list were cut off behind a scroll bar)."""
        self.ensurePolished()  # the dialog and its widgets, in the window's style
        rows = min(max(self.tag_list.count(), 2), 7)
        self.tag_list.setFixedHeight(
            rows * self.tag_list.sizeHintForRow(0) + 2 * self.tag_list.frameWidth() + 4
        )

    def _update_mode_tip(self, *_) -> None:
        self.mode_combo.setToolTip(f"{self.mode_combo.currentText()}\n"
                                   "Quiz, exam (feedback at the end) or practice (Alt+M)")

    def _update_title(self) -> None:
        start = STARTS.get(self.mode_combo.currentData(), STARTS["quiz"])
        self.setWindowTitle(f"{start} — {self.bank.title}")

    def selected_tags(self) -> tuple[str, ...]:
        return tuple(
            self.tag_list.item(i).text()
            for i in range(self.tag_list.count())
            if self.tag_list.item(i).checkState() == Qt.CheckState.Checked
        )

    def set_tags(self, tags) -> None:
        wanted = set(tags)
        for i in range(self.tag_list.count()):
            item = self.tag_list.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked
            )

    def _available(self) -> int:
        """How many questions the mode and the ticked tags leave to ask."""
        return len(matching_questions(self.bank, self.selected_tags(),
                                      self.mode_combo.currentData(), self.suspended))

    def _update_count(self, *_):
        mode = self.mode_combo.currentData()
        available = self._available()
        first = not self._counted
        self._counted = True
        was_all = self.count_spin.value() >= self.count_spin.maximum()
        self.count_spin.setMaximum(max(1, available))
        if first or was_all:
            self.count_spin.setValue(min(max(1, available), DEFAULT_COUNT))
        self.start_button.setEnabled(available > 0)
        # an exam is scored by the app, never self-rated; practice leaves suspended cards out
        left_out = len(matching_questions(self.bank, self.selected_tags())) - available
        if available:
            text = f"of {available}"
            if left_out and mode == "exam":
                text += f" (an exam leaves out {counted(left_out, 'flashcard')})"
            elif left_out:
                text += f" (practice leaves out {counted(left_out, 'suspended card')})"
        elif left_out and mode == "exam":
            text = "only flashcards: an exam needs questions the app grades"
        elif left_out:
            text = ("every question here is a card you suspended: bring some back with "
                    "More > Suspended cards… on the flashcard screen")
        else:
            text = "no question has these tags"
        self.available_label.setText(text)

    def options(self) -> QuizOptions:
        available = self._available()
        count = self.count_spin.value()
        return QuizOptions(
            mode=self.mode_combo.currentData(),
            count=None if count >= available else count,
            tags=self.selected_tags(),
            shuffle=self.shuffle_box.isChecked(),
            time_limit=self.minutes_spin.value() * 60.0 if self.time_box.isChecked() else None,
        )
