"""Keys the File menu shares with a screen's button (F5: Reload banks and Refresh): one
press does what the screen shown means by it. With a shortcut on both, Qt called the key
ambiguous and ran neither."""

from __future__ import annotations

from helpers import SMALL_BANK
from PySide6.QtCore import Qt


def _shown(qtbot, win, key):
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win, key, Qt.KeyboardModifier.ControlModifier)


def test_f5_refreshes_progress_there_and_reloads_the_banks_in_the_library(
        qtbot, open_library_window, monkeypatch, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_BANK.format(title="Small bank"), encoding="utf-8")
    win = open_library_window(folder)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    reloads: list[bool] = []
    monkeypatch.setattr(win.context.library, "reload", lambda: reloads.append(True))
    qtbot.keyClick(win, Qt.Key.Key_F5)
    assert reloads == [True]
    _shown(qtbot, win, Qt.Key.Key_P)
    progress = win.screen_named("progress")
    assert win.current_screen_name() == "progress"
    refreshed: list[bool] = []
    monkeypatch.setattr(progress, "refresh", lambda: refreshed.append(True))
    qtbot.keyClick(progress.focusWidget() or progress, Qt.Key.Key_F5)
    assert refreshed == [True] and reloads == [True]
