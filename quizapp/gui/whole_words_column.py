"""The library's Bank and About columns end on whole words and "…", and the Bank column
is never wider than a reading line of titles. Found by an outside tester: a bank titled in
150 characters made the Bank column as wide as its title, so at 800x600 every count (New,
Due, Best...) was pushed off to the right, and the title was cut at the list's edge in the
middle of a word ("…between Japanese manufactu"); the About column, elided by Qt, ended
mid-word too ("every feature of the ba…"). The whole title is in the row's tooltip and in
the details under the list. The teacher overview's squeezed columns (learner, bank,
question, note) end the same way (its bank titles were cut "U.S.-Japan auto trade tal…")."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
)

from quizapp.gui.answer_combo import elide_words

# The widest the Bank column grows for its titles, in average characters of the list's
# font: the bundled titles (34 characters) show whole, a longer one ends on whole words.
MOST_TITLE_CHARS = 40
TEXT_SLACK = 2  # pixels; see WholeWordsDelegate.paint


class WholeWordsDelegate(QStyledItemDelegate):
    """Paints a cell as Qt does, its text ending on the whole words that fit and "…" where
    it does not fit (answer_combo.elide_words). Only paint is Python's: a delegate's
    sizeHint is asked for every cell whenever the columns are sized (see FullHeightRows)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        widget = shown.widget
        style = widget.style() if widget is not None else QApplication.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown, widget)
        # Qt keeps a margin each side of the text within that rectangle.
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        # And a pixel or two to spare: Qt lays the text out in fractional pixels, a little
        # wider than the whole-pixel advance may say, and then cuts it again, mid-word
        # ("auto trade talk…" in the teacher overview on X11).
        room = text_rect.width() - 2 * margin - TEXT_SLACK
        shown.text = elide_words(shown.text, shown.fontMetrics, room)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, widget)


class CappedTitleColumn(QObject):
    """Keeps `column` of `tree` as wide as its widest title, up to `most_chars` average
    characters of the tree's font (at every zoom); the learner may still drag it wider."""

    def __init__(self, tree: QTreeWidget, column: int, most_chars: int = MOST_TITLE_CHARS):
        super().__init__(tree)
        self._tree = tree
        self._column = column
        self._most_chars = most_chars
        tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        tree.installEventFilter(self)  # its font: the zoom

    def most_width(self) -> int:
        return self._tree.fontMetrics().averageCharWidth() * self._most_chars

    def fit(self) -> None:
        """The column's width for the titles listed now (called once the rows are filled)."""
        header = self._tree.header()
        wanted = max(self._tree.sizeHintForColumn(self._column),
                     header.sectionSizeHint(self._column))
        width = min(wanted, self.most_width())
        if header.sectionSize(self._column) != width:
            header.resizeSection(self._column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (watched is self._tree and event.type() == QEvent.Type.FontChange
                and self._tree.topLevelItemCount()):
            self.fit()
        return False
