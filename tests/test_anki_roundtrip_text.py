"""An Anki deck through `import` and `export` and back into Anki: each field's text comes
back as Anki showed it ('<', '&', a literal '&nbsp;' or '&lt;'), and the bank read from
the exported deck is the bank read from the teacher's deck."""

from __future__ import annotations

import html
import re

import pytest
from helpers import anki_deck

from quizapp.interop import import_with_media
from quizapp.interop.apkg import apkg_bytes

anki_collection = pytest.importorskip("anki.collection")  # the test dependency `anki`

# (Front, Back) as Anki stores them: HTML
NOTES = [
    ("Java: List&lt;String&gt; means?", "a list of strings; x &lt; y &amp;&amp; y &gt; z"),
    ("Who is AT&amp;T?", "a company"),
    ("HTML &lt;b&gt;bold&lt;/b&gt; tags", "use &amp;nbsp; for a space"),
    ("Write &amp;lt; for <b>less</b>", "&amp;#60; works too, and &amp;amp; is '&amp;'"),
    ("Fish &amp; chips &amp;c.", "R&amp;D and a&amp;b;c"),
]


def html_to_text(field: str) -> str:
    """A field as Anki shows it: its tags gone (<br> a line break), its references read."""
    return html.unescape(re.sub(r"<[^>]*>", "", field.replace("<br>", "\n")))


def _notes(col, deck):
    for front, back in NOTES:
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = front, back
        col.add_note(note, deck)


def _shown_in_anki(package) -> list[tuple[str, str]]:
    """Each note's Front and Back as Anki shows them (their HTML as text), after Anki's own
    library has imported `package`, in the order of NOTES."""
    col = anki_collection.Collection(str(package.parent / "readback" / "collection.anki2"))
    try:
        col.import_anki_package(anki_collection.ImportAnkiPackageRequest(
            package_path=str(package), options=anki_collection.ImportAnkiPackageOptions()))
        fields = [col.get_note(nid).fields for nid in col.find_notes("")]
    finally:
        col.close()
    return [(html_to_text(f[0]), html_to_text(f[1])) for f in fields]


def test_anki_text_comes_back_unchanged_both_ways(tmp_path, qapp):
    from quizapp.rendering.markdown import safe_document

    source = anki_deck(tmp_path, "Text", _notes, "text.apkg", with_scheduling=False)
    first = import_with_media(source).bank
    expected = [(html_to_text(front), html_to_text(back)) for front, back in NOTES]
    # quizapp shows what Anki showed
    shown = [(safe_document(q.prompt).toPlainText(), safe_document(q.back).toPlainText())
             for q in first.questions]
    assert shown == expected

    exported = tmp_path / "again" / "again.apkg"
    exported.parent.mkdir()
    data, _ = apkg_bytes(first)
    exported.write_bytes(data)
    (tmp_path / "again" / "readback").mkdir()
    back_in_anki = sorted(_shown_in_anki(exported))
    assert [front for front, _ in back_in_anki] == sorted(front for front, _ in expected)
    # the back is followed by quizapp's id mark, on a line of its own
    for (_, back), (_, shown_back) in zip(sorted(expected), back_in_anki, strict=True):
        assert shown_back.split("\n")[0] == back

    again = import_with_media(exported).bank
    assert [(q.prompt, q.back) for q in again.questions] == [
        (q.prompt, q.back) for q in first.questions]
