"""A multiple-select question by keys alone: Tab and the arrows reach every check box, as
they reach every radio button of a multiple-choice question.

Seen in the real window (xdotool, window20): on "Which two people hold Commerce posts?"
Tab went from the first check box straight to Submit, and Down did nothing, so the other
three choices could be picked only by their number keys (and a tenth choice not at all).
Qt makes the buttons of a QButtonGroup one Tab stop, and moves between them by arrows only
when they are exclusive (radio buttons)."""

from __future__ import annotations

import pytest
from gui_helpers import focused, kept_responses, press, written_order_screen
from PySide6.QtCore import Qt

from quizapp.core.model import Bank, Choice, MultipleChoice, MultipleSelect

SELECT = MultipleSelect(
    id="ms", prompt="Which two people hold Commerce posts?",
    choices=tuple(Choice(text=name) for name in
                  ("Mickey Kantor", "Ronald H. Brown", "Ira Shapiro", "Jeffrey Garten")),
    correct=(1, 3), shuffle=False,  # shown as written: the second box is Brown
)
CHOICE = MultipleChoice(
    id="mc", prompt="Who is the U.S. Trade Representative?",
    choices=tuple(Choice(text=name) for name in ("Mickey Kantor", "Ronald H. Brown", "Ira Shapiro")),
    correct=0,
)
BANK = Bank(id="select-keys", title="Select keys", questions=(SELECT, CHOICE))


def screen_for(qtbot, store, learner, mode: str = "quiz", first: str = "ms"):
    return written_order_screen(qtbot, store, learner, BANK, first, mode)


@pytest.mark.parametrize("mode", ["quiz", "exam"])
def test_tab_goes_through_every_check_box_before_submit(qtbot, store, learner, mode):
    screen, _session = screen_for(qtbot, store, learner, mode)
    boxes = screen.question_widget.buttons
    assert focused(screen) is boxes[0]
    for box in boxes[1:]:
        press(qtbot, screen, Qt.Key.Key_Tab)
        assert focused(screen) is box
    press(qtbot, screen, Qt.Key.Key_Backtab)
    assert focused(screen) is boxes[2]


def test_arrows_move_between_check_boxes_and_space_ticks_the_focused_one(
    qtbot, store, learner
):
    screen, _session = screen_for(qtbot, store, learner)
    boxes = screen.question_widget.buttons
    press(qtbot, screen, Qt.Key.Key_Down)
    assert focused(screen) is boxes[1]
    press(qtbot, screen, Qt.Key.Key_Space)  # Ronald H. Brown
    press(qtbot, screen, Qt.Key.Key_Down)
    press(qtbot, screen, Qt.Key.Key_Down)
    assert focused(screen) is boxes[3]
    press(qtbot, screen, Qt.Key.Key_Down)  # the last one: the focus stays
    assert focused(screen) is boxes[3]
    press(qtbot, screen, Qt.Key.Key_Space)  # Jeffrey Garten
    press(qtbot, screen, Qt.Key.Key_Up)
    assert focused(screen) is boxes[2]
    assert [box.isChecked() for box in boxes] == [False, True, False, True]
    with qtbot.waitSignal(screen.answer_submitted) as submitted:
        press(qtbot, screen, Qt.Key.Key_Return)
    assert submitted.args[0].credit == 1.0
    assert kept_responses(store, learner) == [["Ronald H. Brown", "Jeffrey Garten"]]


def test_radio_buttons_keep_one_tab_stop_and_their_arrows(qtbot, store, learner):
    screen, _session = screen_for(qtbot, store, learner, first="mc")
    radios = screen.question_widget.buttons
    assert focused(screen) is radios[0]
    press(qtbot, screen, Qt.Key.Key_Down)
    assert focused(screen) is radios[1]
    press(qtbot, screen, Qt.Key.Key_Space)
    assert [radio.isChecked() for radio in radios] == [False, True, False]
    press(qtbot, screen, Qt.Key.Key_Tab)
    assert focused(screen) is screen.submit_button
