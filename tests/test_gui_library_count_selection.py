"""The selected row's question count is highlighted as once, like every other cell. Found by
review21: the count's delegate painted the whole cell (with its selection), then the number
in a cell short of the gap, selection and all: under a highlight one can see through (some
platform styles and themes) the count's cell was darker up to the gap than beyond it and
than its neighbours."""

from __future__ import annotations

from helpers import library_rows
from PySide6.QtGui import QColor, QPalette

from quizapp.gui.library_rows import QUESTIONS, STATUS

BANK = """\
title: One question
id: one
questions:
  - id: q1
    type: true_false
    prompt: The talks were in Tokyo.
    answer: true
"""


def test_a_see_through_selection_is_painted_once_on_the_count(qtbot, open_library_window,
                                                               tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "one.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(folder)
    win.resize(1024, 700)
    tree = win.library_screen.tree
    palette = tree.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(200, 0, 0, 90))
    tree.setPalette(palette)
    row = library_rows(win)["One question"]
    tree.setCurrentItem(row)
    assert row.isSelected() and row.text(QUESTIONS) == "1"
    bar = tree.horizontalScrollBar()
    bar.setValue(bar.maximum())  # the Questions and Status columns in view
    header = tree.header()
    qtbot.waitUntil(lambda: header.sectionViewportPosition(STATUS) + header.sectionSize(STATUS)
                    <= tree.viewport().width())
    cell = tree.visualItemRect(row)
    image = tree.viewport().grab().toImage()
    y = cell.top() + 2  # above the text
    count_left = header.sectionViewportPosition(QUESTIONS) + 2  # the number is flush right
    count_right = header.sectionViewportPosition(STATUS) - 2  # in the gap after it
    status_right = header.sectionViewportPosition(STATUS) + header.sectionSize(STATUS) - 3
    left, gap, status = (QColor(image.pixel(x, y)).name()
                         for x in (count_left, count_right, status_right))
    assert left == gap == status
