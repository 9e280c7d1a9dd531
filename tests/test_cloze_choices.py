"""A cloze blank to pick from (Moodle's MULTICHOICE gap, a drop-down): its choices in the
bank, checked by validate, graded as the choice picked, shown as a drop-down, written back
by every export, and read from Moodle's embedded answers."""

from __future__ import annotations

import random

import pytest
from helpers import imported
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from quizapp.cli import main
from quizapp.core.grading import grade
from quizapp.core.loader import load_bank, load_bank_text
from quizapp.core.model import Cloze
from quizapp.gui import question_widgets as qw

BANK = """\
title: Trade talks
id: talks
questions:
  - id: who-met
    type: cloze
    text: "{{Kantor}} will meet {{Ryutaro Hashimoto}} on {{Wednesday}}."
    blanks:
      - choices: [Brown, Kantor, Garten]
        shuffle: false
      - feedback_for: {Ryutaro Hashimoto: Japan's trade minister.}
      - choices: [Monday, Wednesday, Friday]
        partly_right: {Monday: 0.5}
        feedback_if_wrong: The article says Wednesday.
"""


def _question(text: str = BANK) -> Cloze:
    result = load_bank_text(text)
    assert result.problems == []
    q = result.bank.questions[0]
    assert isinstance(q, Cloze)
    return q


def test_a_blanks_choices_are_read_and_graded_as_picked():
    q = _question()
    assert q.blank_choices == (("Brown", "Kantor", "Garten"), (),
                               ("Monday", "Wednesday", "Friday"))
    assert grade(q, ["Kantor", "Ryutaro Hashimoto", "Wednesday"]).correct
    g = grade(q, ["Brown", "Ryutaro Hashimoto", "Monday"])
    assert abs(g.credit - (0 + 1 + 0.5) / 3) < 1e-9
    assert "(3)" not in (g.feedback or "")  # Monday is worth half: no 'wrong' feedback
    assert "The article says Wednesday." in (grade(q, ["", "", "Friday"]).feedback or "")


def test_a_choice_is_not_taken_for_a_near_spelling_of_the_right_one():
    """Typed, 'Australia' could pass for 'Austria' with a typo; picked, it is another
    choice, and wrong."""
    q = _question(BANK.replace("[Brown, Kantor, Garten]", "[Brown, Kantor, Kanton]"))
    assert grade(q, ["Kanton", "Ryutaro Hashimoto", "Wednesday"]).credit < 1
    assert grade(q, ["kantor", "Ryutaro Hashimoto", "Wednesday"]).credit < 1


def test_choices_are_shuffled_for_each_showing_unless_pinned():
    q = _question()
    assert q.pinned_choices == (0,)
    orders = {q.choices_shown(2, random.Random(seed)) for seed in range(20)}
    assert len(orders) > 1 and all(sorted(o) == ["Friday", "Monday", "Wednesday"]
                                   for o in orders)
    assert {q.choices_shown(0, random.Random(seed)) for seed in range(20)} == {
        ("Brown", "Kantor", "Garten")}


def test_older_banks_load_as_they_did():
    q = _question(BANK.split("    blanks:")[0])
    assert q.blank_choices == () and q.choices_of(0) == ()
    assert grade(q, ["Kantr", "Ryutaro Hashimoto", "Wednesday"]).correct  # a typo forgiven


@pytest.mark.parametrize(("choices", "said"), [
    ("[Brown, Garten]", "its answer 'Kantor' is not one of its choices"),
    ("[Kantor]", "has 1 choice; a blank to pick from needs two or more"),
    ("[Kantor, Brown, Kantor]", "offers the choice 'Kantor' twice"),
    ("Kantor", "a list"),
])
def test_validate_says_what_is_wrong_with_a_blanks_choices(choices, said):
    result = load_bank_text(BANK.replace("[Brown, Kantor, Garten]", choices))
    assert any(said in p.message for p in result.problems), result.problems


def test_shuffle_without_choices_is_an_error():
    result = load_bank_text(BANK.replace("      - feedback_for:", "      - shuffle: false\n"
                                         "        feedback_for:"))
    assert any("blank 2 has 'shuffle' but no 'choices'" in p.message
               for p in result.problems), result.problems


