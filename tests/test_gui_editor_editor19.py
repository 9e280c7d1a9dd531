"""The bank editor as a new teacher used it (editor19): saving a bank that has mistakes."""

from __future__ import annotations

from editor_helpers import leave_without_saving, open_window, type_lines  # noqa: F401 (autouse fixture)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quizapp.authoring.templates import new_bank_text
from quizapp.core.library import load_library
from quizapp.core.loader import load_bank
from quizapp.gui.editor import EditorWindow


def _save(qtbot, window: EditorWindow) -> None:
    with qtbot.waitSignal(window.saved):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def _type_at_the_end_of_the_yaml(qtbot, window: EditorWindow, text: str) -> None:
    """Alt+Y to the YAML tab, a click in its text, Ctrl+End, then Enter and the lines."""
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    edit = window.yaml_edit
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    type_lines(qtbot, edit, text)


def test_saving_a_broken_bank_says_what_is_wrong_and_where_and_goes_there(qtbot, tmp_path):
    """Ctrl+S on a bank with a line indented one space too far said only 'Saved PATH' for
    five seconds; the library then listed the bank '1 error — cannot be studied'."""
    bank = tmp_path / "auto-talks.yaml"
    bank.write_text(new_bank_text(), encoding="utf-8")
    w = open_window(qtbot, bank)
    w.select_question(0)
    # 'explanation' one space further in than 'answer' above it: line 11 of the file (after the blank line 10 that ends the block)
    _type_at_the_end_of_the_yaml(qtbot, w, "     explanation: He is the trade representative.")
    _save(qtbot, w)
    assert [e.problems for e in load_library([tmp_path], use_cache=False) if e.bank is None]
    report = w.save_report
    qtbot.waitUntil(report.isVisible, timeout=20000)
    said = report.label.text()
    assert "learners cannot study" in said
    assert "Line 11, column" in said
    assert "further right than 'answer'" in said  # the loader's words on what to change
    assert report.go_button.isVisible()
    assert "line 11" in report.go_button.text()

    # The bar's button goes to the line: the teacher sees it selected in the YAML tab.
    w.tabs.setCurrentWidget(w.form_area)
    qtbot.mouseClick(report.go_button, Qt.MouseButton.LeftButton)
    assert w.tabs.currentWidget() is w.yaml_tab
    cursor = w.yaml_edit.textCursor()
    assert "explanation: He is" in cursor.selectedText()
    assert w.yaml_edit.hasFocus()

    # Fixed (the extra space taken out): the bar says so, and that the fix needs saving;
    # it said the error of line 11 until the next save.
    qtbot.keyClick(w.yaml_edit, Qt.Key.Key_Home)
    qtbot.keyClick(w.yaml_edit, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "No errors left" in report.label.text(), timeout=20000)
    assert "save" in report.label.text() and not report.go_button.isVisible()
    _save(qtbot, w)
    qtbot.waitUntil(lambda: not report.isVisible(), timeout=20000)
    assert w.statusBar().currentMessage().startswith("Saved")
    assert all(e.bank is not None for e in load_library([tmp_path], use_cache=False))


def test_saving_a_bank_with_only_warnings_says_learners_can_study_it(qtbot, tmp_path):
    """A warning does not stop a bank being studied: the save says so, with no bar."""
    bank = tmp_path / "warned.yaml"
    bank.write_text(new_bank_text(), encoding="utf-8")
    w = open_window(qtbot, bank)
    w.select_question(0)
    _type_at_the_end_of_the_yaml(qtbot, w, "    image: kantor.png")  # not in the folder
    _save(qtbot, w)
    qtbot.waitUntil(lambda: "warning" in w.statusBar().currentMessage(), timeout=20000)
    said = w.statusBar().currentMessage()
    assert "Learners can study it" in said
    assert not w.save_report.isVisible()


OVER_INDENTED = """title: Auto talks
questions:
  - id: kantor-role
    type: multiple_choice
    prompt: Who is Mickey Kantor?
    choices: [U.S. Trade Representative, Secretary of Commerce]
     answer: U.S. Trade Representative
"""


