"""File > Import's warnings window fits an 800x600 screen however many warnings there are:
they scroll in a list, and OK stays on screen (80 of them made a 922-pixel message box)."""

from __future__ import annotations

import pytest
from gui_helpers import shown_library_window
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from quizapp.gui.warnings_dialog import WarningsDialog

ESSAYS = 80
GIFT = "".join(f"::E{n}:: Essay number {n} about something long enough to wrap the line? {{}}\n\n"
               for n in range(ESSAYS)) + "::Q:: The capital of France is {=Paris ~London}\n"


@pytest.fixture
def screen_800x600(monkeypatch):
    """The screen the window is on, as an 800x600 one (less a 24-pixel panel)."""
    screen = QApplication.primaryScreen()
    monkeypatch.setattr(type(screen), "availableGeometry", lambda self: QRect(0, 24, 800, 576))
    return QRect(0, 0, 800, 600)


def test_eighty_warnings_scroll_in_a_window_that_fits_800x600(
        qtbot, open_library_window, tmp_path, monkeypatch, screen_800x600):
    source = tmp_path / "many.gift"
    source.write_text(GIFT, encoding="utf-8")
    target = tmp_path / "banks" / "many.yaml"
    win = shown_library_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.findChild(WarningsDialog) is not None
                    and win.findChild(WarningsDialog).isVisible())
    dialog = win.findChild(WarningsDialog)
    assert dialog.summary.text() == "Imported 1 question from many.gift, with 80 warnings"
    lines = dialog.text.toPlainText().splitlines()
    assert len(lines) == ESSAYS  # every warning, none cut off
    assert all(": warning: question 'E" in line and "': essay questions" in line
               for line in lines)
    # the window, its frame included, fits the screen, and so does its OK button
    assert dialog.frameGeometry().height() <= screen_800x600.height() - 24
    assert dialog.frameGeometry().width() <= screen_800x600.width()
    ok = dialog.ok_button
    ok_top_left = ok.mapTo(dialog, ok.rect().topLeft())
    assert dialog.rect().contains(QRect(ok_top_left, ok.size()))
    assert dialog.text.verticalScrollBar().maximum() > 0  # the rest is a scroll away
    assert dialog.text.isReadOnly()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.findChild(WarningsDialog) is None)


def test_the_window_gets_smaller_on_a_smaller_screen(qtbot, monkeypatch):
    screen = QApplication.primaryScreen()
    monkeypatch.setattr(type(screen), "availableGeometry", lambda self: QRect(0, 0, 640, 480))
    dialog = WarningsDialog("Imported 3 questions, with 200 warnings",
                            [f"bank.gift:{n}: warning: left out" for n in range(200)])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= 480 - 80 and dialog.width() <= 640 - 80
    assert dialog.focusWidget() is dialog.ok_button  # Enter closes it
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    assert not dialog.isVisible()
