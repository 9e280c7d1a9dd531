"""A card's FSRS review planned when the card is shown, applied when it is answered.

Anki computes a card's next states when its reviewer shows the card, and its answer only
applies the one chosen. The same here: `plan_review` runs FSRS for each of the four ratings
while the learner reads the card, and the answer (`ReviewPlan.apply`) only adds what needs
its exact time and its draw: the due date (the answer's time plus the interval), the last
review, and the interval's fuzz from the answer's draw (store/answers.py `_new_draw`),
which the store records with the review and `scheduler.review` takes the same way (so
replaying the answer log still gives the very same card).

A review depends on its time only through the whole days since the card's last review
(py-fsrs: the short-term branch under one day, the retrievability after it; learning
steps and states do not look at the clock) and, for the due date and the fuzz, the
exact time. So a plan holds for an answer given to the card exactly as it was read
(the same stored row: not answered meanwhile in another window, not taken back) and in
the same whole day since its last review; `holds` checks both, and the store plans at
answer time when either differs. tests/test_review_plan.py checks that an applied plan
stores exactly what planning at answer time stores, over many histories and think times.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs import Card, State

from quizapp.core import scheduler
from quizapp.core.utc_text import from_utc_micros, utc_micros, utc_text

# A stored card's row, as the store reads it (store/answers.py _SELECT_CARD): card_id,
# state, step, stability, difficulty, due (utc_micros), last_review, reviews, lapses, and
# the row's rowid, by which the answer writes it.
RATINGS = (scheduler.AGAIN, scheduler.HARD, scheduler.GOOD, scheduler.EASY)


def card_from_row(row: tuple | None, key: tuple[int, str, str], now: datetime) -> Card:
    """The fsrs Card a stored row (see above) stands for; a new card when None."""
    if row is None:
        return scheduler.new_card(scheduler.card_id_for(*key), now)
    return Card(
        card_id=row[0],
        state=State(row[1]),
        step=row[2],
        stability=row[3],
        difficulty=row[4],
        due=from_utc_micros(row[5]),
        last_review=None if row[6] is None else datetime.fromisoformat(row[6]),
    )


def whole_days_since(last_review: datetime | None, when: datetime) -> int | None:
    """The only way a review's outcome (stability, difficulty, state, step, interval)
    depends on its time: whole days since the last review, none below zero (py-fsrs
    treats every value under one day alike, and counts none below zero)."""
    if last_review is None:
        return None
    return max(0, (when - last_review).days)


@dataclass(frozen=True, slots=True)
class PlannedRating:
    """What a review with one rating makes of the card, but for its time."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    interval: timedelta  # until due, before fuzz
    fuzz: tuple[int, int] | None  # the fuzz's range in days, None: no fuzz
    json_head: str  # the reviewed card's JSON up to its due date
    lapses: int


@dataclass(slots=True)  # not frozen: made on every answer, and frozen fields cost 1 us
class AppliedReview:
    """The card after the review, as the store writes it."""

    card_id: int
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    due_micros: int  # as the store writes a due date (utc_micros)
    reviews: int
    lapses: int
    card_json: str  # fsrs Card.to_json() of the reviewed card


