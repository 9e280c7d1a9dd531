"""A short answer with thousands of right answers imports in time linear in them (hostile18).

Each right answer is checked against the answers listed before it that are worth less
(Moodle grades a response by the first answer it fits). Each check walked every answer
before it, the right ones too: a GIFT question `{=a1 =a2 ... =a20000}` took 23 s to
import, and a Moodle cloze gap of as many answers copied the list before each one. Only
answers worth less than 100% can take a right answer's responses, so only those are
looked at.
"""

from __future__ import annotations

import pytest

from quizapp.interop import gift, moodle_cloze, moodle_xml_typed
from quizapp.interop.gift import parse_gift
from quizapp.interop.moodle_cloze import convert_gaps
from quizapp.interop.moodle_xml import parse_moodle_xml

MANY = 2000


@pytest.fixture
def looked_at(monkeypatch):
    """How many earlier answers the checks were handed, all told."""
    count = [0]
    real = gift.graded_first_by

    def counting(written, earlier, case_sensitive):
        earlier = list(earlier)
        count[0] += len(earlier)
        return real(written, earlier, case_sensitive)

    for module in (gift, moodle_xml_typed, moodle_cloze):
        monkeypatch.setattr(module, "graded_first_by", counting)
    return count


def test_a_gift_short_answer_with_many_right_answers(looked_at):
    answers = " ".join(f"=answer{i}" for i in range(MANY))
    questions, _warnings = parse_gift(f"::many:: Name one. {{=%0%wrong {answers}}}\n")
    assert len(questions[0].answers) == MANY
    assert looked_at[0] <= MANY  # the one answer worth less, once for each right one


def test_a_moodle_short_answer_with_many_right_answers(looked_at):
    answers = "".join(f'<answer fraction="100"><text>answer{i}</text></answer>'
                      for i in range(MANY))
    xml = ('<?xml version="1.0"?><quiz><question type="shortanswer"><name><text>many</text>'
           '</name><questiontext format="html"><text>Name one.</text></questiontext>'
           f'<answer fraction="0"><text>wrong</text></answer>{answers}</question></quiz>')
    questions, _warnings, _media = parse_moodle_xml(xml.encode())
    assert len(questions[0].answers) == MANY
    assert looked_at[0] <= MANY


def test_a_cloze_gap_with_many_right_answers(looked_at):
    answers = "~".join(f"=answer{i}" for i in range(MANY))
    out = convert_gaps("Name one: {1:SHORTANSWER:%0%wrong~" + answers + "}.")
    assert "answer1999" in out.text
    assert looked_at[0] <= MANY
