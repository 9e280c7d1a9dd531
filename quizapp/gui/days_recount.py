"""A start under another time zone than the last: the local days counted again after the
window shows, on a thread of its own (core/store/local_days.py).

The app opens its store with defer_days=True, so the window does not wait for the count
(2-3 s at 1,000,000 answers; it reads every answer); once it is painted and idle, DaysRecount
runs Store.recount_days() on a connection of its own. Meanwhile the stored days are
another zone's: the progress screen, the only one that shows days, says that it is
counting (days_message) instead of showing them, and when the count is over every screen
is told that the store changed, so the progress screen reads again. Only QtCore here.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

from PySide6.QtCore import QObject, Signal

from quizapp.gui.collector import background_work_ended, background_work_started

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from quizapp.core.store import Store
    from quizapp.gui.changes import Changes

log = logging.getLogger(__name__)

COUNTING_MESSAGE = (
    "Counting your study days again for this computer's time zone (quizapp was last used"
    " in another one). Your progress shows here as soon as that is done."
)


class DaysRecount(QObject):
    """The recount of one window's store: start() it, stop() it on the way out."""

    finished = Signal()  # the days are this zone's, or could not be counted (failure)
    _done = Signal(object)  # from the thread: None, or the failure's text

    def __init__(self, store: Store, announce: Callable[[Changes], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._announce = announce  # StoreEvents.announce: what every screen is told
        self.counting = False
        self.failure: str | None = None  # why the count failed, in the learner's words
        self._conn: sqlite3.Connection | None = None
        self._conn_lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._done.connect(self._on_done)

    def start(self) -> None:
        self.counting = True
        # The count reads the whole answer log: cyclic garbage is not collected on the GUI
        # thread until it is done (gui/collector.py).
        background_work_started()
        self._thread = threading.Thread(target=self._run, name="quizapp-days-recount",
                                        daemon=True)
        self._thread.start()

    def _connected(self, conn: sqlite3.Connection) -> None:
        with self._conn_lock:
            self._conn = conn
        if self._stopping.is_set():
            conn.interrupt()

    def _run(self) -> None:
        failure = None
        try:
            self._store.recount_days(self._connected)
        except Exception as exc:  # the count must never stop the app
            if self._stopping.is_set():
                return  # interrupted on the way out: nothing was written
            log.warning("the local days could not be counted again: %s", exc)
            failure = str(exc) or type(exc).__name__
        finally:
            with self._conn_lock:
                self._conn = None
        try:
            self._done.emit(failure)  # queued to the GUI thread
        except RuntimeError:  # the window is gone
            pass

    def _on_done(self, failure: str | None) -> None:
        if not self.counting:  # stopped on the way out meanwhile
            return
        self.counting = False
        self.failure = failure
        background_work_ended()
        from quizapp.gui.changes import Changes

        # The progress screen read "counting"; it reads the days now (so does any other
        # screen: which learners' days moved is every learner's).
        self._announce(Changes.everything())
        self.finished.emit()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop a count under way (it writes nothing then; the next start counts again)."""
        self._stopping.set()
        with self._conn_lock:
            conn = self._conn
            if conn is not None:
                try:
                    conn.interrupt()
                except sqlite3.Error:  # closed meanwhile: the count is over
                    pass
        if self._thread is not None:
            self._thread.join(timeout)
        if self.counting:
            self.counting = False
            background_work_ended()


def start_days_recount(store: Store, announce: Callable[[Changes], None],
                       parent: QObject) -> DaysRecount | None:
    """After the window is ready: count the days again if they are another zone's (the
    caller keeps the DaysRecount as AppContext.days_recount)."""
    if store.local_days_current():
        return None
    recount = DaysRecount(store, announce, parent)
    recount.start()
    return recount


def days_message(recount: DaysRecount | None) -> str:
    """What the progress screen says instead of days counted in another time zone."""
    if recount is not None and recount.failure is not None:
        return (
            "Your study days could not be counted again for this computer's time zone"
            f" ({recount.failure}). quizapp tries again at its next start."
        )
    return COUNTING_MESSAGE
