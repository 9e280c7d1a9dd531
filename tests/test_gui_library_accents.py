"""The library's rows show a capital's accent whole at every zoom: testers read
"Ünïcode" as "Unïcode", the dots of "Ü" cut off by a row as tall as the font's height."""

from __future__ import annotations

from helpers import SMALL_BANK, library_rows
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage

from quizapp.gui.library_rows import TITLE
from quizapp.gui.theme import ZOOM_STEPS


def ink_rows(image: QImage, rect: QRect) -> list[int]:
    """The pixel rows of `rect` that hold anything but the cell's background (its corner)."""
    background = image.pixel(rect.right(), rect.top())
    return [y for y in range(rect.top(), rect.bottom() + 1)
            if any(image.pixel(x, y) != background for x in range(rect.left(), rect.right() - 2))]


def test_accents_on_capitals_show_whole_at_every_zoom(qtbot, open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    for name, title in (("plain", "UUUU"), ("accents", "ÜÜÜÜ"), ("first", "AAA first")):
        text = SMALL_BANK.format(title=title).replace("id: small", f"id: {name}")
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    win = open_library_window(folder)
    win.resize(1000, 700)
    screen = win.library_screen
    tree = screen.tree
    tree.setCurrentItem(library_rows(win)["AAA first"])  # the rows measured are not selected
    qtbot.keyClick(tree, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # actual size
    while win.appearance.zoom > ZOOM_STEPS[0]:
        qtbot.keyClick(tree, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    seen = []
    while True:
        rows = library_rows(win)
        # The list lays its rows out again a moment after the zoom changed its font.
        accented_row = rows["ÜÜÜÜ"]
        qtbot.waitUntil(lambda r=accented_row: tree.visualItemRect(r).height()
                        == tree.sizeHintForRow(0))
        image = tree.viewport().grab().toImage()
        cell = {title: tree.visualRect(tree.indexFromItem(rows[title], TITLE))
                for title in ("UUUU", "ÜÜÜÜ")}
        plain, accented = (ink_rows(image, cell[t]) for t in ("UUUU", "ÜÜÜÜ"))
        # The dots stand above the capitals, inside the row: more lines of ink, and a gap
        # of background between the row's top edge and them.
        assert len(accented) > len(plain), f"zoom {win.appearance.zoom}: the dots are cut"
        assert accented[0] > cell["ÜÜÜÜ"].top(), f"zoom {win.appearance.zoom}: dots touch the edge"
        assert accented[-1] < cell["ÜÜÜÜ"].bottom()
        seen.append(win.appearance.zoom)
        if win.appearance.zoom == ZOOM_STEPS[-1]:
            break
        qtbot.keyClick(tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert seen == list(ZOOM_STEPS)
