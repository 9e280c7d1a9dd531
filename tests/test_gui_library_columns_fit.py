"""The library's Bank and Questions columns fit the rows listed now. Found by review21: a
refresh of a few rows only ever widened them (a long title's bank removed left its width
behind), and a refresh of many rows measured what Qt measures of a column, about 1,000
rows around those in view: a long title further down ended in "…" in a column sized for
the others."""

from __future__ import annotations

from helpers import SMALL_BANK, library_rows
from PySide6.QtWidgets import QWidget

from quizapp.gui.bank_list import BankList
from quizapp.gui.library_rows import QUESTIONS, TITLE, BankRow

LONG = "Tokyo talks on cars, car parts and trade rules"  # wider than a bundled title


def _bank(bank_id: str, title: str) -> str:
    return SMALL_BANK.replace("id: small", f"id: {bank_id}").format(title=title)


def test_the_columns_narrow_when_the_widest_bank_is_removed(qtbot, open_library_window,
                                                             tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "a.yaml").write_text(_bank("a", "Tokyo"), encoding="utf-8")
    (banks / "b.yaml").write_text(_bank("b", LONG), encoding="utf-8")
    win = open_library_window(banks)
    tree = win.library_screen.tree
    header = tree.header()
    assert LONG in library_rows(win)
    wide = header.sectionSize(TITLE)
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        (banks / "b.yaml").unlink()
        win.context.library.reload()
    assert LONG not in library_rows(win)
    narrow = header.sectionSize(TITLE)
    assert narrow < wide
    widest_left = max(tree.fontMetrics().horizontalAdvance(title) for title in library_rows(win))
    assert widest_left <= narrow < widest_left + tree.fontMetrics().horizontalAdvance("MM")


def _row(n: int, title: str, questions: int) -> BankRow:
    row = BankRow()
    row.setText(TITLE, title)
    row.setText(QUESTIONS, str(questions))
    return row


def test_many_rows_listed_at_once_are_all_measured(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    bank_list = BankList(holder)
    tree = bank_list.tree
    tree.resize(900, 400)
    tree.show()
    rows = [_row(n, f"Bank {n:04}", 3) for n in range(1200)]
    rows.append(_row(1200, "Zz " + LONG, 123456789012))  # sorts last: far from the rows in view
    bank_list.place_rows(rows, [], rows)
    header = tree.header()
    fm = tree.fontMetrics()
    assert header.sectionSize(TITLE) == bank_list.title_column.most_width()  # capped
    assert header.sectionSize(QUESTIONS) >= fm.horizontalAdvance("123456789012")
    # and once it is gone (more rows than a few at once), they narrow again
    rest = rows[:-1]
    more = [_row(n, f"Other {n:04}", 3) for n in range(100)]
    bank_list.place_rows(more, [rows[-1]], rest + more)
    assert header.sectionSize(TITLE) < fm.horizontalAdvance("Zz " + LONG)
    assert header.sectionSize(QUESTIONS) == header.sectionSizeHint(QUESTIONS)  # "Questions"


def test_zoomed_in_and_back_the_columns_are_as_they_were(qtbot, open_library_window, tmp_path):
    """Found looking at the library under Xvfb: after Ctrl+= and Ctrl+0 the Questions
    column kept its zoomed width (the header's text size, asked before the header had
    the new font)."""
    from PySide6.QtCore import Qt

    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "a.yaml").write_text(_bank("a", "Tokyo"), encoding="utf-8")
    win = open_library_window(banks)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tree = win.library_screen.tree
    header = tree.header()
    before = [header.sectionSize(column) for column in (TITLE, QUESTIONS)]
    for _ in range(4):  # 175%
        qtbot.keyClick(tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: header.sectionSize(QUESTIONS) > before[1])
    assert header.sectionSize(QUESTIONS) >= header.sectionSizeHint(QUESTIONS)
    qtbot.keyClick(tree, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: [header.sectionSize(column) for column in (TITLE, QUESTIONS)]
                    == before, timeout=2000)
