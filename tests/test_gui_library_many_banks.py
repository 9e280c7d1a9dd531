"""The library of many banks sorts its rows in Python, in one pass: Qt's own sort called
the rows' Python __lt__ for every pair it compared (about 230,000 calls for 10,000 banks),
which held the window 5.2 s after the banks were loaded and 2 s more when their counts came
in (measured under Xvfb, a folder of 10,000 one-question banks). Clicking a column's header
still sorts by it, numbers as numbers and titles in any case, and keeps the selection."""

from __future__ import annotations

import pytest
from helpers import SMALL_BANK, library_rows
from PySide6.QtCore import QPoint, Qt

from quizapp.gui.library_rows import QUESTIONS, TITLE, BankRow


def bank_with(questions: int, title: str, bank_id: str) -> str:
    items = "".join(f"  - {{id: q{i}, type: true_false, prompt: p{i}, answer: true}}\n"
                    for i in range(questions))
    return f"title: {title}\nid: {bank_id}\nquestions:\n{items}"


@pytest.fixture
def banks(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    for n, title in enumerate(["beta", "Alpha", "gamma", "Delta"]):
        (folder / f"b{n}.yaml").write_text(bank_with(9 + n * 1 if n < 2 else 10 + n, title,
                                                     f"bank-{n}"), encoding="utf-8")
    (folder / "small.yaml").write_text(SMALL_BANK.format(title="Small"), encoding="utf-8")
    return folder


def titles(win) -> list[str]:
    tree = win.library_screen.tree
    return [tree.topLevelItem(i).text(TITLE) for i in range(tree.topLevelItemCount())]


def ours(win) -> list[str]:
    return [t for t in titles(win) if t in {"beta", "Alpha", "gamma", "Delta", "Small"}]


def click_header(qtbot, win, column: int) -> None:
    header = win.library_screen.tree.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_the_rows_are_sorted_without_a_python_comparison_for_each_pair(
        qtbot, open_library_window, banks, monkeypatch):
    compared = []

    def counted(self, other):
        compared.append(1)
        return self.text(TITLE) < other.text(TITLE)

    monkeypatch.setattr(BankRow, "__lt__", counted, raising=False)
    win = open_library_window(banks)
    click_header(qtbot, win, QUESTIONS)
    assert compared == []
    assert ours(win) == ["Small", "beta", "Alpha", "gamma", "Delta"]


def test_titles_sort_in_any_case_and_numbers_as_numbers_both_ways(
        qtbot, open_library_window, banks):
    win = open_library_window(banks)
    assert ours(win) == ["Alpha", "beta", "Delta", "gamma", "Small"]
    click_header(qtbot, win, QUESTIONS)  # 3 (small), 9, 10, 12, 13 questions
    assert ours(win) == ["Small", "beta", "Alpha", "gamma", "Delta"]
    click_header(qtbot, win, QUESTIONS)
    assert ours(win) == ["Delta", "gamma", "Alpha", "beta", "Small"]
    click_header(qtbot, win, TITLE)
    assert ours(win) == ["Alpha", "beta", "Delta", "gamma", "Small"]


def test_the_selected_bank_stays_selected_when_the_rows_are_sorted(
        qtbot, open_library_window, banks):
    win = open_library_window(banks)
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["gamma"])
    click_header(qtbot, win, QUESTIONS)
    assert screen.tree.currentItem() is library_rows(win)["gamma"]
    assert screen.selected_bank().id == "bank-2"
