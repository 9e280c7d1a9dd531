"""A window opens no larger than its screen: at large fonts (QT_FONT_DPI=144) or a scale
factor of 2, a window sized in pixels for a normal screen (the editor's 1100x760, the
shortcut sheet's 720x560) reached past the screen's edges, its buttons out of reach."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

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
