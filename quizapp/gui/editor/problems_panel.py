"""The editor's list of problems in the bank, each with where it is; activating one
(double click or Enter) asks the window to go to its line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from quizapp.authoring.yaml_edit import path_at
from quizapp.core.model import Problem


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped at the list's width (a list view asks its rows'
    size with no width to wrap at, and so showed each message on one cut line)."""

    def __init__(self, view: QListWidget):
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 (Qt override)
        width = max(80, self._view.viewport().width() - 2 * _TEXT_MARGIN)
        text = str(index.data() or "")
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20),
                                                 int(Qt.TextFlag.TextWordWrap), text)
        return QSize(width, bounds.height() + 2 * _TEXT_MARGIN)


_TEXT_MARGIN = 4


class ProblemsPanel(QListWidget):
    line_chosen = Signal(int)  # the 1-based line of the problem the teacher activated

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Problems")
        # A long message (a quote and where it parts from the text) wraps onto more lines
        # at the panel's edge; cut there, the part that matters was hidden.
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setItemDelegate(_WrappingDelegate(self))
        self.itemActivated.connect(self._on_activated)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self.clear()
        for problem in problems:
            where = f"line {problem.line}, column {problem.column}" if problem.line else "the file"
            item = QListWidgetItem(f"{problem.severity}: {where}: {problem.message}")
            item.setData(Qt.ItemDataRole.UserRole, problem.line)
            self.addItem(item)
        if not problems:
            self.addItem("No problems: the bank is valid.")

    def _on_activated(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if line:
            self.line_chosen.emit(line)


_MISSING_KEY = re.compile(r" has no '([A-Za-z_]+)'$")


def marks_for_block(problems: Sequence[Problem], text: str, first_line: int) -> dict[tuple, str]:
    """The problems inside one block of YAML (``text``, starting at ``first_line`` of
    the file), by the field path they are about, and by that field's top key."""
    last = first_line + text.count("\n")
    marks: dict[tuple, str] = {}
    for problem in problems:
        if first_line <= problem.line < last:
            # A missing key is reported where its mapping starts, which is another key's
            # line (no 'title': the line of 'description'): mark the missing one's field.
            missing = _MISSING_KEY.search(problem.message)
            path = (missing[1],) if missing else path_at(text, problem.line - first_line)
            if path:
                marks.setdefault(tuple(path), problem.message)
                marks.setdefault(tuple(path[:1]), problem.message)
    return marks
