"""What a store write changed, and the redraw rule the screens share (see gui/operations.py).

Kept apart from the operations' threads: the library screen, built at startup, needs only
these, and a returning learner's window shows without creating any thread for them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer


class Changes(NamedTuple):  # not a dataclass, for startup (see core/learner.py)
    """What a write changed; a screen redraws only for what it shows.

    learner_id: whose answers, cards or sessions changed (None: anyone's, or unknown).
    bank_ids: the banks whose answers, cards or sessions changed (None: any, or unknown),
    so that the library recounts only their rows."""

    learners: bool = False
    banks: bool = False
    cards: bool = False
    answers: bool = False
    sessions: bool = False
    learner_id: int | None = None
    bank_ids: frozenset[str] | None = None
    # Rows pulled from the class server: other computers' writes (a card suspended there
    # leaves an open review: gui/suspended_cards.leave_out_suspended_elsewhere).
    pulled: bool = False

    @classmethod
    def everything(cls) -> Changes:
        return cls(learners=True, banks=True, cards=True, answers=True, sessions=True)

    @classmethod
    def answer(cls, learner_id: int | None, bank_id: str | None = None) -> Changes:
        """An answer or rating recorded or taken back: it moves scores and card schedules."""
        return cls(answers=True, cards=True, learner_id=learner_id, bank_ids=_banks(bank_id))

    @classmethod
    def session(cls, learner_id: int | None, bank_id: str | None = None) -> Changes:
        """A session started, finished or abandoned."""
        return cls(sessions=True, learner_id=learner_id, bank_ids=_banks(bank_id))

    @classmethod
    def synced(cls, learner_id: int, bank_ids: frozenset[str] | None) -> Changes:
        """Rows of the learner pulled from the class server (answers, reviews, sessions)."""
        return cls(answers=True, cards=True, sessions=True, learner_id=learner_id,
                   bank_ids=bank_ids, pulled=True)

    def concerns(self, learner_id: int | None) -> bool:
        """Whether these changes may touch `learner_id`'s own data."""
        return self.learner_id is None or learner_id is None or self.learner_id == learner_id

    def concerns_bank(self, bank_id: str) -> bool:
        """Whether these changes may touch the learner data of the bank `bank_id`."""
        return self.bank_ids is None or bank_id in self.bank_ids

    def __or__(self, other: Changes) -> Changes:
        same = self.learner_id == other.learner_id
        return Changes(
            learners=self.learners or other.learners,
            banks=self.banks or other.banks,
            cards=self.cards or other.cards,
            answers=self.answers or other.answers,
            sessions=self.sessions or other.sessions,
            pulled=self.pulled or other.pulled,
            learner_id=self.learner_id if same else None,
            bank_ids=(None if self.bank_ids is None or other.bank_ids is None
                      else self.bank_ids | other.bank_ids),
        )


def _banks(bank_id: str | None) -> frozenset[str] | None:
    return None if bank_id is None else frozenset((bank_id,))


# Set on the writer thread while a WriteOp runs (and on the class sync's thread while it
# syncs): the store's own "something was written" callback is then silent, because the op
# (the sync) announces precisely what it changed.
write_op_scope = threading.local()


def inside_write_op() -> bool:
    return bool(getattr(write_op_scope, "active", False))


class AnnouncedByCaller:
    """`with AnnouncedByCaller():` on a worker thread: the store writes made inside are not
    announced as Changes.everything(); the caller announces what they changed."""

    def __enter__(self) -> None:
        write_op_scope.active = True

    def __exit__(self, *exc: object) -> None:
        write_op_scope.active = False


class StaleAware:
    """The redraw rule every screen shares: a change that concerns the screen redraws it at
    once (or after `delay_ms`, one redraw per burst) while it is visible, and only marks it
    stale while hidden; a stale screen redraws when shown again.

    The screen passes its `redraw` and `visible` callables and calls `changed()` for each
    change it cares about and `shown()` from its showEvent."""

    def __init__(self, owner: QObject, redraw: Callable[[], None],
                 visible: Callable[[], bool], *, delay_ms: int = 0, stale: bool = True):
        self.stale = stale
        self._redraw = redraw
        self._visible = visible
        self._timer: QTimer | None = None
        if delay_ms:
            self._timer = QTimer(owner)
            self._timer.setSingleShot(True)
            self._timer.setInterval(delay_ms)
            self._timer.timeout.connect(redraw)

    def changed(self) -> None:
        if not self._visible():
            self.stale = True
        elif self._timer is not None:
            self._timer.start()
        else:
            self._redraw()

    def shown(self) -> None:
        if self.stale and self._visible():
            self._redraw()

    @property
    def scheduled(self) -> bool:
        """A redraw is waiting for its burst to end (the delay's timer runs)."""
        return self._timer is not None and self._timer.isActive()

    def cancel(self) -> None:
        """A redraw is starting now: the one a burst scheduled is not needed."""
        if self._timer is not None:
            self._timer.stop()
