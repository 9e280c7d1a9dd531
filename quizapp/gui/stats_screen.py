"""The base of the screens that show statistics queries (progress, teacher).

A screen's ``refresh()`` calls ``self._submit(*args)``: ``loader(reader_store, *args)`` runs
as a QueryOp (quizapp.gui.operations) on the reader thread, over the read-only connection,
so it never waits for an answer being written nor holds one up. Only the newest refresh's
answer is shown (a slow query must not paint old numbers over new ones).

Redraws: a store change that concerns the screen (``_concerns(changes)``) refreshes it while
it is visible, once per burst of answers, and only marks it stale while hidden; a stale
screen refreshes when shown again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QWidget

from quizapp.gui.changes import Changes, StaleAware
from quizapp.gui.operations import LatestOnly, QueryOp

if TYPE_CHECKING:
    from quizapp.gui.context import AppContext


class StatsScreen(QWidget):
    """A screen filled from a query on the reader thread; refreshes when shown if stale.

    A subclass builds ``self.status`` (a QLabel), implements ``refresh()`` (which calls
    ``self._submit(...)``), says which changes it shows in ``_concerns(changes)``, and shows
    the newest answer in ``_show_loaded(data)`` or ``_show_failed(message)``.
    """

    REFRESH_DELAY_MS = 250  # answers arrive in bursts; one refresh per burst

    status: QLabel

    def __init__(self, context: AppContext, loader: Callable[..., Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._loader = loader
        self._tickets = LatestOnly()
        self._loading = False
        self.data: Any = None
        self.redraw_rule = StaleAware(self, self.refresh, self.isVisible,
                                      delay_ms=self.REFRESH_DELAY_MS)
        context.events.store_changed.connect(self._on_store_changed)

    @property
    def _stale(self) -> bool:
        return self.redraw_rule.stale

    @_stale.setter
    def _stale(self, stale: bool) -> None:
        self.redraw_rule.stale = stale

    def refresh(self) -> None:
        raise NotImplementedError

    def _concerns(self, changes: Changes) -> bool:
        """Whether `changes` can alter what this screen shows."""
        raise NotImplementedError

    def _submit(self, *args: Any) -> None:
        """Run the loader with these arguments on the reader thread (see the module doc)."""
        self.redraw_rule.cancel()
        self._stale = False
        self._loading = True
        ticket = self._tickets.next()
        loader = self._loader
        QueryOp(
            parent=self,
            op=lambda store: loader(store, *args),
            success=lambda data: self._on_loaded(ticket, data),
        ).failure(lambda exc: self._on_failed(ticket, str(exc))).run_in_background(
            self.context.operations)

    def _add_refresh_button(self, header, tip: str) -> None:
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setAccessibleName("Refresh")
        self.refresh_button.setToolTip(f"{tip} (F5)")
        # F5 is the window's (MainWindow._reload_or_refresh): a shortcut here too would
        # make the key ambiguous to Qt, which then runs neither.
        self.refresh_button.clicked.connect(self.refresh)
        header.addWidget(self.refresh_button)

    def _add_pages(self, outer, empty_message: str) -> None:
        """The stacked pages: first a centred plain-text label for when there is no data."""
        from PySide6.QtCore import Qt

        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.empty_label = QLabel(empty_message)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.pages.addWidget(self.empty_label)

    def _show_loaded(self, data) -> None:
        raise NotImplementedError

    def _show_failed(self, message: str) -> None:
        raise NotImplementedError

    def _banks(self) -> dict:
        """The library's loaded banks by id."""
        return {b.id: b for b in self.context.library.banks()}

    def _on_store_changed(self, changes: Changes) -> None:
        if self._concerns(changes):
            self.redraw_rule.changed()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        # Deferred: the main window calls refresh() right after showing; one query is enough.
        QTimer.singleShot(0, self, self.redraw_rule.shown)

    def _on_failed(self, ticket: int, message: str) -> None:
        if self._query_done(ticket):
            self._show_failed(message)

    def _on_loaded(self, ticket: int, data) -> None:
        if self._query_done(ticket):
            self.data = data
            self._show_loaded(data)

    def _query_done(self, ticket: int) -> bool:
        """False for the answer of a query a later refresh superseded (it is dropped)."""
        if not self._tickets.is_current(ticket):
            return False
        self._loading = False
        self.status.setText("")
        return True