def test_a_part_answer_not_among_the_choices_is_an_error():
    result = load_bank_text(BANK.replace("{Monday: 0.5}", "{Tuesday: 0.5}"))
    assert any("partly_right answer 'Tuesday' is not one of its choices" in p.message
               for p in result.problems)


def test_the_widget_offers_a_drop_down_for_a_blank_to_pick_from(qtbot):
    q = _question()
    widget = qw.widget_for(q)
    qtbot.addWidget(widget)
    widget.show()
    combos = widget.findChildren(QComboBox)
    assert len(combos) == 2
    first, third = combos
    assert sorted(third.itemText(i) for i in range(third.count())) == [
        "", "Friday", "Monday", "Wednesday"]
    assert [first.itemText(i) for i in range(first.count())] == ["", "Brown", "Kantor", "Garten"]
    assert not widget.is_answered()  # nothing picked yet: an empty first line
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Down)
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert first.currentText() == "Kantor"
    qtbot.keyClicks(widget.edits[1], "Ryutaro Hashimoto")
    third.setCurrentIndex(third.findText("Monday"))
    assert widget.response() == ["Kantor", "Ryutaro Hashimoto", "Monday"]
    g = grade(q, widget.response())
    widget.show_grade(g)
    assert widget.marks[0].text() == qw.RIGHT_MARK
    assert widget.marks[2].text() == f"{qw.WRONG_MARK} Wednesday (partly right: 50%)"
    assert not first.isEnabled()  # answered: the pick stays as it was

    again = qw.widget_for(q)
    qtbot.addWidget(again)
    again.restore(["Garten", "x", "Friday"])
    assert again.response() == ["Garten", "x", "Friday"]


def test_the_bank_writes_back_its_choices(tmp_path):
    source = tmp_path / "talks.yaml"
    source.write_text(BANK, encoding="utf-8")
    out = tmp_path / "again.yaml"
    assert main(["export", str(source), "-o", str(out)]) == 0
    again = load_bank(out, use_cache=False)
    assert again.problems == []
    written = again.bank.questions[0]
    assert written.blank_choices == _question().blank_choices
    assert written.pinned_choices == (0,)


MOODLE_GAPS = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<question type="cloze"><name><text>who-met</text></name>
<questiontext format="html"><text><![CDATA[<p>{1:MULTICHOICE:Brown#No, Commerce.~=Kantor#Yes.\
~Garten} will meet {2:MCS:%50%Monday~=Wednesday~%-50%Friday} with {1:SA:=Hashimoto}.</p>]]>\
</text></questiontext></question>
</quiz>
"""


def test_moodle_choice_gaps_are_blanks_to_pick_from(tmp_path, capsys):
    """They were typed blanks ('in quizapp the learner types the right choice')."""
    out, bank, err = imported(tmp_path, capsys, "gaps.xml", MOODLE_GAPS)
    (q,) = bank.questions
    assert isinstance(q, Cloze)
    assert q.blank_choices == (("Brown", "Kantor", "Garten"),
                               ("Monday", "Wednesday", "Friday"), ())
    assert "types the right choice" not in err
    assert q.pinned_choices == (0,)  # _S: shuffled, as in Moodle
    assert "'Friday' (-50%) takes marks away in Moodle" in err
    assert [marks[0] for marks in q.blank_marks] == [1, 2, 1]
    g = grade(q, ["Brown", "Monday", "Hashimoto"])
    assert abs(g.credit - (0 + 2 * 0.5 + 1) / 4) < 1e-9
    assert "(1) No, Commerce." in (g.feedback or "")

    # and back to Moodle: the same gaps, each a choice again
    xml = tmp_path / "again.xml"
    assert main(["export", str(out), "-o", str(xml)]) == 0
    written = xml.read_text(encoding="utf-8")
    assert "{1:MULTICHOICE:Brown#No, Commerce.~=Kantor#Yes.~Garten}" in written
    assert "{2:MULTICHOICE_S:%50%Monday~=Wednesday~Friday}" in written


GAP_SELECT = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="gapselect">
    <name><text>Sides</text></name>
    <questiontext format="html"><text><![CDATA[<p>The [[1]] side wanted the [[2]] \
market open; [[3]] spoke for it.</p>]]></text></questiontext>
    <shuffleanswers>0</shuffleanswers>
    <selectoption><text>American</text><group>1</group></selectoption>
    <selectoption><text>Japanese</text><group>1</group></selectoption>
    <selectoption><text>Kantor</text><group>2</group></selectoption>
    <selectoption><text>Hashimoto</text><group>2</group></selectoption>
  </question>
  <question type="ddwtos">
    <name><text>Dragged</text></name>
    <questiontext format="html"><text><![CDATA[<p>[[1]] met [[2]].</p>]]></text>\
</questiontext>
    <dragbox><text>Kantor</text><group>1</group></dragbox>
    <dragbox><text>Hashimoto</text><group>1</group></dragbox>
    <dragbox><text>Brown</text><group>1</group></dragbox>
  </question>
</quiz>
"""


