"""Anki's Image Occlusion notes in: each card (c1, c2...) becomes a flashcard whose front is
the picture with its masks drawn as Anki draws them (the card's own masks red, the others
yellow when the note hides them all), and whose back is the picture with the card's masks
opened (outlined in red), then the note's Back Extra.

Anki draws the masks in the browser, over the picture, from the shapes its Occlusion field
lists ('{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.4:oi=1}}', positions as
fractions of the picture's width and height); quizapp shows a picture, so the masks are drawn
into copies of it (QImage, which needs no display and no QApplication).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPen, QPolygonF

# A shape's properties end at the first '}}' and hold no '{{': an opening never closed
# is given up at the next one, not searched to the field's end from every opening
# (a field of 200 KB of openings took 16 s: quadratic).
_SHAPE = re.compile(
    r"\{\{c(\d+)::image-occlusion:([a-z]+):((?:[^{}]|\{(?!\{)|\}(?!\}))*)\}\}")
_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
# Anki's reviewer colours (ts/routes/image-occlusion/review.ts): the card's own masks, the
# note's other masks, and the outline of an opened mask on the back
_ACTIVE, _INACTIVE, _OPENED, _BORDER = "#ff8e8e", "#ffeba2", "#ff8e8e", "#212121"
MAX_PIXELS = 40_000_000  # a picture larger than this is not decoded (8 bytes a pixel, twice)
# A larger picture is drawn on at this size (its shape kept): two pictures are written for
# each card, and writing a 12-megapixel PNG takes about a second; 4 megapixels is more
# than a screen shows (2,300 x 1,700 for a 4:3 scan)
DRAWN_PIXELS = 4_000_000


@dataclass(frozen=True)
class Shape:
    """One mask of the Occlusion field: its card (1 for c1), kind and properties."""

    card: int
    kind: str  # rect, ellipse, polygon, text
    properties: dict[str, str]

    @property
    def hides_others(self) -> bool:
        """oi=1: on another card's front this mask is drawn too ("hide all, guess one")."""
        return self.properties.get("oi") == "1"

    def number(self, name: str) -> float:
        try:
            return float(self.properties.get(name, "0"))
        except ValueError:
            return 0.0


@dataclass(frozen=True)
class OcclusionSides:
    """The Markdown sides of one card of the note."""

    front: str
    back: str


def occlusion_shapes(field: str) -> list[Shape]:
    shapes = []
    for m in _SHAPE.finditer(field):
        properties = {}
        for part in m.group(3).split(":"):
            key, has_value, value = part.partition("=")
            if has_value:
                properties[key.strip()] = value.strip()
        shapes.append(Shape(int(m.group(1)), m.group(2), properties))
    return shapes


def picture_source(html: str) -> str | None:
    """The file name of the first picture of a field."""
    m = _IMG_SRC.search(html)
    if m is None:
        return None
    return next(g for g in m.groups() if g is not None)


def decoded(data: bytes) -> QImage | None:
    """The picture, or None when it cannot be read or is too large to draw on."""
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_PIXELS:
        return None
    image = reader.read()
    if image.isNull():
        return None
    pixels = image.width() * image.height()
    if pixels > DRAWN_PIXELS:
        scale = (DRAWN_PIXELS / pixels) ** 0.5
        image = image.scaled(max(1, int(image.width() * scale)),
                             max(1, int(image.height() * scale)),
                             mode=Qt.TransformationMode.SmoothTransformation)
    # masks are drawn in colour; a picture without transparency stays without it
    return image.convertToFormat(QImage.Format.Format_ARGB32 if image.hasAlphaChannel()
                                 else QImage.Format.Format_RGB32)


def masked(image: QImage, shapes: Sequence[Shape], card: int, *, opened: bool,
           photo: bool = False) -> bytes:
    """The picture with the masks card `card` shows on its front (opened: False) or its
    back (opened: True): a PNG, or for a photo (see `photographic`) a JPEG, which also takes
    a quarter of the time to write (a note of 20 cards writes 40 pictures)."""
    out = image.copy()
    width, height = out.width(), out.height()
    line = max(1.0, min(width, height) / 300)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        for shape in shapes:
            if shape.kind == "text":
                continue  # a label, not a mask (left out: see the warning)
            own = shape.card == card
            if not own and not shape.hides_others:
                continue
            if own and opened:
                painter.setPen(QPen(QColor(_OPENED), line * 2))
                painter.setBrush(QColor(0, 0, 0, 0))
            else:
                painter.setPen(QPen(QColor(_BORDER), line))
                painter.setBrush(QColor(_ACTIVE if own else _INACTIVE))
            _draw(painter, shape, width, height)
    finally:
        painter.end()
    return _encoded(out, photo)


