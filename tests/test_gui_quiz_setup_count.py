"""The number of questions typed over the bank's count is all of them: "999" for a bank of
46 starts all 46. Found by a learner-tester: the spin box refused the second "9", so
"999" and Enter started a quiz of 9 questions, "9 of 46" the only sign."""

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
    assert bank is not None and len(bank.questions) == 46
    shown = QuizSetupDialog(bank)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def type_count(qtbot, dialog, typed: str) -> None:
    """Alt+N's box: select what is there, type over it (as a learner does)."""
    spin = dialog.count_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, typed)


def test_a_number_over_the_count_and_enter_start_every_question(qtbot, dialog):
    type_count(qtbot, dialog, "999")
    assert dialog.count_spin.lineEdit().text() == "999"  # kept as typed, not cut to "9"
    qtbot.keyClick(dialog.count_spin, Qt.Key.Key_Return)  # Enter: Start
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.count_spin.value() == 46
    assert dialog.options().count is None  # every question


def test_leaving_the_box_shows_the_count_it_takes(qtbot, dialog):
    type_count(qtbot, dialog, "120")
    qtbot.keyClick(dialog.count_spin, Qt.Key.Key_Tab)
    assert dialog.count_spin.value() == 46
    assert dialog.count_spin.lineEdit().text() == "46"


def test_numbers_within_the_count_are_taken_as_typed(qtbot, dialog):
    for typed, taken in (("9", 9), ("12", 12), ("46", 46), ("1", 1)):
        type_count(qtbot, dialog, typed)
        qtbot.keyClick(dialog.count_spin, Qt.Key.Key_Tab)
        assert dialog.count_spin.value() == taken, typed
    type_count(qtbot, dialog, "0")  # never none: the least is one question
    qtbot.keyClick(dialog.count_spin, Qt.Key.Key_Tab)
    assert dialog.count_spin.value() >= 1
