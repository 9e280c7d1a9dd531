"""The library's watch on its banks' files and folders: a change reloads the library
(gui/context.BankLibrary).

A large library's files are watched a few at a time while the window is idle:
QFileSystemWatcher.addPaths took 0.9-3.2 s on the GUI thread for a folder of 10,000
banks, the window frozen as its rows were shown. A small library (most) is watched at once.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

AT_ONCE = 256  # new paths watched in one call; more are added CHUNK at a time
CHUNK = 64  # about 5-20 ms of addPaths


class BankWatcher(QObject):
    changed = Signal(str)  # a watched file or folder changed (its path)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self.changed)
        self._watcher.directoryChanged.connect(self.changed)
        self._pending: list[str] = []  # paths to watch, the next ones last
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._watch_next)

    def watch(self, folders: set[str], files: set[str]) -> None:
        """Watch these folders and files, and no others, from now on (those that exist)."""
        current = set(self._watcher.files()) | set(self._watcher.directories())
        stale = current - folders - files
        if stale:
            self._watcher.removePaths(list(stale))
        # Folders first (a new or deleted bank shows in its folder): they are taken last.
        self._pending = [*sorted(files - current, reverse=True),
                         *sorted(folders - current, reverse=True)]
        if len(self._pending) <= AT_ONCE:
            self._watch_some(len(self._pending))
        else:
            self._timer.start()

    def pending(self) -> int:
        """How many paths are still to be watched."""
        return len(self._pending)

    def _watch_next(self) -> None:
        self._watch_some(CHUNK)

    def _watch_some(self, count: int) -> None:
        some = self._pending[-count:] if count else []
        del self._pending[len(self._pending) - len(some):]
        existing = [path for path in some if os.path.exists(path)]
        if existing:
            self._watcher.addPaths(existing)
        if not self._pending:
            self._timer.stop()
