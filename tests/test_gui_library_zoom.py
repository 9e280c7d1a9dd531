"""Zoomed, the library's details pane grows with the list beside it, and the list's
"About" column stays readable. A tester zoomed in (Ctrl+= three times) at 800x600: the
bank's description stayed at the small size it was written at, and "About" shrank to
"Ab…" over rows of "…"."""

from __future__ import annotations

from helpers import SMALL_BANK, library_rows
from PySide6.QtCore import Qt

from quizapp.gui.library_rows import ABOUT

DESCRIBED = SMALL_BANK.replace(
    "id: small\n",
    "id: small\ndescription: A short bank about the sky and the grass, for the tests.\n")


def library_at_800x600(qtbot, open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(DESCRIBED.format(title="Small bank"), encoding="utf-8")
    win = open_library_window(folder)
    win.resize(800, 600)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["Small bank"])  # its details are written
    screen.tree.setFocus()
    return win, screen


def heading_height(details) -> float:
    """The height of the details' first line, the bank's title, as laid out now."""
    document = details.document()
    return document.documentLayout().blockBoundingRect(document.firstBlock()).height()


def zoom_in(qtbot, screen, times: int) -> None:
    for _ in range(times):  # View > Zoom > Zoom in, by its key
        qtbot.keyClick(screen.tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)


def test_the_details_pane_grows_with_the_zoom(qtbot, open_library_window, tmp_path):
    win, screen = library_at_800x600(qtbot, open_library_window, tmp_path)
    assert screen.details.toPlainText().startswith("Small bank")
    before = heading_height(screen.details)
    row_before = screen.tree.visualItemRect(library_rows(win)["Small bank"]).height()
    zoom_in(qtbot, screen, 3)
    assert win.appearance.zoom == 1.5
    row_after = screen.tree.visualItemRect(library_rows(win)["Small bank"]).height()
    assert row_after > 1.3 * row_before  # the list grew...
    qtbot.waitUntil(lambda: heading_height(screen.details) > 1.3 * before, timeout=3000)  # ...and so did the pane
    qtbot.keyClick(screen.tree, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # actual size
    qtbot.waitUntil(lambda: abs(heading_height(screen.details) - before) < 1, timeout=3000)


def test_the_about_column_stays_readable_when_zoomed(qtbot, open_library_window, tmp_path):
    win, screen = library_at_800x600(qtbot, open_library_window, tmp_path)
    header = screen.tree.header()
    roomy = header.sectionSize(ABOUT)
    zoom_in(qtbot, screen, 3)
    row = library_rows(win)["Small bank"]
    start = row.text(ABOUT)[:15]  # "A short bank ab": enough to tell what the bank is
    needed = screen.tree.fontMetrics().horizontalAdvance(start + "…")
    qtbot.waitUntil(lambda: header.sectionSize(ABOUT) >= needed, timeout=3000)
    # The list scrolls sideways to the columns after it, rather than squeezing it.
    assert screen.tree.horizontalScrollBar().maximum() > 0
    qtbot.keyClick(screen.tree, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    win.resize(1280, 800)
    # With room, it takes all the width the other columns leave, as before.
    qtbot.waitUntil(lambda: screen.tree.horizontalScrollBar().maximum() == 0, timeout=3000)
    others = sum(header.sectionSize(c) for c in range(header.count()) if c != ABOUT)
    assert header.sectionSize(ABOUT) == screen.tree.viewport().width() - others
    assert header.sectionSize(ABOUT) > roomy

