"""The bank editor as a tester drove it (bankqa17): choices written in set or JSON
notation, and the fields of a question's type that the form left out."""

from __future__ import annotations

from editor_helpers import leave_without_saving, open_window, select, type_lines  # noqa: F401 (autouse fixture)
from PySide6.QtCore import Qt

from quizapp.core.loader import load_bank
from quizapp.gui.editor import EditorWindow

SETS = """title: Sets
questions:
  - id: union
    type: multiple_choice
    prompt: What is the union of {1} and {2}?
    choices:
      - a
      - b
    answer: a
"""


def _type_into(qtbot, widget, text: str) -> None:
    """Replace a field's text as a teacher does: Ctrl+A, Delete, then the lines typed."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_lines(qtbot, widget, text)


def _save(qtbot, window: EditorWindow) -> None:
    with qtbot.waitSignal(window.saved):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_choices_typed_in_set_notation_are_the_choices_texts(qtbot, tmp_path, capfd):
    """'{1, 2}' typed as a choice was read as a YAML mapping {1: null, 2: null}: the box was
    rewritten under the cursor, the edit failed with a TypeError (int and str keys), and the
    file saved held `choices: [{text: "{1:{2} nu"}, ...]` or only `- "{1, 2"`."""
    bank = tmp_path / "sets.yaml"
    bank.write_text(SETS, encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "union")
    _type_into(qtbot, w.form.fields[("choices",)], '{1, 2}\n{1}\n{2}\n{"a": 1}')
    _type_into(qtbot, w.form.fields[("answer",)], "{1, 2}")
    _save(qtbot, w)
    loaded = load_bank(bank, use_cache=False)
    assert loaded.problems == []
    question = loaded.bank.questions[0]
    assert [c.text for c in question.choices] == ["{1, 2}", "{1}", "{2}", '{"a": 1}']
    assert question.choices[question.correct].text == "{1, 2}"
    assert "Traceback" not in capfd.readouterr().err
    assert "could not be made" not in w.statusBar().currentMessage()
    w.select_row(0)  # the bank's details, then the question again: shown as typed
    select(w, "union")
    assert w.form.fields[("choices",)].toPlainText() == '{1, 2}\n{1}\n{2}\n{"a": 1}'


def test_a_choice_typed_as_a_mapping_of_its_own_keys_is_still_a_mapping(qtbot, tmp_path):
    bank = tmp_path / "sets.yaml"
    bank.write_text(SETS.replace("multiple_choice", "multiple_select").replace(
        "answer: a", "answers: [a, b]"), encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "union")
    _type_into(qtbot, w.form.fields[("choices",)],
               "{text: a, weight: 0.5}\n{text: b, weight: 0.5}\n{text: c, wieght: -1}")
    _save(qtbot, w)
    problems = load_bank(bank, use_cache=False).problems
    # the misspelt key is named, so the line was read as the mapping the teacher meant
    assert [p.message for p in problems] == [
        "unknown key 'wieght' in a choice (did you mean 'weight'?)"]
    assert "      - text: a\n        weight: 0.5\n" in bank.read_text("utf-8")


def test_every_key_of_every_type_has_a_row_in_the_form():
    """true_false's feedback_if_true and feedback_if_false and numeric's feedback_if_wrong
    had none: a teacher using the form could neither see nor write them."""
    from quizapp.core.kinds import KINDS
    from quizapp.gui.editor.form import specs_for

    missing = {name: sorted(set(kind.yaml_keys) - {spec.path[0] for spec in specs_for(name)})
               for name, kind in KINDS.items()}
    assert {name: keys for name, keys in missing.items() if keys} == {}


FEEDBACK = """title: Feedback
questions:
  - id: tf
    type: true_false
    prompt: Kantor met Hashimoto in Geneva.
    answer: true
  - id: deficit
    type: numeric
    prompt: How large is the deficit, in billions of dollars?
    answer: 60
