"""The library, the flashcard screen and the progress screen count due cards alike (a
learning card that is due is due), and the library counts again when the next card falls
due while it is on screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpers import counted, library_rows
from PySide6.QtCore import Qt

from quizapp.core.session import FlashcardSession
from quizapp.gui.library_rows import DUE, LEARNING, NEW


@pytest.fixture
def win(small_bank_window):
    return small_bank_window


def _counts(win) -> tuple[str, str, str]:
    row = library_rows(win)["Small bank"]
    return row.text(NEW), row.text(LEARNING), row.text(DUE)


def test_a_learning_card_falling_due_on_screen_is_counted_as_due(qtbot, win):
    context = win.context
    bank = context.library.bank("small")
    # Rated Again as if 58 s ago: the learning card falls due about 2 s from now.
    review = FlashcardSession(context.store, context.learner_id, bank,
                              now=datetime.now(UTC) - timedelta(seconds=58))
    review.flip()
    review.rate(1)
    review.abandon()
    card = context.store.card_state(context.learner_id, bank.id, review.answers[0].question.id)
    assert card.state == "learning" and card.due > datetime.now(UTC)
    win.show_library()
    counted(qtbot, win)
    assert _counts(win) == ("0", "0", "0")
    timer = win.library_screen._due_timer
    assert timer.isActive() and timer.remainingTime() <= 5_000
    # Set by name at startup (library_screen.py); a coarse timer may fire 5% early.
    assert timer.timerType() == Qt.TimerType.PreciseTimer
    # Nothing else happens: the library counts again by itself when the card falls due.
    qtbot.waitUntil(lambda: _counts(win) == ("0", "1", "1"), timeout=10_000)
    now = datetime.now(UTC)
    flashcards = FlashcardSession(context.store, context.learner_id, bank)
    summary = context.store.bank_summary(context.learner_id, bank, now=now)
    assert flashcards.due_count == summary.due_count == 1  # "1 due", "1 cards due now"
    flashcards.abandon()
