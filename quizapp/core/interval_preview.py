"""What each flashcard rating would do: "Again · 1 m", "Good · 3 d", as Anki shows.

The intervals come from the card's review plan (quizapp.core.review_plan, made when the
turned card is shown: FlashcardSession.rating_intervals), the very review the store
applies when the rating is given at the moment previewed (a rating given later shifts
the due date by the wait). This module writes them as Anki does.
"""

from __future__ import annotations

from datetime import timedelta


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
