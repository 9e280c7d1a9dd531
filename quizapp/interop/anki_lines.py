"""An Anki field's lines as Anki shows them, in Markdown.

Anki's editor starts a new line with <br> (or a <div>); a raw line break in a field's HTML is
white space, which Anki shows as a space. The HTML reader (moodle_html) turns both into a
single newline, which Markdown reads as a space too: "The mitochondrion<br>(plural:
mitochondria)" was one line in quizapp. So the raw breaks become spaces before the field is
read, and each single newline the reader writes inside a paragraph a Markdown hard break (a
backslash at the line's end), which the app, the PDF and the .apkg export all show as a line
break. Blank lines, list items, table rows and code blocks are left as they are.
"""

from __future__ import annotations

import re

from .anki_cloze import BLANK_CLOSE, BLANK_OPEN

_PRE_OPEN = re.compile(r"<pre\b", re.I)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.I)
_RAW_BREAK = re.compile(r"\r\n|[\r\n]")
# A line Markdown reads as the start of a block of its own, not a paragraph's next line
# (the reader escapes '#', '>', '=' and '-' at a line's start, so those are not looked for;
# a table's rows are found as tables, a line starting with '|' alone is a paragraph's)
_BLOCK_START = re.compile(r"[ \t]*(?:[*+-](?:[ \t]|$)|[0-9]{1,9}[.)](?:[ \t]|$)|```|~~~)")
_BARE_ITEM = re.compile(r"[ \t]*(?:[*+-]|[0-9]{1,9}[.)])")  # a list item's marker, its text below
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_TRAILING_BACKSLASHES = re.compile(r"\\+$")


def html_line_breaks_as_spaces(html: str) -> str:
    """The field's HTML with its raw line breaks as spaces, as a browser shows them (kept
    inside <pre>, where they are lines)."""
    if "\n" not in html and "\r" not in html:
        return html
    out, pos = [], 0
    # found with two searches, each from where the last one ended (a lazy '<pre.*?</pre>'
    # scans to the end for every '<pre' left open: 20,000 of them took 25 s)
    while (opening := _PRE_OPEN.search(html, pos)) is not None:
        closing = _PRE_CLOSE.search(html, opening.end())
        end = closing.end() if closing is not None else len(html)  # open to the end
        out.append(_RAW_BREAK.sub(" ", html[pos:opening.start()]))
        out.append(html[opening.start():end])
        pos = end
    out.append(_RAW_BREAK.sub(" ", html[pos:]))
    return "".join(out)


# A comment, a tag (a quoted attribute may hold '>'), a '<' of neither, or a run of text.
# No token reaches past the next '<' (an attribute holding '<' splits its tag; every token
# is written out as it was), so that 20,000 '<a' without a '>' take linear time: with
# tokens reaching further, such a field of 40 kB took 95 s.
_TOKEN = re.compile(
    r"""<!--[^<>]*-->|<\s*(/?)\s*([A-Za-z][\w-]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>|<|[^<]+""")
# Blocks the HTML reader itself sets apart (paragraphs, items, tables...), whose breaks are its
_OTHER_BLOCKS = frozenset(
    "p li ul ol dl dt dd table thead tbody tfoot tr td th caption h1 h2 h3 h4 h5 h6 pre "
    "blockquote hr section article header footer figure figcaption nav aside address "
    "details summary center".split())
_CONTENT_TAGS = frozenset("img svg math video audio object embed input iframe".split())
# A line of no text, only spaces: an empty line, as a <br> alone (Anki's old <div>&nbsp;</div>)
_EMPTY_LINE = re.compile(r"<br>(?:\s|&nbsp;|&#160;|&#xa0;|\xa0)*(?=<br>)", re.I)


def div_lines(html: str) -> str:
    """Anki's <div>s as the lines a browser draws them: a <div> starts a line and adds no gap
    ('<div>a</div><div>b</div>' is two lines, one under the other, as in Anki's editor), and
    an empty line is a <div> of its own with a <br> ('<div><br></div>'), which is two <br>s
    here. The HTML reader took each <div> for a paragraph, a line apart: Anki's lines came in
    a line apart, and its empty lines, the gaps between its paragraphs, could not be told
    from them. Other blocks (paragraphs, lists, tables) are left to the reader."""
    if "<div" not in html and "<DIV" not in html and "<Div" not in html:
        return html
    out: list[str] = []
    has_content = False  # the line being drawn holds something
    pending = False  # a <div> ended that line: the next content starts a new one
    for m in _TOKEN.finditer(html):
        token = m.group(0)
        name = (m.group(2) or "").lower()
        if name == "div":
            pending = pending or has_content
            has_content = False
            continue
        if name in _OTHER_BLOCKS:
            pending = has_content = False
        elif name == "br":
            if pending:
                out.append("<br>")
            pending = has_content = False
        elif (not name and not token.startswith("<!--") and token.strip()) or (
                name in _CONTENT_TAGS and not m.group(1)):
            if pending:
                out.append("<br>")
            pending = False
            has_content = True
        out.append(token)
    return _EMPTY_LINE.sub("<br>", "".join(out))


def _table_rows(lines: list[str]) -> set[int]:
    """The lines of the tables (a row of cells, the rule under it, and the rows after it):
    a line that merely starts with '|' is a paragraph's."""
    rows: set[int] = set()
    for i in range(len(lines) - 1):
        if i not in rows and lines[i].lstrip().startswith("|") and _TABLE_RULE.fullmatch(
                lines[i + 1]):
            j = i
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                rows.add(j)
                j += 1
    return rows


def hard_line_breaks(markdown: str) -> str:
    """Each newline between two lines of one paragraph made a hard line break, and an item
    whose text starts on a line of its own (<li><p>x</p></li>) written on its marker's."""
    if "\n" not in markdown:
        return markdown
    lines: list[str] = []
    pending = markdown.split("\n")
    i = 0
    while i < len(pending):  # in one pass: a field may hold thousands of items
        line = pending[i]
        following = pending[i + 1] if i + 1 < len(pending) else ""
        if _BARE_ITEM.fullmatch(line) and following.strip() and not _BLOCK_START.match(
                following):
            lines.append(f"{line} {following.strip()}")
            i += 2
        else:
            lines.append(line)
            i += 1
    tables = _table_rows(lines)
    fence: str | None = None  # the open code fence's backticks or tildes
    in_blank = False  # inside a cloze blank's answer, which the learner types on one line
    for i, line in enumerate(lines[:-1]):
        if BLANK_OPEN in line or BLANK_CLOSE in line:
            ends = max(line.rfind(BLANK_OPEN), line.rfind(BLANK_CLOSE))
            in_blank = line[ends] == BLANK_OPEN
        if in_blank:
            continue
        opened = _FENCE.match(line)
        if fence is not None:
            if opened is not None and opened.group(1).startswith(fence):
                fence = None
            continue
        if opened is not None:
            fence = opened.group(1)
            continue
        following = lines[i + 1]
        if (not line.strip() or not following.strip() or i in tables or i + 1 in tables
                or _BLOCK_START.match(following)):
            continue
        ending = _TRAILING_BACKSLASHES.search(line)
        if ending is not None and len(ending.group(0)) % 2:
            continue  # a backslash of its own would make the break show as a backslash
        lines[i] = line + "\\"
    return "\n".join(lines)


def after_front(front: str, back: str) -> str:
    """A back that repeats the front without Anki's answer rule, on a line of its own
    (after a blank line or a line break), without that repeat."""
    for joint in ("\n", "\\\n"):
        if front and back.startswith(front + joint):
            return back[len(front) + len(joint):].strip()
    return back
