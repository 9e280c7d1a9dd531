"""How an exam ends and how its question list goes back, through the real screen: "Hand in"
with questions left asks first; an answer on screen when the time runs out counts; Enter
in the list only opens the question; a question gone back to shows its answer, selected."""

from __future__ import annotations

import pytest
from gui_helpers import answer, focused, make_screen, press, recorded, written
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton, QRadioButton

from quizapp.core.session import QuizSession
from quizapp.gui.theme import resolve, stylesheet_for

THREE = ["validate-command", "no-raw-html", "study-loop"]


def _exam(store, learner, bank, ids=THREE, **kwargs) -> QuizSession:
    return QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=ids,
                       **kwargs)


def _answer_the_dialog(qtbot, seen: list, how: str, also=None):
    """Once the hand-in question shows: note its text (and call `also`), then answer it by
    `how`. It is looked for every 20 ms: an answer on screen is recorded before it asks."""

    def respond():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, respond)
            return
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        if also is not None:
            also()
        assert box.defaultButton() is box.findChild(QPushButton, "go_back")  # the safe one
        if how == "click hand in":
            qtbot.mouseClick(box.findChild(QPushButton, "hand_in"), Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(box, Qt.Key.Key_Escape if how == "esc" else Qt.Key.Key_Return)

    QTimer.singleShot(50, respond)


@pytest.mark.parametrize("how, handed_in", [("esc", False), ("enter", False),
                                            ("click hand in", True)])
def test_hand_in_with_questions_unanswered_asks_first(qtbot, bank, store, learner, how,
                                                      handed_in):
    session = _exam(store, learner, bank)
    screen = make_screen(qtbot, session)
    finished = []
    screen.session_finished.connect(finished.append)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    seen: list[str] = []
    _answer_the_dialog(qtbot, seen, how)
    qtbot.mouseClick(screen.exam_panel.hand_in_button, Qt.MouseButton.LeftButton)
    written(qtbot, screen.context)  # a hand-in is committed on the writer thread
    assert seen == ["2 questions are not answered. Hand in anyway?"]
    assert (finished == [session]) is handed_in
    assert (session.state == "finished") is handed_in
    if not handed_in:  # back in the exam, on the question it showed
        assert screen.question_widget.question.id == "no-raw-html"
        assert store.session(session.session_id).finished is None


def test_an_answer_typed_when_the_time_runs_out_counts(qtbot, bank, store, learner):
    now = [1000.0]
    session = _exam(store, learner, bank, ids=["validate-command", "spaced-repetition"],
                    time_limit=60, clock=lambda: now[0])
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, False)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.question_widget.question.id == "spaced-repetition"
    answer(qtbot, screen, True)  # typed, not submitted
    now[0] += 61
    with qtbot.waitSignal(screen.session_finished, timeout=3000):
        pass  # the screen's clock notices
    assert session.timed_out and session.outcome == "timed_out"
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.correct) for r in rows] == [
        ("validate-command", False), ("spaced-repetition", True)]
    assert session.unanswered == 0
    assert store.session(session.session_id).score == pytest.approx(session.score) == 0.5


def test_nothing_on_screen_when_the_time_runs_out_records_nothing(qtbot, bank, store, learner):
    now = [1000.0]
    session = _exam(store, learner, bank, ids=["validate-command", "spaced-repetition"],
                    time_limit=60, clock=lambda: now[0])
    screen = make_screen(qtbot, session)
    now[0] += 61
    with qtbot.waitSignal(screen.session_finished, timeout=3000):
        pass
    assert session.timed_out and recorded(store, learner.id) == []


def test_enter_in_the_list_opens_an_answered_question_and_shows_its_answer(
        qtbot, bank, store, learner):
    session = _exam(store, learner, bank)
    screen = make_screen(qtbot, session)
    first = screen.question_widget
    picked = first.question.choices.index(next(
        c for c in first.question.choices if c.text != first.question.answer))
    answer(qtbot, screen, False)  # a wrong choice: its radio button must come back
    press(qtbot, screen, Qt.Key.Key_Return)
    listing = screen.exam_panel.question_list
    listing.setFocus()
    press(qtbot, screen, Qt.Key.Key_Up)  # the list's highlight on question 1
    assert listing.currentRow() == 0
    press(qtbot, screen, Qt.Key.Key_Return)
    widget = screen.question_widget
    assert widget.question.id == "validate-command"
    assert widget.isAncestorOf(focused(screen))  # Enter went into the question...
    assert "No answer yet" not in screen.hint_label.text()  # ...and was no answer to it
    assert len(recorded(store, learner.id)) == 1
    # The stored answer is selected, not only named.
    assert widget.response() == picked
    assert widget.buttons[widget.key_for(picked) - 1].isChecked()
    # Enter on it unchanged records nothing again and goes on to a question not answered.
    press(qtbot, screen, Qt.Key.Key_Return)
    assert len(recorded(store, learner.id)) == 1
    assert screen.question_widget.question.id == "no-raw-html"
    # Changing it works: back by its number, the right choice, Enter.
    listing.setFocus()
    press(qtbot, screen, "1")
    press(qtbot, screen, Qt.Key.Key_Return)  # into the question
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.correct, r.retracted is None) for r in rows] == [
        ("validate-command", False, False), ("validate-command", True, True)]


