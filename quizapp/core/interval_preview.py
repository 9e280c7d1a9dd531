"""What each flashcard rating would do: "Again · 1 m", "Good · 3 d", as Anki shows.

The preview runs the same FSRS review the store runs when the rating is given
(scheduler.review, whose fuzz comes from the review itself), on the card as it is
stored now, so the interval shown is the one the rating sets when it is given at the
moment previewed (a rating given later shifts the due date by the wait).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fsrs import Card, State

from quizapp.core import scheduler
from quizapp.core.stats import CardState

RATINGS = (scheduler.AGAIN, scheduler.HARD, scheduler.GOOD, scheduler.EASY)


def card_of(state: CardState | None, card_id: int, now: datetime) -> Card:
    """The fsrs Card a stored card state stands for (a new card when there is none)."""
    if state is None:
        return scheduler.new_card(card_id, now)
    return Card(
        card_id=state.card_id,
        state=State[state.state.title()],
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def rating_intervals(card: Card, now: datetime) -> dict[int, timedelta]:
    """For each rating (1 Again .. 4 Easy), how long until the card is due again."""
    return {rating: scheduler.review(card, rating, now).due - now for rating in RATINGS}


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
