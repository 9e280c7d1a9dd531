"""The dates under "Score over time" as drawn, in a window of 800x600 zoomed to 200%: a
tester saw two years of attempts labelled "N... Ja... A... Ju... S... D..." (six labels
of "MMM yyyy" asked for, whatever the room). Real keys: Ctrl+= zooms, Ctrl+P opens
Progress."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gui_helpers import drawn_labels, library_small_and_zoomed
from PySide6.QtCore import Qt

from quizapp.gui.charts import ChartView, fill_line_chart
from quizapp.gui.theme import ZOOM_STEPS

BANK = """\
title: Two years
id: years
questions:
  - id: q1
    type: true_false
    prompt: The sky is blue.
    answer: true
"""


def test_two_years_of_scores_are_dated_without_cut_labels(qtbot, open_library_window, tmp_path):
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "years.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(folder)
    store, learner = win.context.store, win.context.learner_id
    bank = win.context.library.bank("years")
    start = datetime(2024, 12, 1, 9, 0, tzinfo=UTC)
    for month in range(24):  # an attempt a month for two years: a line, not bars
        when = start + timedelta(days=30.5 * month)
        session = store.start_session(learner, bank, "quiz", now=when)
        store.record_answer(session, bank.questions[0], response=True, correct=month % 2 == 0,
                            credit=1, seconds=3, now=when)
        store.finish_session(session, 1.0 if month % 2 == 0 else 0.0, now=when)
    tree = library_small_and_zoomed(qtbot, win, "Two years")
    assert win.appearance.zoom == max(ZOOM_STEPS)  # 200%
    screen = win.screen_named("progress")
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        qtbot.keyClick(tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    view = screen.score_chart
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.chart().plotArea().width() > 0)

    def dates() -> list[str]:
        return [t for t in drawn_labels(view) if any(c.isalpha() for c in t)
                and t != view.chart().axes(Qt.Orientation.Vertical)[0].titleText()
                and "Score" not in t and "time" not in t]

    def whole() -> None:  # once the chart is laid out again after its last change
        labels = dates()
        assert len(labels) >= 2, labels
        assert not [t for t in labels if "…" in t or "..." in t], labels
        assert any("2025" in t or "2026" in t for t in labels), labels

    qtbot.waitUntil(whole, timeout=5000)


def test_a_year_and_a_bit_of_scores_says_which_year(qtbot):
    # Attempts from Nov 9 last year to early this November: "Nov 9 ... Dec 8" named two
    # Novembers and two Decembers of different years alike.
    view = ChartView("Score over time (%)")
    qtbot.addWidget(view)
    view.resize(640, 320)
    start = datetime(2025, 11, 9, 12, 0)
    fill_line_chart(view, {"Bank": [(start + timedelta(days=d), 50.0) for d in range(360)]})
    view.show()
    qtbot.waitExposed(view)

    def dated() -> None:
        labels = [t for t in drawn_labels(view) if t[:3].isalpha() and t != "score %"
                  and "Score" not in t]
        assert len(labels) >= 2, labels
        assert all(t[-4:] in ("2025", "2026") for t in labels), labels

    qtbot.waitUntil(dated, timeout=5000)
