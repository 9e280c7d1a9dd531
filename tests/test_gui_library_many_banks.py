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


def test_the_load_of_many_banks_moves_the_progress_bars_by_whole_percents(
        qtbot, open_library_window, tmp_path):
    # Each step repainted both progress bars at once (QProgressBar.setValue): 20,000
    # repaints for 10,000 banks, 4 s of the GUI thread during their load.
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(250):
        (folder / f"b{n:03d}.yaml").write_text(bank_with(1, f"Bank {n}", f"bank-{n}"),
                                               encoding="utf-8")
    win = open_library_window(folder)
    steps: list[tuple[int, int]] = []
    library = win.context.library
    library.load_progressed.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(library.library_loaded, timeout=30000):
        library.reload()
    total = steps[-1][1]
    assert total >= 250 and steps[-1] == (total, total)
    assert len(steps) <= 101
    assert [done * 100 // total for done, _ in steps] == sorted(
        {done * 100 // total for done, _ in steps})


def test_a_large_librarys_files_are_watched_a_few_at_a_time_and_a_change_is_seen(
        qtbot, tmp_path):
    # addPaths of 10,000 files held the GUI thread 0.9-3.2 s as the rows were shown.
    from quizapp.gui.bank_watcher import AT_ONCE, CHUNK, BankWatcher

    files = []
    for n in range(AT_ONCE + 3 * CHUNK):
        path = tmp_path / f"b{n:03d}.yaml"
        path.write_text(bank_with(1, f"Bank {n}", f"bank-{n}"), encoding="utf-8")
        files.append(str(path))
    watcher = BankWatcher()
    watcher.watch({str(tmp_path)}, set(files))
    assert watcher.pending() == len(files) + 1  # none yet: added while the window is idle
    qtbot.waitUntil(lambda: watcher.pending() == 0, timeout=10000)
    with qtbot.waitSignal(watcher.changed, timeout=10000) as changed:
        with open(files[-1], "a", encoding="utf-8") as f:  # saved in place, as nano does
            f.write("# edited\n")
    assert changed.args == [files[-1]]


def test_a_small_librarys_files_are_watched_at_once(qtbot, tmp_path):
    from quizapp.gui.bank_watcher import BankWatcher

    path = tmp_path / "one.yaml"
    path.write_text(bank_with(1, "One", "one"), encoding="utf-8")
    watcher = BankWatcher()
    watcher.watch({str(tmp_path)}, {str(path), str(tmp_path / "gone.yaml")})
    assert watcher.pending() == 0
    with qtbot.waitSignal(watcher.changed, timeout=10000):
        path.write_text(bank_with(2, "One", "one"), encoding="utf-8")
