"""The flashcard widget: front, a Show-answer button (Space), then a self-rating 1-4.

A rating is the answer, given at once, as on the flashcard screen (and in Anki): its key,
a click on its button, or Enter (or Space) on the focused button rates the card, and the
quiz screen records it (`rated`) without a second Enter, in a quiz, practice or exam alike.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from quizapp.core.grades import Grade
from quizapp.core.kinds.base import Response
from quizapp.core.model import (
    Flashcard,
)
from quizapp.core.scheduler import RATING_MEANINGS
from quizapp.gui.question_widgets.base import (
    RATINGS,
    QuestionWidget,
    set_bank_text,
)


class FlashcardWidget(QuestionWidget):
    """Front, a Show-answer button (Space), then a self-rating 1-4."""

    question: Flashcard
    rated = Signal(int)  # the learner chose a rating (1-4): the answer is complete

    def _build_answer(self, layout: QVBoxLayout) -> None:
        self.flip_button = QPushButton("Show answer")
        self.flip_button.setAccessibleName("Show answer")
        self.flip_button.setToolTip("Turn the card over (Space or Enter)")
        self.flip_button.clicked.connect(self.flip)
        layout.addWidget(self.flip_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.back_label = QLabel()
        self.back_label.setWordWrap(True)
        self.back_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.back_label.setMargin(8)
        set_bank_text(self.back_label, self.question.back, self.bank_dir)
        self.back_label.setAccessibleName("Back of the card")
        self.back_label.hide()
        layout.addWidget(self.back_label)
        self.rate_hint = QLabel("How well did you know it?")
        self.rate_hint.hide()
        layout.addWidget(self.rate_hint)
        row = QHBoxLayout()
        # No QButtonGroup: Qt makes a group's buttons one Tab stop, as radio buttons are
        # (the focused one alone keeps Qt.TabFocus), and Tab went from "3 Good" straight
        # to Submit. _check_only keeps one rating checked.
        self.rating_buttons: list[QPushButton] = []
        for i, name in enumerate(RATINGS, start=1):
            meaning = RATING_MEANINGS[i]
            button = QPushButton(f"{i} {name}")
            button.setCheckable(True)
            button.setAccessibleName(f"Rate {name}: {meaning}")
            button.setToolTip(f"{name}: {meaning} (key {i}, or Enter on it)")
            button.setEnabled(False)
            button.toggled.connect(lambda _checked: self.response_changed.emit())
            button.clicked.connect(lambda _checked=False, rating=i: self._on_rating_clicked(rating))
            self.rating_buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.flipped = False

    def _on_rating_clicked(self, rating: int) -> None:
        self._check_only(rating)  # a click on the checked one unchecked it: checked again
        self.rated.emit(rating)

    def _check_only(self, rating: int) -> None:
        for number, button in enumerate(self.rating_buttons, start=1):
            button.setChecked(number == rating)

    def flip(self) -> None:
        if self.flipped:
            return
        self.flipped = True
        self.back_label.show()
        self.rate_hint.show()
        self.flip_button.setEnabled(False)
        for button in self.rating_buttons:
            button.setEnabled(True)
        self.rating_buttons[2].setFocus(Qt.FocusReason.OtherFocusReason)
        self.response_changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Space and not self.flipped and self.flip_button.isEnabled():
            self.flip()
            event.accept()
            return
        focused = self.focusWidget()
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.flipped
                and isinstance(focused, QPushButton) and focused in self.rating_buttons
                and focused.isEnabled()):
            # A push button outside a dialog ignores Enter: it would reach the quiz screen
            # as "submit" with no rating chosen. Enter on a rating is that rating.
            focused.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def pick(self, number: int) -> bool:
        if not self.flipped or not 1 <= number <= 4:
            return False
        button = self.rating_buttons[number - 1]
        if not button.isEnabled():
            return False
        button.click()  # checks it and rates: the quiz screen records it
        return True

    def restore(self, response: Response) -> None:
        if isinstance(response, int) and 1 <= response <= len(self.rating_buttons):
            self.flip()
            self._check_only(response)  # not click: no new rating

    def response(self) -> int | None:
        return next((number for number, button in enumerate(self.rating_buttons, start=1)
                     if button.isChecked()), None)

    def is_answered(self) -> bool:
        return self.response() is not None

    def focus_answer(self) -> None:
        if not self.flipped:
            self.flip_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        chosen = next((b for b in self.rating_buttons if b.isChecked()), None)
        (chosen or self.rating_buttons[2]).setFocus(Qt.FocusReason.OtherFocusReason)

    def _mark(self, grade: Grade) -> None:
        """The rating given, said on its button: checked, but greyed with the others once
        recorded, it looked like the rest."""
        for number, (button, name) in enumerate(zip(self.rating_buttons, RATINGS, strict=True),
                                                start=1):
            chosen = button.isChecked()
            button.setText(f"{number} {name}" + (" \u2190 your rating" if chosen else ""))
            if chosen:
                button.setAccessibleName(f"Your rating: {name}")

    def _set_controls_enabled(self, enabled: bool) -> None:
        for button in self.rating_buttons:
            button.setEnabled(enabled and self.flipped)
        self.flip_button.setEnabled(enabled and not self.flipped)
