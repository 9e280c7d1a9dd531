"""What each flashcard rating would do: "Again · 1 m", "Good · ~9 d", as Anki shows.

The intervals come from the card's review plan (quizapp.core.review_plan, made when the
turned card is shown: FlashcardSession.rating_intervals), the very review the store
applies (a rating given later shifts the due date by the wait). A learning step is exact;
an interval of days is spread by FSRS's fuzz, drawn from the answer's exact time so that a
replay of the log gives the same card, and so unknown until the answer: it is written
"~9 d" on the button, and its whole range ("7 to 11 days") for screen readers.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

TYPE_CHECKING = False
if TYPE_CHECKING:
    from quizapp.core.review_plan import IntervalPreview


def short_preview(preview: IntervalPreview) -> str:
    """For the button: "10 m", or "~9 d" when the fuzz may move the day."""
    text = format_interval(preview.interval)
    return text if preview.fuzz_days is None else f"~{text}"


def spoken_preview(preview: IntervalPreview) -> str:
    """For screen readers and tooltips: "in 10 minutes", "in about 9 days (7 to 11)"."""
    if preview.fuzz_days is None:
        return f"in {format_interval(preview.interval)}"
    low, high = preview.fuzz_days
    return f"in about {format_interval(preview.interval)} ({low} to {high} days)"


def format_interval(interval: timedelta) -> str:
    """A short interval as Anki writes it: "<1 m", "10 m", "5 h", "3 d", "2.5 mo", "1.2 y"."""
    seconds = interval.total_seconds()
    minutes = seconds / 60
    if minutes < 1:
        return "<1 m"
    if minutes < 60:
        return f"{round(minutes)} m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)} h"
    days = hours / 24
    if days < 30:
        return f"{round(days)} d"
    if days < 365:
        return f"{_one_decimal(days / 30)} mo"
    return f"{_one_decimal(days / 365)} y"


def _one_decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def describe_due(when: datetime | None, now: datetime | None = None) -> str:
    """'now', 'in 12 minutes', 'in 3 hours', 'tomorrow at 09:30', 'on 14 March' (local time)."""
    if when is None:
        return "no card is scheduled yet"
    now = now or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - now).total_seconds()
    if seconds <= 0:
        return "now"
    if seconds < 60:
        return "in less than a minute"
    if seconds < 3600:
        minutes = round(seconds / 60)
        return f"in {minutes} minute{'' if minutes == 1 else 's'}"
    local = when.astimezone()
    local_now = now.astimezone()
    if seconds < 12 * 3600:
        hours = round(seconds / 3600)
        return f"in {hours} hour{'' if hours == 1 else 's'} (at {local:%H:%M})"
    days = (local.date() - local_now.date()).days
    if days <= 0:
        return f"today at {local:%H:%M}"
    if days == 1:
        return f"tomorrow at {local:%H:%M}"
    if days < 7:
        return f"in {days} days ({local:%A})"
    return f"on {local.day} {local:%B %Y}"
