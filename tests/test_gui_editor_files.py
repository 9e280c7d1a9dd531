"""The bank editor keeps a teacher's file: what the YAML tab and the form write, line
endings, encodings and the article it shows (found by a tester working as a teacher)."""

from __future__ import annotations

import pytest
from editor_helpers import (  # noqa: F401 (leave_without_saving: an autouse fixture)
    leave_without_saving,
    open_window,
    select,
    type_lines,
)
from PySide6.QtCore import Qt

from quizapp.core.loader import load_bank
from quizapp.gui.editor import EditorWindow

HAND_WRITTEN = """\
# My physics bank
title:   "Physics, by hand"    # trailing comment
questions:

  # --- first block ---
  - id: q1                 # the id
    type: multiple_choice
    prompt: 'Which is it?'   # single-quoted
    choices: [ "a",  b ,c ]   # flow
    answer: a
    tags: [x,   y]

  -   id: q2
      type: true_false
      prompt: |
        Literal block
          with indentation kept
      answer: yes
      # comment inside q2

  - {id: q3, type: short_answer, prompt: "Flow mapping", answers: [Paris, "paris"]}
# end comment
"""


def save(qtbot, window: EditorWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.undo_stack.isClean)


def test_a_second_question_pasted_in_the_yaml_tab_is_refused_and_loses_nothing(qtbot, tmp_path):
    bank = tmp_path / "physics.yaml"
    bank.write_text(HAND_WRITTEN)
    w = open_window(qtbot, bank)
    select(w, "q2")
    w.tabs.setCurrentIndex(1)  # YAML
    w.yaml_edit.setFocus()
    cursor = w.yaml_edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    w.yaml_edit.setTextCursor(cursor)
    type_lines(qtbot, w.yaml_edit, "  - id: q4\n    type: true_false\n    answer: true  # pasted from my notes")
    qtbot.waitUntil(lambda: w.yaml_tab.refusal.isVisible())
    assert "one question" in w.yaml_tab.refusal.text()
    assert "Ctrl+N" in w.yaml_tab.refusal.text()
    assert w.doc.text == HAND_WRITTEN
    assert "q4" in w.yaml_edit.toPlainText()  # the typed text stays, to be fixed
    # Taking the second question out again applies the edit, and the note goes.
    text = w.yaml_edit.toPlainText()
    w.yaml_edit.selectAll()
    qtbot.keyClick(w.yaml_edit, Qt.Key.Key_Delete)
    type_lines(qtbot, w.yaml_edit, text[: text.index("  - id: q4")].replace("Literal block", "Edited block"))
    qtbot.waitUntil(lambda: "Edited block" in w.doc.text)
    assert not w.yaml_tab.refusal.isVisible()
    save(qtbot, w)
    result = load_bank(bank, use_cache=False)
    assert [q.id for q in result.bank.questions] == ["q1", "q2", "q3"]
    assert bank.read_text() == HAND_WRITTEN.replace("Literal block", "Edited block")


def test_the_last_question_typed_without_a_final_newline_is_not_glued_to_the_tail(qtbot, tmp_path):
    bank = tmp_path / "tail.yaml"
    bank.write_text("title: T\nquestions:\n  - id: q1\n    type: true_false\n    prompt: P\n"
                    "    answer: true\ndescription: after the list\n")
    w = open_window(qtbot, bank)
    select(w, "q1")
    w.tabs.setCurrentIndex(1)  # YAML
    w.yaml_edit.setFocus()
    w.yaml_edit.selectAll()
    qtbot.keyClick(w.yaml_edit, Qt.Key.Key_Delete)
    type_lines(qtbot, w.yaml_edit, "  - id: q1\n    type: true_false\n    prompt: Typed\n    answer: false")
    qtbot.waitUntil(lambda: "Typed" in w.doc.text)
    assert w.doc.text.endswith("    answer: false\ndescription: after the list\n")


