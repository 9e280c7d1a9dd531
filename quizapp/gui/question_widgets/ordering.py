"""The ordering widget: a list put in order by dragging, Alt+Up/Down or the buttons.

The list starts in an order (never the right one), so showing it is not answering: until
the learner moves an item it has no answer, as an untouched choice has none (Enter warns,
Enter again skips). Moving an item and back answers with the order shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from quizapp.core.grades import Grade
from quizapp.core.kinds.base import Response
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

    def _build_answer(self, layout: QVBoxLayout) -> None:
        # An item moved (or an earlier answer restored): the order on screen is the
        # learner's answer. Until then the order shown is the app's, not an answer.
        self.moved = False
        self.marked = False  # graded: the items carry their right / wrong marks
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
        self.list.model().rowsMoved.connect(lambda *_: self._on_moved())  # a drag
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.list and event.type() == QEvent.Type.PaletteChange and self.marked:
            self._colour_marks()  # the theme changed under the marks
        if (watched is self.list and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress):
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
        self._on_moved()

    def _on_moved(self) -> None:
        self.moved = True
        self.response_changed.emit()

    def shown_order(self) -> list[int]:
        """The items' indexes as written, in the order the list shows them."""
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())]

    def response(self) -> list[int] | None:
        # None until an item is moved: a question skipped in a quiz records no answer
        # (as an untouched choice does), not the starting order's partial credit.
        return self.shown_order() if self.moved else None

    def previewed_response(self) -> list[int]:
        # The preview shows the items as written; an author grading it untouched grades
        # that order (a learner's untouched order is no answer).
        return self.shown_order()

    def restore(self, response: Response) -> None:
        if not isinstance(response, list) or not all(isinstance(i, int) for i in response):
            return  # not an order of indexes
        given = [i for i in response if isinstance(i, int)]
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
        self._on_moved()  # the answer given before is the learner's, as it stands

    def is_answered(self) -> bool:
        return self.moved

    def no_answer_note(self) -> str:
        return ("No answer yet: no item has been moved. Put the items in order (Alt+Up /"
                " Alt+Down, or drag them), or press Enter again to skip this question. If"
                " the order shown is your answer, move an item and back.")

    def focus_answer(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_controls_enabled(self, enabled: bool) -> None:
        mode = QAbstractItemView.DragDropMode
        self.list.setDragDropMode(mode.InternalMove if enabled else mode.NoDragDrop)
        self.up_button.setEnabled(enabled)
        self.down_button.setEnabled(enabled)

    def _mark(self, grade: Grade) -> None:
        if not self.moved:  # skipped (Enter twice): the order shown is no answer to mark;
            return  # the feedback gives the right one
        for r in range(self.list.count()):
            item = self.list.item(r)
            ok = item.data(Qt.ItemDataRole.UserRole) == r
            item.setText(f"{RIGHT_MARK if ok else WRONG_MARK} {item.text()}")
        self.marked = True
        self._colour_marks()

    def _colour_marks(self) -> None:
        """Each marked item in the theme's right or wrong colour (again after View > Theme)."""
        right, wrong = grade_colours(self.list.palette())
        for r in range(self.list.count()):
            item = self.list.item(r)
            item.setForeground(right if item.data(Qt.ItemDataRole.UserRole) == r else wrong)


# --------------------------------------------------------------------------- cloze
