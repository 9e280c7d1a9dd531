"""A short answer worth part of the marks (Moodle's 'Japan' at 50% beside 'Tokyo' at 100%)
is kept as `partly_right`: graded with that share of the marks, its feedback shown, and
written back to Moodle XML and GIFT at its percentage. Before, the import left it out with
a warning ("partial credit is not supported"), so a learner typing it scored nothing."""

from editor_helpers import leave_without_saving, open_window, select, type_lines  # noqa: F401 (autouse fixture)
from gui_helpers import make_screen, press, recorded
from PySide6.QtCore import Qt

from quizapp.cli import main
from quizapp.core.loader import load_bank
from quizapp.core.model import ShortAnswer
from quizapp.core.session import QuizSession

XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>Where the talks were</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>In which city were last week's low-level auto talks held?</p>]]></text>
    </questiontext>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format">
      <text>Tokyo</text>
      <feedback format="html"><text></text></feedback>
    </answer>
    <answer fraction="50" format="moodle_auto_format">
      <text>Japan</text>
      <feedback format="html"><text><![CDATA[<p>The right country: which city?</p>]]></text></feedback>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>*</text>
      <feedback format="html"><text><![CDATA[<p>They were held in Japan.</p>]]></text></feedback>
    </answer>
  </question>
</quiz>
"""

GIFT = """::Where the talks were::In which city were last week's low-level auto talks held? {
\t=Tokyo
\t=%50%Japan#The right country\\: which city?
\t=%0%*#They were held in Japan.
}
"""

HALF = "The right country: which city?"
OTHER = "They were held in Japan."


def _import(tmp_path, capsys, name: str, text: str):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    bank = tmp_path / f"{name}.yaml"
    assert main(["import", str(source), "-o", str(bank), "--force"]) == 0
    return bank, capsys.readouterr().err


def _tried(capsys, bank, *answers) -> list[str]:
    capsys.readouterr()
    assert main(["try", str(bank), "where-the-talks-were", *answers]) == 0
    return capsys.readouterr().out.splitlines()


def test_an_answer_worth_part_of_the_marks_is_kept_and_graded_so(tmp_path, capsys):
    for name, text in (("moodle.xml", XML), ("moodle.gift", GIFT)):
        bank, err = _import(tmp_path, capsys, name, text)
        assert "warning" not in err, (name, err)  # nothing left out
        [q] = load_bank(bank, use_cache=False).bank.questions
        assert isinstance(q, ShortAnswer), name
        assert q.answers == ("Tokyo",) and q.partly_right == (("Japan", 0.5),), name
        half, right, wrong = _tried(capsys, bank, "japan", "Tokyo", "Osaka")
        assert half.startswith("partly right") and "credit 0.50" in half, (name, half)
        assert half.endswith(HALF), (name, half)
        assert right.startswith("right") and "credit 1.00" in right, (name, right)
        assert wrong.startswith("wrong") and wrong.endswith(OTHER), (name, wrong)


def test_the_part_marks_go_back_to_moodle_as_they_came(tmp_path, capsys):
    bank, _ = _import(tmp_path, capsys, "moodle.xml", XML)
    xml = tmp_path / "again.xml"
    gift = tmp_path / "again.gift"
    for out in (xml, gift):
        assert main(["export", str(bank), "-o", str(out), "--force"]) == 0
        assert "warning" not in capsys.readouterr().err, out
    assert '<answer fraction="50" format="moodle_auto_format">' in xml.read_text("utf-8")
    assert "=%50%Japan#" in gift.read_text("utf-8")
    for out in (xml, gift):
        again, err = _import(tmp_path, capsys, out.name, out.read_text("utf-8"))
        assert "warning" not in err, (out, err)
        [q] = load_bank(again, use_cache=False).bank.questions
        assert q.partly_right == (("Japan", 0.5),), out
        assert dict(q.feedback_for)["Japan"] == HALF and q.feedback_if_wrong == OTHER, out


def test_a_share_moodle_has_no_grade_for_is_written_as_the_nearest_and_said(tmp_path, capsys):
    bank = tmp_path / "bank.yaml"
    bank.write_text("""title: Talks
