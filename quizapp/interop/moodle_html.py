"""Moodle's question texts as Markdown that means what the teacher wrote.

`html_to_text` (in _common.py) reads HTML as flowing text, which is right for an Anki
note but loses meaning in a Moodle question: a table's cells ran together, E=mc<sup>2</sup>
became E=mc2, <pre> spacing collapsed. Here a table becomes a Markdown table, <sup>/<sub>
Unicode superscript/subscript characters (or ^(...) / _(...) with a note when there are
none), <pre> a fenced code block. Markdown cannot typeset TeX, so \\(...\\), \\[...\\] and
$$...$$ are kept as their source in code formatting, with a note. Plain text
(format="plain_text") is escaped so that Markdown shows it exactly as written.

Each converter returns the Markdown and the notes (what was changed, in a teacher's words)
for the reader to report against the question.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

from ._common import NESTED_INDENT, ImageHook, _TextExtractor, neutralize_html
from .moodle_common import PLUGINFILE

_SUPERSCRIPT = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
_SUBSCRIPT = str.maketrans("0123456789+-=()aehklmnopstx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕₖₗₘₙₒₚₛₜₓ")
_SCRIPTS = {"sup": (_SUPERSCRIPT, "superscript", "^"), "sub": (_SUBSCRIPT, "subscript", "\\_")}

# The delimiters Moodle's MathJax and TeX filters typeset by default.
_TEX = re.compile(r"\\\((?:.|\n)+?\\\)|\\\[(?:.|\n)+?\\\]|\$\$(?:.|\n)+?\$\$")
_BLOCK_MARK = re.compile("\x00(\\d+)\x00")  # where a finished table or code block goes
_BACKTICK_RUN = re.compile(r"`+")


def code_span(text: str) -> str:
    """`text` shown literally: fenced by more backticks than any run inside it."""
    longest = max((len(m.group(0)) for m in _BACKTICK_RUN.finditer(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _code_block(text: str) -> str:
    longest = max((len(m.group(0)) for m in _BACKTICK_RUN.finditer(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text.strip(chr(10))}\n{fence}"


def _tex_note(source: str) -> str:
    return (f"the TeX math '{' '.join(source.split())}' is shown as its TeX source: quizapp "
            "does not typeset math")


def tex_as_code(text: str, notes: list[str], escape: bool = False) -> str:
    """TeX math kept as its source in code spans (Markdown would eat its backslashes), with
    a note for each; with `escape`, the text around it escaped as Markdown."""
    out, pos = [], 0
    for m in _TEX.finditer(text):
        out.append(_escape_inline(text[pos:m.start()]) if escape else text[pos:m.start()])
        notes.append(_tex_note(m.group(0)))
        out.append(code_span(" ".join(m.group(0).split())))
        pos = m.end()
    out.append(_escape_inline(text[pos:]) if escape else text[pos:])
    return "".join(out)


# What Markdown reads as markup inside a line: emphasis, code, strikethrough, escapes, and
# brackets (the text "[list](https://...)" or "![x](y.png)" would become a link or a
# picture; the links the HTML has are made from its <a> tags by markdown_link). '<' is left
# to neutralize_html, which escapes only what could be a tag.
_MARKDOWN_INLINE = re.compile(r"([\\`*_~\[\]])")
_MARKDOWN_LINE_START = re.compile(r"^([ \t]*)([#>+=-])", re.M)
_NUMBERED_LINE = re.compile(r"^([ \t]*\d+)([.)])", re.M)


def _escape_inline(text: str) -> str:
    return _MARKDOWN_INLINE.sub(r"\\\1", text)


def _escape_line_starts(text: str) -> str:
    """Escape what would start a heading, quote, list or rule at the start of a line."""
    return _NUMBERED_LINE.sub(r"\1\\\2", _MARKDOWN_LINE_START.sub(r"\1\\\2", text))


class _Table:
    def __init__(self, start: int) -> None:
        self.start = start  # where the table began in the parts
        self.rows: list[list[str]] = []
        self.headings: list[bool] = []  # whether each row is all <th>
        self.row: list[str] | None = None
        self.row_headings = True
        self.cell_start: int | None = None
        self.cell_span = 1


@dataclass(frozen=True, slots=True)
class _DataRun:
    """The text last handed to handle_data, as read and as written into the parts."""

    index: int  # its place in the parts
    raw: str
    text: str
    notes: int  # how many notes there were before it


class _MoodleHtml(_TextExtractor):
    """html_to_text's reader, with tables, <pre>, <sup>/<sub> and TeX kept."""

    def __init__(self, image: ImageHook | None, escape: bool) -> None:
        super().__init__(image)
        self.escape = escape  # text is prose: Markdown characters in it are meant literally
        self.notes: list[str] = []
        self.blocks: list[str] = []  # finished tables and code blocks, by their mark
        self._pre_start: int | None = None
        self._pre_depth = 0
        self._tables: list[_Table] = []
        self._scripts: list[tuple[str, int]] = []
        self._underlined: list[int] = []  # where each open <u> starts in the parts
        self._data_run: _DataRun | None = None

    def _collapse(self, start: int, replacement: str) -> None:
        """parts[start:] becomes one piece; open emphasis and links inside it are forgotten."""
        self.parts[start:] = [replacement]
        keep = [i for i, at in enumerate(self._open) if at < start]
        self._open = [self._open[i] for i in keep]
        self._open_depth = [self._open_depth[i] for i in keep]
        self._links = [link for link in self._links if link[0] < start]

    def _mark(self, block: str) -> str:
        self.blocks.append(block)
        return f"\n\n\x00{len(self.blocks) - 1}\x00\n\n"

    def handle_starttag(self, tag, attrs):
        self._data_run = None  # a tag ends a run of text
        if self._skipping or tag in self.SKIP:
            super().handle_starttag(tag, attrs)
        elif tag == "pre":
            if not self._pre_depth:
                self._pre_start = len(self.parts)
            self._pre_depth += 1
        elif self._pre_depth:
            if tag == "br":
                self.parts.append("\n")
        elif tag in _SCRIPTS:
            self._scripts.append((tag, len(self.parts)))
        elif tag == "u":
            self._underlined.append(len(self.parts))
        elif tag == "table":
            self._tables.append(_Table(len(self.parts)))
        elif tag == "tr" and self._tables:
            self._end_row(self._tables[-1])
            self._tables[-1].row, self._tables[-1].row_headings = [], True
        elif tag in ("td", "th") and self._tables:
            table = self._tables[-1]
            self._end_cell(table)
            if table.row is None:
                table.row, table.row_headings = [], True
            table.row_headings &= tag == "th"
            table.cell_start = len(self.parts)
            span = dict(attrs).get("colspan") or "1"
            # isascii: "²".isdigit() is True, and int() refuses it
            table.cell_span = (min(int(span), 20) if span.isascii() and span.isdigit()
                               and int(span) > 0 else 1)
        else:
            super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self._data_run = None  # a tag ends a run of text
        if self._skipping or tag in self.SKIP:
            super().handle_endtag(tag)
        elif tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
            if not self._pre_depth:
                self._end_pre()
        elif self._pre_depth:
            return
        elif tag in _SCRIPTS and self._scripts and self._scripts[-1][0] == tag:
            self._end_script(*self._scripts.pop())
        elif tag == "u" and self._underlined:
            shown = " ".join("".join(self.parts[self._underlined.pop():]).split())
            if shown:
                self.notes.append(f"the underlined text {shown!r} is not underlined: "
                                  "Markdown has no underline")
        elif tag in ("td", "th") and self._tables:
            self._end_cell(self._tables[-1])
        elif tag == "tr" and self._tables:
            self._end_row(self._tables[-1])
        elif tag == "table" and self._tables:
            self._end_table(self._tables.pop())
        elif tag not in ("td", "th", "tr", "table"):
            if tag == "a" and self._links:
                self._link_left_out(*self._links[-1])
            super().handle_endtag(tag)

    def _link_left_out(self, start: int, href: str | None) -> None:
        """A note for a link to a file that came with the question (a sound, a PDF), which
        quizapp drops (markdown_link keeps web and mail addresses only): what the question
        gave the learner is gone. A path or a script ('javascript:', an Anki template's)
        points at nothing the file holds, and goes as it did, without a word."""
        where = (href or "").strip()
        if not where.startswith(PLUGINFILE):
            return
        inner = " ".join("".join(self.parts[start:]).split())
        kept = f"its text {inner!r} stays" if inner else "it had no text"
        name = unquote(where[len(PLUGINFILE):])
        self.notes.append(f"the link to the file {name!r} that came with the question was "
                          f"left out (quizapp keeps only pictures); {kept}")

    def handle_data(self, data):
        if self._skipping:
            return
        if self._pre_depth:
            self.parts.append(data)
            return
        run = self._data_run
        if run is not None and len(self.parts) == run.index + 1 and self.parts[-1] is run.text:
            # The parser hands over text in pieces (a bare '<' ends one, as in the TeX
            # '\\(x < y\\)'): the piece joins the text before it, to find TeX across both.
            self.parts.pop()
            del self.notes[run.notes:]
            data = run.raw + data
        else:
            run = None
        notes = len(self.notes)
        if any(self.parts[i] == "`" for i in self._open):  # in <code>: shown as written
            self.parts.append(data)
            self._data_run = None
            return
        text = tex_as_code(data, self.notes, self.escape)
        before = "".join(self.parts[-3:]).rstrip(" \t")
        if self.escape and (not before or before.endswith("\n")):
            text = _escape_line_starts(text)  # the data starts a line
        self.parts.append(text)
        self._data_run = _DataRun(len(self.parts) - 1, data, text, notes)

    # -- finishing pieces ------------------------------------------------------------

    def _end_pre(self) -> None:
        start = self._pre_start if self._pre_start is not None else len(self.parts)
        code = "".join(self.parts[start:]).replace("\xa0", " ").replace("\r", "")
        self._pre_start = None
        if not code.strip():
            self._collapse(start, "")
        elif self._tables and self._tables[-1].cell_start is not None:
            # A Markdown table's cell is one line: the code goes in as a code span.
            line = " ".join(code.split())
            self.notes.append(f"the code block {line!r} in a table cell is written on one line")
            self._collapse(start, code_span(line))
        else:
            self._collapse(start, self._mark(_code_block(code)))

    def _end_script(self, tag: str, start: int) -> None:
        inner = "".join(self.parts[start:])
        shown = " ".join(inner.split())
        if not shown:
            return
        table, name, marker = _SCRIPTS[tag]
        if all(ord(c) in table for c in shown):
            self._collapse(start, shown.translate(table))
            return
        written = f"{marker}({shown})"
        self.notes.append(f"the {name} {shown!r} is written {written.replace(chr(92), '')}")
        self._collapse(start, written)

    def _end_cell(self, table: _Table) -> None:
        if table.cell_start is None:
            return
        text = " ".join("".join(self.parts[table.cell_start:]).split())
        # A finished block inside the cell (none is made there; kept as a safety net): its
        # text, on one line, rather than its mark.
        text = _BLOCK_MARK.sub(lambda m: " ".join(self.blocks[int(m.group(1))].split()), text)
        self._collapse(table.cell_start, "")
        if table.row is None:
            table.row = []
        cell = neutralize_html(text).replace("|", "\\|")
        table.row += [cell] + [""] * (table.cell_span - 1)
        table.cell_start, table.cell_span = None, 1

    def _end_row(self, table: _Table) -> None:
        self._end_cell(table)
        if table.row:
            table.rows.append(table.row)
            table.headings.append(table.row_headings)
        table.row = None

    def _end_table(self, table: _Table) -> None:
        self._end_row(table)
        stray = " ".join("".join(self.parts[table.start:]).split())  # a <caption>, say
        lead = f"\n{stray}\n" if stray else ""
        if not table.rows:
            self._collapse(table.start, lead)
            return
        if self._tables:  # a table inside a table's cell: Markdown has no such thing
            flat = " / ".join(" · ".join(c for c in row if c) for row in table.rows)
            self.notes.append(f"a table inside a table is written as the line {flat!r}")
            self._collapse(table.start, f"{lead} {flat} ")
            return
        width = max(len(row) for row in table.rows)
        rows = [row + [""] * (width - len(row)) for row in table.rows]
        header = rows.pop(0) if table.headings[0] else [""] * width
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        self._collapse(table.start, lead + self._mark("\n".join(lines)))

    def finish(self) -> None:
        """Close what the HTML left open."""
        while self._tables:
            self._end_table(self._tables.pop())
        if self._pre_depth:
            self._pre_depth = 0
            self._end_pre()


