"""A light read-only table model for the statistics tables (progress, teacher overview):
rows of Cells that sort and filter themselves in Python."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, Qt

from quizapp.gui.tips import plain_tip

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value: numbers sort as numbers
EXPORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the value written to CSV
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


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


class RowsModel(QAbstractTableModel):
    """A read-only table over rows of Cells that sorts and filters itself, in Python.

    Plain Python rows instead of a QStandardItem per cell, and sorting by a key function
    instead of a proxy's pairwise lessThan calls: a 10,000-question item analysis fills,
    sorts and filters in milliseconds rather than seconds.
    """

    def __init__(self, headers: Sequence[str], parent=None):
        super().__init__(parent)
        self._headers = list(headers)
        self._all: list[Sequence[Cell]] = []
        self._rows: list[Sequence[Cell]] = []
        self._haystacks: list[str] = []
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Sequence[Cell]]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._haystacks = [" ".join(c.text for c in row).casefold() for row in self._all]
        self._rows = self._visible()
        self.endResetModel()

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
        rows = self._all
        if self._filter:
            rows = [r for r, h in zip(rows, self._haystacks, strict=True) if self._filter in h]
        if self._sort is not None:
            column, order = self._sort
            rows = sorted(
                rows,
                key=lambda r: _sort_key(r[column]),
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        return rows

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

