"""File > Backups…: the store's backups (when, answers, learners), back up now, restore.

Built the first time the menu is used (the automatic backups are in auto_backup.py).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quizapp.core import backup

if TYPE_CHECKING:
    from quizapp.gui.context import AppContext

log = logging.getLogger(__name__)
HEADERS = ("Made", "Answers", "Learners", "Size")


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{max(1, n // 1024)} kB"


class BackupsDialog(QDialog):
    """Lists the backups, newest first; "Back up now" and "Restore…" act on the store."""

    restored = Signal(str)  # what to tell the learner, after the store was reloaded

    def __init__(self, context: AppContext, parent: QWidget | None = None, *, session_running: bool = False):
        super().__init__(parent)
        self.context = context
        self.data_dir = context.store.path.parent
        self.session_running = session_running
        self.setWindowTitle("Backups")
        self.setAccessibleName("Backups of your answers")
        self.resize(620, 420)

        self.intro = QLabel(
            "quizapp backs up every learner's answers once a day and after every "
            f"{backup.AUTO_EVERY_ANSWERS} answers, keeping the last 7 daily, 4 weekly and "
            f"6 monthly copies in {backup.backups_dir(self.data_dir)}."
        )
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Backups, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton("&Back up now")
        self.backup_button.setToolTip("Make a backup of every learner's answers now")
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setToolTip(
            "Make the answers what the selected backup holds (the current ones are backed up first)"
        )
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.restore_selected())

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.infos: list[backup.BackupInfo] = []
        self.refresh()

    # ------------------------------------------------------------------ contents

    def refresh(self) -> None:
        self.infos = backup.list_backups(backup.backups_dir(self.data_dir))
        self.table.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            made = info.made.astimezone().strftime("%Y-%m-%d %H:%M")
            if backup.made_by_hand(info.path):
                made += " (kept)"  # made by hand or by a restore: never deleted for room
            if info.problem:
                cells = (made, "—", "—", _size(info.size))
                tip = f"This backup cannot be restored: {info.problem}."
            else:
                cells = (made, str(info.answers), str(info.learners), _size(info.size))
                tip = info.path.name
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if self.infos:
            self.table.selectRow(0)
        else:
            self._say("No backups yet: the first one is made today.")
        self._update_buttons()

    def selected(self) -> backup.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.infos[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(
            info is not None and info.problem is None and not self.session_running
        )
        if self.session_running:
            self.restore_button.setToolTip("Finish or leave the quiz or review first")

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # ------------------------------------------------------------------ actions

    def back_up_now(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path = backup.make_backup(self.data_dir, by_hand=True)
        except backup.BackupError as exc:
            self._say(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.refresh()
        info = backup.describe(path)
        self._say(f"Backed up: {info.answers} answers of {info.learners} learners."
                  " A backup made here is kept until you delete its file.")

    def confirm_restore(self, info: backup.BackupInfo) -> bool:
        """Ask before restoring (tests replace this)."""
        made = info.made.astimezone().strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self,
            "Restore this backup?",
            f"Restore the backup of {made} ({info.answers} answers, {info.learners} learners)?\n\n"
            "Answers given since then are no longer shown. They are not lost: the current "
            "answers are backed up first, so restoring that backup undoes this.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or info.problem is not None or self.session_running:
            return
        if not self.confirm_restore(info):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            undo = backup.restore(self.data_dir, info.path)
            self.context.store.reload()
        except Exception as exc:  # a BackupError, or the store could not take it up
            log.exception("restore failed")
            self._say(f"The backup could not be restored: {exc}")
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.refresh()
        made = info.made.astimezone().strftime("%Y-%m-%d %H:%M")
        message = (
            f"Restored the backup of {made}: {info.answers} answers of {info.learners} learners."
        )
        if undo is not None:
            message += " The answers from before are in the newest backup: restore it to undo this."
        self._say(message)
        self.restored.emit(message)
