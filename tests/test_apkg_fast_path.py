"""The .apkg export's fast paths equal the plain ones: markdown_html's shortcut for text with no
markup, and NoteRows' batches of rows against genanki's own notes, note for note."""

from __future__ import annotations

import gc
import html
import io
import itertools
import re
import sqlite3
from urllib.parse import quote

import genanki
import pytest
from helpers import package_collection_bytes
from hypothesis import given, settings
from hypothesis import strategies as st

import quizapp.interop.apkg as apkg
import quizapp.interop.apkg_collection as apkg_collection
import quizapp.interop.apkg_html as apkg_html
import quizapp.interop.apkg_lists as apkg_lists
import quizapp.interop.apkg_rows as apkg_rows
from quizapp.core.loader import load_bank
from quizapp.core.markup import code_spans
from quizapp.core.model import Cloze
from quizapp.core.paths import bundled_banks_dir
from quizapp.interop.apkg_kept import first_answers


# The reference: markdown_html and _inline as they were before the shortcuts (main).
def plain_html(text: str) -> str:
    """Our Markdown as safe HTML, as the app shows it: escaped text with bold, italics,
    code, line breaks, and the blocks the app draws (tables, bulleted and numbered lists)."""
    lines = text.strip().split("\n")
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(_plain_inline("\n".join(paragraph)))
            paragraph.clear()

    gap = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("|") and i + 1 < len(lines) and apkg_html._TABLE_RULE.match(
                lines[i + 1]):
            flush()
            gap = False
            head = apkg_html._cells(line)
            rows = []
            i += 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(apkg_html._cells(lines[i]))
                i += 1
            cell = 'style="border: 1px solid #999; padding: 4px 8px;"'
            html_rows = ["<tr>" + "".join(f"<th {cell}>{_plain_inline(c)}</th>" for c in head)
                         + "</tr>"] if any(head) else []
            html_rows += ["<tr>" + "".join(f"<td {cell}>{_plain_inline(c)}</td>" for c in row)
                          + "</tr>" for row in rows]
            out.append('<table style="border-collapse: collapse;">' + "".join(html_rows)
                       + "</table>")
            continue
        if apkg_lists.ITEM.match(line):  # (lists have no shortcut: the same reader)
            flush()
            gap = False
            made, i = apkg_lists.list_html(lines, i, _plain_inline)
            out.append(made)
            continue
        if line.strip():
            if gap and not paragraph:
                out.append("<br>")  # paragraphs a line apart
            gap = False
            paragraph.append(line)
        elif paragraph:
            flush()
            out.append("<br>")
            gap = True
        i += 1
    flush()
    return "".join(out)


def _plain_inline(text: str) -> str:
    """One run of text as HTML: escaped, with bold, italics, code spans and line breaks."""
    out = html.escape(text.strip(), quote=False)
    # Code spans are set apart first so that a * inside them stays literal.
    code: list[str] = []
    pieces, pos = [], 0
    for start, end in code_spans(out, escapes=True):
        ticks = len(out[start:end]) - len(out[start:end].lstrip("`"))
        inner = out[start + ticks : end - ticks].strip()
        code.append(inner if apkg_html.MATHJAX.fullmatch(inner) else f"<code>{inner}</code>")
        pieces += [out[pos:start].replace("\0", ""), f"\0{len(code) - 1}\0"]
        pos = end
    pieces.append(out[pos:].replace("\0", ""))
    out = "".join(pieces)

    def escaped(m: re.Match) -> str:  # a Markdown backslash escape: the character itself
        code.append(m.group(1))
        return f"\0{len(code) - 1}\0"

    # ('\\' is one backslash; a backslash ending a line, a line break)
    out = re.sub(r"\\(&lt;|&gt;|&amp;|[!-%'-/:;=?@\[\\\]^_`{|}~])", escaped, out)
    out = out.replace("\\\n", "\n")
    # a character reference ('&lt;' in the Markdown) is the character it names
    out = re.sub(r"&amp;(#?\w+;)",
                 lambda m: html.escape(html.unescape("&" + m.group(1)), quote=False), out)
    # [^*\n] keeps each try short: these stay linear on hostile text.
    out = re.sub(r"\*\*(?=\S)([^*\n]+)(?<=\S)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<![*\w])\*(?=\S)([^*\n]+)(?<=\S)\*(?![*\w])", r"<i>\1</i>", out)
    out = re.sub(r"(?<!\w)__(?=[^\s_])([^_\n]+)(?<=[^\s_])__(?!\w)", r"<b>\1</b>", out)
    out = re.sub(r"(?<!\w)_(?=[^\s_])([^_\n]+)(?<=[^\s_])_(?!\w)", r"<i>\1</i>", out)
    out = re.sub(r"~~(?=\S)([^~\n]+)(?<=\S)~~", r"<s>\1</s>", out)
    out = re.sub(r"(?<!!)\[([^\[\]\n]+)\]\(([^()\s]+)\)", apkg_html._link, out)
    out = re.sub("\0(\\d+)\0", lambda m: code[int(m.group(1))], out)
    return out.replace("\n", "<br>")


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab *_`\\\n\0<>&\"' x\t|-+1.)~[]()!/") | st.characters(),
               max_size=40))
def test_html_equals_the_plain_version(text):
    assert apkg_html.markdown_html(text) == plain_html(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from("ab *_`\\\n\0<>&\"' x\t|-+1.)\u0663") | st.characters(),
                        max_size=12), max_size=6))
