"""Keeps a teacher's unsaved work safe while the editor is open.

A draft is written after each pause in editing (and removed once the bank is
saved), and a bar appears when another program changes, moves or deletes the
bank file, offering to reload it or keep editing. Save asks before it writes over a change
another program made (the bar may not have shown yet: the watcher's news comes late).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from quizapp.authoring.document import BankDocument, UnreadableBank, decode_bank
from quizapp.core.yaml_files import read_bank_bytes

DRAFT_PAUSE_MS = 1500


class DiskGuard(QObject):
    draft_failed = Signal(str)  # why the draft could not be written
    # The bank's text as it is on disk now, its bytes, and what the editor had last read
    # before (the window makes the reload one undoable step that puts that back)
    reload_chosen = Signal(str, object, object)

    def __init__(self, doc: BankDocument, undo_stack: QUndoStack, drafts_dir: Path | None,
                 is_read_only: Callable[[], bool], parent: QWidget):
        super().__init__(parent)
        self._doc = doc
        self._undo_stack = undo_stack
        self._drafts_dir = drafts_dir
        self._is_read_only = is_read_only
        self._parent = parent
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_PAUSE_MS)
        self.draft_timer.timeout.connect(self.write_draft)
        undo_stack.cleanChanged.connect(self._on_clean_changed)
        # What the file held when we last read or wrote it (or the teacher chose to keep
        # editing over): a change to anything else came from another program.
        self._disk_data = self._read_disk(doc.path)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_disk_changed)
        self.watch()
        self.bar = QWidget()
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("This bank was changed on disk by another program.")
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.reload_button = QPushButton("&Reload from disk")
        self.reload_button.setAccessibleName("Reload the bank from disk")
        self.reload_button.clicked.connect(self.reload_from_disk)
        self.keep_button = QPushButton("&Keep editing")
        self.keep_button.setAccessibleName("Keep editing my version; saving will ask before replacing the file")
        self.keep_button.clicked.connect(self.keep_editing)
        row.addWidget(self.reload_button)
        row.addWidget(self.keep_button)
        self.bar.hide()

    # ------------------------------------------------------------ drafts

    def schedule_draft(self) -> None:
        """Called after every change: the draft is written after a pause."""
        if self._drafts_dir is not None and not self._is_read_only():
            self.draft_timer.start()

    def write_draft(self) -> None:
        self.draft_timer.stop()
        if self._drafts_dir is None or self._is_read_only():
            return
        from quizapp.authoring.drafts import remove_draft, save_draft

        try:
            if self._undo_stack.isClean():
                remove_draft(self._drafts_dir, self._doc.path)
            else:
                save_draft(self._drafts_dir, self._doc.path, self._doc.file_text)
        except OSError as exc:
            self.draft_failed.emit(str(exc))

    def forget_draft(self) -> None:
        """The teacher chose to discard the changes: no draft is kept for them."""
        self.draft_timer.stop()
        if self._drafts_dir is not None:
            from quizapp.authoring.drafts import remove_draft

            remove_draft(self._drafts_dir, self._doc.path)

    def _on_clean_changed(self, clean: bool) -> None:
        if clean and self._drafts_dir is not None:
            self.forget_draft()

    # ------------------------------------------------------------ the file on disk

    def watch(self) -> None:
        path = self._doc.path
        if path and os.path.exists(path) and path not in self.watcher.files():
            self.watcher.addPath(path)

    def written(self, *, moved: bool = False, draft_of: str | None = None) -> None:
        """The editor wrote the file (``moved``: to a new place, which is watched instead;
        the draft kept for ``draft_of``, where it was, goes: the work is saved)."""
        self._disk_data = self._doc.data()
        if moved and draft_of and self._drafts_dir is not None:
            from quizapp.authoring.drafts import remove_draft

            self.draft_timer.stop()
            with contextlib.suppress(OSError):  # the copy is saved; a draft left is harmless
                remove_draft(self._drafts_dir, draft_of)
        if moved and self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self.watch()
        self.bar.hide()

    @staticmethod
    def _read_disk(path: str | None) -> bytes | None:
        if not path:
            return None
        data = read_bank_bytes(path)  # never blocks on a pipe, never past the size limit
        return None if isinstance(data, tuple) else data

    def keep_editing(self) -> None:
        """The teacher keeps editing their version. The other program's change is not taken
        as read: Save still asks before it writes over it (the teacher may not have meant to
        throw that change away, only to go on typing)."""
        self.bar.hide()

    def changed_since_read(self, path: str) -> bool:
        """Has another program changed `path`, the bank's own file, since the editor last
        read or wrote it? (A file deleted meanwhile is not: saving puts it back.)"""
        if self._disk_data is None or path != self._doc.path:
            return False
        data = self._read_disk(path)
        return data is not None and data not in (self._disk_data, self._doc.data())

    def may_write(self, path: str) -> bool:
        """Before Save writes `path`: if another program changed it, ask whether to overwrite
        that change, reload the file (one undoable step) or cancel (the default)."""
        if not self.changed_since_read(path):
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, "Changed on disk",
                          f"{os.path.basename(path)} was changed on disk by another program."
                          "\nSaving now replaces that change with your version.", parent=self._parent)
        overwrite = box.addButton("&Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        reload = box.addButton("&Reload from disk", QMessageBox.ButtonRole.ActionRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        if box.clickedButton() is reload:
            self.reload_from_disk()
        return box.clickedButton() is overwrite

    def _on_disk_changed(self, path: str) -> None:
        self.watch()  # a file replaced by rename drops out of the watcher
        data = self._read_disk(path)
        if data is not None and data in (self._disk_data, self._doc.data()):
            self._disk_data = data
            return  # our own save, or nothing new
        self.label.setText(
            "This bank was deleted or moved on disk." if data is None
            else "This bank was changed on disk by another program.")
        self.reload_button.setEnabled(data is not None)
        self.bar.show()

    def reload_from_disk(self) -> None:
        """Take the file as it is on disk now (the window makes it one undoable step)."""
        path = self._doc.path
        if path is None:
            return
        try:
            data = read_bank_bytes(path)
            if isinstance(data, tuple):
                raise UnreadableBank(data[2])
            text, _encoding = decode_bank(data)
        except (OSError, UnreadableBank) as exc:
            QMessageBox.warning(self._parent, "Cannot reload", f"{path}: {exc}")
            return
        self.bar.hide()
        before, self._disk_data = self._disk_data, data
        self.reload_chosen.emit(text, before, data)

    def take_as_read(self, data: bytes | None) -> None:
        """What the file held when the editor last read it, as an undo or redo of a reload
        makes it again."""
        self._disk_data = data