def test_moodle_drop_down_and_drag_words_questions_are_picked_from(tmp_path, capsys):
    """Select missing words (drop-down menus) and drag-and-drop into text: each gap offers
    its group's words, as in Moodle; before, the learner typed each word."""
    _out, bank, err = imported(tmp_path, capsys, "menus.xml", GAP_SELECT)
    sides, dragged = bank.questions
    assert isinstance(sides, Cloze) and isinstance(dragged, Cloze)
    assert sides.blank_choices == (("American", "Japanese"), ("American", "Japanese"),
                                   ("Kantor", "Hashimoto"))
    assert sides.pinned_choices == (0, 1, 2)  # shuffleanswers 0
    assert grade(sides, ["American", "Japanese", "Kantor"]).correct
    assert grade(sides, ["Japanese", "Japanese", "Kantor"]).credit == 2 / 3
    assert dragged.blank_choices == (("Kantor", "Hashimoto", "Brown"),) * 2
    assert dragged.pinned_choices == ()
    assert "types each word" not in err
    assert "question 'Dragged': the words are dragged into the gaps in Moodle" in err


def test_moodles_broken_cloze_fixture_imports_what_it_can(tmp_path, capsys):
    """From Moodle's question/format/xml/tests/fixtures/broken_cloze_questions.xml: a menu
    of one choice is typed (a blank to pick from needs two; the whole import failed its
    own check), and a numerical gap whose answer is not a number is skipped (it was a
    blank wanting the word 'zero', 'the number as written')."""
    questions = [("one", "Please select the fruits {1:MULTICHOICE:=Apple#Correct}"),
                 ("zero", "What grade would you give it? {3:NUMERICAL:=zero}")]
    body = "".join(f'<question type="cloze"><name><text>{name}</text></name><questiontext '
                   f'format="html"><text>{text}</text></questiontext></question>'
                   for name, text in questions)
    _out, bank, err = imported(tmp_path, capsys, "broken.xml", '<?xml version="1.0" '
                               f'encoding="UTF-8"?>\n<quiz>{body}</quiz>\n')
    (one,) = bank.questions
    assert isinstance(one, Cloze) and one.blanks == (("Apple",),) and one.blank_choices == ()
    assert "is a choice in Moodle with one choice only; in quizapp the learner types it" in err
    assert ("question 'zero': gap 1 {3:NUMERICAL:=zero} is numerical, but its right answer "
            "is not a number") in err


def test_a_numerical_gap_beside_others_goes_back_to_moodle_numerical(tmp_path, capsys):
    """It went back as a SHORTANSWER gap, which Moodle compares as text, and the bank read
    back was graded otherwise (grading: {moodle: true})."""
    out, bank, _err = imported(tmp_path, capsys, "deficit.xml", MOODLE_GAPS.replace(
        "{1:SA:=Hashimoto}", "Hashimoto, ${2:NUMERICAL:=60#Yes.} billion"))
    xml = tmp_path / "again.xml"
    assert main(["export", str(out), "-o", str(xml)]) == 0
    assert "typed answers" not in capsys.readouterr().err  # none is typed there
    written = xml.read_text(encoding="utf-8")
    assert "{2:NUMERICAL:=60:0#Yes.}" in written
    _again, read_back, _err = imported(tmp_path, capsys, "again.xml", written)
    first, second = bank.questions[0], read_back.questions[0]
    assert second.policy == first.policy and second.blanks == first.blanks
