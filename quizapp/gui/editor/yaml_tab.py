"""The editor's YAML tab: the selected question's own text, and, when typed text cannot
go into the file as it is, a note saying why (the text stays, not applied)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from quizapp.gui.editor.paste_guard import GuardedTextEdit

INDENT = 2  # the columns a Tab indents by, as the questions' own fields are indented


class YamlTextEdit(GuardedTextEdit):
    """Tab indents with spaces, to the next multiple of INDENT: YAML refuses a tab as
    indentation, and a Tab typed there made the question text no YAML at all."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            column = self.textCursor().positionInBlock()
            self.insertPlainText(" " * (INDENT - column % INDENT))
            return
        super().keyPressEvent(event)


class YamlTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.refusal = QLabel()
        self.refusal.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal.setWordWrap(True)
        self.refusal.setAccessibleName("Why the YAML was not applied")
        self.refusal.setStyleSheet("color: #ffffff; background: #b3261e; padding: 4px;")
        self.refusal.hide()
        layout.addWidget(self.refusal)
        self.edit = YamlTextEdit()
        self.edit.setAccessibleName("YAML of the selected question")
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = self.edit.font()
        font.setFamily("monospace")
        self.edit.setFont(font)
        layout.addWidget(self.edit, 1)

    def show_refusal(self, message: str | None) -> None:
        """Why the typed text was not put into the file (None: it was, or nothing is pending)."""
        if message is None:
            self.refusal.hide()
            self.refusal.clear()
        else:
            self.refusal.setText(message)
            self.refusal.show()

    def show_question_text(self, text: str, *, read_only: bool, note: str | None) -> None:
        """Show the selected question's text (``note``: why it is not shown, instead)."""
        self.edit.setReadOnly(read_only)
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)
        self.show_refusal(note)

    def select_line(self, number: int) -> None:
        """Select line ``number`` (0-based) of the text shown, and show it."""
        block = self.edit.document().findBlockByNumber(max(0, number))
        if not block.isValid():
            return
        cursor = self.edit.textCursor()
        cursor.setPosition(block.position())
        cursor.setPosition(block.position() + max(0, block.length() - 1), cursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()
