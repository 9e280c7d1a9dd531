"""A page that replaces a question under the learner's fingers ignores keys for a moment.

When an exam's time runs out while the learner types, or the last answer or rating ends a
quiz or a review, the results page (or the review's summary) appears between two key
presses: the next Space pressed its focused Done button, and an Esc meant for the question
left the page, so the learner never saw the results. For SETTLE_MS after such a page
shows, every key pressed in its window is dropped (also the release of a key pressed
before it showed, and the auto-repeat of a key held down from before, until that key is
let go), and its main button is disabled, so that the moment is seen; then the button is
enabled and takes the focus, and Enter or Space press it as before.

Why 500 ms: a typist's keys come 150-300 ms apart (the tester's came every 300 ms and
20 ms apart), so a key already on its way when the page showed lands within 300 ms;
a learner who sees a new page and decides to press a key needs longer than half a
second (a simple visual reaction is ~250 ms, a choice between keys ~400-600 ms more), so a
deliberate Enter on "Done" is hardly ever delayed, and never lost: it works once the
button is enabled.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

SETTLE_MS = 500

_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


class SettlingPage(QObject):
    """`arm()` when `page` has just replaced a question: keys in the page's window are
    dropped for SETTLE_MS and `button` is disabled meanwhile; then it is enabled, gets the
    focus (unless the learner clicked elsewhere) and `settled` is emitted."""

    settled = Signal()

    def __init__(self, page: QWidget, button: QPushButton):
        super().__init__(page)
        self._page = page
        self._button = button
        self._held: set[int] = set()  # keys pressed in the moment, not yet let go
        self._filtering = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._settle)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def arm(self) -> None:
        self._button.setEnabled(False)
        # Keys go to the page itself meanwhile (dropped here); a widget of the page the
        # learner clicks on keeps the focus afterwards.
        self._page.setFocus()
        self._held.clear()
        self._filter(True)
        self._timer.start()

    def _settle(self) -> None:
        self._button.setEnabled(True)
        focus = self._page.window().focusWidget()
        if self._page.isVisible() and (focus is None or focus is self._page
                                       or not focus.isVisible()):
            self._button.setFocus()
        if not self._page.isVisible():
            self._held.clear()  # gone already: its keys are no business of this page
        if not self._held:
            self._filter(False)
        self.settled.emit()

    def _filter(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._filtering:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() not in _KEY_EVENTS or not isinstance(watched, QWidget):
            return False
        if not self._page.isVisible() or watched.window() is not self._page.window():
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if self._timer.isActive():
            if event.type() == QEvent.Type.KeyPress:
                self._held.add(key)
        elif key not in self._held:
            return False
        elif not event.isAutoRepeat():  # a key held from the moment is let go or pressed anew
            if event.type() != QEvent.Type.ShortcutOverride:
                self._held.discard(key)
            if not self._held:
                self._filter(False)
            if event.type() != QEvent.Type.KeyRelease:
                return False  # a fresh press after the moment acts
        # An accepted ShortcutOverride fires no shortcut; the press that follows ends here.
        event.accept()
        return True
