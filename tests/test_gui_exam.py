"""Exam mode through the real quiz screen: no feedback until the results page."""

from __future__ import annotations

from gui_helpers import answer, make_screen, press, recorded, submit_held
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from quizapp.core.session import QuizSession
from quizapp.gui.question_widgets import RIGHT_MARK, WRONG_MARK, plain_text
from quizapp.gui.results_screen import ResultsScreen


def _marks(widget) -> list[str]:
    return [
        lbl.text()
        for lbl in widget.findChildren(QLabel)
        if lbl.text().startswith((RIGHT_MARK, WRONG_MARK))
    ]


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
    while session.unanswered:
        n += 1
        q = session.current
        right = n % 2 == 1
        plan.append((q.id, right))
        answer(qtbot, screen, right)
        widget = screen.question_widget
        watch = MarksWhenDeleted(widget)  # the screen moves on and deletes the widget
        last = session.unanswered == 1
        press(qtbot, screen, Qt.Key.Key_Return)  # one Enter: recorded and on to the next
        if not last:  # the screen moves on and deletes the answered widget
            qtbot.waitUntil(lambda w=watch: w.marks is not None, timeout=5000)
            marks = watch.marks
        else:  # the last answer: the question stays until the exam is handed in
            qtbot.waitUntil(lambda: not screen.busy, timeout=5000)
            marks = _marks(widget)
        # nothing tells right from wrong: no panel, no marks on the answer
        assert not screen.feedback.isVisible()
        assert marks == []
        assert len(recorded(store, learner.id)) == n
        if session.unanswered:
            assert session.current is not q and session.state == "asking"
            assert screen.submit_button.text() == "Submit"
            # said beside the list, not on the card of the question not yet answered
            assert not screen.hint_label.isVisible()
            assert screen.exam_panel.saved_label.text() == (
                f"Answer to question {n} saved. Feedback comes at the end.")
        assert n <= len(bank.questions)
    # Every question answered: nothing is handed in until the learner says so.
    assert finished == [] and screen.submit_button.text() == "Hand in"
    assert "Press Enter to hand in" in screen.hint_label.text()
    press(qtbot, screen, Qt.Key.Key_Return)
    assert finished == [session]
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.correct) for r in rows] == plan
    assert {r.mode for r in rows} == {"exam"}
    # the results page is where the feedback shows
    results = ResultsScreen()
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


def _click_entry(qtbot, screen, row):
    listing = screen.exam_panel.question_list
    rect = listing.visualItemRect(listing.item(row))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_question_list_goes_back_to_change_and_flag(qtbot, bank, store, learner):  # noqa: F811
    ids = ["validate-command", "no-raw-html"]
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=ids)
    screen = make_screen(qtbot, session)
    panel = screen.exam_panel
    assert panel.isVisible() and panel.question_list.count() == 2
    assert panel.summary_label.text() == "0 of 2 answered"
    answer(qtbot, screen, False)  # the first one wrong
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.question_widget.question.id == "no-raw-html"
    assert panel.question_list.item(0).text().startswith("1 ●")
    assert panel.question_list.item(1).text().startswith("2 ○")
    # Flag the second one with the real button; it shows in the list and the summary.
    qtbot.mouseClick(panel.flag_button, Qt.MouseButton.LeftButton)
    assert session.flagged == {"no-raw-html"}
    assert panel.question_list.item(1).text().startswith("2 ○ ⚑ ")
    assert panel.summary_label.text() == "1 of 2 answered, 1 flagged"
    # Back to the first through the list: the answer given is named, then changed.
    _click_entry(qtbot, screen, 0)
    assert screen.question_widget.question.id == "validate-command"
    assert screen.hint_label.text().startswith("Your answer: ")
    assert not panel.flag_button.isChecked()
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.question_widget.question.id == "no-raw-html"
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert "1 flagged" in screen.hint_label.text()
    finished = []
    screen.session_finished.connect(finished.append)
    with qtbot.waitSignal(screen.session_finished, timeout=10000):  # once it is committed
        qtbot.mouseClick(panel.hand_in_button, Qt.MouseButton.LeftButton)
    assert finished == [session] and session.score == 1.0
    # One counted answer per question; the changed one is in the log, taken back.
    rows = recorded(store, learner.id)
    assert sorted((r.question_id, r.correct, r.retracted is None) for r in rows) == [
        ("no-raw-html", True, True),
        ("validate-command", False, False),
        ("validate-command", True, True),
    ]
    assert store.session(session.session_id).score == 1.0


