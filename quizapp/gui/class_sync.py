"""Background sync with the class server, and its line in the status bar.

The sync runs on a thread of its own (never the GUI thread: a server that is slow or away
must not freeze a quiz); its news comes back through a queued signal. It starts after a
session ends (when the library shows again) and every few minutes. The status reads
"synced", "12 answers waiting" or "offline since 10:42", or, when the server refused a
learner signed in here, what to do ("Bob's password was refused: sign in again"), even
if the others synced. Only QtCore and the standard
library here; psycopg is imported by the sync itself, on its thread.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from quizapp.gui.collector import background_work_ended, background_work_started

log = logging.getLogger(__name__)

SYNC_EVERY_MS = 5 * 60 * 1000


class ClassSync(QObject):
    status_changed = Signal(str)
    class_banks_changed = Signal()  # a sync wrote new or changed class banks
    sync_finished = Signal()  # a sync ended: its problems and notes are there to read
    _finished = Signal(object)  # a SyncResult, or an error text

    def __init__(self, store, parent: QObject | None = None, every_ms: int = SYNC_EVERY_MS):
        super().__init__(parent)
        self.store = store
        self.status = ""
        self.offline_since: datetime | None = None
        self.last_result = None
        # The last sync's trouble, one line per learner the server refused, and its notes
        # on the class banks: what File > Class server… shows.
        self.problems: list[str] = []
        self.notes: list[str] = []
        self._thread: threading.Thread | None = None
        self._again = False
        self._stopped = False  # stop() ran: the store may be closed, news is not shown
        self._connections: dict = {}  # used by the sync thread only
        self._finished.connect(self._on_finished)  # queued: emitted on the sync thread
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.sync_soon)
        self.timer.start()

    def enabled(self) -> bool:
        from quizapp.server.roles import signed_in  # not the sync itself: no class, no cost

        return bool(signed_in(self.store))

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def sync_soon(self) -> None:
        """Start a sync now on the background thread (or right after the one running)."""
        if not self.enabled():
            self._set_status("")
            return
        if self.running:
            self._again = True
            return
        self._thread = threading.Thread(target=self._work, name="class-sync", daemon=True)
        # The sync reads and writes the store: cyclic garbage is not collected on the GUI
        # thread until its news is back (gui/collector.py).
        background_work_started()
        self._thread.start()

    def _work(self) -> None:
        try:
            from quizapp.server import banks, sync

            result = sync.sync(self.store, self._connections)
            if not result.offline and not result.too_new:
                pulled = banks.pull_all(self.store)
                result.banks, result.notes = pulled.changed, pulled.notes
            self._finished.emit(result)
        except Exception as exc:  # the sync must never take the app down
            log.exception("class server sync failed")
            self._finished.emit(str(exc) or type(exc).__name__)

    def _on_finished(self, result) -> None:
        background_work_ended()
        if self._stopped:  # news of a sync that ended as the app closed
            return
        self.last_result = result
        offline = isinstance(result, str) or result.offline
        self.problems = [] if offline else list(result.errors)
        self.notes = [] if isinstance(result, str) else list(result.notes)
        if offline and self.offline_since is None:
            self.offline_since = datetime.now()
        elif not offline:
            self.offline_since = None
        self.refresh_status()
        if not isinstance(result, str) and result.banks:
            self.class_banks_changed.emit()
        self.sync_finished.emit()
        if self._again:
            self._again = False
            self.sync_soon()

    def refresh_status(self) -> None:
        if not self.enabled():
            self._set_status("")
            return
        if self.offline_since is not None:
            self._set_status(f"offline since {self.offline_since:%H:%M}")
            return
        self._set_status("; ".join(self.problems) if self.problems else self.waiting_text())

    def waiting_text(self) -> str:
        """'synced' or 'N answers waiting': the signed-in learners' answers not sent."""
        from quizapp.server.sync import waiting

        count = waiting(self.store)
        return "synced" if count == 0 else f"{count:,} answer{'s' * (count != 1)} waiting"

    def _set_status(self, text: str) -> None:
        if text != self.status:
            self.status = text
            self.status_changed.emit(text)

    def stop(self, timeout: float = 10) -> None:
        self._stopped = True
        self.timer.stop()
        if self._thread is not None:
            self._thread.join(timeout)
        if not self.running and self._connections:  # none when no class is set up
            from quizapp.server.sync import close_all

            close_all(self._connections)
