"""Keys on the quiz screen, pressed as a learner presses them: Enter between cloze blanks,
digits and Tab in a matching question (quiz and exam)."""

from __future__ import annotations

import pytest
from gui_helpers import focused, kept_responses, make_screen, press, settle, written_order_screen
from PySide6.QtCore import Qt

from quizapp.core.model import Bank, Cloze, Matching, TrueFalse
from quizapp.core.session import QuizSession

CTRL = Qt.KeyboardModifier.ControlModifier

CLOZE = Cloze(
    id="cl", prompt="Fill in the blanks.",
    text="The {{USTR}} met Minister {{Hashimoto}} in Geneva.",
)
MATCHING = Matching(
    id="ma", prompt="Match person and role.",
    pairs=(("Kantor", "Trade Representative"), ("Brown", "Commerce"), ("Hashimoto", "MITI")),
)
AFTER = TrueFalse(id="tf", prompt="The talks were in Geneva.", answer=True)
BANK = Bank(id="keys", title="Keys", questions=(CLOZE, MATCHING, AFTER))


def screen_for(qtbot, store, learner, first: str, mode: str = "quiz"):
    return written_order_screen(qtbot, store, learner, BANK, first, mode)


recorded = kept_responses


# --------------------------------------------------------------------------- cloze


@pytest.mark.parametrize("mode", ["quiz", "exam"])
def test_enter_in_a_blank_that_is_not_the_last_moves_to_the_next(qtbot, store, learner, mode):
    screen, session = screen_for(qtbot, store, learner, "cl", mode)
    widget = screen.question_widget
    assert focused(screen) is widget.edits[0]
    qtbot.keyClicks(focused(screen), "ustr")
    press(qtbot, screen, Qt.Key.Key_Return)
    assert recorded(store, learner) == [] and session.answers == []  # nothing submitted
    assert focused(screen) is widget.edits[1]
    qtbot.keyClicks(focused(screen), "Hashimoto")
    with qtbot.waitSignal(screen.answer_submitted) as submitted:
        press(qtbot, screen, Qt.Key.Key_Return)  # the last blank: Enter submits
    assert submitted.args[0].credit == 1.0
    assert len(recorded(store, learner)) == 1


def test_enter_in_the_last_blank_goes_back_to_an_empty_one(qtbot, store, learner):
    screen, session = screen_for(qtbot, store, learner, "cl")
    widget = screen.question_widget
    assert "Enter or Tab: next blank" in widget.keys_hint.text() and widget.keys_hint.isVisible()
    press(qtbot, screen, Qt.Key.Key_Tab)
    assert focused(screen) is widget.edits[1]
    qtbot.keyClicks(focused(screen), "Hashimoto")
    press(qtbot, screen, Qt.Key.Key_Return)
    assert session.answers == [] and recorded(store, learner) == []
    assert focused(screen) is widget.edits[0]  # the first empty blank
    assert "Blank 1 is still empty" in widget.keys_hint.text()
    assert "Ctrl+Enter" in widget.keys_hint.text()
    # Ctrl+Enter submits as it is (half right)
    with qtbot.waitSignal(screen.answer_submitted) as submitted:
        press(qtbot, screen, Qt.Key.Key_Return, CTRL)
    assert submitted.args[0].credit == 0.5
    assert recorded(store, learner) == [["", "Hashimoto"]]
    assert not widget.keys_hint.isVisible()  # once graded, the marks say the rest


def test_typing_in_the_empty_blank_brings_back_the_keys_line(qtbot, store, learner):
    screen, session = screen_for(qtbot, store, learner, "cl")
    widget = screen.question_widget
    press(qtbot, screen, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(screen), "Hashimoto")
    press(qtbot, screen, Qt.Key.Key_Return)
    assert "still empty" in widget.keys_hint.text()
    qtbot.keyClicks(focused(screen), "USTR")
    assert widget.keys_hint.text().startswith("Enter or Tab: next blank")
    with qtbot.waitSignal(screen.answer_submitted) as submitted:
        press(qtbot, screen, Qt.Key.Key_Return)  # blank 1 is not the last: Enter moves on
        press(qtbot, screen, Qt.Key.Key_Return)  # every blank filled: the last submits
    assert submitted.args[0].credit == 1.0


def test_enter_with_every_blank_empty_says_there_is_no_answer_yet(qtbot, store, learner):
    screen, session = screen_for(qtbot, store, learner, "cl")
    press(qtbot, screen, Qt.Key.Key_Tab)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert "No answer yet" in screen.hint_label.text()  # the screen's own skip rule
    assert session.answers == []


# --------------------------------------------------------------------------- matching


def key_of(widget, right: str) -> str:
    combo = widget.combos[0]
    return next(str(i) for i in range(1, combo.count()) if combo.itemText(i).endswith(right))