def type_into(qtbot, widget, text: str) -> None:
    """Replace a field's text by typing (Ctrl+A, Delete, then the lines)."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_lines(qtbot, widget, text)


def append_to(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def test_form_edits_keep_key_order_comments_and_the_file_ending(qtbot, tmp_path):
    bank = tmp_path / "physics.yaml"
    bank.write_text(HAND_WRITTEN)
    w = open_window(qtbot, bank)
    select(w, "q1")
    type_into(qtbot, w.form.fields[("choices",)], "a\nb\nc\nd // new one")
    type_into(qtbot, w.form.fields[("tags",)], "x, y, z")
    select(w, "q3")
    w.question_list.setFocus()
    qtbot.keyClick(w.question_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    select(w, "q2")
    qtbot.mouseClick(w.delete_button, Qt.MouseButton.LeftButton)
    save(qtbot, w)
    assert bank.read_text() == """\
# My physics bank
title:   "Physics, by hand"    # trailing comment
questions:

  # --- first block ---
  - id: q1                 # the id
    type: multiple_choice
    prompt: 'Which is it?'   # single-quoted
    choices: ["a", b, c, {text: d, feedback: new one}]   # flow
    answer: a
    tags: [x, y, z]

  - {id: q3, type: short_answer, prompt: "Flow mapping", answers: [Paris, "paris"]}
