"""A whole quiz through the real widgets: keys 1-9, typing, Alt+arrows, Enter, Esc.

Runs over the tour bank (one question of every type) with a real Store in the
test's temp data folder, and checks what the store recorded.
"""

from __future__ import annotations

import pytest
from gui_helpers import answer, focused, make_screen, press, recorded, settled, written
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from quizapp.core.session import QuizSession
from quizapp.core.store import Store
from quizapp.gui.results_screen import ResultsScreen

# ------------------------------------------------------------------ helpers (shared by the
# practice and exam tests)


# ------------------------------------------------------------------ tests


def test_a_whole_quiz_by_keyboard_is_recorded_in_the_store(qtbot, bank, store, learner):
    session = QuizSession(store, learner.id, bank, mode="quiz", shuffle=False)
    screen = make_screen(qtbot, session)
    results = ResultsScreen()
    qtbot.addWidget(results)
    finished = []
    screen.session_finished.connect(finished.append)
    screen.session_finished.connect(results.show_results)

    types_seen = set()
    expected: list[tuple[str, bool]] = []
    n = 0
    while screen.session is not None:
        n += 1
        q = session.current
        types_seen.add(q.type)
        assert screen.position_label.text() == f"Question {n} of {len(bank.questions)}"
        assert screen.question_widget.question is q
        # the answer widget has the focus when the question shows
        assert focused(screen) is not screen and screen.question_widget.isAncestorOf(
            focused(screen)
        )
        right = n % 3 != 0
        answer(qtbot, screen, right)
        rows_before = len(recorded(store, learner.id))
        press(qtbot, screen, Qt.Key.Key_Return)  # submit
        assert session.state == "answered"
        rows = recorded(store, learner.id)
        assert len(rows) == rows_before + 1 and rows[-1].question_id == q.id
        assert rows[-1].correct is right, q.id
        expected.append((q.id, right))
        # feedback: right or wrong, the right answer when wrong, explanation and source
        assert screen.feedback.isVisible()
        verdict = screen.feedback.verdict.text()
        assert ("Right" in verdict) is right, (q.id, verdict)
        rows_shown = screen.feedback.rows
        assert bool(rows_shown.text("expected")) is (not right)
        if q.explanation:
            assert rows_shown.text("explanation") == q.explanation
        if q.source:
            assert rows_shown.text("source") == q.source
        # the answer is locked once submitted
        before = screen.question_widget.response()
        press(qtbot, screen, "1")
        assert screen.question_widget.response() == before
        press(qtbot, screen, Qt.Key.Key_Return)  # continue
        assert n <= len(bank.questions)

    assert types_seen == {
        "multiple_choice",
        "multiple_select",
        "true_false",
        "short_answer",
        "numeric",
        "matching",
        "ordering",
        "cloze",
        "flashcard",
    }
    assert finished == [session]
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.correct) for r in rows] == expected
    assert all((r.credit == 1.0) == ok for r, (_, ok) in zip(rows, expected, strict=True))
    assert all(r.mode == "quiz" for r in rows)
    info = store.session(session.session_id)
    assert info.finished is not None
    assert info.score == pytest.approx(session.score)
    # the results page: score and one entry per question, marked as recorded
    assert results.score_label.text() == f"{round(session.score * 100)}%"
    assert len(results.entries) == len(bank.questions)
    for entry, (qid, ok) in zip(results.entries, expected, strict=True):
        assert entry.result.question.id == qid
        assert ("Right" in entry.verdict) is ok
    assert results.mistakes_button.isVisibleTo(results)


def test_feedback_shows_only_after_the_store_committed_the_answer(
    qtbot, bank, store, learner, monkeypatch
):
    from quizapp.gui import quiz_screen

    session = QuizSession(store, learner.id, bank, mode="quiz", shuffle=False, count=3)
    screen = make_screen(qtbot, session)
    seen = []
    original = quiz_screen.FeedbackPanel.show_grade

    def spy(panel, question, grade, bank_dir=None):
        # a second connection sees only committed data
        other = Store.open()
        try:
            seen.append([r.question_id for r in other.export_rows(learner.id)])
        finally:
            other.close()
        original(panel, question, grade, bank_dir)

    monkeypatch.setattr(quiz_screen.FeedbackPanel, "show_grade", spy)
    first = session.current.id
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert seen == [[first]]


