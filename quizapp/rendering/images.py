"""Pictures from a bank's folder, drawn without following anything they point at.

A PNG or JPEG is loaded as it is. An SVG is first cleaned by core/svg_safety.py (its
references to other files and web addresses removed), then drawn from the cleaned
bytes, so Qt's SVG renderer never sees a path it could open.
"""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtGui import QPixmap

from quizapp.core.svg_safety import UnsafeSvg, is_svg, safe_svg
from quizapp.core.yaml_files import MAX_IMAGE_BYTES, picture_format

# Enough of a file for picture_format to tell its format (a BMP's header is 26 bytes).
_HEAD_BYTES = 64


def image_bytes(path: Path) -> bytes | None:
    """The bytes to draw for a picture file (an SVG cleaned), or None if unusable."""
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if not is_svg(path.name):
        # Only a picture format the app draws: Qt tells a picture's format by its content,
        # so an SVG named .png would be drawn uncleaned, following the files it names.
        return data if picture_format(data[:_HEAD_BYTES]) is not None else None
    try:
        return safe_svg(data)
    except UnsafeSvg:
        return None


def is_raster_picture(path: Path) -> bool:
    """Whether the file (not named as an SVG) holds a picture format the app draws
    (core/yaml_files.picture_format), read from its first bytes: Qt tells a picture's format
    by its content, and would draw an SVG named .png uncleaned, following the files it
    names, outside the bank's folder too."""
    try:
        with open(path, "rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError:
        return False
    return picture_format(head) is not None


def load_pixmap(path: Path) -> QPixmap | None:
    """The picture as a QPixmap (SVG cleaned first), or None when it cannot be drawn."""
    data = image_bytes(path)
    if data is None:
        return None
    pixmap = QPixmap()
    if not pixmap.loadFromData(data, "SVG" if is_svg(path.name) else None):
        return None
    return pixmap


def svg_data_url(path: Path) -> str | None:
    """A cleaned SVG as a data: URL, for rich text that would otherwise load the file."""
    data = image_bytes(path)
    if data is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