@pytest.mark.parametrize("qid", ["spaced-repetition", "partial-credit-share", "no-raw-html",
                                 "question-types", "type-matching", "writing-steps",
                                 "required-fields"])
def test_a_question_gone_back_to_shows_the_answer_given(qtbot, bank, store, learner, qid):
    session = _exam(store, learner, bank, ids=[qid, "validate-command"])
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, False)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.question_widget.question.id == "validate-command"
    given = session.answer_of(qid).response
    assert given not in (None, "", [])
    listing = screen.exam_panel.question_list
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton,
                     pos=listing.visualItemRect(listing.item(0)).center())
    assert screen.question_widget.question.id == qid
    assert screen.question_widget.response() == given


@pytest.mark.parametrize("how, handed_in", [("click hand in", True), ("esc", False)])
def test_hand_in_collects_the_answer_typed_on_screen_first(qtbot, bank, store, learner, how,
                                                            handed_in):
    """The tester's case: an answer typed without Enter, then "Hand in": it is recorded, as
    when the time runs out, and the dialog counts only the questions truly not answered."""
    session = _exam(store, learner, bank, ids=["validate-command", "spaced-repetition",
                                               "no-raw-html"])
    screen = make_screen(qtbot, session)
    finished = []
    screen.session_finished.connect(finished.append)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.question_widget.question.id == "spaced-repetition"
    answer(qtbot, screen, True)  # typed, not submitted
    seen: list[str] = []
    listed: list[str] = []  # what the list beside it says while the dialog asks
    _answer_the_dialog(qtbot, seen, how,
                       also=lambda: listed.append(screen.exam_panel.summary_label.text()))
    qtbot.mouseClick(screen.exam_panel.hand_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen) and not screen.busy, timeout=5000)
    assert seen == ["1 question is not answered. Hand in anyway?"]
    assert listed and listed[-1].startswith("2 of 3 answered")
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.correct) for r in rows] == [
        ("validate-command", True), ("spaced-repetition", True)]
    assert (finished == [session]) is handed_in
    if handed_in:
        assert store.session(session.session_id).score == pytest.approx(2 / 3)
    else:  # back on the question, its saved answer shown to read or change
        assert screen.question_widget.question.id == "spaced-repetition"
        assert screen.question_widget.isAncestorOf(focused(screen))
        assert "Your answer:" in screen.hint_label.text()
        assert store.session(session.session_id).finished is None


def test_hand_in_collects_a_changed_answer_on_a_question_gone_back_to(qtbot, bank, store,
                                                                      learner):
    session = _exam(store, learner, bank, ids=["validate-command", "no-raw-html"])
    screen = make_screen(qtbot, session)
    finished = []
    screen.session_finished.connect(finished.append)
    for right in (False, True):
        answer(qtbot, screen, right)
        press(qtbot, screen, Qt.Key.Key_Return)
    listing = screen.exam_panel.question_list
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton,
                     pos=listing.visualItemRect(listing.item(0)).center())
    assert screen.question_widget.question.id == "validate-command"
    answer(qtbot, screen, True)  # changed, not submitted
    with qtbot.waitSignal(screen.session_finished, timeout=5000):
        qtbot.mouseClick(screen.exam_panel.hand_in_button, Qt.MouseButton.LeftButton)
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.correct, r.retracted is None) for r in rows] == [
        ("validate-command", False, False), ("no-raw-html", True, True),
        ("validate-command", True, True)]
    assert finished == [session] and store.session(session.session_id).score == 1.0


def test_your_answer_on_a_question_gone_back_to_shows_no_markdown(qtbot, bank, store, learner):
    """"Your answer: `quizapp validate`." showed the choice's Markdown as typed in the bank;
    the card shows the words (a learner's own typing stays as typed)."""
    session = _exam(store, learner, bank, ids=["validate-command", "spaced-repetition",
                                               "no-raw-html"])
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, True)  # the choice "`quizapp validate`"
    press(qtbot, screen, Qt.Key.Key_Return)
    screen.question_widget.findChild(QLineEdit).setFocus()
    press(qtbot, screen, "*")
    press(qtbot, screen, "x")
    press(qtbot, screen, "*")
    press(qtbot, screen, Qt.Key.Key_Return)
    listing = screen.exam_panel.question_list
    for row, words in ((0, "Your answer: quizapp validate. Change it"),
                       (1, "Your answer: *x*. Change it")):
        qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton,
                         pos=listing.visualItemRect(listing.item(row)).center())
        assert words in screen.hint_label.text()
        assert screen.hint_label.textFormat() == Qt.TextFormat.PlainText