def test_choice_feedback_and_marks_in_place(qtbot, bank, store, learner):
    session = QuizSession(store, learner.id, bank, question_ids=["validate-command"], shuffle=False)
    screen = make_screen(qtbot, session)
    q = session.current
    widget = screen.question_widget
    wrong = 1  # a wrong choice with its own feedback
    press(qtbot, screen, str(widget.key_for(wrong)))
    press(qtbot, screen, Qt.Key.Key_Return)
    assert screen.feedback.rows.text("feedback") == q.choices[wrong].feedback
    assert screen.feedback.rows.text("expected") == q.answer
    assert "right" in widget.marks[widget.key_for(q.correct) - 1].text()
    assert "wrong" in widget.marks[widget.key_for(wrong) - 1].text()
    press(qtbot, screen, str(widget.key_for(q.correct)))  # locked: keys change nothing
    assert widget.response() == wrong
    assert screen.submit_button.text() == "See results"
    with qtbot.waitSignal(screen.session_finished):
        press(qtbot, screen, Qt.Key.Key_Return)


def test_enter_without_an_answer_asks_first_then_skips(qtbot, bank, store, learner):
    session = QuizSession(
        store, learner.id, bank, question_ids=["validate-command", "no-raw-html"], shuffle=False
    )
    screen = make_screen(qtbot, session)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert session.state == "asking"
    assert screen.hint_label.isVisible() and "Enter again" in screen.hint_label.text()
    assert recorded(store, learner.id) == []
    press(qtbot, screen, Qt.Key.Key_Return)  # skip: recorded as wrong
    assert session.state == "answered"
    rows = recorded(store, learner.id)
    assert len(rows) == 1 and rows[0].correct is False and rows[0].response is None
    press(qtbot, screen, Qt.Key.Key_Return)
    # picking something after a first Enter needs a fresh Enter: no accidental skip
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, "2")
    assert not screen.hint_label.isVisible()
    press(qtbot, screen, Qt.Key.Key_Return)
    assert recorded(store, learner.id)[-1].correct is True  # "no-raw-html" is False


def test_esc_asks_and_stay_keeps_the_quiz(qtbot, bank, store, learner, monkeypatch):
    session = QuizSession(store, learner.id, bank, shuffle=False, count=4)
    screen = make_screen(qtbot, session)
    answers = iter([False, True])
    asked = []

    def confirm():
        asked.append(True)
        return next(answers)

    monkeypatch.setattr(screen, "confirm_leave", confirm)
    left = []
    screen.session_left.connect(lambda: left.append(True))
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Escape)
    assert asked == [True] and left == [] and session.state == "asking"
    press(qtbot, screen, Qt.Key.Key_Escape)
    assert left == [True]
    written(qtbot, screen.context)  # closed in the store on the writer thread
    assert session.abandoned
    info = store.session(session.session_id)
    assert info.finished is not None
    assert len(recorded(store, learner.id)) == 1  # the answer given is kept


@pytest.mark.parametrize("button, leaves", [("stay", False), ("leave", True)])
def test_esc_confirmation_is_a_real_dialog(qtbot, bank, store, learner, button, leaves):
    session = QuizSession(store, learner.id, bank, shuffle=False, count=2)
    screen = make_screen(qtbot, session)
    left = []
    screen.session_left.connect(lambda: left.append(True))
    texts = []

    def answer_dialog():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        texts.append((box.text(), box.informativeText()))
        # A question, answered by buttons that say what they do and carry no Yes/No icon.
        assert box.icon() == QMessageBox.Icon.Question
        assert sorted(b.text() for b in box.buttons()) == ["Leave", "Stay"]
        assert all(b.icon().isNull() for b in box.buttons())
        # Not relabelled standard Yes/No buttons, which some desktops draw with Yes/No icons.
        assert box.standardButtons() == QMessageBox.StandardButton.NoButton
        qtbot.mouseClick(box.findChild(QPushButton, button), Qt.MouseButton.LeftButton)

    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    QTimer.singleShot(50, answer_dialog)
    press(qtbot, screen, Qt.Key.Key_Escape)
    written(qtbot, screen.context)  # leaving closes the session on the writer thread
    assert texts == [
        (
            "Leave this quiz?",
            "Your answer is saved and counts in its question's statistics and review "
            "schedule. Left unfinished, this quiz is not scored: it adds no attempt, and your "
            "best and last scores stay as they are.",
        )
    ]
    assert bool(left) is leaves
    assert (session.state == "finished") is leaves
    info = store.session(session.session_id)
    assert info.outcome == ("abandoned" if leaves else None)
    assert store.bank_summary(learner.id, bank).attempts == 0


