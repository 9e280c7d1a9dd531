"""Check the bank as the teacher types: the loader of `quizapp validate`, run on a
worker thread after a pause, so a keystroke never waits for it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from quizapp.core.loader import load_bank_text

PAUSE_MS = 400


class _Relay(QObject):
    done = Signal(int, list)


class _CheckJob(QRunnable):
    def __init__(self, generation: int, text: str, path: str, relay: _Relay):
        super().__init__()
        self.generation, self.text, self.path, self.relay = generation, text, path, relay

    def run(self) -> None:
        try:
            problems = load_bank_text(self.text, self.path).problems
        except Exception as exc:  # never a traceback in the editor
            from quizapp.core.model import Problem

            problems = [Problem(self.path, 0, 0, f"the check failed: {exc}")]
        self.relay.done.emit(self.generation, problems)


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
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self.pending = False

    def schedule(self) -> None:
        self.pending = True
        self._timer.start()

    def check_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        self.pending = True
        self._pool.start(_CheckJob(self._generation, self._text(), self._path(), self._relay))

    def _on_done(self, generation: int, problems: list) -> None:
        if generation == self._generation:
            self.pending = False
            self.checked.emit(problems)

    def shutdown(self) -> None:
        self._timer.stop()
        self._pool.clear()
        self._pool.waitForDone(5000)
