"""What a Moodle embedded-answers gap says beyond its right answers: its weight
({2:SHORTANSWER:...}), answers worth part of its marks (%50%), feedback on an answer (#...)
and on any other answer (*#...). Each blank of a cloze keeps them (`blanks:`): graded as
Moodle grades the gap, the feedback shown after the answer, written back to Moodle XML.
Before, the import left all three out ("feedback in the gaps is not supported", "partial
credit in the gaps is not supported", "in quizapp every blank counts the same")."""

from editor_helpers import leave_without_saving, open_window, select, type_lines  # noqa: F401 (autouse fixture)
from gui_helpers import focused, make_screen, press, recorded
from PySide6.QtCore import Qt

from quizapp.cli import main
from quizapp.core.grading import grade
from quizapp.core.loader import load_bank, load_bank_text
from quizapp.core.model import Cloze
from quizapp.core.session import QuizSession

TEXT = ("<p>Last week's low-level talks were held in {2:SHORTANSWER:=Tokyo#Right: in the "
        "capital.~%50%Japan#The right country; which city?~*#They met in Tokyo.}, and "
        "the U.S. Trade Representative is {1:MULTICHOICE:=Mickey Kantor#Yes.~Ronald H. Brown"
        "#No: Brown is Secretary of Commerce.}.</p>")

XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="cloze">
    <name><text>Talks and people</text></name>
    <questiontext format="html"><text><![CDATA[{TEXT}]]></text></questiontext>
    <generalfeedback format="html"><text></text></generalfeedback>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
  </question>
