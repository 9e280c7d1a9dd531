"""A teacher gives a blank its choices in the editor's form: the blanks row, one line a
blank, takes `choices` and `shuffle` as it takes a blank's marks."""

from __future__ import annotations

from editor_helpers import leave_without_saving, open_window, select, type_lines  # noqa: F401 (autouse fixture)
from PySide6.QtCore import Qt

from quizapp.core.loader import load_bank

BANK = """title: Talks
id: talks
questions:
  - id: who-met
    type: cloze
    text: "{{Kantor}} will meet Ryutaro Hashimoto on {{Wednesday}}."
"""


def test_a_teacher_types_a_blanks_choices_in_the_form(qtbot, tmp_path):
    bank = tmp_path / "talks.yaml"
    bank.write_text(BANK, encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "who-met")
    row = w.form.fields[("blanks",)]
    row.setFocus()
    type_lines(qtbot, row, "{choices: [Brown, Kantor, Garten], shuffle: false}\n-")
    with qtbot.waitSignal(w.saved):
        qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    loaded = load_bank(bank, use_cache=False)
    assert loaded.problems == []
    [q] = loaded.bank.questions
    assert q.blank_choices == (("Brown", "Kantor", "Garten"), ())
    assert q.pinned_choices == (0,)
    select(w, "who-met")
    assert row.toPlainText() == "{choices: [Brown, Kantor, Garten], shuffle: false}\n-"
