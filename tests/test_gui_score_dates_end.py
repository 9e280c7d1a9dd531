"""The score chart's date axis ends on the last day with data (today at most): a tester
saw it end on "Dec 8" on Nov 29, the range padded by 4% of half a year past the last
attempt. Real keys: Ctrl+P opens Progress; the labels are read as drawn."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gui_helpers import drawn_labels
from helpers import library_rows
from PySide6.QtCore import QDate, Qt

BANK = """\
title: Half a year
id: half
questions:
  - id: q1
    type: true_false
    prompt: The sky is blue.
    answer: true
"""


def day_label(day: QDate) -> str:
    return day.toString("MMM d")  # the axis's format for a span of days


def test_the_date_axis_ends_on_the_last_day_with_scores(qtbot, open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "half.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(folder)
    store, learner = win.context.store, win.context.learner_id
    bank = win.context.library.bank("half")
    last = datetime.now(UTC) - timedelta(minutes=1)
    for days_ago in range(200, -1, -10):  # an attempt every ten days, the last just now
        when = last - timedelta(days=days_ago)
        session = store.start_session(learner, bank, "quiz", now=when)
        store.record_answer(session, bank.questions[0], response=True, correct=True,
                            credit=1, seconds=3, now=when)
        store.finish_session(session, 1.0, now=when)
    win.resize(1000, 700)
    tree = win.library_screen.tree
    tree.setCurrentItem(library_rows(win)["Half a year"])
    tree.setFocus()
    screen = win.screen_named("progress")
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        qtbot.keyClick(tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    view = screen.score_chart
    qtbot.waitExposed(view)
    last_day = QDate.fromString(last.astimezone().date().isoformat(), Qt.DateFormat.ISODate)
    to_come = {day_label(last_day.addDays(n)) for n in range(1, 31)}

    def ends_on_the_last_day() -> None:
        labels = drawn_labels(view)
        assert day_label(last_day) in labels, labels
        assert not to_come & set(labels), labels

    qtbot.waitUntil(ends_on_the_last_day, timeout=5000)
