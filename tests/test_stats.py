"""Item analysis: the SQL sums in Store.item_analysis agree with the plain-Python reference."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from helpers import two_choice_bank
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.model import Bank, Choice, MultipleChoice
from quizapp.core.stats import correlation, item_analysis, point_biserial
from quizapp.core.store import Store


def test_point_biserial_known_values():
    assert point_biserial([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1]) == pytest.approx(0.9899, abs=1e-3)
    assert point_biserial([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]) == pytest.approx(-0.9899, abs=1e-3)
    assert point_biserial([1, 1, 1], [0.2, 0.5, 0.9]) is None  # nobody got it wrong
    assert point_biserial([1, 0], [0.9, 0.1]) is None  # too few learners


@settings(max_examples=80)
@given(st.lists(st.tuples(st.integers(0, 1), st.floats(0, 1)), min_size=0, max_size=30))
def test_correlation_from_sums_matches_direct(pairs):
    xs = [p[0] for p in pairs]
    ys = [p[1] for p in pairs]
    direct = point_biserial(xs, ys)
    sums = correlation(
        len(pairs),
        sum(xs),
        sum(x * x for x in xs),
        sum(ys),
        sum(x * y for x, y in pairs),
        sum(y * y for y in ys),
    )
    if direct is None or sums is None:
        # Both must agree there is no variance, except at the rounding edge.
        assert direct is None or abs(direct) < 1.0001
    else:
        assert sums == pytest.approx(direct, abs=1e-6)


def test_item_analysis_reference_by_hand():
    # Three learners, three questions: the strong learner gets q1 right, the weak ones do not.
    first = {"q1": {1: 1, 2: 0, 3: 0}, "q2": {1: 1, 2: 1, 3: 0}, "q3": {1: 1, 2: 1, 3: 1}}
    items = {
        i.question_id: i for i in item_analysis(first, {"q1": 3}, {"q1": 1}, ["q1", "q2", "q3"])
    }
    assert items["q1"].facility == pytest.approx(1 / 3)
    assert items["q3"].facility == 1.0 and items["q3"].discrimination is None
    # rest scores 1, 1, 0.5 against 1, 0, 0: r = (1/6) / sqrt(2/3 * 1/6) = 0.5
    assert items["q1"].discrimination == pytest.approx(0.5)


@pytest.mark.parametrize("learners", [1, 2, 3, 9])
def test_store_item_analysis_equals_reference(tmp_path, learners):
    rng = random.Random(3)
    bank = two_choice_bank(12, bank_id="b", title="B")
    store = Store.open(tmp_path)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    first: dict[str, dict[int, int]] = {}
    answers: dict[str, int] = {}
    correct: dict[str, int] = {}
    for n in range(learners):
        learner = store.create_learner(f"L{n}").id
        sid = store.start_session(learner, bank, "quiz")
        for k in range(rng.randint(5, 40)):
            q = rng.choice(bank.questions[: 3 + n])  # weaker learners see fewer questions
            ok = rng.random() < 0.2 + n / 10
            store.record_answer(
                sid,
                q,
                response="a",
                correct=ok,
                credit=float(ok),
                seconds=2,
                now=t0 + timedelta(minutes=k),
            )
            first.setdefault(q.id, {}).setdefault(learner, int(ok))
            answers[q.id] = answers.get(q.id, 0) + 1
            correct[q.id] = correct.get(q.id, 0) + ok
    expected = item_analysis(first, answers, correct, [q.id for q in bank.questions])
    got = store.item_analysis(bank)
    assert [g.question_id for g in got] == [e.question_id for e in expected]
    assert any(e.discrimination is not None for e in expected) == (learners >= 3)
    for g, e in zip(got, expected, strict=True):
        assert (g.learners, g.answers) == (e.learners, e.answers)
        assert g.facility == pytest.approx(e.facility)
        assert g.facility_overall == pytest.approx(e.facility_overall)
        if e.discrimination is None:
            assert g.discrimination is None
        else:
            assert g.discrimination == pytest.approx(e.discrimination, abs=1e-9)
    store.close()


def test_item_analysis_when_every_learner_answered_one_question(tmp_path):
    bank = Bank(
        id="b",
        title="B",
        questions=(
            MultipleChoice(
                id="q", prompt="?", choices=(Choice(text="a"), Choice(text="b")), correct=0
            ),
        ),
    )
    store = Store.open(tmp_path)
    for n in range(4):
        sid = store.start_session(store.create_learner(f"L{n}").id, bank, "quiz")
        store.record_answer(
            sid, bank.questions[0], response="a", correct=n % 2 == 0, credit=1, seconds=1
        )
    (item,) = store.item_analysis(bank)
    assert (item.learners, item.facility, item.discrimination) == (4, 0.5, None)
    store.close()


def test_item_analysis_cache_follows_new_answers_and_deleted_learners(tmp_path):
    bank = Bank(
        id="b",
        title="B",
        questions=tuple(
            MultipleChoice(
                id=f"q{i}", prompt="?", choices=(Choice(text="a"), Choice(text="b")), correct=0
            )
            for i in range(3)
        ),
    )
    store = Store.open(tmp_path)
    sessions = []
    for n in range(4):
        sid = store.start_session(store.create_learner(f"L{n}").id, bank, "quiz")
        sessions.append(sid)
        for q in bank.questions:
            store.record_answer(
                sid, q, response="a", correct=(n + len(q.id)) % 2 == 0, credit=1, seconds=1
            )
    first = store.item_analysis(bank)
    assert store.item_analysis(bank) == first
    store.record_answer(
        sessions[0], bank.questions[0], response="a", correct=True, credit=1, seconds=1
    )
    after = store.item_analysis(bank)
    assert after[0].answers == first[0].answers + 1
    store.delete_learner(4)
    assert store.item_analysis(bank)[0].learners == 3
    replacement = store.create_learner("L9")  # may reuse the deleted id
    sid = store.start_session(replacement.id, bank, "quiz")
    for q in bank.questions:
        store.record_answer(sid, q, response="a", correct=True, credit=1, seconds=1)
    store._item_cache.clear()
    fresh = store.item_analysis(bank)
    store.record_answer(sid, bank.questions[1], response="a", correct=False, credit=0, seconds=1)
    assert store.item_analysis(bank) != fresh
    store.close()


def test_answer_records_and_grades_compare_and_hash_by_their_fields():
    # Neither is frozen (each is made on every answer: docs/performance.md, "Tenth round"),
    # but both still work as set members and dictionary keys, equal by their fields.
    from quizapp.core.grades import Grade
    from quizapp.core.stats import AnswerRecord

    when = datetime(2026, 11, 29, 22, 0, tzinfo=UTC)

    def record():
        return AnswerRecord("u", 1, 2, "bank", "q1", True, 1.0, 3.5, when, 3,
                            when + timedelta(days=3))

    assert record() == record() and hash(record()) == hash(record())
    assert len({record(), record()}) == 1
    assert {Grade(True, 1.0, "x"): 1}[Grade(True, 1.0, "x")] == 1
    assert Grade(True, 1.0, "x") != Grade(False, 0.0, "x")
