"""Room for a chart's own text at any zoom (gui/charts.py, ChartView.fit_text).

Qt Charts writes "..." for a label it finds no room for, and zooming (View > Zoom, up to
200%) makes the text grow in a chart laid out for smaller text:
- a vertical axis gives each label a slot of its height over its labels, less 8 px of
  padding, and elides every label taller than that: all the tags of "Accuracy per tag"
  and the counts of "Answers per day" read "..." at 150-175% (verticalaxis.cpp);
- a label on the last bar of a horizontal axis ("today") is centred on it, so half of it
  lies beyond the plot, cut at the view's edge ("toda") unless the chart's margin holds it;
- the title is cut to the view's width ("Answers per day, last 30 d...").
- the labels of a horizontal category axis get the room between them ("Nov 15" read
  "Nov ..." at 200%).
- so do the dates of a date axis ("Score over time" over two years read "N... Ja... A..."
  at 800 px and 200%): it shows fewer dates, as many as fit whole.
The view is made tall enough for its vertical labels (the page scrolls), the right margin
wide enough for the last label, a horizontal axis labels every other tick (or fewer)
where they do not fit side by side, and a title too wide is broken into two lines.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QCategoryAxis,
    QChart,
    QDateTimeAxis,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from quizapp.gui.bar_labels import LABEL_GAP

LEAST_HEIGHT = 220  # a chart view's height at the least; more where its labels need it
MARGIN = 4  # the chart's own margin on each side (style_chart)
LABEL_PADDING = 4  # Qt Charts' padding above and below each label (ChartAxisElement)
TEXT_MARGIN = 1  # Qt Charts' document margin round each label's text (ChartPresenter)
SLACK = 2  # pixels a label's slot keeps beyond its text, against rounding


def label_line(font: QFont) -> float:
    """The height Qt Charts measures a one-line label at: the line and its text margin."""
    return QFontMetricsF(font).height() + 2 * TEXT_MARGIN


def label_slots(axis: QAbstractAxis) -> int:
    """How many slots Qt Charts shares a vertical axis's height among (its layout)."""
    if isinstance(axis, QBarCategoryAxis):
        return axis.count() + 1  # the bars' edges
    if isinstance(axis, QCategoryAxis):
        return axis.count() + 1
    if isinstance(axis, QValueAxis):
        span = axis.max() - axis.min()
        if axis.tickType() == QValueAxis.TickType.TicksDynamic and axis.tickInterval() > 0:
            return math.floor(span / axis.tickInterval() + 1e-9) + 1
        return axis.tickCount()
    return 2


def plot_height_needed(chart: QChart) -> float:
    """The plot height at which no label of a vertical axis is elided for want of height,
    and, on a percent axis with room above 100 (charts.SCORE_AXIS_TOP), a 100% bar's value
    fits above it inside the plot."""
    needed = 0.0
    for axis in chart.axes(Qt.Orientation.Vertical):
        line = label_line(axis.labelsFont())
        needed = max(needed, label_slots(axis) * (line + 2 * LABEL_PADDING + SLACK))
        if isinstance(axis, QValueAxis) and axis.min() == 0 and 100 < axis.max() < 200:
            room = (axis.max() - 100) / axis.max()  # the plot's share above 100
            needed = max(needed, (line + LABEL_GAP + SLACK) / room)
    return needed


def height_around_plot(chart: QChart) -> float:
    """The chart's height outside its plot: margins, the title, the horizontal axes'
    labels and titles, a legend below (estimated from the fonts, as they are now: after a
    zoom the chart is laid out again only later)."""
    title = chart.title()
    lines = title.count("<br>") + 1 if title else 0
    title_line = label_line(chart.titleFont())
    # and the space Qt Charts leaves round the title and the plot (measured: 16 px and
    # half a title line, at every zoom)
    height = 2 * MARGIN + lines * title_line + 16 + title_line / 2
    for axis in chart.axes(Qt.Orientation.Horizontal):
        height += label_line(axis.labelsFont()) + 2 * LABEL_PADDING
        if axis.titleText():
            height += label_line(axis.titleFont()) + 2 * LABEL_PADDING
    if chart.legend().isVisible():
        height += label_line(chart.legend().font()) + 12
    return height


def right_margin(chart: QChart) -> int:
    """Room at the right for what lies beyond the plot of a label centred on a bar near
    the end of a category axis ("today" on the last day, "Dec 28" on the one before)."""
    room = 0.0
    plot_width = chart.plotArea().width()
    for axis in chart.axes(Qt.Orientation.Horizontal):
        if not isinstance(axis, QCategoryAxis) or axis.count() == 0:
            continue
        span = axis.max() - axis.min()
        metrics = QFontMetricsF(axis.labelsFont())
        for label in axis.categoriesLabels():
            # before the first layout the plot's width is unknown: as if on the last bar
            inside = (axis.max() - axis.endValue(label)) / span * plot_width if span > 0 else 0
            beyond = metrics.horizontalAdvance(label) / 2 + TEXT_MARGIN + SLACK - inside
            room = max(room, beyond)
    return max(MARGIN, math.ceil(room))


