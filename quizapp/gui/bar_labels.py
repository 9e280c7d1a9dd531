"""Where the values written on a bar chart go (gui/charts.py, ChartView.label_bars): above
each bar (right of it, on horizontal bars), and only where one fits."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QAbstractBarSeries, QChart, QHorizontalBarSeries
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsSimpleTextItem

LABEL_GAP = 3  # pixels between a bar's top and the value written above it

# A value written on a chart: its text item, its bar's index and height, the bar's series.
BarLabel = tuple[QGraphicsSimpleTextItem, int, float, QAbstractBarSeries]


def place_bar_labels(chart: QChart, labels: Sequence[BarLabel]) -> None:
    """Each value above its bar, where it fits: a label that would touch a value already
    placed or another bar is hidden ("100%100%100%", "35%" under the next bar, at 800 px
    zoomed), placed from the last bar back, so the newest attempt always has its value;
    inside the plot sideways (the last "100%" was cut at the view's edge)."""
    plot = chart.plotArea()
    bars = [bar_rect(chart, index, value, series) for _label, index, value, series in labels]
    placed: list[QRectF] = []
    for number in range(len(labels) - 1, -1, -1):
        label, index, value, series = labels[number]
        box = label.boundingRect()
        if isinstance(series, QHorizontalBarSeries):
            end = chart.mapToPosition(QPointF(value, index), series)
            label.setPos(end.x() + LABEL_GAP, end.y() - box.height() / 2)
        else:
            top = chart.mapToPosition(QPointF(index, value), series)
            x = max(plot.left(), min(top.x() - box.width() / 2, plot.right() - box.width()))
            label.setPos(x, top.y() - box.height() - LABEL_GAP)
        room = label.sceneBoundingRect().adjusted(-LABEL_GAP, 0, LABEL_GAP, 0)
        fits = not any(room.intersects(other) for other in placed) and not any(
            room.intersects(bar) for other, bar in enumerate(bars) if other != number)
        label.setVisible(fits)
        if fits:
            placed.append(room)


def bar_rect(chart: QChart, index: int, value: float, series: QAbstractBarSeries) -> QRectF:
    """Where bar `index` (of height `value`) is drawn, in the chart's coordinates."""
    half = series.barWidth() / 2
    if isinstance(series, QHorizontalBarSeries):
        corners = (QPointF(0.0, index - half), QPointF(value, index + half))
    else:
        corners = (QPointF(index - half, value), QPointF(index + half, 0.0))
    first, second = (chart.mapToPosition(corner, series) for corner in corners)
    return QRectF(first, second).normalized()
