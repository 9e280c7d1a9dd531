"""Start the Qt application: `quizapp` with no tool name lands here (see quizapp/cli.py)."""

from __future__ import annotations

import sys
from pathlib import Path


class _ReadyWatcher:
    """Quits once the window has been painted and the event loop has nothing left to do.

    A zero-timeout timer fires only after the events already queued (the
    first expose and paint among them) have been handled.
    """

    def __init__(self, app, window):
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.app = app
        self.window = window
        self.done = False
        watcher = self

        class _Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
                if event.type() in (QEvent.Type.Paint, QEvent.Type.UpdateRequest) and not watcher.done:
                    watcher.done = True
                    QTimer.singleShot(0, watcher.quit)
                return False

        self.filter = _Filter()
        window.installEventFilter(self.filter)
        # Some platforms paint the window through its backing store without
        # sending it a paint event; give them a bounded wait, then go on.
        QTimer.singleShot(2000, self._fallback)

    def _fallback(self) -> None:
        if not self.done:
            self.done = True
            self.quit()

    def quit(self) -> None:
        from PySide6.QtCore import QTimer

        # One more pass through the loop so anything posted by the paint runs too.
        QTimer.singleShot(0, lambda: self.app.exit(0))


def _icon_path() -> Path:
    return Path(__file__).with_name("resources") / "quizapp.svg"


def create_context(args, parent=None):
    """The AppContext for these command-line arguments: store, library, settings."""
    from quizapp.core.paths import data_dir
    from quizapp.core.store import Store
    from quizapp.gui.context import AppContext, BankLibrary, StoreEvents, make_settings

    folder = data_dir(getattr(args, "data_dir", None))
    store = Store.open(folder)
    settings = make_settings(parent)
    events = StoreEvents(store, parent)
    library = BankLibrary(settings, getattr(args, "bank_dir", None) or [], parent=parent)
    return AppContext(store=store, events=events, library=library, settings=settings,
                      data_dir=folder)


def run_app(args) -> int:
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    QCoreApplication.setOrganizationName("quizapp")
    QCoreApplication.setApplicationName("quizapp")
    if QApplication.instance() is None:
        # Fractional scale factors (125%, 150%) render crisply instead of being rounded.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setDesktopFileName("quizapp")
    app.setWindowIcon(QIcon(str(_icon_path())))

    try:
        context = create_context(args, app)
    except Exception as exc:  # e.g. the data folder cannot be created
        QMessageBox.critical(None, "quizapp cannot start",
                             f"Your data folder could not be opened:\n{exc}")
        return 1

    from quizapp.gui.main_window import MainWindow

    window = MainWindow(context)
    window.open_initial_screen()
    window.show()
    message = getattr(context.store, "recovery_message", None)
    if message:
        window.show_store_message(message)
    # Banks load after the window is up, on a pool thread.
    QTimer.singleShot(0, context.library.reload)

    watcher = _ReadyWatcher(app, window) if getattr(args, "exit_when_ready", False) else None
    try:
        code = app.exec()
    finally:
        window.save_geometry()
        context.close()
    del watcher
    return code
