"""A Moodle NUMERICAL gap whose right answers have tolerances of their own
({1:NUMERICAL:=60:1~=60000:1000}: the deficit in billions, or in millions) keeps each, as
the blank's `tolerance: [1, 1000]` (a list), one for each of its answers. Before, the blank kept
its first right answer's tolerance for all of them (with a warning), so that 60,400
(millions) was marked wrong where Moodle marks it right, and the export wrote
60000:1 back."""

from helpers import imported

from quizapp.cli import main
from quizapp.core.grading import grade
from quizapp.core.loader import load_bank_text
from quizapp.core.model import Cloze

# The article the bundled bank is written from (Reuters, 1995): a $60-billion deficit.
XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="cloze">
    <name><text>Deficit</text></name>
    <questiontext format="html"><text><![CDATA[<p>The annual U.S. trade deficit with Japan
is {1:NUMERICAL:=60:1~=60000:1000} (in billions, or in millions) of dollars, in
{1:NUMERICAL:=1995:0}.</p>]]></text></questiontext>
  </question>
</quiz>
"""


def test_each_right_number_of_a_gap_keeps_its_own_tolerance(tmp_path, capsys):
    out, bank, said = imported(tmp_path, capsys, "deficit.xml", XML)
    [q] = bank.questions
    assert isinstance(q, Cloze)
    assert "warning" not in said
    assert [q.tolerances_of(n) for n in range(len(q.blanks))] == [(1.0, 1000.0), (0.0,)]
    assert grade(q, ["60400", "1995"]).correct  # within Moodle's 60000 ± 1000
    assert grade(q, ["60.9", "1995"]).correct  # within 60 ± 1
    assert not grade(q, ["62", "1995"]).correct  # 60 ± 1 only: 62 is neither
    assert "  - tolerance:\n    - 1\n    - 1000\n" in out.read_text(encoding="utf-8")
    back = tmp_path / "back.xml"
    assert main(["export", str(out), "-o", str(back)]) == 0
    assert "{1:NUMERICAL:=60:1~=60000:1000}" in back.read_text(encoding="utf-8")


BANK = """title: Deficit
questions:
  - id: deficit
    type: cloze
    text: The deficit is {{60|60000}} (billions, or millions) of dollars.
    blanks:
      - tolerance: %s
"""


def test_validate_reads_a_tolerance_for_each_answer():
    loaded = load_bank_text(BANK % "[1, 1000]", "b.yaml")
    assert loaded.problems == []
    assert loaded.bank.questions[0].tolerances_of(0) == (1.0, 1000.0)
    assert load_bank_text(BANK % "2", "b.yaml").bank.questions[0].tolerances_of(0) == (2.0, 2.0)
    [problem] = load_bank_text(BANK % "[1]", "b.yaml").problems
    assert problem.message == ("blank 1 ('{{60|60000}}') has 2 answers but 1 tolerance: give "
                               "one number for all its answers, or a list with one for each")


def test_gift_writes_each_number_with_its_own_tolerance(tmp_path):
    bank = tmp_path / "b.yaml"
    bank.write_text((BANK % "[1, 1000]"), encoding="utf-8")
    out = tmp_path / "b.gift"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    assert "{#=60:1 =60000:1000}" in out.read_text(encoding="utf-8")


def test_a_lone_gap_of_several_numbers_stays_a_cloze_that_keeps_them(tmp_path, capsys):
    """A lone number gap is a numeric question, which has one number: one with several
    right numbers stays a cloze, which keeps each with its tolerance. Before, the numbers
    after the first were left out."""
    lone = XML.replace(", in\n{1:NUMERICAL:=1995:0}", "")
    out, bank, said = imported(tmp_path, capsys, "lone.xml", lone)
    [q] = bank.questions
    assert isinstance(q, Cloze) and "warning" not in said
    assert q.tolerances_of(0) == (1.0, 1000.0)
    assert grade(q, ["60400"]).correct
