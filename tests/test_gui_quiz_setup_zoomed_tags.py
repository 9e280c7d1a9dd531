"""Zoomed in, the quiz setup's tags list shows every tag whole. It was sized for the text
before the zoom (measured before the window's zoomed style reached the dialog): at 125%
and more its last tags were cut off behind a scroll bar."""

from __future__ import annotations

from helpers import library_rows
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from quizapp.gui import quiz_setup
from quizapp.gui.theme import ZOOM_STEPS

TAGS = ("history", "trade", "cars", "japan", "tariffs")
BANK = "title: Tagged\nid: tagged\nquestions:\n" + "".join(
    f"  - id: q{n}\n    type: true_false\n    prompt: Statement {n}.\n    answer: true\n"
    f"    tags: [{tag}]\n" for n, tag in enumerate(TAGS))


def test_zoomed_every_tag_of_the_quiz_setup_shows_whole(qtbot, open_library_window, tmp_path,
                                                        monkeypatch):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "tagged.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(folder)
    win.resize(1024, 700)
    opened: list[QDialog] = []

    def show_instead(dialog) -> QDialog.DialogCode:
        dialog.show()  # as exec() shows it, without waiting for the learner
        opened.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", show_instead)
    tree = win.library_screen.tree
    tree.setCurrentItem(library_rows(win)["Tagged"])
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tree.setFocus()
    for zoom in ZOOM_STEPS[ZOOM_STEPS.index(1.0) + 1:]:  # Ctrl+= step by step
        qtbot.keyClick(tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        assert win.appearance.zoom == zoom
        shown = len(opened)
        qtbot.keyClick(tree, Qt.Key.Key_Q)  # opens once the suspended cards are read
        qtbot.waitUntil(lambda: len(opened) > shown, timeout=10000)  # noqa: B023 (now)
        dialog = opened[-1]
        qtbot.waitExposed(dialog)
        tags = dialog.tag_list
        assert tags.count() == len(TAGS)
        last = tags.visualItemRect(tags.item(tags.count() - 1))
        assert last.bottom() < tags.viewport().height(), zoom  # whole, not cut
        assert not tags.verticalScrollBar().isVisible(), zoom
        # and the list stays clear of the line under it
        assert tags.geometry().bottom() < dialog.shuffle_box.geometry().top(), zoom
        dialog.close()
        win.activateWindow()  # offscreen, no window manager hands activation back
        qtbot.waitUntil(win.isActiveWindow)
