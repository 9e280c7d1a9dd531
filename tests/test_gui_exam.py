"""Exam mode through the real quiz screen: no feedback until the results page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel
from test_gui_quiz import answer, bank, learner, make_screen, press, recorded, store  # noqa: F401

from quizapp.core.session import QuizSession
from quizapp.gui.question_widgets import RIGHT_MARK, WRONG_MARK, plain_text
from quizapp.gui.results_screen import ResultsScreen


class MarksWhenDeleted(QObject):
    """The right/wrong marks a question widget shows at the moment it is deleted."""

    def __init__(self, widget):
        super().__init__()
        self.marks = None
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.DeferredDelete and self.marks is None:
            self.marks = [
                lbl.text()
                for lbl in watched.findChildren(QLabel)
                if lbl.text().startswith((RIGHT_MARK, WRONG_MARK))
            ]
        return False


def test_an_exam_holds_all_feedback_for_the_end(qtbot, bank, store, learner):  # noqa: F811
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False)
    screen = make_screen(qtbot, session)
    assert screen.title_label.text().startswith("Exam:")
    finished = []
    screen.session_finished.connect(finished.append)
    plan = []
    n = 0
    while screen.session is not None:
        n += 1
        q = session.current
        right = n % 2 == 1
        plan.append((q.id, right))
        answer(qtbot, screen, right)
        widget = screen.question_widget
        watch = MarksWhenDeleted(widget)  # the screen moves on and deletes the widget
        press(qtbot, screen, Qt.Key.Key_Return)  # one Enter: recorded and on to the next
        qtbot.waitUntil(lambda w=watch: w.marks is not None, timeout=5000)
        marks = watch.marks
        # nothing tells right from wrong: no panel, no marks on the answer
        assert not screen.feedback.isVisible()
        assert marks == []
        assert len(recorded(store, learner.id)) == n
        if screen.session is not None:
            assert session.current is not q and session.state == "asking"
            assert screen.submit_button.text() == "Submit"
            assert screen.hint_label.text() == "Answer saved. Feedback comes at the end."
        assert n <= len(bank.questions)
    assert finished == [session]
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.correct) for r in rows] == plan
    assert {r.mode for r in rows} == {"exam"}
    # the results page is where the feedback shows
    results = ResultsScreen(None)
    qtbot.addWidget(results)
    results.show_results(session)
    assert results.title_label.text().startswith("Exam results:")
    for entry, (qid, right) in zip(results.entries, plan, strict=True):
        q = entry.result.question
        assert q.id == qid
        assert ("Right" in entry.verdict) is right
        assert entry.rows["expected"]
        if q.explanation:
            assert entry.rows["explanation"] == q.explanation
        if q.source:
            assert entry.rows["source"] == q.source
    # ... and what the page shows, as text
    shown = " ".join(results.review.toPlainText().split())
    for entry in results.entries:
        q = entry.result.question
        assert f"{entry.number}. " in shown
        assert plain_text(q.prompt if q.type != "cloze" else q.prompt or "") in shown
        if q.explanation:
            assert plain_text(q.explanation) in shown
        if q.source:
            assert q.source in shown
    assert shown.count("Right answer") == len(results.entries)
    first = results.entries[0]  # validate-command, answered right
    assert first.rows["feedback"] == first.result.question.choices[0].feedback