def moodle_html_to_markdown(html: str, image: ImageHook | None = None, *, escape: bool = True,
                            nested_lists: bool = False) -> tuple[str, list[str]]:
    """Markdown for a Moodle HTML text, and a note for each thing Markdown could not say.
    `escape`: the text's own '*', '_', '[' ... are shown as written (False for texts whose
    characters are syntax of their own, such as embedded answers). `nested_lists`: a list
    inside a list's item is indented under it (else every item is at the left margin)."""
    parser = _MoodleHtml(image, escape)
    parser.nested_lists = nested_lists
    # NUL marks where a finished table or code block goes (_BLOCK_MARK); a text has none
    # (nor, when lists are nested, the mark of their indent).
    html = html.replace("\x00", "")
    parser.feed(html.replace(NESTED_INDENT, "") if nested_lists else html)
    parser.close()
    parser.finish()
    for start in reversed(parser._open):  # never closed
        del parser.parts[start]
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if escape:
        # an '&' the text shows, where Markdown would read a character reference
        # ('&nbsp;' typed as text would show as a space): escaped, as plain text is
        text = literal_tags(escape_entities(text))
    else:
        text = neutralize_html(text)
    text = _BLOCK_MARK.sub(lambda m: parser.blocks[int(m.group(1))], text)
    return (text.replace(NESTED_INDENT, " ") if nested_lists else text), parser.notes


