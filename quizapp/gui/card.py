"""The question as a card: centred on the page, no wider than a comfortable line.

A line of about 70 characters (theme.READING_WIDTH_CHARS) of the prompt's type reads
best; a wider window adds margins around the card instead of longer lines. The width
follows the font, so zooming (Ctrl+= / Ctrl+-) widens the card with the text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QLayout, QSizePolicy, QVBoxLayout, QWidget

from quizapp.gui.theme import PROMPT_SCALE, READING_WIDTH_CHARS
from quizapp.gui.wrap_row import WrapRow

CARD_PADDING = 28  # inside the card's border, each side


def reading_width(widget: QWidget) -> int:
    """The card's width for `widget`'s font: 70 average characters of the prompt's size,
    plus the card's padding."""
    char = widget.fontMetrics().averageCharWidth()
    return int(char * PROMPT_SCALE * READING_WIDTH_CHARS) + 2 * CARD_PADDING


class ReadingColumn(QWidget):
    """A column at most the reading width wide that asks for all of it: centred in its
    layout, it takes the reading width when the window has room, and shrinks below it
    (wrapping) when the window is narrow. The width follows the font (zoom); content that
    cannot be as narrow (a row of buttons) widens it just enough."""

    def __init__(self, content: QWidget, parent: QWidget | None = None, *,
                 steady: bool = False):
        """steady: never narrower than the widest the content has needed at this font,
        for content that alternates between states of different widths (a flashcard's
        two sides have different rows of buttons: a column that followed each would
        shift sideways as the card turns). Otherwise each state gets its own width, so
        that one wide question does not widen the ones after it."""
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(content)
        self.content = content
        self.setSizePolicy(QSizePolicy.Policy.Expanding, content.sizePolicy().verticalPolicy())
        self._steady = steady
        self._reading = 0  # the reading width the widest content below was measured at
        self._widest_content = 0
        self._fit()
        content.installEventFilter(self)

    def _fit(self) -> None:
        """At most the reading width, unless the content cannot be that narrow (a row of
        buttons whose labels need more): then just as wide as it must be, since a layout
        squeezed below its minimum lays one button over the next."""
        reading = reading_width(self)
        needed = self.content.minimumSizeHint().width()
        # A row of buttons that can wrap (gui/wrap_row.py) is as narrow as its widest
        # button, but reads best on one line: the column widens for that line where the
        # window has room, and the row wraps where it has not.
        for row in self.content.findChildren(WrapRow):
            needed = max(needed, row.sizeHint().width())
        if self._steady:
            if reading != self._reading:  # the font changed (zoom): measure afresh
                self._reading, self._widest_content = reading, 0
            needed = self._widest_content = max(self._widest_content, needed)
        cap = max(reading, needed)
        if cap != self.maximumWidth():
            self.setMaximumWidth(cap)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # Qt's cached heights-for-width went stale when the stylesheet's larger prompt font
        # arrived at polish time, and the card clipped its prompt by a line. Its minimum
        # height is instead kept at what its text needs at the width it has.
        if watched is self.content and event.type() in (QEvent.Type.Resize,
                                                         QEvent.Type.LayoutRequest):
            content = self.content
            if event.type() == QEvent.Type.LayoutRequest:
                self._fit()
            if content.hasHeightForWidth():
                needed = content.heightForWidth(content.width())
                if needed > 0 and content.minimumHeight() != needed:
                    content.setMinimumHeight(needed)
        return False

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # An aligned layout item gets its size hint's width: ask for the reading width.
        # And the height its text needs at the width it will get: an aligned item is given
        # its hint's height, not its height for width.
        hint = super().sizeHint()
        parent = self.parentWidget()
        width = min(parent.width() if parent is not None else hint.width(), self.maximumWidth())
        height = self.heightForWidth(width) if self.hasHeightForWidth() else hint.height()
        return QSize(max(hint.width(), self.maximumWidth()), max(height, hint.height()))

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        # The layout asks with all the width it has; the column is never wider than its cap.
        return super().heightForWidth(min(width, self.maximumWidth()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
            self.updateGeometry()
        super().changeEvent(event)


def keep_reading_width(widget: QWidget, layout: QLayout | None, *,
                       steady: bool = False) -> ReadingColumn | None:
    """Put `widget` (already in the box `layout`) in a ReadingColumn, centred in its place
    (steady: see ReadingColumn)."""
    if not isinstance(layout, QBoxLayout):
        return None
    index = layout.indexOf(widget)
    stretch = layout.stretch(index) if index >= 0 else 0
    layout.removeWidget(widget)
    column = ReadingColumn(widget, steady=steady)
    layout.insertWidget(index, column, stretch, Qt.AlignmentFlag.AlignHCenter)
    return column


def make_card() -> QFrame:
    """An empty card: the theme's stylesheet draws it (QFrame#card) on the base colour."""
    card = QFrame()
    card.setObjectName("card")
    card.setFrameShape(QFrame.Shape.NoFrame)
    return card