def test_card_htmls_equals_markdown_html_text_by_text(texts):
    assert apkg_html.card_htmls(texts) == [plain_html(text) for text in texts]


def test_card_htmls_examples():
    for texts in (["Plain", "words"], ["Plain", "1. item"], ["Plain", "- item"], ["A", ""],
                  ["", ""], [" Padded ", "Ünï"], ["A", "\u0663) digit"], ["A & B", "C"],
                  ["A", "*b*"], ["A", "b\nc"], ["Why?", "(paren)"], []):
        assert apkg_html.card_htmls(texts) == [plain_html(text) for text in texts], texts


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from("ab *_`\\\n\0<>&\"' x\t|-+1.)~[\x1f\u0663") | st.characters(),
                        max_size=12), max_size=8))
def test_bank_htmls_equals_markdown_html_text_by_text(texts):
    assert apkg_html.bank_htmls(texts) == [plain_html(text) for text in texts]


def test_bank_htmls_examples():
    """A bank's prompts at once: the few that are more than their stripped selves found
    wherever they are (first, last, next to each other, after an empty one)."""
    for texts in ([], [""], ["Plain", " words "], ["*a*", "b"], ["a", "*b*"], ["a", "", "1. x"],
                  ["- item", "-", "+ plus"], ["a\x1f1. x", "b"], ["x & y", "<tag>", "fine"],
                  ["\u0663) digit", "ok"], ["a_b", "c_d", "e"], ["", "", "`c`"],
                  ["x&", "&y"], ["line\nbreak"] * 3):
        assert apkg_html.bank_htmls(texts) == [plain_html(text) for text in texts], texts


def test_html_examples():
    for text in ("plain words", "**bold** and *it*", "`code * x`", "a\nb", "\\<tag>", "a\0b",
                 "  padded  ", "5 < 6 & 7 > 3", "- a bullet", "1. first", "  * star item",
                 "| a | b |\n| --- | --- |\n| 1 | 2 |", "- one\n- two", "2) second", "-not",
                 "\u0663. arabic-indic digit", "\uff11) fullwidth", "+ plus", "+", "1.", "1. ",
                 "12.x", "-\x1cseparator", "* star", "&amp; <b>", "3 < 4", "~~gone~~",
                 "[site](https://example.org)", "[file](notes.txt)", "![p](a.png)", "\\*a\\*",
                 "\\\\", "a \\[b\\](c)", "List&lt;T&gt; &amp;&amp; &nbsp;x",
                 "AT&T &c; &#60;b> \\&lt; `&lt;`", "**&lt;b>** &#x3C;", "_it_ and __bold__",
                 "snake_case_name", "\\_not\\_", "`_code_`", "a/_path_/b"):
        assert apkg_html.markdown_html(text) == plain_html(text)