def test_the_time_limit_ends_the_quiz(qtbot, bank, store, learner):
    now = [1000.0]
    session = QuizSession(
        store, learner.id, bank, shuffle=False, time_limit=90, clock=lambda: now[0]
    )
    screen = make_screen(qtbot, session)
    assert screen.timer_label.isVisible()
    screen._tick()
    assert screen.timer_label.text() == "Time left 1:30"
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Return)
    now[0] += 91
    with qtbot.waitSignal(screen.session_finished, timeout=3000) as blocker:
        pass  # the screen's own QTimer notices
    assert blocker.args == [session]
    assert session.timed_out
    assert store.session(session.session_id).finished is not None
    results = ResultsScreen()
    qtbot.addWidget(results)
    results.show_results(session)
    assert "time ran out" in results.summary_label.text()
    assert sum(1 for e in results.entries if "Not answered" in e.verdict) == (
        len(bank.questions) - 1
    )


def test_results_screen_keys_and_mistakes_button(qtbot, bank, store, learner):
    session = QuizSession(store, learner.id, bank, shuffle=False, count=2)
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Return)
    answer(qtbot, screen, False)
    press(qtbot, screen, Qt.Key.Key_Return)
    with qtbot.waitSignal(screen.session_finished):
        press(qtbot, screen, Qt.Key.Key_Return)
    results = ResultsScreen()
    qtbot.addWidget(results)
    results.show()
    results.show_results(session)
    settled(qtbot, results)
    assert session.mistakes == [session.questions[1].id]
    assert results.mistakes_button.isVisible()
    assert "Alt+M" in results.mistakes_button.toolTip()
    with qtbot.waitSignal(results.mistakes_review_requested) as blocker:
        qtbot.mouseClick(results.mistakes_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [session]
    # The click left the focus on "Review my mistakes": Tab goes on to "Done", and
    # Enter presses the focused button.
    qtbot.keyClick(results.mistakes_button, Qt.Key.Key_Tab)
    assert results.focusWidget() is results.done_button
    with qtbot.waitSignal(results.results_closed):
        qtbot.keyClick(results.done_button, Qt.Key.Key_Return)

    # a perfect run offers no review
    perfect = QuizSession(store, learner.id, bank, shuffle=False, count=1)
    screen2 = make_screen(qtbot, perfect)
    answer(qtbot, screen2, True)
    press(qtbot, screen2, Qt.Key.Key_Return)
    press(qtbot, screen2, Qt.Key.Key_Return)
    results.show_results(perfect)
    assert not results.mistakes_button.isVisible()
    assert results.score_label.text() == "100%"


def controls_of(root):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QListWidget,
    )

    found = []
    for kind in (QAbstractButton, QLineEdit, QComboBox, QListWidget, QAbstractSpinBox):
        for w in root.findChildren(kind):
            parent = w.parent()
            if isinstance(parent, QAbstractSpinBox | QComboBox):  # their own inner editors
                continue
            found.append(w)
    return found


