"""A page that scrolls as the keyboard goes through it (the progress screen): the focused
control is always in view, and PageUp / PageDown scroll the page. Keys do what the focus
shows; the focus is where the learner can see it (gui/focus_keys.py for Enter)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractSlider, QApplication, QScrollArea, QWidget

FOCUS_MARGIN = 12  # pixels kept clear around the focused control, for its outline


class _ScrollToFocus(QObject):
    """Scrolls its scroll area to each control inside it that gets the keyboard focus, by
    whatever way: Tab, Shift+Tab round from the top, a click, a screen's setFocus. (The
    scroll area does it itself only for Tab from inside it: not into it from a button
    above, nor from a chart, whose Tab goes through QGraphicsView.)"""

    def __init__(self, scroll: QScrollArea):
        super().__init__(scroll)
        self._scroll = scroll
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a widget exists: so does the application
        app.focusChanged.connect(self._focus_changed)  # disconnected when this is deleted

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        page = self._scroll.widget()
        if new is not None and page is not None and page.isAncestorOf(new):
            # Once the events waiting now have run: a page just filled (the numbers
            # arrived) may not have its final height yet.
            QTimer.singleShot(0, self, self._show_focus)

    def _show_focus(self) -> None:
        scroll = self._scroll
        page = scroll.widget()
        new = QApplication.focusWidget()
        if new is None or page is None or not page.isAncestorOf(new):
            return
        # The whole control, with a margin; its top when it is taller than the view.
        # (Not ensureWidgetVisible: for a chart it sees only a point at the top left, the
        # scene's cursor, and left the rest of the chart below the fold.)
        top_left = new.mapTo(page, QPoint(0, 0))
        x = top_left.x() + new.width() // 2
        margin = FOCUS_MARGIN
        if new.height() + 2 * margin <= scroll.viewport().height():
            half = new.height() // 2
            scroll.ensureVisible(x, top_left.y() + half, new.width() // 2, half + margin)
        else:
            scroll.ensureVisible(x, top_left.y(), new.width() // 2, margin)

    def page_step(self, action: QAbstractSlider.SliderAction) -> None:
        """PageUp / PageDown: the page's scroll bar takes one step of a screenful.

        The bar is asked of the scroll area on each press, never kept: a Python wrapper of
        a widget Qt made (the scroll bar) can be invalidated while the widget lives. Once a
        quiz had finished (its question widgets deleted), every press raised "Internal C++
        object (QScrollBar) already deleted" and the page stopped scrolling. The scroll
        area, made here in Python, keeps its wrapper as long as it lives."""
        self._scroll.verticalScrollBar().triggerAction(action)


def scroll_with_the_focus(scroll: QScrollArea, screen: QWidget) -> None:
    """A page that scrolls as the keyboard goes through it: `scroll` is no Tab stop itself
    (it drew no outline: Tab seemed lost), a control in it that gets the focus is scrolled
    into view, and PageUp / PageDown anywhere on `screen` scroll the page by a screenful
    (a shortcut: a focused chart or list would take the key for its own scrolling)."""
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    follower = _ScrollToFocus(scroll)
    for keys, action in ((QKeySequence.StandardKey.MoveToPreviousPage,
                          QAbstractSlider.SliderAction.SliderPageStepSub),
                         (QKeySequence.StandardKey.MoveToNextPage,
                          QAbstractSlider.SliderAction.SliderPageStepAdd)):
        shortcut = QShortcut(keys, screen)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda a=action: follower.page_step(a))
