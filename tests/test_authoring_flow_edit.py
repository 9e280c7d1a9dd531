"""Fields set in a question written as a flow mapping ({id: q1, ...}) stay inside its
braces, and a bank with old Mac line endings is split and saved like any other."""

from __future__ import annotations

import pytest
import yaml

from quizapp.authoring.document import BankDocument
from quizapp.authoring.yaml_edit import set_field

FLOW = '  - {id: q4, type: true_false, prompt: "Flow", answer: no}  # kept\n'
LONG_FLOW = "  - {id: q5, type: short_answer,\n     prompt: Where is it, answers: [Paris]}\n"


def read(block: str) -> dict:
    return yaml.safe_load(block)[0]  # PyYAML reads YAML 1.1, as the loader does


@pytest.mark.parametrize(("path", "value", "expected"), [
    (("explanation",), "Because, it is {so}: yes", {"explanation": "Because, it is {so}: yes"}),
    (("explanation",), "Two\nlines", {"explanation": "Two\nlines"}),
    (("tags",), ["a", "b, c"], {"tags": ["a", "b, c"]}),
    (("source", "paragraph"), 3, {"source": {"paragraph": 3}}),
    (("grading", "case_sensitive"), True, {"grading": {"case_sensitive": True}}),
    (("explanation",), "", {"explanation": ""}),
])
def test_a_new_field_goes_inside_the_braces_and_reads_back(path, value, expected):
    for block in (FLOW, LONG_FLOW):
        edited = set_field(block, path, value)
        assert read(edited) == {**read(block), **expected}
        assert edited.endswith("}  # kept\n" if block is FLOW else "}\n")


@pytest.mark.parametrize(("value", "written"), [
    ("Flow, with a comma", 'prompt: "Flow, with a comma"'),
    ("Two\nlines", 'prompt: "Two\\nlines"'),
    ("Plain", 'prompt: "Plain"'),  # the quotes the teacher chose stay
])
def test_a_changed_value_stays_one_flow_value(value, written):
    edited = set_field(FLOW, ("prompt",), value)
    assert written in edited and read(edited)["prompt"] == value
    assert edited.count("\n") == 1


def test_a_list_replacing_a_text_in_a_flow_question_is_a_flow_list():
    edited = set_field(LONG_FLOW, ("answers",), ["Paris", "paris"])
    assert read(edited)["answers"] == ["Paris", "paris"]
    assert "answers: [Paris, paris]}" in edited


@pytest.mark.parametrize("key", ["id", "prompt", "answer"])
def test_a_removed_field_leaves_the_others_and_the_braces(key):
    edited = set_field(FLOW, (key,), None)
    expected = read(FLOW)
    del expected[key]
    assert read(edited) == expected and edited.endswith("}  # kept\n")


def test_a_source_paragraph_added_beside_a_flow_source_is_merged_into_it():
    block = "  - {id: q1, type: flashcard, front: F, back: B, source: {paragraph: 2}}\n"
    edited = set_field(block, ("source", "quote"), "its words")
    assert read(edited)["source"] == {"paragraph": 2, "quote": "its words"}


def test_a_bank_with_old_mac_line_endings_is_split_edited_and_saved_with_them(tmp_path):
    cr = "title: T\rquestions:\r  - id: a\r    type: flashcard\r    front: A\r    back: B\r"
    doc = BankDocument.from_text(cr, str(tmp_path / "mac.yaml"))
    assert doc.splittable and len(doc) == 1 and "\r" not in doc.text
    doc.apply(doc.set_field(0, ("front",), "A2"))
    assert doc.file_text == cr.replace("front: A\r", "front: A2\r")  # what a draft keeps
    assert BankDocument.from_text(doc.file_text).data() == doc.data()  # a recovered draft
    doc.apply(doc.replace_text(doc.text.replace("back: B", "back: B2")))  # the YAML tab
    doc.save()
    assert (tmp_path / "mac.yaml").read_bytes() == cr.replace("A\r", "A2\r").replace(
        "B\r", "B2\r").encode("utf-8")


def test_a_lone_carriage_return_among_line_feeds_is_not_split_and_says_why():
    # On main the split worked here and removing 'type' also removed 'front: A', which
    # stood after a carriage return alone: the field edits look for "\n".
    mixed = "title: T\nquestions:\n  - id: a\n    type: flashcard\r    front: A\n    back: B\n"
    doc = BankDocument.from_text(mixed)
    assert not doc.splittable and doc.text == mixed and doc.data() == mixed.encode("utf-8")
    assert "lines end in different ways" in (doc.not_split_because or "")
    flow_list = "title: T\nquestions: [{id: a, type: flashcard, front: A, back: B}]\n"
    assert '"- " items' in (BankDocument.from_text(flow_list).not_split_because or "")
    assert BankDocument.from_text("questions:\n" + FLOW).not_split_because is None
