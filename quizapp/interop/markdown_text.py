"""The bank's Markdown as the words a learner reads, on one line: for the places where
Moodle shows, and compares, plain text, as a flashcard's back written as the one answer
of a short answer question. Written there as it stood, 'The \\*mitochondrion\\*\\' (an
imported Anki card's escapes and line break) was the answer a learner had to type.

Pure Python on purpose: the GIFT and Moodle XML exports run without Qt (pdf.py is the one
interop module that needs it). The rules follow what the app draws (Qt's Markdown, HTML
off): code spans and backslash escapes are literal; emphasis, strikethrough, link and
picture marks, headings, quotes and list markers are not words; a picture is its
description; a line break is a space.
"""

from __future__ import annotations

import html
import re

from quizapp.core.markup import code_spans
from quizapp.core.model import Flashcard

# A backslash escape: the character shows as itself ('\\' is one backslash)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_KEPT = re.compile("\0(\\d+)\0")  # a code span or escaped character, set apart
_PICTURE = re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\([^()\s]*\)")
_LINE_MARK = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)",
                        re.M)
# [^*\n] and the like keep each try short: linear on hostile text
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1")
_STAR = re.compile(r"(?<!\*)\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?!\*)")  # in a word too: 2*3*4
_UNDERSCORE = re.compile(r"(?<![_\w])_(?=\S)([^_\n]+?)(?<=\S)_(?![_\w])")  # never in a word
_STRUCK = re.compile(r"~~(?=\S)([^~\n]+?)(?<=\S)~~")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)


def shown_line(markdown: str) -> str:
    """The words `markdown` shows, on one line ('The \\*mitochondrion\\*\\' and a new line
    '(plural: mitochondria)' -> 'The *mitochondrion* (plural: mitochondria)')."""
    kept: list[str] = []

    def keep(text: str) -> str:
        kept.append(text)
        return f"\0{len(kept) - 1}\0"

    text = markdown.replace("\0", "")
    if "`" in text:
        pieces, pos = [], 0
        for start, end in code_spans(text, escapes=True):
            ticks = len(text[start:end]) - len(text[start:end].lstrip("`"))
            pieces += [text[pos:start], keep(text[start + ticks : end - ticks].strip())]
            pos = end
        text = "".join(pieces) + text[pos:]
    text = _ESCAPE.sub(lambda m: keep(m.group(1)), text)
    text = text.replace("\\\n", "\n")  # a hard line break: a space, as every line break
    text = _PICTURE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TABLE_RULE.sub("", text)
    text = _LINE_MARK.sub("", text)
    for pattern, kept_part in ((_STRONG, r"\2"), (_STAR, r"\1"), (_UNDERSCORE, r"\1"),
                               (_STRUCK, r"\1")):
        text = pattern.sub(kept_part, text)
    text = html.unescape(text)  # '&amp;' shows as '&' (no HTML tag is read: it stays text)
    text = _KEPT.sub(lambda m: kept[int(m.group(1))], text)
    return " ".join(text.split())


def card_answer(card: Flashcard) -> str:
    """The answer a flashcard's back makes in Moodle, where a typed answer is plain text
    on one line: the words the back shows (its text as written, when it shows none: a
    picture without a description)."""
    return shown_line(card.back) or " ".join(card.back.split())


# A flashcard whose back is empty (back: ""): Moodle's short answer it would become needs an
# answer, and an empty one is no answer to Moodle.
EMPTY_BACK = ("question {id!r}: its back is empty, and Moodle's short answer it would become "
              "needs an answer (the back); it was left out")
