"""Leaving with an answer typed on screen but not submitted: that answer is not saved
(only Hand in, or the time running out, collects it), and the Leave dialog says so; an
outside tester left an exam with Alt+F4 and read only "Your 2 answers are saved"."""

from __future__ import annotations

from bank_samples import AUTO_TALKS as BANK
from gui_helpers import focused, make_screen, press
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from quizapp.core.session import QuizSession
from quizapp.gui.leave_dialog import UNSUBMITTED_NOTE


def leave_dialog_text(qtbot, screen) -> str:
    """Esc, as a learner leaves; the Leave dialog's text is read and Stay clicked."""
    seen: list[str] = []

    def answer_the_dialog() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer_the_dialog)
            return
        seen.append(box.informativeText())
        box.findChild(QPushButton, "stay").click()

    QTimer.singleShot(0, answer_the_dialog)
    press(qtbot, screen, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: seen != [], timeout=5000)
    return seen[0]


def test_leaving_an_exam_says_the_typed_answer_is_not_saved(qtbot, store, learner):
    exam = QuizSession(store, learner.id, BANK, mode="exam", shuffle=False,
                       question_ids=["mc", "sa", "tf"])
    screen = make_screen(qtbot, exam)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    press(qtbot, screen, "2")  # mc: picked
    press(qtbot, screen, Qt.Key.Key_Return)  # and submitted: sa shows
    qtbot.waitUntil(lambda: screen.question_widget.question.id == "sa")
    text = leave_dialog_text(qtbot, screen)
    assert text.startswith("Your answer is saved") and UNSUBMITTED_NOTE not in text
    qtbot.keyClicks(focused(screen), "Kantor")  # typed, not submitted
    text = leave_dialog_text(qtbot, screen)
    assert text.startswith("Your answer is saved") and text.endswith(UNSUBMITTED_NOTE)
    assert [a.question.id for a in exam.answers] == ["mc"]  # Stay: nothing else written