questions:
- id: where
  type: short_answer
  prompt: In which city were last week's low-level auto talks held?
  answers: [Tokyo]
  partly_right: {Japan: 0.47}
""", encoding="utf-8")
    out = tmp_path / "out.xml"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "question 'where'" in err and "'Japan'" in err and "47% as 50%" in err
    assert '<answer fraction="50" format="moodle_auto_format">' in out.read_text("utf-8")


def test_a_bank_says_what_is_wrong_with_a_share(tmp_path, capsys):
    cases = {
        "{Japan: 1.5}": "between 0 and 1",
        "{Japan: 0}": "between 0 and 1",
        "{Japan: half}": "a number",
        "{Tokyo: 0.5}": "already an accepted answer",
        "[Japan]": "a mapping",
    }
    for written, said in cases.items():
        bank = tmp_path / "bank.yaml"
        bank.write_text(f"""title: Talks
questions:
- id: where
  type: short_answer
  prompt: In which city were the talks held?
  answers: [Tokyo]
  partly_right: {written}
""", encoding="utf-8")
        capsys.readouterr()
        assert main(["validate", str(bank)]) != 0, written
        out = capsys.readouterr()
        assert said in out.out + out.err, (written, out)
        assert "Traceback" not in out.out + out.err


def test_a_missing_word_with_feedback_or_part_marks_keeps_them(tmp_path, capsys):
    """GIFT's missing word ('... held in {=Tokyo ...} last week') became a blank in the
    sentence, which holds neither feedback nor part marks: both were left out. Now such a
    question stays a short answer with the blank shown in its sentence, keeping them."""
    text = ("::Where the talks were::Last week's low-level auto talks were held in "
            "{=Tokyo =%50%Japan#The right country\\: which city? =%0%*#They were held in "
            "Japan.} last week.\n")
    bank, err = _import(tmp_path, capsys, "missing.gift", text)
    assert "warning" not in err, err
    [q] = load_bank(bank, use_cache=False).bank.questions
    assert isinstance(q, ShortAnswer) and "held in _____ last week" in q.prompt
    assert q.partly_right == (("Japan", 0.5),) and q.feedback_if_wrong == OTHER
    half, wrong = _tried(capsys, bank, "Japan", "Kyoto")
    assert half.startswith("partly right") and half.endswith(HALF), half
    assert wrong.startswith("wrong") and wrong.endswith(OTHER), wrong


def test_the_quiz_stores_the_part_marks_then_says_partly_right(qtbot, tmp_path, capsys, store,
                                                                learner):
    bank_file, _ = _import(tmp_path, capsys, "moodle.xml", XML)
    bank = load_bank(bank_file, use_cache=False).bank
    screen = make_screen(qtbot, QuizSession(store, learner.id, bank, mode="quiz",
                                            shuffle=False))
    qtbot.keyClicks(screen.question_widget.edit, "Japan")
    press(qtbot, screen, Qt.Key.Key_Return)
    answer = recorded(store, learner.id)[-1]  # committed, then shown
    assert answer.correct is False and answer.credit == 0.5
    assert "Partly right (50% credit)" in screen.feedback.verdict.text()
    # the mark beside the answer says so too (it said "Wrong" beside "Partly right")
    assert screen.question_widget.mark.text().endswith("Partly right")
    assert screen.feedback.rows.text("feedback") == HALF
    screen.session.abandon()


def test_the_form_has_a_row_for_the_part_marks(qtbot, tmp_path, capsys):
    bank = tmp_path / "talks.yaml"
    bank.write_text("""title: Talks
id: talks
questions:
  - id: where-the-talks-were
    type: short_answer
    prompt: In which city were last week's low-level auto talks held?
    answers: [Tokyo]
""", encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "where-the-talks-were")
    row = w.form.fields[("partly_right",)]
    row.setFocus()
    type_lines(qtbot, row, "Japan => 0.5")
    with qtbot.waitSignal(w.saved):
        qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    loaded = load_bank(bank, use_cache=False)
    assert loaded.problems == []
    assert loaded.bank.questions[0].partly_right == (("Japan", 0.5),)
    [half] = _tried(capsys, bank, "Japan")
    assert half.startswith("partly right") and "credit 0.50" in half
