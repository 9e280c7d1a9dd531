"""An outside teacher's report on the editor (round 14): the Form keeps what it was not
asked to change, a new paragraph stays where it is typed, hostile files are refused.
Driven through the real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import (  # noqa: F401 (leave_without_saving: an autouse fixture)
    CHECK_MS,
    checked,
    leave_without_saving,
    open_window,
    select,
)
from PySide6.QtCore import Qt

from quizapp.core.loader import load_bank, load_bank_text
from quizapp.gui.editor import EditorWindow


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
    w, bank = editing(qtbot, tmp_path / "paragraphs.yaml", PARAGRAPH_BANK, question_id)
    box = w.form.fields[field_path]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "The last paragraph says so.")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    checked(qtbot, w)  # the check comes back, as when the teacher stops to think
    qtbot.keyClick(box, Qt.Key.Key_Return)
    checked(qtbot, w)
    qtbot.keyClicks(box, "See also paragraph 2.")
    assert box.toPlainText() == "The last paragraph says so.\n\nSee also paragraph 2."
    save(qtbot, w)
    result = load_bank(bank, use_cache=False)
    assert result.bank is not None
    question = next(q for q in result.bank.questions if q.id == question_id)
    written = question.front if field_path == ("front",) else getattr(question, field_path[0])
    assert written == "The last paragraph says so.\n\nSee also paragraph 2."



def editing(qtbot, path: Path, text: str, question_id: str) -> tuple[EditorWindow, Path]:
    """The editor on a bank of `text` written at `path`, showing `question_id`'s form."""
    path.write_text(text, encoding="utf-8")
    window = open_window(qtbot, path)
    select(window, question_id)
    return window, path

def test_texts_ending_in_empty_lines_read_back_as_written_edit_after_edit():
    from quizapp.authoring.yaml_edit import fields, set_field

    text = "id: q1\nexplanation: Short\ntags: [a]\n"
    for value in ["One.\n", "One.\n\n", "One.\n\n\n", "One.\n\nTwo.", "One.\n\n", "Done"]:
        text = set_field(text, ("explanation",), value)
        assert fields(text) == {"id": "q1", "explanation": value, "tags": ["a"]}, text
    text = set_field(text, ("explanation",), "Kept\n\n")
    assert fields(set_field(text, ("explanation",), None)) == {"id": "q1", "tags": ["a"]}


@pytest.mark.parametrize("value", ["  indented\nnext", "  a\n\n", "\n\n   deep\n x", "\nlate start\n",
                                   " \nx", "   \n\nx\n", "\t\nx"])
def test_a_text_starting_with_spaces_or_empty_lines_is_written_so_the_loader_reads_it_back(value):
    from quizapp.authoring.yaml_edit import fields, set_field

    block = set_field("  - id: q1\n    type: flashcard\n    front: F\n    back: B\n", ("back",), value)
    assert fields(block)["back"] == value
    result = load_bank_text("title: T\nquestions:\n" + block)
    assert result.bank is not None, result.problems
    assert result.bank.questions[0].back == value


SLASHES_BANK = """title: Slashes
questions:
  - id: s1
    type: multiple_choice
    prompt: Which pair?
    choices:
      - Kantor // Brown
      - Garten => Shapiro  # a comment
      - "Hashimoto Ryutaro"
    answer: "Kantor // Brown"
  - id: s2
    type: matching
    prompt: Match
    pairs:
      - {left: a => b, right: c}
      - {left: d, right: e => fg}
      - {left: h, right: i}
  - id: m2
    type: multiple_select
    prompt: Who took part?
    choices:
      - {text: Kantor, weight: 0.5}
      - {text: Brown, weight: 0.5, feedback: Commerce}
      - {text: Nobody, weight: -1}
    answers: [Kantor, Brown]
"""


