"""View > Theme chosen while the library is hidden (the learner on another screen): back in
the library, a broken bank's status is in the new theme's red. Before, the rows were kept by
the refresh that builds only the rows whose bank changed, and the palette change was looked
at only while the library showed: the status kept the old theme's red (review21), 2.3:1 on
the dark theme's base where both themes promise 4.5:1."""

from __future__ import annotations

from helpers import SMALL_BANK, library_rows
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMenu

from quizapp.gui.library_rows import STATUS
from quizapp.gui.theme import DARK, LIGHT, contrast_ratio

BROKEN = "title: Broken\nquestions:\n  - id: q1\n    type: multiple_choice\n    prompt: Which?\n" \
         "    choices: [a, b]\n    answer: c\n"


def open_menu_by_keys(qtbot, widget, key: Qt.Key) -> QMenu:
    """The menu Alt+`key` (or `key` in the menu shown) opens, once it shows."""
    shown = QApplication.activePopupWidget()
    if shown is None:
        qtbot.keyClick(widget, key, Qt.KeyboardModifier.AltModifier)
    else:
        qtbot.keyClick(shown, key)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu)
                    and QApplication.activePopupWidget() is not shown)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def choose_theme_by_keys(qtbot, win, key: Qt.Key) -> None:
    """View > Theme > (Light: L, Dark: D), with Alt+V, H and the theme's letter."""
    open_menu_by_keys(qtbot, QApplication.focusWidget() or win, Qt.Key.Key_V)
    themes = open_menu_by_keys(qtbot, win, Qt.Key.Key_H)
    assert themes.title() == "T&heme"
    qtbot.keyClick(themes, key)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def status_colour_of_broken(win) -> QColor:
    return library_rows(win)["broken.yaml"].foreground(STATUS).color()


def test_a_broken_banks_status_takes_the_theme_chosen_while_the_library_was_hidden(
        qtbot, open_library_window, tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "small.yaml").write_text(SMALL_BANK.format(title="Small bank"), encoding="utf-8")
    (banks / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    win = open_library_window(banks)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    choose_theme_by_keys(qtbot, win, Qt.Key.Key_L)
    assert win.appearance.theme.name == "light"
    assert status_colour_of_broken(win).name() == LIGHT.wrong
    qtbot.keyClick(win.library_screen.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.current_screen_name() == "progress")
    assert not win.library_screen.isVisible()
    choose_theme_by_keys(qtbot, win, Qt.Key.Key_D)
    assert win.appearance.theme.name == "dark"
    qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(win.library_screen.isVisible)
    colour = status_colour_of_broken(win)
    assert colour.name() == DARK.wrong
    assert contrast_ratio(colour, QColor(DARK.base)) >= 4.5
