"""Skipping an exam question (Enter on an empty question, then Enter again): nothing is
recorded, the question stays unanswered (an open dot, counted when handing in)."""

from __future__ import annotations

import pytest
from gui_helpers import answer, make_screen, press, recorded
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from quizapp.core.session import QuizSession
from quizapp.gui.exam_panel import ANSWERED_MARK, UNANSWERED_MARK

IDS = ["validate-command", "no-raw-html", "study-loop"]


def _marks(screen) -> list[str]:
    items = screen.exam_panel.question_list
    return [items.item(i).text().split()[1] for i in range(items.count())]


def test_a_skipped_exam_question_stays_unanswered(qtbot, bank, store, learner):  # noqa: F811
    ids = IDS
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=ids)
    screen = make_screen(qtbot, session)
    press(qtbot, screen, Qt.Key.Key_Return)  # "No answer yet ... Enter again to skip"
    assert "skip" in screen.hint_label.text()
    press(qtbot, screen, Qt.Key.Key_Return)  # skipped: on to question 2
    assert session.current.id == ids[1] and session.position == 2
    assert "Question 1 skipped" in screen.hint_label.text()
    assert recorded(store, learner.id) == []  # no row, not even an empty one
    assert session.unanswered == 3 and session.answer_of(ids[0]) is None
    assert _marks(screen) == [UNANSWERED_MARK] * 3
    assert screen.submit_button.text() == "Submit"
    assert screen.exam_panel.saved_label.isHidden()

    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)  # saved, on to question 3
    assert session.current.id == ids[2]
    assert not screen.exam_panel.saved_label.isHidden()  # "Answer to question 2 saved"
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Return)  # skip 3: back round to question 1
    assert session.current.id == ids[0]
    assert "Question 3 skipped" in screen.hint_label.text()
    assert screen.exam_panel.saved_label.isHidden()  # not "Answer to question 2 saved"
    assert _marks(screen) == [UNANSWERED_MARK, ANSWERED_MARK, UNANSWERED_MARK]
    assert "Every question is answered" not in screen.hint_label.text()
    assert screen.submit_button.text() == "Submit"
    assert [r.question_id for r in recorded(store, learner.id)] == [ids[1]]

    asked = []

    def hand_in_anyway():  # "2 questions are not answered. Hand in anyway?"
        box = QApplication.activeModalWidget()
        asked.append(box.text())
        qtbot.mouseClick(box.findChild(QPushButton, "hand_in"), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, hand_in_anyway)
    with qtbot.waitSignal(screen.session_finished, timeout=10000):  # once it is committed
        qtbot.mouseClick(screen.exam_panel.hand_in_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].startswith("2 questions are not answered")
    assert session.outcome == "finished" and session.unanswered == 2
    assert store.session(session.session_id).score == pytest.approx(session.score)
    assert [r.question_id for r in recorded(store, learner.id)] == [ids[1]]


def test_skipping_the_last_question_left_stays_on_it(qtbot, bank, store, learner):  # noqa: F811
    ids = IDS[:2]
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=ids)
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert session.current.id == ids[1]
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Return)  # nothing else to go to
    assert session.current.id == ids[1] and session.state == "asking"
    assert "only one left without an answer" in screen.hint_label.text()
    assert session.unanswered == 1 and len(recorded(store, learner.id)) == 1


def test_an_exam_refuses_an_empty_answer(store, learner, bank):  # noqa: F811
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=IDS)
    with pytest.raises(ValueError):
        session.submit(None)
    assert recorded(store, learner.id) == []
    assert session.skip().id == session.questions[1].id
