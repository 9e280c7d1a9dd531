"""A score reads the same wherever it shows, and every attempt's bar says its score.

A tester saw the library write 62% where the progress chart wrote 62.5% (5 of 8); a 0%
attempt with no bar and no label, as if missing; "100%" dark on the blue bar's top; and
Progress reopening scrolled down where it was left, the summary tiles out of sight.
Quizzes are answered by keys; Progress is opened with Ctrl+P, the library with Ctrl+L."""

from __future__ import annotations

from gui_helpers import answer, press, settled
from helpers import counted, library_rows
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog

from quizapp.core.percent import percent_text, whole_percent
from quizapp.gui import quiz_setup
from quizapp.gui.library_rows import BEST, LAST

EIGHT = "title: Eight\nid: eight\nquestions:\n" + "".join(
    f"  - id: q{n}\n    type: true_false\n    prompt: Statement number {n} is true.\n"
    f"    answer: true\n" for n in range(8))


def test_one_rounding_rule_whole_percents_halves_up():
    assert [percent_text(s) for s in (5 / 8, 3 / 8, 1 / 3, 2 / 3, 0.145, 0.0, 1.0)] == [
        "63%", "38%", "33%", "67%", "15%", "0%", "100%"]
    assert percent_text(None) == "–"
    assert whole_percent(0.995) == 100 and whole_percent(0.994) == 99


def take_quiz(qtbot, win, right: int) -> None:
    """Q on the bank's row, all 8 questions, the first `right` answered right, by keys;
    Done on the results goes back to the library."""
    tree = win.library_screen.tree
    tree.setCurrentItem(library_rows(win)["Eight"])
    tree.setFocus()
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(tree, Qt.Key.Key_Q)
    win.activateWindow()  # offscreen, no window manager hands it back after the dialog
    qtbot.waitUntil(win.isActiveWindow)
    quiz = win.screen_named("quiz")
    answered = 0
    while win.current_screen_name() == "quiz":
        answer(qtbot, quiz, answered < right)
        answered += 1
        press(qtbot, quiz, Qt.Key.Key_Return)  # submit
        press(qtbot, quiz, Qt.Key.Key_Return)  # on
    assert answered == 8
    results = win.screen_named("results")
    settled(qtbot, results)
    assert results.score_label.text() == percent_text(right / 8)
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(results.focusWidget() or results, Qt.Key.Key_Return)  # Done
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)


def ctrl(qtbot, win, key):
    with qtbot.waitSignal(win.screen_changed, timeout=10000):
        qtbot.keyClick(win, key, Qt.KeyboardModifier.ControlModifier)


def progress_by_ctrl_p(qtbot, win):
    ctrl(qtbot, win, Qt.Key.Key_P)
    progress = win.screen_named("progress")
    # Read and filled: the page shows from the fill's first step, its charts in later ones.
    qtbot.waitUntil(lambda: not progress._loading and progress.pages.currentIndex() == 1
                    and not progress.filling, timeout=10000)
    return progress


def test_scores_read_the_same_everywhere_and_every_bar_is_labelled(
        qtbot, open_library_window, tmp_path, monkeypatch):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "eight.yaml").write_text(EIGHT, encoding="utf-8")
    win = open_library_window(folder)
    win.resize(1280, 800)
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    for right in (5, 0, 8):  # 62.5%, 0%, 100%
        take_quiz(qtbot, win, right)
    counted(qtbot, win)  # the library counts on the reader thread
    row = library_rows(win)["Eight"]
    assert (row.text(BEST), row.text(LAST)) == ("100%", "100%")

    progress = progress_by_ctrl_p(qtbot, win)
    view = progress.score_chart
    chart = view.chart()
    labels = view.bar_labels
    assert [label.text() for label in labels] == ["63%", "0%", "100%"]  # as the library rounds
    (series,) = chart.series()
    plot = chart.plotArea()
    text_colour = view.palette().color(QPalette.ColorRole.WindowText)
    for index, (label, score) in enumerate(zip(labels, (62.5, 0.0, 100.0), strict=True)):
        box = label.mapRectToItem(chart, label.boundingRect())
        bar_top = chart.mapToPosition(QPointF(index, score), series).y()
        assert label.isVisible() and label.brush().color() == text_colour
        # Above its bar (the 0% one on the axis), on the background, whole inside the plot.
        assert box.bottom() <= bar_top and box.top() >= plot.top(), label.text()
        assert box.left() >= plot.left() and box.right() <= plot.right(), label.text()
    assert view.accessibleDescription().endswith("latest 100%")


def test_progress_opens_at_its_top_again(qtbot, open_library_window, tmp_path, monkeypatch):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "eight.yaml").write_text(EIGHT, encoding="utf-8")
    win = open_library_window(folder)
    win.resize(800, 600)  # the page is taller than the window
    monkeypatch.setattr(quiz_setup.QuizSetupDialog, "exec",
                        lambda self: QDialog.DialogCode.Accepted)
    take_quiz(qtbot, win, 5)
    progress = progress_by_ctrl_p(qtbot, win)
    page = progress.pages.currentWidget()
    bar = page.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    for _ in range(3):
        qtbot.keyClick(progress.focusWidget() or progress, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    ctrl(qtbot, win, Qt.Key.Key_L)
    progress = progress_by_ctrl_p(qtbot, win)
    assert bar.value() == 0
    tile = progress.tile_answers
    assert tile.mapTo(page.viewport(), tile.rect().topLeft()).y() >= 0  # in sight
