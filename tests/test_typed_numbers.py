"""Numbers as a learner types them: what a person writes reads as the number; what only
Python's float() or Unicode's NFKC would read ('1_995', '10³') is asked again."""

from __future__ import annotations

import pytest

from quizapp.core.grading import grade
from quizapp.core.model import Numeric
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
