"""A list's column that takes the width the other columns leave, but never so little
that it reads nothing: zoomed in a small window the library's "About" column, stretched
into what was left, shrank to "Ab…" over "…" rows. Below its least width the list
scrolls sideways instead, as it does for the columns to its right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTreeView

LEAST_CHARS = 24  # the column's least width, in characters of ordinary text in the list's font
# What "a character" of ordinary text measures: Qt's averageCharWidth() is nearly twice
# that in DejaVu Sans (13 px against 7), so 24 of them took 311 px, and at the window's
# first size (1000 px) a bank's status ("ready, 1 warning …") had 68 px and ran off the list.
_SAMPLE = "the quick brown fox jumps over the lazy dog"


class ReadableColumn(QObject):
    """Keeps `column` of `tree` at the width the others leave, at least `least_chars`
    characters wide, as the list is resized, zoomed or refilled."""

    def __init__(self, tree: QTreeView, column: int, least_chars: int = LEAST_CHARS):
        super().__init__(tree)
        self._tree = tree
        self._column = column
        self._least_chars = least_chars
        self._fitting = False  # resizing the column calls back (sectionResized)
        header = tree.header()
        header.sectionResized.connect(self._section_resized)
        self._watching = False  # fitted once watch_viewport() was called
        # Until then it stretches into what the others leave, as it will be fitted: the
        # first paint shows it so, without asking for the viewport.
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def watch_viewport(self) -> None:
        """Fit the column to the viewport's width from now on. Called once the window is
        painted (MainWindow.name_library_viewports): the first Python handle on a Qt-made
        QWidget such as the viewport builds PySide's QWidget types and enums, ~18 ms that
        must not delay the first paint. (The header's width, tried instead, lagged under
        X11: a sideways scroll bar with room to spare.)"""
        if self._watching:
            return
        self._watching = True
        # The tree's font (the zoom) too: watched from now on, as fit() does nothing
        # before (a Python event filter on the tree ran for each event of the first paint).
        self._tree.installEventFilter(self)
        self._tree.viewport().installEventFilter(self)
        self.fit()

    def least_width(self) -> int:
        per_char = self._tree.fontMetrics().horizontalAdvance(_SAMPLE) / len(_SAMPLE)
        return round(per_char * self._least_chars)

    def fit(self) -> None:
        if self._fitting or not self._watching:
            return
        self._fitting = True
        try:
            header = self._tree.header()
            # Sized here, whatever else set (a Stretch would squeeze it again).
            if header.sectionResizeMode(self._column) != QHeaderView.ResizeMode.Fixed:
                header.setSectionResizeMode(self._column, QHeaderView.ResizeMode.Fixed)
            others = sum(header.sectionSize(c) for c in range(header.count())
                         if c != self._column and not header.isSectionHidden(c))
            width = max(self.least_width(), self._tree.viewport().width() - others)
            if header.sectionSize(self._column) != width:
                header.resizeSection(self._column, width)
        finally:
            self._fitting = False

    def _section_resized(self, _column: int, _old: int, _new: int) -> None:
        self.fit()  # a column grew or shrank with its contents, or this one was resized

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange,
                            QEvent.Type.StyleChange):
            self.fit()
        return False
