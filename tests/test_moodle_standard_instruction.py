"""Moodle's "Show standard instructions" of a choice question (showstandardinstruction: the
line "Select one:" or "Select one or more:" above the choices) is kept as the question's
`moodle_instruction` and written back. Before, the import dropped it and the export left
the element out, which Moodle reads as 1: a question made in Moodle 4.x (its editor's
default is 0) came back with an instruction line its teacher had not shown."""

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
    <showstandardinstruction>0</showstandardinstruction>
    <answer fraction="100"><text>U.S. Trade Representative</text></answer>
    <answer fraction="0"><text>Secretary of Commerce</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Commerce</text></name>
    <questiontext format="html"><text>Who hold Commerce posts?</text></questiontext>
    <single>false</single>
    <showstandardinstruction>1</showstandardinstruction>
    <answer fraction="50"><text>Ronald H. Brown</text></answer>
    <answer fraction="50"><text>Jeffrey Garten</text></answer>
    <answer fraction="-100"><text>Mickey Kantor</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Older</text></name>
    <questiontext format="html"><text>Where were the talks?</text></questiontext>
    <answer fraction="100"><text>Geneva</text></answer>
    <answer fraction="0"><text>Tokyo</text></answer>
  </question>
</quiz>
"""


def _written(path) -> dict[str, str | None]:
    return {q.findtext("name/text"): q.findtext("showstandardinstruction")
            for q in ET.parse(path).getroot().iter("question") if q.get("type") != "category"}


def test_moodles_standard_instruction_is_kept_and_written_back(tmp_path, capsys):
    out, bank, said = imported(tmp_path, capsys, "instruction.xml", XML)
    # a file without the element (before Moodle 3.9): Moodle shows the instruction
    assert [(q.title, q.moodle_instruction) for q in bank.questions] == [
        ("Kantor", False), ("Commerce", True), ("Older", True)]
    assert "warning" not in said
    assert "moodle_instruction: true" in out.read_text(encoding="utf-8")
    back = tmp_path / "back.xml"
    assert main(["export", str(out), "-o", str(back)]) == 0
    assert _written(back) == {"Kantor": "0", "Commerce": "1", "Older": "1"}


def test_a_question_written_in_quizapp_shows_no_instruction_in_moodle(tmp_path):
    bank = tmp_path / "b.yaml"
    bank.write_text("title: T\nquestions:\n  - {id: a, type: multiple_choice, prompt: Who?, "
                    "choices: [Kantor, Brown], answer: Kantor}\n", encoding="utf-8")
    back = tmp_path / "back.xml"
    assert main(["export", str(bank), "-o", str(back)]) == 0
    assert _written(back) == {"a": "0"}  # as quizapp shows it, and Moodle's editor makes it


def test_validate_checks_the_instruction():
    text = ("title: T\nquestions:\n  - {id: a, type: multiple_select, prompt: P?, "
            "choices: [x, y], answers: [x], moodle_instruction: %s}\n")
    assert load_bank_text(text % "true", "b.yaml").problems == []
    [problem] = load_bank_text(text % "often", "b.yaml").problems
    assert problem.message == "'moodle_instruction' should be true or false, not 'often'"
