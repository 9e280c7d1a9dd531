"""GIFT's text cut into question blocks: escapes swapped for private-use characters
(Codec) so that nothing escaped is read as syntax, comment lines kept with their question
(Moodle's [id:...] and [tag:...]), blocks ended by blank lines (split_blocks). Read by
quizapp.interop.gift."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gift_writer import FLASHCARD_MARK

_ESCAPED = "\\~=#{}:n"
_ESCAPE_RE = re.compile(r"\\([\\~=#{}:n])")


class Codec:
    """Swaps GIFT escapes for private-use characters that the file does not contain."""

    def __init__(self, text: str) -> None:
        present = set(text)
        width = len(_ESCAPED)
        base, self.collides = 0xE000, False
        while any(chr(base + i) in present for i in range(width)):
            base += width
            if 0xF8FF - width < base < 0xF0000:
                base = 0xF0000  # on to the supplementary private-use planes
            elif base > 0x10FFFD - width:
                base, self.collides = 0xE000, True  # a file made to exhaust them all
                break
        self.to_private = {c: chr(base + i) for i, c in enumerate(_ESCAPED)}
        self.from_private = {v: ("\n" if k == "n" else k) for k, v in self.to_private.items()}
        self._private_re = re.compile("[" + "".join(self.from_private) + "]")

    def protect(self, text: str) -> str:
        if self.collides:
            text = self._private_re.sub("", text)
        return _ESCAPE_RE.sub(lambda m: self.to_private[m.group(1)], text)

    def restore(self, text: str) -> str:
        return self._private_re.sub(lambda m: self.from_private[m.group(0)], text)


# `quizapp export` writes this comment before a flashcard, which goes out as a short
# answer (Moodle has no flashcards) and so comes back as a flashcard.


@dataclass
class Block:
    line: int  # first line of the block in the file
    text: str  # escapes protected, comment lines removed
    flashcard: bool = False  # FLASHCARD_MARK stood just before it
    # its '//' comment lines as written (Moodle reads a question's comments, not those
    # standing alone between blank lines, for its [id:...] and [tag:...])
    comments: tuple[str, ...] = ()


# Moodle 4's GIFT comment "// [id:my-id] [tag:alpha] [tag:beta]": the question's ID number
# and tags, each with ']' written '\]' and no control character, as qformat_gift reads
# them (it also refuses a tag holding '<', '>' or '`', which quizapp's export warns about
# and quizapp reads).
_COMMENT_ID = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
_COMMENT_TAG = re.compile(r"\[tag:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")


def comment_id_and_tags(comments: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """The [id:...] (the first one) and the [tag:...]s of a question's comment lines."""
    text = "\n".join(comments)
    found = _COMMENT_ID.search(text)
    idnumber = found.group(1).replace("\\]", "]").strip() if found else None
    tags = (t.replace("\\]", "]").strip() for t in _COMMENT_TAG.findall(text))
    return idnumber or None, tuple(dict.fromkeys(t for t in tags if t))


def split_blocks(text: str, codec: Codec) -> list[Block]:
    """Split into question blocks at blank lines.

    A blank line inside an open {...} does not end the question when the next
    line goes on with answers (=, ~, #, }), so a missing '}' spoils one
    question, not the rest of the file.
    """
    blocks: list[Block] = []
    lines: list[str] = []
    start = 0
    depth = 0
    gap = False
    marked = card = False
    comments: list[str] = []  # the current block's
    pending: list[str] = []  # those since the last blank line, before the next block
    for number, raw in enumerate(text.splitlines(), start=1):
        line = codec.protect(raw)
        if line.lstrip().startswith("//"):
            marked = marked or raw.strip() == FLASHCARD_MARK
            (comments if lines and not gap else pending).append(raw.strip())
            continue
        if not line.strip():
            gap = bool(lines)
            pending = []  # comments standing alone belong to no question
            continue
        if gap and not (depth > 0 and line.lstrip()[:1] in ("=", "~", "#", "}", "%")):
            blocks.append(Block(start, "\n".join(lines), card, tuple(comments)))
            lines, depth, comments = [], 0, []
        gap = False
        if not lines:
            start = number
            card, marked = marked, False
        comments += pending
        pending = []
        lines.append(line)
        depth += line.count("{") - line.count("}")
    if lines:
        blocks.append(Block(start, "\n".join(lines), card, tuple(comments)))
    return blocks
