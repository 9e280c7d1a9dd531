"""utc_text gives exactly what isoformat(timespec="microseconds") gives for a UTC time: the
store's time texts are compared and sorted as text, so one character off would misorder
answers and due dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from quizapp.core import utc_text as module
from quizapp.core.store.values import _ts
from quizapp.core.utc_text import utc_text

utc_times = st.datetimes(
    min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59, 999999),
    timezones=st.just(UTC),
)


@given(utc_times)
def test_utc_text_is_isoformat_to_the_microsecond(when):
    assert utc_text(when) == when.isoformat(timespec="microseconds")


@given(utc_times)
def test_the_store_writes_any_utc_time_as_isoformat_does(when):
    assert _ts(when) == when.isoformat(timespec="microseconds")
    # another zone, or none (taken as UTC), is written as the same moment in UTC
    other = when.astimezone(timezone(timedelta(hours=-5, minutes=-30))) if when.year > 1 else when
    assert _ts(other) == when.isoformat(timespec="microseconds")
    assert _ts(when.replace(tzinfo=None)) == when.isoformat(timespec="microseconds")


def test_the_kept_day_texts_are_bounded_and_still_right_after_a_clear():
    start = datetime(2020, 1, 1, 12, 0, 0, 5, tzinfo=UTC)
    for n in range(module._MOST_DAYS + 10):
        when = start + timedelta(days=n, microseconds=n)
        assert utc_text(when) == when.isoformat(timespec="microseconds")
    assert len(module._DAYS) <= module._MOST_DAYS
