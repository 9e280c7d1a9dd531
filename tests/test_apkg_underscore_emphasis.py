"""A bank's _italic_ and __bold__ (GitHub's Markdown, which the app draws: bankqa17) go to
Anki as italics and bold, as the app shows them; underscores inside a word stay as typed,
as the app leaves them."""

from __future__ import annotations

import sqlite3

from helpers import package_collection_bytes

from quizapp.core.model import Bank, Choice, MultipleChoice
from quizapp.interop.apkg import apkg_bytes
from quizapp.rendering.markdown import safe_document

PROMPT = "Was _Kantor_ the __trade representative__ in snake_case_name or 2_000_000 or a/_path_/b?"

def _front(data: bytes) -> str:
    db = package_collection_bytes(data)
    conn = sqlite3.connect(":memory:")
    conn.deserialize(db)
    (fields,) = conn.execute("SELECT flds FROM notes").fetchone()
    conn.close()
    return fields.split("\x1f")[0]

def _styled_words(prompt: str) -> tuple[list[str], list[str]]:
    """The runs the app draws in italics and in bold."""
    document = safe_document(prompt)
    italic: list[str] = []
    bold: list[str] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontItalic():
                italic.append(fragment.text())
            if fragment.charFormat().fontWeight() > 500:
                bold.append(fragment.text())
            it += 1
        block = block.next()
    return italic, bold

def test_underscore_emphasis_goes_to_anki_as_the_app_draws_it(qapp):
    bank = Bank(id="b", title="B", questions=(MultipleChoice(
        id="q", prompt=PROMPT, choices=(Choice(text="yes"), Choice(text="no")), correct=0),))
    front = _front(apkg_bytes(bank)[0])
    assert "<i>Kantor</i>" in front
    assert "<b>trade representative</b>" in front
    assert "snake_case_name" in front and "2_000_000" in front
    assert "a/<i>path</i>/b" in front
    # the app draws the same words so
    assert _styled_words(PROMPT) == (["Kantor", "path"], ["trade representative"])