# '<' where a tag could start, unless a backslash already escapes it (an odd run of them).
_BARE_TAG_START = re.compile(r"(?<!\\)((?:\\\\)*)<(?=[A-Za-z/!?])")
_ESCAPED_TAG_START = re.compile(r"(?<!\\)((?:\\\\)*)\\<(?=[A-Za-z/!?])")


def _outside_code(text: str, change) -> str:
    from quizapp.core.markup import code_spans

    out, pos = [], 0
    for start, end in code_spans(text):
        out.append(change(text[pos:start]))
        out.append(text[start:end])
        pos = end
    out.append(change(text[pos:]))
    return "".join(out)


def literal_tags(text: str) -> str:
    """Prose whose '<b>' is text, not a tag: each '<' that could start a tag written as the
    entity '&lt;', which Markdown shows as '<'. An escaped '\\<' would show the same (and
    `quizapp validate` takes neither for a typed tag); the entity is what this has written."""
    if "<" not in text:
        return text
    return _outside_code(text, lambda part: _BARE_TAG_START.sub(
        r"\1&lt;", _ESCAPED_TAG_START.sub(r"\1&lt;", part)))


def neutralize_markdown(text: str) -> str:
    """Markdown read from a file (Moodle's markdown format, GIFT's [markdown]) with anything
    tag-like shown literally: like neutralize_html, but a '\\<' already escaped (as quizapp
    wrote it) stays as it is, so that a text read, written and read again is unchanged."""
    if "<" not in text:
        return text
    return _outside_code(text, lambda part: _BARE_TAG_START.sub(r"\1\\<", part))


