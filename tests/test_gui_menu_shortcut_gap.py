"""Zoomed, a menu's shortcut stands apart from its command. Found by an outside tester at
175%: Learner read "Switch learner…Ctrl+Shift+L", the command and its keys run together.
The style keeps a few pixels between them at any text size; a menu now keeps room that
grows with its font."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMenu


def _widest_blank_run(image: QImage, top: int, bottom: int, left: int, right: int) -> int:
    """The widest run of pixel columns without ink between the first and the last inked
    column of the band (ink: a pixel unlike the band's colour at its left edge)."""
    background = QColor(image.pixel(left + 1, (top + bottom) // 2))

    def inked(x: int) -> bool:
        for y in range(top, bottom):
            colour = QColor(image.pixel(x, y))
            if (abs(colour.red() - background.red()) + abs(colour.green() - background.green())
                    + abs(colour.blue() - background.blue())) > 60:
                return True
        return False

    ink = [x for x in range(left + 2, right - 2) if inked(x)]
    assert ink, "nothing painted"
    return max((after - before - 1 for before, after in zip(ink, ink[1:], strict=False)), default=0)


def test_zoomed_a_menus_shortcut_stands_apart_from_its_command(qtbot, open_main_window):
    win = open_main_window()
    win.resize(1024, 700)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    for _ in range(4):  # Ctrl+= to 175%
        qtbot.keyClick(win, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert win.appearance.zoom == 1.75
    bar = win.menuBar()
    (learner,) = [action for action in bar.actions() if action.text() == "L&earner"]
    menu = learner.menu()
    assert isinstance(menu, QMenu)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(learner).center())
    qtbot.waitUntil(menu.isVisible)
    try:
        switch = win.switch_learner_action
        assert switch.shortcut().toString() == "Ctrl+Shift+L"
        item = menu.actionGeometry(switch)
        image = menu.grab().toImage()
        gap = _widest_blank_run(image, item.top() + 2, item.bottom() - 1, item.left(), item.right())
        em = menu.fontMetrics().horizontalAdvance("M")
        assert menu.font().pointSizeF() > 1.5 * win.appearance.base_font.pointSizeF()  # zoomed
        assert gap >= em, (gap, em)
    finally:
        menu.close()
