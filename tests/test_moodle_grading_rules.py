"""A typed answer read from Moodle (XML or GIFT) is marked as Moodle marks it (grading
`moodle: true`): the whole text as written, '*' any text. Before, an imported short answer
kept quizapp's own help: 'the Paris' and 'in Paris' were right, two answers typed together
('Berlin BER') were right, and an answer of '*' alone (any text, in Moodle) wanted a '*'."""

from quizapp.cli import main
from quizapp.core.grading import grade
from quizapp.core.loader import load_bank, load_bank_text
from quizapp.core.model import Cloze, ShortAnswer

# as Moodle 4.3's question bank exports them
XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 101  -->
  <question type="shortanswer">
    <name>
      <text>Capital of France</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p dir="ltr" style="text-align: left;">What is the capital of France?<br></p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format">
      <text>Paris</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>Lyon</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
  </question>
<!-- question: 102  -->
  <question type="shortanswer">
    <name>
      <text>Germany</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Name the capital of Germany.</p>]]></text>
    </questiontext>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format">
      <text>Berlin</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="100" format="moodle_auto_format">
      <text>BER</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
  </question>
<!-- question: 103  -->
  <question type="shortanswer">
    <name>
      <text>Any text</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Type anything you like about Rome.</p>]]></text>
    </questiontext>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format">
      <text>*</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
  </question>
<!-- question: 104  -->
  <question type="cloze">
    <name>
      <text>Gaps</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>The capital of France is {1:SHORTANSWER:=Paris} and of Italy {1:SHORTANSWER:=Rome}.</p>]]></text>
    </questiontext>
  </question>
</quiz>
"""

GIFT = """// question: 101  name: Capital of France
::Capital of France::[html]<p>What is the capital of France?</p>{
\t=%100%Paris#
\t=%0%Lyon#
}

::Germany::Name the capital of Germany. {=Berlin =BER}

::Any text::Type anything you like about Rome. {=*}
"""


def _imported(tmp_path, capsys, name: str, text: str) -> dict:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    bank = tmp_path / f"{name}.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    err = capsys.readouterr().err
    assert "warning" not in err, err  # nothing is lost: Moodle's rule is kept whole
    result = load_bank(bank, use_cache=False)
    assert result.problems == []
    assert "moodle: true" in bank.read_text(encoding="utf-8")
    return {q.title: q for q in result.bank.questions}


def _marks(question, *typed) -> list[bool]:
    return [grade(question, t).correct for t in typed]


def test_moodle_xml_and_gift_short_answers_are_marked_as_moodle_marks_them(tmp_path, capsys):
    for name, text in (("moodle.xml", XML), ("moodle.gift", GIFT)):
        qs = _imported(tmp_path, capsys, name, text)
        france, germany, anything = qs["Capital of France"], qs["Germany"], qs["Any text"]
        assert all(isinstance(q, ShortAnswer) and q.policy.moodle
                   for q in (france, germany, anything))
        assert _marks(france, "Paris", "paris", " Paris ", "the Paris", "in Paris", "Pariss",
                      "Paris.", "Lyon") == [True, True, True, False, False, False, False, False]
        # two answers typed together are one answer Moodle does not list
        assert _marks(germany, "Berlin", "BER", "Berlin BER", "Berlin (BER)", "Berlin, BER") == [
            True, True, False, False, False]
        # '*' alone: any text is right, as in Moodle; a blank is no answer
        assert _marks(anything, "It was founded in 753 BC.", "x", "") == [True, True, False]
        assert grade(anything, "x").expected == "*"


def test_a_typed_gap_from_moodle_forgives_no_leading_word(tmp_path, capsys):
    gaps = _imported(tmp_path, capsys, "gaps.xml", XML)["Gaps"]
    assert isinstance(gaps, Cloze) and gaps.policy.moodle
    assert grade(gaps, ["Paris", "rome"]).credit == 1
    assert grade(gaps, ["the Paris", "in Rome"]).credit == 0


def test_exported_again_the_rule_goes_back_to_moodle_and_returns(tmp_path, capsys):
    qs = _imported(tmp_path, capsys, "moodle.xml", XML)
    bank = tmp_path / "moodle.xml.yaml"
    for suffix in ("xml", "gift"):
        out = tmp_path / f"again.{suffix}"
        assert main(["export", str(bank), "-o", str(out), "--force"]) == 0
        # nothing quizapp forgives that Moodle does not: no warning about the comparison
        assert "compare" not in capsys.readouterr().err
        text = out.read_text(encoding="utf-8")
        assert "\\*" not in text  # the wildcard goes back as a wildcard
        again = tmp_path / f"again-{suffix}.yaml"
        assert main(["import", str(out), "-o", str(again), "--force"]) == 0
        capsys.readouterr()
        back = {q.title: q for q in load_bank(again, use_cache=False).bank.questions}
        for title in ("Capital of France", "Germany", "Any text"):
            assert back[title].answers == qs[title].answers, (suffix, title)
            assert back[title].policy == qs[title].policy, (suffix, title)


def test_a_setting_that_moodle_true_ignores_is_named():
    result = load_bank_text("""title: Hand
id: hand
questions:
- id: q
  type: short_answer
  prompt: Capital?
  answers: [Paris]
  grading: {moodle: true, max_typos: 2}
""")
    [problem] = result.problems
    assert problem.severity == "warning" and problem.line == 8
    assert "'max_typos' does not apply with 'moodle: true'" in problem.message
    [q] = result.bank.questions
    assert q.policy.moodle and not grade(q, "Pariss").correct  # no typo forgiven all the same
