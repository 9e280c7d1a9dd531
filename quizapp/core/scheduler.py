"""Spaced repetition through FSRS (the `fsrs` package, 6.x), without any storage.

The store keeps one fsrs Card per (learner, bank, question) and calls `review`
in the same transaction as the answer. This module decides how an objective
answer becomes an FSRS rating:

- wrong (not `correct`): Again
- right but slow: Hard
- right: Good
- right and fast: Easy

"Slow" and "fast" are measured against an expected time per question
(`expected_seconds`): a base time for the question type, plus reading time for
the prompt (and choices, pairs or items) at about four words a second. An
answer taking more than twice the expected time is slow; one taking at most
half of it is fast. The rating is not changed afterwards (reviews logged as overrides by
earlier versions, or pulled from the class server, still replay as overrides).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
import random
import threading
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import FUZZ_RANGES

from quizapp.core.kinds import KINDS, kind_of
from quizapp.core.kinds.base import SECONDS_PER_WORD, words
from quizapp.core.kinds.cloze import SECONDS_PER_BLANK as SECONDS_PER_BLANK
from quizapp.core.kinds.matching import SECONDS_PER_PAIR as SECONDS_PER_PAIR
from quizapp.core.kinds.ordering import SECONDS_PER_ITEM as SECONDS_PER_ITEM
from quizapp.core.model import Question

AGAIN, HARD, GOOD, EASY = (int(r) for r in (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy))
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
# What each rating says: one wording for the flashcard screen and a card in a quiz (a
# quiz's tooltip said "I knew it: Again", where Again is "I forgot it").
RATING_MEANINGS = {AGAIN: "I did not remember it", HARD: "I remembered it with difficulty",
                   GOOD: "I remembered it", EASY: "I remembered it at once"}

# Seconds a learner who knows the answer needs, before reading time: each kind's base time (its module says what it adds per pair, item or blank).
BASE_SECONDS = {name: kind.base_seconds for name, kind in KINDS.items()}
SLOW_FACTOR = 2.0  # slower than 2x expected -> Hard
FAST_FACTOR = 0.5  # at most half the expected time -> Easy

class _HistoryFuzzScheduler(Scheduler):
    """FSRS with its interval fuzz drawn from the review itself instead of a global random
    generator: a review recorded since the store's schema 13 carries its draw (`review`'s
    `draw`, drawn once when the learner answered: store/answers.py), an older one gets the
    draw seeded by the review (its time, rating and the card's state before it). So a card
    is a pure function of its review history, and replaying the history (an undo, or the
    class server merging two computers' reviews) gives the very card the learner saw, due
    date included. Still spread like FSRS's fuzz: the draw is uniform over the same range."""

    # .value: the review's draw, a function giving it (None: fsrs's own random draw)
    _draw = threading.local()

    def _get_fuzzed_interval(self, *, interval: timedelta) -> timedelta:
        draw = getattr(self._draw, "value", None)
        if draw is None:
            return super()._get_fuzzed_interval(interval=interval)
        import fsrs.scheduler as fsrs_scheduler

        original = fsrs_scheduler.random
        # fsrs draws with its module's random(); give it ours for this one call (the draw
        # is per thread, and this swap happens under a lock).
        with _FUZZ_LOCK:
            fsrs_scheduler.random = draw
            try:
                return super()._get_fuzzed_interval(interval=interval)
            finally:
                fsrs_scheduler.random = original


_FUZZ_LOCK = threading.Lock()
_scheduler = _HistoryFuzzScheduler()
# The same FSRS without fuzz: a review plan (quizapp.core.review_plan) takes the interval
# before fuzz from it, and draws the fuzz when the answer's exact time is known.
_unfuzzed = Scheduler(
    parameters=_scheduler.parameters,
    desired_retention=_scheduler.desired_retention,
    learning_steps=_scheduler.learning_steps,
    relearning_steps=_scheduler.relearning_steps,
    maximum_interval=_scheduler.maximum_interval,
    enable_fuzzing=False,
)
MAXIMUM_INTERVAL_DAYS = _scheduler.maximum_interval


def _fuzz_seed(card: Card, rating: int, when: datetime) -> bytes:
    """The seed of the fuzz draw of a review recorded before the store's schema 13 (no
    recorded draw): its time, rating and the card's state before it."""
    state = (int(card.state), card.step, card.stability, card.difficulty, card.last_review)
    return hashlib.blake2b(f"{when.isoformat()}|{int(rating)}|{state!r}".encode()).digest()


def _seeded_draw(seed: bytes) -> float:
    return random.Random(seed).random()


def fuzz_range(interval_days: int) -> tuple[int, int] | None:
    """(low, high), the range fsrs 6's Scheduler._get_fuzzed_interval draws a review
    interval of `interval_days` from; None when it leaves it as it is (under 2.5 days).
    Its draw rounds `draw * (high - low + 1) + low`, so the days it gives run from low
    to high + 1 (capped): fuzzed_days (tests/test_review_plan.py checks the two agree
    for every interval and draws at the range's ends)."""
    if interval_days < 2.5:
        return None
    delta = 1.0
    for part in FUZZ_RANGES:
        delta += part["factor"] * max(min(float(interval_days), part["end"]) - part["start"], 0.0)
    low = max(2, round(interval_days - delta))
    high = min(round(interval_days + delta), MAXIMUM_INTERVAL_DAYS)
    return min(low, high), high


def fuzzed_days(low: int, high: int, draw: float) -> int:
    """The fuzzed interval in days for the draw (fsrs's rounding and cap)."""
    return min(round(draw * (high - low + 1) + low), MAXIMUM_INTERVAL_DAYS)


LAST_DRAW = math.nextafter(1.0, 0.0)  # the largest draw random() gives


def fuzzed_days_range(low: int, high: int) -> tuple[int, int]:
    """The fewest and most days the fuzz can give a review drawn in (low, high)."""
    return fuzzed_days(low, high, 0.0), fuzzed_days(low, high, LAST_DRAW)


def expected_seconds(question: Question) -> float:
    """How long a learner who knows the answer should take on this question
    (its kind's expected_seconds; an unknown kind gets 5 s plus reading time)."""
    kind = kind_of(question)
    if kind is None:
        return 5.0 + SECONDS_PER_WORD * words(question.prompt)
    return kind.expected_seconds(question)


def rating_for(correct: bool, seconds: float, question: Question) -> Rating:
    """The FSRS rating an objective answer earns (see the module docstring)."""
    if not correct:
        return Rating.Again
    expected = expected_seconds(question)
    if seconds > SLOW_FACTOR * expected:
        return Rating.Hard
    if seconds <= FAST_FACTOR * expected:
        return Rating.Easy
    return Rating.Good


def card_id_for(learner_id: int, bank_id: str, question_id: str) -> int:
    """A stable 56-bit card id. Passing one stops fsrs.Card sleeping 1 ms."""
    digest = hashlib.blake2b(f"{learner_id}\0{bank_id}\0{question_id}".encode(), digest_size=7)
    return int.from_bytes(digest.digest(), "big")


def new_card(card_id: int, now: datetime | None = None) -> Card:
    return Card(card_id=card_id, due=now or datetime.now(UTC))


def review(
    card: Card, rating: int, when: datetime, seconds: float | None = None,
    draw: float | None = None,
) -> Card:
    """The card after a review with `rating` at `when` (a new object). draw: the review's
    recorded fuzz draw in [0, 1) (None: a review recorded before the store's schema 13,
    whose draw is seeded by the review itself)."""
    duration = None if seconds is None else max(0, int(round(seconds * 1000)))
    _HistoryFuzzScheduler._draw.value = (
        # seeded before fsrs reviews the card (the seed holds the card as it was), but the
        # generator made only if fsrs fuzzes the interval
        functools.partial(_seeded_draw, _fuzz_seed(card, rating, when)) if draw is None
        else itertools.repeat(draw).__next__
    )
    try:
        new, _log = _scheduler.review_card(card, Rating(int(rating)), when, duration)
    finally:
        _HistoryFuzzScheduler._draw.value = None
    return new


def review_unfuzzed(card: Card, rating: int, when: datetime) -> Card:
    """The card after a review as `review` gives it, but with the interval before fuzz."""
    new, _log = _unfuzzed.review_card(card, Rating(int(rating)), when)
    return new


def state_name(state: State | int) -> str:
    return State(int(state)).name.lower()


def retrievability(card: Card, now: datetime | None = None) -> float:
    return _scheduler.get_card_retrievability(card, now or datetime.now(UTC))