"""


def test_the_feedback_of_a_true_false_and_a_numeric_question_is_typed_in_the_form(qtbot, tmp_path):
    bank = tmp_path / "feedback.yaml"
    bank.write_text(FEEDBACK, encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "tf")
    _type_into(qtbot, w.form.fields[("feedback_if_false",)], "They met in **Geneva**.")
    select(w, "deficit")
    _type_into(qtbot, w.form.fields[("feedback_if_wrong",)], "Read paragraph 3 again.")
    _save(qtbot, w)
    loaded = load_bank(bank, use_cache=False)
    assert loaded.problems == []
    tf, deficit = loaded.bank.questions
    assert (tf.feedback_if_true, tf.feedback_if_false) == (None, "They met in **Geneva**.")
    assert deficit.feedback_if_wrong == "Read paragraph 3 again."
    select(w, "tf")  # shown again from the file
    assert w.form.fields[("feedback_if_false",)].toPlainText() == "They met in **Geneva**."


def test_other_units_and_a_short_answers_feedback_are_typed_in_the_form(qtbot, tmp_path):
    """Moodle's numerical units (numeric: other_units) and a short answer's feedback for a
    wrong answer came with the Moodle import (moodleqa17); the form had no row for them."""
    bank = tmp_path / "units.yaml"
    bank.write_text(FEEDBACK.replace("answer: 60", "answer: 1.5\n    unit: m")
                    + "  - id: who\n    type: short_answer\n    prompt: Who?\n"
                      "    answers: [Kantor]\n", encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "deficit")
    _type_into(qtbot, w.form.fields[("other_units",)], "cm = 100, mm = 1000")
    select(w, "who")
    _type_into(qtbot, w.form.fields[("feedback_if_wrong",)], "See paragraph 2.")
    _save(qtbot, w)
    loaded = load_bank(bank, use_cache=False)
    assert loaded.problems == []
    _tf, deficit, who = loaded.bank.questions
    assert dict(deficit.other_units) == {"cm": 100, "mm": 1000}
    assert who.feedback_if_wrong == "See paragraph 2."
    select(w, "deficit")  # shown again from the file
    assert w.form.fields[("other_units",)].text() == "cm = 100, mm = 1000"


def test_the_type_changed_by_key_says_an_ordering_question(qtbot, tmp_path):
    bank = tmp_path / "sets.yaml"
    bank.write_text(SETS, encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "union")
    w.form.fields[("type",)].setFocus()
    while w.form.fields[("type",)].currentText() != "ordering":
        qtbot.keyClick(w.form.fields[("type",)], Qt.Key.Key_Down)
    assert w.statusBar().currentMessage().startswith("Removed ")
    assert ": an ordering question does not use them (Ctrl+Z brings back)." in (
        w.statusBar().currentMessage())


def test_the_editor_names_another_bank_with_the_same_id_as_validate_does(
        qtbot, open_library_window, tmp_path, capsys):
    """The library and `quizapp validate` said "another bank has the same id"; Edit on the
    bank said "No problems: the bank is valid"."""
    from helpers import library_rows

    from quizapp.cli import main
    from quizapp.gui.editor.problems_panel import ProblemsPanel

    folder = tmp_path / "banks"
    (folder / "unit-2").mkdir(parents=True)
    (folder / "unit-1.yaml").write_text(FEEDBACK.replace("title: Feedback\n",
                                                         "title: Unit 1\nid: unit\n"), "utf-8")
    (folder / "unit-2" / "unit.yaml").write_text(FEEDBACK, encoding="utf-8")
    assert main(["validate", "--no-cache", str(folder / "unit-1.yaml"),
                 str(folder / "unit-2" / "unit.yaml")]) == 1
    said = capsys.readouterr().out.splitlines()[0]
    win = open_library_window(folder)
    win.library_screen.tree.setCurrentItem(library_rows(win)["unit-1.yaml"])
    qtbot.mouseClick(win.library_screen.edit_button, Qt.MouseButton.LeftButton)
    editor = win.editors[-1]
    panel = editor.findChild(ProblemsPanel)
    qtbot.waitUntil(lambda: not editor.checker.pending, timeout=30000)
    shown = [panel.item(row).text() for row in range(panel.count())]
    assert said == (f"{folder / 'unit-1.yaml'}:2:1: error: another bank has the same id 'unit': "
                    f"{folder / 'unit-2' / 'unit.yaml'}; each bank needs its own id (set 'id:' "
                    "in one of them)")
    assert shown == ["error: line 2, column 1: " + said.split(": error: ", 1)[1]]


def test_alt_and_a_letter_reach_one_place_in_the_editor(qtbot, tmp_path):
    """Alt+F went to the Form tab, not to the File menu (Qt takes turns between the two):
    a teacher at the keyboard had to press it twice to reach Save a copy."""
    bank = tmp_path / "sets.yaml"
    bank.write_text(SETS, encoding="utf-8")
    w = open_window(qtbot, bank)
    menus = [action.text() for action in w.menuBar().actions()]
    tabs = [w.tabs.tabText(i) for i in range(w.tabs.count())]

    def letter(text: str) -> str:
        return text[text.index("&") + 1].lower()

    assert len({letter(t) for t in menus + tabs}) == len(menus + tabs), (menus, tabs)
    w.tabs.setCurrentIndex(2)
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert w.tabs.currentIndex() == 0
