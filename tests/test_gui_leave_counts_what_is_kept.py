"""The Leave question counts the answers that are kept. Found by an outside tester:

- with a quiz open, `quizapp restore` in a terminal brought back a backup made before the
  last answers; Esc then said "Your 2 answers are saved", though `quizapp results` had one.
  It now counts what the results file holds, and says that the others are gone; Ctrl+Z
  on the answer gone said "it still counts", and now says it counts nowhere;
- in an exam, an answer changed and still being saved (Ctrl+Q meanwhile) did not count as
  the change it is: the earlier answer, taken back once the change is written, went
  unmentioned.
"""

from __future__ import annotations

import os
import subprocess
import sys

from gui_helpers import answer, quiz_started_by_key, submit_held, timed_exam_started_by_key
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton


def _quizapp(tmp_path, *args: str) -> str:
    """quizapp in a process of its own, as a learner runs it in a terminal."""
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", *args], capture_output=True, text=True, timeout=120,
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _leave_question_read(qtbot, win, key_target, *, activate: bool) -> str:
    """Press Esc (Ctrl+Q, a window's shortcut, when the quiz is busy saving: `activate`
    the window first) and read the Leave question; Stay."""
    said: list[str] = []

    def read_and_stay() -> None:
        box = next((w for w in QApplication.topLevelWidgets()
                    if w.objectName() == "leave_confirmation" and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(50, read_and_stay)
            return
        said.append(box.findChild(QLabel, "qt_msgbox_informativelabel").text())
        box.findChild(QPushButton, "stay").click()

    if activate:
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
    QTimer.singleShot(0, read_and_stay)
    key_target()
    qtbot.waitUntil(lambda: said != [], timeout=5000)
    return said[0]


def _answered(qtbot, quiz) -> None:
    """Answer the question shown rightly, by its key, and Enter; wait for the feedback."""
    answer(qtbot, quiz, True)
    qtbot.keyClick(quiz.focusWidget() or quiz, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not quiz.busy and quiz.feedback.isVisible(), timeout=10000)


def test_leave_after_a_restore_counts_the_answers_the_file_still_holds(
        qtbot, open_library_window, tmp_path, monkeypatch):
    win = quiz_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch)
    quiz = win.screen_named("quiz")
    data = str(win.context.store.path.parent)
    _answered(qtbot, quiz)
    backup = tmp_path / "after-one-answer.sqlite3"
    _quizapp(tmp_path, "backup", "--to", str(backup), "--data-dir", data)
    qtbot.keyClick(quiz.focusWidget() or quiz, Qt.Key.Key_Return)  # the next question
    qtbot.waitUntil(lambda: not quiz.feedback.isVisible(), timeout=10000)
    _answered(qtbot, quiz)
    _quizapp(tmp_path, "restore", str(backup), "--data-dir", data)
    results = _quizapp(tmp_path, "results", "--data-dir", data)
    assert len(results.splitlines()) == 1 + 1  # the header and the one answer kept

    said = _leave_question_read(
        qtbot, win, lambda: qtbot.keyClick(quiz.focusWidget() or quiz, Qt.Key.Key_Escape),
        activate=False)
    assert said.startswith(
        "1 answer you gave here is no longer in the record: a backup of your answers made"
        " before it was restored meanwhile. Your answer is saved and counts"), said
    assert "2 answers" not in said
    assert quiz.session is not None  # Stay: the quiz goes on

    qtbot.keyClick(quiz.focusWidget() or quiz, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not quiz.busy and quiz.hint_label.text() != "", timeout=10000)
    assert quiz.hint_label.text() == (
        "Your answer could not be taken back: it is no longer in the record (a backup of"
        " your answers made before it was restored meanwhile), so it counts nowhere.")


def test_ctrl_q_while_a_changed_exam_answer_is_saved_counts_the_change(
        qtbot, open_library_window, tmp_path, monkeypatch):
    now = [1000.0]
    win = timed_exam_started_by_key(qtbot, open_library_window, tmp_path, monkeypatch, now)
    quiz = win.screen_named("quiz")
    answer(qtbot, quiz, True)
    qtbot.keyClick(quiz.focusWidget() or quiz, Qt.Key.Key_Return)  # saved; the next shows
    qtbot.waitUntil(lambda: not quiz.busy and quiz.question_widget.question.id == "grass",
                    timeout=10000)
    listing = quiz.exam_panel.question_list
    rect = listing.visualItemRect(listing.item(0))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: quiz.question_widget.question.id == "sky", timeout=5000)
    answer(qtbot, quiz, False)  # the other choice: the answer changed
    release = submit_held(qtbot, quiz, monkeypatch)
    try:
        said = _leave_question_read(qtbot, win, lambda: qtbot.keyClick(
            quiz.focusWidget() or quiz, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
            activate=True)
    finally:
        release.set()
    qtbot.waitUntil(lambda: not quiz.busy, timeout=10000)
    assert said.startswith("Your answer is kept and counts"), said
    assert ("The earlier answer you changed stays in the record, marked as taken back, and"
            " counts nowhere.") in said, said
    assert "still being saved" in said
