"""Feedback on particular short answers (`feedback_for`), as Moodle has it: 'Paris' at 100%
"Well done", 'Lyon' at 0% "No, Lyon is France's third city". The Moodle XML and GIFT imports
dropped it with a note ('feedback on short answer answers is not supported'); it is kept, shown
in the quiz, written back to Moodle XML and GIFT, and edited in the form. Moodle's grading of
the question (grading: {moodle: true}) is as it was."""

from __future__ import annotations

import pytest
from editor_helpers import leave_without_saving, open_window, select, type_lines  # noqa: F401 (autouse fixture)
from gui_helpers import make_screen, press, recorded
from PySide6.QtCore import Qt

from quizapp.cli import main
from quizapp.core.loader import load_bank, load_bank_text
from quizapp.core.model import ShortAnswer
from quizapp.core.session import QuizSession

# A short answer question as Moodle 4 exports it to Moodle XML.
XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/Default for Geography</text>
    </category>
    <info format="moodle_auto_format">
      <text>The default category for questions shared in context 'Geography'.</text>
    </info>
    <idnumber></idnumber>
  </question>

<!-- question: 212  -->
  <question type="shortanswer">
    <name>
      <text>Capital of France</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p dir="ltr" style="text-align: left;">What is the capital of France?</p>]]></text>
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
        <text><![CDATA[<p dir="ltr" style="text-align: left;">Well done</p>]]></text>
      </feedback>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>Lyon</text>
      <feedback format="html">
        <text><![CDATA[<p dir="ltr" style="text-align: left;">No, Lyon is France's third city</p>]]></text>
      </feedback>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>*</text>
      <feedback format="html">
        <text><![CDATA[<p>Not quite: think of the Seine</p>]]></text>
      </feedback>
    </answer>
  </question>

</quiz>
"""

# The same question as Moodle exports it to GIFT.
GIFT = """// question: 212  name: Capital of France
::Capital of France::[html]<p dir\\="ltr" style\\="text-align\\: left;">What is the capital of France?</p>{
\t=%100%Paris#<p dir\\="ltr" style\\="text-align\\: left;">Well done</p>
\t=%0%Lyon#<p dir\\="ltr" style\\="text-align\\: left;">No, Lyon is France's third city</p>
\t=%0%*#<p>Not quite\\: think of the Seine</p>
}

"""

FOR = (("Paris", "Well done"), ("Lyon", "No, Lyon is France's third city"))


def _graded(capsys, bank, *answers) -> list[str]:
    """What `quizapp try` says of each answer: right or wrong, then its feedback."""
    out = []
    for typed in answers:
        capsys.readouterr()
        assert main(["try", str(bank), "capital-of-france", typed]) == 0
        line = capsys.readouterr().out.strip()
        out.append(line)
    return out


def _imported(tmp_path, capsys, name: str, text: str):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    bank = tmp_path / f"{source.stem}-{source.suffix[1:]}.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    err = capsys.readouterr().err
    assert "warning" not in err, err  # nothing left out
    [q] = load_bank(bank, use_cache=False).bank.questions
    return bank, q


@pytest.mark.parametrize(("name", "text"), [("moodle.xml", XML), ("moodle.gift", GIFT)])
def test_the_feedback_on_each_answer_comes_in_and_is_shown(tmp_path, capsys, name, text):
    bank, q = _imported(tmp_path, capsys, name, text)
    assert isinstance(q, ShortAnswer)
    assert q.answers == ("Paris",) and q.policy.moodle  # graded as Moodle grades, as before
    assert q.feedback_for == FOR
    assert q.feedback_if_wrong == "Not quite: think of the Seine"
    said = _graded(capsys, bank, "Paris", "paris", "Lyon", "Marseille", "Pariss")
    assert said[0].startswith("right") and said[0].endswith("Well done")
    assert said[1].startswith("right") and said[1].endswith("Well done")  # usecase 0
    assert said[2].startswith("wrong") and said[2].endswith("No, Lyon is France's third city")
    assert said[3].startswith("wrong") and said[3].endswith("Not quite: think of the Seine")
    # Moodle takes one answer whole: no typo forgiven, as before
    assert said[4].startswith("wrong") and said[4].endswith("Not quite: think of the Seine")


@pytest.mark.parametrize("suffix", ["xml", "gift"])
def test_the_feedback_goes_back_to_moodle_and_comes_in_again(tmp_path, capsys, suffix):
    bank, q = _imported(tmp_path, capsys, "moodle.xml", XML)
    out = tmp_path / f"again.{suffix}"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    written = out.read_text(encoding="utf-8")
    if suffix == "gift":  # Moodle's order: the right answer, the wrong one, any other
        assert ("{=Paris#Well done =%0%Lyon#No, Lyon is France's third city "
                "=%0%*#Not quite\\: think of the Seine}") in written
    again, back = _imported(tmp_path, capsys, out.name, written)
    assert (back.answers, back.feedback_for, back.feedback_if_wrong) == (
        q.answers, q.feedback_for, q.feedback_if_wrong)


def test_the_quiz_shows_the_feedback_for_the_answer_given(qtbot, tmp_path, capsys, store,
                                                          learner):
    bank_file, _ = _imported(tmp_path, capsys, "moodle.xml", XML)
    bank = load_bank(bank_file, use_cache=False).bank
    for typed, right, shown in (("Lyon", False, "No, Lyon is France's third city"),
                                ("Paris", True, "Well done")):
        screen = make_screen(qtbot, QuizSession(store, learner.id, bank, mode="quiz",
                                                shuffle=False))
        qtbot.keyClicks(screen.question_widget.edit, typed)
        press(qtbot, screen, Qt.Key.Key_Return)
        assert recorded(store, learner.id)[-1].correct is right  # committed, then shown
        assert ("Right" in screen.feedback.verdict.text()) is right
        assert screen.feedback.rows.text("feedback") == shown
        screen.session.abandon()


BANK = """title: Capitals
id: capitals
questions:
  - id: capital-of-france
    type: short_answer
    prompt: What is the capital of France?
    answers: [Paris]
"""


def test_the_form_has_a_row_for_it(qtbot, tmp_path, capsys):
    bank = tmp_path / "capitals.yaml"
    bank.write_text(BANK, encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "capital-of-france")
    row = w.form.fields[("feedback_for",)]
    row.setFocus()
    type_lines(qtbot, row, "Paris => Well done\nLyon => No, Lyon is France's third city")
    with qtbot.waitSignal(w.saved):
        qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    loaded = load_bank(bank, use_cache=False)
    assert loaded.problems == []
    assert loaded.bank.questions[0].feedback_for == FOR
    said = _graded(capsys, bank, "lyon", "Paris")
    assert said[0].startswith("wrong") and said[0].endswith("No, Lyon is France's third city")
    assert said[1].startswith("right") and said[1].endswith("Well done")
    w.select_row(0)  # the bank's details, then the question again: shown as it was typed
    select(w, "capital-of-france")
    assert row.toPlainText() == "Paris => Well done\nLyon => No, Lyon is France's third city"


@pytest.mark.parametrize(("written", "said"), [
    ("feedback_for: [Lyon]", "'feedback_for' should be a mapping like {Lyon: France's third city}"),
    ("feedback_for: {'*': Try again}", "'feedback_for: *' would be any other answer"),
    ("feedback_for: {Lyon: }", "'feedback_for: Lyon' is empty"),
])
def test_feedback_for_written_wrong_is_named(written, said):
    result = load_bank_text(BANK + f"    {written}\n")
    assert any(said in p.message for p in result.problems), result.problems
