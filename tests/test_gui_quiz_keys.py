"""Keys on the quiz screen, pressed as a learner presses them: Enter between cloze blanks,
digits and Tab in a matching question (quiz and exam)."""

from __future__ import annotations

import pytest
from gui_helpers import focused, make_screen, press
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
    ids = [first] + [q.id for q in BANK.questions if q.id != first]
    session = QuizSession(store, learner.id, BANK, mode=mode, shuffle=False, question_ids=ids)
    screen = make_screen(qtbot, session)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    return screen, session


def recorded(store, learner) -> list:
    return [r.response for r in store.export_rows(learner.id) if r.retracted is None]


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


def test_enter_with_every_blank_empty_says_there_is_no_answer_yet(qtbot, store, learner):
    screen, session = screen_for(qtbot, store, learner, "cl")
    press(qtbot, screen, Qt.Key.Key_Tab)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert "No answer yet" in screen.hint_label.text()  # the screen's own skip rule
    assert session.answers == []
