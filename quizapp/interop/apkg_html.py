"""Our Markdown as the HTML of an Anki card's fields, as the app shows it (rendering/
markdown.py): escaped text with bold, italics, strikethrough, code, links, line breaks,
tables and lists; never the bank's own HTML. Made for a card's texts together
(card_htmls) or a whole bank's texts of one part at once (bank_htmls): most texts are
plain words, which are found cheaply and written as they are."""

from __future__ import annotations

import bisect
import html
import itertools
import operator
import re

from ._common import code_spans
from .apkg_lists import ITEM, list_html

_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _cells(row: str) -> list[str]:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row)]


# What _inline does more than escape: code spans, bold, italics, strikethrough, links,
# backslash escapes, NULs dropped, line breaks. Most texts hold none of these and skip
# straight to the end.
_MARKUP_CHARS = re.compile(r"[`*_~\[\\\0\n]")
_BOLD = re.compile(r"\*\*(?=\S)([^*\n]+)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)([^*\n]+)(?<=\S)\*(?![*\w])")
# _italic_ and __bold__ as GitHub's Markdown reads them (the app's, rendering/markdown.py):
# not inside a word: snake_case_names stay as typed, as they do in the app
_UNDER_BOLD = re.compile(r"(?<!\w)__(?=[^\s_])([^_\n]+)(?<=[^\s_])__(?!\w)")
_UNDER_ITALIC = re.compile(r"(?<!\w)_(?=[^\s_])([^_\n]+)(?<=[^\s_])_(?!\w)")
_STRUCK = re.compile(r"~~(?=\S)([^~\n]+)(?<=\S)~~")
# [text](address), not a picture's ![description](path) (_inline_pictures makes those)
_LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_WEB_LINK = re.compile(r"(?:https?://|mailto:)[^\s\"<>]+", re.I)
# A Markdown backslash escape, after html.escape: the character shows as itself ('\\' is
# one backslash); a backslash ending a line is a line break (what anki_lines writes)
_ESCAPE = re.compile(r"\\(&lt;|&gt;|&amp;|[!-%'-/:;=?@\[\\\]^_`{|}~])")
_CODE_MARK = re.compile("\0(\\d+)\0")
# A code span that is one formula of Anki's MathJax, inline or displayed
MATHJAX = re.compile(r"\\\((?:(?!\\\)).)+\\\)|\\\[(?:(?!\\\]).)+\\\]", re.S)
# A list item's start (or more: apkg_lists.ITEM decides): with no markup character or line break
# anywhere and no such start, markdown_html is html.escape(text.strip(), quote=False), written out.
# The characters are found with `in` (five scans, 6x faster than _MARKUP_CHARS.search) and
# the regex runs only on a text starting like an item: "-", "+" or a digit (isdecimal, as
# \d is); "*" is a markup character.
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")


def markdown_html(text: str) -> str:
    """Our Markdown as safe HTML, as the app shows it: escaped text with bold, italics,
    code, line breaks, and the blocks the app draws (tables, bulleted and numbered lists)."""
    stripped = text.strip()
    if not ("*" in stripped or "`" in stripped or "\\" in stripped or "\n" in stripped
            or "\0" in stripped or "~" in stripped or "[" in stripped or "_" in stripped) and not (
            ((first := stripped[:1]) == "-" or first == "+" or first.isdecimal())  # \d
            and _LIST_ITEM.match(stripped)):
        # looked for first: replace() counts through the text even when it finds nothing
        if "&" in stripped:
            return _inline(stripped)  # it may hold a character reference ('&lt;')
        if "<" in stripped or ">" in stripped:
            return stripped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return stripped
    if "\n" not in stripped and ITEM.match(stripped) is None:
        return _inline(stripped)  # one paragraph: no block to look for
    lines = stripped.split("\n")
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(_inline("\n".join(paragraph)))
            paragraph.clear()

    gap = False  # a blank line ended the paragraph before: the next one is a line apart
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(
                lines[i + 1]):
            flush()
            gap = False
            head = _cells(line)
            rows = []
            i += 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            cell = 'style="border: 1px solid #999; padding: 4px 8px;"'
            # a header of empty cells is a table that had none (Markdown's tables need
            # one: the import writes it so for an Anki table of plain rows)
            html_rows = ["<tr>" + "".join(f"<th {cell}>{_inline(c)}</th>" for c in head)
                         + "</tr>"] if any(head) else []
            html_rows += ["<tr>" + "".join(f"<td {cell}>{_inline(c)}</td>" for c in row)
                          + "</tr>" for row in rows]
            out.append('<table style="border-collapse: collapse;">' + "".join(html_rows)
                       + "</table>")
            continue
        if ITEM.match(line):
            flush()
            gap = False
            made, i = list_html(lines, i, _inline)
            out.append(made)
            continue
        if line.strip():
            if gap and not paragraph:
                # "p1<br>p2" shows two lines in Anki, not two paragraphs: the blank line
                # between them is a second <br> (which the import reads back as one)
                out.append("<br>")
            gap = False
            paragraph.append(line)
        elif paragraph:
            flush()
            out.append("<br>")
            gap = True
        i += 1
    flush()
    return "".join(out)


_FIRST_CHARACTER = operator.itemgetter(slice(0, 1))  # "" for ""


def card_htmls(texts: list[str]) -> list[str]:
    """[markdown_html(text) for text in texts], the texts of one card looked at together: when
    none holds a markup character or one to escape, and each starts with a letter (so
    not like a list item), each is its stripped text. Eleven `in` scans of them all, not
    one call of eight scans per text: most cards' texts are plain words."""
    stripped = list(map(str.strip, texts))  # map, not a comprehension: a call less
    together = "".join(stripped)
    if "".join(map(_FIRST_CHARACTER, stripped)).isalpha() and not (
            "*" in together or "`" in together or "\\" in together or "\n" in together
            or "\0" in together or "&" in together or "<" in together or ">" in together
            or "~" in together or "[" in together or "_" in together):
        return stripped
    return [markdown_html(text) for text in texts]


