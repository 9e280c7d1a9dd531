"""The article beside the bank: numbered paragraphs, questions per paragraph, and
"New question from selection", which starts a question with its source filled in;
the dock that holds it opens the article's file."""

from __future__ import annotations

import os
from collections import Counter

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.authoring.article import (
    ArticleError,
    Paragraph,
    named_article,
    paragraphs,
    read_article,
)
from quizapp.core.plural import counted


class ArticlePane(QWidget):
    question_requested = Signal(int, str)  # paragraph number, quote

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.paragraphs: list[Paragraph] = []
        self._spans: list[tuple[int, int, Paragraph]] = []  # where each paragraph is shown
        layout = QVBoxLayout(self)
        self.name_label = QLabel("No article open (File > Open article…).")
        self.name_label.setWordWrap(True)
        layout.addWidget(self.name_label)
        self.strip = QListWidget()
        self.strip.setAccessibleName("Paragraphs and their questions")
        self.strip.setMaximumHeight(130)
        self.strip.currentRowChanged.connect(self._scroll_to)
        layout.addWidget(self.strip)
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setAccessibleName("Article")
        self.view.selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.view, 1)
        self.new_button = QPushButton("&New question from selection")
        self.new_button.setAccessibleName("New question from the selected words")
        self.new_button.setEnabled(False)
        self.new_button.clicked.connect(self.request_question)
        layout.addWidget(self.new_button)

    def show_article(self, name: str, text: str) -> None:
        text = text.replace("\r\n", "\n")
        self.paragraphs = paragraphs(text)
        self.name_label.setText(f"{name}: {len(self.paragraphs)} paragraphs, numbered as sources count them.")
        shown: list[str] = []
        self._spans = []
        position = 0
        for paragraph in self.paragraphs:
            prefix = f"[{paragraph.number}] "
            start = position + len(prefix)
            shown.append(prefix + paragraph.text)
            self._spans.append((start, start + len(paragraph.text), paragraph))
            position += len(prefix) + len(paragraph.text) + 2
        self.view.setPlainText("\n\n".join(shown))
        self.show_counts(Counter())

    def show_counts(self, counts: Counter) -> None:
        row = self.strip.currentRow()
        self.strip.blockSignals(True)
        self.strip.clear()
        for paragraph in self.paragraphs:
            n = counts.get(paragraph.number, 0)
            words = paragraph.text.split()
            start = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
            self.strip.addItem(f"¶{paragraph.number} · {counted(n, 'question')} · {start}")
        self.strip.setCurrentRow(row)
        self.strip.blockSignals(False)

    def _scroll_to(self, row: int) -> None:
        if 0 <= row < len(self._spans):
            cursor = self.view.textCursor()
            cursor.setPosition(self._spans[row][0])
            self.view.setTextCursor(cursor)
            self.view.centerCursor()

    def _selection_changed(self) -> None:
        self.new_button.setEnabled(self.selection() is not None)

    def select_words(self, words: str) -> bool:
        """Select the first place these words are shown (for keyboard use and tests)."""
        at = self.view.toPlainText().find(words)
        if at < 0:
            return False
        cursor = self.view.textCursor()
        cursor.setPosition(at)
        cursor.setPosition(at + len(words), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        return True

    def selection(self) -> tuple[int, str] | None:
        """(paragraph number, quote) for the selected words, inside one paragraph."""
        cursor = self.view.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if start == end:
            return None
        for span_start, span_end, paragraph in self._spans:
            if span_start <= start < span_end or (start < span_start < end):
                begin, finish = max(start, span_start), min(end, span_end)
                quote = " ".join(self.view.toPlainText()[begin:finish].split())
                return (paragraph.number, quote) if quote else None
        return None

    def request_question(self) -> None:
        chosen = self.selection()
        if chosen is not None:
            self.question_requested.emit(*chosen)


class ArticleDock(QDockWidget):
    """The article pane in a dock, with opening the file: a chosen file or the one
    the bank names (source: file:)."""

    article_opened = Signal(str)  # the article's path

    def __init__(self, parent: QWidget):
        super().__init__("Article", parent)
        self.setObjectName("article_dock")
        self.pane = ArticlePane()
        self.setWidget(self.pane)
        self.path: str | None = None
        self.hide()

    def choose(self, start_folder: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open the article", start_folder,
                                              "Text (*.txt *.md *.markdown);;All files (*)")
        if path:
            self.open(path)

    def open(self, path: str) -> bool:
        """Show the article file ``path``; a file that cannot be one says why."""
        try:
            text = read_article(path)
        except ArticleError as exc:
            QMessageBox.warning(self, "Cannot open the article", f"{exc}.")
            return False
        self.show_text(path, text)
        return True

    def open_named(self, bank_path: str, name: str) -> str | None:
        """Show the source text a bank names (source: file:), by validate's rule: only a
        file inside the bank's folder, and only a regular file. Why not, or None."""
        try:
            text = read_article(named_article(bank_path, name))
        except ArticleError as exc:
            return str(exc)
        self.show_text(os.path.join(os.path.dirname(bank_path), name), text)
        return None

    def show_text(self, path: str, text: str) -> None:
        self.path = path
        self.pane.show_article(os.path.basename(path), text)
        self.show()
        self.article_opened.emit(path)