def label_step(axis: QCategoryAxis, ticks: list[tuple[int, str]], anchor: int,
               plot_width: float) -> int:
    """Label every step-th of the ticks (bar, text) of a horizontal axis, counted from
    ticks[anchor]: the least step at which their texts stand apart and each fits the
    width Qt Charts gives every label of the axis, its width over its labels and one, less
    8 px of padding (horizontalaxis.cpp; a text of one character it never cuts). 1 before
    the first layout. plot_width: the plot's width at the least right margin."""
    if plot_width <= 0 or not ticks:
        return 1
    metrics = QFontMetricsF(axis.labelsFont())
    widest = max(metrics.horizontalAdvance(text) for _, text in ticks)
    needed = widest + metrics.averageCharWidth()  # and a gap that reads as one
    cut_short = max(len(text) for _, text in ticks) > 1
    # The right margin grows for the last label kept, which narrows the plot: the step is
    # chosen for the plot as narrow as any label could make it, so that it stays put.
    plot_width -= widest / 2
    bars = max(bar for bar, _ in ticks) + 1
    nearest = min((b - a for (a, _), (b, _) in zip(ticks, ticks[1:], strict=False)),
                  default=1)
    for step in range(1, len(ticks) + 1):
        apart = plot_width / bars * nearest * step >= needed
        kept = sum(1 for number in range(len(ticks)) if (number - anchor) % step == 0)
        whole = (not cut_short or plot_width / (kept + 1) - 2 * LABEL_PADDING
                 >= widest + 2 * TEXT_MARGIN + SLACK)
        if apart and whole:
            return step
    return len(ticks)


def date_tick_count(axis: QDateTimeAxis, plot_width: float, most: int) -> int:
    """How many evenly spaced dates (at most `most`, at least 2) a date axis can label
    whole: Qt Charts gives each of n labels the plot's width over n - 1, less 8 px of
    padding, and cuts a longer one ("N..." for "Nov 2024" six times over 236 px at 200%);
    two, at the plot's ends, it never cuts. `most` before the first layout."""
    if plot_width <= 0:
        return most
    metrics = QFontMetricsF(axis.labelsFont())
    first, last, fmt = axis.min(), axis.max(), axis.format()
    span = first.msecsTo(last)
    for count in range(most, 2, -1):
        texts = [first.addMSecs(span * k // (count - 1)).toString(fmt) for k in range(count)]
        widest = max(metrics.horizontalAdvance(text) for text in texts)
        if plot_width / (count - 1) - 2 * LABEL_PADDING >= widest + 2 * TEXT_MARGIN + SLACK:
            return count
    return min(most, 2)


def label_every(axis: QCategoryAxis, ticks: list[tuple[int, str]], anchor: int,
                step: int) -> None:
    """Label the axis with every step-th tick, counted from ticks[anchor]."""
    start, end = axis.min(), axis.max()
    for old in axis.categoriesLabels():
        axis.remove(old)
    for number, (bar, text) in enumerate(ticks):
        if (number - anchor) % step == 0:
            axis.append(text, float(bar))
    axis.setRange(start, end)


def fit_margins(chart: QChart) -> None:
    """The right margin right_margin() asks, set when it differs by more than a pixel (it
    depends on the plot's width, which it changes: so each change is a small one)."""
    right = right_margin(chart)
    if abs(chart.margins().right() - right) > 1 or chart.margins().left() != MARGIN:
        chart.setMargins(QMargins(MARGIN, MARGIN, right, MARGIN))


def fitted_title(title: str, font: QFont, width: float) -> str:
    """The title as one line where it fits in `width`, else broken at the space nearest
    its middle (HTML: Qt Charts lays a title out as rich text). `title` is plain text."""
    if not title or QFontMetricsF(font).horizontalAdvance(title) + 2 * MARGIN <= width:
        return html.escape(title, quote=False) if title else title
    spaces = [i for i, ch in enumerate(title) if ch == " "]
    if not spaces:
        return html.escape(title, quote=False)
    cut = min(spaces, key=lambda i: abs(i - len(title) / 2))
    return (html.escape(title[:cut], quote=False) + "<br>"
            + html.escape(title[cut + 1:], quote=False))


def height_needed(chart: QChart) -> int:
    """The view's height at which no vertical axis's label is elided."""
    return math.ceil(plot_height_needed(chart) + height_around_plot(chart))


def fit_title(chart: QChart, width: float) -> None:
    """The chart's title in one line, or two where one does not fit in `width`."""
    title = chart.title()
    fitted = fitted_title(plain_title(title), chart.titleFont(), width)
    if fitted != title:
        chart.setTitle(fitted)


def plain_title(title: str) -> str:
    """A title as fitted_title gave it, back to its plain text."""
    return html.unescape(title.replace("<br>", " "))
