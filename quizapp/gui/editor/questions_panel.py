"""The editor's left column: the bank's rows (its own fields, then each question), the
type of a new question, and the buttons that add, duplicate and delete questions."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.authoring.templates import question_types


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
