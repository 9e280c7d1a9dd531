"""GUI-thread work in steps (gui/step_by_step.py): one step an event-loop turn, what came
due meanwhile runs between two steps, and the steps not yet run can be dropped or replaced."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from quizapp.gui.step_by_step import StepByStep


def busy(ms: float) -> None:
    """GUI-thread work that takes `ms` (a chart's fill, say)."""
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        pass


def test_a_timer_that_came_due_during_a_step_runs_before_the_next(qtbot):
    owner = QObject()
    steps = StepByStep(owner)
    ticks: list[int] = []
    tick = QTimer(owner)
    tick.setInterval(1)
    tick.timeout.connect(lambda: ticks.append(1))
    seen: list[int] = []  # ticks counted as each step began

    def step() -> None:
        seen.append(len(ticks))
        busy(4)  # longer than the tick's interval: it is due when the step ends

    tick.start()
    steps.run([step] * 8)
    qtbot.waitUntil(lambda: len(seen) == 8, timeout=5000)
    tick.stop()
    # A tick between every two steps: a step never ran straight after the one before.
    assert all(b > a for a, b in zip(seen, seen[1:], strict=False)), seen


def test_steps_run_in_order_and_cancel_or_run_drops_the_rest(qtbot):
    owner = QObject()
    steps = StepByStep(owner)
    done: list[str] = []
    steps.run([lambda: done.append("a"), lambda: done.append("b"),
               lambda: (done.append("c"), steps.cancel()), lambda: done.append("d")])
    assert done == []  # none in the turn that asked for them
    qtbot.waitUntil(lambda: done == ["a", "b", "c"], timeout=5000)
    later: list[str] = []
    steps.run([lambda: later.append("x"), lambda: steps.run([lambda: later.append("z")]),
               lambda: later.append("y")])
    qtbot.waitUntil(lambda: later == ["x", "z"], timeout=5000)
    marker = QTimer(owner)  # a few turns more: nothing else runs
    marker.setSingleShot(True)
    with qtbot.waitSignal(marker.timeout, timeout=5000):
        marker.start(20)
    assert done == ["a", "b", "c"] and later == ["x", "z"]


def test_a_step_that_fails_runs_none_of_the_rest(qtbot):
    """review22c: the rest ran, and the owner's last step said the page was filled."""
    owner = QObject()
    steps = StepByStep(owner)
    ran: list[str] = []

    def failing() -> None:
        ran.append("failing")
        raise RuntimeError("a chart could not be drawn")

    with qtbot.captureExceptions() as raised:
        steps.run([lambda: ran.append("first"), failing, lambda: ran.append("after")])
        qtbot.waitUntil(lambda: bool(raised), timeout=5000)
    # one more turn or two: nothing else comes
    seen_turn: list[int] = []
    QTimer.singleShot(20, lambda: seen_turn.append(1))
    qtbot.waitUntil(lambda: seen_turn == [1], timeout=5000)
    assert ran == ["first", "failing"]
    assert isinstance(raised[0][1], RuntimeError)
