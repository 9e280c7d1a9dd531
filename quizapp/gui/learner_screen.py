"""Who is studying: the first run asks for a name; later, pick, add, rename or delete a learner.

Adding, renaming and deleting are write ops on the writer thread (quizapp.gui.operations):
the list changes, and learners_changed / learner_chosen fire, once the write has committed.
Any other change to the learners (a restore, the class server) redraws the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.store import MAX_NAME_LENGTH
from quizapp.gui.changes import Changes, StaleAware
from quizapp.gui.length_note import LengthNote
from quizapp.gui.operations import WriteOp

if TYPE_CHECKING:
    from quizapp.gui.context import AppContext

# This screen is the first one on a first run: it names no Qt.* enum (see
# quizapp/gui/__init__.py); enum properties are set by key name.
LEARNER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole; item roles are plain ints in the API


def _tip(widget, text: str, keys: str) -> None:
    widget.setToolTip(f"{text} ({keys})")


class LearnerScreen(QWidget):
    learner_chosen = Signal(int)  # the learner to study as
    learners_changed = Signal()  # one was added, renamed or deleted

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Learners")
        self.redraw_rule = StaleAware(self, self.refresh, self.isVisible, stale=False)
        self._build()
        context.events.store_changed.connect(self._on_store_changed)

    def _on_store_changed(self, changes: Changes) -> None:
        if changes.learners:
            self.redraw_rule.changed()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.redraw_rule.shown()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        column = QVBoxLayout()
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setProperty("alignment", "AlignHCenter")
        self.heading.setAccessibleName("Heading")
        column.addWidget(self.heading)
        self.hint = QLabel()
        self.hint.setProperty("alignment", "AlignHCenter")
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Hint")
        column.addWidget(self.hint)

        self.list = QListWidget()
        self.list.setAccessibleName("Learners")
        self.list.setToolTip("Pick who is studying; Enter continues, F2 renames, Delete deletes")
        self.list.itemActivated.connect(lambda _item: self.choose_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        column.addWidget(self.list)

        row = QHBoxLayout()
        self.continue_button = QPushButton("&Continue")
        self.continue_button.setAccessibleName("Continue as the selected learner")
        _tip(self.continue_button, "Study as the selected learner", "Enter")
        self.continue_button.clicked.connect(self.choose_selected)
        self.rename_button = QPushButton("&Rename…")
        self.rename_button.setAccessibleName("Rename the selected learner")
        _tip(self.rename_button, "Rename the selected learner", "F2")
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setAccessibleName("Delete the selected learner")
        _tip(self.delete_button, "Delete the selected learner and all their answers", "Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.continue_button, self.rename_button, self.delete_button):
            row.addWidget(button)
        self.existing_row = row
        column.addLayout(row)

        self.name_label = QLabel("&Name of a new learner:")
        column.addWidget(self.name_label)
        new_row = QHBoxLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("New learner's name")
        self.name_edit.setPlaceholderText("Your name")
        _tip(self.name_edit, "Type a name and press Enter to start as a new learner", "Enter")
        self.name_edit.returnPressed.connect(self.create_from_field)
        self.name_label.setBuddy(self.name_edit)
        new_row.addWidget(self.name_edit, 1)
        self.create_button = QPushButton("&Start")
        self.create_button.setAccessibleName("Start as a new learner")
        _tip(self.create_button, "Create this learner and start studying", "Enter")
        self.create_button.clicked.connect(self.create_from_field)
        new_row.addWidget(self.create_button)
        column.addLayout(new_row)
        self.name_length_note = LengthNote(MAX_NAME_LENGTH, "A name")
        self.name_length_note.watch(self.name_edit)
        column.addWidget(self.name_length_note)
        self.error_label = QLabel()
        self.error_label.setProperty("textFormat", "PlainText")  # may hold bank or learner text
        self.error_label.setAccessibleName("Message")
        self.error_label.setWordWrap(True)
        column.addWidget(self.error_label)

        holder = QHBoxLayout()
        holder.addStretch(1)
        holder.addLayout(column, 3)
        holder.addStretch(1)
        outer.addLayout(holder)
        outer.addStretch(2)

        for keys, slot in (("F2", self.rename_selected), ("Delete", self.delete_selected)):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setProperty("context", "WidgetShortcut")
            shortcut.activated.connect(slot)
        self.setTabOrder(self.list, self.continue_button)
        self.setTabOrder(self.continue_button, self.rename_button)
        self.setTabOrder(self.rename_button, self.delete_button)
        self.setTabOrder(self.delete_button, self.name_edit)
        self.setTabOrder(self.name_edit, self.create_button)

    # -- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        self.redraw_rule.stale = False
        learners = self.context.store.learners()
        self.error_label.clear()
        self.list.clear()
        for learner in learners:
            item = QListWidgetItem(learner.name)
            item.setData(LEARNER_ROLE, learner.id)
            self.list.addItem(item)
            if learner.id == self.context.learner_id:
                self.list.setCurrentItem(item)
        first_run = not learners
        self.list.setVisible(not first_run)
        for button in (self.continue_button, self.rename_button, self.delete_button):
            button.setVisible(not first_run)
        if first_run:
            self.heading.setText("Welcome to quizapp")
            self.hint.setText("What is your name? Your answers and progress are kept under it.")
            self.name_label.setText("&Your name:")
            self.name_edit.setFocus()
        else:
            self.heading.setText("Who is studying?")
            self.hint.setText("Pick your name, or add a new learner below.")
            self.name_label.setText("&Name of a new learner:")
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
            self.list.setFocus()
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.list.currentItem() is not None
        for button in (self.continue_button, self.rename_button, self.delete_button):
            button.setEnabled(has)

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(LEARNER_ROLE))

    # -- actions -----------------------------------------------------------------------

    def choose_selected(self) -> None:
        learner_id = self.selected_id()
        if learner_id is not None:
            self.learner_chosen.emit(learner_id)

    def create_learner(self, name: str) -> None:
        """Create a learner, then study as them (learner_chosen), or show why not."""
        WriteOp(parent=self, op=lambda store: store.create_learner(name.strip()).id,
                success=self._on_created,
                changes=lambda learner_id: Changes(learners=True, learner_id=learner_id),
                ).failure(self._show_error).run_in_background(self.context.operations)

    def _on_created(self, learner_id: int) -> None:
        self.name_edit.clear()
        self.learners_changed.emit()
        self.learner_chosen.emit(learner_id)

    def _show_error(self, exc: Exception) -> None:
        # ValueError: empty or taken; StoreError: the disk
        self.error_label.setText(str(exc))

    def create_from_field(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self.error_label.setText("Type a name first.")
            self.name_edit.setFocus()
            return
        self.create_learner(name)

    def rename_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        name = _ask_new_name(self, item.text())
        if name is None or not name.strip() or name.strip() == item.text():
            return
        learner_id = int(item.data(LEARNER_ROLE))
        WriteOp(parent=self, op=lambda store: store.rename_learner(learner_id, name.strip()),
                success=lambda _none: self._on_learners_written(),
                changes=Changes(learners=True, learner_id=learner_id),
                ).failure(self._show_error).run_in_background(self.context.operations)

    def _on_learners_written(self) -> None:
        self.learners_changed.emit()
        self.refresh()

    def delete_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete learner",
            f"Delete {item.text()} and every answer they gave? This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        learner_id = int(item.data(LEARNER_ROLE))
        WriteOp(parent=self, op=lambda store: _delete_learner(store, learner_id),
                success=lambda _none: self._on_deleted(learner_id),
                # their answers, cards and sessions go with them
                changes=Changes(learners=True, answers=True, cards=True, sessions=True,
                                learner_id=learner_id),
                ).failure(self._show_error).run_in_background(self.context.operations)

    def _on_deleted(self, learner_id: int) -> None:
        if self.context.learner_id == learner_id:
            self.context.learner_id = None
        self._on_learners_written()


def _delete_learner(store, learner_id: int) -> None:
    """The learner and their answers here; a class server sign-in's password too (the
    server code is brought in only for a learner signed in to one)."""
    from quizapp.server.roles import role_key

    if store.get_setting(role_key(learner_id)):
        from quizapp.server.sync import delete_learner

        delete_learner(store, learner_id)
    else:
        store.delete_learner(learner_id)


def _ask_new_name(parent: QWidget, current: str) -> str | None:
    """F2's box: the name typed, or None when cancelled. As wide as its title needs: as
    narrow as its field, openbox cut "Rename learner" to "Renam…arner"."""
    from quizapp.gui.leave_dialog import title_bar_width

    box = QInputDialog(parent)
    box.setWindowTitle("Rename learner")
    box.setLabelText("New name:")
    box.setTextValue(current)
    # (On the field: the box's own layout sets the box's least size from what it holds.)
    field = box.findChild(QLineEdit)
    if field is not None:
        field.setMinimumWidth(title_bar_width(box))
    return box.textValue() if box.exec() == QInputDialog.DialogCode.Accepted else None
