"""The learner record, apart from the statistics records: listing learners at
startup should not pay for defining a dozen dataclasses it does not use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Learner:
    """Someone who studies; answers and sessions are kept per learner."""

    id: int
    name: str
    created: datetime
