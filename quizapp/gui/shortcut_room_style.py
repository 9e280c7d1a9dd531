"""The style of a menu that keeps room before its shortcuts (gui/menu_room.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionMenuItem, QWidget

# Room added between an item's text and its shortcut, in "M"s of the menu's font.
SHORTCUT_ROOM_EMS = 2


class ShortcutRoomStyle(QProxyStyle):
    """The application's style, with a menu item that has a shortcut (Qt joins it to the
    text with a tab) SHORTCUT_ROOM_EMS "M"s wider: the style draws the shortcut flush
    right, so the room goes between the two."""

    def __init__(self, parent: QObject) -> None:
        super().__init__()  # over the application's style
        self.setParent(parent)

    def sizeFromContents(self, kind: QStyle.ContentsType, option: QStyleOption,  # noqa: N802 (Qt override)
                         size: QSize, widget: QWidget | None = None) -> QSize:
        # (Qt passes no widget for some contents; the stub of QProxyStyle says one always)
        sized = super().sizeFromContents(kind, option, size, widget)  # type: ignore[arg-type]
        if (kind == QStyle.ContentsType.CT_MenuItem and isinstance(option, QStyleOptionMenuItem)
                and "\t" in option.text):
            sized.setWidth(sized.width() + SHORTCUT_ROOM_EMS * option.fontMetrics.horizontalAdvance("M"))
        return sized
