"""How the store writes values (times, sums, ids, JSON, cards) and small helpers every part
of the store uses. Times are ISO 8601 UTC strings of fixed width, so they sort as text, but
for a card's due date, an integer (microseconds since 1970 UTC, store schema 14: the
answer's card update and its due index entry are smaller; docs/performance.md, "Twelfth
round"); sums are integers (milliseconds, millionths) so that a rebuild gives exactly the
numbers the incremental updates gave.
"""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime, timedelta

from quizapp.core.utc_text import from_utc_micros, utc_micros, utc_text

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    import logging
    from collections.abc import Iterable

    from fsrs import Card

    from quizapp.core.model import Bank


def _log() -> logging.Logger:
    import logging

    return logging.getLogger("quizapp.core.store")


def _is_bank(obj: object) -> bool:
    from quizapp.core.model import Bank

    return isinstance(obj, Bank)


def _bank_id(bank: Bank | str) -> str:
    from quizapp.core.model import Bank

    return bank.id if isinstance(bank, Bank) else str(bank)


def _ts(dt: datetime) -> str:
    if dt.tzinfo is UTC:  # the usual case (datetime.now(UTC)), without the conversion
        return utc_text(dt)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return utc_text(dt.astimezone(UTC))


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


# Below every stored due date (utc_micros; SQLite's smallest integer).
_BEFORE_ANY_TIME = -(2**63)


def _due_or_none(micros: int | None) -> datetime | None:
    """A stored due date (utc_micros) as a time, as _dt reads a stored text."""
    return None if micros is None else from_utc_micros(micros)


def _local_day(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone().date().isoformat()


class DayCache:
    """The local day of UTC times ("2026-11-29T16:11:47.462140+00:00", as the store writes
    them), computed once per hour of UTC time, or per answer in an hour holding a local
    midnight (a zone half or three quarters of an hour off UTC, Asia/Kolkata's 18:30)."""

    __slots__ = ("_by_hour",)

    def __init__(self) -> None:
        self._by_hour: dict[str, str] = {}

    def day(self, when: str) -> str:
        if not when.endswith("+00:00"):  # not written by _ts (never, but exact anyway)
            return _local_day(datetime.fromisoformat(when))
        return self._hour_day(when[:13]) or _local_day(datetime.fromisoformat(when))

    def holds_a_midnight(self, hour: str) -> bool:
        """Whether the UTC hour ("2026-11-29T18") holds a local midnight: its answers
        fall on two local days."""
        return not self._hour_day(hour)

    def _hour_day(self, hour: str) -> str:
        """The local day of every time in the UTC hour, "" when it holds a local midnight."""
        day = self._by_hour.get(hour)
        if day is None:
            start = datetime.fromisoformat(hour + ":00:00+00:00")
            first = _local_day(start)
            last = _local_day(start + timedelta(hours=1, microseconds=-1))
            day = self._by_hour[hour] = first if first == last else ""
        return day


def _ppm(value: float) -> int:
    return int(round(value * 1_000_000))


def _ms(seconds: float) -> int:
    return int(round(seconds * 1000))


_INF = float("inf")


def _finite(value, low: float, high: float) -> float:
    value = float(value)
    if low <= value <= high:  # the usual case (NaN compares false)
        return value + 0.0  # -0.0 becomes 0.0, as max(0.0, -0.0) gives
    if value != value or value in (_INF, -_INF):
        return low
    return min(high, max(low, value))


def _bank_signature(bank: Bank) -> str:
    """What the catalog tables hold for a bank: its question ids and their tags
    (a bank rebuilt from the cache knows it without building its questions)."""
    return bank.catalog_signature


def _card_row(card: Card) -> tuple:
    return (
        card.card_id,
        int(card.state),
        card.step,
        card.stability,
        card.difficulty,
        utc_micros(card.due),
        None if card.last_review is None else _ts(card.last_review),
    )


def _fold_question(rows: Iterable[tuple]) -> tuple:
    """question_stats' columns after (answers, correct, credit_ppm, ms, first_correct,
    last_correct, last_answered, last_wrong) from one question's answers
    [(correct, credit, seconds, answered)] in log order (at least one)."""
    answers = correct_sum = credit_ppm = ms = 0
    first_correct = last_correct = 0
    last_answered = last_wrong = None
    for n, (correct, credit, seconds, answered) in enumerate(rows):
        ci = 1 if correct else 0
        answers += 1
        correct_sum += ci
        credit_ppm += _ppm(credit)
        ms += _ms(seconds)
        if n == 0:
            first_correct = ci
        last_correct = ci
        last_answered = answered
        if not ci:
            last_wrong = answered
    return (
        answers, correct_sum, credit_ppm, ms, first_correct, last_correct, last_answered,
        last_wrong,
    )


# os.urandom in batches: one system call for 64 UUIDs instead of one each (about 1 us
# of every answer). A child process must not reuse its parent's batch.
_entropy = bytearray()
_entropy_lock = threading.Lock()


def _after_fork_in_child() -> None:
    global _entropy_lock
    _entropy.clear()
    _entropy_lock = threading.Lock()  # a thread of the parent may have held it


os.register_at_fork(after_in_child=_after_fork_in_child)


def _random_80_bits() -> int:
    with _entropy_lock:
        if not _entropy:
            _entropy.extend(os.urandom(640))
        chunk = _entropy[-10:]
        del _entropy[-10:]
    return int.from_bytes(chunk, "big")


def _uuid7() -> str:
    """A version 7 UUID (RFC 9562): milliseconds since 1970, then 74 random bits.

    Time-ordered, so each new answer's UUID lands at the end of the answers.uuid
    index instead of on a random page of it (one page read and write fewer per answer
    at a million answers); still globally unique for merging results from several
    computers.
    """
    value = (time.time_ns() // 1_000_000) << 80 | _random_80_bits()
    value = value & ~(0xF << 76 | 0x3 << 62) | 0x7 << 76 | 0x2 << 62  # version 7, variant 10
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_json_encoder = None


def _json_text(response) -> str:
    """json.dumps(response, ensure_ascii=False, default=str), with one encoder made once
    (json.dumps builds a new encoder at every call given these options: 3 µs an answer)."""
    global _json_encoder
    if _json_encoder is None:
        import json

        _json_encoder = json.JSONEncoder(ensure_ascii=False, default=str)
    return _json_encoder.encode(response)


