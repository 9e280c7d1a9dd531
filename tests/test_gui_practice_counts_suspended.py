"""What the learner is offered before practice agrees with what the practice then holds:
the setup dialog opened by the library's Practice button counts the questions without the
cards the learner suspended (it offered "of 3" and the practice had 1), and says why; a
quiz, which asks every question, still counts them all."""

import pytest
from helpers import library_rows
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from quizapp.gui.quiz_setup import QuizOptions, QuizSetupDialog


@pytest.fixture
def win(small_bank_window):
    return small_bank_window


def test_practice_setup_counts_what_the_practice_holds_without_suspended_cards(qtbot, win):
    context = win.context
    # Two of the small bank's three questions suspended (the flashcard and one more).
    context.store.set_suspended(context.learner_id, "small", ["card", "sky"], True)
    screen = win.library_screen
    screen.tree.setCurrentItem(library_rows(win)["Small bank"])
    seen: list[tuple[str, str, int]] = []

    def read_then_start() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QuizSetupDialog):
            QTimer.singleShot(50, read_then_start)  # not open yet: the suspended are read first
            return
        seen.append(("practice", dialog.available_label.text(), dialog.count_spin.maximum()))
        qtbot.keyClick(dialog.mode_combo, Qt.Key.Key_Home)  # Quiz: every question
        seen.append(("quiz", dialog.available_label.text(), dialog.count_spin.maximum()))
        qtbot.keyClick(dialog.mode_combo, Qt.Key.Key_End)  # back to Practice
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, read_then_start)
    with qtbot.waitSignal(win.screen_changed, timeout=20000):
        qtbot.mouseClick(screen.practice_button, Qt.MouseButton.LeftButton)
    assert seen == [
        ("practice", "of 1 (practice leaves out 2 suspended cards)", 1),
        ("quiz", "of 3", 3),
    ]
    quiz = win.screen_named("quiz")
    assert quiz.session.mode == "practice"
    assert [q.id for q in quiz.session.questions] == ["grass"]
    quiz.session.abandon()


def test_practice_of_only_suspended_cards_cannot_start_and_says_why(qtbot, win):
    bank = win.context.library.bank("small")
    dialog = QuizSetupDialog(bank, None, QuizOptions(mode="practice"),
                             suspended={"card", "sky", "grass"})
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.start_button.isEnabled()
    assert dialog.available_label.text() == (
        "every question here is a card you suspended: bring some back with More > "
        "Suspended cards… on the flashcard screen")
    qtbot.keyClick(dialog.mode_combo, Qt.Key.Key_Home)  # a quiz asks them all
    assert dialog.start_button.isEnabled() and dialog.available_label.text() == "of 3"
