"""The flashcard screen's summary page: what the review did (or that nothing is due), and
its buttons: Back to the library, Undo last rating, Review it now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from quizapp.gui.settling_page import SettlingPage
from quizapp.gui.theme import scale_text


class ReviewDonePage(QWidget):
    """The summary and its buttons; the screen connects their clicks."""

    def __init__(self, undo_keys: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # may hold bank or learner text
        self.label.setAccessibleName("Session summary")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scale_text(self.label, 1.2)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        row.addStretch(1)
        self.done_button = QPushButton("Back to the library")
        self.done_button.setAccessibleName("Back to the library")
        self.done_button.setToolTip("Return to the bank library (Enter or Esc)")
        # The last card's rating can be taken back from here, as any other card's.
        self.undo_button = QPushButton("Undo last rating")
        self.undo_button.setAccessibleName("Undo the last rating")
        self.undo_button.setToolTip(
            f"Take back the last card's rating and rate it again ({undo_keys})"
        )
        self.undo_button.hide()
        row.addWidget(self.undo_button)
        # A card came due while this review ran (from a quiz, say), or a new card was
        # brought back from suspension: review it at once.
        self.again_button = QPushButton("Review it now")
        self.again_button.setAccessibleName("Review the cards waiting now")
        self.again_button.setToolTip("Start a new review of this bank's cards due now and "
                                     "the new ones you brought back")
        self.again_button.hide()
        row.addWidget(self.again_button)
        row.addWidget(self.done_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.settling = SettlingPage(self, self.done_button)  # see FlashcardScreen._show_done
        layout.addStretch(2)
