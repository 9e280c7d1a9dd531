"""A window opens no larger than its screen: at large fonts (QT_FONT_DPI=144) or a scale
factor of 2, a window sized in pixels for a normal screen (the editor's 1100x760, the
shortcut sheet's 720x560) reached past the screen's edges, its buttons out of reach.
A widget in a scrolling page is kept no taller than the page (NoTallerThanPage)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

# Room left for what the window manager adds round a window (title bar, borders), which
# resize() does not count, in logical pixels.
FRAME_WIDTH = 24
FRAME_HEIGHT = 64


def screen_of(window: QWidget, near: QWidget | None = None) -> QScreen:
    """The screen a window opens on: the one of `near` (the window it opens from), else
    its own, else the primary one."""
    for widget in (near, window):
        if widget is not None and widget.screen() is not None:
            return widget.screen()
    screen = QGuiApplication.primaryScreen()
    assert screen is not None  # a QApplication with widgets has a screen
    return screen


def fit_on_screen(window: QWidget, width: int, height: int, near: QWidget | None = None) -> None:
    """Size `window` width x height, or as much of it as the screen's available area
    holds (its frame included), and centre it on that screen."""
    area = screen_of(window, near).availableGeometry()
    width = max(1, min(width, area.width() - FRAME_WIDTH))
    height = max(1, min(height, area.height() - FRAME_HEIGHT))
    window.resize(width, height)
    # Centred, the room for the frame shared out on both sides of each edge.
    window.move(area.topLeft() + QPoint((area.width() - width) // 2,
                                        (area.height() - height) // 2))


class NoTallerThanPage(QObject):
    """Keeps `widget` no taller than the viewport of the scroll area `page` (nor shorter
    than its least height), so that it is seen whole without scrolling. The progress
    screen's score chart shares a row with the tag chart, which grows a line a tag: with
    40 tags it was stretched to the tag chart's 1,400 px at 150% and had to be scrolled to
    be read."""

    def __init__(self, widget: QWidget, page: QAbstractScrollArea) -> None:
        super().__init__(widget)
        self._widget = widget
        # The viewport is asked of the scroll area each time, never kept: a wrapper of it
        # went stale once other widgets were deleted ("already deleted", gui/scroll_focus.py).
        self._page = page
        page.viewport().installEventFilter(self)  # its resizes
        # its own resizes: a least height set above the most (a chart filled, zoomed) makes
        # Qt resize it to that height, and the most follows
        widget.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        most = max(self._widget.minimumHeight(), self._page.viewport().height())
        if self._widget.maximumHeight() != most:
            self._widget.setMaximumHeight(most)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