def _tables(data: bytes) -> dict[str, list[tuple]]:
    db = package_collection_bytes(data)
    conn = sqlite3.connect(":memory:")
    conn.deserialize(db)
    tables = {name: conn.execute(f"SELECT * FROM {name} ORDER BY id").fetchall()
              for name in ("notes", "cards")}
    tables["col"] = conn.execute("SELECT models, decks FROM col").fetchall()
    conn.close()
    return tables


class PlainRows(apkg_collection.NoteRows):
    """The reference for NoteRows: each note a genanki.Note of its deck, numbered and
    written by genanki (two execute calls a note), its guid in genanki's own digits and
    its question's id marked as quote() writes it."""

    def add(self, deck, guid, guid_number, front, back, question_id, tag_text):
        mark = f"<!-- quizapp id: {quote(question_id, safe='')} -->" if question_id else ""
        deck.add_note(genanki.Note(model=self.model, fields=[front, back + mark],
                                   guid=guid or genanki_base91(guid_number),
                                   tags=tag_text.split()))


def test_note_rows_write_what_genanki_writes(monkeypatch):
    monkeypatch.setattr("time.time", lambda: 1_760_000_000.25)  # the same ids in both
    for path in sorted(bundled_banks_dir().glob("*.yaml")):
        bank = load_bank(path).raise_for_errors()
        fast, current = apkg.apkg_bytes(bank, legacy=True)[0], apkg.apkg_bytes(bank)[0]
        monkeypatch.setattr(apkg, "NoteRows", PlainRows)
        plain, _ = apkg.apkg_bytes(bank, legacy=True)
        monkeypatch.undo()
        monkeypatch.setattr("time.time", lambda: 1_760_000_000.25)
        fast_tables, plain_tables = _tables(fast), _tables(plain)
        assert len(fast_tables["notes"]) == len(bank.questions) > 0
        assert len(fast_tables["cards"]) == len(bank.questions)
        assert fast_tables == plain_tables
        # the current format: the same, but for the sort fields Anki works out itself
        current_tables = _tables(current)
        assert current_tables["notes"] == [(*note[:7], "", *note[8:])
                                           for note in fast_tables["notes"]]
        assert current_tables["cards"] == fast_tables["cards"]
        guids = sorted(note[1] for note in fast_tables["notes"])
        assert guids == sorted(genanki.guid_for("quizapp", bank.id, q.id)
                               for q in bank.questions)


def _package_of(rows_class, model, rows, genanki_notes=()):
    """The package of one deck holding `rows` (guid, front, back, tags) made by rows_class,
    and genanki's own notes after them."""
    deck = genanki.Deck(apkg.stable_id("deck", "x"), "X")
    out = io.BytesIO()
    with rows_class(model, 1_760_000_000.25, len(rows), sort_fields=True) as note_rows:
        for n, (guid, front, back, tags) in enumerate(rows):
            note_rows.add(deck, guid, 91**n + 7 * n, front, back, f"q{n} é/x" if n % 2 else "",
                          apkg_collection.anki_tag_text(tags))
        for guid, front in genanki_notes:
            deck.add_note(genanki.Note(model=model, fields=[front, "b"], guid=guid))
        apkg_collection.write_package(genanki.Package(deck), note_rows, out)
    return _tables(out.getvalue())


def test_note_rows_on_odd_fronts():
    """Fronts card_sides never makes: empty (genanki makes no card, and numbers on), one
    that SQLite's integer affinity turns into a number, blank, and tags; and genanki's
    own notes after the rows (a note of several cards), numbered after them."""
    bank = load_bank(sorted(bundled_banks_dir().glob("*.yaml"))[0]).raise_for_errors()
    model = apkg._model(bank)
    rows = [("g1", "", "b", []), ("g2", "42", "b", ["x"]), ("g3", " ", "", ["a_b", "c"]),
            ("g4", "0", "0", []), ("", "<b>x</b>", "y", ["t"]), ("", "", "", [])]
    later = [("g7", "seven"), ("g8", "")]
    fast = _package_of(apkg_collection.NoteRows, model, rows, later)
    plain = _package_of(PlainRows, model, rows, later)
    assert len(fast["notes"]) == 8 and len(fast["cards"]) == 5
    assert fast == plain


