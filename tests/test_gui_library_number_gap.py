"""Zoomed, a bank's question count and its status read as two columns. Found by an
outside tester at 175% in a 1024x700 window: the count, flush right in the Questions
column, stood a few pixels from the status, flush left in the next one, and the row read
"1 ready" (a count of one and "ready" looked like one phrase). Qt keeps the same few
pixels between cells at every text size; the count now keeps a gap that grows with it.

The selected row's count is highlighted once, like every other cell. Found by review21: the
count's delegate painted the whole cell (with its selection), then the number in a cell
short of the gap, selection and all: under a highlight one can see through (some platform
styles and themes) the count's cell was darker up to the gap than beyond it."""

from __future__ import annotations

from helpers import library_rows
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette

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


def _ink_columns(image: QImage, top: int, bottom: int, left: int, right: int) -> list[int]:
    """The x of every pixel column from left to right (excluded) that holds ink of the
    text: a pixel unlike the row's background (its colour at the far left of the span)."""
    background = QColor(image.pixel(left + 1, (top + bottom) // 2))

    def unlike(colour: QColor) -> bool:
        return (abs(colour.red() - background.red()) + abs(colour.green() - background.green())
                + abs(colour.blue() - background.blue())) > 60

    return [x for x in range(left, right)
            if any(unlike(QColor(image.pixel(x, y))) for y in range(top, bottom))]


def _count_and_status_in_view(qtbot, tree):
    """Scroll the Questions and Status columns into view; the tree's header."""
    bar = tree.horizontalScrollBar()
    bar.setValue(bar.maximum())
    header = tree.header()
    qtbot.waitUntil(lambda: header.sectionViewportPosition(STATUS) + header.sectionSize(STATUS)
                    <= tree.viewport().width())
    return header


def _one_bank_window(open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "one.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(folder)
    win.resize(1024, 700)
    return win


def test_zoomed_the_count_and_the_status_stand_apart(qtbot, open_library_window, tmp_path):
    win = _one_bank_window(open_library_window, tmp_path)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tree = win.library_screen.tree
    tree.setFocus()
    for _ in range(4):  # Ctrl+= to 175%
        qtbot.keyClick(tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert win.appearance.zoom == 1.75
    row = library_rows(win)["One question"]
    assert (row.text(QUESTIONS), row.text(STATUS)) == ("1", "ready")
    tree.setCurrentItem(None)  # drawn on the list's own background, no selection
    tree.scrollToItem(row)
    header = _count_and_status_in_view(qtbot, tree)

    cell = tree.visualItemRect(row)
    image = tree.viewport().grab().toImage()
    start = header.sectionViewportPosition(QUESTIONS)
    middle = header.sectionViewportPosition(STATUS)
    end = middle + header.sectionSize(STATUS)
    count_ink = _ink_columns(image, cell.top() + 2, cell.bottom() - 1, start, middle)
    status_ink = _ink_columns(image, cell.top() + 2, cell.bottom() - 1, middle, end)
    assert count_ink and status_ink  # "1" and "ready" both painted
    gap = min(status_ink) - max(count_ink) - 1
    em = tree.fontMetrics().horizontalAdvance("M")
    # wider than a space by far: the two read as two columns
    assert gap >= em, (gap, em, tree.fontMetrics().horizontalAdvance(" "))
    # and the status shows whole, not cut by the gap
    assert max(status_ink) - min(status_ink) + 1 >= tree.fontMetrics().horizontalAdvance("ready") - 2


def test_a_see_through_selection_is_painted_once_on_the_count(qtbot, open_library_window,
                                                               tmp_path):
    win = _one_bank_window(open_library_window, tmp_path)
    tree = win.library_screen.tree
    palette = tree.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(200, 0, 0, 90))
    tree.setPalette(palette)
    row = library_rows(win)["One question"]
    tree.setCurrentItem(row)
    assert row.isSelected() and row.text(QUESTIONS) == "1"
    header = _count_and_status_in_view(qtbot, tree)
    cell = tree.visualItemRect(row)
    image = tree.viewport().grab().toImage()
    y = cell.top() + 2  # above the text
    count_left = header.sectionViewportPosition(QUESTIONS) + 2  # the number is flush right
    count_right = header.sectionViewportPosition(STATUS) - 2  # in the gap after it
    status_right = header.sectionViewportPosition(STATUS) + header.sectionSize(STATUS) - 3
    left, gap, status = (QColor(image.pixel(x, y)).name()
                         for x in (count_left, count_right, status_right))
    assert left == gap == status
