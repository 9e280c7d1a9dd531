"""Moodle files as teachers bring them: Moodle's own fractions (33.33333%), two answers
worth 100% in a single-choice question, a numerical gap's tolerance, names and ID numbers."""

from pathlib import Path

import pytest

from quizapp.core.grading import expected_response, grade
from quizapp.core.loader import load_bank_text
from quizapp.core.model import MultipleChoice, MultipleSelect
from quizapp.interop import import_bank


def _xml(tmp_path: Path, questions: str) -> Path:
    path = tmp_path / "teacher.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{questions}\n</quiz>\n',
                    encoding="utf-8")
    return path


def _answer(fraction: str, text: str) -> str:
    return (f'<answer fraction="{fraction}" format="html"><text>{text}</text>'
            '<feedback format="html"><text></text></feedback></answer>')


VECTORS = f"""
<question type="multichoice">
  <name><text>Vector quantities</text></name>
  <questiontext format="html"><text>Which are vectors?</text></questiontext>
  <single>false</single>
  {_answer("33.33333", "Velocity")}
  {_answer("33.33333", "Force")}
  {_answer("33.33333", "Acceleration")}
  {_answer("-100", "Mass")}
</question>"""


def test_moodle_thirds_picked_together_are_fully_right(tmp_path):
    bank, _ = import_bank(_xml(tmp_path, VECTORS))
    q = bank.questions[0]
    assert isinstance(q, MultipleSelect)
    g = grade(q, [0, 1, 2])
    assert (g.correct, g.credit) == (True, 1.0)
    assert grade(q, expected_response(q)).correct
    two = grade(q, [0, 1])
    assert not two.correct and two.credit == pytest.approx(0.66666)
    assert grade(q, [0, 1, 2, 3]).credit == 0


def test_gift_thirds_picked_together_are_fully_right(tmp_path):
    path = tmp_path / "t.gift"
    path.write_text("::Vectors::Which are vectors? {\n~%33.33333%Velocity\n"
                    "~%33.33333%Force\n~%33.33333%Acceleration\n~%-100%Mass\n}\n",
                    encoding="utf-8")
    bank, _ = import_bank(path)
    g = grade(bank.questions[0], [0, 1, 2])
    assert (g.correct, g.credit) == (True, 1.0)


def test_weights_validate_accepts_are_full_marks_when_picked():
    """The one margin: what `quizapp validate` accepts as adding up to 1 grades as right."""
    text = """id: w
title: Weights
questions:
  - id: q
    type: multiple_select
    prompt: Which?
    choices:
      - {text: a, weight: 0.4995}
      - {text: b, weight: 0.5}
      - {text: c, weight: -1}
    answers: [a, b]
"""
    result = load_bank_text(text, "w.yaml")
    bank = result.bank
    assert bank is not None and not [p for p in result.problems if "weights" in p.message]
    g = grade(bank.questions[0], [0, 1])
    assert (g.correct, g.credit) == (True, 1.0)
    far = text.replace("0.4995", "0.49")
    result = load_bank_text(far, "w.yaml")
    bank = result.bank
    assert bank is not None and [p for p in result.problems if "add up to 0.99" in p.message]
    g = grade(bank.questions[0], [0, 1])
    assert not g.correct and g.credit == pytest.approx(0.99)


TWO_ACIDS = f"""
<question type="multichoice">
  <name><text>Two right singles</text></name>
  <questiontext format="html"><text>Which is an acid?</text></questiontext>
  <single>true</single>
  {_answer("100", "HCl")}
  {_answer("100", "H&lt;sub&gt;2&lt;/sub&gt;SO&lt;sub&gt;4&lt;/sub&gt;")}
  {_answer("50", "CO&lt;sub&gt;2&lt;/sub&gt; in water")}
  {_answer("0", "NaOH")}
</question>"""


def test_two_full_answers_of_a_single_choice_are_said_plainly(tmp_path):
    bank, warnings = import_bank(_xml(tmp_path, TWO_ACIDS))
    q = bank.questions[0]
    assert isinstance(q, MultipleChoice) and q.answer == "HCl"
    assert [w.split("teacher.xml:", 1)[1] for w in warnings] == [
        "4: warning: question 'Two right singles': Moodle counts 2 answers fully "
        "right; a quizapp multiple choice question has one right answer, so only 'HCl' is "
        "right here and a learner who picks 'H₂SO₄' is marked wrong",
        "4: warning: question 'Two right singles': choosing 'CO₂ in water' earns "
        "50% of the marks in Moodle; a quizapp multiple choice question has no partial "
        "credit, so here it is marked wrong",
    ]
    assert not any("partial credit for" in w for w in warnings)


def test_a_numerical_gap_with_a_tolerance_says_who_is_marked_wrong(tmp_path):
    gaps = """
<question type="cloze">
  <name><text>Cloze kinematics</text></name>
  <questiontext format="html"><text>g is {2:NUMERICAL:=9.8:0.1} m/s² and pi {1:NM:=3.14}.</text></questiontext>
</question>"""
    bank, warnings = import_bank(_xml(tmp_path, gaps))
    q = bank.questions[0]
    assert q.text == "g is {{9.8}} m/s² and pi {{3.14}}."
    assert not grade(q, ["9.85", "3.14"]).correct  # what the warning says: a blank has no tolerance
    said = [w.split("warning: ", 1)[1] for w in warnings]
    assert ("question 'Cloze kinematics': gap 1 {2:NUMERICAL:=9.8:0.1} is numerical in Moodle, "
            "which accepts 9.8 ± 0.1; a quizapp blank has no tolerance, so a learner who types "
            "a number inside Moodle's (such as 9.85) is marked wrong: only 9.8 as written is "
            "right") in said
    assert ("question 'Cloze kinematics': gap 2 {1:NM:=3.14} is numerical in Moodle; in quizapp "
            "the learner types the number as written") in said
