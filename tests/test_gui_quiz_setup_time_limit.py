"""The quiz setup's time limit takes the minutes as typed: "120" is two hours, and a
number over the longest limit (600) is the longest. A tester's "999" left "99 min": the box
refused the third digit, as the question count's box did (quiz_setup.AtMostSpinBox)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from quizapp.core.loader import load_bank
from quizapp.gui.quiz_setup import QuizSetupDialog

BANK = Path(__file__).resolve().parent.parent / "question_banks" / "us-japan-auto-talks-1995.yaml"


@pytest.fixture
def dialog(qtbot):
    bank = load_bank(BANK, use_cache=False).bank
    assert bank is not None
    shown = QuizSetupDialog(bank)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.time_box.setFocus()
    qtbot.keyClick(shown.time_box, Qt.Key.Key_Space)  # Time limit: on
    assert shown.time_box.isChecked() and shown.minutes_spin.isEnabled()
    return shown


def type_minutes(qtbot, dialog, typed: str) -> None:
    """Select what is in the box and type over it, as a learner does."""
    spin = dialog.minutes_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, typed)


def test_two_hours_typed_are_two_hours(qtbot, dialog):
    type_minutes(qtbot, dialog, "120")
    assert dialog.minutes_spin.lineEdit().text() == "120 min"
    qtbot.keyClick(dialog.minutes_spin, Qt.Key.Key_Return)  # Enter: Start
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.options().time_limit == 120 * 60


def test_minutes_over_the_longest_limit_are_the_longest(qtbot, dialog):
    longest = dialog.minutes_spin.maximum()
    type_minutes(qtbot, dialog, "999")
    assert dialog.minutes_spin.lineEdit().text() == "999 min"  # kept as typed, not cut to "9"
    qtbot.keyClick(dialog.minutes_spin, Qt.Key.Key_Tab)
    assert dialog.minutes_spin.value() == longest
    assert dialog.minutes_spin.lineEdit().text() == f"{longest} min"


def test_minutes_over_the_longest_limit_and_enter_start_with_the_longest(qtbot, dialog):
    longest = dialog.minutes_spin.maximum()
    type_minutes(qtbot, dialog, "999")
    qtbot.keyClick(dialog.minutes_spin, Qt.Key.Key_Return)  # Enter: Start
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.options().time_limit == longest * 60


def test_minutes_within_the_limit_are_taken_as_typed(qtbot, dialog):
    for typed, taken in (("5", 5), ("45", 45), ("90", 90), ("1", 1)):
        type_minutes(qtbot, dialog, typed)
        qtbot.keyClick(dialog.minutes_spin, Qt.Key.Key_Tab)
        assert dialog.minutes_spin.value() == taken, typed


def test_enter_starts_after_a_tab_through_start_and_cancel(qtbot, dialog):
    """Tab to Start and Cancel and back to the box, then Enter: it cancelled the quiz
    (Cancel had become the dialog's default button), or did nothing."""
    from PySide6.QtWidgets import QApplication

    spin = dialog.minutes_spin
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.start_button
    qtbot.keyClick(dialog.start_button, Qt.Key.Key_Tab)  # on to Cancel
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab,
                       Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is spin
    spin.selectAll()
    qtbot.keyClicks(spin, "120")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.options().time_limit == 120 * 60