def test_every_control_has_a_name_and_a_tooltip_with_its_key(qtbot, bank, store, learner):
    from quizapp.gui.quiz_setup import QuizSetupDialog

    session = QuizSession(store, learner.id, bank, shuffle=False, count=2)
    screen = make_screen(qtbot, session)
    assert "(Enter)" in screen.submit_button.toolTip()
    assert "(Esc)" in screen.leave_button.toolTip()
    dialog = QuizSetupDialog(bank)
    qtbot.addWidget(dialog)
    answer(qtbot, screen, False)
    press(qtbot, screen, Qt.Key.Key_Return)
    shown = [screen, dialog]
    assert "(Enter)" in screen.submit_button.toolTip()  # now "Next"
    press(qtbot, screen, Qt.Key.Key_Return)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Return)
    results = ResultsScreen()
    qtbot.addWidget(results)
    results.show_results(session)
    shown.append(results)
    for root in shown:
        controls = controls_of(root)
        assert len(controls) >= 2, root
        for control in controls:
            assert control.accessibleName(), (root, control)
            assert control.toolTip(), (root, control, control.accessibleName())
    assert any("(Esc)" in b.toolTip() for b in controls_of(dialog))
    assert "(Enter)" in dialog.start_button.toolTip()


def test_tab_goes_through_the_answer_then_submit_then_leave(qtbot, bank, store, learner):
    session = QuizSession(store, learner.id, bank, question_ids=["required-fields"], shuffle=False)
    screen = make_screen(qtbot, session)
    edits = screen.question_widget.edits
    assert focused(screen) is edits[0]
    press(qtbot, screen, Qt.Key.Key_Tab)
    assert focused(screen) is edits[1]
    press(qtbot, screen, Qt.Key.Key_Tab)
    assert focused(screen) is screen.submit_button
    press(qtbot, screen, Qt.Key.Key_Tab)
    assert focused(screen) is screen.leave_button


def test_setup_dialog_builds_the_session_it_describes(qtbot, bank, store, learner):
    from quizapp.gui.quiz_setup import QuizOptions, QuizSetupDialog, build_session

    dialog = QuizSetupDialog(bank)
    qtbot.addWidget(dialog)
    assert dialog.tag_list.count() == len(bank.all_tags)
    assert dialog.count_spin.maximum() == len(bank.questions)
    assert dialog.options() == QuizOptions(
        mode="quiz", count=None, tags=(), shuffle=True, time_limit=None
    )
    dialog.set_tags(["studying"])
    studying = [q for q in bank.questions if "studying" in q.tags]
    assert dialog.count_spin.maximum() == len(studying)
    assert dialog.available_label.text() == f"of {len(studying)}"
    dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findData("exam"))
    graded = [q for q in studying if q.type != "flashcard"]  # an exam leaves flashcards out
    assert dialog.count_spin.maximum() == len(graded) == 2
    assert dialog.available_label.text() == "of 2 (an exam leaves out 1 flashcard)"
    dialog.count_spin.setValue(1)
    dialog.shuffle_box.setChecked(False)
    assert not dialog.minutes_spin.isEnabled()
    dialog.time_box.setChecked(True)
    dialog.minutes_spin.setValue(5)
    options = dialog.options()
    assert options == QuizOptions(
        mode="exam", count=1, tags=("studying",), shuffle=False, time_limit=300.0
    )
    session = build_session(store, learner.id, bank, options)
    assert session.mode == "exam" and session.time_limit == 300.0
    assert [q.id for q in session.questions] == [q.id for q in graded[:1]]
    # Enter starts, Esc cancels
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.count_spin, Qt.Key.Key_Return)
    again = QuizSetupDialog(bank)
    qtbot.addWidget(again)
    again.show()
    with qtbot.waitSignal(again.rejected, timeout=1000):
        qtbot.keyClick(again.count_spin, Qt.Key.Key_Escape)


