"""Shuffled choices: the right answer's position gives nothing away.

The session draws a new order every time a question is shown, an author can pin
the written order, the order shown is what the answer log keeps, and grading still
speaks of the question as written.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from itertools import permutations
from pathlib import Path

from quizapp.core.arrangement import (
    Arrangement,
    arrange,
    drawn,
    letter,
    seeded,
    shown_texts,
    written,
)
from quizapp.core.grading import grade
from quizapp.core.loader import load_bank, load_bank_text
from quizapp.core.model import (
    Bank,
    Choice,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    ShortAnswer,
)
from quizapp.core.session import QuizSession

BANKS = Path(__file__).resolve().parents[1] / "question_banks"
ARTICLE = BANKS / "us-japan-auto-talks-1995.yaml"

MC = MultipleChoice(
    id="mc",
    prompt="Who is the U.S. Trade Representative?",
    choices=tuple(Choice(text=t) for t in ("Kantor", "Brown", "Garten", "Shapiro")),
    correct=0,
)
PINNED = MultipleChoice(
    id="pinned",
    prompt="Which are people in the article?",
    choices=tuple(Choice(text=t) for t in ("Kantor", "Brown", "All of the above")),
    correct=2,
    shuffle=False,
)
MS = MultipleSelect(
    id="ms",
    prompt="Which are Americans?",
    choices=tuple(Choice(text=t) for t in ("Kantor", "Hashimoto", "Brown", "Garten")),
    correct=(0, 2, 3),
)
MA = Matching(
    id="ma",
    prompt="Match.",
    pairs=(("Kantor", "USTR"), ("Brown", "Commerce"), ("Hashimoto", "MITI")),
)
OR = Ordering(id="or", prompt="Order.", items=("one", "two", "three", "four"))
SA = ShortAnswer(id="sa", prompt="Who?", answers=("Kantor",))


def test_every_position_comes_up_for_the_right_answer():
    rng = random.Random(7)
    positions = Counter(arrange(MC, rng).position_of(MC.correct) for _ in range(400))
    assert set(positions) == {0, 1, 2, 3}
    assert min(positions.values()) > 60  # about 100 each: no position is favoured


def test_an_author_can_pin_the_written_order():
    rng = random.Random(1)
    assert {arrange(PINNED, rng).order for _ in range(50)} == {(0, 1, 2)}


def test_ordering_never_starts_in_the_right_order():
    rng = random.Random(3)
    orders = {arrange(OR, rng).order for _ in range(300)}
    assert (0, 1, 2, 3) not in orders
    assert len(orders) > 10


def test_two_item_ordering_starts_reversed():
    two = Ordering(id="o2", prompt="Order.", items=("first", "second"))
    assert arrange(two, random.Random(0)).order == (1, 0)


def test_matching_shuffles_the_right_hand_column_only():
    rng = random.Random(5)
    orders = {arrange(MA, rng).order for _ in range(100)}
    assert len(orders) == 6  # every permutation of three
    pinned = Matching(id="p", prompt="Match.", pairs=MA.pairs, shuffle=False)
    assert arrange(pinned, rng) == written(pinned)


def test_questions_without_options_have_nothing_to_arrange():
    assert arrange(SA, random.Random(1)) == Arrangement(())
    assert shown_texts(SA, arrange(SA, random.Random(1))) is None


def test_shown_texts_follow_the_screen():
    arrangement = Arrangement((2, 0, 3, 1))
    assert shown_texts(MC, arrangement) == ["Garten", "Kantor", "Shapiro", "Brown"]
    assert shown_texts(MA, Arrangement((1, 2, 0))) == ["Commerce", "MITI", "USTR"]


def test_seeded_orders_are_stable_and_differ_between_seeds():
    assert seeded(MC, "A") == seeded(MC, "A")
    assert len({seeded(MC, str(k)).order for k in range(30)}) > 5


def _digests(count: int, size: int = 24) -> list[bytes]:
    return [hashlib.sha256(str(k).encode()).digest()[32 - size:] for k in range(count)]


def test_drawn_orders_are_stable_and_every_order_comes_up_about_as_often():
    digests = _digests(2400)
    assert [drawn(MC, d) for d in digests[:50]] == [drawn(MC, d) for d in digests[:50]]
    counts = Counter(drawn(MC, d).order for d in digests)
    assert len(counts) == 24  # every order of four choices, about 100 times each
    assert min(counts.values()) > 55 and max(counts.values()) < 145
    positions = Counter(drawn(MC, d).position_of(MC.correct) for d in digests)
    assert min(positions.values()) > 500  # 600 each: no position is favoured


def test_drawn_follows_the_kinds_rules():
    digests = _digests(300)
    assert {drawn(PINNED, d).order for d in digests} == {(0, 1, 2)}
    orders = {drawn(OR, d).order for d in digests}
    assert (0, 1, 2, 3) not in orders and len(orders) > 10
    assert {drawn(MA, d).order for d in digests[:100]} == set(permutations(range(3)))
    assert drawn(SA, digests[0]) == Arrangement(())


def _fisher_yates_by_digest(digest: bytes, count: int) -> tuple[int, ...]:
    """drawn's shuffle as written before its orders were looked up: each swap's index a
    digit of the digest's number in mixed radix (count, count - 1, ... 2)."""
    order = list(range(count))
    remaining = int.from_bytes(digest, "big")
    for i in range(count - 1, 0, -1):
        remaining, j = divmod(remaining, i + 1)
        order[i], order[j] = order[j], order[i]
    return tuple(order)


