"""An embedded-answers (cloze) question whose one gap is numerical becomes a numeric question
with the gap's tolerance, as GIFT's 'Pi is {#3.14:0.01} roughly.' does. Before, it was a
blank that took the number as written: 3.1425 was wrong here, right in Moodle (± 0.005)."""

from quizapp.cli import main
from quizapp.core.grading import grade
from quizapp.core.loader import load_bank
from quizapp.core.model import Cloze, Numeric

XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 201  -->
  <question type="cloze">
    <name>
      <text>Pi gap</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Pi to two places is {1:NUMERICAL:=3.14:0.005~%50%3.1:0.05~*#Look it up} in most books.</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>Pi is 3.14159...</p>]]></text>
    </generalfeedback>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
  </question>
<!-- question: 202  -->
  <question type="cloze">
    <name>
      <text>Spider</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>How many legs has a spider?</p><p>{1:NM:=8}</p>]]></text>
    </questiontext>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
  </question>
<!-- question: 203  -->
  <question type="cloze">
    <name>
      <text>Two gaps</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Pi is {1:NM:=3.14:0.005} and e is {1:NM:=2.72:0.005}.</p>]]></text>
    </questiontext>
  </question>
</quiz>
"""


def test_a_cloze_with_one_numerical_gap_keeps_its_tolerance(tmp_path, capsys):
    source = tmp_path / "gaps.xml"
    source.write_text(XML, encoding="utf-8")
    bank = tmp_path / "gaps.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    err = capsys.readouterr().err
    result = load_bank(bank, use_cache=False)
    assert result.problems == []
    qs = {q.title: q for q in result.bank.questions}
    pi = qs["Pi gap"]
    assert isinstance(pi, Numeric) and (pi.answer, pi.tolerance) == (3.14, 0.005)
    assert pi.prompt == "Pi to two places is _____ in most books."
    assert pi.explanation == "Pi is 3.14159..." and pi.feedback_if_wrong == "Look it up"
    assert [grade(pi, typed).correct for typed in ("3.14", "3.1425", "3.135", "3.146")] == [
        True, True, True, False]
    assert ("question 'Pi gap': the answer '3.1:0.05' worth 50% was left out: partial credit "
            "is not supported") in err
    # a gap alone on its line is a blank there too, not a Markdown rule
    spider = qs["Spider"]
    assert isinstance(spider, Numeric) and spider.answer == 8
    assert spider.prompt.endswith("\n\n\\_\\_\\_\\_\\_")
    # two gaps stay a cloze, the number's blank with its tolerance
    assert isinstance(qs["Two gaps"], Cloze)
    assert qs["Two gaps"].tolerance_of(0) == 0.005
    assert "question 'Two gaps': gap 1" not in err