def _outlined(widget, colour: QColor) -> bool:
    """Whether `widget`, drawn as it is now, shows the theme's focus colour anywhere."""
    image = widget.grab().toImage()
    return any(image.pixelColor(x, y) == colour
               for x in range(image.width()) for y in range(image.height()))


def test_enter_from_the_list_lands_on_an_outlined_choice(qtbot, bank, store, learner):
    """Keys acted on the question Enter opened from the list, but no outline showed where:
    the card's rule for its choices (an id selector) outweighed the focus ring's."""
    session = _exam(store, learner, bank)
    screen = make_screen(qtbot, session)
    theme = resolve("light")
    screen.setStyleSheet(stylesheet_for(theme, screen.font().pointSizeF()))
    ring = QColor(theme.focus)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    assert isinstance(focused(screen), QRadioButton) and _outlined(focused(screen), ring)
    answer(qtbot, screen, False)
    press(qtbot, screen, Qt.Key.Key_Return)
    screen.activateWindow()  # offscreen, replacing the focused question deactivates it
    qtbot.waitUntil(screen.isActiveWindow)
    screen.exam_panel.question_list.setFocus()
    press(qtbot, screen, Qt.Key.Key_Up)
    press(qtbot, screen, Qt.Key.Key_Return)
    choice = focused(screen)
    assert isinstance(choice, QRadioButton) and choice.isChecked()  # the answer given
    assert screen.question_widget.isAncestorOf(choice) and choice.hasFocus()
    assert _outlined(choice, ring)
    others = [b for b in screen.question_widget.buttons if b is not choice]
    assert not any(_outlined(b, ring) for b in others)  # only the focused one


@pytest.mark.parametrize("mode", ["quiz", "practice"])  # an exam leaves flashcards out
def test_tab_reaches_every_rating_of_a_flashcard_in_a_quiz(qtbot, bank, store, learner, mode):
    """Tab went from "3 Good" straight to Submit: 1, 2 and 4 were out of Tab's reach, Qt
    making a button group one Tab stop, as radio buttons are (the focused button alone
    keeps Tab focus); on the flashcard screen Tab reaches each."""
    session = QuizSession(store, learner.id, bank, mode=mode, shuffle=False,
                          question_ids=["flashcard-rating", "validate-command"])
    screen = make_screen(qtbot, session)
    screen.activateWindow()  # focus events (where Qt changed the buttons' policy) need it
    qtbot.waitUntil(screen.isActiveWindow)
    press(qtbot, screen, Qt.Key.Key_Space)
    again, hard, good, easy = screen.question_widget.rating_buttons
    assert focused(screen) is good
    forward = []
    for _ in range(2):
        press(qtbot, screen, Qt.Key.Key_Tab)
        forward.append(focused(screen))
    assert forward == [easy, screen.submit_button]
    backward = []
    for _ in range(4):
        press(qtbot, screen, Qt.Key.Key_Backtab)
        backward.append(focused(screen))
    assert backward == [easy, good, hard, again]
    with qtbot.waitSignal(screen.answer_submitted, timeout=5000):
        press(qtbot, screen, Qt.Key.Key_Return)  # Enter on the focused "1 Again" rates it
    assert session.answer_of("flashcard-rating").response == 1
    assert [r.question_id for r in recorded(store, learner.id)] == ["flashcard-rating"]


def test_hand_in_after_the_time_ran_out_still_collects_the_answer_on_screen(
        qtbot, bank, store, learner):
    """"Hand in" pressed when the time has just run out, before the screen's clock noticed:
    the answer typed on screen is collected as at time up, and the exam ends timed out."""
    now = [1000.0]
    session = _exam(store, learner, bank, ids=["validate-command", "spaced-repetition"],
                    time_limit=60, clock=lambda: now[0])
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    answer(qtbot, screen, True)  # typed, not submitted
    now[0] += 61
    with qtbot.waitSignal(screen.session_finished, timeout=5000):
        qtbot.mouseClick(screen.exam_panel.hand_in_button, Qt.MouseButton.LeftButton)
    assert session.timed_out and session.outcome == "timed_out"
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.correct) for r in rows] == [
        ("validate-command", True), ("spaced-repetition", True)]