@pytest.mark.parametrize("mode", ["quiz", "exam"])
def test_digits_then_tab_never_skip_an_item_and_the_last_goes_to_submit(
        qtbot, store, learner, mode):
    screen, session = screen_for(qtbot, store, learner, "ma", mode)
    widget = screen.question_widget
    combos = widget.combos
    assert focused(screen) is combos[0]
    press(qtbot, screen, key_of(widget, "Trade Representative"))
    assert focused(screen) is combos[1]  # a digit picks and moves to the next item
    press(qtbot, screen, key_of(widget, "Commerce"))
    assert focused(screen) is combos[2]
    press(qtbot, screen, key_of(widget, "MITI"))
    assert widget.response() == [0, 1, 2]
    # the last item answered: on to Submit, never into the exam's question list
    assert focused(screen) is screen.submit_button
    if mode == "exam":
        chosen = screen.exam_panel.question_list.currentRow()
        press(qtbot, screen, "1")  # a stray digit changes nothing
        assert screen.exam_panel.question_list.currentRow() == chosen
    assert widget.response() == [0, 1, 2]
    with qtbot.waitSignal(screen.answer_submitted):
        press(qtbot, screen, Qt.Key.Key_Return)
    settle(qtbot, screen)
    assert recorded(store, learner) == [[list(pair) for pair in MATCHING.pairs]]


@pytest.mark.parametrize("mode", ["quiz", "exam"])
def test_tab_after_a_digit_goes_to_the_item_after_the_next(qtbot, store, learner, mode):
    screen, _session = screen_for(qtbot, store, learner, "ma", mode)
    widget = screen.question_widget
    combos = widget.combos
    press(qtbot, screen, "2")
    assert focused(screen) is combos[1]
    press(qtbot, screen, Qt.Key.Key_Tab)
    assert focused(screen) is combos[2]  # item by item, from where the digit left off
    press(qtbot, screen, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused(screen) is combos[1]
    press(qtbot, screen, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused(screen) is combos[0]
    # the hint says what a digit does, so the move to the next item is no surprise
    assert "next item" in widget.keys_hint.text() and widget.keys_hint.isVisible()
    for _ in range(3):
        press(qtbot, screen, Qt.Key.Key_Tab)
    if mode == "quiz":
        assert focused(screen) is screen.submit_button
    else:  # the exam's list comes next in reading order: a digit there shows that question
        listed = screen.exam_panel.question_list
        assert focused(screen) is listed
        press(qtbot, screen, "3")
        assert screen.question_widget.question.id == "tf"
        # the keys stay with the list (a second digit could make "12"); Enter goes in
        assert listed.currentRow() == 2 and focused(screen) is listed
        press(qtbot, screen, Qt.Key.Key_Return)
        assert screen.question_widget.isAncestorOf(focused(screen))


def test_the_answers_show_their_numbers_beside_the_items(qtbot, store, learner):
    screen, _session = screen_for(qtbot, store, learner, "ma")
    widget = screen.question_widget
    legend = [label.text() for label in widget.legend_labels]
    combo = widget.combos[0]
    assert legend == [combo.itemText(i) for i in range(1, combo.count())]
    assert legend[0].startswith("1. ") and all(label.isVisible() for label in widget.legend_labels)


def test_digits_typed_together_in_the_exam_list_reach_question_twelve(
        qtbot, store, learner, monkeypatch):
    """'1' then '2' typed at once is question 12, not question 1 then question 2 (found in
    review); typed after a pause, '2' starts a new number."""
    from PySide6.QtWidgets import QApplication

    many = Bank(id="many", title="Many", questions=tuple(
        TrueFalse(id=f"t{n}", prompt=f"Statement {n}.", answer=True) for n in range(1, 15)))
    session = QuizSession(store, learner.id, many, mode="exam", shuffle=False)
    screen = make_screen(qtbot, session)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    listing = screen.exam_panel.question_list
    # Two keys a moment apart count as typed together, even on a loaded machine.
    monkeypatch.setattr(QApplication, "keyboardInputInterval", staticmethod(lambda: 5000))
    listing.setFocus()
    press(qtbot, screen, "1")  # each key where the focus is, as a learner types
    assert session.current.id == "t1" and focused(screen) is listing  # the keys stay here
    press(qtbot, screen, "2")
    assert session.current.id == "t12" and focused(screen) is listing
    press(qtbot, screen, "5")  # "125" is no question: 5 starts anew
    assert session.current.id == "t5"
    monkeypatch.setattr(QApplication, "keyboardInputInterval", staticmethod(lambda: 0))
    press(qtbot, screen, "1")  # after the interval: a number of its own
    assert session.current.id == "t1"
    assert all(session.answer_of(f"t{n}") is None for n in range(1, 15))  # nothing answered
    press(qtbot, screen, Qt.Key.Key_Return)  # Enter goes into the question
    assert screen.question_widget.isAncestorOf(focused(screen))
