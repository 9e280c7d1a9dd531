"""The exam's question list lines its numbers up: from question 10 on, the number took one
more digit's width and pushed the marks and the prompts right, so rows 1-9 and 10-12 stood
out of step (seen by a new teacher trying a bank of twelve questions as an exam)."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import make_screen, press
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from quizapp.core.loader import load_bank
from quizapp.core.session import QuizSession
from quizapp.gui.exam_panel import ANSWERED_MARK, UNANSWERED_MARK

BANK = Path(__file__).resolve().parent.parent / "question_banks" / "us-japan-auto-talks-1995.yaml"


def mark_left(listing, row: int) -> int:
    """Where the row's answered/not answered mark starts, in the list's own font."""
    text = listing.item(row).text()
    at = min(i for i, c in enumerate(text) if c in (ANSWERED_MARK, UNANSWERED_MARK))
    return QFontMetrics(listing.font()).horizontalAdvance(text[:at])


def test_the_numbers_of_the_exam_list_are_right_aligned_past_nine(qtbot, store):
    bank = load_bank(BANK, use_cache=False).bank
    assert bank is not None
    learner = store.create_learner("Ana")
    ids = [q.id for q in bank.questions[:12]]
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=ids)
    screen = make_screen(qtbot, session)
    listing = screen.exam_panel.question_list
    assert listing.count() == 12
    assert len({mark_left(listing, row) for row in range(12)}) == 1
    # A screen reader hears the number alone, not the spaces that line it up.
    accessible = listing.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible.startswith(f"1 {UNANSWERED_MARK} ")
    assert listing.item(11).data(Qt.ItemDataRole.AccessibleTextRole).startswith("12 ")
    # Typing a number still shows that question.
    listing.setFocus()
    press(qtbot, screen, "1")
    press(qtbot, screen, "1")
    assert screen.question_widget.question.id == ids[10]
    session.abandon()
