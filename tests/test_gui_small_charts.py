"""Bar charts write a value or a number only where it fits: at 800x600 zoomed with 11
attempts the scores above the bars ran into each other ("100%100%100%") and the attempts'
numbers under them read "…". The tag accuracy bars have their values too, a 0% tag its
"0%" (it has no bar: it looked missing)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from quizapp.gui.bar_labels import bar_rect
from quizapp.gui.charts import ChartView, fill_bar_chart, fill_session_bars


def _shown(view: ChartView):
    return [label for label in view.bar_labels if label.isVisible()]


def _numbers_apart(view: ChartView) -> bool:
    """The attempts numbered under the bars are a slot apart at least as wide as the widest
    number and a gap, the newest ("12") among them."""
    (axis,) = view.chart().axes(Qt.Orientation.Horizontal)
    shown = [int(text) for text in axis.categoriesLabels()]
    slot = view.chart().plotArea().width() / 12
    metrics = QFontMetricsF(axis.labelsFont())
    room = metrics.horizontalAdvance("12") + metrics.averageCharWidth()
    return shown[-1] == 12 and all((b - a) * slot >= room for a, b in zip(shown, shown[1:], strict=False))


def _chart(qtbot, width: int, zoom: float = 1.0) -> ChartView:
    view = ChartView("Score per attempt (%)")
    qtbot.addWidget(view)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * zoom)
    view.setFont(font)
    view.resize(width, 300)
    view.show()
    qtbot.waitExposed(view)
    start = datetime(2026, 11, 1, 9)
    fill_session_bars(view, [("Bank", start + timedelta(hours=i), 100.0) for i in range(12)],
                      tooltip=str)
    return view


def _apart(view: ChartView) -> bool:
    rects = [label.sceneBoundingRect() for label in _shown(view)]
    return all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


def test_score_labels_and_attempt_numbers_show_only_where_they_fit(qtbot):
    narrow = _chart(qtbot, 380, zoom=2.0)
    qtbot.waitUntil(lambda: 0 < len(_shown(narrow)) < 12 and _apart(narrow))
    assert _shown(narrow)[-1] is narrow.bar_labels[-1]  # the newest attempt has its score
    right = narrow.chart().size().width()
    assert all(label.sceneBoundingRect().right() <= right for label in _shown(narrow))
    (axis,) = narrow.chart().axes(Qt.Orientation.Horizontal)
    assert _numbers_apart(narrow) and len(axis.categoriesLabels()) < 12

    wide = _chart(qtbot, 1280)
    qtbot.waitUntil(lambda: len(_shown(wide)) == 12)
    assert _apart(wide) and _numbers_apart(wide)
    (axis,) = wide.chart().axes(Qt.Orientation.Horizontal)
    assert axis.categoriesLabels() == [str(n) for n in range(1, 13)]


def test_tag_accuracy_bars_are_labelled_even_at_zero(qtbot):
    view = ChartView("Accuracy by tag (%)")
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    fill_bar_chart(view, ["never right", "half", "always"], [0.0, 50.0, 100.0],
                   horizontal=True, percent_labels=True)
    assert [label.text() for label in view.bar_labels] == ["0%", "50%", "100%"]
    qtbot.waitUntil(lambda: len(_shown(view)) == 3)
    plot = view.chart().plotArea()
    for label in view.bar_labels:  # beside its bar's end, inside the plot
        box = label.sceneBoundingRect()
        assert plot.left() <= box.left() and box.right() <= plot.right() + 1


def test_a_value_is_not_written_under_the_next_bar(qtbot):
    view = ChartView("Score per attempt (%)")
    qtbot.addWidget(view)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 2)  # zoomed
    view.setFont(font)
    view.resize(300, 300)
    view.show()
    qtbot.waitExposed(view)
    start = datetime(2026, 11, 1, 9)
    scores = [35.0, 100.0, 40.0, 50.0, 4.0, 100.0, 63.0, 100.0]
    fill_session_bars(view, [("Bank", start + timedelta(hours=i), s) for i, s in enumerate(scores)],
                      tooltip=str)
    (series,) = view.chart().series()

    def clear_of_other_bars() -> bool:
        bars = [bar_rect(view.chart(), i, s, series) for i, s in enumerate(scores)]
        return all(not label.sceneBoundingRect().intersects(bar)
                   for n, label in enumerate(view.bar_labels) if label.isVisible()
                   for i, bar in enumerate(bars) if i != n)

    qtbot.waitUntil(lambda: view.chart().plotArea().width() > 0 and clear_of_other_bars())
    assert _shown(view) and _shown(view)[-1] is view.bar_labels[-1]
    assert len(_shown(view)) < len(scores)  # at 300 px zoomed not every value fits
