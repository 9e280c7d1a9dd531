"""Room between a menu's command and its shortcut at every zoom. Found by an outside
tester at 175%: Learner read "Switch learner…Ctrl+Shift+L". The style sizes a menu item
as its text, its shortcut and a few pixels between them, the same few at any text size;
each menu of a window's menu bar is given, as it first opens, a style that widens an item
with a shortcut by two "M"s of the menu's font (gui/shortcut_room_style.py).

The style is made when a menu first opens, never at startup: importing QProxyStyle and
QStyle builds their types and enums (gui/__init__.py's startup rule)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar


def keep_room_for_shortcuts(bar: QMenuBar) -> None:
    """Every menu of `bar` (and their submenus) spaces its shortcuts for its font."""
    for menu in _menus_of(bar.actions()):
        menu.aboutToShow.connect(partial(_give_room, menu))


def _menus_of(actions: list[QAction]) -> Iterator[QMenu]:
    """The menus these actions open, and their submenus. Found through the actions, not
    `findChildren(QMenu)`: that hands Python every child of the bar, its extension button
    too, and builds QToolButton's types before the first paint (gui/__init__.py)."""
    for action in actions:
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield menu
            yield from _menus_of(menu.actions())


def _give_room(menu: QMenu) -> None:
    from quizapp.gui.shortcut_room_style import ShortcutRoomStyle

    if not isinstance(menu.style(), ShortcutRoomStyle):
        # Parented to the menu, which does not own a style set on it.
        menu.setStyle(ShortcutRoomStyle(menu))
