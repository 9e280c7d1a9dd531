"""A bank's pictures decoded at the size they are drawn, once, off the GUI thread when big.

A 200 KB PNG of 8,000 x 8,000 pixels passes every check a bank's picture goes through
(under MAX_IMAGE_PIXELS and MAX_IMAGE_BYTES), and Qt took 1 to 2.6 s to decode it on the
GUI thread each time a text or question showed it, to draw it 560 pixels wide. Here a
picture is decoded to the size it is drawn (QImageReader's scaled size: a JPEG then
decodes at a fraction of its pixels) and kept for the next time. One with more pixels
than the GUI thread decodes in a frame's time is decoded on a worker thread when a
screen asks (`wait=False`): the screen shows it as pending and redraws when `prepared`
announces it. Printing waits for it (`wait=True`).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QImageWriter

from quizapp.core.bank_folder import read_checked
from quizapp.core.svg_safety import is_svg
from quizapp.core.yaml_files import MAX_IMAGE_PIXELS, image_size, picture_format
from quizapp.rendering.images import data_url, image_bytes

# The widest a picture in a text is drawn, as a question's `image:` is: a phone's
# 4,000-pixel photo drawn at its own size made the question card 4,000 pixels wide.
MAX_PICTURE_WIDTH = 560
# The most pixels decoded on the GUI thread, and the most a picture is drawn with: a PNG
# of 560 x 560 pixels (313,600) decodes in about 8 ms, of 1,120 x 1,120 in about 30 ms
# (docs/performance.md, "Big pictures"). A bigger one is decoded on a worker thread to
# this many pixels at most, its shape kept.
GUI_THREAD_PIXELS = MAX_PICTURE_WIDTH * MAX_PICTURE_WIDTH
_SVG_READ_AT_ONCE = 64 * 1024
_HEADER_BYTES = 64 * 1024  # where a picture's size is (a JPEG's after its EXIF)  # bytes of an SVG read and parsed on the GUI thread
# Pictures kept decoded: each of GUI_THREAD_PIXELS at most, in at most 4 bytes a pixel
# (about 1.2 MB), so 64 hold about 80 MB at the very most.
_KEPT = 64


class Picture(NamedTuple):
    """A picture ready to draw: its bytes (an SVG cleaned, a big raster decoded smaller
    and written as a PNG) and the size Qt draws it at from them."""

    data: bytes
    svg: bool
    size: QSize

    @property
    def url(self) -> str:
        """The picture as a data: URL, for rich text."""
        return data_url(self.data, self.svg)


class Pending(NamedTuple):
    """A picture being decoded on a worker thread; `prepared` announces its key."""

    key: str


_Identity = tuple[str, int, int, int]


def _identity(path: Path) -> _Identity | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return str(path), found.st_ino, found.st_size, found.st_mtime_ns


def _decoded(path: Path) -> Picture | None:
    """The picture at `path` (a file the bank's folder rule found) ready to draw, or None
    when Qt cannot draw it. Runs on any thread (QImage, never QPixmap)."""
    data = image_bytes(path)
    if data is None:
        return None
    svg = is_svg(path.name)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"svg" if svg else b"")
    size = reader.size()  # from the header, not the pixels (an SVG's: parsed)
    if svg and (not size.isValid() or size.isEmpty()):
        return None
    if svg and _drawn_size(size) == size:  # vectors, drawn at their size
        return Picture(data, True, size)
    # An SVG bigger than it is drawn is drawn here at that size: given its vectors, Qt
    # drew all of its 8,000 x 8,000 pixels on the GUI thread at each showing.
    if not svg and size.isValid() and size.width() * size.height() > MAX_IMAGE_PIXELS:
        return None
    drawn = _drawn_size(size) if size.isValid() and not size.isEmpty() else size
    if drawn != size:
        reader.setScaledSize(drawn)  # a JPEG then decodes a fraction of its pixels
    image = reader.read()
    if image.isNull():
        return None
    if image.size() != _drawn_size(image.size()):  # its header told no size (or lied)
        image = image.scaled(_drawn_size(image.size()))
    if image.size() == size and len(data) <= 4 * GUI_THREAD_PIXELS:
        return Picture(data, False, size)  # drawn as it is: its own bytes, nothing to write
    # (a file far bigger than its pixels, padded with chunks Qt skips, is written anew:
    # its bytes would go into every text that shows it)
    encoded = QByteArray()
    out = QBuffer(encoded)
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(out, QByteArray(b"png")).write(image)
    return Picture(bytes(encoded.data()), False, image.size())


def drawn_image(picture: Picture) -> QImage:
    """The picture's pixels, at most MAX_PICTURE_WIDTH wide (an SVG drawn at that size):
    GUI_THREAD_PIXELS at most, so decoded on the GUI thread in a frame's time. A null
    QImage when Qt cannot draw it after all."""
    buffer = QBuffer()
    buffer.setData(QByteArray(picture.data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"svg" if picture.svg else b"")
    drawn = _drawn_size(picture.size)
    if drawn != picture.size:
        reader.setScaledSize(drawn)
    return reader.read()


def _drawn_size(size: QSize) -> QSize:
    """`size` made at most MAX_PICTURE_WIDTH wide and GUI_THREAD_PIXELS in all, its
    shape kept."""
    scale = min(1.0, MAX_PICTURE_WIDTH / size.width(),
                (GUI_THREAD_PIXELS / (size.width() * size.height())) ** 0.5)
    if scale >= 1.0:
        return size
    return QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))


def _header_pixels(path: Path) -> int | None:
    """How many pixels the picture's header says it holds (None: it does not say).
    Read through a checked handle: a FIFO put in the picture's place after its check
    held the GUI thread in open() until someone wrote to it."""
    if is_svg(path.name):  # read whole (and cleaned) to know its size: a small one now
        try:
            return 0 if os.stat(path).st_size <= _SVG_READ_AT_ONCE else None
        except OSError:
            return None
    head = read_checked(path, _HEADER_BYTES, start_only=True)
    if head is None:
        return 0  # not drawn at all (_decoded finds so at once): nothing to decode
    found = picture_format(head)
    if found is None:
        return 0
    if found == "ICO":  # its directory says at most 256 x 256, and may hold a PNG of any size
        return None
    told = image_size(head)  # a PNG's, GIF's or JPEG's, where Qt's reader wants chunks after
    if told is not None:
        return told[0] * told[1]
    buffer = QBuffer()
    buffer.setData(QByteArray(head))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    # Told its format, the reader reads the header of that format only, never an SVG.
    size = QImageReader(buffer, found.lower().encode("ascii")).size()
    return size.width() * size.height() if size.isValid() else None


class PicturePreparer(QObject):
    """Decodes pictures (kept, the latest _KEPT), big ones on a worker thread."""

    prepared = Signal(str)  # a Pending's key: its picture was decoded (or cannot be)
    _decoded_aside = Signal(object, object)  # (identity, Picture | None), from a worker

    def __init__(self) -> None:
        super().__init__()
        self._kept: OrderedDict[_Identity, Picture | None] = OrderedDict()
        self._pending: set[_Identity] = set()
        self._decoded_aside.connect(self._kept_aside)  # queued: self lives on the GUI thread

    def picture(self, path: Path, *, wait: bool = True) -> Picture | Pending | None:
        """The picture at `path` ready to draw, or None when it cannot be drawn; with
        wait=False, a picture too big to decode on the GUI thread is Pending."""
        identity = _identity(path)
        if identity is None:
            return None
        if identity in self._kept:
            self._kept.move_to_end(identity)
            return self._kept[identity]
        if not wait:
            pixels = _header_pixels(path)
            if pixels is None or pixels > GUI_THREAD_PIXELS:
                if identity not in self._pending:
                    self._pending.add(identity)
                    QThreadPool.globalInstance().start(lambda: self._decode_aside(identity))
                return Pending(repr(identity))
        return self._keep(identity, _decoded(path))

    def _keep(self, identity: _Identity, picture: Picture | None) -> Picture | None:
        self._kept[identity] = picture
        while len(self._kept) > _KEPT:
            self._kept.popitem(last=False)
        return picture

    def _decode_aside(self, identity: _Identity) -> None:  # on a worker thread
        self._decoded_aside.emit(identity, _decoded(Path(identity[0])))

    def _kept_aside(self, identity: _Identity, picture: Picture | None) -> None:  # GUI thread
        self._pending.discard(identity)
        self._keep(identity, picture)
        self.prepared.emit(repr(identity))


_preparer: PicturePreparer | None = None


def preparer() -> PicturePreparer:
    """The one PicturePreparer, made on the GUI thread when first asked."""
    global _preparer
    if _preparer is None:
        _preparer = PicturePreparer()
    return _preparer
