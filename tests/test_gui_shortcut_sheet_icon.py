"""The F1 sheet's Close icon shows on the dark theme: a tester hardly saw its cross, the
style's near-black glyph on the dark button (contrast ~1.5:1). Measured as WCAG's
non-text contrast (at least 3:1) of the icon's pixels against the button."""

from __future__ import annotations

from statistics import median

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from quizapp.gui.theme import contrast_ratio


def icon_contrast(button) -> float:
    """The median contrast of the icon's solid pixels, as drawn on the button, against it."""
    background = button.palette().color(QPalette.ColorRole.Button)
    image = button.icon().pixmap(button.iconSize()).toImage()
    ratios = []
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() >= 200:  # the glyph, not its anti-aliased edge
                a = pixel.alphaF()
                drawn = QColor.fromRgbF(*(a * c + (1 - a) * b for c, b in (
                    (pixel.redF(), background.redF()), (pixel.greenF(), background.greenF()),
                    (pixel.blueF(), background.blueF()))))
                ratios.append(contrast_ratio(drawn, background))
    assert ratios, "the Close button shows no icon"
    return median(ratios)


def open_sheet(qtbot, win):
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_F1)
    sheet = win.shortcut_sheet
    qtbot.waitExposed(sheet)
    return sheet, sheet.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)


@pytest.fixture
def buttons_with_icons():
    """Dialog buttons with icons, as X11 desktops show them (GNOME, Xfce, openbox: Qt's
    generic Unix theme); the offscreen platform of the tests shows none."""
    app = QApplication.instance()
    before = app.styleSheet()
    app.setStyleSheet(before + "\nQDialogButtonBox { dialogbuttonbox-buttons-have-icons: 1; }")
    yield
    app.setStyleSheet(before)


def test_the_close_icon_shows_on_both_themes(qtbot, open_main_window, buttons_with_icons):
    win = open_main_window()
    win.view_actions["theme_dark"].trigger()
    sheet, close = open_sheet(qtbot, win)
    assert icon_contrast(close) >= 3.0
    # The theme changed with the sheet open (it is not modal): the icon follows.
    win.view_actions["theme_light"].trigger()
    qtbot.waitUntil(lambda: icon_contrast(close) >= 3.0)
    win.view_actions["theme_dark"].trigger()
    qtbot.waitUntil(lambda: icon_contrast(close) >= 3.0)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sheet.isVisible())


@pytest.mark.parametrize("opened", ["backups", "class_server"])
def test_the_backups_and_class_server_close_icons_show_on_both_themes(
    qtbot, open_main_window, buttons_with_icons, opened
):
    """The same near-black cross was on the Backups and Class server dialogs' Close."""
    win = open_main_window()
    win.view_actions["theme_dark"].trigger()
    getattr(win, f"{opened}_action").trigger()  # File > Backups… / File > Class server…
    dialog = getattr(win, f"{opened}_dialog")
    qtbot.waitExposed(dialog)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert icon_contrast(close) >= 3.0
    win.view_actions["theme_light"].trigger()
    qtbot.waitUntil(lambda: icon_contrast(close) >= 3.0)
    win.view_actions["theme_dark"].trigger()
    qtbot.waitUntil(lambda: icon_contrast(close) >= 3.0)
    qtbot.waitUntil(close.isEnabled)  # the backups listed
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == 0 and not dialog.isVisible())
