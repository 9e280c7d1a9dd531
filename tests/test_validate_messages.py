"""`quizapp validate` says what went wrong in a teacher's words: UTF-16 that lost its byte
order mark is UTF-16 (not "a binary file"), `title: Null` is empty because YAML reads Null as
no value, and the `\\<script>` an importer writes for a tag that was text is not an HTML tag."""

from __future__ import annotations

import pytest

from quizapp.cli import main
from quizapp.core.loader import load_bank, load_bank_text

GOOD = "title: Good\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: yes}\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_byte_order_mark_is_named(tmp_path, capsys, codec):
    path = tmp_path / "notepad.yaml"
    path.write_bytes("title: Caf\u00e9 \u65e5\u672c\nquestions: []\n".encode(codec))
    assert main(["validate", "--no-cache", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{path}:1:1: error: this file looks like UTF-16 text without its byte order mark; "
        "save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)")


def test_a_zero_byte_in_utf8_text_is_still_a_binary_file(tmp_path):
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"title: Nul\x00\nquestions: []\n")
    (problem,) = load_bank(path).problems
    assert "binary file" in problem.message and (problem.line, problem.column) == (1, 11)


@pytest.mark.parametrize("word", ["Null", "null", "NULL", "~"])
def test_a_title_yaml_reads_as_no_value_says_so(word):
    (problem,) = load_bank_text(GOOD.replace("title: Good", f"title: {word}")).problems
    assert (problem.line, problem.column, problem.severity) == (1, 8, "error")
    assert problem.message == (f"'title' is empty: YAML reads {word} as no value; put it in "
                               f'quotes ("{word}") if you mean that text')
    # quoted, it is the word
    bank = load_bank_text(GOOD.replace("title: Good", f'title: "{word}"')).bank
    assert bank is not None and bank.title == word


def test_an_empty_title_is_just_empty():
    (problem,) = load_bank_text(GOOD.replace("title: Good", "title:")).problems
    assert problem.message == "'title' is empty"


@pytest.mark.parametrize(("back", "warned"), [
    ("ok \\\\<script> literal", False),  # as an importer escapes a tag that was text
    ("a \\\\<b>bold\\\\</b> word", False),
    ("ok <script> typed", True),
    ("\\\\\\\\<b>x</b>", True),  # an escaped backslash, then a tag
    ("`<b>` in code", False),
])
def test_only_a_tag_as_typed_is_warned_about(back, warned):
    text = ("title: T\nquestions:\n  - id: q\n    type: flashcard\n    front: f\n"
            f'    back: "{back}"\n')
    result = load_bank_text(text)
    assert result.bank is not None
    said = [p.message for p in result.problems]
    assert any("HTML tags are shown as typed" in m for m in said) is warned, said


def test_a_freshly_imported_anki_deck_with_a_typed_tag_validates_clean(tmp_path, capsys):
    anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`
    from anki.collection import DeckIdLimit, ExportAnkiPackageOptions

    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        deck = col.decks.id("Teacher")
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"] = "Which tag runs a program in a web page?"
        note["Back"] = "ok &lt;script&gt; literal, and <b>bold</b>"
        col.add_note(note, deck)
        package = tmp_path / "teacher.apkg"
        col.export_anki_package(out_path=str(package), limit=DeckIdLimit(deck_id=deck),
                                options=ExportAnkiPackageOptions(with_scheduling=False,
                                                                 with_media=True))
    finally:
        col.close()
    out = tmp_path / "teacher.yaml"
    assert main(["import", str(package), "-o", str(out)]) == 0
    capsys.readouterr()
    assert "&lt;script>" in out.read_text(encoding="utf-8")  # the importer's escape
    assert main(["validate", "--no-cache", str(out)]) == 0
    assert capsys.readouterr().out == "checked 1 bank: all valid\n"


@pytest.mark.parametrize(("kind", "written", "meant"), [
    ("multiple_select", "answer: a", "answers"),
    ("multiple_choice", "answers: [a]", "answer"),
])
def test_answer_for_answers_says_which_key_the_type_takes(tmp_path, capsys, kind, written, meant):
    """A teacher's 'answer' on a multiple_select (or 'answers' on a multiple_choice) was
    'not used by a multiple_select question (it belongs to multiple_choice questions, ...)',
    which did not say what to write instead."""
    path = tmp_path / "bank.yaml"
    path.write_text(f"title: T\nquestions:\n  - id: q\n    type: {kind}\n    prompt: Which?\n"
                    f"    choices: [a, b]\n    {written}\n", encoding="utf-8")
    assert main(["validate", "--no-cache", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"(did you mean '{meant}'?)" in out, out


def test_a_key_of_another_type_is_not_taken_for_a_misspelling_of_a_far_one():
    text = ("title: T\nquestions:\n  - id: q\n    type: multiple_choice\n    prompt: Which?\n"
            "    choices: [a, b]\n    answer: a\n    items: [a, b]\n")
    (problem,) = load_bank_text(text).problems
    assert problem.message == ("'items' is not used by a multiple_choice question (it belongs "
                               "to ordering questions)")


def test_a_key_one_space_too_far_after_a_list_in_brackets_is_named(tmp_path, capsys):
    """After `choices: [a, b]`, libyaml says 'did not find expected key', and validate
    added only 'check the indentation, or put text that contains ': ' in quotes'."""
    path = tmp_path / "bank.yaml"
    path.write_text("title: T\nquestions:\n  - id: q\n    type: multiple_choice\n"
                    "    prompt: Who is Mickey Kantor?\n"
                    "    choices: [U.S. Trade Representative, Secretary of Commerce]\n"
                    "     answer: U.S. Trade Representative\n", encoding="utf-8")
    assert main(["validate", "--no-cache", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:7:6: error: YAML syntax error" in out
    assert ("'answer' starts in column 6, further right than 'choices' on the line above "
            "(column 5)") in out, out


def test_two_answers_run_into_one_by_an_indented_dash_are_named(tmp_path, capsys):
    """The second answer's '- ' one space further right than the first's: YAML reads the
    line as more words of the first answer, and validate said only that 'Greater access
    ... - Renewed voluntary...' is not one of the choices (did you mean 'Renewed ...'?)."""
    path = tmp_path / "bank.yaml"
    path.write_text(
        "title: T\nquestions:\n  - id: q\n    type: multiple_select\n"
        "    prompt: Which of these does the United States want from Japan?\n"
        "    choices:\n      - Greater access to Japan's car dealers\n      - Lower prices\n"
        "      - Renewed purchase plans\n"
        "    answers:\n      - Greater access to Japan's car dealers\n"
        "       - Renewed purchase plans\n", encoding="utf-8")
    assert main(["validate", "--no-cache", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:11:9: error:" in out
    assert "two answers ran into one" in out and "did you mean" not in out, out
