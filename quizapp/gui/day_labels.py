"""The labels of the progress screen's day charts (gui/progress_screen.py): a bar's short
day, a label every week counted from today's bar, and a day as its tooltip names it."""

from __future__ import annotations

from datetime import date


def day_label(d: date) -> str:
    return f"{d:%b} {d.day}"


def weekly_ticks(days: list[date], today: str, *, from_end: bool = False) -> dict[int, str]:
    """A label every 7th bar, counted from today's bar (the first, or the last if from_end)."""
    n = len(days)
    anchor = n - 1 if from_end else 0
    ticks = {i: day_label(days[i]) for i in range(n) if (i - anchor) % 7 == 0}
    if n:
        ticks[anchor] = today
    return ticks


def long_day(d: date, i: int) -> str:
    if i == 0:
        return "Today"
    if i == 1:
        return "Tomorrow"
    return f"{d:%a %d %b}"
