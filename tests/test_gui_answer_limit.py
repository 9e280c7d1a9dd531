"""A typed answer over the limit is stopped at the field, and the limit is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quizapp.core.grading import MAX_TEXT
from quizapp.core.model import Cloze, ShortAnswer
from quizapp.core.text_limits import MAX_ANSWER_CHARS, MAX_BLANK_CHARS
from quizapp.gui import question_widgets as qw


def paste(qtbot, edit, text: str) -> None:
    QApplication.clipboard().setText(text)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_the_limits_are_within_what_grading_accepts():
    assert MAX_BLANK_CHARS <= MAX_ANSWER_CHARS <= MAX_TEXT


def test_a_long_typed_answer_stops_at_the_field_and_says_so(qtbot):
    widget = qw.widget_for(ShortAnswer(id="s", prompt="Who?", answers=("Kantor",)))
    qtbot.addWidget(widget)
    widget.show()
    note = widget.length_note
    qtbot.keyClicks(widget.edit, "Kantor")
    assert not note.isVisible()
    paste(qtbot, widget.edit, "x" * (MAX_ANSWER_CHARS + 100))
    assert len(widget.edit.text()) == MAX_ANSWER_CHARS  # stopped at the field…
    assert note.isVisible()  # …and not in silence
    assert f"at most {MAX_ANSWER_CHARS:,} characters" in note.text()
    assert f"{MAX_ANSWER_CHARS:,}" in widget.edit.toolTip()
    qtbot.keyClick(widget.edit, Qt.Key.Key_Backspace)
    assert not note.isVisible()
    qtbot.keyClicks(widget.edit, "yz")
    assert widget.edit.text().endswith("y") and note.isVisible()


def test_a_cloze_blank_has_its_limit_shown_too(qtbot):
    widget = qw.widget_for(Cloze(id="c", prompt="", text="Kantor met {{Hashimoto}} in {{Geneva}}."))
    qtbot.addWidget(widget)
    widget.show()
    note = widget.length_note
    assert not note.isVisible()
    paste(qtbot, widget.edits[1], "y" * (MAX_BLANK_CHARS * 2))
    assert len(widget.edits[1].text()) == MAX_BLANK_CHARS
    assert note.isVisible() and f"at most {MAX_BLANK_CHARS:,}" in note.text()
    widget.edits[1].clear()
    assert not note.isVisible()
