"""Safe Markdown for bank text, as documents and HTML (Qt's GUI module, no widgets).

Bank files are data written by anyone, so their text is rendered with Qt's
Markdown parser with HTML switched off: `<script>` or `<img src=...>` typed in a
bank shows up as literal text. Markdown images are only kept when they point at
a file inside the bank's own folder; anything else (a web address, an absolute
path, `../` escapes) is replaced by its description as text, so nothing is ever
fetched or read from elsewhere. A picture that should be there but is not shows
as "[image missing: NAME]"; an SVG is drawn cleaned of the files it names.

Screens (quizapp/gui/markdown.py) and printed formats (quizapp/interop/pdf.py) both
render through this module, so the formats never depend on a screen.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument

from quizapp.core.bank_folder import inside_bank_folder
from quizapp.core.text_limits import MARKDOWN_RENDER_LIMIT
from quizapp.rendering.pictures import MAX_PICTURE_WIDTH, Pending, preparer

CHUNK_CHARS = 2_000  # the longest paragraph a long plain text is shown in
# Lists nested deeper are shown as typed: Qt lays nested lists out in a time that grows
# with the cube of their depth ("- - - ... x": 100 levels 48 ms, 400 0.3 s, 800 1.6 s,
# 4,990 in 10,000 characters 88 s), and no bank nests them past a few levels.
MAX_LIST_LEVELS = 20

# md4c's MD_FLAG_UNDERLINE, which Qt's GitHub dialect switches on: `_word_` and `__word__`
# were underlined (they looked like links), where GitHub, and every Markdown this format
# follows, reads them as italic and bold.
_UNDERLINE = 0x4000
MARKDOWN_FEATURES = QTextDocument.MarkdownFeature(
    (QTextDocument.MarkdownFeature.MarkdownNoHTML
     | QTextDocument.MarkdownFeature.MarkdownDialectGitHub).value & ~_UNDERLINE
)


def safe_local_file(
    bank_dir: str | Path | None, reference: str, *, must_exist: bool = True
) -> Path | None:
    """The file the Markdown image URL `reference` names inside `bank_dir`, or None if it
    is not a safe local file (the rule: quizapp.core.bank_folder.inside_bank_folder)."""
    if not reference or ":" in reference:  # a scheme (file:a.png): QUrl.path() drops it
        return None
    # Markdown names a picture as a URL: "my%20map.png" is the file "my map.png".
    return inside_bank_folder(bank_dir, QUrl(reference).path(), must_exist=must_exist)


def safe_document(text: str, bank_dir: str | Path | None = None, parent=None,
                  pending: list[str] | None = None,
                  max_height: int | None = None) -> QTextDocument:
    """A QTextDocument holding `text` as Markdown without HTML and with only safe images
    (`pending`: see _neutralise_images; `max_height`: the tallest a picture is drawn, for
    a printed page, which cannot hold one taller)."""
    doc = QTextDocument(parent)
    doc.setMarkdown(text or "", MARKDOWN_FEATURES)
    if _lists_deeper_than(doc, MAX_LIST_LEVELS):
        doc.setPlainText(text)
    _neutralise_images(doc, bank_dir, pending, max_height)
    return doc


def _lists_deeper_than(doc: QTextDocument, levels: int) -> bool:
    block = doc.begin()
    while block.isValid():
        listed = block.textList()
        if listed is not None and listed.format().indent() > levels:
            return True
        block = block.next()
    return False


def _neutralise_images(doc: QTextDocument, bank_dir: str | Path | None,
                       pending: list[str] | None = None, max_height: int | None = None) -> None:
    """Each picture of `doc` drawn from the bank's own file, decoded at its drawn size
    (rendering/pictures.py), or named in words. Given a `pending` list, a picture too big
    to decode on the GUI thread is decoded aside: its key goes in the list and the text
    says it is loading."""
    # Collect first, then edit back to front so that positions stay valid.
    images: list[tuple[int, int, str]] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.charFormat().isImageFormat():
                images.append((fragment.position(), fragment.length(),
                               fragment.charFormat().toImageFormat().name()))
            it += 1
        block = block.next()
    pictures = preparer()
    for position, length, name in reversed(images):
        cursor = QTextCursor(doc)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        local = safe_local_file(bank_dir, name)
        picture = pictures.picture(local, wait=pending is None) if local is not None else None
        if isinstance(picture, Pending):
            assert pending is not None  # only asked not to wait with a list to name it in
            pending.append(picture.key)
            cursor.insertText(f"[loading picture: {name}]", QTextCharFormat())
        elif picture is not None:
            fmt = cursor.charFormat().toImageFormat()
            # Read by the app, once, through a checked handle, and handed to Qt as bytes:
            # given the file's URL, Qt would read it after the check, and on a screen of
            # twice the pixels a `name@2x.png` beside it that no check saw.
            fmt.setName(picture.url)
            size = picture.size
            scale = min(1.0, MAX_PICTURE_WIDTH / size.width(),
                        (max_height or size.height()) / size.height())
            if scale < 1.0:
                fmt.setWidth(max(1, round(size.width() * scale)))
                fmt.setHeight(max(1, round(size.height() * scale)))
            cursor.setCharFormat(fmt)
        elif local is None and safe_local_file(bank_dir, name, must_exist=False) is not None:
            cursor.insertText(f"[image missing: {name}]", QTextCharFormat())
        else:
            cursor.insertText(f"[image not shown: {name}]", QTextCharFormat())


def is_long(text: str | None) -> bool:
    """Too long to render as Markdown without blocking the window (see MARKDOWN_RENDER_LIMIT)."""
    return text is not None and len(text) > MARKDOWN_RENDER_LIMIT


def readable_chunks(text: str, width: int = CHUNK_CHARS) -> str:
    """text with a line break at a space at least every `width` characters.

    Qt lays out a paragraph as one piece: a 1 MB paragraph takes seconds, the same text
    in 2,000-character paragraphs a few milliseconds (and a plain-text view then lays
    out only the paragraphs on screen).
    """
    out: list[str] = []
    for paragraph in text.split("\n"):
        while len(paragraph) > width:
            cut = paragraph.rfind(" ", width // 2, width)
            cut = width if cut < 0 else cut + 1
            out.append(paragraph[:cut])
            paragraph = paragraph[cut:]
        out.append(paragraph)
    return "\n".join(out)


def shortened(text: str, limit: int = MARKDOWN_RENDER_LIMIT) -> str:
    """The first `limit` characters of a long text, saying how much is left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [{len(text) - limit:,} more characters not shown]"


def safe_html(text: str, bank_dir: str | Path | None = None, font=None,
              pending: list[str] | None = None) -> str:
    """Bank Markdown as HTML that Qt may render: text escaped, only the bank's own images.

    A text over MARKDOWN_RENDER_LIMIT characters is not parsed: its start is shown as
    escaped plain text, so rendering stays well under 100 ms whatever the bank holds.
    """
    if is_long(text):
        body = html.escape(readable_chunks(shortened(text))).replace("\n", "<br>")
        return f"<p>{body}</p>"
    # Parsed in a document of its own that no widget lays out, so no resource
    # is requested before the images are checked.
    doc = safe_document(text, bank_dir, pending=pending)
    if font is not None:
        doc.setDefaultFont(font)
    return "" if doc.isEmpty() else doc.toHtml()