# end comment
"""


def test_a_bank_with_windows_line_endings_edits_like_any_other_and_keeps_them(qtbot, tmp_path):
    bank = tmp_path / "windows.yaml"
    original = HAND_WRITTEN.replace("\n", "\r\n").encode("utf-8")
    bank.write_bytes(original)
    w = open_window(qtbot, bank)
    assert w.question_list.count() == 4  # the bank's details and three questions
    select(w, "q1")
    prompt = w.form.fields[("prompt",)]
    assert w.form.isEnabled() and prompt.toPlainText() == "Which is it?"
    append_to(qtbot, prompt, " Say why.")
    save(qtbot, w)
    assert bank.read_bytes() == original.replace(b"'Which is it?'", b"'Which is it? Say why.'")


def test_a_utf16_bank_the_loader_reads_opens_in_the_editor_and_stays_utf16(qtbot, tmp_path):
    bank = tmp_path / "utf16.yaml"
    original = b"\xff\xfe" + HAND_WRITTEN.encode("utf-16-le")
    bank.write_bytes(original)
    assert load_bank(bank, use_cache=False).bank is not None
    w = open_window(qtbot, bank)
    select(w, "q1")
    append_to(qtbot, w.form.fields[("prompt",)], " Say why.")
    save(qtbot, w)
    assert bank.read_bytes() == b"\xff\xfe" + HAND_WRITTEN.replace(
        "'Which is it?'", "'Which is it? Say why.'").encode("utf-16-le")


def test_a_bank_the_loader_refuses_is_refused_by_edit_with_the_same_message(
        qtbot, tmp_path, monkeypatch, open_library_window):
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path / "banks"
    folder.mkdir()
    bank = folder / "latin1.yaml"
    bank.write_bytes(HAND_WRITTEN.replace("Physics", "Physique générale").encode("cp1252"))
    problem = load_bank(bank, use_cache=False).problems[0]
    assert "not UTF-8" in problem.message
    win = open_library_window(folder)
    tree = win.library_screen.tree
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    tree.setCurrentItem(next(r for r in rows if "latin1" in r.text(0)))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    qtbot.mouseClick(win.library_screen.edit_button, Qt.MouseButton.LeftButton)
    assert shown == [f"{bank}: line {problem.line}, column {problem.column}: {problem.message}"]
    assert not win.editors


@pytest.mark.parametrize("name", ["/etc/passwd", "../outside.txt", "link.txt"])
def test_the_editor_shows_no_source_text_from_outside_the_banks_folder(qtbot, tmp_path, name):
    (tmp_path / "outside.txt").write_text("A secret paragraph outside the folder.\n", encoding="utf-8")
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    bank = folder / "hostile.yaml"
    bank.write_text(f'title: Hostile\nsource: {{file: "{name}"}}\nquestions:\n'
                    "  - {id: q, type: true_false, prompt: P, answer: true}\n", encoding="utf-8")
    w = open_window(qtbot, bank)
    assert w.article_dock.path is None and not w.article_dock.isVisible()
    assert w.article.view.toPlainText() == ""
    assert w.statusBar().currentMessage().startswith("The bank's article is not shown: the source text")


def test_the_source_text_inside_the_folder_still_opens_beside_the_bank(qtbot, tmp_path):
    (tmp_path / "article.txt").write_text("The talks ended today.\n", encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    bank.write_text('title: T\nsource: {file: article.txt}\nquestions:\n'
                    "  - {id: q, type: true_false, prompt: P, answer: true}\n", encoding="utf-8")
    w = open_window(qtbot, bank)
    assert w.article_dock.isVisible()
    assert "The talks ended today." in w.article.view.toPlainText()
    assert w.undo_stack.isClean()


@pytest.mark.parametrize("source", ['"The talks, Reuters, 1995"', "[article.txt]", "{title: T}"])
def test_a_source_that_names_no_file_opens_no_article(qtbot, tmp_path, source):
    (tmp_path / "article.txt").write_text("The talks ended today.\n", encoding="utf-8")
    bank = tmp_path / "bank.yaml"
    bank.write_text(f"title: T\nsource: {source}\nquestions:\n"
                    "  - {id: q, type: true_false, prompt: P, answer: true}\n", encoding="utf-8")
    w = open_window(qtbot, bank)
    assert w.article_dock.path is None and not w.article_dock.isVisible()
    assert not w.statusBar().currentMessage().startswith("The bank's article")


@pytest.mark.parametrize("kind", ["fifo", "zero", "missing", "folder", "big"])
def test_open_article_refuses_what_is_not_a_regular_text_file_at_once(qtbot, tmp_path, monkeypatch, kind):
    import os

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    bank = tmp_path / "bank.yaml"
    bank.write_text(HAND_WRITTEN, encoding="utf-8")
    article = tmp_path / f"{kind}.txt"
    if kind == "fifo":
        os.mkfifo(article)
    elif kind == "zero":
        article.symlink_to("/dev/zero")
    elif kind == "folder":
        article.mkdir()
    elif kind == "big":
        article.write_bytes(b"word. " * (1024 * 1024))  # 6 MB
    w = open_window(qtbot, bank)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(article), ""))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    expected = {
        "fifo": f"{kind}.txt is not a regular file (a pipe or a device); choose a .txt or .md file.",
        "zero": f"{kind}.txt is not a regular file (a pipe or a device); choose a .txt or .md file.",
        "missing": f"{kind}.txt does not exist.",
        "folder": f"{kind}.txt is a folder; choose a .txt or .md file.",
        "big": f"{kind}.txt is bigger than 5 MB; an article must be smaller.",
    }
    assert warned == [expected[kind]]
    assert w.article_dock.path is None


def test_a_question_with_a_line_too_long_to_lay_out_is_not_shown_and_the_rest_edits(qtbot, tmp_path):
    """A 100,000-character prompt without spaces took seconds to lay out (300,000: 25 s, a
    20 MB line: the window froze); it is named instead, and kept byte for byte."""
    from quizapp.authoring.document import MAX_EDIT_LINE

    long_prompt = "x" * 100_000
    bank = tmp_path / "long.yaml"
    text = ("title: Long\nquestions:\n  - id: q1\n    type: true_false\n"
            f"    prompt: {long_prompt}\n    answer: true\n"
            "  - id: q2\n    type: true_false\n    prompt: short\n    answer: true\n")
    bank.write_text(text, encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "q1")
    assert w.yaml_edit.toPlainText() == "" and w.yaml_edit.isReadOnly()
    assert w.yaml_tab.refusal.isVisibleTo(w.yaml_tab)
    note = w.yaml_tab.refusal.text()
    assert "100,012 characters long" in note and f"({MAX_EDIT_LINE:,})" in note
    assert not w.form.isEnabled()
    assert w.form.fields[("prompt",)].toPlainText() == ""
    assert "Not shown for editing" in w.statusBar().currentMessage()
    select(w, "q2")
    assert not w.yaml_tab.refusal.isVisibleTo(w.yaml_tab) and not w.yaml_edit.isReadOnly()
    append_to(qtbot, w.form.fields[("prompt",)], " and edited")
    save(qtbot, w)
    assert bank.read_text(encoding="utf-8") == text.replace("prompt: short", "prompt: short and edited")


def test_the_preview_of_a_question_whose_picture_name_no_disk_takes_shows_the_question(qtbot, tmp_path):
    """A file name longer than the disk allows is a warning in validate: the bank can be
    studied, and the question shows without its picture (the preview and the quiz said
    'Something went wrong'). A NUL in the name is an error, said in the preview."""
    bank = tmp_path / "pictures.yaml"
    bank.write_text("title: Pictures\nquestions:\n"
                    f'  - {{id: q1, type: true_false, prompt: Look, answer: true, image: "{"a" * 300}.png"}}\n'
                    '  - {id: q2, type: true_false, prompt: Nul, answer: true, image: "b\\0.png"}\n'
                    f'  - {{id: q3, type: true_false, prompt: "Deep ![x]({"a/" * 2100}x.png)", answer: true}}\n',
                    encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "q1")
    qtbot.keyClick(w.tabs, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert w.tabs.currentWidget() is w.preview
    qtbot.waitUntil(lambda: w.preview.widget is not None)
    assert w.preview.question.prompt == "Look"
    assert w.preview.widget.missing_image_label.text().startswith("[image missing: aaa")
    select(w, "q2")
    qtbot.waitUntil(lambda: w.preview.message.text().startswith("No preview: a file name cannot contain a NUL"))
    select(w, "q3")  # a Markdown picture whose path is longer than the disk allows
    qtbot.waitUntil(lambda: w.preview.question is not None and w.preview.question.id == "q3")
    assert w.preview.widget is not None


def test_a_text_continued_over_short_lines_into_one_huge_word_is_left_to_the_yaml_tab(qtbot, tmp_path):
    """A quoted text continued with "\\" over 30 lines of 10,000 characters is one word of
    300,000: the form's wrapping field took 9 s to lay it out. The YAML tab still edits it."""
    body = "\\\n      ".join("x" * 10_000 for _ in range(30))
    bank = tmp_path / "folded.yaml"
    text = f'title: Folded\nquestions:\n  - id: q1\n    type: true_false\n    prompt: "{body}"\n    answer: true\n'
    bank.write_text(text, encoding="utf-8")
    w = open_window(qtbot, bank)
    select(w, "q1")
    assert not w.form.isEnabled() and w.form.fields[("prompt",)].toPlainText() == ""
    assert "a word of 300,000 characters" in w.statusBar().currentMessage()
    assert w.yaml_edit.toPlainText() == text[text.index("  - id: q1"):]
    assert not w.yaml_edit.isReadOnly() and not w.yaml_tab.refusal.isVisibleTo(w.yaml_tab)


def test_saving_a_new_bank_asks_before_replacing_the_file_named_without_its_suffix(
        qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from quizapp.authoring.document import BankDocument
    from quizapp.authoring.templates import new_bank_text

    mine = tmp_path / "mine.yaml"
    mine.write_text(HAND_WRITTEN, encoding="utf-8")
    w = EditorWindow(BankDocument.from_text(new_bank_text()), my_banks_dir=tmp_path)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "mine"), ""))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No)
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == [f"mine.yaml already exists in {tmp_path}.\nReplace it?"]
    assert mine.read_text(encoding="utf-8") == HAND_WRITTEN and w.doc.path is None
