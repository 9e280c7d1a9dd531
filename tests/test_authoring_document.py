"""The editor's model: a bank file kept byte for byte, edited field by field."""

from __future__ import annotations

import difflib
import os
import re
import stat
from pathlib import Path

import pytest

from quizapp.authoring.document import BankDocument
from quizapp.authoring.yaml_edit import EditError
from quizapp.core.loader import load_bank_text

ROOT = Path(__file__).resolve().parent.parent
BANKS = sorted((ROOT / "question_banks").glob("*.yaml"))
ARTICLE = ROOT / "question_banks" / "us-japan-auto-talks-1995.yaml"
DOC_EXAMPLES = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "bank-format.md").read_text("utf-8"), re.S)


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("bank", BANKS, ids=lambda p: p.name)
def test_every_bundled_bank_saves_byte_identical(bank, tmp_path):
    doc = BankDocument.open(bank)
    assert doc.splittable
    target = tmp_path / bank.name
    doc.save(target)
    assert target.read_bytes() == bank.read_bytes()


@pytest.mark.parametrize("number", range(len(DOC_EXAMPLES)))
def test_every_docs_example_saves_byte_identical(number, tmp_path):
    text = DOC_EXAMPLES[number]
    target = tmp_path / "example.yaml"
    BankDocument.from_text(text).save(target)
    assert target.read_bytes() == text.encode("utf-8")


def test_editing_one_prompt_of_the_article_bank_changes_only_that_line():
    before = ARTICLE.read_text("utf-8")
    doc = BankDocument.open(ARTICLE)
    index = doc.ids().index("hashimoto-name")
    doc.apply(doc.set_field(index, ("prompt",), "Who will Kantor meet on Wednesday?"))
    diff = changed_lines(before, doc.text)
    assert len(diff) == 2, diff
    assert diff[0].startswith("-") and "prompt:" in diff[0]
    assert diff[1] == "+    prompt: Who will Kantor meet on Wednesday?"
    result = load_bank_text(doc.text)
    assert result.bank is not None
    assert result.bank.question("hashimoto-name").prompt == "Who will Kantor meet on Wednesday?"


def test_a_quote_keeps_its_quoting_style_and_a_comment_after_it_stays():
    text = 'title: T\nquestions:\n  - id: a   # keep me\n    type: true_false\n    prompt: "Is it?"\n    answer: true\n'
    doc = BankDocument.from_text(text)
    doc.apply(doc.set_field(0, ("prompt",), "Is it: really?"))
    doc.apply(doc.set_field(0, ("id",), "b"))
    assert doc.text == text.replace('"Is it?"', '"Is it: really?"').replace("id: a ", "id: b ")


def _every_kind_of_edit(doc: BankDocument):
    i = doc.ids().index("deficit-amount") if "deficit-amount" in doc.ids() else 0
    yield doc.set_field(i, ("prompt",), "A new prompt: with a colon")
    yield doc.set_field(i, ("explanation",), "Two lines\nof explanation")
    yield doc.set_field(i, ("tags",), ["trade", "numbers, big"])
    yield doc.set_field(i, ("source", "quote"), "a quote")
    yield doc.set_field(i, ("points",), 3)
    yield doc.set_field(i, ("tags",), None)
    yield doc.set_header(("title",), "Another title")
    yield doc.add_question(2, {"id": "new-one", "type": "true_false", "prompt": "Yes?", "answer": True})
    yield doc.duplicate_question(1)
    yield doc.delete_question(0)
    yield doc.move_question(3, -1)
    yield doc.move_question(len(doc) - 2, +1)
    yield doc.replace_text(doc.text.replace("title:", "title:  ", 1))


@pytest.mark.parametrize("bank", BANKS, ids=lambda p: p.name)
def test_undo_of_each_kind_of_edit_restores_the_bytes(bank):
    doc = BankDocument.open(bank)
    original = doc.text
    for edit in _every_kind_of_edit(doc):
        before = doc.text
        doc.apply(edit)
        assert doc.text != before, edit.label
        assert load_bank_text(doc.text).problems is not None
        edit.undo(doc)
        assert doc.text == before, edit.label
        edit.redo(doc)
        edit.undo(doc)
    assert doc.text == original


def test_edits_in_sequence_load_as_expected():
    doc = BankDocument.open(ARTICLE)
    count = len(doc)
    doc.apply(doc.add_question(count, {"id": "fresh", "type": "numeric", "prompt": "How many?", "answer": 4, "tolerance": 0.5, "unit": "officials"}))
    doc.apply(doc.duplicate_question(0))
    doc.apply(doc.move_question(1, -1))
    doc.apply(doc.delete_question(len(doc) - 2))
    result = load_bank_text(doc.text)
    assert result.bank is not None, [p.format() for p in result.problems]
    ids = [q.id for q in result.bank.questions]
    assert ids[0] == "kantor-role-copy" and ids[1] == "kantor-role"
    assert ids[-1] == "fresh" and len(ids) == count + 1
    fresh = result.bank.question("fresh")
    assert (fresh.answer, fresh.tolerance, fresh.unit) == (4, 0.5, "officials")


def test_move_keeps_blank_lines_between_questions():
    text = "title: T\nquestions:\n  - id: a\n    type: flashcard\n    front: A\n    back: a\n\n  # about b\n  - id: b\n    type: flashcard\n    front: B\n    back: b\n"
    doc = BankDocument.from_text(text)
    doc.apply(doc.move_question(1, -1))
    assert doc.text == "title: T\nquestions:\n  # about b\n  - id: b\n    type: flashcard\n    front: B\n    back: b\n\n  - id: a\n    type: flashcard\n    front: A\n    back: a\n"


