"""Answer -> FSRS rating, and the card helpers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Rating
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core import scheduler
from quizapp.core.model import Choice, Cloze, Flashcard, Matching, MultipleChoice, TrueFalse

MC = MultipleChoice(
    id="mc",
    prompt="Which car maker did the talks focus on?",
    choices=(Choice(text="Toyota"), Choice(text="Ford"), Choice(text="Neither")),
    correct=0,
)


def test_wrong_is_always_again():
    for seconds in (0.1, 5, 500):
        assert scheduler.rating_for(False, seconds, MC) == Rating.Again


def test_right_is_easy_good_or_hard_by_time():
    expected = scheduler.expected_seconds(MC)
    assert scheduler.rating_for(True, expected * 0.4, MC) == Rating.Easy
    assert scheduler.rating_for(True, expected, MC) == Rating.Good
    assert scheduler.rating_for(True, expected * 2.5, MC) == Rating.Hard


def test_longer_questions_allow_more_time():
    short = TrueFalse(id="t", prompt="Tariffs?", answer=True)
    long = TrueFalse(id="t2", prompt=" ".join(["word"] * 80), answer=True)
    assert scheduler.expected_seconds(long) > scheduler.expected_seconds(short) + 15
    pairs = Matching(id="m", prompt="Match", pairs=tuple((f"a{i}", f"b{i}") for i in range(6)))
    assert scheduler.expected_seconds(pairs) > scheduler.expected_seconds(short)
    cloze = Cloze(id="c", prompt="", text="The {{US}} and {{Japan}} talked.")
    assert scheduler.expected_seconds(cloze) >= 2 * scheduler.SECONDS_PER_BLANK
    # 20 seconds is fast for an 80-word question but slow for a two-word one.
    assert scheduler.rating_for(True, 20, long) == Rating.Good
    assert scheduler.rating_for(True, 20, short) == Rating.Hard


@settings(max_examples=60)
@given(st.booleans(), st.floats(min_value=0, max_value=10_000))
def test_rating_is_monotonic_in_time(correct, seconds):
    r = scheduler.rating_for(correct, seconds, MC)
    faster = scheduler.rating_for(correct, seconds / 2, MC)
    assert int(faster) >= int(r)
    assert r in (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)


def test_card_id_is_stable_and_distinct():
    a = scheduler.card_id_for(1, "bank", "q1")
    assert a == scheduler.card_id_for(1, "bank", "q1")
    assert (
        len({a, scheduler.card_id_for(2, "bank", "q1"), scheduler.card_id_for(1, "b", "q1")}) == 3
    )
    assert 0 < a < 2**56


def test_review_moves_the_due_date_by_rating():
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    card = scheduler.new_card(42, t0)
    assert card.card_id == 42
    again = scheduler.review(card, scheduler.AGAIN, t0)
    easy = scheduler.review(card, scheduler.EASY, t0)
    assert again.due < t0 + timedelta(hours=1) < t0 + timedelta(days=1) <= easy.due
    assert scheduler.state_name(easy.state) == "review"
    assert 0 < scheduler.retrievability(easy, t0 + timedelta(days=30)) < 1


def test_flashcard_expected_time():
    card = Flashcard(id="f", prompt="Who led the U.S. side?", back="Mickey Kantor")
    assert scheduler.rating_for(True, 1, card) == Rating.Easy
