"""The flashcard screen's card: its front, and once turned its back under a line.

The two sides share the card's height by how much text each has: a one-line front over
a long back leaves the back most of the room (equal halves gave a long back two lines
at large fonts and a scroll bar no key reached). PageUp / PageDown scroll the side that
does not fit, the back first: the sides take no focus of their own (the keys rate).
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractSlider, QFrame, QLabel, QVBoxLayout

from quizapp.gui.markdown import SafeTextBrowser
from quizapp.gui.theme import scale_text


class CardSides(QFrame):
    """`show_sides(front, back or None)`; `scroll_by_page(action)` for PageUp/PageDown."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("card")  # drawn by the theme's stylesheet
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self._layout = QVBoxLayout(self)
        self.side_label = QLabel("Front")
        self.side_label.setAccessibleName("Card side")
        self._layout.addWidget(self.side_label)
        self.front_view = self._side("Card front")
        self.divider = QFrame()
        self.divider.setFrameShape(QFrame.Shape.HLine)
        self._layout.addWidget(self.divider)
        self.back_view = self._side("Card back")

    def _side(self, name: str) -> SafeTextBrowser:
        view = SafeTextBrowser()
        view.setAccessibleName(name)
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scale_text(view, 1.25)
        self._layout.addWidget(view, 1)
        return view

    def show_sides(self, front: str, back: str | None, bank_dir: str | Path | None) -> None:
        """The front; the back too when it is given (the card is turned)."""
        self.front_view.set_markdown(front, bank_dir)
        turned = back is not None
        if back is not None:
            self.back_view.set_markdown(back, bank_dir)
        self.back_view.setVisible(turned)
        self.divider.setVisible(turned)
        self.side_label.setText("Front and back" if turned
                                else "Front — press Space to see the back")
        self.share_room()

    def share_room(self) -> None:
        """Each shown side's share of the height in proportion to its text's height at
        the width it has (a side with room to spare gives it up to the other); a side of
        one short line may shrink to that line (a text view's own minimum is ~4 lines).
        A side whose text fits in half the card keeps all the room it needs: shared in
        proportion alone, a three-line front over a long back got a pixel less than its
        text (rounding) and a scroll bar at 200% where its text fitted."""
        half = self.height() // 2
        for view in (self.front_view, self.back_view):
            document = view.document()
            document.setTextWidth(max(1, view.viewport().width()))
            height = math.ceil(document.size().height()) if view.isVisibleTo(self) else 0
            self._layout.setStretchFactor(view, max(1, height))
            least = max(view.minimumSizeHint().height(), half)
            view.setMinimumHeight(min(height + 2 * view.frameWidth(), least))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.size() != event.oldSize():  # text wraps anew, or half the card moved
            self.share_room()

    def scroll_by_page(self, action: QAbstractSlider.SliderAction) -> bool:
        """Scroll the back (or the front) a page, if it does not fit; True if one did."""
        for view in (self.back_view, self.front_view):
            bar = view.verticalScrollBar()
            if view.isVisibleTo(self) and bar.maximum() > 0:
                bar.triggerAction(action)
                return True
        return False
