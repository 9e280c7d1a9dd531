"""Run statistics queries off the GUI thread and hand the results back as signals.

A screen calls ``StatsWorker.submit(fn, *args)``; ``fn`` runs on a pool thread and its
return value arrives on the GUI thread through ``query_finished(ticket, result)``.
Only the newest ticket per worker matters to a screen: ``is_current(ticket)`` lets it
drop a result that a later refresh has already superseded (a slow query must not paint
old numbers over new ones).

Queries run one at a time per worker (a private pool of one thread) so that a store whose
SQLite connection is shared between threads is never used by two queries at once.

``StatsScreen`` is the base of the screens that show such queries (progress, teacher): it
owns their worker and the refresh rules: while visible, store writes (store_changed) trigger
one refresh per burst; while hidden they only mark the screen stale, and it refreshes when
shown again.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QWidget


class _Relay(QObject):
    # Lives in the GUI thread; emitting from the pool thread queues delivery to the GUI thread.
    finished = Signal(int, object)
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, ticket: int, relay: _Relay, fn: Callable[..., Any], args, kwargs):
        super().__init__()
        self.setAutoDelete(True)
        self._ticket = ticket
        self._relay = relay
        self._fn = fn
        self._args = args
        self._kwargs = kwargs

    def run(self) -> None:
        try:
            result = self._fn(*self._args, **self._kwargs)
        except Exception as exc:  # a query failure is shown on screen, never a crash
            traceback.print_exc()
            self._deliver(self._relay.failed, f"{type(exc).__name__}: {exc}")
        else:
            self._deliver(self._relay.finished, result)

    def _deliver(self, signal, value) -> None:
        try:
            signal.emit(self._ticket, value)
        except RuntimeError:
            pass  # the screen was closed while its query ran; nobody is waiting


class StatsWorker(QObject):
    """Runs callables off the GUI thread; results come back as past-tense signals."""

    query_finished = Signal(int, object)  # ticket, whatever the callable returned
    query_failed = Signal(int, str)  # ticket, a readable message

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._tickets = count(1)
        self._latest = 0
        self._relay = _Relay(self)
        self._relay.finished.connect(self.query_finished)
        self._relay.failed.connect(self.query_failed)

    def submit(self, fn: Callable[..., Any], *args, **kwargs) -> int:
        ticket = next(self._tickets)
        self._latest = ticket
        self._pool.start(_Job(ticket, self._relay, fn, args, kwargs))
        return ticket

    def is_current(self, ticket: int) -> bool:
        return ticket == self._latest

    def wait(self, msecs: int = -1) -> bool:
        """Block until every submitted query has run (for shutdown and benchmarks)."""
        return self._pool.waitForDone(msecs)


class StatsScreen(QWidget):
    """A screen filled from a query run by its StatsWorker; refreshes when shown if stale.

    A subclass builds ``self.status`` (a QLabel), implements ``refresh()`` (which submits
    ``self._loader`` to ``self._worker`` and sets ``self._loading``), and shows the newest
    answer in ``_show_loaded(data)`` or ``_show_failed(message)``.
    """

    REFRESH_DELAY_MS = 250  # answers arrive in bursts; one refresh per burst

    def __init__(self, context, loader: Callable, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._loader = loader
        self._worker = StatsWorker(self)
        self._worker.query_finished.connect(self._on_loaded)
        self._worker.query_failed.connect(self._on_failed)
        self._stale = True
        self._loading = False
        self.data: Any = None  # the screen's own data record (ProgressData, TeacherData)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(self.REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        events = context.events
        if events is not None:
            events.store_changed.connect(self._on_store_changed)

    def refresh(self) -> None:
        raise NotImplementedError

    def _add_refresh_button(self, header, tip: str) -> None:
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setAccessibleName("Refresh")
        self.refresh_button.setToolTip(f"{tip} (F5)")
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        header.addWidget(self.refresh_button)

    def _add_pages(self, outer, empty_message: str) -> None:
        """The stacked pages: first a centred plain-text label for when there is no data."""
        from PySide6.QtCore import Qt

        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.empty_label = QLabel(empty_message)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.pages.addWidget(self.empty_label)

    def _show_loaded(self, data) -> None:
        raise NotImplementedError

    def _show_failed(self, message: str) -> None:
        raise NotImplementedError

    def _banks(self) -> dict:
        """The library's loaded banks by id (empty without a library)."""
        library = getattr(self.context, "library", None)
        return {b.id: b for b in library.banks()} if library is not None else {}

    def _on_store_changed(self) -> None:
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Deferred: SHELL calls refresh() right after showing; one query is enough.
        QTimer.singleShot(0, self, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.refresh()

    def _on_failed(self, ticket: int, message: str) -> None:
        if self._query_done(ticket):
            self._show_failed(message)

    def _on_loaded(self, ticket: int, data) -> None:
        if self._query_done(ticket):
            self.data = data
            self._show_loaded(data)

    def _query_done(self, ticket: int) -> bool:
        """False for the answer of a query a later refresh superseded (it is dropped)."""
        if not self._worker.is_current(ticket):
            return False
        self._loading = False
        self.status.setText("")
        return True
