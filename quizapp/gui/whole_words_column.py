"""The library's Bank column is never wider than a reading line of titles. Found by an
outside tester: a bank titled in 150 characters made the Bank column as wide as its title,
so at 800x600 every count (New, Due, Best...) was pushed off to the right. Its titles end
on whole words (gui/whole_words_delegate.py); the whole title is in the row's tooltip and
in the details under the list."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTreeWidget

from quizapp.gui.elide import TEXT_SLACK, column_gap

# The widest the Bank column grows for its titles, in average characters of the list's
# font: the bundled titles (34 characters) show whole, a longer one ends on whole words.
MOST_TITLE_CHARS = 40
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's largest widget size: no cap


class CappedTitleColumn(QObject):
    """Keeps `column` of `tree` as wide as its widest title, up to `most_chars` average
    characters of the tree's font (at every zoom); the learner may still drag it wider."""

    def __init__(self, tree: QTreeWidget, column: int, most_chars: int = MOST_TITLE_CHARS):
        super().__init__(tree)
        self._tree = tree
        self._column = column
        self._most_chars = most_chars
        self._content = 0  # the widest cell when the column was last fitted
        tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._following_font = False
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(lambda: self.fit())  # every row listed

    def follow_font(self) -> None:
        """Fit again whenever the font changes (the zoom). Called once the tree has rows
        (BankList.place_rows): with none there is nothing to fit, and a Python event filter
        on the tree before the first paint ran for each of its ~80 events then. The tree's
        font changes before its header's, whose width for its text is then the old one:
        fitted once both have it."""
        if not self._following_font:
            self._following_font = True
            self._tree.installEventFilter(self)
            self._tree.header().installEventFilter(self)

    def most_width(self) -> int:
        return self._tree.fontMetrics().averageCharWidth() * self._most_chars

    def room_beyond_text(self) -> int:
        """Pixels a cell keeps beyond what Qt measures of its text and margins."""
        return TEXT_SLACK

    def fit(self, rows: list | None = None) -> None:
        """The column's width for `rows`, the rows listed now (None: the tree's), every one
        of them measured: Qt's own measure of a column (sizeHintForColumn) looks at about
        1,000 rows around those in view, and a long title further down ended in "…"."""
        if rows is None:
            tree = self._tree
            rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        self._set_width(self._widest(rows))

    def fit_rows(self, made: list, gone: list) -> None:
        """The column's width after the rows `made` were added and `gone` taken out, the
        others measured before: wider for a wider row made; when a row as wide as the
        column is gone, every row is measured again (it may have been the widest)."""
        widest_made = self._widest(made)
        if gone and self._widest(gone) >= self._content:
            self.fit()
        elif widest_made > self._content:
            self._set_width(widest_made)

    def _set_width(self, content: int) -> None:
        """The column as wide as `content` (the widest cell) and room_beyond_text, or its
        header, up to most_width."""
        self._content = content
        header = self._tree.header()
        wanted = max(content + self.room_beyond_text(), header.sectionSizeHint(self._column))
        width = min(wanted, self.most_width())
        if header.sectionSize(self._column) != width:
            header.resizeSection(self._column, width)

    def _widest(self, rows: list) -> int:
        """The widest cell of `rows` as Qt sizes an item's text (its advance, rounded up,
        and a margin each side), measuring the longest texts first, and only those that
        can be wider than the widest found (widest_char) or than the column may grow.
        Each text measured costs ~10 µs: all 10,000 of a library, 0.1 s."""
        if not rows:
            return 0
        from PySide6.QtGui import QFontMetricsF
        from PySide6.QtWidgets import QStyle

        tree = self._tree
        metrics = QFontMetricsF(tree.font())
        margins = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin,
                                                None, tree) + 1)
        widest_char = self.widest_char(metrics)
        most = self.most_width()
        column = self._column
        widest = 0
        for text in sorted({row.text(column) for row in rows}, key=len, reverse=True):
            if widest >= most or len(text) * widest_char + margins <= widest:
                break  # no text left can be wider
            widest = max(widest, math.ceil(metrics.horizontalAdvance(text)) + margins)
        return widest

    def widest_char(self, metrics) -> float:
        """No character of a cell's text is wider than this (a QFontMetricsF's)."""
        return metrics.maxWidth()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.FontChange and self._tree.topLevelItemCount()
                and watched in (self._tree, self._tree.header())):
            self._refit.start()
        return False


class CountColumn(CappedTitleColumn):
    """A column of numbers flush right, as wide as its numbers and column_gap more (the gap
    whole_words_delegate.CountBeforeTextDelegate keeps before the next column's text), or
    as its header; never capped."""

    def __init__(self, tree: QTreeWidget, column: int):
        super().__init__(tree, column, most_chars=0)

    def most_width(self) -> int:
        return QWIDGETSIZE_MAX

    def room_beyond_text(self) -> int:
        return column_gap(self._tree.fontMetrics())

    def widest_char(self, metrics) -> float:
        # Counts and "–" only: of 10,000 counts of two digits, one is measured.
        return max(metrics.horizontalAdvance(c) for c in "0123456789–")