def test_a_failed_save_says_so_and_the_answer_can_be_sent_again(
    qtbot, bank, store, learner, monkeypatch
):
    from quizapp.core.store import StoreError

    session = QuizSession(store, learner.id, bank, question_ids=["validate-command"], shuffle=False)
    screen = make_screen(qtbot, session)
    real = store.record_answer
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise StoreError("the disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "record_answer", flaky)
    press(qtbot, screen, str(screen.question_widget.key_for(0)))
    press(qtbot, screen, Qt.Key.Key_Return)
    assert session.state == "asking"
    assert not screen.feedback.isVisible()  # no feedback for an answer that was not saved
    assert "could not be saved" in screen.hint_label.text()
    assert "the disk is full" in screen.hint_label.text().lower()
    assert screen.question_widget.response() == 0  # the answer is still there
    press(qtbot, screen, Qt.Key.Key_Return)
    assert session.state == "answered" and screen.feedback.isVisible()
    assert not screen.hint_label.isVisible()
    assert [r.correct for r in recorded(store, learner.id)] == [True]


def test_a_flashcard_in_a_quiz_flips_then_takes_a_rating(qtbot, bank, store, learner):
    session = QuizSession(store, learner.id, bank, question_ids=["flashcard-rating"], shuffle=False)
    screen = make_screen(qtbot, session)
    widget = screen.question_widget
    assert not widget.back_label.isVisible()
    press(qtbot, screen, "3")  # no rating before the card is turned
    assert widget.response() is None
    press(qtbot, screen, Qt.Key.Key_Return)  # Enter turns the card, like Space
    assert widget.back_label.isVisible() and session.state == "asking"
    press(qtbot, screen, "2")  # the rating is the answer: recorded at once, no Enter
    assert session.state == "answered"
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.response, r.correct) for r in rows] == [
        ("flashcard-rating", "Hard", True)
    ]
    assert store.card_state(learner.id, bank.id, "flashcard-rating") is not None


@pytest.mark.parametrize("mode", ["quiz", "practice"])  # an exam leaves flashcards out
def test_enter_on_the_focused_rating_records_that_rating(qtbot, bank, store, learner, mode):
    """Space turns the card and puts the focus on "3 Good"; Enter there is "Good", not an
    empty answer ("No answer yet", then a second Enter stored it as wrong)."""
    session = QuizSession(store, learner.id, bank, mode=mode,
                          question_ids=["flashcard-rating", "validate-command"], shuffle=False)
    screen = make_screen(qtbot, session)
    widget = screen.question_widget
    assert widget.question.id == "flashcard-rating"
    press(qtbot, screen, Qt.Key.Key_Space)
    assert focused(screen) is widget.rating_buttons[2]  # "3 Good"
    press(qtbot, screen, Qt.Key.Key_Backtab)  # Shift+Tab: "2 Hard"
    assert focused(screen) is widget.rating_buttons[1]
    press(qtbot, screen, Qt.Key.Key_Return)
    assert "No answer yet" not in screen.hint_label.text()
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.response, r.correct) for r in rows] == [
        ("flashcard-rating", "Hard", True)
    ]


def test_an_exam_does_not_ask_a_flashcard(qtbot, bank, store, learner):
    """An exam's score is the app's grading: a flashcard (self-rated, "2 Hard" counted
    right) is left out, and the exam says so at its start."""
    session = QuizSession(store, learner.id, bank, mode="exam",
                          question_ids=["flashcard-rating", "validate-command"], shuffle=False)
    screen = make_screen(qtbot, session)
    assert [q.id for q in session.questions] == ["validate-command"]
    assert screen.question_widget.question.id == "validate-command"
    assert "1 flashcard is left out of this exam" in screen.hint_label.text()
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    assert [r.question_id for r in recorded(store, learner.id)] == ["validate-command"]


def test_time_running_out_while_the_leave_question_is_open(
    qtbot, bank, store, learner, monkeypatch
):
    now = [0.0]
    session = QuizSession(
        store, learner.id, bank, shuffle=False, time_limit=30, clock=lambda: now[0]
    )
    screen = make_screen(qtbot, session)
    events = []
    screen.session_finished.connect(lambda s: events.append("finished"))
    screen.session_left.connect(lambda: events.append("left"))

    def confirm():
        now[0] = 31.0
        with qtbot.waitSignal(screen.clock.timeout, timeout=2000):
            pass  # the screen's clock ticks while the dialog would be open
        return True

    monkeypatch.setattr(screen, "confirm_leave", confirm)
    press(qtbot, screen, Qt.Key.Key_Escape)
    assert events == ["finished"]
    assert session.timed_out and store.session(session.session_id).finished is not None


def test_abandon_session_closes_it_without_asking(qtbot, bank, store, learner, monkeypatch):
    session = QuizSession(store, learner.id, bank, shuffle=False, count=3)
    screen = make_screen(qtbot, session)
    monkeypatch.setattr(screen, "confirm_leave", lambda: pytest.fail("must not ask"))
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    screen.abandon_session()
    assert screen.session is None and screen.question_widget is None  # let go at once...
    written(qtbot, screen.context)  # ...and closed in the store on the writer thread
    assert session.abandoned
    assert store.session(session.session_id).finished is not None
    assert len(recorded(store, learner.id)) == 1


