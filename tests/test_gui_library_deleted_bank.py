"""A bank whose file is deleted while it is selected in the library: the reload must not
select another bank (the first row used to be selected, and Q then quizzed it)."""

import pytest
from helpers import SMALL_BANK, library_rows
from PySide6.QtCore import Qt

OTHER_BANK = SMALL_BANK.replace("id: small", "id: other")


@pytest.fixture
def banks(tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    # "Aardvark" sorts first in the list, "Zebra" last; both sort before the bundled
    # banks' titles or after, so the first row is never the selected bank.
    (folder / "aardvark.yaml").write_text(OTHER_BANK.format(title="Aardvark bank"),
                                          encoding="utf-8")
    (folder / "zebra.yaml").write_text(SMALL_BANK.format(title="Zebra bank"), encoding="utf-8")
    return folder


def _focus_tree(qtbot, win):
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.library_screen.tree.setFocus()


def _reloaded(qtbot, win, change):
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        change()
    qtbot.waitUntil(lambda: not win.library_screen.counting, timeout=30000)


def test_the_selection_stays_on_its_bank_when_another_file_changes(qtbot, open_library_window,
                                                                   banks):
    win = open_library_window(banks)
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["Zebra bank"])
    _reloaded(qtbot, win, lambda: (banks / "aardvark.yaml").unlink())
    assert "Aardvark bank" not in library_rows(win)
    assert screen.tree.currentItem() is library_rows(win)["Zebra bank"]
    assert screen.selected_bank().id == "small"


def test_q_on_a_deleted_bank_says_it_is_gone_and_starts_nothing(qtbot, open_library_window,
                                                                 banks):
    win = open_library_window(banks)
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["Zebra bank"])
    _focus_tree(qtbot, win)
    _reloaded(qtbot, win, lambda: (banks / "zebra.yaml").unlink())
    assert "Zebra bank" not in library_rows(win)
    assert screen.tree.currentItem() is None  # not the first row, nor a neighbour
    assert not screen.quiz_button.isEnabled()
    gone = "“Zebra bank” is no longer in the library"
    assert gone in screen.empty_label.text() and screen.empty_label.isVisible()

    started = []
    for signal in (screen.quiz_requested, screen.flashcards_requested,
                   screen.practice_requested, screen.progress_requested):
        signal.connect(started.append)
    for key in (Qt.Key.Key_Q, Qt.Key.Key_F, Qt.Key.Key_P, Qt.Key.Key_G, Qt.Key.Key_Return):
        qtbot.keyClick(screen.tree, key)
    # Tab away and back: the tree does not make its first row current on focus either.
    qtbot.keyClick(screen.tree, Qt.Key.Key_Tab)
    qtbot.keyClick(screen.details, Qt.Key.Key_Backtab)
    qtbot.keyClick(screen.tree, Qt.Key.Key_Q)
    assert started == []
    assert win.current_screen_name() == "library"
    assert gone in screen.empty_label.text()

    # A later redraw (a store write, another reload) still selects nothing...
    _reloaded(qtbot, win, win.context.library.reload)
    assert screen.tree.currentItem() is None and gone in screen.empty_label.text()
    # ...until the learner chooses a bank: then that one is studied, and the note goes.
    qtbot.keyClick(screen.tree, Qt.Key.Key_Down)
    chosen = screen.selected_bank()
    assert chosen is not None
    assert gone not in screen.empty_label.text()
    with qtbot.waitSignal(screen.progress_requested, timeout=5000) as request:
        qtbot.keyClick(screen.tree, Qt.Key.Key_G)
    assert request.args == [chosen.id]


def test_a_deleted_bank_that_comes_back_is_selected_again(qtbot, open_library_window, banks):
    win = open_library_window(banks)
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["Zebra bank"])
    zebra = banks / "zebra.yaml"
    text = zebra.read_text(encoding="utf-8")
    _reloaded(qtbot, win, zebra.unlink)
    assert screen.tree.currentItem() is None
    _reloaded(qtbot, win, lambda: zebra.write_text(text, encoding="utf-8"))
    qtbot.waitUntil(lambda: "Zebra bank" in library_rows(win), timeout=10000)
    assert screen.tree.currentItem() is library_rows(win)["Zebra bank"]
    assert "no longer in the library" not in screen.empty_label.text()


def test_a_bank_asked_to_be_selected_is_forgotten_once_a_load_ends_without_it(
        qtbot, open_library_window, banks):
    """select_when_listed (File > Import) waits for the bank's row; a load that ends without
    it (the file removed before the library saw it) ends the wait. Else a bank listed at
    that path much later took the selection from the one the learner had chosen since."""
    win = open_library_window(banks)
    screen = win.library_screen
    later = banks / "capitals.yaml"
    screen.select_when_listed(str(later))
    _reloaded(qtbot, win, win.context.library.reload)  # the library as it is: no such file
    screen.tree.setCurrentItem(library_rows(win)["Aardvark bank"])
    _focus_tree(qtbot, win)
    qtbot.keyClick(screen.tree, Qt.Key.Key_End)  # the learner's own choice
    chosen = screen.selected_path()
    assert chosen is not None and chosen != str(later)

    later.write_text(OTHER_BANK.replace("id: other", "id: capitals").format(title="Capitals"),
                     encoding="utf-8")
    _reloaded(qtbot, win, win.context.library.reload)
    assert "Capitals" in library_rows(win)
    assert screen.selected_path() == chosen
