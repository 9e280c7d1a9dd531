"""The flashcard screen's top: the bank's title and the cards due, the review's progress,
when the next card is due (with More beside it), and the note of a card rated in another
window or just suspended. The screen fills them; this module only makes and lays them out."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from quizapp.gui.theme import scale_text


class ReviewNote(Enum):
    """What the note under the header says; its value is the note's accessible name."""

    RATED_ELSEWHERE = "Card rated elsewhere"
    CARD_SUSPENDED = "Card suspended"


class ReviewHeader:
    """The header's widgets, added to `outer` in order; `more` sits beside the next-due
    line, which wraps (in the title's row it made a small window's flashcards wider than
    the window)."""

    def __init__(self, outer: QVBoxLayout, more: QWidget) -> None:
        header = QHBoxLayout()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # may hold bank or learner text
        scale_text(self.title, 1.3)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName("Bank")
        self.title.setWordWrap(True)  # a long bank title wraps, never widening the window
        header.addWidget(self.title, 1)
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)  # may hold bank or learner text
        self.counts.setAccessibleName("Cards due")
        header.addWidget(self.counts)
        outer.addLayout(header)
        # The session's progress: cards rated of the cards in it (Again adds one back).
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Session progress")
        self.progress.setTextVisible(True)
        outer.addWidget(self.progress)
        self.next_label = QLabel()
        self.next_label.setTextFormat(Qt.TextFormat.PlainText)  # may hold bank or learner text
        self.next_label.setAccessibleName("Next card due")
        self.next_label.setWordWrap(True)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_label, 1)
        next_row.addWidget(more, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(next_row)
        # "Rated in your other window": a card another quizapp rated while it showed here.
        self.elsewhere_label = QLabel()
        self.elsewhere_label.setTextFormat(Qt.TextFormat.PlainText)
        self.elsewhere_label.setAccessibleName(ReviewNote.RATED_ELSEWHERE.value)
        self.elsewhere_label.setWordWrap(True)
        self.elsewhere_label.hide()
        outer.addWidget(self.elsewhere_label)
        self.note: ReviewNote | None = None  # what elsewhere_label says (None: hidden)

    def say(self, note: str, kind: ReviewNote) -> None:
        """The note under the header (hidden when empty): a card rated elsewhere, or the
        card just suspended."""
        self.note = kind if note else None
        self.elsewhere_label.setText(note)
        self.elsewhere_label.setAccessibleName(kind.value)
        self.elsewhere_label.setVisible(bool(note))
