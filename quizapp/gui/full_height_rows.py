"""Rows tall enough for the whole of their text: accents above capitals ("Ü", "Å", "É")
and descenders included. Qt makes a list's row as tall as the font's height, and with
DejaVu Sans the dots of "Ü" stand above its ascent: they were cut by the row above
("Ünïcode" read as "Unïcode"). The row's height is measured from the font in use, so it
follows every zoom step."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QTreeWidget

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


class FullHeightRows(QObject):
    """Keeps `tree`'s rows `full_line_height` tall for its font, at every zoom.

    The height is the size hint of one cell a row (`column`, one whose width is not sized
    to its contents): a row is as tall as its tallest cell's hint. (A Python delegate's
    sizeHint, asked for every cell each time the columns are sized to their contents,
    made the first paint of 200 banks three times slower.)"""

    def __init__(self, tree: QTreeWidget, column: int):
        super().__init__(tree)
        self._tree = tree
        self._column = column
        self._following_font = False

    def follow_font(self) -> None:
        """Fit again whenever the tree's font changes (the zoom); called once the tree has
        rows, as whole_words_column.CappedTitleColumn.follow_font is."""
        if not self._following_font:
            self._following_font = True
            self._tree.installEventFilter(self)

    def hint(self) -> QSize:
        return QSize(0, full_line_height(self._tree.fontMetrics()))

    def fit(self) -> None:
        """Every row's height for the tree's font now: one layout, not a change per row
        (a shown tree sizes its columns again at every cell changed)."""
        hint = self.hint()
        model = self._tree.model()
        blocked = model.blockSignals(True)
        try:
            for row in range(self._tree.topLevelItemCount()):
                item = self._tree.topLevelItem(row)
                if item is not None:
                    item.setSizeHint(self._column, hint)
        finally:
            model.blockSignals(blocked)
        self._tree.doItemsLayout()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (watched is self._tree and event.type() == QEvent.Type.FontChange
                and self._tree.topLevelItemCount()):  # none at startup: nothing to measure
            self.fit()
        return False


class FullHeightLabel(QObject):
    """Keeps `label`'s text whole, accents above its first line's capitals included: its
    top and bottom margins give a line `full_line_height` for its font, at every zoom (the
    quiz header's bold title, as tall as the font's height, cut the ring of "Å" at the top
    at some sizes). Lines after the first have the line spacing between them."""

    def __init__(self, label: QLabel):
        super().__init__(label)
        self._label = label
        label.installEventFilter(self)  # its font: the zoom
        self.fit()

    def fit(self) -> None:
        metrics = self._label.fontMetrics()
        spare = full_line_height(metrics) - metrics.height()
        top = math.ceil(spare / 2)
        margins = self._label.contentsMargins()
        if (margins.top(), margins.bottom()) != (top, spare - top):
            self._label.setContentsMargins(margins.left(), top, margins.right(), spare - top)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._label and event.type() == QEvent.Type.FontChange:
            self.fit()
        return False