def test_hand_in_early_counts_unanswered_questions_as_wrong(qtbot, bank, store, learner):  # noqa: F811
    ids = ["validate-command", "no-raw-html"]
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=ids)
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    finished = []
    screen.session_finished.connect(finished.append)

    def hand_in_anyway():  # "1 question is not answered. Hand in anyway?"
        box = QApplication.activeModalWidget()
        qtbot.mouseClick(box.findChild(QPushButton, "hand_in"), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, hand_in_anyway)
    with qtbot.waitSignal(screen.session_finished, timeout=10000):  # once it is committed
        qtbot.mouseClick(screen.exam_panel.hand_in_button, Qt.MouseButton.LeftButton)
    assert finished == [session] and session.outcome == "finished"
    assert store.session(session.session_id).score == session.score < 1.0
    assert session.mistakes == ["no-raw-html"]


def test_esc_with_every_question_answered_hands_the_exam_in(qtbot, bank, store, learner):  # noqa: F811
    ids = ["validate-command", "no-raw-html"]
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=ids)
    screen = make_screen(qtbot, session)
    asked = []
    screen.confirm_leave = lambda: asked.append(session.leaving_finishes) or True
    for right in (True, False):
        answer(qtbot, screen, right)
        press(qtbot, screen, Qt.Key.Key_Return)
    _click_entry(qtbot, screen, 0)  # looking at the first question again
    finished = []
    screen.session_finished.connect(finished.append)
    press(qtbot, screen, Qt.Key.Key_Escape)
    assert asked == [True] and finished == [session]
    assert session.outcome == "finished" and store.session(session.session_id).score == 0.5


def test_the_list_names_a_cloze_by_its_text_and_a_matching_answer_reads_as_pairs(
        qtbot, store, learner):  # noqa: F811
    """A cloze written as its text alone had an empty entry ("1 ○"); going back to a
    matching question said "Your answer: ['France', 'Madrid']; ..." (a second tester)."""
    from quizapp.core.model import Bank, Cloze, Matching

    cloze = Cloze(id="cl", prompt="", text="The {{USTR}} met {{Hashimoto}}.")
    match = Matching(id="ma", prompt="Match them.",
                     pairs=(("Kantor", "USTR"), ("Hashimoto", "MITI")))
    two = Bank(id="two", title="Two", questions=(match, cloze))
    session = QuizSession(store, learner.id, two, mode="exam", shuffle=False)
    screen = make_screen(qtbot, session)
    listing = screen.exam_panel.question_list
    assert listing.item(1).text().startswith("2 ○ The _____ met _____.")
    press(qtbot, screen, "1")  # Kantor: the first answer listed
    press(qtbot, screen, "2")  # Hashimoto: the second
    picked = screen.question_widget.response()
    rights = [match.pairs[i][1] for i in picked]
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.question_widget.question.id == "cl"
    _click_entry(qtbot, screen, 0)
    assert screen.question_widget.question.id == "ma"
    hint = screen.hint_label.text()
    assert f"Your answer: Kantor → {rights[0]}; Hashimoto → {rights[1]}." in hint, hint
    assert "[" not in hint


def test_the_list_and_flag_wait_while_an_answer_is_being_saved(
        qtbot, bank, store, learner, monkeypatch):  # noqa: F811
    # A click in the list (or on Flag) while the writer thread records the answer moved
    # the session under it: the answer's feedback and the next question landed on the
    # question clicked. Both wait for the save now.
    ids = ["validate-command", "no-raw-html"]
    session = QuizSession(store, learner.id, bank, mode="exam", shuffle=False, question_ids=ids)
    screen = make_screen(qtbot, session)
    panel = screen.exam_panel
    answer(qtbot, screen, True)
    release = submit_held(qtbot, screen, monkeypatch)
    _click_entry(qtbot, screen, 1)
    qtbot.mouseClick(panel.flag_button, Qt.MouseButton.LeftButton)
    assert session.position == 1 and session.flagged == set()
    with qtbot.waitSignal(screen.answer_submitted, timeout=10000):
        release.set()
    assert screen.question_widget.question.id == "no-raw-html"
    assert [(r.question_id, r.correct) for r in recorded(store, learner.id)] == [
        ("validate-command", True)]
