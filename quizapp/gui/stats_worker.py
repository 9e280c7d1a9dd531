"""Run statistics queries off the GUI thread and hand the results back as signals.

A screen calls ``StatsWorker.submit(fn, *args)``; ``fn`` runs on a pool thread and its
return value arrives on the GUI thread through ``query_finished(ticket, result)``.
Only the newest ticket per worker matters to a screen: ``is_current(ticket)`` lets it
drop a result that a later refresh has already superseded (a slow query must not paint
old numbers over new ones).

Queries run one at a time per worker (a private pool of one thread) so that a store whose
SQLite connection is shared between threads is never used by two queries at once.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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
