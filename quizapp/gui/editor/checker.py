"""Check the bank as the teacher types: the loader of `quizapp validate`, run in a
worker process after a pause, so a keystroke never waits for it.

A process, not a thread: checking a 10,000-question bank is Python work that holds
the interpreter lock, and keystrokes typed while a thread checked took 20-29 ms to
handle instead of 8 (benchmarks/bench_editor.py). The worker is started once ("spawn":
forking a process that runs Qt threads is unsafe) and reused; the text goes to it,
only the problems come back.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from quizapp.core.model import Problem

PAUSE_MS = 400


def check_text(text: str, path: str) -> list[Problem]:
    """The problems `quizapp validate` would report for `text` (runs in the worker)."""
    from quizapp.core.loader import load_bank_text

    try:
        return list(load_bank_text(text, path).problems)
    except Exception as exc:  # never a traceback in the editor
        return [Problem(path, 0, 0, f"the check failed: {exc}")]


class _Relay(QObject):
    done = Signal(int, list)


class Checker(QObject):
    """``schedule()`` after every change; ``checked(problems)`` for the newest text only."""

    checked = Signal(list)

    def __init__(self, text: Callable[[], str], path: Callable[[], str], parent=None,
                 pause_ms: int = PAUSE_MS):
        super().__init__(parent)
        self._text, self._path = text, path
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(self.check_now)
        self._worker: ProcessPoolExecutor | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)  # queued: futures finish on another thread
        self.pending = False
        if isinstance(parent, QWidget):
            # Checked again when the teacher comes back to the window: a picture or source
            # text added meanwhile (in a file manager) is found without another edit.
            parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.ActivationChange and isinstance(watched, QWidget)
                and watched.isActiveWindow()):
            self.schedule()
        return False

    def schedule(self) -> None:
        self.pending = True
        self._timer.start()

    def check_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        self.pending = True
        if self._worker is None:
            self._worker = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        generation, path = self._generation, self._path()
        future = self._worker.submit(check_text, self._text(), path)
        future.add_done_callback(lambda done: self._deliver(generation, path, done))

    def _deliver(self, generation: int, path: str, future: Future) -> None:
        if future.cancelled():
            return
        try:
            problems = future.result()
        except Exception as exc:  # the worker died (killed, out of memory): say so
            problems = [Problem(path, 0, 0, f"the check could not run: {exc}")]
        try:
            self._relay.done.emit(generation, problems)
        except RuntimeError:  # the editor closed meanwhile: nobody to tell
            pass

    def _on_done(self, generation: int, problems: list) -> None:
        if generation == self._generation:
            self.pending = False
            self.checked.emit(problems)

    def shutdown(self) -> None:
        self._timer.stop()
        if self._worker is not None:
            self._worker.shutdown(wait=False, cancel_futures=True)
            self._worker = None
