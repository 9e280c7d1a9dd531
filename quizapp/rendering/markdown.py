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

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QUrl
from PySide6.QtGui import QImageReader, QTextCharFormat, QTextCursor, QTextDocument

from quizapp.core.bank_folder import inside_bank_folder
from quizapp.core.svg_safety import is_svg
from quizapp.core.text_limits import MARKDOWN_RENDER_LIMIT
from quizapp.core.yaml_files import MAX_IMAGE_PIXELS
from quizapp.rendering.images import data_url, image_bytes

# The widest a picture in a text is drawn, as a question's `image:` is
# (gui/question_widgets/base.py): a phone's 4,000-pixel photo drawn at its own size made
# the question card 4,000 pixels wide, its answers off the screen.
MAX_PICTURE_WIDTH = 560

CHUNK_CHARS = 2_000  # the longest paragraph a long plain text is shown in

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


def safe_document(text: str, bank_dir: str | Path | None = None, parent=None) -> QTextDocument:
    """A QTextDocument holding `text` as Markdown without HTML and with only safe images."""
    doc = QTextDocument(parent)
    doc.setMarkdown(text or "", MARKDOWN_FEATURES)
    _neutralise_images(doc, bank_dir)
    return doc


def _neutralise_images(doc: QTextDocument, bank_dir: str | Path | None) -> None:
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
    for position, length, name in reversed(images):
        cursor = QTextCursor(doc)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        local = safe_local_file(bank_dir, name)
        picture = _drawable(local) if local is not None else None
        if picture is not None:
            shown, size = picture
            fmt = cursor.charFormat().toImageFormat()
            fmt.setName(shown)
            if size.width() > MAX_PICTURE_WIDTH:
                fmt.setWidth(MAX_PICTURE_WIDTH)
                fmt.setHeight(max(1, round(size.height() * MAX_PICTURE_WIDTH / size.width())))
            cursor.setCharFormat(fmt)
        elif local is None and safe_local_file(bank_dir, name, must_exist=False) is not None:
            cursor.insertText(f"[image missing: {name}]", QTextCharFormat())
        else:
            cursor.insertText(f"[image not shown: {name}]", QTextCharFormat())


def _drawable(local: Path) -> tuple[str, QSize] | None:
    """The data: URL to draw a bank's picture from and its size, or None when Qt cannot
    draw it (not a picture it reads, or more pixels than it decodes): such a picture
    vanished from the text without a word, where a question's `image:` says [image not
    shown]. The picture is read here, once, through a checked handle (rendering/images.py):
    given the file's URL, Qt would read it after this check, and a `name@2x.png` beside it
    on a screen of twice the pixels; an SVG is cleaned of its external references
    (core/svg_safety.py), since Qt would draw whatever files it names."""
    data = image_bytes(local)
    if data is None:
        return None
    svg = is_svg(local.name)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"svg" if svg else b"")  # reads the header, not the pixels
    size = reader.size()
    if not size.isValid() and not svg and reader.canRead():
        size = reader.read().size()  # a format that tells its size only when read
    if not size.isValid() or size.isEmpty() or size.width() * size.height() > MAX_IMAGE_PIXELS:
        return None
    return data_url(data, svg), size


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


def safe_html(text: str, bank_dir: str | Path | None = None, font=None) -> str:
    """Bank Markdown as HTML that Qt may render: text escaped, only the bank's own images.

    A text over MARKDOWN_RENDER_LIMIT characters is not parsed: its start is shown as
    escaped plain text, so rendering stays well under 100 ms whatever the bank holds.
    """
    if is_long(text):
        body = html.escape(readable_chunks(shortened(text))).replace("\n", "<br>")
        return f"<p>{body}</p>"
    # Parsed in a document of its own that no widget lays out, so no resource
    # is requested before the images are checked.
    doc = safe_document(text, bank_dir)
    if font is not None:
        doc.setDefaultFont(font)
    return "" if doc.isEmpty() else doc.toHtml()


