"""The flashcard screen's row under the card: Show answer, the four ratings, Leave and Undo
rating. The screen connects them; this module only makes and labels them."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QSizePolicy

from quizapp.core.scheduler import RATING_MEANINGS, RATING_NAMES
from quizapp.gui.wrap_row import SteadyWrapRow, WholeLabelButton

RATINGS = tuple((rating, name, RATING_MEANINGS[rating]) for rating, name in RATING_NAMES.items())


class CardButtons(SteadyWrapRow):
    """The row, wrapping when narrow; the card keeps one width as it turns (SteadyWrapRow:
    each button held at the widest text it may show)."""

    def __init__(self, undo_keys: str) -> None:
        super().__init__()
        self.flip_button = QPushButton("Show answer")
        self.flip_button.setAccessibleName("Show the answer")
        self.flip_button.setToolTip("Turn the card over (Space)")
        self.addWidget(self.flip_button)
        self.rating_buttons: dict[int, WholeLabelButton] = {}
        for rating, name, meaning in RATINGS:
            button = WholeLabelButton(f"{rating} {name}")
            button.setAccessibleName(f"Rate {name}: {meaning}")
            button.setToolTip(f"{name}: {meaning} ({rating})")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.addWidget(button)
            self.hold(button, f"{rating} {name} · ~10.5 mo")  # the longest short_preview
            self.rating_buttons[rating] = button
        self.leave_button = QPushButton("Leave")
        self.leave_button.setAccessibleName("Leave the flashcards")
        self.leave_button.setToolTip("Stop reviewing; your ratings are saved (Esc)")
        self.addWidget(self.leave_button)
        self.undo_button = QPushButton("Undo rating")
        self.undo_button.setAccessibleName("Undo the last rating")
        self.undo_button.setToolTip(
            f"Take back your last rating and rate that card again; it is kept in the record"
            f" as taken back and no longer schedules the card ({undo_keys})"
        )
        self.undo_button.hide()
        self.addWidget(self.undo_button)
        self.hold(self.undo_button)
        self.hold(self.flip_button, "Show answer", "Hide answer")