def test_note_rows_take_the_ids_genanki_takes():
    bank = load_bank(sorted(bundled_banks_dir().glob("*.yaml"))[0]).raise_for_errors()
    model = apkg._model(bank)
    for fronts in (["a", "b", "c"], ["a", "", "c"], []):
        note_rows = apkg_collection.NoteRows(model, 1_760_000_000.25, len(fronts),
                                             sort_fields=True)
        deck = genanki.Deck(1, "X")
        for n, front in enumerate(fronts):
            note_rows.add(deck, f"g{n}", 0, front, "back", f"q{n}",
                          apkg_collection.anki_tag_text([]))
        plain = genanki.Deck(1, "X")
        for n, front in enumerate(fronts):
            plain.add_note(genanki.Note(model=model, fields=[front, "back"], guid=f"g{n}"))
        ids = itertools.count(1_760_000_000_250)  # int(timestamp * 1000), as NoteRows
        conn = sqlite3.connect(":memory:")
        genanki.Package(plain).write_to_db(conn.cursor(), 1_760_000_000.25, ids)
        conn.close()
        assert next(ids) == note_rows.next_id, fronts


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text())
def test_guid_for_equals_genankis(bank_id, question_id):
    assert apkg.guid_for("quizapp", bank_id, question_id) == genanki.guid_for(
        "quizapp", bank_id, question_id)


def genanki_base91(number: int) -> str:
    """genanki.util.guid_for's digits, as genanki writes them."""
    digits = []
    while number > 0:
        digits.append(genanki.util.BASE91_TABLE[number % 91])
        number //= 91
    return "".join(reversed(digits))


def test_base91_equals_genankis_digits():
    edges = [0, 1, 90, 91, 92, 8280, 8281, 8282, 91**3 - 1, 91**3, 91**4, 2**64 - 1]
    for number in edges + [91**k * d for k in range(10) for d in (1, 2, 90)]:
        assert apkg_rows.base91(number) == genanki_base91(number), number


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_base91_on_any_64_bit_number(number):
    assert apkg_rows.base91(number) == genanki_base91(number)


def test_base91_digits_are_genankis():
    assert apkg_rows.BASE91 == "".join(genanki.util.BASE91_TABLE)


def test_note_digests_are_each_questions_note_digest():
    bank = load_bank(sorted(bundled_banks_dir().glob("*.yaml"))[-1]).raise_for_errors()
    assert apkg._note_digests(bank.id, bank.questions) == [
        apkg.note_digest(bank.id, q.id) for q in bank.questions]


@pytest.mark.parametrize("text", [
    "The {{answer}} is here.", "{{ padded | other }} and {{second|two|three}}",
    "{{}} empty", "{{a|}} {{|b}}", "line {{across\nlines|x}}", "no blank at all",
    "{{one}}{{two}}", "unicode {{Étude | é}}"])
def test_first_answers_are_each_blanks_first(text):
    q = Cloze(id="c", prompt="", text=text)
    assert first_answers(q) == [variants[0] for variants in q.blanks]


def test_an_export_pauses_the_cycle_collector_and_leaves_it_as_it_was(monkeypatch):
    bank = load_bank(sorted(bundled_banks_dir().glob("*.yaml"))[-1]).raise_for_errors()
    collector_on = []  # at each note made
    add = apkg_collection.NoteRows.add

    def recording_add(self, *args):
        collector_on.append(gc.isenabled())
        add(self, *args)

    monkeypatch.setattr(apkg_collection.NoteRows, "add", recording_add)
    was_enabled = gc.isenabled()  # (the suite's is off: tests/conftest.py)
    try:
        gc.enable()
        apkg.apkg_bytes(bank)
        assert collector_on and not any(collector_on)
        assert gc.isenabled()
        gc.disable()
        apkg.apkg_bytes(bank)
        assert not gc.isenabled()
        # an export that fails turns it back on too
        monkeypatch.setattr(apkg_collection.NoteRows, "add", _failing_add)
        gc.enable()
        with pytest.raises(OSError, match="disk full"):
            apkg.apkg_bytes(bank)
        assert gc.isenabled()
    finally:
        (gc.enable if was_enabled else gc.disable)()


def _failing_add(self, *args):
    raise OSError("disk full")
