"""An article beside a bank: its paragraphs, numbered as the bank's sources count them.

A paragraph is text between blank lines. As the bundled bank's header
explains, a reader counts the body paragraphs only: a headline, a byline,
"Advertisement" or "Share via" is not a paragraph. So a block counts when it
ends like a sentence (. ! ? … or a closing quote or bracket after one);
Markdown headings (#) never count.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_PARAGRAPH_FIELD = re.compile(r"\bparagraph:[ \t]*\[?([0-9][0-9, \t]*)")
_PARAGRAPH_TEXT = re.compile(r"^\s*source:\s*[\"']?paragraphs?\s+([0-9][0-9,\sand]*)", re.M)


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


def paragraph_at(paragraph_list: list[Paragraph], offset: int) -> Paragraph | None:
    """The paragraph that holds character ``offset`` (or the nearest one before it)."""
    best = None
    for paragraph in paragraph_list:
        if paragraph.start <= offset:
            best = paragraph
        else:
            break
    return best


def questions_per_paragraph(blocks: list[str]) -> Counter:
    """How many questions cite each paragraph, read from each block's ``source``."""
    counts: Counter = Counter()
    for block in blocks:
        numbers: set[int] = set()
        for match in _PARAGRAPH_FIELD.finditer(block):
            numbers.update(int(n) for n in re.findall(r"[0-9]+", match.group(1)))
        for match in _PARAGRAPH_TEXT.finditer(block):
            numbers.update(int(n) for n in re.findall(r"[0-9]+", match.group(1)))
        counts.update(numbers)
    return counts
