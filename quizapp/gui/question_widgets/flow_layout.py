"""A layout that wraps widgets like words in a paragraph (the cloze text)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QLayout,
    QLayoutItem,
    QWidget,
    QWidgetItem,
)


class _LineBreak(QWidget):
    """A marker in a FlowLayout: what follows starts a new line."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, 0)


class FlowLayout(QLayout):
    """Widgets left to right, wrapping like words in a paragraph."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt's name)
        """The widget's layout item is made here, in Python, not by Qt (as in
        gui/wrap_row.py): the Python wrapper of an item Qt made itself can be invalidated
        while the item lives on, once other widgets are deleted (a finished quiz's question
        widgets), and the next layout pass then raised "already deleted" or crashed. The
        wrapper of an object made in Python lives as long as the object."""
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

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        # Words and blanks of one line are centred on the line, like text.
        x, y = rect.x(), rect.y()
        line: list[tuple[QLayoutItem, int, QSize]] = []
        line_height = 0

        def close_line(gap: int) -> None:
            nonlocal y, line, line_height
            if apply:
                for item, left, hint in line:
                    top = y + (line_height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(left, top), hint))
            if line:
                y += line_height + gap
            line, line_height = [], 0

        for item in self._items:
            if isinstance(item.widget(), _LineBreak):
                close_line(self._spacing * 3)
                x = rect.x()
                continue
            hint = item.sizeHint()
            if line and x + hint.width() > rect.right():
                close_line(self._spacing)
                x = rect.x()
            line.append((item, x, hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        close_line(0)
        return y - rect.y()