</quiz>
"""

CITY = ("Tokyo", "Right: in the capital.", "The right country; which city?",
        "They met in Tokyo.")


def _imported(tmp_path, capsys, name: str, text: str):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    bank = tmp_path / f"{name}.yaml"
    assert main(["import", str(source), "-o", str(bank), "--force"]) == 0
    err = capsys.readouterr().err
    [q] = load_bank(bank, use_cache=False).bank.questions
    return bank, q, err


def test_the_gaps_weights_part_marks_and_feedback_are_kept(tmp_path, capsys):
    _, q, err = _imported(tmp_path, capsys, "talks.xml", XML)
    assert isinstance(q, Cloze)
    assert "feedback" not in err and "partial credit" not in err and "weighs" not in err, err
    assert q.blanks == (("Tokyo",), ("Mickey Kantor",))
    city, person = q.blank_marks
    assert city == (2, (("Japan", 0.5),), (("Tokyo", CITY[1]), ("Japan", CITY[2])), CITY[3])
    assert person == (1, (), (("Mickey Kantor", "Yes."),
                              ("Ronald H. Brown", "No: Brown is Secretary of Commerce.")), None)


def test_each_gap_is_graded_by_its_weight_and_says_its_feedback(tmp_path, capsys):
    _, q, _ = _imported(tmp_path, capsys, "talks.xml", XML)
    both = grade(q, ["Tokyo", "Mickey Kantor"])
    assert both.correct and both.credit == 1.0
    assert both.feedback == "(1) Right: in the capital.\n\n(2) Yes."
    city_only = grade(q, ["tokyo", "Ronald H. Brown"])  # the city weighs 2 of 3
    assert not city_only.correct and abs(city_only.credit - 2 / 3) < 1e-9
    assert city_only.feedback == ("(1) Right: in the capital.\n\n"
                                  "(2) No: Brown is Secretary of Commerce.")
    half = grade(q, ["Japan", "Mickey Kantor"])  # half of 2, and 1, of 3
    assert abs(half.credit - 2 / 3) < 1e-9
    assert half.feedback == "(1) The right country; which city?\n\n(2) Yes."
    other = grade(q, ["Osaka", ""])
    assert other.credit == 0 and other.feedback == "(1) They met in Tokyo."


def test_the_gaps_go_back_to_moodle_as_they_came(tmp_path, capsys):
    bank, q, _ = _imported(tmp_path, capsys, "talks.xml", XML)
    out = tmp_path / "again.xml"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    written = out.read_text(encoding="utf-8")
    assert ("{2:SHORTANSWER:=Tokyo#Right: in the capital.~%50%Japan#The right country; which "
            "city?~*#They met in Tokyo.}") in written
    _, again, err = _imported(tmp_path, capsys, "again.xml", written)
    assert again.blanks == q.blanks and again.blank_marks == q.blank_marks, err


def test_the_quiz_stores_the_weighted_credit_then_shows_each_gaps_feedback(
        qtbot, tmp_path, capsys, store, learner):
    bank_file, _, _ = _imported(tmp_path, capsys, "talks.xml", XML)
    bank = load_bank(bank_file, use_cache=False).bank
    screen = make_screen(qtbot, QuizSession(store, learner.id, bank, mode="quiz",
                                            shuffle=False))
    edits = screen.question_widget.edits
    edits[0].setFocus()
    qtbot.keyClicks(edits[0], "Japan")
    press(qtbot, screen, Qt.Key.Key_Return)  # on to the next blank
    assert focused(screen) is edits[1]
    qtbot.keyClicks(edits[1], "Mickey Kantor")
    press(qtbot, screen, Qt.Key.Key_Return)  # submit (Enter in the last blank)
    answer = recorded(store, learner.id)[-1]  # committed, then shown
    assert answer.correct is False and abs(answer.credit - 2 / 3) < 1e-9
    assert "Partly right (67% credit)" in screen.feedback.verdict.text()
    marks = screen.question_widget.marks  # each blank marked by the grader's own rule
    assert [m.text() for m in marks] == ["\u2718 Tokyo (partly right: 50%)", "\u2714"]
    shown = screen.feedback.rows.text("feedback")
    assert "The right country; which city?" in shown and "Yes." in shown
    screen.session.abandon()


BANK = """title: Talks
id: talks
questions:
  - id: talks-and-people
    type: cloze
    text: The talks were held in {{{{Tokyo}}}}; the USTR is {{{{Mickey Kantor|Kantor}}}}.
    blanks:
{blanks}
"""


def _problems(blanks: str) -> list[str]:
    result = load_bank_text(BANK.format(blanks=blanks), "talks.yaml")
    return [p.message for p in result.problems if p.severity == "error"]


def test_a_bank_writes_the_blanks_marks_and_is_told_what_is_wrong():
    good = ("      - weight: 2\n        partly_right: {Japan: 0.5}\n"
            "        feedback_for: {Japan: Which city?}\n"
            "        feedback_if_wrong: They met in Tokyo.\n      -\n")
    assert _problems(good) == []
    q = load_bank_text(BANK.format(blanks=good), "talks.yaml").bank.questions[0]
    assert q.blank_marks == ((2, (("Japan", 0.5),), (("Japan", "Which city?"),),
                              "They met in Tokyo."), (1, (), (), None))
    assert "2 blanks" in _problems("      - weight: 2\n")[0]
    assert "whole number" in _problems("      - weight: 0.5\n      -\n")[0]
    assert "already an accepted answer" in _problems(
        "      -\n      - partly_right: {kantor: 0.5}\n")[0]
    assert "unknown key 'points'" in _problems("      - points: 2\n      -\n")[0]


def test_a_line_break_ending_a_gaps_feedback_is_not_shown_as_a_backslash(tmp_path, capsys):
    """Moodle's own fixture (question/format/xml/tests/fixtures/multianswer.xml) ends a
    gap's feedback with the editor's <br />: it came in as 'Congratulations!\\'."""
    text = ("<p>The talks were in {1:SHORTANSWER:%100%Tokyo#Right!<br />~%50%Japan#Close,"
            "<br />but which city?<br />~*#No.<br />}.</p>")
    _, q, _ = _imported(tmp_path, capsys, "breaks.xml", XML.replace(TEXT, text))
    [(_weight, _parts, said, otherwise)] = q.blank_marks
    assert dict(said) == {"Tokyo": "Right!", "Japan": "Close,\\\nbut which city?"}
    assert otherwise == "No."
    # written back on one line, the break a space, not a '\\' Moodle would show
    out = tmp_path / "breaks-again.xml"
    bank = tmp_path / "breaks.xml.yaml"
    assert main(["export", str(bank), "-o", str(out)]) == 0
    assert "%50%Japan#Close, but which city?~" in out.read_text(encoding="utf-8")


def test_a_line_starting_with_an_asterisk_is_shown_as_written(qtbot, tmp_path, capsys):
    """Moodle's multianswer.xml lists its gaps as lines '<br />* San Francisco: {...}':
    Moodle shows the asterisks; the quiz showed a bulleted list instead, and each line
    break before it as a stray backslash ('Arizona\\')."""
    from PySide6.QtWidgets import QLabel

    from quizapp.gui import question_widgets as qw

    text = ("<p>Where were they?<br />* Kantor: {1:SHORTANSWER:=Washington}<br />"
            "* Hashimoto: {1:SHORTANSWER:=Tokyo}<br />- 1995: the year</p>")
    _, q, _ = _imported(tmp_path, capsys, "lines.xml", XML.replace(TEXT, text))
    widget = qw.widget_for(q)
    qtbot.addWidget(widget)
    holder = widget.edits[0].parentWidget()
    words = [label.text() for label in holder.findChildren(QLabel) if label.text()]
    assert "\\" not in words and "•" not in words, words
    assert words[:5] == ["Where", "were", "they?", "*", "Kantor:"], words
    assert "-" in words and "1995:" in words


def test_the_editor_keeps_the_blanks_marks_when_the_text_is_edited(qtbot, tmp_path):
    """The form has no row for `blanks`; a teacher editing the text keeps them."""
    bank = tmp_path / "talks.yaml"
    bank.write_text(BANK.format(blanks="      - weight: 2\n        feedback_if_wrong: "
                                       "They met in Tokyo.\n      -\n"), encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "talks-and-people")
    row = w.form.fields[("text",)]
    row.setFocus()
    row.selectAll()
    type_lines(qtbot, row, "Low-level talks were held in {{Tokyo}}; the USTR is "
                           "{{Mickey Kantor|Kantor}}.")
    with qtbot.waitSignal(w.saved):
        qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    loaded = load_bank(bank, use_cache=False)
    assert loaded.problems == []
    [q] = loaded.bank.questions
    assert q.text.startswith("Low-level talks")
    assert q.blank_marks == ((2, (), (), "They met in Tokyo."), (1, (), (), None))



def test_the_form_has_a_row_for_the_blanks_marks(qtbot, tmp_path):
    """Every key has a row in the form (test_gui_editor_bankqa17): one line a blank, '-'
    for a plain one, else its marks as a mapping on the line."""
    bank = tmp_path / "talks.yaml"
    bank.write_text(BANK.format(blanks="      - weight: 2\n      -\n"), encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "talks-and-people")
    row = w.form.fields[("blanks",)]
    assert row.toPlainText() == "{weight: 2}\n-"  # shown as the file has them
    row.setFocus()
    row.selectAll()
    type_lines(qtbot, row, "{weight: 2, partly_right: {Japan: 0.5}}\n-")
    with qtbot.waitSignal(w.saved):
        qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    loaded = load_bank(bank, use_cache=False)
    assert loaded.problems == []
    assert loaded.bank.questions[0].blank_marks == (
        (2, (("Japan", 0.5),), (), None), (1, (), (), None))