def _encoded(image: QImage, photo: bool) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # (the stubs want bytes for the format, which fails at run time)
    image.save(buffer, "JPG" if photo else "PNG", 90 if photo else -1)  # type: ignore[call-overload]
    return bytes(array.data())


def photographic(data: bytes, image: QImage) -> bool:
    """Whether the note's pictures are written as JPEGs: for a JPEG, and for a picture with
    no transparency that a PNG holds in over twice a JPEG's size (a photo or a scan saved as
    PNG: 16 copies of a 1.4 MB one, for a note of 8 masks, were 22 MB). A diagram, which a
    PNG holds small and a JPEG would blur, stays a PNG."""
    if data[:3] == b"\xff\xd8\xff":
        return True
    if image.hasAlphaChannel():
        return False
    return len(_encoded(image, False)) > 2 * len(_encoded(image, True))


def _draw(painter: QPainter, shape: Shape, width: int, height: int) -> None:
    left, top = shape.number("left") * width, shape.number("top") * height
    if shape.kind == "rect":
        painter.drawRect(QRectF(left, top, shape.number("width") * width,
                                shape.number("height") * height))
    elif shape.kind == "ellipse":  # left and top are the corner of its bounding box
        rx, ry = shape.number("rx") * width, shape.number("ry") * height
        painter.drawEllipse(QRectF(left, top, 2 * rx, 2 * ry))
    elif shape.kind == "polygon":
        points = []
        for pair in shape.properties.get("points", "").split():
            x, _, y = pair.partition(",")
            try:
                points.append(QPointF(float(x) * width, float(y) * height))
            except ValueError:
                continue
        if len(points) >= 3:
            painter.drawPolygon(QPolygonF(points))


def occlusion_cards(fields: dict[str, str], cards: Sequence[int], *,
                    picture_data: Callable[[str], tuple[str, bytes] | None],
                    add_picture: Callable[[str, bytes], str],
                    markdown: Callable[[str], str],
                    warn: Callable[[str], None],
                    stop: Callable[[], None] = lambda: None) -> dict[int, OcclusionSides]:
    """Card ordinal (0 for c1) -> its sides, for the cards of an Image Occlusion note (none,
    said with `warn`, when its picture is missing or cannot be drawn on). fields: the note's
    fields by name; picture_data: a picture of the deck, by name -> (its path in the bank,
    its bytes); add_picture: (path wanted, PNG) -> the Markdown showing it; stop: raises
    when the import is to stop (called before each card's pictures)."""
    occlusion = next((v for v in fields.values() if "image-occlusion:" in v), "")
    shapes = occlusion_shapes(occlusion)
    image_html = fields.get("Image") or next(
        (v for v in fields.values() if "<img" in v.lower()), "")
    source = picture_source(image_html)
    if source is None:
        warn("an image occlusion note without a picture; it was skipped")
        return {}
    found = picture_data(source)
    if found is None:
        warn(f"its picture {source!r} is not in the deck (or cannot be copied); the image "
             "occlusion note was skipped")
        return {}
    path, data = found
    image = decoded(data)
    if image is None:
        warn(f"the picture {source!r} of this image occlusion note cannot be read or is "
             "too large to draw its masks on; the note was skipped")
        return {}
    if any(s.kind == "text" for s in shapes):
        warn("its text labels are left out of the pictures: quizapp draws the masks only")
    header = markdown(fields.get("Header", ""))
    extra = markdown(fields.get("Back Extra", ""))
    name = path.rpartition("/")[2]
    stem = name.rpartition(".")[0] or name
    photo = photographic(data, image)
    suffix = "jpg" if photo else "png"
    out: dict[int, OcclusionSides] = {}
    for ordinal in cards:
        card = ordinal + 1
        if not any(s.card == card and s.kind != "text" for s in shapes):
            continue
        stop()
        front = add_picture(f"{stem}-c{card}-front.{suffix}",
                            masked(image, shapes, card, opened=False, photo=photo))
        back = add_picture(f"{stem}-c{card}-back.{suffix}",
                           masked(image, shapes, card, opened=True, photo=photo))
        out[ordinal] = OcclusionSides("\n\n".join(p for p in (header, front) if p),
                                      "\n\n".join(p for p in (back, extra) if p))
    return out
