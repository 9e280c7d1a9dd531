"""The progress screen's "cards due now", counted again when the next card falls due.

A tester kept Progress open while a card missed a minute earlier fell due: the tile read
"0 cards due now" until Refresh, though the library counts again then. Refreshing the whole
screen at that moment (d6bb9fb) refilled its tables and charts, and moved a screen reader's
focus (tests/test_accessibility.py), so it was taken back (6bcccb0). Here only the number is
counted again, on the reader thread, and set in place: no widget is refilled, none is
focused. When the screen is hidden it is only marked stale, and refreshes when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer

from quizapp.gui.operations import LatestOnly, Operations, QueryOp

HOUR_MS = 3_600_000  # at most this far ahead: the timer is armed again when it fires
LATE_MS = 50  # after the card's due time, never before it


@dataclass(frozen=True)
class DueNow:
    count: int  # cards due now, as ProgressData.due_now counts them
    next_due: datetime | None  # when the next card not due yet falls due


def next_due(store, learner_id: int, bank_ids: list[str], now: datetime) -> datetime | None:
    """When the first card of these banks not due at `now` falls due (None: none)."""
    times = (store.next_due_after(learner_id, bank_id, now) for bank_id in bank_ids)
    return min((when for when in times if when is not None), default=None)


def load_due_now(store, learner_id: int, bank_ids: list[str], banks: dict,
                 now: datetime | None = None) -> DueNow:
    """The due count of these banks (Bank objects from `banks` where loaded, as
    load_progress counts only current questions), and when the next card falls due."""
    now = now or datetime.now(UTC)
    count = sum(store.bank_summary(learner_id, banks.get(bank_id, bank_id), now).due_count
                for bank_id in bank_ids)
    return DueNow(count, next_due(store, learner_id, bank_ids, now))


class DueNowWatch(QObject):
    """Counts the due cards again when the next one falls due, and hands the count to
    `show` (which sets a label's text); `stale()` is called instead while `visible()` is
    false. `watch()` after every full refresh; `stop()` when nothing is shown."""

    def __init__(self, operations: Operations, show: Callable[[int], None],
                 visible: Callable[[], bool], stale: Callable[[], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._operations = operations
        self._show = show
        self._visible = visible
        self._stale = stale
        self._tickets = LatestOnly()
        self._watched: tuple[int, list[str], dict] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # A coarse timer may fire up to 5% early, before the card is due.
        self.timer.setProperty("timerType", "PreciseTimer")
        self.timer.timeout.connect(self._on_due)

    def watch(self, learner_id: int, bank_ids: list[str], banks: dict,
              next_due: datetime | None) -> None:
        """Count these banks again at `next_due` (read with the screen's numbers: see
        load_progress), when the next card falls due; never, for None."""
        self.stop()
        self._watched = (learner_id, list(bank_ids), dict(banks))
        self._arm(self._tickets.latest, next_due)

    def stop(self) -> None:
        self._tickets.next()  # an answer on its way is dropped
        self._watched = None
        self.timer.stop()

    def _arm(self, ticket: int, when: datetime | None) -> None:
        if not self._tickets.is_current(ticket) or when is None:
            return
        ms = (when - datetime.now(UTC)).total_seconds() * 1000
        self.timer.start(max(0, min(HOUR_MS, int(ms) + LATE_MS)))

    def _on_due(self) -> None:
        watched = self._watched
        if watched is None:
            return
        if not self._visible():  # counted with everything else when shown again
            self.stop()
            self._stale()
            return
        learner_id, bank_ids, banks = watched
        ticket = self._tickets.next()
        QueryOp(
            parent=self,
            op=lambda store: load_due_now(store, learner_id, bank_ids, banks),
            success=lambda due: self._on_counted(ticket, due),
            # A count that fails leaves the number as it was: Refresh reads everything again
            # and says what went wrong.
        ).failure(lambda _exc: None).run_in_background(self._operations)

    def _on_counted(self, ticket: int, due: DueNow) -> None:
        if not self._tickets.is_current(ticket):
            return
        self._show(due.count)
        self._arm(ticket, due.next_due)
