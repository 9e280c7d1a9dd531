"""An outside teacher's report on the editor (round 14): the Form keeps what it was not
asked to change, a new paragraph stays where it is typed, hostile files are refused.
Driven through the real widgets."""

from __future__ import annotations

import pytest
from editor_helpers import (  # noqa: F401 (leave_without_saving: an autouse fixture)
    leave_without_saving,
    open_window,
    select,
)
from PySide6.QtCore import Qt

from quizapp.core.loader import load_bank
from quizapp.gui.editor import EditorWindow
from quizapp.gui.editor.checker import PAUSE_MS


def save(qtbot, window: EditorWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.undo_stack.isClean)


PARAGRAPH_BANK = """title: Paragraphs
questions:
  - id: f1
    type: flashcard
    front: Front
    back: Back
  - id: q1
    type: short_answer
    prompt: Who?
    answers: [Kantor]
"""


@pytest.mark.parametrize(("question_id", "field_path"), [
    ("q1", ("explanation",)), ("q1", ("prompt",)), ("f1", ("front",)),
])
def test_a_new_paragraph_typed_at_the_end_of_a_text_field_stays_there(
        qtbot, tmp_path, question_id, field_path):
    bank = tmp_path / "paragraphs.yaml"
    bank.write_text(PARAGRAPH_BANK, encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, question_id)
    box = w.form.fields[field_path]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "The last paragraph says so.")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.wait(PAUSE_MS + 200)  # the checker's pause runs, as when the teacher stops to think
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.wait(PAUSE_MS + 200)
    qtbot.keyClicks(box, "See also paragraph 2.")
    assert box.toPlainText() == "The last paragraph says so.\n\nSee also paragraph 2."
    save(qtbot, w)
    result = load_bank(bank, use_cache=False)
    assert result.bank is not None
    question = next(q for q in result.bank.questions if q.id == question_id)
    written = question.front if field_path == ("front",) else getattr(question, field_path[0])
    assert written == "The last paragraph says so.\n\nSee also paragraph 2."


def test_texts_ending_in_empty_lines_read_back_as_written_edit_after_edit():
    from quizapp.authoring.yaml_edit import fields, set_field

    text = "id: q1\nexplanation: Short\ntags: [a]\n"
    for value in ["One.\n", "One.\n\n", "One.\n\n\n", "One.\n\nTwo.", "One.\n\n", "Done"]:
        text = set_field(text, ("explanation",), value)
        assert fields(text) == {"id": "q1", "explanation": value, "tags": ["a"]}, text
    text = set_field(text, ("explanation",), "Kept\n\n")
    assert fields(set_field(text, ("explanation",), None)) == {"id": "q1", "tags": ["a"]}
