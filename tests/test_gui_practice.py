"""Practice through the real quiz screen: a wrong answer comes back until it is right."""

from __future__ import annotations

from gui_helpers import answer, make_screen, press, recorded
from PySide6.QtCore import Qt

from quizapp.core.session import QuizSession
from quizapp.gui.results_screen import ResultsScreen


def test_a_wrong_answer_comes_back_until_right(qtbot, bank, store, learner):  # noqa: F811
    ids = ["validate-command", "no-raw-html", "file-extension"]
    session = QuizSession(store, learner.id, bank, mode="practice", question_ids=ids, shuffle=False)
    screen = make_screen(qtbot, session)
    assert screen.title_label.text().startswith("Practice:")
    plan = {
        "validate-command": [False, False, True],
        "no-raw-html": [True],
        "file-extension": [False, True],
    }
    asked = []
    while screen.session is not None:
        q = session.current
        asked.append(q.id)
        right = plan[q.id].pop(0)
        answer(qtbot, screen, right)
        press(qtbot, screen, Qt.Key.Key_Return)
        assert screen.feedback.isVisible()  # practice gives feedback at once
        assert screen.position_label.text() == f"Question {session.position} of {session.total}"
        press(qtbot, screen, Qt.Key.Key_Return)
        assert len(asked) < 10
    assert asked == [
        "validate-command",
        "no-raw-html",
        "file-extension",
        "validate-command",
        "file-extension",
        "validate-command",
    ]
    rows = recorded(store, learner.id)
    assert [(r.question_id, r.correct) for r in rows] == [
        ("validate-command", False),
        ("no-raw-html", True),
        ("file-extension", False),
        ("validate-command", False),
        ("file-extension", True),
        ("validate-command", True),
    ]
    assert {r.mode for r in rows} == {"practice"}
    assert store.session(session.session_id).finished is not None
    # the score is about first attempts; the results show the tries
    results = ResultsScreen()
    qtbot.addWidget(results)
    results.show_results(session)
    assert results.score_label.text() == "33%"
    assert sorted(session.mistakes) == ["file-extension", "validate-command"]
    first = results.entries[0]
    assert first.result.question.id == "validate-command" and first.result.attempts == 3
    assert "Wrong" in first.verdict


def test_review_my_mistakes_runs_a_practice_over_the_mistakes(qtbot, bank, store, learner):  # noqa: F811
    ids = ["validate-command", "no-raw-html", "spaced-repetition"]
    quiz = QuizSession(store, learner.id, bank, question_ids=ids, shuffle=False)
    screen = make_screen(qtbot, quiz)
    for right in (False, True, False):
        answer(qtbot, screen, right)
        press(qtbot, screen, Qt.Key.Key_Return)
        press(qtbot, screen, Qt.Key.Key_Return)
    results = ResultsScreen()
    qtbot.addWidget(results)
    results.show()
    results.show_results(quiz)
    requested = []
    # what SHELL does with the signal: a review session on the same screen
    results.mistakes_review_requested.connect(lambda s: requested.append(s.review_session()))
    results.mistakes_button.click()
    review = requested[0]
    assert review.mode == "review"
    screen.start(review)
    assert screen.title_label.text().startswith("Review:")
    asked = []
    plan = {"validate-command": [True], "spaced-repetition": [False, True]}
    while screen.session is not None:
        q = review.current
        asked.append(q.id)
        answer(qtbot, screen, plan[q.id].pop(0))
        press(qtbot, screen, Qt.Key.Key_Return)
        press(qtbot, screen, Qt.Key.Key_Return)
    assert asked == ["validate-command", "spaced-repetition", "spaced-repetition"]
    review_rows = [r for r in recorded(store, learner.id) if r.session_id == review.session_id]
    assert [(r.question_id, r.correct) for r in review_rows] == [
        ("validate-command", True),
        ("spaced-repetition", False),
        ("spaced-repetition", True),
    ]
    results.show_results(review)  # its score shows, said to be no attempt
    assert results.score_label.text() == "50%"
    assert "a review of your mistakes is not an attempt" in results.summary_label.text()
    assert store.session(review.session_id).score is None