def type_at_end_of_line(qtbot, box, line_number: int, typed: str) -> None:
    """Click into the box, go to the end of the line and type, as a teacher does."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(line_number):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_End)
    qtbot.keyClicks(box, typed)


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new), after
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_editing_one_choice_leaves_a_choice_holding_slashes_and_the_others_as_written(qtbot, tmp_path):
    w, bank = editing(qtbot, tmp_path / "slashes.yaml", SLASHES_BANK, "s1")
    box = w.form.fields[("choices",)]
    assert box.toPlainText().splitlines()[0] == "{text: Kantor // Brown}"
    type_at_end_of_line(qtbot, box, 2, "x")
    save(qtbot, w)
    after = bank.read_text(encoding="utf-8")
    assert changed_lines(SLASHES_BANK, after) == [
        ('      - "Hashimoto Ryutaro"', '      - "Hashimoto Ryutarox"')]
    result = load_bank(bank, use_cache=False)
    assert result.bank is not None
    assert [c.text for c in result.bank.questions[0].choices][0] == "Kantor // Brown"


def test_editing_one_pair_keeps_the_arrows_written_in_the_others(qtbot, tmp_path):
    w, bank = editing(qtbot, tmp_path / "slashes.yaml", SLASHES_BANK, "s2")
    box = w.form.fields[("pairs",)]
    assert box.toPlainText().splitlines()[:2] == ["{left: a => b, right: c}", "{left: d, right: e => fg}"]
    type_at_end_of_line(qtbot, box, 2, "j")
    save(qtbot, w)
    assert changed_lines(SLASHES_BANK, bank.read_text(encoding="utf-8")) == [
        ("      - {left: h, right: i}", "      - {left: h, right: ij}")]
    result = load_bank(bank, use_cache=False)
    assert result.bank is not None
    assert result.bank.questions[1].pairs == (("a => b", "c"), ("d", "e => fg"), ("h", "ij"))


def test_choice_weights_are_shown_kept_and_editable(qtbot, tmp_path):
    w, bank = editing(qtbot, tmp_path / "slashes.yaml", SLASHES_BANK, "m2")
    box = w.form.fields[("choices",)]
    assert box.toPlainText().splitlines() == [
        "{text: Kantor, weight: 0.5}", "{text: Brown, weight: 0.5, feedback: Commerce}",
        "{text: Nobody, weight: -1}"]
    # The teacher edits the third choice's text: its weight and the others' stay.
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    for _ in range(len("Nobody, weight: -1}")):
        qtbot.keyClick(box, Qt.Key.Key_Left)
    qtbot.keyClicks(box, "Mr ")
    save(qtbot, w)
    assert changed_lines(SLASHES_BANK, bank.read_text(encoding="utf-8")) == [
        ("      - {text: Nobody, weight: -1}", "      - {text: Mr Nobody, weight: -1}")]
    question = load_bank(bank, use_cache=False).bank.questions[2]
    assert [c.weight for c in question.choices] == [0.5, 0.5, -1]
    assert question.choices[2].text == "Mr Nobody"


@pytest.mark.parametrize(("new", "kept"), [
    (["a", {"text": "B", "feedback": "fb"}, "c"], ["  - a   # first", "  # about c", "  - 'c'"]),
    (["a", {"text": "b", "feedback": "fb"}, "c", "d"], ["  - a   # first", "    feedback: fb", "  - 'c'"]),
    (["z", "a", {"text": "b", "feedback": "fb"}, "c"], ["  - a   # first", "    feedback: fb", "  - 'c'"]),
    (["a", "c"], ["  - a   # first", "  - 'c'"]),
    ([{"text": "a", "weight": 0.5}, {"text": "b", "feedback": "fb"}, "c"], ["    feedback: fb", "  - 'c'"]),
])
def test_a_list_set_entry_by_entry_keeps_the_untouched_entries_bytes(new, kept):
    from quizapp.authoring.yaml_edit import fields, set_field

    text = ("id: q\nchoices:\n  - a   # first\n\n  - text: b\n    feedback: fb\n"
            "  # about c\n  - 'c'\nanswer: a\n")
    edited = set_field(text, ("choices",), new)
    assert fields(edited)["choices"] == new and fields(edited)["answer"] == "a"
    for line in kept:
        assert line in edited.splitlines(), edited


FORGOTTEN_CLOSE = """title: Cloze
questions:
  - id: c1
    type: cloze
    text: must {{renew}} {{voluntary purchase agreements to boost purchases of {{U.S.-made|US-made}} parts.
"""


def test_a_blank_left_open_is_an_error_where_it_opens_in_validate_and_the_editor(qtbot, tmp_path):
    from quizapp.cli import main as cli_main

    bank = tmp_path / "cloze.yaml"
    bank.write_text(FORGOTTEN_CLOSE, encoding="utf-8")
    result = load_bank(bank, use_cache=False)
    assert result.bank is None
    (problem,) = [p for p in result.problems if p.severity == "error"]
    column = FORGOTTEN_CLOSE.splitlines()[4].index("{{voluntary") + 1
    assert (problem.line, problem.column) == (5, column)
    assert "never closed" in problem.message and "{{voluntary" in problem.message
    assert cli_main(["validate", str(bank)]) != 0
    w = open_window(qtbot, bank)
    qtbot.waitUntil(lambda: any("never closed" in p.message for p in w.problems), timeout=CHECK_MS)


def _bank_with_an_unclosed_quote(quote: str) -> str:
    lines = ["title: Quotes", "questions:"]
    for n in range(1, 16):
        lines += [f"  - id: q{n}", "    type: short_answer", f'    prompt: "Who is number {n}?"',
                  f"    answers: [Kantor{n}]"]
    lines[12] = f"    prompt: {quote}U.S. Trade Representative"  # line 13, the quote never closed
    lines.insert(20, "    explanation: it's the one's answer: yes")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opened_in_validate_and_the_editor(
        qtbot, tmp_path, quote, capsys):
    from quizapp.cli import main as cli_main

    bank = tmp_path / "quotes.yaml"
    bank.write_text(_bank_with_an_unclosed_quote(quote), encoding="utf-8")
    assert cli_main(["validate", str(bank)]) != 0
    out = capsys.readouterr().out
    assert "quotes.yaml:13:13: error: the quote opened at line 13, column 13 is never closed" in out
    assert "scanning an alias" not in out and "expected key" not in out
    w = open_window(qtbot, bank)
    qtbot.waitUntil(lambda: bool(w.problems), timeout=CHECK_MS)
    assert (w.problems[0].line, w.problems[0].column) == (13, 13)
    assert "quote opened at line 13, column 13 is never closed" in w.problem_list.item(0).text()


def test_a_long_problem_wraps_in_the_panel_instead_of_being_cut(qtbot, tmp_path):
    from quizapp.core.model import Problem

    bank = tmp_path / "paragraphs.yaml"
    bank.write_text(PARAGRAPH_BANK, encoding="utf-8")
    w = open_window(qtbot, bank)
    panel = w.problem_list
    qtbot.waitUntil(lambda: panel.count() == 1 and "No problems" in panel.item(0).text(), timeout=CHECK_MS)
    message = "the quote 'x' cannot be found: " + "word " * 80 + "THE END"
    panel.show_problems([Problem(str(bank), 3, 5, message)])
    qtbot.waitUntil(lambda: panel.visualItemRect(panel.item(0)).height()
                    > 3 * panel.fontMetrics().height())
    rect = panel.visualItemRect(panel.item(0))
    assert rect.right() <= panel.viewport().width()
    assert not panel.horizontalScrollBar().isVisible()


def test_the_cloze_spelling_note_lists_only_the_blanks_forgiven_a_typo(qtbot, tmp_path, capsys):
    from quizapp.cli import main as cli_main
    from quizapp.core.grading import grade
    from quizapp.gui import question_widgets as qw

    bank = tmp_path / "cloze.yaml"
    bank.write_text("title: Cloze\nquestions:\n  - id: c1\n    type: cloze\n    text: Japan's auto "
                    "makers must {{renew}} {{voluntary}} plans to buy {{U.S.-made}} parts.\n",
                    encoding="utf-8")
    question = load_bank(bank, use_cache=False).bank.questions[0]
    widget = qw.widget_for(question)
    qtbot.addWidget(widget)
    widget.show()
    for edit, typed in zip(widget.edits, ["renw", "voluntary", "Japanese"], strict=True):
        qtbot.keyClicks(edit, typed)
    g = grade(question, widget.response())
    assert g.credit == pytest.approx(2 / 3)
    assert g.note == "Accepted, but check the spelling: renew"
    widget.show_grade(g)
    assert [m.text() for m in widget.marks] == [qw.RIGHT_MARK, qw.RIGHT_MARK, f"{qw.WRONG_MARK} U.S.-made"]
    assert cli_main(["try", str(bank), "c1", "renw | voluntary | Japanese"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("Accepted, but check the spelling: renew")


TYPES_BANK = """title: Types
questions:
  - id: q1
    type: multiple_choice
    prompt: How many?
    choices: [one, two, three]
    answer: two
    explanation: Two.
"""


def test_a_new_type_drops_the_fields_it_does_not_use_in_one_undoable_step(qtbot, tmp_path):
    w, bank = editing(qtbot, tmp_path / "types.yaml", TYPES_BANK, "q1")
    type_box = w.form.fields[("type",)]
    type_box.setFocus()
    for _ in range(4):  # multiple_choice -> multiple_select -> ... -> numeric
        qtbot.keyClick(type_box, Qt.Key.Key_Down)
        type_box = w.form.fields[("type",)]
    assert w.form.kind == "numeric"
    assert "choices" not in w.doc.text and "answer: two" in w.doc.text
    assert "Removed choices" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: bool(w.problems) and "No problems" not in w.problem_list.item(0).text(), timeout=CHECK_MS)
    assert not any("is not used by" in p.message for p in w.problems)
    w.undo_action.trigger()
    assert w.doc.text == TYPES_BANK


def test_a_multiple_choice_question_made_a_flashcard_keeps_its_prompt_as_the_front(qtbot, tmp_path):
    w, bank = editing(qtbot, tmp_path / "types.yaml", TYPES_BANK, "q1")
    type_box = w.form.fields[("type",)]
    type_box.setFocus()
    qtbot.keyClick(type_box, Qt.Key.Key_End)
    assert w.form.kind == "flashcard"
    assert w.form.fields[("front",)].toPlainText() == "How many?"
    assert "choices" not in w.doc.text and "answer" not in w.doc.text


def test_a_problem_with_no_field_in_the_form_selects_its_line_in_the_yaml_tab(qtbot, tmp_path):
    bank = tmp_path / "types.yaml"
    bank.write_text(TYPES_BANK.replace("multiple_choice", "numeric").replace("answer: two", "answer: 2"),
                    encoding="utf-8")
    w = open_window(qtbot, bank)
    panel = w.problem_list
    qtbot.waitUntil(lambda: panel.count() > 0 and "is not used by" in panel.item(0).text(), timeout=CHECK_MS)
    panel.setFocus()
    panel.setCurrentRow(0)
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert w.tabs.currentWidget() is w.yaml_tab
    assert w.yaml_tab.edit.textCursor().selectedText() == "    choices: [one, two, three]"
    # A problem on a field the form shows puts the cursor in that field instead.
    bank.write_text(TYPES_BANK.replace("answer: two", "answer: four"), encoding="utf-8")
    w2 = open_window(qtbot, bank)
    qtbot.waitUntil(lambda: w2.problem_list.count() > 0 and "four" in w2.problem_list.item(0).text(), timeout=CHECK_MS)
    w2.problem_list.setCurrentRow(0)
    qtbot.keyClick(w2.problem_list, Qt.Key.Key_Return)
    assert w2.tabs.currentWidget() is not w2.yaml_tab
    qtbot.waitUntil(lambda: w2.form.fields[("answer",)].hasFocus())


def test_clearing_the_title_outlines_the_title(qtbot, tmp_path):
    bank = tmp_path / "paragraphs.yaml"
    bank.write_text(PARAGRAPH_BANK.replace("title: Paragraphs\n", "title: Paragraphs\ndescription: D\n"),
                    encoding="utf-8")
    w = open_window(qtbot, bank)
    w.select_row(0)
    title = w.form.fields[("title",)]
    title.setFocus()
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    qtbot.keyClick(title, Qt.Key.Key_Tab)  # the teacher leaves the emptied field
    qtbot.waitUntil(lambda: bool(w.form.fields[("title",)].property("problem")), timeout=CHECK_MS)
    assert not w.form.fields[("description",)].property("problem")


def test_a_picture_added_on_disk_is_found_when_the_teacher_comes_back_to_the_editor(qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    bank = tmp_path / "paragraphs.yaml"
    bank.write_text(PARAGRAPH_BANK.replace("    answers: [Kantor]\n",
                                           "    answers: [Kantor]\n    image: kantor.png\n"),
                    encoding="utf-8")
    w = open_window(qtbot, bank)
    qtbot.waitUntil(lambda: any("does not exist" in p.message for p in w.problems), timeout=CHECK_MS)
    elsewhere = QWidget()  # the teacher goes to a file manager
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    qtbot.waitUntil(lambda: not w.isActiveWindow())
    from PySide6.QtGui import QImage

    picture = QImage(4, 4, QImage.Format.Format_RGB32)
    picture.fill(0)
    assert picture.save(str(tmp_path / "kantor.png"))
    w.activateWindow()  # and comes back
    qtbot.waitUntil(lambda: not any("does not exist" in p.message for p in w.problems), timeout=CHECK_MS)


def test_a_text_in_quotes_over_several_lines_is_not_blamed_for_a_later_slip():
    text = ('title: T\nquestions:\n  - id: q1\n    type: short_answer\n    prompt: "Who was\n'
            '      the trade representative?"\n    answers: [Kantor]\n  - id: q2\n'
            '    type: short_answer\n   prompt: P\n')
    (problem,) = load_bank_text(text, "bank.yaml").problems
    assert "quote" not in problem.message and problem.line == 10


def test_the_editor_refuses_a_link_to_a_device_and_a_file_over_the_limit_as_the_loader_does(
        tmp_path, monkeypatch):
    import quizapp.core.yaml_files as yaml_files
    from quizapp.authoring.document import BankDocument, UnreadableBank

    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")  # read as a file, it never ends
    with pytest.raises(UnreadableBank, match="not a regular file"):
        BankDocument.open(link)
    big = tmp_path / "big.yaml"
    big.write_text(PARAGRAPH_BANK, encoding="utf-8")
    monkeypatch.setattr(yaml_files, "MAX_FILE_BYTES", 100)
    with pytest.raises(UnreadableBank, match="the file is too big"):
        BankDocument.open(big)
    assert load_bank(big, use_cache=False).problems[0].message.startswith("the file is too big")


def test_deleting_a_list_entry_takes_its_own_comment_and_leaves_the_next_ones():
    # Found by review: an entry's text ran down to the next entry, so deleting "- a" deleted
    # the comment written above "- b", and deleting "- b" left its comment above "- c".
    from quizapp.authoring.yaml_edit import fields, set_field

    block = (
        "  - id: q1\n    type: multiple_choice\n    prompt: Who?\n    choices:\n"
        "      - a\n      # b is the one the article names\n      - b\n"
        "      # c is a decoy\n      - c\n    answer: 1\n"
    )
    without_a = set_field(block, ("choices",), ["b", "c"])
    assert "# b is the one the article names\n      - b" in without_a
    assert "# c is a decoy\n      - c" in without_a and "- a" not in without_a
    without_b = set_field(block, ("choices",), ["a", "c"])
    assert "b is the one" not in without_b and "# c is a decoy\n      - c" in without_b
    changed_b = set_field(block, ("choices",), ["a", "B", "c"])
    assert "# b is the one the article names\n      - B" in changed_b
    for edited in (without_a, without_b, changed_b):
        assert fields(edited)["answer"] == 1
