"""A flagged question shows its flag in the exam's list, however long its prompt. Found by a
learner-tester on the bundled bank: the flag was written after the prompt, which the list
cuts at its width ("Name the city from which "We cert…"), so no flag showed though the
summary said "1 flagged". Nor did the Flag button look any different once pressed."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import make_screen, settle
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from quizapp.core.loader import load_bank
from quizapp.core.session import QuizSession

BANK = Path(__file__).resolve().parent.parent / "question_banks" / "us-japan-auto-talks-1995.yaml"


def shown_text(listing, row: int) -> str:
    """The entry as the list draws it: cut with "…" at the width of its row."""
    item = listing.item(row)
    width = listing.visualItemRect(item).width()
    return QFontMetrics(listing.font()).elidedText(item.text(), Qt.TextElideMode.ElideRight,
                                                   width)


def test_the_flag_of_a_long_question_shows_in_the_list(qtbot, store):
    bank = load_bank(BANK, use_cache=False).bank
    assert bank is not None
    learner = store.create_learner("Ben")
    ids = ["washington", "tokyo"]  # a prompt of two lines, then a short one
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=ids)
    screen = make_screen(qtbot, session)
    screen.resize(800, 600)
    panel = screen.exam_panel
    listing = panel.question_list
    assert "…" in shown_text(listing, 0)  # the list is narrower than the prompt
    panel.flag_button.setFocus()
    qtbot.keyClick(panel.flag_button, Qt.Key.Key_Space)  # Space on the focused button
    settle(qtbot, screen)
    assert session.flagged == {"washington"}
    assert panel.summary_label.text() == "0 of 2 answered, 1 flagged"
    assert "⚑" in shown_text(listing, 0)
    assert "⚑" not in shown_text(listing, 1)
    # The button says it is flagged, and what pressing it again does.
    assert panel.flag_button.text() == "⚑ Unflag this question"
    assert panel.flag_button.width() >= panel.flag_button.sizeHint().width()
    qtbot.keyClick(panel.flag_button, Qt.Key.Key_Space)
    settle(qtbot, screen)
    assert session.flagged == set()
    assert panel.flag_button.text() == "Flag this question"
    assert "⚑" not in shown_text(listing, 0)
    session.abandon()