HOSTILE = """
title: "Hostile <b>bank</b>"
id: hostile
questions:
  - id: mc
    type: multiple_choice
    prompt: "Pick <script>alert(1)</script> <img src=http://example.com/x.png> ![x](http://example.com/y.png)"
    choices:
      - text: "<img src=http://example.com/a.png> A"
        feedback: "<script>bad()</script> feedback"
      - "B"
    answer: B
    explanation: "<iframe src=http://example.com></iframe> explained"
    source: "<b>paragraph</b> 1"
  - id: sa
    type: short_answer
    prompt: Type something.
    answers: [ok]
"""


def test_bank_html_and_typed_html_show_as_text_everywhere(qtbot, store, learner):
    from quizapp.core.loader import load_bank_text

    bank = load_bank_text(HOSTILE).bank
    assert bank is not None
    session = QuizSession(store, learner.id, bank, shuffle=False)
    screen = make_screen(qtbot, session)
    labels = [
        screen.question_widget.prompt_label,
        *screen.question_widget.findChildren(type(screen.question_widget.prompt_label)),
    ]
    shown = "".join(label.text() for label in labels)
    assert "&lt;script&gt;" in shown and "<script" not in shown
    assert "<img" not in shown and "<iframe" not in shown
    press(qtbot, screen, str(screen.question_widget.key_for(0)))
    press(qtbot, screen, Qt.Key.Key_Return)
    panel = "".join(lbl.text() for lbl in screen.feedback.findChildren(type(screen.title_label)))
    assert "&lt;script&gt;bad()" in panel and "<script" not in panel and "<iframe" not in panel
    press(qtbot, screen, Qt.Key.Key_Return)
    qtbot.keyClicks(focused(screen), "<b>typed</b>")
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Return)
    results = ResultsScreen()
    qtbot.addWidget(results)
    results.show_results(session)
    page = results.review.toHtml()
    for tag in ("<script", "<img", "<iframe", "<b>typed"):
        assert tag not in page
    text = results.review.toPlainText()
    assert "<b>typed</b>" in text  # the learner's own text, as typed
    assert "<script>bad()</script> feedback" in text


def test_starting_another_session_closes_the_open_one(qtbot, bank, store, learner):
    first = QuizSession(store, learner.id, bank, shuffle=False, count=3)
    screen = make_screen(qtbot, first)
    second = QuizSession(store, learner.id, bank, shuffle=False, count=2)
    screen.start(second)
    written(qtbot, screen.context)  # the first is closed on the writer thread
    assert first.abandoned and store.session(first.session_id).finished is not None
    assert screen.session is second and screen.question_widget.question is second.current
    assert screen.position_label.text() == "Question 1 of 2"


def test_choices_are_shown_shuffled_and_keys_follow_the_screen(qtbot, store, learner):
    from quizapp.core.loader import load_bank_text

    text = """
title: Shuffle
questions:
  - id: who
    type: multiple_choice
    prompt: Who is the U.S. Trade Representative?
    choices: [Kantor, Brown, Garten, Shapiro, Hashimoto]
    answer: Kantor
"""
    bank = load_bank_text(text).bank
    assert bank is not None
    orders = set()
    for attempt in range(8):
        session = QuizSession(store, learner.id, bank, seed=attempt)
        screen = make_screen(qtbot, session)
        widget = screen.question_widget
        on_screen = [button.accessibleName() for button in widget.buttons]
        orders.add(tuple(on_screen))
        # The learner reads the screen and presses the number beside "Kantor".
        press(qtbot, screen, str(on_screen.index("Kantor") + 1))
        press(qtbot, screen, Qt.Key.Key_Return)
        assert session.last_grade.correct
        row = recorded(store, learner.id)[-1]
        assert row.response == "Kantor" and row.shown == on_screen
        press(qtbot, screen, Qt.Key.Key_Return)
    assert len(orders) > 3  # a new order at each showing