def test_a_flow_style_list_opens_but_is_edited_as_text_only():
    text = "title: T\nquestions: [{id: a, type: true_false, prompt: P, answer: true}]\n"
    doc = BankDocument.from_text(text)
    assert not doc.splittable and doc.text == text
    with pytest.raises(EditError):
        doc.set_field(0, ("prompt",), "Q")
    edit = doc.replace_text(text.replace("P", "Q"))
    doc.apply(edit)
    assert "prompt: Q" in doc.text


def test_save_is_atomic_and_keeps_the_mode(tmp_path):
    target = tmp_path / "bank.yaml"
    target.write_bytes(ARTICLE.read_bytes())
    os.chmod(target, 0o640)
    doc = BankDocument.open(target)
    doc.apply(doc.set_header(("title",), "Mine"))
    doc.save()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert target.read_text("utf-8") == doc.text
    assert [p.name for p in tmp_path.iterdir()] == ["bank.yaml"]  # no temp file left


def test_a_failed_save_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "bank.yaml"
    target.write_bytes(ARTICLE.read_bytes())
    doc = BankDocument.open(target)
    doc.apply(doc.set_header(("title",), "Mine"))

    def refuse(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        doc.save()
    assert target.read_bytes() == ARTICLE.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["bank.yaml"]


@pytest.mark.parametrize("ending", ["\n", ""])
def test_deleting_the_last_question_keeps_the_files_ending(ending):
    text = "title: T\nquestions:\n  - id: a\n    type: flashcard\n    front: A\n    back: B\n\n" \
           "  - id: b\n    type: flashcard\n    front: C\n    back: D" + ending
    doc = BankDocument.from_text(text)
    doc.apply(doc.delete_question(1))
    assert doc.text == "title: T\nquestions:\n  - id: a\n    type: flashcard\n    front: A\n    back: B" + ending


def test_a_comment_left_of_the_questions_at_the_end_is_the_files_not_the_last_questions():
    text = "title: T\nquestions:\n  - id: a\n    type: flashcard\n    front: A\n    back: B\n\n" \
           "  - id: b\n    type: flashcard\n    front: C\n    back: D\n\n# end of the bank\n"
    doc = BankDocument.from_text(text)
    doc.apply(doc.move_question(1, -1))
    assert doc.text.endswith("    back: B\n\n# end of the bank\n")
    assert doc.ids() == ["b", "a"]


def test_a_windows_file_is_edited_with_newlines_and_saved_and_drafted_with_crlf(tmp_path):
    crlf = "title: T\r\nquestions:\r\n  - id: a\r\n    type: flashcard\r\n    front: A\r\n    back: B\r\n"
    doc = BankDocument.from_text(crlf, str(tmp_path / "w.yaml"))
    assert doc.splittable and "\r" not in doc.text
    doc.apply(doc.set_field(0, ("front",), "A2"))
    assert doc.file_text == crlf.replace("front: A\r", "front: A2\r")  # what a draft keeps
    assert BankDocument.from_text(doc.file_text).data() == doc.data()  # a recovered draft
    doc.save()
    assert (tmp_path / "w.yaml").read_bytes() == doc.file_text.encode("utf-8")
    mixed = "title: T\r\nquestions:\n  - id: a\n    type: flashcard\n    front: A\n    back: B\n"
    assert BankDocument.from_text(mixed).data() == mixed.encode("utf-8")  # left as it is


# A text going on over lines with a line that starts "#": not a comment of the next question.
TEXTS_WITH_HASH_LINES = {
    "block text": 'title: T\nquestions:\n- id: q0\n  type: flashcard\n  front: f\n'
                  '  back: |\n    text\n    # a line of the text\n'
                  '- id: q1\n  type: flashcard\n  front: g\n  back: h\n',
    # what PyYAML writes for a long double-quoted text at width 40 (hypothesis found it)
    "quoted text": '"title": "T"\n"questions":\n-   "id": "q0"\n    "type": "flashcard"\n'
                   '    "front": "f"\n    "back": "0\\xA1\\xA1\\u0100xxxxxxxxxxxx\\L\\\n'
                   '        #"\n-   "id": "q1"\n    "type": "flashcard"\n    "front": "g"\n'
                   '    "back": "h"\n',
}


@pytest.mark.parametrize("name", sorted(TEXTS_WITH_HASH_LINES))
def test_a_text_line_starting_with_a_hash_moves_with_its_question(name):
    text = TEXTS_WITH_HASH_LINES[name]
    doc = BankDocument.from_text(text)
    assert doc.splittable
    move = doc.move_question(0, 1)
    doc.apply(move)
    expected = load_bank_text(text).bank
    moved = load_bank_text(doc.text).bank
    assert expected is not None and moved is not None
    assert [q.id for q in moved.questions] == ["q1", "q0"]
    assert moved.questions[1].back == expected.questions[0].back  # (the '#' line in it)
    move.undo(doc)
    assert doc.text == text


def test_a_real_comment_before_a_question_still_moves_with_it():
    text = ('title: T\nquestions:\n- id: q0\n  type: flashcard\n  front: f\n'
            '  back: |\n    text\n# about q1\n- id: q1\n  type: flashcard\n  front: g\n'
            '  back: h\n')
    doc = BankDocument.from_text(text)
    doc.apply(doc.move_question(0, 1))
    assert doc.text.startswith("title: T\nquestions:\n# about q1\n- id: q1\n")
