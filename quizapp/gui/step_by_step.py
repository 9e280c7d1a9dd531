"""GUI-thread work done in steps, one an event-loop turn, that can be dropped half done.

A screen's fill that takes longer than a frame (16 ms) in one go holds up keys, mouse and
painting for as long. Run as steps, each in a turn of its own, Qt handles the input and
lays out and paints what one step changed before the next step runs. The owner says what
a half-done fill means (the progress screen hides it) when it cancels or replaces it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer


class StepByStep(QObject):
    """Runs steps one an event-loop turn (a zero-interval timer: Qt handles what is waiting,
    input, layout and paint, before it fires); `run` replaces the steps not yet run."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._steps: deque[Callable[[], None]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_next)

    def run(self, steps: Iterable[Callable[[], None]]) -> None:
        """Drop the steps not yet run and run these instead, the first in the next turn."""
        self._steps = deque(steps)
        if self._steps:
            self._timer.start()
        else:
            self._timer.stop()

    def cancel(self) -> None:
        """Drop the steps not yet run."""
        self.run(())

    def _run_next(self) -> None:
        if not self._steps:
            return
        step = self._steps.popleft()
        try:
            step()
        except BaseException:
            # The rest would fill in on top of a step that failed, and the owner would
            # take the fill for done: none of them runs (the error goes on to be reported)
            self._steps.clear()
            raise
        # Started once the step is done, not before: a timer started before it fell due
        # ahead of the timers that came due while it ran, which then waited for a second
        # step (1 ms ticks stalled 2-3 steps long). A step that cancelled the rest left
        # none; one that ran others started the timer already.
        if self._steps and not self._timer.isActive():
            self._timer.start()
