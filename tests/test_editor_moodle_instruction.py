"""A teacher says in the editor's form that Moodle shows "Select one:" above a question's
choices (moodle_instruction: true). The row was a check box of the kind that writes
`false` when ticked (as shuffle: false), so that ticking it wrote `moodle_instruction:
false` and a question with `true` showed it unticked; it is a drop-down of the two."""

from __future__ import annotations

from editor_helpers import leave_without_saving, open_window, saved_and_loaded, select  # noqa: F401 (autouse fixture)
from PySide6.QtCore import Qt

# Facts from the article the bundled bank is written from (Reuters, 1995).
BANK = """title: Talks
id: talks
questions:
  - id: ustr
    type: multiple_choice
    prompt: Who is the U.S. Trade Representative?
    choices: [Mickey Kantor, Ronald H. Brown]
    answer: Mickey Kantor
  - id: officials
    type: multiple_select
    prompt: Which are U.S. officials?
    choices: [Jeffrey Garten, Ira Shapiro, Ryutaro Hashimoto]
    answers: [Jeffrey Garten, Ira Shapiro]
    moodle_instruction: true
"""


def test_the_form_shows_and_sets_moodles_instruction(qtbot, tmp_path):
    path = tmp_path / "talks.yaml"
    path.write_text(BANK, encoding="utf-8")
    w = open_window(qtbot, path)
    select(w, "officials")
    assert w.form.fields[("moodle_instruction",)].currentText() == "shown"
    select(w, "ustr")
    row = w.form.fields[("moodle_instruction",)]  # (the form of another kind)
    assert row.currentText().startswith("hidden")
    row.setFocus()
    qtbot.keyClick(row, Qt.Key.Key_Down)
    assert row.currentText() == "shown"
    bank = saved_and_loaded(qtbot, w, path)
    assert [q.moodle_instruction for q in bank.questions] == [True, True]
