"""The teacher overview's tables are filled without per-row work on the GUI thread. Found
driving the window by keys on a store of 1,000,000 answers over a 10,000-question bank
(keys24): each Refresh of View > Teacher overview froze the window for 0.2-0.4 s, as the
model built every row's search text and sorted the rows with a key function there, and
dropped the rows it showed before at once (benchmarks/bench_teacher_fill.py)."""

from __future__ import annotations

import csv
import threading

from gui_helpers import open_teacher_screen
from PySide6.QtCore import QPoint, Qt

from quizapp.gui import rows_model, teacher_screen
from quizapp.gui.rows_model import Cell, RowsModel, prepare_rows


class Marker:
    """A cell's key that can be watched: weakref-able, unlike Cell."""


def test_refresh_and_a_click_on_a_header_make_no_sort_key_on_the_gui_thread(
        qtbot, history, monkeypatch):
    made_on: list[str] = []
    sort_key = rows_model._sort_key

    def watched(cell):
        made_on.append(threading.current_thread().name)
        return sort_key(cell)

    monkeypatch.setattr(rows_model, "_sort_key", watched)
    screen = open_teacher_screen(qtbot, history)  # Refresh, until the tables are filled
    table = screen.item_table
    assert screen.item_model.rowCount() > 1 and made_on  # the keys were made: elsewhere
    gui = threading.main_thread().name
    assert gui not in made_on

    header = table.horizontalHeader()
    answers = 3  # ITEM_HEADERS: "Answers"
    x = header.sectionViewportPosition(answers) + header.sectionSize(answers) // 2
    made_on.clear()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == answers
    shown = [screen.item_model.cell(r, answers).sort for r in range(screen.item_model.rowCount())]
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert shown == sorted(shown, reverse=descending)
    assert made_on == []  # sorted by the keys made with the rows


def test_rows_shown_before_are_let_go_over_the_next_turns(qtbot):
    import weakref

    model = RowsModel(["Question", "Answers"])
    marker = Marker()
    gone = weakref.ref(marker)
    many = rows_model.LET_GO_PER_TURN * 3
    model.set_prepared(prepare_rows(
        [(Cell("first", key=marker), Cell.number(1, "1"))]
        + [(Cell(f"q{n}"), Cell.number(n, str(n))) for n in range(many)], 2))
    del marker
    model.set_prepared(prepare_rows([(Cell("next"), Cell.number(2, "2"))], 2))
    assert model.rowCount() == 1 and model.cell(0, 0).text == "next"
    # not all at once (~30 ms for 10,000 rows): the first row, let go last, is still there
    assert gone() is not None
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)


def test_rows_still_held_elsewhere_stay_whole(qtbot):
    model = RowsModel(["Question"])
    held = prepare_rows([(Cell(f"q{n}"),) for n in range(10)], 1)
    model.set_prepared(held)
    model.set_prepared(prepare_rows([], 1))
    qtbot.waitUntil(lambda: not model._let_go_timer.isActive(), timeout=5000)
    assert [row[0].text for row in held.rows] == [f"q{n}" for n in range(10)]
    assert len(held.haystacks) == 10 and len(held.sort_keys[0]) == 10


def test_export_csv_reads_the_rows_not_each_cell_through_qt(qtbot, history, tmp_path,
                                                            monkeypatch):
    """Export CSV of a 10,000-question item analysis froze the window ~1 s: every one of
    its 80,000 cells was read through a QModelIndex, and the file written (~0.1 s) on the
    GUI thread. The file is the same."""
    screen = open_teacher_screen(qtbot, history)
    screen.tabs.setCurrentIndex(1)
    screen.item_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    read: list[int] = []
    data = RowsModel.data
    monkeypatch.setattr(RowsModel, "data", lambda self, *a: read.append(1) or data(self, *a))
    written_on: list[str] = []
    write = teacher_screen.write_csv

    def watched_write(*args):
        written_on.append(threading.current_thread().name)
        write(*args)

    monkeypatch.setattr(teacher_screen, "write_csv", watched_write)
    path = tmp_path / "items.csv"
    with qtbot.waitSignal(screen.csv_exported):
        # (what the button does after its dialog: a click's events would let the view
        # paint, which reads the cells it shows; test_gui_teacher_class_server clicks it)
        screen.export_csv(path)
        during = len(read)  # (afterwards the view paints, and reads what it shows)
    assert during == 0  # every cell was read through Qt for the file
    assert len(written_on) == 1 and written_on != [threading.main_thread().name]
    monkeypatch.setattr(RowsModel, "data", data)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    model = screen.item_model
    assert rows[0] == [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert [r[0] for r in rows[1:]] == [model.cell(r, 0).export for r in range(model.rowCount())]
    assert [r[3] for r in rows[1:]] == [str(model.cell(r, 3).export)
                                        for r in range(model.rowCount())]
