"""A dialog button's standard icon drawn in the button's text colour. The style's icons
(Close's cross, from Qt's own set) are near-black glyphs: on the dark theme's buttons
(#30333a) the F1 sheet's Close cross stood at a contrast of ~1.5:1, hardly seen. Its
shape is kept, its colour is the button text's, again whenever the theme changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox

# The sizes a button's icon is drawn at (16 at 100%; zoomed and high-DPI screens ask more).
ICON_SIZES = (16, 20, 24, 32, 48)
# The dynamic property on a button naming its shape in InkedIcons.
SHAPE_INDEX = "inked_icon_shape"


def inked_icon(icon: QIcon, palette: QPalette) -> QIcon:
    """`icon`'s shape (its alpha) filled with the palette's button text colour."""
    colour = palette.color(QPalette.ColorRole.ButtonText)
    inked = QIcon()
    for side in ICON_SIZES:
        shape = icon.pixmap(QSize(side, side))
        if shape.isNull():
            continue
        image = shape.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)  # the colour wherever the shape is, as opaque as it
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), colour)
        painter.end()
        inked.addPixmap(QPixmap.fromImage(image))
    return inked


class InkedIcons(QObject):
    """Keeps the icons of `box`'s buttons in their text colour as the palette changes.

    Each button's shape is found again by an index kept on the button itself, not by a
    Python handle on it: the box's standard buttons are Qt's, and PySide may hand out a
    new handle on one (the Backups dialog's Close, after widgets were deleted behind it)."""

    def __init__(self, box: QDialogButtonBox):
        super().__init__(box)
        self._shapes: list[QIcon] = []
        for button in box.buttons():
            if not button.icon().isNull():
                button.setProperty(SHAPE_INDEX, len(self._shapes))
                self._shapes.append(QIcon(button.icon()))  # the style's, as drawn
                button.installEventFilter(self)
                self._ink(button)

    def _ink(self, button: QAbstractButton) -> None:
        index = button.property(SHAPE_INDEX)
        if isinstance(index, int) and 0 <= index < len(self._shapes):
            button.setIcon(inked_icon(self._shapes[index], button.palette()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QAbstractButton):
            self._ink(watched)
        return False
