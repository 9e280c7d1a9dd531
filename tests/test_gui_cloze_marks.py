"""Each cloze blank is marked on screen by the grader's own rule."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

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


PUNCTUATED = Cloze(
    id="parts",
    prompt="",
    text="The talks covered {{auto parts}}, then {{cars}}. Kantor {{met}} Hashimoto",
)


def test_a_blanks_mark_comes_after_its_closing_punctuation(qtbot):
    """A tester saw "auto parts ✔ ,": the tick between the blank and its comma."""
    widget = qw.widget_for(PUNCTUATED)
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    for edit, text in zip(widget.edits, ("auto parts", "cars", "met"), strict=True):
        qtbot.keyClicks(edit, text)
    widget.show_grade(grade(PUNCTUATED, widget.response()))
    holder = widget.edits[0].parentWidget()
    labels = [w for w in holder.findChildren(QLabel) if w.isVisible() and w.text()]

    def x_of(text: str) -> int:
        (label,) = [w for w in labels if w.text() == text]
        return label.mapTo(holder, label.rect().topLeft()).x()

    marks = widget.marks
    assert all(m.isVisible() and m.text() == qw.RIGHT_MARK for m in marks)
    # The line reads: blank, comma, tick; blank, full stop, tick; blank, tick, Hashimoto.
    x = [m.mapTo(holder, m.rect().topLeft()).x() for m in marks]
    assert widget.edits[0].geometry().right() < x_of(",") < x[0] < x_of("then")
    assert widget.edits[1].geometry().right() < x_of(".") < x[1] < x_of("Kantor")
    assert widget.edits[2].geometry().right() < x[2] < x_of("Hashimoto")