def test_a_bank_whose_yaml_does_not_read_opens_on_its_text_and_goes_to_its_error(qtbot, tmp_path):
    """Reopened, a bank whose YAML does not read showed the Form tab with the bank's fields
    empty and greyed, and 'Go to line 7' (or Enter on the problem) did nothing: the file is
    one text then, in the YAML tab, and the window went to a line only in a split file."""
    bank = tmp_path / "auto-talks.yaml"
    bank.write_text(OVER_INDENTED, encoding="utf-8")
    w = open_window(qtbot, bank)
    assert w.tabs.currentWidget() is w.yaml_tab
    assert w.yaml_edit.toPlainText() == OVER_INDENTED

    _save(qtbot, w)
    qtbot.waitUntil(w.save_report.isVisible, timeout=20000)
    assert "Line 7, column" in w.save_report.label.text()
    w.tabs.setCurrentWidget(w.form_area)
    qtbot.mouseClick(w.save_report.go_button, Qt.MouseButton.LeftButton)
    assert w.tabs.currentWidget() is w.yaml_tab
    assert w.yaml_edit.textCursor().selectedText() == "     answer: U.S. Trade Representative"

    # Enter on the problem in the list goes there too.
    w.yaml_edit.moveCursor(w.yaml_edit.textCursor().MoveOperation.Start)
    w.problem_list.setFocus()
    w.problem_list.setCurrentRow(0)
    qtbot.keyClick(w.problem_list, Qt.Key.Key_Return)
    assert w.yaml_edit.textCursor().selectedText() == "     answer: U.S. Trade Representative"


def test_tab_in_the_yaml_tab_indents_with_spaces(qtbot, tmp_path):
    """Tab in the YAML tab put a tab character in the text, which YAML refuses as an
    indentation; the tab then said only that it 'holds this one question ... To add a
    question, use Question > Add question', which the teacher had not tried to do."""
    bank = tmp_path / "auto-talks.yaml"
    bank.write_text(new_bank_text(), encoding="utf-8")
    w = open_window(qtbot, bank)
    w.select_question(0)
    _type_at_the_end_of_the_yaml(qtbot, w, "")
    for _ in range(2):
        qtbot.keyClick(w.yaml_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(w.yaml_edit, "explanation: Kantor is the U.S. Trade Representative.")
    assert w.yaml_edit.hasFocus()
    _save(qtbot, w)
    assert "\t" not in w.doc.text
    assert not w.yaml_tab.refusal.isVisible()
    loaded = load_bank(bank, use_cache=False)
    assert loaded.problems == []
    assert loaded.bank.questions[0].explanation == "Kantor is the U.S. Trade Representative."


def test_a_pasted_tab_is_named_as_what_stops_the_yaml(qtbot, tmp_path):
    bank = tmp_path / "auto-talks.yaml"
    bank.write_text(new_bank_text(), encoding="utf-8")
    w = open_window(qtbot, bank)
    w.select_question(0)
    QApplication.clipboard().setText("\texplanation: pasted from a word processor")
    _type_at_the_end_of_the_yaml(qtbot, w, "")
    qtbot.keyClick(w.yaml_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    w.apply_yaml()  # as the pause in typing does
    said = w.yaml_tab.refusal.text()
    assert w.yaml_tab.refusal.isVisible()
    assert "tab" in said and "explanation: pasted" in said and "spaces" in said, said
    assert "Add question" not in said


def test_a_question_whose_yaml_does_not_read_keeps_its_id_in_the_list(qtbot, tmp_path):
    """Its row in the question list read ' ·  — ': nothing said which question it was."""
    bank = tmp_path / "auto-talks.yaml"
    bank.write_text(OVER_INDENTED.replace("     answer:", "    answer:"), encoding="utf-8")
    w = open_window(qtbot, bank)
    w.select_question(0)
    _type_at_the_end_of_the_yaml(qtbot, w, "     explanation: one space too far")
    w.apply_yaml()  # as the pause in typing does
    row = w.question_list.item(1).text()
    assert row.startswith("kantor-role · "), row
    assert "does not read" in row


def test_a_question_that_does_not_read_says_what_to_change_in_the_status_line(qtbot, tmp_path):
    """The status line said only the YAML reader's words: "Not shown in the form: its YAML
    does not read on its own: expected <block end>, but found '<block mapping start>', at its
    line 5, column 6"; it now adds what `quizapp validate` says to change."""
    bank = tmp_path / "auto-talks.yaml"
    bank.write_text(OVER_INDENTED.replace("     answer:", "    answer:"), encoding="utf-8")
    w = open_window(qtbot, bank)
    w.select_question(0)
    edit = w.yaml_edit
    qtbot.keyClick(w, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Up)  # to the 'answer' line, and one space in front
    qtbot.keyClick(edit, Qt.Key.Key_Home)
    qtbot.keyClick(edit, Qt.Key.Key_Space)
    w.apply_yaml()  # as the pause in typing does
    said = w.statusBar().currentMessage()
    assert "line 5, column 6" in said, said
    assert "further right than 'choices'" in said, said
