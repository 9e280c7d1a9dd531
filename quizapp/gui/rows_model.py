"""A light read-only table model for the statistics tables (progress, teacher overview):
rows of Cells that sort and filter themselves in Python."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, Qt, QTimer

from quizapp.gui.tips import plain_tip

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value: numbers sort as numbers
EXPORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the value written to CSV
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# Rows a model lets go of in one turn of the event loop: freeing 10,000 rows of Cells at
# once took ~30 ms of the GUI thread; 1,000 (and their keys) take a few.
LET_GO_PER_TURN = 1000


def _sort_key(cell: Cell) -> tuple:
    # Numbers and texts never compare with each other; the tuple keeps kinds apart.
    value = cell.text.casefold() if cell.sort is None else cell.sort
    return (0, value, "") if isinstance(value, int | float) else (1, 0.0, str(value))


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: what it shows, how it sorts, what CSV gets, and a tooltip."""

    text: str
    sort: object = None  # defaults to the text, case-folded
    export: object = None  # defaults to the text
    tooltip: str | None = None
    key: object = None  # Qt.UserRole: an id the screen needs (question id, bank id)
    numeric: bool = False  # right-aligned

    @classmethod
    def number(cls, value: float | None, text: str, export: object = None, **kw) -> Cell:
        # Missing values sort below every number and export as an empty field.
        return cls(
            text,
            sort=float("-inf") if value is None else float(value),
            export=("" if value is None else value) if export is None else export,
            numeric=True,
            **kw,
        )


@dataclass(frozen=True, slots=True)
class PreparedRows:
    """Rows of Cells with what filtering and sorting them needs, worked out once: each
    row's text to search, and each column's sort keys. prepare_rows() makes them on the
    worker thread that loads a big table (a 10,000-question item analysis), so that
    filling the model on the GUI thread is a model reset, and sorting it compares keys
    made beforehand: together, ~0.1-0.2 s a fill on the GUI thread before."""

    rows: list[Sequence[Cell]]
    haystacks: list[str]  # a row's texts, joined and case-folded (the filter looks in it)
    sort_keys: list[list[tuple]]  # per column, each row's _sort_key


def prepare_rows(rows: Sequence[Sequence[Cell]], columns: int) -> PreparedRows:
    """The rows with their search texts and sort keys (any thread: no Qt here)."""
    rows = list(rows)
    return PreparedRows(
        rows,
        [" ".join(c.text for c in row).casefold() for row in rows],
        [[_sort_key(row[column]) for row in rows] for column in range(columns)],
    )


class RowsModel(QAbstractTableModel):
    """A read-only table over rows of Cells that sorts and filters itself, in Python.

    Plain Python rows instead of a QStandardItem per cell, and sorting by a key function
    instead of a proxy's pairwise lessThan calls: a 10,000-question item analysis fills,
    sorts and filters in milliseconds rather than seconds.
    """

    def __init__(self, headers: Sequence[str], parent=None):
        super().__init__(parent)
        self._headers = list(headers)
        self._all = PreparedRows([], [], [[] for _ in headers])
        self._rows: list[Sequence[Cell]] = []
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        # Lists of the rows no longer shown, emptied a slice a turn (_let_some_go).
        self._leaving: list[list] = []
        self._let_go_timer = QTimer(self)
        self._let_go_timer.setInterval(0)
        self._let_go_timer.timeout.connect(self._let_some_go)

    @property
    def columns(self) -> int:
        return len(self._headers)

    def set_rows(self, rows: Sequence[Sequence[Cell]]) -> None:
        """A few rows, prepared here (a big table's come prepared: set_prepared)."""
        self.set_prepared(prepare_rows(rows, self.columns))

    def set_prepared(self, prepared: PreparedRows) -> None:
        before = self._all
        self.beginResetModel()
        self._all = prepared
        self._rows = self._visible()
        self.endResetModel()
        if before is not prepared:
            # Copies (pointers only): whoever holds `before` keeps it whole; where this
            # model held its rows' last references, they are freed over the next turns.
            self._leaving += [list(before.rows), list(before.haystacks),
                              *(list(keys) for keys in before.sort_keys)]
            self._let_go_timer.start()

    def _let_some_go(self) -> None:
        budget = LET_GO_PER_TURN
        while self._leaving and budget > 0:
            last = self._leaving[-1]
            step = min(budget, len(last))
            del last[len(last) - step:]
            budget -= step
            if not last:
                self._leaving.pop()
        if not self._leaving:
            self._let_go_timer.stop()

    def set_filter(self, text: str) -> None:
        """Show only rows whose text contains `text` (any column, ignoring case)."""
        self.beginResetModel()
        self._filter = text.casefold().strip()
        self._rows = self._visible()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._headers):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._rows = self._visible()
        self.layoutChanged.emit()

    def _visible(self) -> list[Sequence[Cell]]:
        prepared = self._all
        shown: Sequence[int] = range(len(prepared.rows))
        if self._filter:
            shown = [i for i in shown if self._filter in prepared.haystacks[i]]
        if self._sort is not None:
            column, order = self._sort
            # sorted() keeps rows with equal keys in their order, reversed or not.
            shown = sorted(shown, key=prepared.sort_keys[column].__getitem__,
                           reverse=order == Qt.SortOrder.DescendingOrder)
        return [prepared.rows[i] for i in shown]

    def export_rows(self) -> tuple[list[str], list[list[object]]]:
        """The headers and the shown rows' export values, in the order and filter shown
        (from the Cells: through Qt, a cell at a time, 10,000 rows took ~1 s)."""
        return list(self._headers), [
            [cell.text if cell.export is None else cell.export for cell in row]
            for row in self._rows
        ]

    def cell(self, row: int, column: int) -> Cell:
        return self._rows[row][column]

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == SORT_ROLE:
            return cell.text.casefold() if cell.sort is None else cell.sort
        if role == EXPORT_ROLE:
            return cell.text if cell.export is None else cell.export
        if role == Qt.ItemDataRole.ToolTipRole:
            # A tooltip that looks like HTML is drawn as HTML: bank text in it ("<b>",
            # "<img src=...>" read from an imported question) must stay text.
            return None if cell.tooltip is None else plain_tip(cell.tooltip)
        if role == Qt.ItemDataRole.UserRole:
            return cell.key
        if role == Qt.ItemDataRole.TextAlignmentRole and cell.numeric:
            return _RIGHT
        return None

