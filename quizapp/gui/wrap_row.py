"""A row of buttons that wraps onto another line when the window is too narrow for it.

A QHBoxLayout never goes below the sum of its buttons' least widths: at 800x600, zoomed,
the flashcard screen's six buttons ("Hide answer", the four ratings, "Leave") made the
page wider than the window, which clipped the card's text on the right, cut "Leave" to
"L" and added a horizontal scroll bar. Here the buttons keep their whole labels and the
row takes as many lines as the width needs; on one line it looks like the box layout
did (buttons that expand share the spare width, the others keep their size).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QLayoutItem, QPushButton, QWidget

from quizapp.gui.own_items_layout import OwnItemsLayout

ROW_SPACING = 6  # pixels between two buttons, and between two lines


class WrapRow(OwnItemsLayout):
    """Widgets left to right in their order (Tab goes the same way), a new line whenever
    the next one would not fit; hidden widgets take no room."""

    def __init__(self, parent: QWidget | None = None, spacing: int = ROW_SPACING):
        super().__init__(parent)  # the items are made here, in Python (own_items_layout)
        self._gap = spacing
        self._width = -1  # the width last laid out in; -1 before the first time: one line

    # -- sizes ---------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation.Horizontal

    # No height-for-width: a layout with one makes every layout above it have one too, and
    # the reading column (gui/card.py) then holds the whole card page at its preferred
    # height, which pushed the buttons below the window. The row's height is instead the
    # height of its lines at the width it was last given, and it asks for a new layout
    # when a new width changes how many lines it takes.

    def _height(self, width: int) -> int:
        lines = self._lines(width) if width >= 0 else [(self._shown(), self._tallest(self._shown()))]
        return sum(line_height for _, line_height in lines) + self._gap * max(0, len(lines) - 1)

    def _tallest(self, items: list[QLayoutItem]) -> int:
        return max((item.sizeHint().height() for item in items), default=0)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Every button on one line, as tall as the lines it takes now."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in shown) + self._gap * max(0, len(shown) - 1)
        return QSize(width + margins.left() + margins.right(),
                     self._height(self._width) + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        """As narrow as the widest button (one a line), as tall as the lines it takes now."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = max((item.minimumSize().width() for item in shown), default=0)
        return QSize(width + margins.left() + margins.right(),
                     self._height(self._width) + margins.top() + margins.bottom())

    # -- placing -------------------------------------------------------------------------

    def _lines(self, width: int) -> list[tuple[list[QLayoutItem], int]]:
        """The shown items in lines no wider than `width`, with each line's height."""
        lines: list[tuple[list[QLayoutItem], int]] = []
        line: list[QLayoutItem] = []
        used = 0
        for item in self._shown():
            wanted = item.sizeHint().width()
            if line and used + self._gap + wanted > width:
                lines.append((line, self._tallest(line)))
                line, used = [], 0
            used += (self._gap if line else 0) + wanted
            line.append(item)
        if line:
            lines.append((line, self._tallest(line)))
        return lines

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        inner = self.contentsRect()
        before = self._height(self._width)
        self._width = inner.width()
        if self._height(self._width) != before:
            # Taller or shorter now: the layouts above make room, once this layout pass
            # is over (invalidated during it, a QGridLayout above crashed the app).
            QTimer.singleShot(0, self, self.invalidate)
        y = inner.y()
        for line, line_height in self._lines(inner.width()):
            widths = [min(item.sizeHint().width(), inner.width()) for item in line]
            spare = inner.width() - sum(widths) - self._gap * (len(line) - 1)
            growing = [n for n, item in enumerate(line)
                       if item.expandingDirections() & Qt.Orientation.Horizontal]
            if spare > 0:
                for k, n in enumerate(growing):  # the spare width, shared out evenly
                    widths[n] += spare // len(growing) + (1 if k < spare % len(growing) else 0)
            x = inner.x()
            for item, item_width in zip(line, widths, strict=True):
                item.setGeometry(QRect(x, y, item_width, line_height))
                x += item_width + self._gap
            y += line_height + self._gap


class SteadyWrapRow(WrapRow):
    """A WrapRow whose one-line width is the widest its buttons will need: a button held
    with the texts it may show counts at its widest, shown or not yet. The reading column
    around the flashcard widened for each new state of its row (the card turned: "1 Again
    · 1 m"; a rating given: "Undo rating") and the card changed width under the learner's
    eyes; sized for the widest row from the start, it keeps one width."""

    def __init__(self, parent: QWidget | None = None, spacing: int = ROW_SPACING):
        super().__init__(parent, spacing)
        self._held: dict[QWidget, tuple[str, ...]] = {}

    def hold(self, button: QAbstractButton, *texts: str) -> None:
        """Count `button` at the widest of `texts` (and its own), shown or hidden."""
        self._held[button] = texts

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint()
        widths = []
        for item in self._items:
            widget = item.widget()
            if widget is None or (item.isEmpty() and widget not in self._held):
                continue
            width = widget.sizeHint().width()
            texts = self._held.get(widget, ())
            if texts and isinstance(widget, QAbstractButton):
                metrics = widget.fontMetrics()
                widest = max(metrics.horizontalAdvance(text) for text in texts)
                width += max(0, widest - metrics.horizontalAdvance(widget.text()))
            widths.append(width)
        margins = self.contentsMargins()
        steady = (sum(widths) + self._gap * max(0, len(widths) - 1)
                  + margins.left() + margins.right())
        return QSize(max(hint.width(), steady), hint.height())


class WholeLabelButton(QPushButton):
    """A button the row may not squeeze below its text ("3 Good · 10 m" was cut at the
    card's reading width): the row grows instead. Its least width is its size hint at
    every moment, so a new label, a zoom or a theme (which change the font) count too; a
    minimum width fixed when the text was set cut the label once zoomed."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.sizeHint()
