"""File > Backups…: the store's backups (when, answers, learners), back up now, restore.

Built the first time the menu is used (the automatic backups are in auto_backup.py).
Reading the backups, copying the store (with its integrity check) and restoring one all
run off the GUI thread through the window's operations (gui/operations.py): a listing or
a backup on the reader thread, a restore on the writer thread (so no answer is written
while the store is replaced, and the store is reloaded before the next one). Meanwhile
the dialog stays responsive, says what it is doing under a busy bar, and its buttons
(Close and Esc too) wait for the result.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quizapp.core import backup
from quizapp.core.plural import counted
from quizapp.gui.button_icons import InkedIcons
from quizapp.gui.operations import Changes, QueryOp, WriteOp

if TYPE_CHECKING:
    from quizapp.core.store import Store
    from quizapp.gui.context import AppContext

log = logging.getLogger(__name__)
HEADERS = ("Made", "Answers", "Learners", "Size")


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{max(1, n // 1024)} kB"


class BackupsDialog(QDialog):
    """Lists the backups, newest first; "Back up now" and "Restore…" act on the store."""

    restored = Signal(str)  # what to tell the learner, after the store was reloaded
    listed = Signal()  # the table shows the backups as they are now (after any action)

    def __init__(self, context: AppContext, parent: QWidget | None = None, *, session_running: bool = False):
        super().__init__(parent)
        self.context = context
        self.data_dir = context.store.path.parent
        self.session_running = session_running
        self.busy = False  # a listing, backup or restore is under way on a worker thread
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
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # busy: a copy's length is not known ahead
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName("Working")
        self.busy_bar.hide()

        buttons = self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton("&Back up now")
        self.backup_button.setToolTip("Make a backup of every learner's answers now")
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setToolTip(
            "Make the answers what the selected backup holds (the current ones are backed up first)"
        )
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_icon = InkedIcons(buttons)  # Close's cross seen on the dark theme too
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.restore_selected())

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.busy_bar)
        layout.addWidget(buttons)
        self.infos: list[backup.BackupInfo] = []
        self.refresh()

    # ------------------------------------------------------------------ contents

    def refresh(self) -> None:
        """List the backups again (on the reader thread: each is opened to count what it
        holds)."""
        self._list_then_say(None)

    def _list_then_say(self, then: str | None) -> None:
        """List the backups again; then say `then`, or that there are none yet."""
        self._start("Reading the backups…")
        folder = backup.backups_dir(self.data_dir)
        QueryOp(parent=self, op=lambda _reader: backup.list_backups(folder),
                success=lambda infos: self._listed(infos, then)).failure(
            lambda exc: self._listed([], f"The backups could not be read: {exc}")
        ).run_in_background(self.context.operations)

    def _listed(self, infos: list[backup.BackupInfo], then: str | None) -> None:
        self._finish()
        self.infos = infos
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
        self._say(then if then is not None else
                  "" if self.infos else "No backups yet: the first one is made today.")
        self._update_buttons()
        self.listed.emit()

    @property
    def close_button(self) -> QPushButton:
        """The button box's Close button, asked of the box each time and never kept: Qt
        made it, and PySide invalidated a kept Python handle on it once an exam's question
        widgets were deleted behind the dialog (the time ran out), so the next "Back up
        now" raised "already deleted" and left the buttons greyed out. The box, made here
        in Python, keeps its handle as long as it lives (as gui/scroll_focus.py does)."""
        button = self._buttons.button(QDialogButtonBox.StandardButton.Close)
        assert button is not None  # the box was made with it
        return button

    def selected(self) -> backup.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.infos[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        info = self.selected()
        self.backup_button.setEnabled(not self.busy)
        self.close_button.setEnabled(not self.busy)
        self.restore_button.setEnabled(
            not self.busy and info is not None and info.problem is None and not self.session_running
        )
        if self.session_running:
            self.restore_button.setToolTip("Finish or leave the quiz or review first")

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _start(self, doing: str) -> None:
        """Work begins off the GUI thread: say what, show the busy bar, hold the buttons."""
        self.busy = True
        self._say(doing)
        self.busy_bar.show()
        self._update_buttons()

    def _finish(self) -> None:
        self.busy = False
        self.busy_bar.hide()
        self._update_buttons()

    def reject(self) -> None:
        """Close and Esc wait for a backup or a restore under way: its result is shown here
        (and a restore reloads the window's learner once done)."""
        if not self.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    # ------------------------------------------------------------------ actions

    def back_up_now(self) -> None:
        """Copy the store and check the copy on the reader thread (it only reads the store)."""
        if self.busy:
            return
        self._start("Backing up every learner's answers…")
        data_dir = self.data_dir
        QueryOp(parent=self, op=lambda _reader: _back_up(data_dir), success=self._backed_up
                ).failure(lambda exc: self._went_wrong("The backup could not be made", exc)
                          ).run_in_background(self.context.operations)

    def _backed_up(self, made: backup.BackupInfo | backup.BackupError) -> None:
        if isinstance(made, backup.BackupError):
            self._finish()
            self._say(str(made))
            return
        self._list_then_say(f"Backed up: {counted(made.answers, 'answer')} of"
                            f" {counted(made.learners, 'learner')}."
                            " A backup made here is kept until you delete its file.")

    def _went_wrong(self, what: str, exc: Exception) -> None:
        """An error other than a BackupError (those come back as results): the store could
        not take a restore up, or a bug. Said as it is; the op's thread has logged it."""
        self._finish()
        self._say(f"{what}: {exc}")

    def confirm_restore(self, info: backup.BackupInfo) -> bool:
        """Ask before restoring (tests replace this)."""
        made = info.made.astimezone().strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self,
            "Restore this backup?",
            f"Restore the backup of {made} ({counted(info.answers, 'answer')},"
            f" {counted(info.learners, 'learner')})?\n\n"
            "Answers given since then are no longer shown. They are not lost: the current "
            "answers are backed up first, so restoring that backup undoes this.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or info.problem is not None or self.session_running or self.busy:
            return
        if not self.confirm_restore(info):
            return
        self._start("Restoring the backup…")
        data_dir = self.data_dir
        WriteOp(parent=self, op=lambda store: _restore(store, data_dir, info.path),
                success=lambda undo: self._restored(info, undo),
                changes=Changes.everything()).failure(
            lambda exc: self._went_wrong("The backup could not be restored", exc)
        ).run_in_background(self.context.operations)

    def _restored(self, info: backup.BackupInfo, undo: Path | None | backup.BackupError) -> None:
        if isinstance(undo, backup.BackupError):
            self._finish()
            self._say(f"The backup could not be restored: {undo}")
            return
        made = info.made.astimezone().strftime("%Y-%m-%d %H:%M")
        message = (
            f"Restored the backup of {made}: {counted(info.answers, 'answer')} of"
            f" {counted(info.learners, 'learner')}."
        )
        if undo is not None:
            message += " The answers from before are in the newest backup: restore it to undo this."
        self._list_then_say(message)
        self.restored.emit(message)


# A BackupError is news for the learner, returned rather than raised: the ops layer takes
# a raised error for a bug and prints its traceback.

def _back_up(data_dir: Path) -> backup.BackupInfo | backup.BackupError:
    """On the reader thread: a backup made by hand, and what it holds."""
    try:
        return backup.describe(backup.make_backup(data_dir, by_hand=True))
    except backup.BackupError as exc:
        return exc


def _restore(store: Store, data_dir: Path, path: Path) -> Path | None | backup.BackupError:
    """On the writer thread (no answer is written meanwhile): restore the backup at path,
    then reload the store, so the next write sees what was restored. The backup of the
    store as it was (to undo the restore), or None when there was no store to back up."""
    try:
        undo = backup.restore(data_dir, path)
    except backup.BackupError as exc:
        return exc
    store.reload()
    return undo
