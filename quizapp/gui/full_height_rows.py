"""Rows tall enough for the whole of their text: accents above capitals ("Ü", "Å", "É")
and descenders included. Qt makes a list's row as tall as the font's height, and with
DejaVu Sans the dots of "Ü" stand above its ascent: they were cut by the row above
("Ünïcode" read as "Unïcode"). The row's height is measured from the font in use, so it
follows every zoom step."""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

# Tall capitals with marks above, and letters that reach lowest below the line.
INK_SAMPLE = "ÅÉÜÏÖÑÇÂȘgjpqy|"
AIR_PX = 1  # above and below the ink, so that the text never touches a row's edge
ROUNDING_PX = 1  # Qt may place the text a pixel above the row's centre
# Rows a line and two fifths tall at least, as a desktop's lists are: they grow with the
# zoom as the text does, where the ink's overshoot alone would not (fonts are hinted).
LEAST_LINES = 1.4


def full_line_height(metrics: QFontMetrics) -> int:
    """A row height that shows the sample's ink whole: the line's height grown by what the
    ink stands out above the ascent or below the descent, twice (the text is centred),
    and never less than LEAST_LINES lines."""
    ink = metrics.boundingRect(INK_SAMPLE)
    above = max(0, -ink.top() - metrics.ascent())
    below = max(0, ink.bottom() + 1 - metrics.descent())
    fitted = metrics.height() + 2 * (max(above, below) + AIR_PX) + ROUNDING_PX
    return max(fitted, math.ceil(metrics.height() * LEAST_LINES))


class FullHeightRows(QStyledItemDelegate):
    """The view's usual item delegate, with rows at least `full_line_height` tall."""

    def sizeHint(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), full_line_height(option.fontMetrics)))
