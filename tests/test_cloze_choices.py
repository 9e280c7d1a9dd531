"""A cloze blank to pick from (Moodle's MULTICHOICE gap, a drop-down): its choices in the
bank, checked by validate, graded as the choice picked, shown as a drop-down, written back
by every export, and read from Moodle's embedded answers."""

from __future__ import annotations

import pytest
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
    assert again.bank.questions[0].blank_choices == _question().blank_choices