def test_the_results_page_shows_the_choices_as_the_learner_saw_them(qtbot, store, learner):
    from quizapp.core.loader import load_bank_text

    text = """
title: Shuffle
questions:
  - id: who
    type: multiple_choice
    prompt: Who is the U.S. Trade Representative?
    choices: [Kantor, Brown, Garten, Shapiro]
    answer: Kantor
"""
    bank = load_bank_text(text).bank
    session = QuizSession(store, learner.id, bank, seed=4)
    screen = make_screen(qtbot, session)
    on_screen = [button.accessibleName() for button in screen.question_widget.buttons]
    press(qtbot, screen, str(on_screen.index("Brown") + 1))  # a wrong pick
    press(qtbot, screen, Qt.Key.Key_Return)
    with qtbot.waitSignal(screen.session_finished):
        press(qtbot, screen, Qt.Key.Key_Return)
    results = ResultsScreen()
    qtbot.addWidget(results)
    results.show()
    results.show_results(session)
    rows = results.entries[0].rows
    assert rows["shown"] == " · ".join(f"{n}\\. {t}" for n, t in enumerate(on_screen, start=1))
    assert rows["your_answer"] == f"{on_screen.index('Brown') + 1}\\. Brown"
    assert rows["expected"] == f"{on_screen.index('Kantor') + 1}\\. Kantor"
    page = results.review.toPlainText()
    assert "Choices shown" in page
    listed = " · ".join(f"{n}. {t}" for n, t in enumerate(on_screen, start=1))
    assert listed in page  # as text, not turned into a Markdown list
    assert f"Your answer\n{on_screen.index('Brown') + 1}. Brown" in page


def _fill_the_disk(store, learner, bank) -> None:
    """Make writes fail with SQLITE_FULL, as on a full disk: the database may not grow
    past the pages it has now, and answers fill the room left in them."""
    from quizapp.core.store import DiskFullError

    store._conn.execute(
        f"PRAGMA max_page_count={store._conn.execute('PRAGMA page_count').fetchone()[0]}"
    )
    filler = store.start_session(learner.id, bank, "practice")
    question = bank.questions[0]
    with pytest.raises(DiskFullError):
        for _ in range(10_000):
            store.record_answer(filler, question, response=0, correct=True, credit=1, seconds=1)


def test_a_full_disk_says_so_once_without_try_again_and_leaving_still_works(
    qtbot, bank, store, learner, monkeypatch
):
    ids = ["validate-command", "study-loop"]
    session = QuizSession(store, learner.id, bank, question_ids=ids, shuffle=False)
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    press(qtbot, screen, Qt.Key.Key_Return)  # the first answer is saved; on to the next
    _fill_the_disk(store, learner, bank)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)
    hint = screen.hint_label.text()
    assert "The disk is full: free some space; your earlier answers are safe." in hint
    assert "Try again" not in hint
    assert session.state == "asking" and not screen.feedback.isVisible()
    # Leaving works although the store cannot write the session's end. (Closing it is an
    # UPDATE in place, which max_page_count cannot make fail: the store says it here.)
    from quizapp.core.store import DISK_FULL_MESSAGE, DiskFullError

    def disk_full(*args, **kwargs):
        raise DiskFullError(DISK_FULL_MESSAGE)

    monkeypatch.setattr(store, "finish_session", disk_full)
    monkeypatch.setattr(screen, "confirm_leave", lambda: True)
    with qtbot.waitSignal(screen.session_left, timeout=1000):
        press(qtbot, screen, Qt.Key.Key_Escape)
    assert screen.session is None
    # ...and the earlier answer is there.
    assert [
        r.question_id for r in recorded(store, learner.id) if r.session_id == session.session_id
    ] == ["validate-command"]


def test_a_full_disk_after_the_last_answer_still_shows_the_results(
    qtbot, bank, store, learner, monkeypatch
):
    from quizapp.core.store import DISK_FULL_MESSAGE, DiskFullError

    session = QuizSession(store, learner.id, bank, question_ids=["validate-command"], shuffle=False)
    screen = make_screen(qtbot, session)
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)  # saved; feedback shown

    def disk_full(*args, **kwargs):
        # (an UPDATE in place needs no new page, so max_page_count cannot make this one fail)
        raise DiskFullError(DISK_FULL_MESSAGE)

    monkeypatch.setattr(store, "finish_session", disk_full)
    with qtbot.waitSignal(screen.session_finished, timeout=1000) as finished:
        press(qtbot, screen, Qt.Key.Key_Return)
    assert finished.args[0] is session and session.state == "finished"
    assert [
        r.correct for r in recorded(store, learner.id) if r.session_id == session.session_id
    ] == [True]


