"""A UTC time as the store writes it: `datetime.isoformat(timespec="microseconds")` of an
aware UTC datetime ("2026-11-29T21:59:03.123456+00:00"), made without isoformat.

CPython's isoformat formats every field through its printf-like PyUnicode_FromFormat and
the offset through tzinfo.utcoffset: ~8,000 instructions, two of them on each answer's
path (its time and its card's due date). Here the date's text is kept per day and the
clock's two-digit fields come from a table: about half of that, the same text
(tests/test_utc_text.py checks it against isoformat over any time).

A card's due date is stored as an integer instead (utc_micros, store schema 14).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_TWO_DIGITS = tuple(f"{n:02d}" for n in range(60))
# date texts by ordinal day, "2026-11-29T"; few days are ever formatted at once (a study
# session's, its cards' due days), but an import of years of history is bounded too.
_DAYS: dict[int, str] = {}
_MOST_DAYS = 4096


def utc_text(when: datetime) -> str:
    """when.isoformat(timespec="microseconds") for an aware datetime whose offset is 0."""
    day = when.toordinal()
    head = _DAYS.get(day)
    if head is None:
        if len(_DAYS) >= _MOST_DAYS:
            _DAYS.clear()
        head = _DAYS[day] = when.date().isoformat() + "T"
    return (
        f"{head}{_TWO_DIGITS[when.hour]}:{_TWO_DIGITS[when.minute]}:"
        f"{_TWO_DIGITS[when.second]}.{when.microsecond:06d}+00:00"
    )


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def utc_micros(when: datetime) -> int:
    """A time as the store keeps a card's due date (store schema 14): microseconds since
    1970 UTC; a naive time is taken as UTC. Exact both ways (from_utc_micros)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    # timedelta // timedelta: exact integer arithmetic in C, half the time of the fields'
    return (when - _EPOCH) // _MICROSECOND


def from_utc_micros(micros: int) -> datetime:
    """The aware UTC time of utc_micros."""
    return _EPOCH + timedelta(microseconds=micros)
