"""A flashcard in a quiz: each rating's tooltip says what that rating means, as the card and
the flashcard screen do (it said "I knew it: Again" where Again is "I forgot it"), and once
rated, the button of the rating given says so (checked but greyed, it looked like the rest)."""

from __future__ import annotations

from gui_helpers import make_screen, press, recorded
from PySide6.QtCore import Qt

from quizapp.core.session import QuizSession


def flashcard_quiz(qtbot, bank, store, learner):
    session = QuizSession(store, learner.id, bank, mode="quiz", shuffle=False)
    screen = make_screen(qtbot, session)
    # Up to the tour's card by Enter: twice skips a question, once more goes on.
    while not (session.current.type == "flashcard" and session.state == "asking"):
        press(qtbot, screen, Qt.Key.Key_Return)
    assert not screen.question_widget.flipped
    return screen


def test_each_rating_tooltip_says_what_the_rating_means(qtbot, bank, store, learner):
    screen = flashcard_quiz(qtbot, bank, store, learner)
    tips = [button.toolTip() for button in screen.question_widget.rating_buttons]
    assert tips[0].startswith("Again: I did not remember it"), tips
    assert tips[1].startswith("Hard: I remembered it with difficulty"), tips
    assert tips[2].startswith("Good: I remembered it ("), tips
    assert tips[3].startswith("Easy: I remembered it at once"), tips
    assert not any("I knew it" in tip for tip in tips)


def test_the_rating_given_is_marked_on_its_button(qtbot, bank, store, learner):
    screen = flashcard_quiz(qtbot, bank, store, learner)
    card = screen.question_widget
    press(qtbot, screen, Qt.Key.Key_Space)  # turn it over
    press(qtbot, screen, "2")  # Hard: recorded at once
    assert recorded(store, learner.id)[-1].question_id == card.question.id
    buttons = card.rating_buttons
    assert [b.isChecked() for b in buttons] == [False, True, False, False]
    assert "your rating" in buttons[1].text()
    assert buttons[1].accessibleName() == "Your rating: Hard"
    assert not any("your rating" in b.text() for b in (buttons[0], buttons[2], buttons[3]))
