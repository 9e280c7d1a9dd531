"""What a quiz shows after an answer: the verdict, the right answer, the explanation and
the source quote as one block under the answer (FeedbackPanel), and the small pieces the
results page shares with it (the rows, the verdict's words, the bank's folder)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.quotes import shown_quotes
from quizapp.gui.question_widgets import mark_label, set_bank_text

MODE_NAMES = {"quiz": "Quiz", "exam": "Exam", "practice": "Practice", "review": "Review"}


def format_seconds(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.999))
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def verdict_text(grade) -> tuple[bool, str]:
    """(counts as right, words) for a grade: right, partly right or wrong."""
    if grade.correct:
        return True, "Right"
    if grade.credit > 0:
        return False, f"Partly right ({round(grade.credit * 100)}% credit)"
    return False, "Wrong"


class InfoRows(QWidget):
    """Captioned rows ("Right answer", "Explanation", ...) of bank text; empty rows hide."""

    def __init__(self, rows: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)
        self.captions: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        for row, (key, caption) in enumerate(rows):
            head = QLabel(caption)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            head.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            label = QLabel()
            label.setWordWrap(True)
            label.setAccessibleName(caption)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            # The same caption width everywhere, so that stacked panels line up.
            width = max(head.fontMetrics().horizontalAdvance(c) for _, c in FEEDBACK_ROWS)
            head.setMinimumWidth(width + 4)
            grid.addWidget(head, row, 0)
            grid.addWidget(label, row, 1)
            self.captions[key] = head
            self.labels[key] = label
            head.hide()
            label.hide()

    def set_row(self, key: str, text, bank_dir=None, *, markdown: bool = True) -> None:
        label, head = self.labels[key], self.captions[key]
        if text is None or text == "":
            label.clear()
            label.hide()
            head.hide()
            return
        if markdown:
            set_bank_text(label, str(text), bank_dir)
        else:
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setText(str(text))
        label.setAccessibleDescription(str(text))
        label.show()
        head.show()

    def text(self, key: str) -> str:
        """The row's text as shown (plain), "" when hidden."""
        label = self.labels[key]
        if label.isHidden():
            return ""
        return label.accessibleDescription()


FEEDBACK_ROWS = [
    ("your_answer", "Your answer"),
    ("expected", "Right answer"),
    ("note", "Note"),
    ("feedback", "About your answer"),
    ("hint", "Hint"),  # practice: for the try to come (Moodle's hints)
    ("explanation", "Explanation"),
    ("source", "Source"),
    ("quote", "Quote"),  # the source's own words, under the source
]


class FeedbackPanel(QFrame):
    """Right or wrong, the right answer, the choice's feedback, the explanation, the source."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("feedback")  # drawn by the theme's stylesheet, under the answer
        self.setAccessibleName("Feedback")
        layout = QVBoxLayout(self)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        font = self.verdict.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.verdict.setFont(font)
        layout.addWidget(self.verdict)
        self.rows = InfoRows([r for r in FEEDBACK_ROWS if r[0] != "your_answer"])
        layout.addWidget(self.rows)
        self.hide()

    def show_hint(self, hint: str | None, bank_dir=None) -> None:
        """The hint for the try to come, under the feedback on a mistake (practice)."""
        self.rows.set_row("hint", hint, bank_dir)

    def show_grade(self, question, grade, bank_dir=None) -> None:
        right, words = verdict_text(grade)
        mark_label(self.verdict, right, words)
        show_expected = not grade.correct and bool(grade.expected)
        self.rows.set_row("expected", grade.expected if show_expected else None, bank_dir)
        self.rows.set_row("note", grade.note, markdown=False)
        self.rows.set_row("feedback", grade.feedback, bank_dir)
        self.rows.set_row("hint", None)  # (show_hint, in practice)
        self.rows.set_row("explanation", question.explanation, bank_dir)
        self.rows.set_row("source", question.source, markdown=False)
        self.rows.set_row("quote", shown_quotes(question), markdown=False)
        self.show()
