"""The schedule Anki's FSRS gave each card of a deck (its memory state and due date), which
`quizapp import --with-history` keeps for the card after replaying its review log, so
that a learner moving from Anki finds the same cards due on the same days.

Where Anki keeps it (rslib/src/storage/card/data.rs and scheduler/timing.rs in Anki's
source): a card's memory state is in the JSON of its `data` column, "s" its stability (in
days) and "d" its difficulty (1 to 10, as py-fsrs counts it); its `due` is a day number
counted from the collection's creation (`col.crt`, the start of day 0 at the collection's
rollover hour) for a card in review or relearning across days, and a Unix time in
seconds for one in (re)learning within a day. A card without a memory state (a deck
studied with SM-2, or never reviewed) has no schedule here: the replay's stands.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeGuard

# Anki's card types, which are FSRS's states too (fsrs.State): the others are new cards
_LEARNING, _REVIEW, _RELEARNING = 1, 2, 3
_DAY = timedelta(days=1)
# A `due` this large is a Unix time (a card in learning), smaller a day number; Anki's own
# code tells the two apart the same way (a day number stays under a million for 2,700 years)
_TIMESTAMP_FROM = 1_000_000_000
_LATEST = datetime(9999, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class AnkiSchedule:
    """One card's FSRS schedule as Anki left it."""

    state: int  # fsrs.State: 1 learning, 2 review, 3 relearning
    stability: float  # days
    difficulty: float  # 1..10
    due: datetime  # UTC


def card_schedules(db: sqlite3.Connection) -> dict[int, AnkiSchedule]:
    """card id -> its schedule, for the cards with an FSRS memory state and a due date."""
    row = db.execute("SELECT crt FROM col").fetchone()
    if row is None or not isinstance(row[0], int):
        return {}
    day_zero = datetime.fromtimestamp(row[0], UTC)
    out: dict[int, AnkiSchedule] = {}
    for cid, card_type, due, data in db.execute(
            "SELECT id, type, due, data FROM cards WHERE type IN (1, 2, 3)"):
        memory = _memory_state(data)
        if memory is None or not isinstance(due, int):
            continue
        try:
            when = (datetime.fromtimestamp(due, UTC) if due >= _TIMESTAMP_FROM
                    else day_zero + due * _DAY)
        except (OverflowError, OSError, ValueError):  # a due date no calendar holds
            continue
        out[int(cid)] = AnkiSchedule(int(card_type), *memory, min(when, _LATEST))
    return out


def _memory_state(data: object) -> tuple[float, float] | None:
    """(stability, difficulty) from a card's `data` JSON; None when it has none (or one
    FSRS could not use: not numbers, a stability of 0, a difficulty out of 1..10)."""
    if not isinstance(data, str) or '"s"' not in data:
        return None
    try:
        fields = json.loads(data)
    except ValueError:
        return None
    if not isinstance(fields, dict):
        return None
    stability, difficulty = fields.get("s"), fields.get("d")
    if not (_finite_number(stability) and _finite_number(difficulty)):
        return None
    if stability <= 0 or not 1 <= difficulty <= 10:
        return None
    return float(stability), float(difficulty)


def _finite_number(value: object) -> TypeGuard[float]:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))