def test_the_next_question_is_built_while_the_feedback_is_read(qtbot, bank, store, learner):
    """Next only shows a widget built (hidden) after the feedback showed, in the order the
    session then asks it; taking the answer back throws that widget away."""
    session = QuizSession(store, learner.id, bank, mode="quiz")
    screen = make_screen(qtbot, session)
    first = session.current
    answer(qtbot, screen, True)
    press(qtbot, screen, Qt.Key.Key_Return)  # submit: the feedback shows
    assert session.state == "answered"
    qtbot.waitUntil(lambda: screen._next.prebuilt is not None)
    question, order, built = screen._next.prebuilt
    assert not built.isVisible() and built.question is question is not first
    press(qtbot, screen, Qt.Key.Key_Return)  # Next
    assert screen.question_widget is built and built.isVisible()
    assert session.current is question and session.arrangement == order
    # Answered again, the next one is built; Ctrl+Z takes the answer back instead of going on.
    answer(qtbot, screen, False)
    press(qtbot, screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen._next.prebuilt is not None)
    thrown_away = screen._next.prebuilt[2]
    destroyed = []
    thrown_away.destroyed.connect(lambda: destroyed.append(True))
    press(qtbot, screen, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.current is question and session.state == "asking"
    assert screen._next.prebuilt is None and screen.question_widget is not thrown_away
    qtbot.waitUntil(lambda: destroyed == [True])
    assert [r.question_id for r in recorded(store, learner.id)] == [first.id, question.id]


def test_a_number_that_cannot_be_read_is_asked_again_not_marked_wrong(
        qtbot, bank, store, learner):
    """'75 apples' (a word the question does not know): Enter says what to type and records
    nothing; '75' then is graded."""
    session = QuizSession(store, learner.id, bank, question_ids=["partial-credit-share"],
                          shuffle=False)
    screen = make_screen(qtbot, session)
    qtbot.keyClicks(focused(screen), "75 apples")
    press(qtbot, screen, Qt.Key.Key_Return)
    assert session.state == "asking"
    hint = screen.hint_label.text()
    assert screen.hint_label.isVisible() and "cannot be read as a number" in hint
    assert "percent" in hint
    assert recorded(store, learner.id) == []
    press(qtbot, screen, Qt.Key.Key_Return)  # a second Enter does not skip it either
    assert session.state == "asking" and recorded(store, learner.id) == []
    edit = focused(screen)
    edit.clear()
    qtbot.keyClicks(edit, "75")
    press(qtbot, screen, Qt.Key.Key_Return)
    assert session.state == "answered"
    rows = recorded(store, learner.id)
    assert len(rows) == 1 and rows[0].correct is True


def test_page_down_on_done_scrolls_the_review_of_every_question(qtbot, bank, store, learner):
    """The results open with the focus on Done, and PageDown there did nothing: the long
    review below the score was scrolled only from inside it, after a Tab the page did not
    ask for (the quiz and progress pages scroll with PageUp / PageDown wherever the
    focus is)."""
    session = QuizSession(store, learner.id, bank, shuffle=False, count=len(bank.questions))
    screen = make_screen(qtbot, session)
    while not session.finished:
        answer(qtbot, screen, False)
        press(qtbot, screen, Qt.Key.Key_Return)
        if not session.finished:
            press(qtbot, screen, Qt.Key.Key_Return)
    results = ResultsScreen()
    qtbot.addWidget(results)
    results.resize(700, 500)
    results.show()
    results.show_results(session)
    settled(qtbot, results)
    bar = results.review.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    assert focused(results) is results.done_button
    qtbot.keyClick(focused(results), Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(focused(results), Qt.Key.Key_PageUp)
    assert bar.value() == 0
    assert focused(results) is results.done_button  # the keys scroll; the focus stays
