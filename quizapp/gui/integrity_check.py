"""The results file's integrity check, off the startup path.

The app opens its store with defer_check=True (no full PRAGMA quick_check before the
window shows; about 2 ms a MiB) and, a few seconds after the window is painted and idle
(quizapp.gui.app.INTEGRITY_CHECK_DELAY_MS, so that it does not compete with the first
listing of the banks), runs Store.check_integrity() on a thread of its own. A failed check keeps the file in use
and says so in a dialog that does not block the event loop. Only QtCore here, so
starting it costs next to nothing.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from quizapp.gui.collector import background_work_ended, background_work_started

TYPE_CHECKING = False
if TYPE_CHECKING:
    from quizapp.core.store import StoreNotice

log = logging.getLogger(__name__)


class _CheckNews(QObject):
    done = Signal(object)  # the StoreNotice to show, or None: the file is sound


def start_integrity_check(context, window) -> threading.Thread | None:
    """Check the store in the background if a check is due; the thread, or None.

    The thread is a daemon: quitting does not wait for a check under way (it only
    reads, through a read-only connection of its own)."""
    store = context.store
    if not store.integrity_check_due():
        return None
    news = _CheckNews(window)
    news.done.connect(lambda notice: _check_finished(window, notice))

    def run() -> None:
        notice = None
        try:
            notice = store.check_integrity()
        except Exception:  # a check must never stop the app
            log.exception("integrity check failed to run")
        try:
            news.done.emit(notice)  # queued to the GUI thread (AutoConnection)
        except RuntimeError:  # the window is gone: the app quit while the check ran
            pass

    thread = threading.Thread(target=run, name="quizapp-integrity-check", daemon=True)
    # The check reads the whole file through SQLite: cyclic garbage is not collected
    # on the GUI thread until it is done (gui/collector.py).
    background_work_started()
    thread.start()
    window.integrity_check_thread = thread
    return thread


def _check_finished(window, notice: StoreNotice | None) -> None:
    background_work_ended()
    if notice is not None:
        show_check_failed(window, notice)


def show_check_failed(window, notice: StoreNotice):
    """notice: the StoreNotice Store.check_integrity() returned."""
    from quizapp.gui.notices import open_store_notice

    window.integrity_box = open_store_notice(window, notice)
    return window.integrity_box
