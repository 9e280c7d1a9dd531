"""The bank editor as a tester drove it (bankqa16): the keyboard focus after a new type, a
copy of a bank saved beside its original, its draft, and a reload taken back."""

from __future__ import annotations

from editor_helpers import leave_without_saving, select  # noqa: F401 (autouse fixture)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from quizapp.authoring.drafts import list_drafts
from quizapp.cli import main
from quizapp.gui.editor import EditorWindow

BANK = """title: Class quiz
questions:
  - id: q1
    type: true_false
    prompt: Is it?
    answer: yes
"""


def _editor(qtbot, path, **kwargs) -> EditorWindow:
    window = EditorWindow.open_file(path, my_banks_dir=path.parent.parent / "mine", **kwargs)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _type_at_end_of_prompt(qtbot, window: EditorWindow, text: str) -> None:
    prompt = window.form.fields[("prompt",)]
    prompt.setFocus()
    prompt.moveCursor(prompt.textCursor().MoveOperation.End)
    qtbot.keyClicks(prompt, text)


def _class_bank(tmp_path, text=BANK):
    folder = tmp_path / "class"
    folder.mkdir()
    bank = folder / "quiz.yaml"
    bank.write_text(text, encoding="utf-8")
    return bank


def test_a_copy_of_a_bank_saved_in_my_banks_gets_its_own_id_and_both_can_be_studied(
        qtbot, tmp_path, capsys):
    bank = _class_bank(tmp_path)
    w = _editor(qtbot, bank)
    select(w, "q1")
    _type_at_end_of_prompt(qtbot, w, " Really?")
    with qtbot.waitSignal(w.saved) as saved:
        w.copy_action.trigger()
    copy = tmp_path / "mine" / "quiz.yaml"
    assert saved.args == [str(copy)]
    assert copy.read_text("utf-8") == BANK.replace(
        "title: Class quiz\n", "title: Class quiz\nid: quiz-copy\n").replace("Is it?", "Is it? Really?")
    assert bank.read_text("utf-8") == BANK
    assert w.statusBar().currentMessage() == (
        f"Saved a copy as {copy}, with its own bank id 'quiz-copy' (the original keeps its id "
        "and its learners' progress); you are editing the copy.")
    assert main(["validate", "--no-cache", str(bank.parent), str(copy.parent)]) == 0
    assert capsys.readouterr().out == "checked 2 banks: all valid\n"
    # A copy of the copy is a third bank, with an id of its own again.
    with qtbot.waitSignal(w.saved) as saved:
        w.copy_action.trigger()
    assert saved.args == [str(tmp_path / "mine" / "quiz-2.yaml")]
    assert "id: quiz-copy-copy-2\n" in (tmp_path / "mine" / "quiz-2.yaml").read_text("utf-8")
    assert main(["validate", "--no-cache", str(bank.parent), str(copy.parent)]) == 0


def test_a_copy_of_a_bank_with_an_id_line_changes_that_line(qtbot, tmp_path, capsys):
    text = BANK.replace("title: Class quiz\n", "title: Class quiz\nid: class-quiz  # keep\n")
    bank = _class_bank(tmp_path, text)
    w = _editor(qtbot, bank)
    with qtbot.waitSignal(w.saved):
        w.copy_action.trigger()
    copy = tmp_path / "mine" / "quiz.yaml"
    assert copy.read_text("utf-8") == text.replace("id: class-quiz ", "id: class-quiz-copy ")
    assert main(["validate", "--no-cache", str(bank.parent), str(copy.parent)]) == 0


def test_the_draft_of_the_original_goes_once_its_copy_is_saved(qtbot, tmp_path):
    bank = _class_bank(tmp_path)
    drafts = tmp_path / "drafts"
    w = _editor(qtbot, bank, drafts_dir=drafts)
    select(w, "q1")
    _type_at_end_of_prompt(qtbot, w, " Really?")
    qtbot.waitUntil(lambda: [d.bank_path for d in list_drafts(drafts)] == [str(bank)],
                    timeout=10000)
    with qtbot.waitSignal(w.saved):
        w.copy_action.trigger()
    assert list_drafts(drafts) == []
    w.close()
    assert list_drafts(drafts) == []  # nothing offered as unsaved at the next start


def test_the_type_box_keeps_the_focus_when_the_arrow_keys_change_the_type(qtbot, tmp_path):
    bank = _class_bank(tmp_path)
    w = _editor(qtbot, bank)
    select(w, "q1")
    w.form.fields[("type",)].setFocus()
    for expected in ("short_answer", "numeric"):  # true_false -> short_answer -> numeric
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
        qtbot.waitUntil(lambda kind=expected: w.form.kind == kind)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is w.form.fields[("type",)])
    assert "type: numeric" in w.doc.text


OUTSIDE_QUESTION = "  - id: outside\n    type: true_false\n    prompt: Added outside\n    answer: yes\n"


