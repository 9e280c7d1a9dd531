"""Numbers as a learner types them: what a person writes reads as the number; what only
Python's float() or Unicode's NFKC would read ('1_995', '10³') is asked again."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from quizapp.core.grading import grade
from quizapp.core.model import Cloze, Numeric
from quizapp.core.numtext import parse_number
from quizapp.gui import question_widgets as qw

YEAR = Numeric(id="year", prompt="In which year were the talks?", answer=1995)


@pytest.mark.parametrize("typed", [
    "1_995", "19_95", "1_9_9_5", "199_5",  # float() reads them all as 1995
    "199⁵", "１⁹⁹⁵", "①⑨⑨⑤",  # superscripts and circled digits NFKC turns into digits
    "nan", "inf", "-inf", "infinity", "NaN",
])
def test_what_a_person_does_not_write_is_not_a_number(typed):
    assert parse_number(typed) is None


@pytest.mark.parametrize("typed", [
    "1995", "1,995", "1 995", "1 995", "1'995", "+1995", "1995.0", "1.995e3",
    "١٩٩٥",  # Arabic-Indic digits, as an Arabic keyboard types them
    "۱۹۹۵",  # Persian digits
    "１９９５",  # full-width digits, as a Japanese input method types them
])
def test_what_a_person_writes_is_the_number(typed):
    assert parse_number(typed) == [1995.0]


def test_a_unit_with_a_superscript_still_reads():
    assert parse_number("60 km²", "km²") == [60.0]


def test_the_quiz_number_box_asks_again_for_1_995(qtbot):
    """The quiz's answer box reads with the grader's reader: '1_995' typed there is not
    graded (right or wrong) but asked again; '1995' is right."""
    widget = qw.widget_for(YEAR)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.keyClicks(widget.edit, "1_995")
    problem = widget.answer_problem()
    assert problem is not None and "cannot be read as a number" in problem
    assert not grade(YEAR, widget.response()).correct
    widget.edit.clear()
    qtbot.keyClicks(widget.edit, "1995")
    assert widget.answer_problem() is None and grade(YEAR, widget.response()).correct


POWER = Numeric(id="power-num", prompt="What is 6 to the power 0?", answer=1)
CARS = Numeric(id="cars", prompt="How many of the cars were sold in 1995?", answer=4)


@pytest.mark.parametrize("typed", ["6⁰", "1⁰", "1 0", "1 6", "1 what", "1 power", "1 is"])
def test_digits_and_small_words_of_the_prompt_are_not_counted_nouns(typed):
    """Only the thing the prompt counts may follow the number: '6⁰' (⁰ is in the prompt as
    '0') and '1 what' are asked again, never graded right or wrong."""
    assert parse_number(typed, None, prompt=POWER.prompt) is None
    assert not grade(POWER, typed).correct


@pytest.mark.parametrize("typed, right", [
    ("4 cars", True), ("four cars", True), ("4 car", True), ("5 cars", False),
])
def test_the_noun_after_how_many_is_still_counted(typed, right):
    assert parse_number(typed, None, prompt=CARS.prompt) is not None
    assert grade(CARS, typed).correct is right


@pytest.mark.parametrize("typed", ["4 sold", "4 1995", "4 of", "4 were"])
def test_other_words_of_a_how_many_prompt_are_not_counted(typed):
    assert parse_number(typed, None, prompt=CARS.prompt) is None


def test_quizapp_try_asks_again_for_the_power_numbers(tmp_path):
    bank = tmp_path / "power.yaml"
    bank.write_text(
        "title: Powers\nquestions:\n"
        "  - {id: power-num, type: numeric, prompt: 'What is 6 to the power 0?', answer: 1}\n",
        encoding="utf-8",
    )
    typed = ["6⁰", "1⁰", "1 0", "1 6", "1 what", "1"]
    proc = subprocess.run(
        [sys.executable, "-m", "quizapp", "try", str(bank), "power-num", *typed,
         "--format", "json"],
        capture_output=True, text=True, timeout=120,
    )
    rows = json.loads(proc.stdout)
    assert [r["verdict"] for r in rows] == ["not graded"] * 5 + ["right"]
    assert proc.returncode == 2


TALKS = Cloze(id="talks", prompt="", text="The talks failed in {{1995}} in {{Geneva}}.")


@pytest.mark.parametrize("typed, right", [
    ("1995", True),
    ("١٩٩٥", True),  # Arabic-Indic digits, as a numeric question reads them
    ("۱۹۹۵", True),
    ("1,995", True),
    ("١٩٩٦", False),
    ("1996", False),
    ("$1995", False),  # a number blank takes a number alone: no currency, no scale word
    ("1995 k", False),
])
def test_a_number_blank_reads_numbers_as_a_numeric_question_does(typed, right):
    assert grade(TALKS, [typed, "Geneva"]).correct is right
    assert grade(YEAR, typed).correct is (right or typed in ("$1995",))


def test_a_word_blank_is_not_read_as_a_number():
    q = Cloze(id="s", prompt="", text="Under {{Section 301}} and {{10}} more.")
    assert not grade(q, ["Section ٣٠١", "10"]).correct
    assert grade(q, ["Section 301", "١٠"]).correct
