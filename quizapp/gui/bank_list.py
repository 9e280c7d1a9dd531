"""The library's list of banks (gui/library_screen.py): the tree and its columns, and how
rows go in and out of it where they sort, without sizing the columns for each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from quizapp.gui.full_height_rows import FullHeightRows
from quizapp.gui.library_rows import (
    ABOUT,
    COLUMN_TIPS,
    COLUMNS,
    QUESTIONS,
    TITLE,
    insert_sorted,
    sort_by_title,
    sort_rows,
)
from quizapp.gui.readable_column import ReadableColumn
from quizapp.gui.whole_words_column import CappedTitleColumn, CountColumn

if TYPE_CHECKING:
    from quizapp.gui.whole_words_delegate import CountBeforeTextDelegate, WholeWordsDelegate

# Up to this many rows added or taken out, each goes in where it sorts; more, and every row
# is put back in one call and sorted (sort_rows: ~0.1 s for 10,000 rows).
FEW_ROWS = 64


class BankList(QObject):
    """The tree of bank rows (`tree`), sorted by title once there are banks, and by the
    column the learner clicks from then on."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.tree = tree = QTreeWidget()
        tree.setAccessibleName("Banks")
        tree.setToolTip("Banks: Enter or Q starts a quiz, F flashcards, P practice, G progress")
        tree.setColumnCount(len(COLUMNS))
        tree.setHeaderLabels(list(COLUMNS))
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sorted = False  # sorted by title, A to Z, once there are banks (place_rows)
        header_view = tree.header()
        header_view.setStretchLastSection(False)
        header_view.sortIndicatorChanged.connect(lambda *_: sort_rows(tree))
        # The title as wide as the titles, up to a reading line: a long one no longer
        # pushes the counts off the list (whole words and "…", the rest in its tooltip).
        self.title_column = CappedTitleColumn(tree, TITLE)
        # The question count keeps a gap before the status beside it ("1 ready" zoomed).
        self.count_column = CountColumn(tree, QUESTIONS)
        self._whole_words: WholeWordsDelegate | None = None  # made once banks are listed
        self._count_gap: CountBeforeTextDelegate | None = None
        self.size_columns_to_contents(True)
        # The description takes what is left, elided, but stays readable (the list
        # scrolls sideways when zoomed in a small window).
        self.about_column = ReadableColumn(tree, ABOUT)
        # Rows tall enough for "Ü" and "Å" whole (Qt's were the font's height, and cut
        # the accents), told by the About cells, whose width is not sized to contents.
        self.full_rows = FullHeightRows(tree, ABOUT)
        header_item = tree.headerItem()
        for column, tip in COLUMN_TIPS.items():
            header_item.setToolTip(column, tip)

    def end_on_whole_words(self) -> None:
        """Titles and descriptions end on whole words and "…" (made once banks are listed,
        not at startup: nothing is listed yet, and the first paint must not wait for it)."""
        if self._whole_words is None:
            from quizapp.gui.whole_words_delegate import (
                CountBeforeTextDelegate,
                WholeWordsDelegate,
            )

            self._whole_words = WholeWordsDelegate(self.tree)
            self.tree.setItemDelegateForColumn(TITLE, self._whole_words)
            self.tree.setItemDelegateForColumn(ABOUT, self._whole_words)
            self._count_gap = CountBeforeTextDelegate(self.tree)
            self.tree.setItemDelegateForColumn(QUESTIONS, self._count_gap)

    def size_columns_to_contents(self, sized: bool) -> None:
        """Columns as wide as their contents (the description taking what is left, the
        title its CappedTitleColumn's), or (False) left as they are: a shown tree sizes
        them again for every row added or removed and every cell changed, ~1 ms a change
        with 20 banks, 10 with 200; the rows are filled with them left alone, then sized
        once."""
        header = self.tree.header()
        mode = (QHeaderView.ResizeMode.ResizeToContents if sized
                else QHeaderView.ResizeMode.Interactive)
        for column in range(len(COLUMNS)):
            if column not in (TITLE, ABOUT, QUESTIONS):
                header.setSectionResizeMode(column, mode)

    def place_rows(self, made: list[QTreeWidgetItem], gone: list[QTreeWidgetItem],
                   every_row: list[QTreeWidgetItem]) -> None:
        """Put the rows `made` in the tree where they sort, and take the rows `gone` out:
        one by one when they are few, else `every_row` again in one call, sorted."""
        tree = self.tree
        for follower in (self.title_column, self.count_column, self.full_rows):
            follower.follow_font()  # from the first rows on (none before the first paint)
        self.size_columns_to_contents(False)
        # A row taken out (clear() did each in turn) makes another current, which would
        # fill the details; they are filled once, for the row selected at the end.
        tree.blockSignals(True)
        try:
            root = tree.invisibleRootItem()
            if self.sorted and len(made) + len(gone) <= FEW_ROWS:
                for item in gone:
                    root.removeChild(item)
                insert_sorted(tree, made)
                self.title_column.fit_rows(made, gone)
                self.count_column.fit_rows(made, gone)
            else:
                root.takeChildren()
                tree.addTopLevelItems(every_row)
                if not self.sorted:  # by title until the learner clicks another column
                    self.sorted = True
                    sort_by_title(tree)
                sort_rows(tree)
                self.title_column.fit(every_row)  # the titles' width, up to a reading line
                self.count_column.fit(every_row)
        finally:
            tree.blockSignals(False)
        self.size_columns_to_contents(True)
