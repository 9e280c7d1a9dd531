"""A cloze's text as the words the quiz lays out around its blanks, with their Markdown.

The cloze widget shows its text word by word (a FlowLayout of labels, a line edit for each
blank), so that the blanks sit in the text as it wraps. The text is parsed as the bank's
other text is (quizapp/rendering/markdown.py: safe Markdown, HTML off, only the bank's own
pictures), with a placeholder character standing for each blank, and then cut into words:
"**voluntary** plan" shows "voluntary" in bold, "\\*" a literal asterisk, and a blank
inside emphasis ("**{{Kantor}}**") is a blank like any other.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont, QTextCharFormat, QTextImageFormat, QTextListFormat

from quizapp.rendering.markdown import is_long, safe_document


@dataclass(frozen=True, slots=True)
class ClozeWord:
    """A word of the text: `text` as it reads; `html` its formatting (None: plain text)."""

    text: str
    html: str | None = None


@dataclass(frozen=True, slots=True)
class ClozeBlank:
    """Blank number `index` (0, 1, ...) of the question's blanks."""

    index: int


@dataclass(frozen=True, slots=True)
class ClozeBreak:
    """What follows starts a new line (a new paragraph, list item or line break)."""


ClozePiece = ClozeWord | ClozeBlank | ClozeBreak

_NUMBERED = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}
_LINE_SEPARATOR = "\u2028"  # Qt's hard line break inside a paragraph
_OBJECT = "\ufffc"  # a picture's place in a document's text

# Markdown's backslash escapes and HTML's character references, as an importer writes a
# literal '<b>' or '*' ("\\<b>", "&lt;b>"): shown as the characters they stand for in the
# plain-text fallback too.
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")


def _as_written(text: str) -> str:
    return html.unescape(_ESCAPED.sub(r"\1", text)) if ("\\" in text or "&" in text) else text


def _placeholder(text: str) -> str | None:
    """A private-use character the text does not hold, to stand for each blank."""
    return next((chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text), None)


def cloze_pieces(
    segments: list[str | int], bank_dir: str | Path | None = None,
    pending: list[str] | None = None,
) -> list[ClozePiece]:
    """The words, blanks and line breaks a cloze shows, from its `segments()`. Given a
    `pending` list, a picture too big to decode on the GUI thread is words saying it is
    loading, and its key goes in the list (rendering/markdown.py)."""
    blanks = sum(1 for s in segments if isinstance(s, int))
    literal = "".join(s for s in segments if isinstance(s, str))
    mark = _placeholder(literal)
    source = "".join(s if isinstance(s, str) else (mark or "") for s in segments)
    if mark is not None and not is_long(source):
        pieces = _markdown_pieces(source, mark, bank_dir, pending)
        # A blank Markdown swallowed (one written inside a link's address, say) would
        # leave the question unanswerable: such a text is shown as written instead.
        if sum(1 for p in pieces if isinstance(p, ClozeBlank)) == blanks:
            return pieces
    return _plain_pieces(segments)


def _plain_pieces(segments: list[str | int]) -> list[ClozePiece]:
    """The text's words as typed (a very long text, or one whose blanks Markdown hides)."""
    pieces: list[ClozePiece] = []
    for segment in segments:
        if isinstance(segment, int):
            pieces.append(ClozeBlank(segment))
            continue
        for p, paragraph in enumerate(segment.split("\n\n")):
            if p:
                pieces.append(ClozeBreak())
            pieces.extend(ClozeWord(word) for word in _as_written(paragraph).split())
    return pieces


class _Words:
    """Collects the runs of one word at a time into ClozeWords."""

    def __init__(self) -> None:
        self.pieces: list[ClozePiece] = []
        self._text: list[str] = []
        self._html: list[str] = []
        self._formatted = False

    def add(self, text: str, fmt: QTextCharFormat) -> None:
        shown = html.escape(text)
        for opening, closing, applies in (
            ("<code>", "</code>", fmt.fontFixedPitch() or "monospace" in (fmt.fontFamilies() or [])),
            ("<s>", "</s>", fmt.fontStrikeOut()),
            ("<i>", "</i>", fmt.fontItalic()),
            ("<b>", "</b>", fmt.fontWeight() >= QFont.Weight.DemiBold),
        ):
            if applies:
                shown = f"{opening}{shown}{closing}"
                self._formatted = True
        self._text.append(text)
        self._html.append(shown)

    def add_picture(self, picture: QTextImageFormat) -> None:
        # Its name is the one safe_document left: a file inside the bank's folder or a
        # cleaned SVG's data URL; a width and height when it shrank a wide picture.
        size = "".join(f' {attribute}="{round(value)}"' for attribute, value in (
            ("width", picture.width()), ("height", picture.height())) if value > 0)
        self._html.append(f'<img src="{html.escape(picture.name(), quote=True)}"{size}>')
        self._formatted = True

    @property
    def started(self) -> bool:
        """Whether anything has been shown yet (a first paragraph needs no break)."""
        return bool(self.pieces or self._html)

    def end(self) -> None:
        if self._html:
            text = "".join(self._text)
            self.pieces.append(ClozeWord(text, "".join(self._html) if self._formatted else None))
        self._text, self._html, self._formatted = [], [], False

    def put(self, piece: ClozePiece) -> None:
        self.end()
        self.pieces.append(piece)


def _markdown_pieces(source: str, mark: str, bank_dir: str | Path | None,
                     pending: list[str] | None) -> list[ClozePiece]:
    doc = safe_document(source, bank_dir, pending=pending)
    words = _Words()
    blank = 0
    # a blank, a line break, or the spaces (and pictures' places) between words
    cut = re.compile(f"({mark}|{_LINE_SEPARATOR}|(?:[^\\S{_LINE_SEPARATOR}]|{_OBJECT})+)")
    block = doc.begin()
    while block.isValid():
        if words.started:
            words.put(ClozeBreak())
        listed = block.textList()
        if listed is not None:
            numbered = listed.format().style() in _NUMBERED
            words.put(ClozeWord(listed.itemText(block) if numbered else "•"))
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            if not fragment.isValid():
                continue
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                words.add_picture(fmt.toImageFormat())
                continue
            for part in cut.split(fragment.text()):
                if part == mark:
                    words.put(ClozeBlank(blank))
                    blank += 1
                elif part == _LINE_SEPARATOR:
                    words.put(ClozeBreak())
                elif part.isspace() or _OBJECT in part:
                    words.end()
                elif part:
                    words.add(part, fmt)
        words.end()
        block = block.next()
    return words.pieces
