"""The editor never takes the app down and shows what the loader reads: flow-style
questions, YAML 1.1 yes/no words, old Mac line endings. Driven through the widgets."""

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

FLOW_BANK = 'title: T\nquestions:\n  - {id: q4, type: true_false, prompt: "Flow", answer: no}\n'


def save(qtbot, window: EditorWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.undo_stack.isClean)


def saved_question(path) -> object:
    result = load_bank(path, use_cache=False)
    assert result.bank is not None, [p.message for p in result.problems]
    return result.bank.questions[0]


@pytest.mark.parametrize("field_name", ["explanation", "tags"])
def test_a_field_added_to_a_flow_style_question_by_typing_is_written_into_it(
        qtbot, tmp_path, field_name):
    bank = tmp_path / "flow.yaml"
    bank.write_text(FLOW_BANK, encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "q4")
    box = w.form.fields[(field_name,)]
    box.setFocus()
    qtbot.keyClicks(box, "why")
    # The window lives on, the field keeps what was typed, the question keeps its place.
    assert w.isVisible() and w.form.isEnabled()
    assert w.form.fields[(field_name,)].hasFocus()
    assert w.question_list.item(1).text().startswith("q4 · true_false")
    save(qtbot, w)
    question = saved_question(bank)
    assert question.answer is False and question.prompt == "Flow"
    if field_name == "tags":
        assert list(question.tags) == ["why"]
    else:
        assert question.explanation == "why"


def test_a_source_paragraph_typed_into_a_flow_style_question_is_saved(qtbot, tmp_path):
    bank = tmp_path / "flow.yaml"
    bank.write_text(FLOW_BANK, encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "q4")
    box = w.form.fields[("source", "paragraph")]
    box.setFocus()
    qtbot.keyClicks(box, "3")
    save(qtbot, w)
    assert saved_question(bank).source == "paragraph 3"


def test_an_error_in_a_form_edit_shows_a_message_and_the_window_carries_on(
        qtbot, tmp_path, monkeypatch):
    bank = tmp_path / "flow.yaml"
    bank.write_text(FLOW_BANK, encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "q4")

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug in the editor")

    monkeypatch.setattr(w.doc, "set_field", broken)
    box = w.form.fields[("explanation",)]
    box.setFocus()
    qtbot.keyClick(box, "x")
    assert "a bug in the editor" in w.statusBar().currentMessage()
    assert w.isVisible() and w.doc.text == FLOW_BANK and w.undo_stack.isClean()


@pytest.mark.parametrize(("written", "shown"), [
    ("no", "false"), ("No", "false"), ("off", "false"), ("yes", "true"), ("on", "true"),
    ("'no'", "false"), ("false", "false"), ("True", "true"),
])
def test_the_answer_box_shows_the_answer_the_loader_reads(qtbot, tmp_path, written, shown):
    bank = tmp_path / "tf.yaml"
    bank.write_text("title: T\nquestions:\n  - id: q1\n    type: true_false\n"
                    f"    prompt: P\n    answer: {written}\n", encoding="utf-8")
    loaded = saved_question(bank).answer
    assert str(loaded).lower() == shown
    w = open_window(qtbot, bank)
    select(w, "q1")
    assert w.form.fields[("answer",)].currentText() == shown


def test_a_yes_no_word_in_a_flag_or_grading_field_shows_as_the_loader_reads_it(qtbot, tmp_path):
    bank = tmp_path / "flags.yaml"
    bank.write_text("title: T\nquestions:\n  - id: q1\n    type: short_answer\n    prompt: P\n"
                    "    answers: [a]\n    grading: {case_sensitive: yes, ignore_accents: off}\n"
                    "  - id: q2\n    type: multiple_choice\n    prompt: P\n    choices: [a, b]\n"
                    "    answer: a\n    shuffle: no\n", encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "q1")
    assert w.form.fields[("grading", "case_sensitive")].currentText() == "true"
    assert w.form.fields[("grading", "ignore_accents")].currentText() == "false"
    select(w, "q2")
    assert w.form.fields[("shuffle",)].isChecked()  # shuffle: no keeps the written order


def test_a_bank_with_old_mac_line_endings_opens_edits_and_keeps_them(qtbot, tmp_path):
    bank = tmp_path / "mac.yaml"
    text = ("title: T\nquestions:\n  - id: q1\n    type: true_false\n    prompt: Old Mac\n"
            "    answer: true\n  - id: q2\n    type: flashcard\n    front: F\n    back: B\n")
    original = text.replace("\n", "\r").encode("utf-8")
    bank.write_bytes(original)
    assert len(load_bank(bank, use_cache=False).bank.questions) == 2
    w = open_window(qtbot, bank)
    assert w.question_list.count() == 3  # the bank's details and both questions
    select(w, "q1")
    prompt = w.form.fields[("prompt",)]
    assert w.form.isEnabled() and prompt.toPlainText() == "Old Mac"
    prompt.setFocus()
    prompt.moveCursor(prompt.textCursor().MoveOperation.End)
    qtbot.keyClicks(prompt, "!")
    save(qtbot, w)
    assert bank.read_bytes() == original.replace(b"Old Mac", b"Old Mac!")


def test_changing_the_type_with_the_keyboard_rebuilds_the_form_and_the_app_lives_on(qtbot, tmp_path):
    bank = tmp_path / "types.yaml"
    bank.write_text("title: T\nquestions:\n  - id: q1\n    type: true_false\n    prompt: P\n"
                    "    answer: no\n", encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "q1")
    old_form = w.form
    type_box = w.form.fields[("type",)]
    type_box.setFocus()
    for _ in range(2):  # true_false -> short_answer -> numeric, each a new form
        qtbot.keyClick(type_box, Qt.Key.Key_Down)
        type_box = w.form.fields[("type",)]
    assert w.form is not old_form and w.form.kind == "numeric"
    assert "type: numeric" in w.doc.text and w.isVisible()


def test_a_bank_with_lone_carriage_returns_among_line_feeds_says_why_the_form_is_empty(
        qtbot, tmp_path):
    bank = tmp_path / "mixed.yaml"
    original = (b"title: T\nquestions:\r  - id: q1\n    type: flashcard\r    front: F\n"
                b"    back: B\r")
    bank.write_bytes(original)
    assert len(load_bank(bank, use_cache=False).bank.questions) == 1
    w = open_window(qtbot, bank)
    message = "lines end in different ways"
    assert message in w.statusBar().currentMessage()
    assert not w.form.isEnabled()
    w.tabs.setCurrentWidget(w.yaml_tab)
    assert w.yaml_tab.refusal.isVisible() and message in w.yaml_tab.refusal.text()
    assert w.yaml_edit.toPlainText().count("\n") == 6  # the whole file, one line a line
    assert w.undo_stack.isClean() and bank.read_bytes() == original
