"""Values held at once are capped: those outside the questions (the bank's settings) and
those of the one question being read. The questions are checked and let go one by one, but
a file of 2.5 million keys in one mapping (82 MB of `k1: v` lines) was held whole up to the
limit of 5 million values: 24 s and 950 MB of memory before it was refused.

The cap is made small here, so that a small file stands for a big one."""

from __future__ import annotations

import pytest

from quizapp.core import yaml_nodes
from quizapp.core.loader import load_bank_text

CAP = 1_000


@pytest.fixture(autouse=True)
def small_cap(monkeypatch):
    monkeypatch.setattr(yaml_nodes, "MAX_HELD_NODES", CAP)


def true_false(i: int) -> str:
    return f"  - id: q{i}\n    type: true_false\n    prompt: Statement {i}\n    answer: true\n"


def test_a_file_of_many_keys_outside_its_questions_is_refused_at_the_cap():
    keys = "".join(f"  k{i}: v\n" for i in range(CAP))
    result = load_bank_text(f"title: Keys\nx:\n{keys}questions:\n{true_false(0)}")
    assert [p.format() for p in result.problems] == [
        "<string>:500:9: error: the file holds too many values outside its "
        f"questions (more than {CAP:,}); a bank's title, description and settings never "
        "need that many"]


def test_one_question_of_too_many_values_is_refused_at_the_cap():
    pairs = "".join(f"      - {{left: l{i}, right: r{i}}}\n" for i in range(CAP // 5 + 1))
    text = (f"title: Pairs\nquestions:\n{true_false(0)}  - id: m\n    type: matching\n"
            f"    prompt: Match them\n    pairs:\n{pairs}")
    result = load_bank_text(text)
    assert len(result.problems) == 1
    assert result.problems[0].message == (
        f"this question holds too many values (more than {CAP:,}); split it into several "
        "questions")


def test_many_questions_together_over_the_cap_are_read_one_by_one():
    questions = "".join(true_false(i) for i in range(3 * CAP // 9))
    result = load_bank_text(f"title: Many\nquestions:\n{questions}")
    assert [p.format() for p in result.problems] == []
    assert len(result.bank.questions) == 3 * CAP // 9
