"""Ctrl+Z takes back the last answer on the real quiz and flashcard screens."""

from __future__ import annotations

import pytest
from gui_helpers import answer, focused, make_screen, press, settle, settled
from gui_helpers import open_flashcard_screen as _screen
from PySide6.QtCore import Qt

from quizapp.core.session import QuizSession

CTRL = Qt.KeyboardModifier.ControlModifier


def undo(qtbot, screen) -> None:
    qtbot.keyClick(focused(screen), Qt.Key.Key_Z, CTRL)
    settle(qtbot, screen)  # the retraction commits before the question comes back


def counted(records, learner_id) -> list[str]:
    return [r.question_id for r in records.export_rows(learner_id) if r.retracted is None]


def test_ctrl_z_during_the_feedback_asks_the_question_again(qtbot, bank, store, learner):  # noqa: F811
    session = QuizSession(store, learner.id, bank, shuffle=False, question_ids=["validate-command"])
    screen = make_screen(qtbot, session)
    assert screen.undo_button.isHidden()
    answer(qtbot, screen, False)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.feedback.isVisible() and screen.undo_button.isVisible()
    assert "Ctrl+Z" in screen.undo_button.toolTip() and screen.undo_button.accessibleName()
    # a text box takes Ctrl+Z for its typing first: the hint says so
    assert "in a text box it first takes back the typing" in screen.undo_button.toolTip()
    from quizapp.gui.shortcut_sheet import SCREEN_KEYS  # and F1's sheet
    assert any(keys == "Ctrl+Z" and "first the typing" in what
               for where, keys, what in SCREEN_KEYS if where.startswith("Quiz"))
    with qtbot.waitSignal(screen.answer_retracted):
        undo(qtbot, screen)
    # The retraction is in the store; the same question is asked again, without feedback.
    assert counted(store, learner.id) == []
    assert [r.retracted is not None for r in store.export_rows(learner.id)] == [True]
    assert not screen.feedback.isVisible() and screen.undo_button.isHidden()
    assert screen.question_widget.question.id == "validate-command"
    assert "taken back" in screen.hint_label.text()
    assert store.bank_summary(learner.id, bank).answers == 0
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert session.finished and session.score == 1.0
    assert store.session(session.session_id).score == 1.0
    assert counted(store, learner.id) == ["validate-command"]


def test_ctrl_z_on_the_next_question_in_a_text_field_and_by_the_button(
    qtbot,
    bank,  # noqa: F811
    store,  # noqa: F811
    learner,  # noqa: F811
):
    ids = ["validate-command", "spaced-repetition", "no-raw-html"]
    questions = {q.id: q for q in bank.questions}
    if not all(i in questions for i in ids):
        pytest.fail(f"the tour bank lacks one of {ids}: {sorted(questions)}")
    session = QuizSession(store, learner.id, bank, shuffle=False, question_ids=ids)
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, False)
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Return)  # on to a typed question; nothing typed yet
    assert screen.question_widget.question.id == "spaced-repetition"
    assert screen.undo_button.isVisible()
    undo(qtbot, screen)  # the empty text field has no typing to undo: the answer goes
    assert screen.question_widget.question.id == "validate-command"
    assert counted(store, learner.id) == []
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Return)
    qtbot.keyClicks(focused(screen), "Kan")
    undo(qtbot, screen)  # first Ctrl+Z undoes the typing, as in any text field
    assert screen.question_widget.question.id == "spaced-repetition"
    assert counted(store, learner.id) == ["validate-command"]
    with qtbot.waitSignal(screen.answer_retracted):
        qtbot.mouseClick(screen.undo_button, Qt.MouseButton.LeftButton)
    assert screen.question_widget.question.id == "validate-command"
    assert counted(store, learner.id) == []


def test_no_undo_in_an_exam(qtbot, bank, store, learner):  # noqa: F811
    session = QuizSession(
        store, learner.id, bank, mode="exam", shuffle=False, question_ids=["validate-command", "no-raw-html"]
    )
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, False)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.question_widget.question.id == "no-raw-html"
    assert screen.undo_button.isHidden()
    undo(qtbot, screen)
    assert screen.question_widget.question.id == "no-raw-html"
    assert counted(store, learner.id) == ["validate-command"]


