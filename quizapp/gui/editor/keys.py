"""The editor window's keys: its menu actions, F1 for the shortcut sheet, and the Tab order
through the form (top to bottom: the question list and its buttons, the tabs, the form's
fields as they stand on the page, then the problems under them)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget


def add_action(owner: QWidget, menu: QMenu, text: str, keys: str | list[str],
               slot: Callable[[], object], *, context: Qt.ShortcutContext | None = None,
               ) -> QAction:
    """A menu item of `owner`'s with its keys (none for "")."""
    action = QAction(text, owner)
    shortcuts = [keys] if isinstance(keys, str) else keys
    action.setShortcuts([QKeySequence(k) for k in shortcuts if k])
    if context is not None:
        action.setShortcutContext(context)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def add_help_menu(window: QMainWindow) -> QAction:
    """Help > Keyboard shortcuts (F1): the sheet the main window shows, here too (F1 in
    the editor did nothing: it had no Help menu)."""
    menu = window.menuBar().addMenu("&Help")
    return add_action(window, menu, "&Keyboard shortcuts", "F1", lambda: show_shortcuts(window))


def show_shortcuts(window: QWidget) -> QWidget:
    """The shortcut sheet over the editor, not modal. Its own menu keys are the sheet's
    "Bank editor" rows already (tests/test_gui_shortcut_sheet.py holds them to it)."""
    from quizapp.gui.shortcut_sheet import ShortcutSheet

    sheet = ShortcutSheet(window, with_menus=False)
    sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    sheet.show()
    return sheet


def order_form_tabs(before: QWidget, form: QWidget, after: QWidget) -> None:
    """Tab from `before` (the tab bar) through `form`'s fields from top to bottom, then
    on to `after` (the problems). A form is made anew for each question, after the rest
    of the window: Qt put its fields last, so Tab went from the tabs to the problems and
    only then back up to Type, Id, Prompt."""
    layout = form.layout()
    if layout is not None:  # placed, to be put in order by where they stand
        layout.activate()
    fields = [w for w in form.findChildren(QWidget)
              if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.isHidden()
              and w.focusProxy() is None and not _inside_a_stop(w, form)]
    fields.sort(key=lambda w: (w.mapTo(form, QPoint(0, 0)).y(), w.mapTo(form, QPoint(0, 0)).x()))
    chain = [before, *fields, after]
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)


def _inside_a_stop(widget: QWidget, form: QWidget) -> bool:
    """True for a part of a control that is itself the Tab stop (a combo box's line)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not form:
        if parent.focusPolicy() & Qt.FocusPolicy.TabFocus and parent.focusProxy() is None:
            return True
        parent = parent.parentWidget()
    return False