def test_a_reload_taken_back_then_saved_asks_before_writing_over_the_other_programs_change(
        qtbot, tmp_path):
    bank = _class_bank(tmp_path)
    w = _editor(qtbot, bank)
    select(w, "q1")
    _type_at_end_of_prompt(qtbot, w, " Then")
    with bank.open("a", encoding="utf-8") as f:  # another program adds a question
        f.write(OUTSIDE_QUESTION)
    qtbot.waitUntil(w.disk_bar.isVisible, timeout=10000)
    qtbot.mouseClick(w.reload_button, Qt.MouseButton.LeftButton)
    assert w.doc.text == BANK + OUTSIDE_QUESTION
    w.undo_action.trigger()  # Ctrl+Z: the teacher's version, without the outside question
    assert "Is it? Then" in w.doc.text and "outside" not in w.doc.text
    seen: list[str] = []
    _answer_the_question(qtbot, "Cancel", seen)
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert "changed on disk by another program" in seen[0]
    assert bank.read_text("utf-8") == BANK + OUTSIDE_QUESTION
    # Redone, the reload is what the editor read again: nothing to ask, nothing to save.
    w.redo_action.trigger()
    assert w.doc.text == BANK + OUTSIDE_QUESTION and w.undo_stack.isClean()
    assert w.disk_guard.may_write(str(bank))


def _bomb(levels: int) -> str:
    """A question whose `source` repeats a list of ten 10**levels times by aliases."""
    lists = ", ".join(
        f"&l{n} [" + ",".join([f"*l{n - 1}"] * 10) + "]" for n in range(1, levels + 1))
    return ("  - id: q1\n    type: true_false\n    prompt: Is it?\n    answer: yes\n"
            f"    tags: &l0 [x, x, x, x, x, x, x, x, x, x]\n    source: [{lists}]\n")


