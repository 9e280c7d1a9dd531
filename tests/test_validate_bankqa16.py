"""`quizapp validate` as a tester drove it (bankqa16).

A bank's names (title, ids, tags, authors, language) and its description are shown whole
in the library's list and detail pane: a title or tag of a few million characters on one
line froze the window for minutes, while `quizapp validate` said "all valid". They are now
errors past MAX_NAME_CHARS (1,000) and MAX_DESCRIPTION_CHARS (10,000), at their line."""

from __future__ import annotations

from helpers import library_rows
from PySide6.QtCore import Qt

from quizapp.cli import main
from quizapp.core.bank_header import read_bank_header
from quizapp.gui.library_rows import STATUS

QUESTION = "  - id: {qid}\n    type: true_false\n    prompt: Is it?\n    answer: yes\n    tags: [{tag}]\n"


def _bank(title="Long", description="Short", qid="q1", tag="people"):
    return (f"title: {title}\ndescription: {description}\nauthors: [Ana]\nquestions:\n"
            + QUESTION.format(qid=qid, tag=tag))


def test_validate_names_each_text_too_long_to_show_at_its_line(tmp_path, capsys):
    path = tmp_path / "long.yaml"
    path.write_text(_bank(title="T" * 1_001, description="D" * 10_001, qid="i" * 1_001,
                          tag="t" * 1_001), encoding="utf-8")
    assert main(["validate", "--no-cache", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{path}:1:8: error: 'title' is 1,001 characters long; it can be at most 1,000 "
        "(lists and the library show it whole)",
        f"{path}:2:14: error: 'description' is 10,001 characters long; it can be at most "
        "10,000 (lists and the library show it whole)",
        f"{path}:5:9: error: 'id' is 1,001 characters long; it can be at most 1,000 "
        "(lists and the library show it whole)",
        f"{path}:9:12: error: an item of 'tags' is 1,001 characters long; it can be at most "
        "1,000 (lists and the library show it whole)",
        "checked 1 bank: 4 errors in 1 bank",
    ]


def test_names_at_the_limits_are_valid(tmp_path, capsys):
    path = tmp_path / "long.yaml"
    path.write_text(_bank(title="T" * 1_000, description="D" * 10_000, qid="i" * 1_000,
                          tag="t" * 1_000), encoding="utf-8")
    assert main(["validate", "--no-cache", str(path)]) == 0
    assert capsys.readouterr().out == "checked 1 bank: all valid\n"


def test_a_header_too_long_to_show_lists_the_bank_by_its_file_name(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text(_bank(title="T" * 20_000), encoding="utf-8")
    assert read_bank_header(path).title == "long.yaml"
    path.write_text(_bank(description="D" * 20_000), encoding="utf-8")
    header = read_bank_header(path)
    assert (header.title, header.description) == ("Long", None)


def test_the_library_lists_a_bank_with_a_huge_title_by_its_file_name_with_the_error(
        open_library_window, qtbot, tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "huge.yaml").write_text(_bank(title="T" * 50_000, tag="t" * 50_000),
                                     encoding="utf-8")
    win = open_library_window(banks)
    rows = library_rows(win)
    assert not any(len(title) > 1_000 for title in rows)
    row = rows["huge.yaml"]
    assert "2 errors" in row.text(STATUS)
    screen = win.library_screen
    screen.tree.setFocus()
    screen.tree.setCurrentItem(row)
    qtbot.keyClick(screen.tree, Qt.Key.Key_Down)  # the keys still move through the list
    qtbot.keyClick(screen.tree, Qt.Key.Key_Up)
    assert screen.tree.currentItem() is row
    details = screen.details.toPlainText()
    assert f"{banks / 'huge.yaml'}:1:8: error: 'title' is 50,000 characters long" in details
    assert len(details) < 5_000


HTML_CHOICES = """title: Choices
questions:
  - id: q1
    type: multiple_choice
    prompt: Which?
    choices: ["<b>A</b>", {text: "B <iframe src=x>", feedback: fine}, "`<b>` in code", List\\<String>]
    answer: "<b>A</b>"
"""


def test_html_in_a_choice_is_warned_about_as_in_a_prompt(tmp_path, capsys):
    """A choice is Markdown, as a prompt is: its tags show as typed. Only the prompt, the
    explanation and a choice's feedback were looked at."""
    path = tmp_path / "choices.yaml"
    path.write_text(HTML_CHOICES, encoding="utf-8")
    assert main(["validate", "--no-cache", str(path)]) == 0
    warning = ("warning: HTML tags are shown as typed, not as formatting; use Markdown "
               "(**bold**, *italic*, line breaks) instead")
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:6:15: {warning}", f"{path}:6:34: {warning}", "checked 1 bank: 2 warnings"]


def test_a_numeric_answer_with_thousands_separators_is_told_how_to_write_it(tmp_path, capsys):
    """'1,000' is a thousand as a learner types it: the hint was to write decimals with a
    dot, as for 3,5 (and 60,000,000 got no hint at all)."""
    path = tmp_path / "numbers.yaml"
    question = "  - id: {}\n    type: numeric\n    prompt: How many?\n    answer: {}\n"
    path.write_text("title: Numbers\nquestions:\n" + question.format("a", "1,000")
                    + question.format("b", "60,000,000") + question.format("c", "'3,5'"),
                    encoding="utf-8")
    assert main(["validate", "--no-cache", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[:3] == [
        f"{path}:6:13: error: 'answer' should be a number, not '1,000' (write it without "
        "separators, like 1000; decimals with a dot, like 3.5)",
        f"{path}:10:13: error: 'answer' should be a number, not '60,000,000' (write it without "
        "separators, like 60000000; decimals with a dot, like 3.5)",
        f"{path}:14:13: error: 'answer' should be a number, not '3,5' (write decimals with a "
        "dot, like 3.5)",
    ]


def test_a_source_text_that_is_a_pipe_or_a_folder_is_named_so(tmp_path, capsys):
    """It was 'does not exist in the bank's folder', though it was right there."""
    import os

    os.mkfifo(tmp_path / "article.txt")
    (tmp_path / "notes").mkdir()
    path = tmp_path / "bank.yaml"
    for name in ("article.txt", "notes"):
        path.write_text(f"title: S\nsource:\n  file: {name}\nquestions:\n"
                        "  - {id: q1, type: true_false, prompt: p, answer: yes}\n",
                        encoding="utf-8")
        assert main(["validate", "--no-cache", str(path)]) == 1
        assert capsys.readouterr().out.splitlines()[0] == (
            f"{path}:3:9: error: the source text '{name}' is not a file of text but a folder, "
            "a pipe or a device")


def test_the_library_lists_a_broken_banks_errors_before_its_warnings(
        open_library_window, tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "mixed.yaml").write_text(
        "title: Mixed\nquestions:\n"
        "  - {id: q1, type: true_false, prompt: '<b>Bold</b>?', answer: yes}\n"
        "  - {id: q2, type: multiple_choice, prompt: Which?, choices: [a, b], answer: c}\n",
        encoding="utf-8")
    win = open_library_window(banks)
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["mixed.yaml"])
    lines = screen.details.toPlainText().splitlines()
    start = lines.index("This bank cannot be studied until these problems are fixed:")
    assert lines[start + 1].startswith(f"{banks / 'mixed.yaml'}:4:")
    assert "error: the answer 'c' is not one of the choices" in lines[start + 1]
    assert lines[start + 2:start + 5] == [
        "", "Warnings: 1",
        f"{banks / 'mixed.yaml'}:3:40: warning: HTML tags are shown as typed, not as "
        "formatting; use Markdown (**bold**, *italic*, line breaks) instead"]


def test_a_symbolic_link_to_a_missing_bank_is_named_so(tmp_path, capsys):
    """A folder's dangling link was 'the file does not exist', though the folder lists it."""
    (tmp_path / "old.yaml").symlink_to(tmp_path / "moved-away.yaml")
    assert main(["validate", "--no-cache", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{tmp_path / 'old.yaml'}:1:1: error: the file is a symbolic link to "
        f"'{tmp_path / 'moved-away.yaml'}', which does not exist")


def test_a_cloze_blank_left_open_is_one_error_not_also_no_blanks(tmp_path, capsys):
    path = tmp_path / "cloze.yaml"
    path.write_text('title: C\nquestions:\n  - id: q1\n    type: cloze\n    text: "Hello {{world"\n',
                    encoding="utf-8")
    assert main(["validate", "--no-cache", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:5:11: error: the blank '{{{{world' is never closed: its '}}}}' is missing",
        "checked 1 bank: 1 error in 1 bank"]
