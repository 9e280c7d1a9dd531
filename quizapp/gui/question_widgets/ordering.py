"""The ordering widget: a list put in order by dragging, Alt+Up/Down or the buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from quizapp.core.model import (
    Ordering,
)
from quizapp.gui.question_widgets.base import (
    RIGHT_MARK,
    WRONG_MARK,
    QuestionWidget,
    grade_colours,
    plain_text,
)


class OrderingWidget(QuestionWidget):
    """A list the learner puts in order by dragging, Alt+Up/Down or the buttons."""

    question: Ordering

    def _build_answer(self, layout):
        hint = QLabel(
            "Put these in the right order: drag them, or select one and press Alt+Up / Alt+Down."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName("Items to put in order")
        self.list.setToolTip("Drag an item, or press Alt+Up / Alt+Down to move the selected one")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for index in self.arrangement.order:
            item = QListWidgetItem(
                plain_text(self.question.items[index]) or self.question.items[index]
            )
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.model().rowsMoved.connect(lambda *_: self.response_changed.emit())
        self.list.installEventFilter(self)
        self.list.setSpacing(2)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = min(max(2, self.list.count()), 12)
        height = rows * (self.list.sizeHintForRow(0) + 4) + 2 * self.list.frameWidth() + 4
        self.list.setFixedHeight(height)
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.up_button = QPushButton("Move up")
        self.up_button.setAccessibleName("Move the selected item up")
        self.up_button.setToolTip("Move the selected item up (Alt+Up)")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.setAccessibleName("Move the selected item down")
        self.down_button.setToolTip("Move the selected item down (Alt+Down)")
        self.down_button.clicked.connect(lambda: self.move_current(1))
        for b in (self.up_button, self.down_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the list keeps focus; Alt+arrows do the same
            buttons.addWidget(b)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row)

    def eventFilter(self, watched, event):
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            if event.modifiers() & Qt.KeyboardModifier.AltModifier:
                if event.key() == Qt.Key.Key_Up:
                    self.move_current(-1)
                    return True
                if event.key() == Qt.Key.Key_Down:
                    self.move_current(1)
                    return True
        return super().eventFilter(watched, event)

    def move_current(self, step: int) -> None:
        """Move the selected item `step` places (negative: up)."""
        if (
            not self.list.isEnabled()
            or self.list.dragDropMode() == QAbstractItemView.DragDropMode.NoDragDrop
        ):
            return
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.response_changed.emit()

    def response(self):
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())]

    def restore(self, response):
        given = list(response or [])
        rows = {self.list.item(r).data(Qt.ItemDataRole.UserRole): r
                for r in range(self.list.count())}
        if sorted(given) != sorted(rows):  # not an order of these items: leave the list
            return
        items = [self.list.item(rows[index]) for index in given]
        while self.list.count():
            self.list.takeItem(0)
        for item in items:
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.response_changed.emit()

    def is_answered(self):
        return True  # the shown order is an answer too

    def focus_answer(self):
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_controls_enabled(self, enabled):
        mode = QAbstractItemView.DragDropMode
        self.list.setDragDropMode(mode.InternalMove if enabled else mode.NoDragDrop)
        self.up_button.setEnabled(enabled)
        self.down_button.setEnabled(enabled)

    def _mark(self, grade):
        right, wrong = grade_colours(self.list.palette())
        for r in range(self.list.count()):
            item = self.list.item(r)
            ok = item.data(Qt.ItemDataRole.UserRole) == r
            item.setText(f"{RIGHT_MARK if ok else WRONG_MARK} {item.text()}")
            item.setForeground(right if ok else wrong)


# --------------------------------------------------------------------------- cloze
