"""What of a learner's study here the class server has not got yet: the status bar's "12
answers waiting". Apart from sync_result (a dataclass module): the app's start imports
this with the status bar's class sync, and a dataclass compiles its methods when defined."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Waiting(NamedTuple):
    """A learner's answers and cards (suspended or brought back) not pushed yet
    (sync.waiting_by_learner)."""

    answers: int
    cards: int


def all_waiting(waiting: Iterable[Waiting]) -> Waiting:
    """What several learners have waiting, together."""
    answers = cards = 0
    for each in waiting:
        answers, cards = answers + each.answers, cards + each.cards
    return Waiting(answers, cards)
