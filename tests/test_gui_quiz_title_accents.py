"""The quiz header's bold bank title shows a capital's accent whole at every zoom step:
testers saw the ring of "Å" and the dots of "Ü" cut off at its top at some sizes (a
label as tall as the font's height; the library's rows had the same fault)."""

from __future__ import annotations

from helpers import SMALL_BANK, library_rows
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog

from quizapp.gui import quiz_setup
from quizapp.gui.theme import ZOOM_STEPS


def ink_rows(image: QImage) -> list[int]:
    """The pixel rows of `image` that hold anything but its background (its corner)."""
    background = image.pixel(image.width() - 1, image.height() - 1)
    return [y for y in range(image.height())
            if any(image.pixel(x, y) != background for x in range(image.width()))]


def test_the_quiz_title_shows_accents_whole_at_every_zoom(qtbot, open_library_window,
                                                          tmp_path, monkeypatch):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "accents.yaml").write_text(SMALL_BANK.format(title="ÅÉÜ ÅÉÜ"), encoding="utf-8")
    win = open_library_window(folder)
    win.resize(1000, 700)
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    tree = win.library_screen.tree
    tree.setCurrentItem(library_rows(win)["ÅÉÜ ÅÉÜ"])
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tree.setFocus()
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(tree, Qt.Key.Key_Q)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    quiz = win.screen_named("quiz")
    label = quiz.title_label
    assert label.text().endswith("ÅÉÜ ÅÉÜ")

    def zoom_key(key) -> None:
        qtbot.keyClick(quiz.focusWidget() or quiz, key, Qt.KeyboardModifier.ControlModifier)

    zoom_key(Qt.Key.Key_0)  # actual size
    while win.appearance.zoom > ZOOM_STEPS[0]:
        zoom_key(Qt.Key.Key_Minus)
    seen = []
    while True:
        qtbot.waitUntil(lambda: label.height() >= label.sizeHint().height())  # laid out again
        ink = ink_rows(label.grab().toImage())
        zoom = win.appearance.zoom
        assert ink, f"zoom {zoom}: no title drawn"
        # A row of background above the accents and below the letters: nothing cut.
        assert ink[0] > 0, f"zoom {zoom}: the accents' tops are cut"
        assert ink[-1] < label.height() - 1, f"zoom {zoom}: the letters' feet are cut"
        seen.append(zoom)
        if zoom == ZOOM_STEPS[-1]:
            break
        zoom_key(Qt.Key.Key_Equal)
    assert seen == list(ZOOM_STEPS)
