"""Moodle's '*' (any other answer) worth part of the marks: 'Which agency? MITI, else 50%
for any answer'. It was left out with a warning ('here any other answer scores nothing');
a question graded as Moodle grades (grading: {moodle: true}) reads '*' as any text, so it
keeps it, with its feedback, and writes it back."""

from __future__ import annotations

from helpers import imported

from quizapp.cli import main
from quizapp.core.grading import grade
from quizapp.core.loader import load_bank_text
from quizapp.core.model import Cloze, ShortAnswer

XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>Agency</text></name>
    <questiontext format="html"><text>Which ministry did Hashimoto lead?</text></questiontext>
    <answer fraction="100"><text>MITI</text></answer>
    <answer fraction="50"><text>*</text><feedback><text>An answer, but not the \
ministry's name.</text></feedback></answer>
  </question>
  <question type="shortanswer">
    <name><text>Shadowed</text></name>
    <questiontext format="html"><text>Which ministry did Hashimoto lead?</text></questiontext>
    <answer fraction="100"><text>MITI</text></answer>
    <answer fraction="0"><text>MOF</text></answer>
    <answer fraction="50"><text>*</text></answer>
  </question>
  <question type="cloze">
    <name><text>Gap</text></name>
    <questiontext format="html"><text><![CDATA[<p>Hashimoto led {1:SA:=MITI~%50%*#Not its \
name.}.</p>]]></text></questiontext>
  </question>
</quiz>
"""


def _imported(tmp_path, capsys):
    out, bank, err = imported(tmp_path, capsys, "agency.xml", XML)
    return out, {q.id: q for q in bank.questions}, err


def test_any_other_answer_worth_part_is_kept_with_its_feedback(tmp_path, capsys):
    _out, questions, err = _imported(tmp_path, capsys)
    agency = questions["agency"]
    assert isinstance(agency, ShortAnswer) and agency.policy.moodle
    assert agency.partly_right == (("*", 0.5),)
    assert "question 'Agency'" not in err  # before: "... was left out"
    assert grade(agency, "MITI").correct
    g = grade(agency, "the trade ministry")
    assert g.credit == 0.5 and g.feedback == "An answer, but not the ministry's name."
    gap = questions["gap"]
    assert isinstance(gap, Cloze)
    g = grade(gap, ["Trade"])
    assert g.credit == 0.5 and g.feedback == "(1) Not its name."


def test_a_wrong_answer_listed_before_it_still_leaves_it_out(tmp_path, capsys):
    """In Moodle 'MOF' scores 0 (tried first); quizapp has no answer worth nothing that
    is tried before the others, so '*' is left out, and the warning says why."""
    _out, questions, err = _imported(tmp_path, capsys)
    assert questions["shadowed"].partly_right == ()
    assert "question 'Shadowed': the answer '*' worth 50% was left out" in err
    assert "'MOF'" in err


def test_it_goes_back_to_moodle_as_it_came(tmp_path, capsys):
    out, _questions, _err = _imported(tmp_path, capsys)
    xml = tmp_path / "again.xml"
    assert main(["export", str(out), "-o", str(xml)]) == 0
    written = xml.read_text(encoding="utf-8")
    assert written.count('fraction="50"') == 1  # '*' once, at 50%, with its feedback
    assert "<text>An answer, but not the ministry's name.</text>" in written
    assert 'fraction="0"' not in written.split("Shadowed")[0]  # no second '*' at 0%
    assert "{1:SHORTANSWER:=MITI~%50%*#Not its name.}" in written


def test_a_bank_not_graded_as_moodle_is_told_why_star_is_not_a_wildcard():
    bank = """title: T
id: t
questions:
  - id: agency
    type: short_answer
    prompt: Which ministry did Hashimoto lead?
    answers: [MITI]
    partly_right: {'*': 0.5}
"""
    problems = load_bank_text(bank).problems
    assert any("grading: {moodle: true}" in p.message for p in problems), problems
    assert load_bank_text(bank + "    grading: {moodle: true}\n").problems == []
