"""A source text's paragraphs, numbered as the bank's sources count them.

A paragraph is text between blank lines. As the bundled bank's header
explains, a reader counts the body paragraphs only: a headline, a byline,
"Advertisement" or "Share via" is not a paragraph. So a block counts when it
ends like a sentence (. ! ? … or a closing quote or bracket after one);
Markdown headings (#) never count. The editor's article pane numbers them so
(authoring/article.py), and `quizapp validate` checks a source's paragraph
numbers against them (core/quotes.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Paragraph:
    number: int
    start: int  # character offsets in the article's text
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    found: list[Paragraph] = []
    position = 0
    for piece in _BLANK_LINES.split(text.replace("\r\n", "\n")) + [""]:
        start = text.find(piece, position) if piece else position
        body = piece.strip()
        position = start + len(piece)
        if not body or body.startswith("#") or not _SENTENCE_END.search(body):
            continue
        offset = start + piece.find(body)
        found.append(Paragraph(len(found) + 1, offset, offset + len(body), body))
    return found


def block_count(text: str) -> int:
    """How many blocks of text stand between blank lines, headings and bylines included:
    the most paragraphs any way of counting them could find."""
    return sum(1 for piece in _BLANK_LINES.split(text.replace("\r\n", "\n")) if piece.strip())
