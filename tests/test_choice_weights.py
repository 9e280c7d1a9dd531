"""Per-choice weights on multiple_select: Moodle's scoring, checked by the loader."""

import pytest

from quizapp.core.grading import grade
from quizapp.core.loader import load_bank_text

BANK = """\
title: Weights
id: weights
questions:
- id: officials
  type: multiple_select
  prompt: Pick the U.S. officials.
  choices:
  - {text: Kantor, weight: 0.6}
  - {text: Brown, weight: 0.4}
  - {text: Hashimoto, weight: -1}
  - Garten
  answers: [Kantor, Brown]
"""


def load(text):
    result = load_bank_text(text, "w.yaml")
    return result.bank, [p.format() for p in result.problems]


def test_weights_score_as_moodle_does():
    bank, problems = load(BANK)
    assert problems == []
    q = bank.questions[0]
    assert grade(q, [0]).credit == pytest.approx(0.6)
    assert grade(q, [1, 3]).credit == pytest.approx(0.4)  # a choice without weight counts 0
    assert grade(q, [0, 1]).correct and grade(q, [0, 1]).credit == pytest.approx(1)
    assert grade(q, [0, 1, 2]).credit == 0  # clipped at 0
    assert not grade(q, [0, 3]).correct


@pytest.mark.parametrize("change, message", [
    ("{text: Brown, weight: 0.4}", None),
    ("{text: Brown, weight: 2}", "'weight' is a share of the marks from -1 to 1"),
    ("{text: Brown, weight: -0.4}", "the right choice 'Brown' has weight -0.4"),
    ("{text: Brown, weight: 0.2}", "weights add up to 0.8, not 1"),
])
def test_the_loader_checks_weights(change, message):
    _, problems = load(BANK.replace("{text: Brown, weight: 0.4}", change))
    if message is None:
        assert problems == []
    else:
        assert any(message in p for p in problems), problems


def test_a_wrong_choice_with_a_positive_weight_is_an_error():
    _, problems = load(BANK.replace("  - Garten\n", "  - {text: Garten, weight: 0.1}\n"))
    assert any("'Garten' is not among 'answers' but has weight 0.1" in p for p in problems)


def test_weights_are_for_multiple_select_only():
    text = BANK.replace("multiple_select", "multiple_choice").replace(
        "answers: [Kantor, Brown]", "answer: Kantor")
    _, problems = load(text)
    assert any("'weight' is for multiple_select choices" in p for p in problems)


def test_weights_survive_yaml_gift_and_moodle_xml(tmp_path):
    from quizapp.interop import export_bank, import_bank
    from quizapp.interop.yaml_writer import bank_to_yaml

    bank, _ = load(BANK)
    again, problems = load(bank_to_yaml(bank))
    assert problems == [] and again.questions[0].choices == bank.questions[0].choices
    for name in ("w.gift", "w.xml"):
        export_bank(bank, tmp_path / name)
        back, _ = import_bank(tmp_path / name)
        assert [c.weight for c in back.questions[0].choices] == [0.6, 0.4, -1.0, 0.0], name