def _paste_over_the_yaml_tab(qtbot, w: EditorWindow, text: str) -> None:
    select(w, "q1")
    w.tabs.setCurrentWidget(w.yaml_tab)
    w.yaml_edit.setFocus()
    qtbot.keyClick(w.yaml_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.clipboard().setText(text)
    qtbot.keyClick(w.yaml_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    w.apply_yaml()  # as after the pause in typing


def test_an_alias_bomb_pasted_in_the_yaml_tab_is_refused_not_expanded(qtbot, tmp_path):
    """An 'alias bomb' pasted over a question in the YAML tab was expanded into plain lists
    for its row in the list (10**7 lists: gigabytes, the editor frozen). It is read as the
    check reads it: too much repeated, the form not offered, the problem listed."""
    bank = _class_bank(tmp_path)
    w = _editor(qtbot, bank)
    _paste_over_the_yaml_tab(qtbot, w, _bomb(6))
    assert "&l6 [" in w.doc.text
    # the row has nothing it can read but the id as written
    assert w.question_list.item(1).text() == "q1 · its YAML does not read: see the problems below"
    w.tabs.setCurrentIndex(0)
    assert not w.form.isEnabled()
    qtbot.waitUntil(lambda: w.problem_list.count() > 0 and "alias bomb" in w.problem_list.item(0).text(), timeout=10000)
    w.undo_action.trigger()  # and the question comes back
    assert w.doc.text == BANK and w.form.isEnabled()


def test_lists_nested_thousands_deep_in_the_yaml_tab_are_refused_without_a_traceback(
        qtbot, tmp_path):
    """ruamel reads nesting by recursion: 3,000 '[' in the YAML tab raised RecursionError in
    the event loop, each after seconds of scanning, again at each reading."""
    bank = _class_bank(tmp_path)
    w = _editor(qtbot, bank)
    deep = "[" * 3000 + "]" * 3000
    _paste_over_the_yaml_tab(qtbot, w, BANK.split("questions:\n")[1].replace("Is it?", deep))
    assert deep in w.doc.text
    w.tabs.setCurrentIndex(0)
    assert not w.form.isEnabled()
    qtbot.waitUntil(lambda: w.problem_list.count() > 0 and "nested too deeply" in w.problem_list.item(0).text(), timeout=10000)


def test_a_paste_with_a_line_too_long_to_lay_out_is_refused_in_a_field_and_the_yaml_tab(
        qtbot, tmp_path):
    """A text box lays out one long line in time growing with its square: 2,000,000
    characters pasted in the prompt froze the editor for minutes."""
    bank = _class_bank(tmp_path)
    w = _editor(qtbot, bank)
    select(w, "q1")
    prompt = w.form.fields[("prompt",)]
    prompt.setFocus()
    QApplication.clipboard().setText("T" * 200_000)
    qtbot.keyClick(prompt, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    refused = ("Not pasted: a line of it is 200,000 characters long, more than the editor "
               "shows (20,000); break it into shorter lines first.")
    assert w.statusBar().currentMessage() == refused
    assert prompt.toPlainText() == "Is it?" and w.doc.text == BANK
    w.tabs.setCurrentWidget(w.yaml_tab)
    w.yaml_edit.setFocus()
    qtbot.keyClick(w.yaml_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert w.statusBar().currentMessage() == refused
    w.apply_yaml()
    assert w.doc.text == BANK
    # Lines of prose as long, broken into lines, are pasted as usual.
    QApplication.clipboard().setText("A line of words.\n" * 2_000)
    w.tabs.setCurrentIndex(0)
    prompt = w.form.fields[("prompt",)]
    prompt.setFocus()
    qtbot.keyClick(prompt, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.doc.text.count("A line of words.") == 2_000)


def test_file_new_bank_named_without_yaml_asks_before_replacing_that_bank(
        qtbot, open_library_window, tmp_path, monkeypatch):
    """Typed 'quiz' in File > New bank, the dialog asks about 'quiz', the app writes
    'quiz.yaml': a teacher's quiz.yaml was replaced by the new bank's template."""
    folder = tmp_path / "banks"
    folder.mkdir()
    mine = folder / "quiz.yaml"
    mine.write_text(BANK, encoding="utf-8")
    win = open_library_window(folder)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder / "quiz"), ""))
    seen: list[str] = []
    _answer_the_question(qtbot, "No", seen)
    win.new_bank_action.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert "quiz.yaml already exists" in seen[0]
    assert mine.read_text("utf-8") == BANK and not win.editors
    _answer_the_question(qtbot, "Yes", seen)  # replaced when the teacher says so
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        win.new_bank_action.trigger()
    assert mine.read_text("utf-8") != BANK and win.editors[-1].doc.path == str(mine)


def _answer_the_question(qtbot, button_text: str, seen: list[str]) -> None:
    """When the next message box shows, note its text and click its button `button_text`."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


MERGED = """title: Merge
questions:
  - &base
    id: q1
    type: true_false
    prompt: First
    answer: yes
  - <<: *base
    id: q2
    prompt: Second
"""


def test_a_question_that_does_not_read_alone_says_why_the_form_is_empty(qtbot, tmp_path):
    """A valid bank whose second question takes the first one's fields (<<: *base): its form
    was empty and greyed, with no problem listed and nothing said."""
    bank = _class_bank(tmp_path, MERGED)
    w = _editor(qtbot, bank)
    w.question_list.setFocus()
    w.question_list.setCurrentRow(1)
    qtbot.keyClick(w.question_list, Qt.Key.Key_Down)
    assert w.question_list.currentRow() == 2 and not w.form.isEnabled()
    assert w.statusBar().currentMessage() == (
        "Not shown in the form: its YAML does not read on its own: found undefined alias "
        "'base', at its line 1, column 9; edit it in the YAML tab.")
    assert w.yaml_edit.toPlainText() == "  - <<: *base\n    id: q2\n    prompt: Second\n"


def test_a_bank_with_a_number_too_long_for_python_opens_in_the_editor(qtbot, tmp_path):
    """A numeric answer of 5,000 digits (validate: too large) raised ValueError while the
    editor read it (Python converts at most 4,300 digits): the bank could not be opened to
    fix it."""
    digits = "9" * 5_000
    bank = _class_bank(tmp_path, "title: Big\nquestions:\n  - id: q1\n    type: numeric\n"
                                 f"    prompt: How many?\n    answer: {digits}\n")
    w = _editor(qtbot, bank)
    assert w.question_list.item(1).text() == "q1 · numeric — How many?"
    assert w.form.isEnabled() and w.form.fields[("answer",)].text() == digits
    qtbot.waitUntil(lambda: w.problem_list.count() > 0
                    and "it is too large" in w.problem_list.item(0).text(), timeout=10000)


def test_a_question_list_row_shows_at_most_200_characters_of_each_part(qtbot, tmp_path):
    """An id of a million characters (validate: too long) was laid out whole in its row:
    seconds before the editor opened."""
    long_id = "i" * 1_000_000
    bank = _class_bank(tmp_path, BANK.replace("id: q1", f"id: {long_id}"))
    w = _editor(qtbot, bank)
    assert w.question_list.item(1).text() == "i" * 199 + "… · true_false — Is it?"


def test_a_number_of_5000_digits_pasted_in_a_number_field_is_written_as_typed(qtbot, tmp_path):
    """The change could not be made ('Exceeds the limit (4300 digits) for integer string
    conversion'), and read as a float the number was infinity, written `.inf`."""
    bank = _class_bank(tmp_path, "title: Big\nquestions:\n  - id: q1\n    type: numeric\n"
                                 "    prompt: How many?\n    answer: 1\n")
    w = _editor(qtbot, bank)
    answer = w.form.fields[("answer",)]
    answer.setFocus()
    answer.selectAll()
    QApplication.clipboard().setText("9" * 5_000)
    qtbot.keyClick(answer, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    # Quoted: plain, YAML reads it as a whole number, which Python refuses past 4,300 digits.
    qtbot.waitUntil(lambda: 'answer: "' + "9" * 5_000 + '"\n' in w.doc.text)
    assert ".inf" not in w.doc.text and w.statusBar().currentMessage() == ""
