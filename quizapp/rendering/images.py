"""Pictures from a bank's folder, drawn without following anything they point at.

Every picture is read here, by the app, through a handle checked to be the file the bank's
folder rule found (core/bank_folder.read_checked), and handed to Qt as bytes: given a
path, Qt opens it when it lays out or paints, after the check, and on a screen of twice
the pixels first looks for a `name@2x.png` beside it that no check saw. A PNG or JPEG is
loaded as it is. An SVG is first cleaned by core/svg_safety.py (its
references to other files and web addresses removed), then drawn from the cleaned
bytes, so Qt's SVG renderer never sees a path it could open.
"""

from __future__ import annotations

import base64
from pathlib import Path

from quizapp.core.bank_folder import read_checked
from quizapp.core.svg_safety import UnsafeSvg, is_svg, safe_svg
from quizapp.core.yaml_files import MAX_IMAGE_BYTES, picture_format

# Enough of a file for picture_format to tell its format (a BMP's header is 26 bytes).
_HEAD_BYTES = 64
_MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif",
                "WebP": "image/webp", "BMP": "image/bmp", "TIFF": "image/tiff",
                "ICO": "image/x-icon"}


def image_bytes(path: Path) -> bytes | None:
    """The bytes to draw for a picture file (an SVG cleaned), or None if unusable.
    `path` is one the bank's folder rule found (core/bank_folder.py)."""
    data = read_checked(path, MAX_IMAGE_BYTES)
    if data is None:
        return None
    if not is_svg(path.name):
        # Only a picture format the app draws: Qt tells a picture's format by its content,
        # so an SVG named .png would be drawn uncleaned, following the files it names.
        return data if picture_format(data[:_HEAD_BYTES]) is not None else None
    try:
        return safe_svg(data)
    except UnsafeSvg:
        return None


def data_url(data: bytes, svg: bool) -> str:
    """Picture bytes image_bytes gave as a data: URL, for rich text that would otherwise
    load the file itself (Qt reads the picture from the bytes, whatever the type says)."""
    found = None if svg else picture_format(data[:_HEAD_BYTES])
    kind = "image/svg+xml" if found is None else _MEDIA_TYPES[found]
    return f"data:{kind};base64," + base64.b64encode(data).decode("ascii")


def picture_url(path: Path) -> str | None:
    """The picture file (an SVG cleaned) as a data: URL, or None if unusable."""
    data = image_bytes(path)
    return None if data is None else data_url(data, is_svg(path.name))
