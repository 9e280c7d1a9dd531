"""The app's automatic backups and the early "disk almost full" warning.

quizapp.core.backup.AutoBackup runs on a thread of its own; its news comes to the
GUI thread through a queued signal and shows in the status bar. Started from
app.py once the window is painted and idle; only QtCore here, so starting costs
next to nothing (the Backups dialog, with its widgets, is built only when opened).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from quizapp.core import backup

log = logging.getLogger(__name__)


class _BackupNews(QObject):
    done = Signal(object, object)  # path or None, error text or None


def start_auto_backups(context, window) -> backup.AutoBackup | None:
    """Start the automatic backups; warn about a nearly full disk. Returns the
    AutoBackup (stop it at exit), or None if it could not start."""
    news = _BackupNews(window)
    started: list[backup.AutoBackup] = []

    def shown(path, error) -> None:  # a queued connection: on the GUI thread
        if error:
            window.statusBar().showMessage(f"Automatic backup failed: {error}", 15000)
            if started and started[0].found_damage:
                # The file is damaged: its check (due now) says so in a dialog, at once
                # rather than at the next start or, for a big file, within a week.
                check_now(context, window)
        elif path is not None:
            window.statusBar().showMessage("Your answers were backed up.", 5000)

    news.done.connect(shown)  # emitted on the backup thread: Qt queues it (AutoConnection)
    warning = backup.free_space_warning(context.store.path.parent)
    if warning:
        _warn(window, warning)
    try:
        auto = backup.AutoBackup(context.store, on_done=news.done.emit)
        started.append(auto)
        auto.start()
    except Exception:  # backups must never stop the app
        log.exception("automatic backups could not start")
        return None
    return auto


def check_now(context, window) -> None:
    """Run the results file's integrity check now, unless one is under way."""
    from quizapp.gui.integrity_check import start_integrity_check

    running = getattr(window, "integrity_check_thread", None)
    if running is None or not running.is_alive():
        start_integrity_check(context, window)


def _warn(window, text: str) -> None:
    from quizapp.gui.notices import open_warning

    window.disk_space_box = open_warning(window, "The disk is almost full", text)
