"""At 200% on a 1280x800 screen, a turned card's front whose text fits shows no scroll
bar: a tester saw one on a three-line front over a long back. The sides shared the card
in proportion to their text alone, and the front got a pixel less than its text needs
(a scroll bar that scrolled by one pixel). A front that does not fit still scrolls."""

from __future__ import annotations

from helpers import library_rows
from PySide6.QtCore import Qt

THREE_LINES = ("What did the United States want from Japan in the 1995 auto talks, according"
               " to the article that Reuters wrote, and what did Japan's minister say in"
               " reply to that demand on Wednesday?")
LONG_BACK = ("U.S. Trade Representative. In Washington he said the United States will open"
             " Japan's auto markets one way or another. ") * 6


def cards_at_200(qtbot, open_library_window, tmp_path, front: str, back: str):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "cards.yaml").write_text(
        f'title: Cards\nid: cards\nquestions:\n  - id: c\n    type: flashcard\n'
        f'    front: "{front}"\n    back: "{back}"\n', encoding="utf-8")
    win = open_library_window(folder)
    win.resize(1280, 800)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    library = win.library_screen
    library.tree.setCurrentItem(library_rows(win)["Cards"])
    library.tree.setFocus()
    for _ in range(5):  # View > Zoom > Zoom in, by its key, to 200%
        qtbot.keyClick(library.tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert win.appearance.zoom == 2.0
    qtbot.keyClick(library.tree, Qt.Key.Key_F)  # flashcards
    screen = win.screen_named("flashcards")
    qtbot.waitUntil(screen.front_view.isVisible, timeout=5000)
    return screen


def test_a_front_that_fits_shows_no_scroll_bar_over_a_long_back(
        qtbot, open_library_window, tmp_path):
    screen = cards_at_200(qtbot, open_library_window, tmp_path, THREE_LINES, LONG_BACK)
    qtbot.keyClick(screen.focusWidget() or screen, Qt.Key.Key_Space)  # turn it over
    qtbot.waitUntil(screen.back_view.isVisible)
    front, back = screen.front_view, screen.back_view
    qtbot.waitUntil(lambda: back.verticalScrollBar().maximum() > 0)  # the back does not fit
    # The card is laid out again once turned: the long back takes most of it.
    qtbot.waitUntil(lambda: back.height() > 2 * front.height())
    assert front.verticalScrollBar().maximum() == 0
    assert not front.verticalScrollBar().isVisible()
    assert front.viewport().height() >= front.document().size().height()


def test_a_front_too_long_for_the_card_still_scrolls(qtbot, open_library_window, tmp_path):
    screen = cards_at_200(qtbot, open_library_window, tmp_path, THREE_LINES * 8, "Four")
    bar = screen.front_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.isVisible())
