"""A matching question with more than nine answers, answered by keys as a learner types:
digits typed together are one number ('1' '0': answer 10), as in the exam's list (the
second tester found '1' '0' picked answer 1 and moved on, so answers 10+ had no key)."""

from __future__ import annotations

import pytest
from gui_helpers import focused, make_screen, press, settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quizapp.core.model import Bank, Matching
from quizapp.core.session import QuizSession

RIGHTS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven")
ELEVEN = Matching(
    id="many", prompt="Match each number.",
    pairs=tuple((str(n), right) for n, right in enumerate(RIGHTS, start=1)),
    shuffle=False,  # the answers are numbered in the written order: 'ten' is 10
)
THREE = Matching(
    id="few", prompt="Match.", pairs=(("a", "x"), ("b", "y"), ("c", "z")), shuffle=False)


def screen_for(qtbot, store, learner, question: Matching):
    session = QuizSession(store, learner.id, Bank(id="keys", title="Keys", questions=(
        question,)), mode="quiz", shuffle=False)
    shown = make_screen(qtbot, session)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


@pytest.fixture
def screen(qtbot, store, learner):
    return screen_for(qtbot, store, learner, ELEVEN)


@pytest.fixture
def long_interval(monkeypatch):
    """Two key clicks are 'together' even on a loaded machine."""
    monkeypatch.setattr(QApplication, "keyboardInputInterval", staticmethod(lambda: 5000))


def test_two_digits_typed_together_pick_answers_ten_and_eleven(qtbot, screen, long_interval):
    widget = screen.question_widget
    combos = widget.combos
    assert combos[0].itemText(10) == "10. ten" and combos[0].itemText(11) == "11. eleven"
    assert focused(screen) is combos[0]
    press(qtbot, screen, Qt.Key.Key_1)
    assert combos[0].currentData() == 0  # '1' shows at once...
    assert focused(screen) is combos[0]  # ...but the item waits for a second digit
    press(qtbot, screen, Qt.Key.Key_0)
    assert combos[0].currentData() == 9 and focused(screen) is combos[1]  # ten
    press(qtbot, screen, Qt.Key.Key_1)
    press(qtbot, screen, Qt.Key.Key_1)
    assert combos[1].currentData() == 10 and focused(screen) is combos[2]  # eleven
    press(qtbot, screen, Qt.Key.Key_3)  # no answer 30 or more: picked and on at once
    assert combos[2].currentData() == 2 and focused(screen) is combos[3]
    press(qtbot, screen, Qt.Key.Key_1)
    press(qtbot, screen, Qt.Key.Key_5)  # no answer 15: '1' was this item's, '5' the next's
    assert combos[3].currentData() == 0 and combos[4].currentData() == 4
    assert focused(screen) is combos[5]
    assert "10 and up" in widget.keys_hint.text() and widget.keys_hint.isVisible()


def test_one_digit_alone_moves_on_after_the_keyboard_interval(qtbot, screen, monkeypatch):
    monkeypatch.setattr(QApplication, "keyboardInputInterval", staticmethod(lambda: 100))
    combos = screen.question_widget.combos
    press(qtbot, screen, Qt.Key.Key_1)
    assert combos[0].currentData() == 0
    qtbot.waitUntil(lambda: focused(screen) is combos[1])
    assert combos[1].currentData() is None
    press(qtbot, screen, Qt.Key.Key_1)  # held for a second digit...
    press(qtbot, screen, Qt.Key.Key_Tab)  # ...when the learner moves on by hand
    assert focused(screen) is combos[2]
    qtbot.wait(300)  # past the interval: the held item must not move the focus again
    assert focused(screen) is combos[2] and combos[1].currentData() == 0


def test_the_last_item_held_then_enter_submits_the_answer(qtbot, screen, long_interval):
    combos = screen.question_widget.combos
    for n in range(1, 11):  # '2' right after '1' is no answer 12: it is the next item's
        for digit in str(n):
            press(qtbot, screen, getattr(Qt.Key, f"Key_{digit}"))
    assert [combo.currentData() for combo in combos[:10]] == list(range(10))
    press(qtbot, screen, Qt.Key.Key_1)
    press(qtbot, screen, Qt.Key.Key_1)
    assert combos[10].currentData() == 10
    assert focused(screen) is screen.submit_button
    with qtbot.waitSignal(screen.answer_submitted) as submitted:
        press(qtbot, screen, Qt.Key.Key_Return)
    settle(qtbot, screen)
    assert submitted.args[0].credit == 1.0


def test_nine_answers_or_fewer_move_on_at_every_digit(qtbot, store, learner, long_interval):
    screen = screen_for(qtbot, store, learner, THREE)
    widget = screen.question_widget
    assert widget.keys_hint.text().startswith("1–3 picks") and "10" not in widget.keys_hint.text()
    press(qtbot, screen, Qt.Key.Key_1)
    assert focused(screen) is widget.combos[1]  # at once: no answer 10 to wait for
    press(qtbot, screen, Qt.Key.Key_2)
    press(qtbot, screen, Qt.Key.Key_3)
    assert widget.response() == [0, 1, 2] and focused(screen) is screen.submit_button
