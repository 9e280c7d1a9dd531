"""Cyclic garbage is collected on the GUI thread, between background operations.

Python runs its cycle collector on whichever thread happens to allocate when a generation
fills up: in this app that is often a pool thread (loading a bank, a statistics query). A
collection there can free Qt objects that belong to the GUI thread, and a collection on
the GUI thread while a pool thread is inside SQLite finalizes statements and closes
connections alongside it; either can crash the process (the test suite crashed once on CI in a
collection on the GUI thread while the reader thread was inside SQLite).
Qt applications with threads therefore collect on the GUI thread themselves (pyqtgraph's
GarbageCollector; Anki's desktop app runs gc.collect() on its main thread): the automatic collector is
switched off and a timer on the GUI thread runs the generations that are due, by the
same thresholds Python uses, when no background operation is under way.

Background work (gui.operations, the bank library's loads) says when it starts and ends;
a collection waits for it, but never longer than MAX_DEFERRAL_S, so an operation whose
end never arrives (its window closed under it) cannot stop collection for good.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 2000  # how often the GUI thread looks at the collector's counts
MAX_DEFERRAL_S = 30.0  # the longest a collection waits for background work to end

_background_work = 0


def background_work_started() -> None:
    """A background operation began (called on the GUI thread)."""
    global _background_work
    _background_work += 1


def background_work_ended() -> None:
    """A background operation ended and delivered its result (GUI thread)."""
    global _background_work
    _background_work = max(0, _background_work - 1)


def background_work_running() -> bool:
    return _background_work > 0


def collect_due_generations() -> int | None:
    """Collect the oldest generation whose count passed its threshold, as Python's automatic
    collector does once the youngest one fills up; the generation collected, or None."""
    threshold0, threshold1, threshold2 = gc.get_threshold()
    count0, count1, count2 = gc.get_count()
    if count0 <= threshold0:
        return None
    generation = 2 if count2 > threshold2 else 1 if count1 > threshold1 else 0
    gc.collect(generation)
    return generation


class CollectionSchedule:
    """When to collect: the due generations, unless background work is under way, which a
    collection waits for, but never longer than MAX_DEFERRAL_S."""

    def __init__(self) -> None:
        self._deferred_since: float | None = None

    def check(self) -> int | None:
        """Collect now if due and quiet; the generation collected, or None."""
        if background_work_running():
            now = time.monotonic()
            if self._deferred_since is None:
                self._deferred_since = now
            if now - self._deferred_since < MAX_DEFERRAL_S:
                return None
        self._deferred_since = None
        return collect_due_generations()


class GuiThreadCollector(QObject):
    """Owns cycle collection while the app runs: the automatic collector stays off and a
    timer on the GUI thread checks the CollectionSchedule every CHECK_INTERVAL_MS."""

    def __init__(self, parent: QObject | None = None,
                 interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self.schedule = CollectionSchedule()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.schedule.check)
        self._timer.start()
