"""Safe Markdown in widgets: labels and text views showing bank text.

The rendering itself (HTML off, only the bank's own images, long texts as plain
text) is quizapp/rendering/markdown.py; this module puts it into widgets. Use
`set_safe_markdown(widget, text, bank_dir)` for a QLabel or a text view, or
`SafeTextBrowser` when a scrolling view is wanted.
"""

from __future__ import annotations

import os
import re
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtWidgets import QLabel, QTextBrowser, QTextEdit

from quizapp.core.bank_folder import inside_bank_folder
from quizapp.rendering.images import image_bytes
from quizapp.rendering.markdown import (
    is_long,
    readable_chunks,
    safe_html,
    shortened,
)
from quizapp.rendering.pictures import preparer

if TYPE_CHECKING:
    from collections.abc import Callable

    from quizapp.core.model import Bank


def bank_dir_of(bank: Bank) -> Path | None:
    """The folder a bank's pictures are read from (None for a bank made in memory)."""
    return Path(bank.path).parent if bank.path else None


class SafeTextBrowser(QTextBrowser):
    """A read-only text view that never opens links and loads only the bank's own files."""

    def __init__(self, parent=None, bank_dir: str | Path | None = None):
        super().__init__(parent)
        self.bank_dir = bank_dir
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.setReadOnly(True)

    def set_markdown(self, text: str, bank_dir: str | Path | None = None) -> None:
        if bank_dir is not None:
            self.bank_dir = bank_dir
        set_safe_markdown(self, text, self.bank_dir)

    def loadResource(self, kind, url):  # noqa: N802 (Qt override)
        if url.scheme() == "data" and url.toString().startswith("data:image/"):
            # a picture's bytes (an SVG cleaned) that _neutralise_images read and set
            return super().loadResource(kind, url)
        local = self._bank_file(url)
        if local is None:
            return None
        return image_bytes(local)  # an SVG cleaned of external references

    def _bank_file(self, url: QUrl) -> Path | None:
        """The bank's own file a resource URL names: a relative name, or the absolute
        file: URL _neutralise_images set for a picture it checked."""
        if self.bank_dir is None:
            return None
        if not url.isLocalFile():
            return inside_bank_folder(self.bank_dir, url.toString())
        try:  # asked again by its name inside the folder, so the one rule decides
            name = os.path.relpath(url.toLocalFile(), Path(self.bank_dir).resolve())
        except ValueError:  # another drive (Windows)
            return None
        return inside_bank_folder(self.bank_dir, name)


def set_safe_markdown(widget, text: str, bank_dir: str | Path | None = None) -> None:
    """Show `text` (bank Markdown) in a QLabel, QTextBrowser or QTextEdit, safely."""
    if not isinstance(widget, (QLabel, QTextEdit)):
        raise TypeError(f"set_safe_markdown cannot show text in {type(widget).__name__}")
    if is_long(text):
        # Plain text, in short paragraphs: Markdown and one long paragraph are what
        # make Qt's layout take seconds. A label shows the start; a text view all of it.
        _waiting_widgets.pop(widget, None)  # an earlier text's pictures: not shown again
        if isinstance(widget, QLabel):
            widget.setTextFormat(Qt.TextFormat.PlainText)
            widget.setText(readable_chunks(shortened(text)))
        else:
            widget.setPlainText(readable_chunks(text))
        return
    pending: list[str] = []  # big pictures decoded aside (rendering/pictures.py)
    html = _unpinned(safe_html(text, bank_dir, pending=pending))
    if isinstance(widget, QLabel):
        widget.setTextFormat(Qt.TextFormat.RichText)
        widget.setOpenExternalLinks(False)
        widget.setText(html)
    else:
        if isinstance(widget, SafeTextBrowser) and bank_dir is not None:
            widget.bank_dir = bank_dir
        if isinstance(widget, QTextBrowser):
            widget.setOpenExternalLinks(False)
            widget.setOpenLinks(False)
        widget.setHtml(html)
    _redraw_when_prepared(widget, _Shown(text, bank_dir, set(pending)))


class _Shown(NamedTuple):
    """What a widget was last asked to show, and the pictures it still waits for."""

    text: str
    bank_dir: str | Path | None
    waiting: set[str]


# Widgets showing a text whose pictures are being decoded aside, each with that text:
# shown again when the last of them is decoded (unless it was given another text since).
_waiting_widgets: weakref.WeakKeyDictionary[QLabel | QTextEdit, _Shown] = (
    weakref.WeakKeyDictionary())
_listening: list[bool] = []  # [True] once _picture_prepared listens to the preparer


def _redraw_when_prepared(widget: QLabel | QTextEdit, shown: _Shown) -> None:
    if not shown.waiting:
        _waiting_widgets.pop(widget, None)  # a later text: the earlier one is not shown again
        return
    if not _listening:
        preparer().prepared.connect(_picture_prepared)
        _listening.append(True)
    _waiting_widgets[widget] = shown


def _picture_prepared(key: str) -> None:
    from shiboken6 import isValid

    for widget, shown in list(_waiting_widgets.items()):
        shown.waiting.discard(key)
        if not shown.waiting:
            del _waiting_widgets[widget]
            if isValid(widget):
                set_safe_markdown(widget, shown.text, shown.bank_dir)


class PicturesAwaited(QObject):
    """The big pictures a view's text waits for (decoded on a worker thread,
    rendering/pictures.py): `ready` is called once the last of them is decoded. A child of
    the view, so that a view gone meanwhile is not called."""

    def __init__(self, view: QObject, ready: Callable[[], None]):
        super().__init__(view)
        self._ready = ready
        self._keys: set[str] = set()

    def wait_for(self, keys: list[str]) -> None:
        """The pictures the text just shown waits for (none: it waits for nothing more)."""
        if keys and not self._keys:
            preparer().prepared.connect(self._prepared)
        elif not keys and self._keys:
            preparer().prepared.disconnect(self._prepared)
        self._keys = set(keys)

    def _prepared(self, key: str) -> None:
        self._keys.discard(key)
        if not self._keys:
            preparer().prepared.disconnect(self._prepared)
            self._ready()


# The font Qt writes on <body> when it turns a document into HTML.
_BODY_FONT = re.compile(r'<body style="[^"]*">')


def _unpinned(html: str) -> str:
    """`html` with no font of its own on <body>: the text then takes the widget's font,
    which the theme's stylesheet sets and zoom scales. Pinned there, it kept the size the
    widget had before the stylesheet reached it, so zoom never grew the question's text."""
    return _BODY_FONT.sub("<body>", html, count=1)
