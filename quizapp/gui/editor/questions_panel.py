"""The editor's left column: the bank's rows (its own fields, then each question, written
here from the document), the type of a new question, and the buttons that add, duplicate and
delete questions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.authoring.document import BankDocument
from quizapp.authoring.templates import question_types


def row_text(doc: BankDocument, index: int) -> str:
    """The list's row for question `index`: its id, its type and its prompt's first line."""
    summary = doc.summary(index)
    if not summary.reads:
        return f"{_cut(summary.id) or '(no id)'} · its YAML does not read: see the problems below"
    return f"{_cut(summary.id)} · {_cut(summary.type)} — {_cut(summary.prompt)}"


def _cut(text: str, most: int = 200) -> str:
    """A row's part at most `most` characters: a row is laid out whole, and an id of a
    million characters kept the editor from opening for seconds."""
    return text if len(text) <= most else text[:most - 1] + "…"


class QuestionsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.question_list = QListWidget()
        self.question_list.setAccessibleName("Questions")
        self.question_list.setUniformItemSizes(True)
        self.question_list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        layout.addWidget(self.question_list, 1)
        adding = QHBoxLayout()
        self.type_choice = QComboBox()
        self.type_choice.setAccessibleName("Type of the new question")
        self.type_choice.addItems(question_types())
        adding.addWidget(self.type_choice, 1)
        self.add_button = QPushButton("&Add")
        self.add_button.setAccessibleName("Add a question of this type")
        adding.addWidget(self.add_button)
        layout.addLayout(adding)
        buttons = QHBoxLayout()
        self.duplicate_button = QPushButton("D&uplicate")
        self.delete_button = QPushButton("De&lete")
        for button, name in ((self.duplicate_button, "Duplicate the question"),
                             (self.delete_button, "Delete the question")):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def fill(self, doc: BankDocument) -> None:
        """A row for the bank's own fields, then one for each question of `doc` (no signal:
        the selection is the window's to set)."""
        self.question_list.blockSignals(True)
        self.question_list.clear()
        header = QListWidgetItem("Bank details")
        header.setFlags(header.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
        self.question_list.addItem(header)
        self.question_list.addItems([row_text(doc, i) for i in range(len(doc))])
        self.question_list.blockSignals(False)

    def show_rows(self, doc: BankDocument, start: int, count: int) -> None:
        """The rows of questions `start` to `start + count - 1` again, after they changed."""
        for index in range(start, start + count):
            item = self.question_list.item(index + 1)
            if item is not None:
                item.setText(row_text(doc, index))
