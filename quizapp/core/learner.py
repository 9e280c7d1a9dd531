"""The learner record, apart from the statistics records: listing learners at
startup should not pay for defining a dozen dataclasses it does not use.

A NamedTuple, not a dataclass: the app's start makes no dataclass at all, and so does not
import `dataclasses` (~18 M instructions, 2.3% of a start, with the three records of
the first window: gui/theme.py, gui/changes.py, gui/context.py; docs/performance.md)."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple


class Learner(NamedTuple):
    """Someone who studies; answers and sessions are kept per learner."""

    id: int
    name: str
    created: datetime
