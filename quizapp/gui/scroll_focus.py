"""A page that scrolls as the keyboard goes through it (the progress screen): the focused
control is always in view, and PageUp / PageDown scroll the page (the results' review too).
Keys do what the focus shows; the focus is where the learner can see it (gui/focus_keys.py
for Enter)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QApplication,
    QScrollArea,
    QWidget,
)

FOCUS_MARGIN = 12  # pixels kept clear around the focused control, for its outline


class _ScrollToFocus(QObject):
    """Scrolls its scroll area to each control inside it that gets the keyboard focus, by
    whatever way: Tab, Shift+Tab round from the top, a click, a screen's setFocus. (The
    scroll area does it itself only for Tab from inside it: not into it from a button
    above, nor from a chart, whose Tab goes through QGraphicsView.)"""

    def __init__(self, scroll: QScrollArea):
        super().__init__(scroll)
        self._scroll = scroll
        self._still = False  # True while a screen places the focus on a page it just built
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a widget exists: so does the application
        app.focusChanged.connect(self._focus_changed)  # disconnected when this is deleted

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        page = self._scroll.widget()
        if self._still:
            return
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

    @contextmanager
    def keeping_still(self) -> Iterator[None]:
        """Focus changes inside the block do not scroll: a new question puts the focus on
        its first choice, and its prompt above stays in view even when the choice is below
        the fold (the learner reads the question first; Down and Tab then follow)."""
        self._still = True
        try:
            yield
        finally:
            self._still = False


def scroll_with_the_focus(scroll: QScrollArea, screen: QWidget) -> _ScrollToFocus:
    """A page that scrolls as the keyboard goes through it: `scroll` is no Tab stop itself
    (it drew no outline: Tab seemed lost), a control in it that gets the focus is scrolled
    into view, and PageUp / PageDown anywhere on `screen` scroll the page by a screenful."""
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    follower = _ScrollToFocus(scroll)
    page_keys_scroll(scroll, screen)
    return follower


def page_keys_scroll(scroll: QAbstractScrollArea, screen: QWidget) -> None:
    """PageUp / PageDown anywhere on `screen` scroll `scroll` by a screenful (a shortcut: a
    focused chart or list would take the key for its own scrolling, and a button, where
    the results page puts the focus, does nothing with it).

    The bar is asked of the scroll area on each press, never kept: a Python wrapper of a
    widget Qt made (the scroll bar) can be invalidated while the widget lives. Once a quiz
    had finished (its question widgets deleted), every press raised "Internal C++ object
    (QScrollBar) already deleted" and the page stopped scrolling. The scroll area, made in
    Python, keeps its wrapper as long as it lives."""
    for keys, action in ((QKeySequence.StandardKey.MoveToPreviousPage,
                          QAbstractSlider.SliderAction.SliderPageStepSub),
                         (QKeySequence.StandardKey.MoveToNextPage,
                          QAbstractSlider.SliderAction.SliderPageStepAdd)):
        shortcut = QShortcut(keys, screen)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(
            lambda a=action: scroll.verticalScrollBar().triggerAction(a))


def show_all_of(scroll: QScrollArea, widget: QWidget, top: QWidget) -> None:
    """Scroll `scroll` so that the whole of `widget` (an answer's feedback) is in view, and
    the top of `top` (the question's card) too when both fit; a `widget` taller than the
    view shows its top. Its layout is brought up to date first: the feedback has just
    been filled and shown, and until the pending layout requests run it has its old
    (hidden) geometry, and ensureWidgetVisible scrolled to where it is not."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    page = scroll.widget()
    if page is None or not widget.isVisible():
        return
    bar = scroll.verticalScrollBar()
    view = scroll.viewport().height()
    margin = FOCUS_MARGIN
    first = widget.mapTo(page, QPoint(0, 0)).y() - margin
    last = widget.mapTo(page, QPoint(0, widget.height())).y() + margin
    heading = top.mapTo(page, QPoint(0, 0)).y() - margin
    value = bar.value()
    if last - view > value:  # the feedback's end is below the fold
        value = last - view
    value = min(value, first)  # never past the feedback's top
    if last - heading <= view:  # question and feedback fit together: the question's top too
        value = min(value, heading)
    bar.setValue(max(0, value))
