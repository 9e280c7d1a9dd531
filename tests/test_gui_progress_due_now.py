"""Progress's "cards due now" counts again when the next card falls due, in place: the
number changes, nothing is refilled and the focus stays where the learner (or their screen
reader) left it (a whole refresh then moved it: 6bcccb0)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from gui_helpers import make_context
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quizapp.core.store import Store
from quizapp.gui.progress_screen import ProgressScreen


@pytest.fixture
def context(tmp_path, banks):
    store = Store.open(tmp_path / "data")
    yield make_context(store, banks)
    store.close()


def _missed_a_minute_ago(context, banks, questions=2):
    """Kai missed these questions 58 s ago: their cards fall due in about 2 s."""
    learner = context.store.create_learner("Kai")
    context.learner_id = learner.id
    bank = next(iter(banks.values()))
    sid = context.store.start_session(learner.id, bank, "quiz")
    for question in bank.questions[:questions]:
        record = context.store.record_answer(
            sid, question, response="x", correct=False, credit=0.0, seconds=5,
            now=datetime.now(UTC) - timedelta(seconds=58),
        )
        assert timedelta(0) < record.due - datetime.now(UTC) < timedelta(seconds=3)


def _open(qtbot, context):
    screen = ProgressScreen(context)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
        screen.refresh()
    return screen


def test_cards_due_now_counts_again_in_place_when_the_next_card_falls_due(
        qtbot, context, banks):
    _missed_a_minute_ago(context, banks)
    screen = _open(qtbot, context)
    assert screen.tile_due.value.text() == "0"
    # The learner reads the weakest questions, row 2, when the cards fall due.
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.weak_table.setFocus()
    qtbot.keyClick(screen.weak_table, Qt.Key.Key_Down)
    qtbot.keyClick(screen.weak_table, Qt.Key.Key_Down)
    row = screen.weak_table.currentIndex().row()
    assert row == 1
    refills = []
    screen.progress_loaded.connect(lambda: refills.append(True))
    screen.weak_model.modelReset.connect(lambda: refills.append(True))
    # No click, no answer: the cards' time came.
    qtbot.waitUntil(lambda: screen.tile_due.value.text() == "2", timeout=10000)
    assert refills == []  # the number alone, not the screen
    assert QApplication.focusWidget() is screen.weak_table
    assert screen.weak_table.currentIndex().row() == row
    assert screen.tile_due.value.accessibleName() == "cards due now"


def test_a_hidden_progress_screen_counts_them_when_shown_again(qtbot, context, banks):
    _missed_a_minute_ago(context, banks, questions=1)
    screen = _open(qtbot, context)
    assert screen.tile_due.value.text() == "0"
    screen.hide()
    qtbot.waitUntil(lambda: screen.redraw_rule.stale, timeout=10000)
    assert screen.tile_due.value.text() == "0"  # nothing counted while hidden
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
    assert screen.tile_due.value.text() == "1"


def test_one_card_due_reads_card_due_now_as_one_answer_and_one_attempt_do(
        qtbot, context, banks):
    """A tester read "1 / cards due now", "1 / attempts" on a new learner's tiles."""
    _missed_a_minute_ago(context, banks, questions=1)
    bank = next(iter(banks.values()))
    sid = context.store.start_session(context.learner_id, bank, "practice")
    context.store.finish_session(sid, 0.0)
    screen = _open(qtbot, context)
    assert (screen.tile_answers.value.text(), screen.tile_answers.caption.text()) == (
        "1", "answer")
    assert (screen.tile_sessions.value.text(), screen.tile_sessions.caption.text()) == (
        "1", "attempt")
    assert screen.tile_due.caption.text() == "cards due now"  # 0 of them, so far
    qtbot.waitUntil(lambda: screen.tile_due.value.text() == "1", timeout=10000)
    assert screen.tile_due.caption.text() == "card due now"
    assert screen.tile_due.value.accessibleName() == "card due now"