@dataclass(frozen=True, slots=True)
class ReviewPlan:
    """The review of one stored card (`row`, as read) for each rating, made at `planned`."""

    key: tuple[int, str, str]  # learner id, bank id, question id
    row: tuple | None  # the stored row as read, None: no card yet
    planned: datetime
    card_id: int
    last_review: datetime | None
    whole_days: int | None  # whole_days_since(last_review, planned)
    reviews: int  # after the review
    ratings: dict[int, PlannedRating]
    # The plan's whole day since the last review as times, [holds_from, holds_until) (None:
    # open), so that holds_at compares two times instead of subtracting them on each answer.
    holds_from: datetime | None
    holds_until: datetime | None

    def holds(self, key: tuple[int, str, str], row: tuple | None, when: datetime) -> bool:
        """Whether applying this plan at `when` to the card read as `row` gives exactly
        what planning then would: the same card, read the same, the same whole days since
        its last review."""
        return key == self.key and row == self.row and self.holds_at(when)

    def holds_at(self, when: datetime) -> bool:
        """Whether an answer at `when` is in the plan's whole day since the last review
        (the store applies the plan before it reads the card, then checks the card)."""
        return (self.holds_from is None or self.holds_from <= when) and (
            self.holds_until is None or when < self.holds_until
        )

    def apply(
        self, rating: int, when: datetime, draw: float, when_text: str | None = None
    ) -> AppliedReview:
        """The card after a review with `rating` at `when` (a time `holds` accepts, UTC)
        and the fuzz draw `draw` (recorded with the review). when_text: when.isoformat(),
        if the caller has it."""
        p = self.ratings[rating]
        if when_text is None:
            when_text = when.isoformat()  # fsrs's form: no fraction when it is .000000
        fuzz = p.fuzz
        due = when + (
            p.interval if fuzz is None
            else timedelta(scheduler.fuzzed_days(fuzz[0], fuzz[1], draw))  # days
        )
        # fsrs's form: no fraction when it is .000000; `when` is UTC as the store gives
        # it, and any other zone keeps isoformat's offset
        due_text = (
            due.isoformat() if not due.microsecond
            else utc_text(due) if due.tzinfo is UTC
            else due.isoformat(timespec="microseconds")
        )
        card_json = f'{p.json_head}"due": "{due_text}", "last_review": "{when_text}"}}'
        return AppliedReview(
            self.card_id, p.state, p.step, p.stability, p.difficulty, due, utc_micros(due),
            self.reviews, p.lapses, card_json,
        )

    def interval(self, rating: int) -> IntervalPreview:
        """How long a review with `rating` puts the card off, as far as it is known before
        the answer: the interval, and the whole days its fuzz may make of it (the fuzz is
        drawn from the answer's exact time, so no preview can tell the day itself)."""
        planned = self.ratings[rating]
        days = None if planned.fuzz is None else scheduler.fuzzed_days_range(*planned.fuzz)
        return IntervalPreview(planned.interval, days)


@dataclass(frozen=True, slots=True)
class IntervalPreview:
    """What a rating will do to a card, told before it is given."""

    interval: timedelta  # before fuzz
    fuzz_days: tuple[int, int] | None  # the due date falls this many whole days on; None: exact


def plan_review(key: tuple[int, str, str], row: tuple | None, now: datetime) -> ReviewPlan:
    """The review of the card stored as `row` (the columns above; None: not reviewed yet) for
    each rating, for an answer given in the same whole day since its last review as
    `now` (UTC)."""
    card = card_from_row(row, key, now)
    reviews, lapses = (0, 0) if row is None else (row[7], row[8])
    ratings: dict[int, PlannedRating] = {}
    for rating in RATINGS:
        new = scheduler.review_unfuzzed(card, rating, now)
        interval = new.due - now
        fuzz = (
            scheduler.fuzz_range(interval.days) if new.state == State.Review else None
        )
        head = json.dumps(
            {
                "card_id": new.card_id,
                "state": new.state.value,
                "step": new.step,
                "stability": new.stability,
                "difficulty": new.difficulty,
            }
        )
        ratings[rating] = PlannedRating(
            state=int(new.state),
            step=new.step,
            stability=new.stability,
            difficulty=new.difficulty,
            interval=interval,
            fuzz=fuzz,
            json_head=head[:-1] + ", ",
            lapses=lapses + (1 if row is not None and rating == scheduler.AGAIN else 0),
        )
    last = card.last_review
    whole_days = whole_days_since(last, now)
    holds_from = holds_until = None
    if last is not None and whole_days is not None:
        # whole_days_since(last, when) is whole_days exactly for `when` in [from, until): a
        # timedelta's days are floored, and every time before the last review counts as 0.
        holds_from = last + timedelta(whole_days) if whole_days else None
        holds_until = last + timedelta(whole_days + 1)
    return ReviewPlan(
        key=key,
        row=row,
        planned=now,
        card_id=card.card_id,
        last_review=last,
        whole_days=whole_days,
        reviews=reviews + 1,
        ratings=ratings,
        holds_from=holds_from,
        holds_until=holds_until,
    )
