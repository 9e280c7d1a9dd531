"""Line breaks inside a paragraph of a Moodle text, kept.

Moodle shows a `<br>` (Atto's Shift+Enter, a line of a moodle_auto_format text) as a new
line; in Markdown a single newline is a space, so "Consider:<br>x = 5<br>y = 3" read as
"Consider:\\nx = 5\\ny = 3" showed on one line. Such a break becomes a Markdown hard break,
a backslash ending the line, which the app shows as a new line. Moodle's own Markdown has no
backslash break: a Moodle XML export writes it as two spaces ending the line, which Moodle
reads as a break, and the import reads those back as a backslash break.
"""

from __future__ import annotations

import re

_BR = re.compile(r"<br\s*/?\s*>", re.I)
_PRE = re.compile(r"<pre\b.*?</pre\s*>", re.I | re.S)
HARD_BREAK = "\\\n"  # Markdown's hard break, as quizapp writes it
_BACKSLASH_BREAK = re.compile(r"(?<!\\)((?:\\\\)*)\\\n")
_SPACES_BREAK = re.compile(r"(?<=\S) {2,}\n(?=.)")  # Markdown's other one: two spaces


def mark_breaks(html_text: str) -> tuple[str, str | None]:
    """`html_text` with each <br> outside <pre> replaced by a character the text does not
    hold, and that character (None: the text has no <br>)."""
    if "<br" not in html_text.lower():
        return html_text, None
    mark = next((chr(c) for c in range(0xE000, 0xF900) if chr(c) not in html_text), None)
    if mark is None:
        return html_text, None
    pieces: list[str] = []
    at = 0
    for block in _PRE.finditer(html_text):  # a <pre>'s lines are its own
        pieces += [_BR.sub(mark, html_text[at:block.start()]), block.group(0)]
        at = block.end()
    pieces.append(_BR.sub(mark, html_text[at:]))
    return "".join(pieces), mark


def hard_breaks(markdown: str, mark: str | None, *, lines: bool = True) -> str:
    """`markdown` converted from a text marked by mark_breaks, each mark as Markdown: a hard
    break inside a paragraph, a new paragraph for two or more in a row, nothing at a
    paragraph's ends; a space in a table's row, or everywhere when not `lines` (a value
    shown on one line)."""
    if mark is None or mark not in markdown:
        return markdown
    runs = re.compile(rf"[ \t]*{re.escape(mark)}[{re.escape(mark)} \t]*")
    out: list[str] = []
    for line in markdown.split("\n"):
        if not lines or line.lstrip().startswith("|"):
            out.append(runs.sub(" ", line))
            continue
        line = runs.sub(lambda m: "\0\0" if m.group(0).count(mark) > 1 else "\0", line)
        line = line.strip("\0 \t")
        out.append(line.replace("\0\0", "\n\n").replace("\0", HARD_BREAK))
    return "\n".join(out)


def breaks_read_back(markdown: str) -> str:
    """Markdown read from a file (Moodle's markdown format): a line ending in two spaces,
    its hard break, as a backslash break (which trimming the line keeps)."""
    return _SPACES_BREAK.sub(HARD_BREAK, markdown)


def breaks_for_moodle(markdown: str) -> str:
    """quizapp's Markdown for Moodle's: a backslash break as two spaces ending the line (a
    backslash written as '\\\\' before a line's end is a backslash, not a break)."""
    if HARD_BREAK not in markdown:
        return markdown
    return _BACKSLASH_BREAK.sub(lambda m: m.group(1) + "  \n", markdown)