def test_ctrl_z_brings_the_rated_card_back(qtbot, context, capitals):  # noqa: F811
    screen = _screen(qtbot, context)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(capitals)
    assert screen.undo_button.isHidden()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    with qtbot.waitSignal(screen.card_rated):
        qtbot.keyClick(screen, Qt.Key.Key_1)  # Again: fr would come back at the end
    assert screen.session.current.id == "jp" and screen.undo_button.isVisible()
    assert "Ctrl+Z" in screen.undo_button.toolTip()
    with qtbot.waitSignal(screen.rating_retracted):
        qtbot.keyClick(screen, Qt.Key.Key_Z, CTRL)
    assert screen.session.current.id == "fr" and screen.back_view.isVisible()
    assert screen.session.total == 3 and screen.undo_button.isHidden()
    kept = context.store
    assert kept.card_state(context.learner_id, "capitals", "fr") is None
    assert [r.retracted is not None for r in kept.export_rows(context.learner_id)] == [True]
    with qtbot.waitSignal(screen.card_rated):
        qtbot.keyClick(screen, Qt.Key.Key_3)
    assert kept.card_state(context.learner_id, "capitals", "fr").reviews == 1
    assert screen.session.total == 3


def test_ctrl_z_on_the_summary_brings_the_last_card_back(qtbot, context, capitals):  # noqa: F811
    screen = _screen(qtbot, context)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(capitals)
    for _ in range(3):
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        with qtbot.waitSignal(screen.card_rated):
            qtbot.keyClick(screen, Qt.Key.Key_3)
    session, kept = screen.session, context.store
    # the summary, with the last rating still to take back
    assert screen.pages.currentIndex() == 1 and "You rated 3 cards" in screen.done_label.text()
    assert screen.done_undo_button.isVisible() and "Ctrl+Z" in screen.done_undo_button.toolTip()
    assert kept.session(session.session_id).outcome == "finished"
    settled(qtbot, screen)
    with qtbot.waitSignal(screen.rating_retracted):
        qtbot.keyClick(focused(screen), Qt.Key.Key_Z, CTRL)
    # the last card is back, turned over; the review is open again in the store
    assert screen.pages.currentIndex() == 0 and screen.back_view.isVisible()
    assert session.current.id == "it" and not session.finished
    assert kept.card_state(context.learner_id, "capitals", "it") is None
    assert kept.session(session.session_id).finished is None
    with qtbot.waitSignal(screen.card_rated):
        qtbot.keyClick(screen, Qt.Key.Key_1)  # Again this time: it comes back once more
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    with qtbot.waitSignal(screen.card_rated):
        qtbot.keyClick(screen, Qt.Key.Key_4)
    assert screen.pages.currentIndex() == 1 and screen.done_undo_button.isVisible()
    info = kept.session(session.session_id)
    assert info.outcome == "finished" and info.recall == pytest.approx(2 / 3)
    counted_ratings = [r.response for r in kept.export_rows(context.learner_id)
                       if r.retracted is None]
    assert counted_ratings == ["Good", "Good", "Again", "Easy"]
    # the clicked button does it too; leaving the summary ends the chance
    with qtbot.waitSignal(screen.rating_retracted):
        qtbot.mouseClick(screen.done_undo_button, Qt.MouseButton.LeftButton)
    assert session.current.id == "it" and kept.session(session.session_id).finished is None
    with qtbot.waitSignal(screen.card_rated):
        qtbot.keyClick(screen, Qt.Key.Key_3)
    settled(qtbot, screen)
    with qtbot.waitSignal(screen.session_finished):
        qtbot.keyClick(focused(screen), Qt.Key.Key_Return)
    assert not session.can_undo and kept.session(session.session_id).outcome == "finished"


@pytest.mark.parametrize("by", ["ctrl_z", "undo_button"])
def test_the_card_taken_back_has_the_focus_on_good_and_enter_rates_it(
        qtbot, context, capitals, by):  # noqa: F811
    """Enter on the focused "Undo rating" hid that button with the focus in it: no control
    was outlined and Enter did nothing (Ctrl+Z left the focus on "Hide answer", where
    Enter turned the card back over instead of rating it, as it does after Space)."""
    screen = _screen(qtbot, context)
    with qtbot.waitSignal(screen.review_started, timeout=10000):
        screen.start(capitals)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    with qtbot.waitSignal(screen.card_rated):
        qtbot.keyClick(focused(screen), Qt.Key.Key_1)
    with qtbot.waitSignal(screen.rating_retracted):
        if by == "ctrl_z":
            qtbot.keyClick(focused(screen), Qt.Key.Key_Z, CTRL)
        else:
            for _ in range(6):  # Tab, as the learner does, to the outlined "Undo rating"
                if focused(screen) is screen.undo_button:
                    break
                qtbot.keyClick(focused(screen), Qt.Key.Key_Tab)
            assert focused(screen) is screen.undo_button
            qtbot.keyClick(screen.undo_button, Qt.Key.Key_Return)
    assert screen.session.current.id == "fr" and screen.back_view.isVisible()
    good = screen.rating_buttons[3]
    assert focused(screen) is good and good.hasFocus()
    with qtbot.waitSignal(screen.card_rated) as rated:
        qtbot.keyClick(focused(screen), Qt.Key.Key_Return)
    assert rated.args == [3]
    assert [r.response for r in context.store.export_rows(context.learner_id)
            if r.retracted is None] == ["Good"]
