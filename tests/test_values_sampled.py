"""A file far over the limit of values (yaml_nodes.MAX_NODES) is refused before it is read
whole: an 82 MB file of 600,000 short true/false questions (5.4 million values) was refused
only at its 5,000,001st value, after building and checking 555,555 questions (41 s for
`quizapp validate` on an idle machine, 65 s on a busy one), and the library spent as long.

The cap is made small here, so that a file of a few hundred kB stands for those 82 MB.
"""

from __future__ import annotations

import pytest

from quizapp.core import yaml_nodes
from quizapp.core.loader import load_bank
from quizapp.core.yaml_bank import BankChecker

CAP = 50_000


def true_false(i: int) -> str:
    return (f"  - id: q{i}\n    type: true_false\n"
            f'    prompt: "Statement number {i} with some words to make it longer"\n'
            "    answer: true\n")


def flashcard(i: int) -> str:
    return f"  - id: c{i}\n    type: flashcard\n    front: f{i}\n    back: b{i}\n"


def long_question(i: int) -> str:
    words = " ".join(f"word{k}" for k in range(120))
    return (f"  - id: l{i}\n    type: true_false\n    prompt: Statement {i}, {words}\n"
            f"    explanation: >-\n      {words}\n      {words}\n    answer: false\n")


@pytest.fixture
def checked_questions(monkeypatch):
    """The questions the checker built, by id; with the cap of values set to CAP."""
    monkeypatch.setattr(yaml_nodes, "MAX_NODES", CAP)
    seen: list[object] = []
    streamed = BankChecker.check_streamed

    def counted(self, node):
        seen.append(node)
        return streamed(self, node)

    monkeypatch.setattr(BankChecker, "check_streamed", counted)
    return seen


def test_a_file_well_over_the_values_limit_is_refused_before_any_question_is_checked(
        tmp_path, checked_questions):
    # 9 values a question (the item, 4 keys, 4 values): 6,200 questions hold 55,800.
    path = tmp_path / "big.yaml"
    path.write_text("title: Big\nquestions:\n" + "".join(true_false(i) for i in range(6_200)))

    result = load_bank(path, use_cache=False)

    assert result.bank is None
    assert [p.format() for p in result.problems] == [
        f"{path}:1:1: error: the file holds too many values (about 56,000, judged from "
        f"parts spread through it; the limit is {CAP:,}); a bank that big should be "
        "split into several files"]
    assert checked_questions == []


def test_a_bank_dense_at_its_start_but_under_the_limit_is_read_whole(
        tmp_path, checked_questions):
    # Its first part alone (short cards, 9 values in 60 bytes) would make 3 MB of the
    # same over 400,000 values; the long questions after it hold few values for their size.
    cards = "".join(flashcard(i) for i in range(3_000))
    questions = "".join(long_question(i) for i in range(1_500))
    path = tmp_path / "mixed.yaml"
    path.write_text("title: Mixed\nquestions:\n" + cards + questions)
    assert path.stat().st_size > 2 * CAP

    result = load_bank(path, use_cache=False)

    assert [p.format() for p in result.errors] == []
    assert len(checked_questions) == 4_500


def test_a_file_just_over_the_limit_is_still_refused_at_its_first_value_past_it(
        tmp_path, checked_questions):
    # Samples cannot tell 1 % over from 1 % under: such a file is read and counted.
    path = tmp_path / "over.yaml"
    path.write_text("title: Over\nquestions:\n" + "".join(true_false(i) for i in range(5_600)))

    result = load_bank(path, use_cache=False)

    assert len(result.errors) == 1
    assert result.errors[0].message.startswith(
        f"the file holds too many values (more than {CAP:,})")
