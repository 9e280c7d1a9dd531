"""The line above a quiz's card: the bank, the question's number, the time left, and the
progress bar (quizapp.gui.quiz_screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from quizapp.gui.full_height_rows import FullHeightLabel


def bank_title_label() -> QLabel:
    """The bank's title above a quiz or its results: bold, and plain text (a title is the
    teacher's text, never markup)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    # Wrapped, a long title takes lines rather than width: unwrapped, "Exam: U.S.-Japan
    # auto trade talks (1995)" at 175% made the page, then the window, 1000 px wide, the
    # exam's question list and Hand in off an 800 px screen.
    label.setWordWrap(True)
    label.setAccessibleName("Bank")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    # Tall enough for accents on capitals ("Å", "É", "Ü"), as the library's rows are.
    FullHeightLabel(label)
    return label


class QuizHeader(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        self.title_label = bank_title_label()
        self.position_label = QLabel()
        self.position_label.setAccessibleName("Question number")
        self.timer_label = QLabel()
        self.timer_label.setAccessibleName("Time left")
        self.timer_label.setToolTip("Time left; the quiz ends when it runs out")
        header.addWidget(self.title_label, 1)
        header.addWidget(self.position_label)
        header.addSpacing(16)
        header.addWidget(self.timer_label)
        layout.addLayout(header)

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setToolTip("Questions answered so far")
        self.progress.setTextVisible(True)
        self.progress.setFormat("%v of %m")
        layout.addWidget(self.progress)
