"""Moodle's feedback for "any other answer" ('*' worth 0%) on a short answer is kept as the
question's feedback_if_wrong, shown to a learner whose answer is wrong, and goes back to
Moodle as it came. Before, it was left out with a warning, as a numerical question's was not."""

from quizapp.cli import main
from quizapp.core.loader import load_bank
from quizapp.core.model import ShortAnswer

XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 101  -->
  <question type="shortanswer">
    <name>
      <text>Capital of France</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>What is the capital of France?</p>]]></text>
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
      <text>*</text>
      <feedback format="html">
        <text><![CDATA[<p>No. Think of the <b>Eiffel</b> tower.</p>]]></text>
      </feedback>
    </answer>
  </question>
</quiz>
"""

GIFT = """// question: 101  name: Capital of France
::Capital of France::[html]<p>What is the capital of France?</p>{
\t=%100%Paris#
\t=%0%*#<p>No. Think of the <b>Eiffel</b> tower.</p>
}
"""

HINT = "No. Think of the **Eiffel** tower."


def _tried(capsys, bank, *answers) -> list[str]:
    capsys.readouterr()
    assert main(["try", str(bank), "capital-of-france", *answers]) == 0
    return capsys.readouterr().out.splitlines()


def test_the_feedback_for_any_other_answer_is_shown_for_a_wrong_answer(tmp_path, capsys):
    for name, text in (("moodle.xml", XML), ("moodle.gift", GIFT)):
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
        bank = tmp_path / f"{name}.yaml"
        assert main(["import", str(source), "-o", str(bank)]) == 0
        assert "warning" not in capsys.readouterr().err, name  # nothing left out
        [q] = load_bank(bank, use_cache=False).bank.questions
        assert isinstance(q, ShortAnswer) and q.feedback_if_wrong == HINT, name
        wrong, right = _tried(capsys, bank, "Lyon", "Paris")
        assert wrong.startswith("wrong") and wrong.endswith(HINT), name
        assert right.startswith("right") and HINT not in right, name


def test_the_feedback_goes_back_to_moodle_as_any_other_answer(tmp_path, capsys):
    source = tmp_path / "moodle.xml"
    source.write_text(XML, encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    for suffix in ("xml", "gift"):
        out = tmp_path / f"again.{suffix}"
        assert main(["export", str(bank), "-o", str(out), "--force"]) == 0
        again = tmp_path / f"again-{suffix}.yaml"
        assert main(["import", str(out), "-o", str(again), "--force"]) == 0
        assert "warning" not in capsys.readouterr().err, suffix
        [q] = load_bank(again, use_cache=False).bank.questions
        assert q.feedback_if_wrong == HINT and q.answers == ("Paris",), suffix
        assert _tried(capsys, again, "Paris")[0].startswith("right"), suffix