# What makes a text more than itself as HTML (markdown_html's shortcut does not apply): one of
# these characters anywhere (markup, or one to escape), or a start that may be a list
# item's ('-', '+', a digit). bank_htmls looks for them in texts joined by \x1f, where a
# text's start is the character after one.
_NOT_PLAIN_CHARACTERS = "*`\\\n\0~[_&<>"
_LIST_LIKE_START = re.compile(r"\x1f[-+\d]")  # (its literal first: re skips from one to the next)


def bank_htmls(texts: list[str]) -> list[str]:
    """[markdown_html(text) for text in texts] for a whole bank's texts of one part (its
    prompts, its explanations). Each character that makes a text more than its stripped
    self is looked for in them all joined (str.find, a fast scan: one regular expression
    for them all over the joined texts took 2-4x card_htmls' time per card), and only the
    texts where one is found are made one by one (a prompt and an explanation looked at
    per card, card_htmls, were 10% of the export's time)."""
    out = list(map(str.strip, texts))
    joined = "\x1f" + "\x1f".join(out)  # each text after a separator, the first too
    present = [c for c in _NOT_PLAIN_CHARACTERS if c in joined]
    starts = _LIST_LIKE_START.search(joined)
    if not present and starts is None:
        return out
    # where each text ends in `joined` (its next separator): its length, those before it
    # and a separator each
    ends = list(map(operator.add, itertools.accumulate(map(len, out)),
                    range(1, len(out) + 1)))
    needing_html = set()  # the texts that are more than their stripped selves
    for character in present:
        at = joined.find(character)
        while at != -1:
            i = bisect.bisect_left(ends, at)  # the text holding it (ends[i] >= at)
            needing_html.add(i)
            at = joined.find(character, ends[i])  # on from the next text
    while starts is not None:
        i = bisect.bisect_left(ends, starts.end() - 1)  # the text it starts
        needing_html.add(i)
        starts = _LIST_LIKE_START.search(joined, starts.end())
    for i in needing_html:
        out[i] = markdown_html(texts[i])
    return out


def _inline(text: str) -> str:
    """One run of text as HTML: escaped, with bold, italics, code spans and line breaks."""
    out = html.escape(text.strip(), quote=False)
    if _MARKUP_CHARS.search(out) is None:  # plain text: escaping was all (1/3 of the export)
        return _references(out) if "&" in text else out
    # Code spans are set apart first so that a * inside them stays literal.
    code: list[str] = []
    if "`" in out:  # (each step below is skipped when the text lacks what it looks for)
        pieces, pos = [], 0
        for start, end in code_spans(out, escapes=True):
            ticks = len(out[start:end]) - len(out[start:end].lstrip("`"))
            inner = out[start + ticks : end - ticks].strip()
            # TeX kept as its source (quizapp typesets none) is math again in Anki, whose
            # MathJax typesets \(...\) and \[...\], but never inside <code>
            code.append(inner if MATHJAX.fullmatch(inner) else f"<code>{inner}</code>")
            pieces += [out[pos:start].replace("\0", ""), f"\0{len(code) - 1}\0"]
            pos = end
        pieces.append(out[pos:].replace("\0", ""))
        out = "".join(pieces)
    elif "\0" in out:
        out = out.replace("\0", "")
    if "\\" in out:  # '\*' is an asterisk, set apart like code so that it stays one
        def escaped(m: re.Match) -> str:
            code.append(m.group(1))
            return f"\0{len(code) - 1}\0"

        out = _ESCAPE.sub(escaped, out).replace("\\\n", "\n")
    if "&" in text:
        out = _references(out)
    if "*" in out:
        # [^*\n] keeps each try short: these stay linear on hostile text.
        out = _BOLD.sub(r"<b>\1</b>", out)
        out = _ITALIC.sub(r"<i>\1</i>", out)
    if "_" in out:
        out = _UNDER_BOLD.sub(r"<b>\1</b>", out)
        out = _UNDER_ITALIC.sub(r"<i>\1</i>", out)
    if "~" in out:
        out = _STRUCK.sub(r"<s>\1</s>", out)
    if "[" in out:
        out = _LINK.sub(_link, out)
    if code:
        out = _CODE_MARK.sub(lambda m: code[int(m.group(1))], out)
    return out.replace("\n", "<br>")


# A Markdown character reference ('&lt;', '&#60;', '&nbsp;'), after html.escape
_REFERENCE = re.compile(r"&amp;(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)")


def _reference(m: re.Match) -> str:
    character = html.unescape("&" + m.group(1))
    if character == "&" + m.group(1):
        return m.group(0)  # no such reference: Markdown shows it as written
    return html.escape(character, quote=False)


def _references(escaped: str) -> str:
    """Escaped text with each character reference the Markdown held shown as Markdown
    shows it: '&lt;' in the bank is '<' in the app, so '&lt;' in Anki, not '&amp;lt;'.
    (Code spans and backslash escapes are set apart before this.)"""
    return _REFERENCE.sub(_reference, escaped)


def _link(m: re.Match) -> str:
    """A Markdown link as the app shows it: a web or mail address as a link, anything else
    (a path in the bank's folder, a javascript: address) as its text alone."""
    address = html.unescape(m.group(2))
    if _WEB_LINK.fullmatch(address) is None:
        return m.group(1)
    return f'<a href="{html.escape(address)}">{m.group(1)}</a>'
