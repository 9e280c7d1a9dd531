"""A library refresh touches the rows that changed: one bank saved or imported among many
used to rebuild and sort every row on the GUI thread (2 s for 10,000 banks), and count
every bank again on the reader thread."""

import pytest
from helpers import SMALL_BANK, library_rows

import quizapp.gui.library_counts as library_counts


def _bank(bank_id: str, title: str) -> str:
    return SMALL_BANK.replace("id: small", f"id: {bank_id}").format(title=title)


@pytest.fixture
def banks(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    for name in ("alpha", "bravo", "charlie"):
        (folder / f"{name}.yaml").write_text(_bank(name, f"{name.title()} bank"),
                                             encoding="utf-8")
    return folder


def _reloaded(qtbot, win, change):
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        change()
        win.context.library.reload()
    qtbot.waitUntil(lambda: not win.library_screen.counting, timeout=30000)


def _titles(win) -> list[str]:
    tree = win.library_screen.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_a_bank_saved_again_rebuilds_its_row_alone_and_is_the_only_one_counted(
        qtbot, open_library_window, banks, monkeypatch):
    win = open_library_window(banks)
    before = library_rows(win)
    counted: list[list[str]] = []
    real_load_counts = library_counts.load_counts

    def load_counts(reader, writer, learner_id, banks_to_count, all_banks, seen_version):
        counted.append(sorted(bank.id for bank in banks_to_count))
        return real_load_counts(reader, writer, learner_id, banks_to_count, all_banks,
                                seen_version)

    monkeypatch.setattr(library_counts, "load_counts", load_counts)
    _reloaded(qtbot, win, lambda: (banks / "bravo.yaml").write_text(
        _bank("bravo", "Zulu bank"), encoding="utf-8"))
    after = library_rows(win)
    assert "Bravo bank" not in after
    for title in ("Alpha bank", "Charlie bank"):
        assert after[title] is before[title]  # the very same row, not one built again
    assert after["Zulu bank"] is not before["Bravo bank"]
    titles = _titles(win)
    assert titles == sorted(titles, key=str.casefold)  # sorted where it now belongs
    # (A count of no bank checks only whether another window wrote; nobody did.)
    assert [banks_counted for banks_counted in counted if banks_counted] == [["bravo"]]
    assert after["Zulu bank"].text(7) == "3"  # its questions, and its counts filled
    assert after["Zulu bank"].text(2) not in ("", "–")


def test_a_bank_added_and_one_removed_leave_the_other_rows_and_the_selection_alone(
        qtbot, open_library_window, banks):
    win = open_library_window(banks)
    screen = win.library_screen
    before = library_rows(win)
    screen.tree.setCurrentItem(before["Charlie bank"])

    def change():
        (banks / "alpha.yaml").unlink()
        (banks / "delta.yaml").write_text(_bank("delta", "Delta bank"), encoding="utf-8")

    _reloaded(qtbot, win, change)
    after = library_rows(win)
    assert "Alpha bank" not in after and "Delta bank" in after
    assert after["Bravo bank"] is before["Bravo bank"]
    assert after["Charlie bank"] is before["Charlie bank"]
    assert screen.tree.currentItem() is after["Charlie bank"]
    titles = _titles(win)
    assert titles == sorted(titles, key=str.casefold)
    assert after["Delta bank"].text(2) not in ("", "–")