_MARKDOWN_ANYWHERE = re.compile(r"([\\`*_\[\]<|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# a character reference Markdown reads (and, unlike 'R&D;', changes), unless escaped
_REFERENCE = re.compile(
    r"(?<!\\)((?:\\\\)*)&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)")


def escape_entities(text: str) -> str:
    """Text whose '&lt;' or '&nbsp;' is meant as written: the '&' of each character
    reference escaped ('\\&lt;'), outside code spans (where Markdown reads none)."""
    if "&" not in text:
        return text

    def escape(m: re.Match) -> str:
        if html.unescape("&" + m.group(2)) == "&" + m.group(2):
            return m.group(0)  # not a reference: shown as written already
        return f"{m.group(1)}\\&{m.group(2)}"

    return _outside_code(text, lambda part: _REFERENCE.sub(escape, part))


def plain_text_to_markdown(text: str) -> tuple[str, list[str]]:
    """Moodle's plain text as Markdown that shows it exactly as written: every character
    Markdown would read as markup escaped, and each line break kept (Moodle shows plain
    text's line breaks)."""
    notes: list[str] = []
    # TeX becomes a code span, as in HTML texts (its backslashes escaped, it would become a
    # code span with doubled backslashes when read back from Moodle's markdown format)
    tex: list[str] = []

    def hold(m: re.Match) -> str:
        notes.append(_tex_note(m.group(0)))
        tex.append(code_span(" ".join(m.group(0).split())))
        return f"\x00{len(tex) - 1}\x00"

    text = _TEX.sub(hold, text.replace("\x00", ""))
    text = _MARKDOWN_ANYWHERE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _escape_line_starts(text)
    # a backslash at a line's end is Markdown's line break; a blank line stays a paragraph
    text = re.sub(r"(?<=\S)\n(?=[ \t]*\S)", "\\\\\n", text)
    text = literal_tags(text)
    return _BLOCK_MARK.sub(lambda m: tex[int(m.group(1))], text), notes


def markdown_tex_as_code(text: str) -> tuple[str, list[str]]:
    """Moodle Markdown with its TeX kept as code (outside the code spans already there)."""
    from quizapp.core.markup import code_spans

    notes: list[str] = []
    out, pos = [], 0
    for start, end in code_spans(text):
        out.append(tex_as_code(_tex_unescaped(text[pos:start]), notes))
        out.append(text[start:end])
        pos = end
    out.append(tex_as_code(_tex_unescaped(text[pos:]), notes))
    return "".join(out), notes


_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _tex_unescaped(text: str) -> str:
    """Markdown's escapes inside TeX resolved: Moodle renders the Markdown before its TeX
    filter reads the math, so '$$\\\\frac$$' in Markdown is the TeX '$$\\frac$$', and
    the code span that keeps it must say so (a code span shows its backslashes as typed)."""
    def resolve(m: re.Match) -> str:
        source = m.group(0)
        opening = 2  # '$$', '\\(' and '\\[' are all two characters long, as are closings
        return source[:opening] + _MARKDOWN_ESCAPE.sub(r"\1", source[opening:-2]) + source[-2:]

    return _TEX.sub(resolve, text)
