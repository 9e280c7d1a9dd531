"""A QLayout that keeps layout items it made itself, in Python (gui/wrap_row.py's row of
buttons and the cloze text's flow layout build on it).

PySide invalidated the kept Python wrapper of a layout item Qt had made (QLayout.addWidget's
own) once other widgets were deleted (a finished quiz's question widgets), while the item
lived on: the next layout pass raised "Internal C++ object already deleted" or crashed the
app. The wrapper of an object made in Python lives as long as the object (see
docs/architecture.md, "Qt rules learnt the hard way")."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class OwnItemsLayout(QLayout):
    """QLayout's item list, with each widget's item made here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt's name)
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items.pop(index) if 0 <= index < len(self._items) else None
