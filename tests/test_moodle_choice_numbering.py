"""Moodle's numbering of a question's choices (answernumbering: 123, ABCD, iii, IIII, none)
is kept as the question's `numbering` and written back by the Moodle XML export. Before, it
was dropped in silence, and a teacher's 'none' came back numbered a., b., c."""

import xml.etree.ElementTree as ET

from helpers import imported

from quizapp.cli import main
from quizapp.core.loader import load_bank_text

XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Kantor</text></name>
    <questiontext format="html"><text>What post does Mickey Kantor hold?</text></questiontext>
    <single>true</single>
    <answernumbering>iii</answernumbering>
    <answer fraction="100"><text>U.S. Trade Representative</text></answer>
    <answer fraction="0"><text>Secretary of Commerce</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Commerce</text></name>
    <questiontext format="html"><text>Who hold Commerce posts?</text></questiontext>
    <single>false</single>
    <answernumbering>none</answernumbering>
    <answer fraction="50"><text>Ronald H. Brown</text></answer>
    <answer fraction="50"><text>Jeffrey Garten</text></answer>
    <answer fraction="-100"><text>Mickey Kantor</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Plain</text></name>
    <questiontext format="html"><text>Where were the talks?</text></questiontext>
    <answernumbering>abc</answernumbering>
    <answer fraction="100"><text>Geneva</text></answer>
    <answer fraction="0"><text>Tokyo</text></answer>
  </question>
</quiz>
"""


def test_moodles_numbering_of_the_choices_is_kept_and_written_back(tmp_path, capsys):
    out, bank, said = imported(tmp_path, capsys, "numbering.xml", XML)
    assert [(q.title, q.numbering) for q in bank.questions] == [
        ("Kantor", "iii"), ("Commerce", "none"), ("Plain", None)]  # abc: Moodle's default
    assert "warning" not in said
    back = tmp_path / "back.xml"
    assert main(["export", str(out), "-o", str(back)]) == 0
    written = {q.findtext("name/text"): q.findtext("answernumbering")
               for q in ET.parse(back).getroot().iter("question") if q.get("type") != "category"}
    assert written == {"Kantor": "iii", "Commerce": "none", "Plain": "abc"}
    gift = tmp_path / "back.gift"
    assert main(["export", str(out), "-o", str(gift)]) == 0
    assert ("question 'kantor': GIFT cannot keep Moodle's numbering of its choices "
            "('numbering: iii'); Moodle numbers them a., b., c. (Moodle XML keeps it)"
            ) in capsys.readouterr().err


def test_validate_checks_the_numbering():
    text = ("title: T\nquestions:\n  - {id: a, type: multiple_choice, prompt: P?, "
            "choices: [x, y], answer: x, numbering: %s}\n")
    assert load_bank_text(text % "ABCD", "b.yaml").problems == []
    [problem] = load_bank_text(text % "abcd", "b.yaml").problems
    assert problem.message == ("'numbering' is one of Moodle's ways of numbering choices: "
                               "abc, ABCD, 123, iii, IIII, none (not 'abcd')")
