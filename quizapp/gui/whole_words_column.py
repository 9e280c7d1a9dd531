"""The library's Bank column is never wider than a reading line of titles. Found by an
outside tester: a bank titled in 150 characters made the Bank column as wide as its title,
so at 800x600 every count (New, Due, Best...) was pushed off to the right. Its titles end
on whole words (gui/whole_words_delegate.py); the whole title is in the row's tooltip and
in the details under the list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
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
        tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._following_font = False

    def follow_font(self) -> None:
        """Fit again whenever the tree's font changes (the zoom). Called once the tree has
        rows (BankList.place_rows): with none there is nothing to fit, and a Python event
        filter on the tree before the first paint ran for each of its ~80 events then."""
        if not self._following_font:
            self._following_font = True
            self._tree.installEventFilter(self)

    def most_width(self) -> int:
        return self._tree.fontMetrics().averageCharWidth() * self._most_chars

    def room_beyond_text(self) -> int:
        """Pixels a cell keeps beyond what Qt measures of its text and margins."""
        return TEXT_SLACK

    def fit(self) -> None:
        """The column's width for the titles listed now (called once the rows are filled)."""
        header = self._tree.header()
        # Qt measures the text and its margins; the cell keeps TEXT_SLACK more to spare,
        # without which the widest title ended in "…" beside an empty About column.
        wanted = max(self._tree.sizeHintForColumn(self._column) + self.room_beyond_text(),
                     header.sectionSizeHint(self._column))
        width = min(wanted, self.most_width())
        if header.sectionSize(self._column) != width:
            header.resizeSection(self._column, width)

    def fit_rows(self, rows: list) -> None:
        """Widen the column (up to the cap) for `rows` just added, the others measured
        before: asking each row listed (fit) took 0.2 s with 10,000 banks."""
        if not rows:
            return
        tree = self._tree
        wanted = max(tree.sizeHintForIndex(tree.indexFromItem(row, self._column)).width()
                     for row in rows) + self.room_beyond_text()
        width = min(wanted, self.most_width())
        header = tree.header()
        if width > header.sectionSize(self._column):
            header.resizeSection(self._column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (watched is self._tree and event.type() == QEvent.Type.FontChange
                and self._tree.topLevelItemCount()):
            self.fit()
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
