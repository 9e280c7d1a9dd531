"""Keys do what the focus shows: Enter on a focused push button presses it (and a page
that scrolls keeps the focused control in view: gui/scroll_focus.py).

Outside a dialog a QPushButton leaves Enter alone (only an "auto default" one takes it), so
the key went on to the screen, which did its own main action whatever was outlined: Enter
on a focused "Leave" or "Hand in" submitted the question shown, and Enter on a library
button did nothing. Each screen with an Enter of its own asks `press_focused_button` first
when Enter reaches it (its keyPressEvent, or its Enter shortcut, which Qt fires before the
button sees the key), and does its main action only when the focus is on something else:
the answer, a list. Enter that no screen takes reaches the main window, which presses the
focused button (library, progress, teacher, learners). A window of its own (the bank
editor) does the same with `enter_presses_focused_buttons`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton, QWidget

if TYPE_CHECKING:
    # Not named at import: the main window imports this module at startup, and naming
    # QLineEdit builds its types and enum types before the first paint, which shows none
    # (gui/__init__.py's startup rule).
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QLineEdit


def is_enter(event: QKeyEvent) -> bool:
    """Return or the keypad's Enter. (Qt is looked up here, not when the module is
    imported: the main window imports it at startup, and `from PySide6.QtCore import Qt`
    there made a start 5-11% slower, PySide building Qt's types on first use; see
    gui/app.py, run_app.)"""
    keys = QtCore.Qt.Key
    return event.key() in (keys.Key_Return, keys.Key_Enter)


def focused_button(screen: QWidget) -> QPushButton | None:
    """The push button inside `screen` that has the keyboard focus, if it can be pressed.

    Asked when a key reached the screen (from its focused child, or by a shortcut of the
    screen's, which needs the focus inside it): the screen's focus widget is the one with
    the focus, also in a window not active at that moment (as after a dialog closed)."""
    focus = screen.focusWidget()
    if (
        isinstance(focus, QPushButton)
        and focus.isEnabled()
        and focus.isVisible()
        and screen.isAncestorOf(focus)
    ):
        return focus
    return None


def press_focused_button(screen: QWidget) -> bool:
    """Enter on the focused push button inside `screen` presses it, as Space does: True
    when it did (the key is used up), False when the focus is elsewhere."""
    button = focused_button(screen)
    if button is None:
        return False
    button.click()  # as QPushButton itself does for Enter in a dialog
    return True



class _EnterPressesFocusedButton(QObject):
    """Enter that reaches the window it watches (no control inside took it) presses the
    focused push button."""

    def eventFilter(self, watched: QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            isinstance(event, QtGui.QKeyEvent)
            and event.type() == QtCore.QEvent.Type.KeyPress
            and watched is self.parent()
            and isinstance(watched, QWidget)
            and is_enter(event)
        ):
            return press_focused_button(watched)
        return False


def enter_presses_focused_buttons(window: QWidget) -> None:
    """In `window`, Enter on a focused push button presses it, as Space does. For a window
    other than the main one (whose keyPressEvent does it): the bank editor's "Save a copy
    to my banks", Duplicate and Delete took Space only."""
    window.installEventFilter(_EnterPressesFocusedButton(window))


class _EscapeClearsFirst(QObject):
    """Esc in the line edit it watches, while it holds text, clears the text."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            isinstance(event, QtGui.QKeyEvent)
            and event.type() == QtCore.QEvent.Type.KeyPress
            and watched is self._edit
            and self._edit.text()
            and event.key() == QtCore.Qt.Key.Key_Escape
        ):
            self._edit.clear()
            return True
        return False


def escape_clears_first(edit: QLineEdit) -> None:
    """Esc in `edit` clears what was typed, as in a find box; in the empty box it goes on
    to the screen (back to the library). Esc in the teacher's filter left the screen, and
    the filter, kept, hid rows the next time."""
    edit.installEventFilter(_EscapeClearsFirst(edit))
