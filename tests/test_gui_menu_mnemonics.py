"""Within a menu, each command's underlined letter is its own. Found while making the
full-disk copy test press keys (review21): File > Save a &copy and File > &Close of the bank
editor shared C, so Alt+F then C only moved to Save a copy (a second C to Close) and saved
nothing; a teacher had to press Enter as well. The menus of both windows are held to it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMenu

from quizapp.gui.editor import EditorWindow

TOUR = Path(__file__).resolve().parent.parent / "question_banks" / "tour.yaml"


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a plain ampersand), lower case."""
    at = 0
    while (at := text.find("&", at)) != -1 and at + 1 < len(text):
        if text[at + 1] != "&":
            return text[at + 1].casefold()
        at += 2
    return None


def clashes(menu: QMenu) -> dict[str, list[str]]:
    """Each letter two or more commands of `menu` (or of its submenus, each on its own)
    share, with their texts."""
    found: dict[str, list[str]] = {}
    visible = [action for action in menu.actions() if action.isVisible() and not action.isSeparator()]
    letters = Counter(mnemonic(action.text()) for action in visible)
    for action in visible:
        letter = mnemonic(action.text())
        if letter is not None and letters[letter] > 1:
            found.setdefault(f"{menu.title()} {letter}", []).append(action.text())
        if action.menu() is not None:
            found.update(clashes(action.menu()))
    return found


def window_clashes(window: QMainWindow) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            found.update(clashes(menu))
    return found


def test_no_two_commands_of_the_editors_menus_share_a_letter(qtbot, tmp_path):
    w = EditorWindow.open_file(TOUR, read_only=True, my_banks_dir=tmp_path / "mine")
    qtbot.addWidget(w)
    assert window_clashes(w) == {}


def test_no_two_commands_of_the_main_windows_menus_share_a_letter(open_main_window):
    assert window_clashes(open_main_window()) == {}
