"""The library's other drop-downs (ShrinkingCombo: the setup dialog's mode, the progress
screen's bank) end on whole words and "…" when narrowed, as the matching question's
answers do: at 800x600 and the largest zoom testers read "Practice — a wrong answer comes
bac". Real keys: Ctrl+= zooms, Q opens the setup, Down picks a mode, Ctrl+P the progress."""

from __future__ import annotations

from gui_helpers import library_small_and_zoomed
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QProxyStyle, QStyle

from quizapp.gui import quiz_setup
from quizapp.gui.quiz_setup import MODES
from quizapp.gui.theme import ZOOM_STEPS

LONG_TITLE = "Trade talks between the United States and Japan in Geneva, week one"
BANK = f"""\
title: {LONG_TITLE}
id: talks
questions:
  - id: q1
    type: true_false
    prompt: The talks were in Geneva.
    answer: true
"""


class _LabelsPainted(QProxyStyle):
    """The combo's style, noting the text it is asked to paint in the closed drop-down."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []

    def drawControl(self, element, option, painter, widget=None):  # noqa: N802 (Qt override)
        if element == QStyle.ControlElement.CE_ComboBoxLabel:
            self.labels.append(option.currentText)
        super().drawControl(element, option, painter, widget)


_KEPT_STYLES: list[QProxyStyle] = []  # a widget does not own a style set on it


def _painted(combo: QComboBox) -> str:
    """What the closed drop-down paints, read as it paints."""
    style = _LabelsPainted()
    _KEPT_STYLES.append(style)
    combo.setStyle(style)
    combo.grab()
    return style.labels[-1]


def _whole_words(shown: str, full: str) -> None:
    """`shown` is `full` cut after a whole word, with "…"; more than the first word."""
    assert shown.endswith("…") and len(shown) < len(full), (shown, full)
    kept = shown[:-1]
    assert full.startswith(kept) and full[len(kept)] in " ,—", f"cut mid-word: {shown!r}"
    assert len(kept.split()) >= 2 and not kept.endswith(("—", " ")), shown


def _zoomed_800(qtbot, open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "talks.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(folder)
    library_small_and_zoomed(qtbot, win, LONG_TITLE, active=True)
    assert win.appearance.zoom == max(ZOOM_STEPS) == 2.0
    return win


def test_the_mode_selector_ends_on_a_whole_word(qtbot, open_library_window, tmp_path,
                                                monkeypatch):
    win = _zoomed_800(qtbot, open_library_window, tmp_path)
    seen = []

    def look(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.adjustSize()
        for _ in range(2):  # quiz -> exam -> practice
            qtbot.keyClick(dialog.mode_combo, Qt.Key.Key_Down)
        seen.append((dialog.mode_combo.currentText(), dialog.mode_combo.shown_text(),
                     _painted(dialog.mode_combo)))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec", look)
    qtbot.keyClick(win.library_screen.tree, Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: bool(seen))
    full, shown, painted = seen[0]
    assert full == dict(MODES)["practice"]
    _whole_words(shown, full)
    _whole_words(painted, full)


def test_the_progress_bank_selector_ends_on_a_whole_word(qtbot, open_library_window,
                                                         tmp_path):
    win = _zoomed_800(qtbot, open_library_window, tmp_path)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    progress = win.screen_named("progress")
    qtbot.waitUntil(lambda: not progress._loading, timeout=10000)
    combo = progress.bank_combo
    assert combo.currentData() == "talks"
    _whole_words(combo.shown_text(), combo.currentText())
    _whole_words(_painted(combo), combo.currentText())
