"""Backticks an Anki note shows as text stay text through quizapp and back to Anki: the
import writes them escaped ('\\`git commit\\`'), which the app shows as backticks, and the
.apkg export read them as a code span anyway ('\\<code>git commit\\</code>' in Anki, with
the backslashes shown)."""

import re

import pytest

pytest.importorskip("anki.collection")  # the test dependency `anki`

from helpers import anki_deck  # noqa: E402

from quizapp.cli import main  # noqa: E402
from quizapp.core.markup import code_spans  # noqa: E402
from quizapp.rendering.markdown import safe_document  # noqa: E402

FIELDS = {
    "Typed backticks": "Run `git commit` to save",
    "Real code": "The path <code>C:\\</code> and <code>ls</code>",
}


def test_escaped_backticks_open_no_code_span():
    assert code_spans(r"\`nor code\`", escapes=True) == []
    assert code_spans(r"\`nor code\`") == [(1, 12)]  # as the other readers take it
    text = r"\``code`"  # an escaped backtick, then a code span
    assert [text[a:b] for a, b in code_spans(text, escapes=True)] == ["`code`"]
    text = r"`C:\`"  # inside a code span a backslash is itself: this one closes it
    assert code_spans(text, escapes=True) == [(0, len(text))]
    text = r"\\`code`"  # an escaped backslash: the backtick opens
    assert [text[a:b] for a, b in code_spans(text, escapes=True)] == ["`code`"]


def test_typed_backticks_go_back_to_anki_as_typed(tmp_path):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    def add(col, deck_id):
        for front, back in FIELDS.items():
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck_id)

    deck = anki_deck(tmp_path, "Git", add, "git.apkg")
    bank = tmp_path / "git.yaml"
    assert main(["import", str(deck), "-o", str(bank), "-q"]) == 0
    text = bank.read_text(encoding="utf-8")
    assert r"Run \`git commit\` to save" in text
    assert safe_document(r"Run \`git commit\` to save").toPlainText() == "Run `git commit` to save"
    out = tmp_path / "back.apkg"
    assert main(["export", str(bank), "-o", str(out), "-q"]) == 0
    col = Collection(str(tmp_path / "check.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(out), options=ImportAnkiPackageOptions()))
        backs = {col.get_note(n).fields[0]: re.sub(r"<!--.*?-->", "", col.get_note(n).fields[1])
                 for n in col.find_notes("")}
    finally:
        col.close()
    assert backs == {"Typed backticks": "Run `git commit` to save",
                     "Real code": "The path <code>C:\\</code> and <code>ls</code>"}
