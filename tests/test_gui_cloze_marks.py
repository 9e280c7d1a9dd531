"""Each cloze blank is marked on screen by the grader's own rule."""

from __future__ import annotations

from quizapp.core.grading import grade
from quizapp.core.model import Cloze
from quizapp.gui import question_widgets as qw

NAMES = Cloze(
    id="names",
    prompt="",
    text="{{Mickey Kantor|Kantor}} met {{Ryutaro Hashimoto|Hashimoto}} about "
    "{{voluntary}} purchase agreements.",
)


def test_blanks_right_by_the_precise_grader_are_marked_right(qtbot):
    widget = qw.widget_for(NAMES)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.keyClicks(widget.edits[0], "Kantor Mickey")  # family name first
    qtbot.keyClicks(widget.edits[1], "Mr. Hashimoto")  # an honorific
    qtbot.keyClicks(widget.edits[2], "involuntary")  # a real word, not a typo
    g = grade(NAMES, widget.response())
    assert g.credit == 2 / 3
    widget.show_grade(g)
    assert widget.marks[0].text() == qw.RIGHT_MARK
    assert widget.marks[1].text() == qw.RIGHT_MARK
    assert widget.marks[2].text() == f"{qw.WRONG_MARK} voluntary"
