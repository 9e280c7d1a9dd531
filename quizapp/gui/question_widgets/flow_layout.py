"""A layout that wraps widgets like words in a paragraph (the cloze text)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayoutItem, QWidget

from quizapp.gui.own_items_layout import OwnItemsLayout


class _LineBreak(QWidget):
    """A marker in a FlowLayout: what follows starts a new line."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, 0)


class FlowLayout(OwnItemsLayout):
    """Widgets left to right, wrapping like words in a paragraph."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)  # the items are made here, in Python (own_items_layout)
        self._spacing = spacing

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