def test_drawn_orders_looked_up_are_the_shuffles_of_the_digest():
    """Up to six options the order is looked up by the digest's number modulo count!:
    the same order the shuffle gives, for every count on both sides of that limit."""
    for count in range(2, 10):
        question = MultipleChoice(id=f"n{count}", prompt="?", correct=0, choices=tuple(
            Choice(text=str(k)) for k in range(count)))
        for digest in _digests(300):
            assert drawn(question, digest).order == _fisher_yates_by_digest(digest, count)
        # an ordering question's shuffle starting in the right order is turned round
        items = Ordering(id=f"o{count}", prompt="?", items=tuple(map(str, range(count))))
        for digest in _digests(300):
            expected = _fisher_yates_by_digest(digest, count)
            if expected == tuple(range(count)):
                expected = expected[::-1]
            assert drawn(items, digest).order == expected


def test_drawn_stretches_a_short_digest_for_many_options():
    many = MultipleChoice(id="many", prompt="?", choices=tuple(Choice(text=str(k))
                          for k in range(40)), correct=0)
    digests = _digests(200, size=16)  # 128 bits: fewer than an order of 40 needs (159)
    orders = [drawn(many, d).order for d in digests]
    assert all(sorted(order) == list(range(40)) for order in orders)
    assert len(set(orders)) == 200 and drawn(many, digests[0]).order == orders[0]
    # Were the last swaps drawn from exhausted bits, about a third of the first dozen
    # options would end up one place from where they are written (1,071 here, not ~600).
    near = sum(abs(order[pos] - pos) <= 1 for order in orders for pos in range(40))
    assert near < 800  # about 3 in 40 for a uniform order: 590


def test_letters():
    assert [letter(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def test_shuffle_false_is_read_from_yaml_and_a_bad_value_is_an_error():
    text = """
title: T
questions:
  - id: q1
    type: multiple_choice
    prompt: Pick.
    shuffle: false
    choices: [a, b, All of the above]
    answer: All of the above
  - id: q2
    type: matching
    prompt: Match.
    shuffle: false
    pairs: [{left: x, right: "1"}, {left: y, right: "2"}]
  - id: q3
    type: multiple_select
    prompt: Pick.
    choices: [a, b, c]
    answers: [a]
"""
    result = load_bank_text(text)
    assert result.bank is not None, result.problems
    q1, q2, q3 = result.bank.questions
    assert q1.shuffle is False and q2.shuffle is False and q3.shuffle is True
    bad = load_bank_text(text.replace("shuffle: false", "shuffle: sometimes", 1))
    assert bad.bank is None
    assert any("'shuffle' should be true or false" in p.message for p in bad.problems)


def test_shuffle_on_a_type_without_options_is_an_unknown_key():
    text = """
title: T
questions:
  - id: q1
    type: short_answer
    prompt: Who?
    answer: Kantor
    shuffle: false
"""
    result = load_bank_text(text)
    assert result.bank is None
    assert any("shuffle" in p.message for p in result.problems)


def test_a_session_shuffles_each_showing_and_the_log_keeps_what_was_shown(store):
    learner = store.create_learner("Ann")
    bank = Bank(id="b", title="B", questions=(MC, MS, MA, OR, SA))
    seen_orders = set()
    for seed in range(12):
        session = QuizSession(store, learner.id, bank, seed=seed, shuffle=False)
        while not session.finished:
            question = session.current
            arrangement = session.arrangement
            if question.id == "mc":
                seen_orders.add(arrangement.order)
            # The learner picks the option shown first; grading gets its written index.
            if isinstance(question, MultipleChoice):
                response = arrangement.order[0]
            elif isinstance(question, MultipleSelect):
                response = [arrangement.order[0]]
            elif isinstance(question, Matching | Ordering):
                response = list(arrangement.order)
            else:
                response = "Kantor"
            g = session.submit(response)
            assert g == grade(question, response)
            session.advance()
    assert len(seen_orders) > 4
    rows = list(store.export_rows(learner.id))
    assert len(rows) == 12 * 5
    for row in rows:
        question = bank.question(row.question_id)
        if question.id == "sa":
            assert row.shown is None
            continue
        assert row.shown is not None and sorted(row.shown) == sorted(
            shown_texts(question, written(question))
        )
        if question.id == "mc":
            # the learner picked the first option on screen: that is what was stored
            assert row.response == row.shown[0]


def test_a_review_shows_each_mistake_as_it_was_first_shown(store):
    learner = store.create_learner("Ann")
    bank = Bank(id="b", title="B", questions=(MC, MS))
    session = QuizSession(store, learner.id, bank, shuffle=False, seed=3)
    first = {}
    while not session.finished:
        first[session.current.id] = session.arrangement
        session.submit(1 if isinstance(session.current, MultipleChoice) else [1])
        session.advance()
    review = session.review_session()
    while not review.finished:
        assert review.arrangement == first[review.current.id]
        review.submit(
            review.current.correct
            if isinstance(review.current, MultipleChoice)
            else list(review.current.correct)
        )
        review.advance()


def test_the_article_bank_right_answers_are_not_always_first_once_shuffled():
    bank = load_bank(ARTICLE, use_cache=False).bank
    assert bank is not None
    questions = [q for q in bank.questions if isinstance(q, MultipleChoice) and q.shuffle]
    assert questions
    rng = random.Random(11)
    firsts = sum(arrange(q, rng).position_of(q.correct) == 0 for q in questions for _ in range(50))
    total = 50 * len(questions)
    # about 1 in (number of choices): far from "always first"
    assert firsts < total * 0.45
