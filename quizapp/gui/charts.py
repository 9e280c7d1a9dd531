"""Small helpers around Qt Charts (themed views, line and bar charts with tooltips), and
bank Markdown as one line of plain text for the statistics tables (their model is
gui/rows_model.py).

Charts take plain Python data (lists of numbers, dates and labels) so the screens stay
passive views over whatever the statistics queries return. The chart theme follows the
application palette: a dark window colour picks Qt's dark chart theme, and the chart
background is left transparent so the widget's own palette shows through.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QEvent, QMargins, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsSimpleTextItem,
    QSizePolicy,
    QToolTip,
    QWidget,
)

from quizapp.core.percent import percent_text
from quizapp.gui import chart_fit
from quizapp.gui.bar_labels import BarLabel, place_bar_labels

MAX_MARKED_POINTS = 60  # beyond this, point markers only clutter the line
SCORE_AXIS_TOP = 115.0  # room above a 100% bar for its label, inside the plot


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def chart_theme_for(palette: QPalette) -> QChart.ChartTheme:
    return (
        QChart.ChartTheme.ChartThemeDark if is_dark(palette) else QChart.ChartTheme.ChartThemeLight
    )


def series_color(index: int) -> QColor:
    """The theme's chart colour `index` (quizapp/gui/theme.py), for the app's palette."""
    from quizapp.gui.theme import theme_for_palette

    colours = theme_for_palette(QApplication.palette()).series
    return QColor(colours[index % len(colours)])


CHART_TITLE_SCALE = 1.2  # a chart's title against the app's text


def style_chart(chart: QChart, palette: QPalette, font: QFont | None = None) -> None:
    """Apply the palette to a chart and every axis it has (call again after adding axes),
    and, given the view's `font` (the app's text at its zoom), size the chart's text by it:
    a chart draws its own text, which the stylesheet's zoom never reaches."""
    # setTheme resets colours, fonts and brushes, so it goes first and only when it changes.
    # Light or dark as the application is: a view's own palette reads black where its
    # style sheet makes its background transparent, and each palette change it got (four
    # as a page is first shown) flipped its chart to dark and back, a setTheme and all
    # the styling after it each time.
    theme = chart_theme_for(QApplication.palette())
    if chart.theme() != theme:
        chart.setTheme(theme)
    text = palette.color(QPalette.ColorRole.WindowText)
    grid = QColor(palette.color(QPalette.ColorRole.Mid))
    grid.setAlpha(110)
    chart.setBackgroundVisible(False)
    chart.setBackgroundRoundness(0)
    chart.setPlotAreaBackgroundVisible(False)
    chart.setTitleBrush(QBrush(text))
    chart.legend().setLabelColor(text)
    chart.setMargins(QMargins(4, 4, 4, 4))
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setTitleBrush(QBrush(text))
        # 2 px, as the charts have always drawn their axes (in Qt's dark chart theme's
        # width, which their light or dark flips ended on; the light theme's is 1 px).
        line = QPen(grid)
        line.setWidthF(2.0)
        axis.setLinePen(line)
        axis.setGridLineColor(grid)
        axis.setShadesVisible(False)
    _recolor_series(chart, text)
    if font is not None:
        _size_text(chart, font)


def _size_text(chart: QChart, font: QFont) -> None:
    # The chart theme's own sizes are fixed; its text follows the view's font instead.
    title = QFont(font)
    title.setPointSizeF(font.pointSizeF() * CHART_TITLE_SCALE)
    title.setBold(True)
    chart.setTitleFont(title)
    chart.legend().setFont(font)
    for axis in chart.axes():
        axis.setLabelsFont(font)
        axis.setTitleFont(font)
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            for bar_set in series.barSets():
                bar_set.setLabelFont(font)


def _recolor_series(chart: QChart, text: QColor) -> None:
    # The theme overwrites series colours; put ours back so a bank keeps its colour.
    # A bar set may have its own colour (a bank's, in the score-per-session bars); value
    # labels written above bars are in the text colour, for contrast.
    for i, series in enumerate(chart.series()):
        color = series.property("quizappColor") or series_color(i)
        color = QColor(color)
        if isinstance(series, QLineSeries):
            pen = QPen(color)
            pen.setWidthF(2.5)
            series.setPen(pen)
        elif isinstance(series, QAbstractBarSeries):
            for bar_set in series.barSets():
                own = QColor(bar_set.property("quizappColor") or color)
                bar_set.setColor(own)
                bar_set.setBorderColor(own)
                bar_set.setLabelColor(text if series.isLabelsVisible() else own)


class ChartView(QChartView):
    """A QChartView that keeps its chart in step with the palette (light or dark)."""

    def __init__(self, title: str = "", parent: QWidget | None = None):
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setVisible(False)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(chart_fit.LEAST_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setStyleSheet("background: transparent")
        self.setAccessibleName(title or "chart")
        self.viewport().setAccessibleName(title or "chart")  # AT-SPI names the focus by it
        self._title = title
        # Values written above bars: (label, bar index, value, its series).
        self._bar_labels: list[BarLabel] = []
        # A category axis labelled on every step-th bar only where all do not fit (numbered
        # attempts at 800 px zoomed read "…" each): its labels (bar, text), the one always
        # kept, and the step they have now.
        self._thinned: tuple[QCategoryAxis, list[tuple[int, str]], int] | None = None
        self._axis_step = 0
        # A date axis and the most dates it shows, fewer where they would be cut.
        self._dated: tuple[QDateTimeAxis, int] | None = None
        chart.plotAreaChanged.connect(self._on_plot_area_changed)
        style_chart(chart, self.palette(), self.font())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            style_chart(self.chart(), self.palette(), self.font())
            self.fit_text()  # style_chart set the margins back
            self._style_bar_labels()
        elif event.type() == QEvent.Type.FontChange:  # a zoom (the stylesheet's text size)
            _size_text(self.chart(), self.font())
            self._axis_step = 0  # the labels' widths changed: as many fit again?
            self._thin_axis()
            self._fit_dates()
            self.fit_text()
            self._style_bar_labels()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        chart_fit.fit_title(self.chart(), self.width())

    def fit_text(self) -> None:
        """Room for the chart's text at its size now, once filled (gui/chart_fit.py)."""
        chart_fit.fit_margins(self.chart())
        chart_fit.fit_title(self.chart(), self.width())
        self.setMinimumHeight(max(chart_fit.LEAST_HEIGHT, chart_fit.height_needed(self.chart())))

    @property
    def bar_labels(self) -> list[QGraphicsSimpleTextItem]:
        """The values written above the bars, in bar order."""
        return [label for label, *_ in self._bar_labels]

    def label_bars(self, series: QAbstractBarSeries, values: Sequence[float],
                   texts: Sequence[str]) -> None:
        """Write texts[i] above bar i (of height values[i]), in the window's text colour on
        the chart's background, every bar: Qt's own labels left a 0% bar with no label (no
        bar either: the attempt looked missing), and put 100% inside the bar's top, dark
        on blue; and they print the value as it is (62.5%) where the app rounds (63%)."""
        self._clear_bar_labels()
        for index, (value, text) in enumerate(zip(values, texts, strict=True)):
            label = QGraphicsSimpleTextItem(text, self.chart())
            self._bar_labels.append((label, index, float(value), series))
        self._style_bar_labels()  # and placed

    def _style_bar_labels(self) -> None:
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for label, *_ in self._bar_labels:
            label.setBrush(QBrush(text))
            label.setFont(self.font())
        self._place_bar_labels()

    def _on_plot_area_changed(self, _area: QRectF) -> None:
        chart_fit.fit_margins(self.chart())  # the last labels' room depends on its width
        self._thin_axis()
        self._fit_dates()
        self._place_bar_labels()

    def thin_category_labels(self, axis: QCategoryAxis, labels: Sequence[str] | Mapping[int, str],
                             *, keep: int | None = None) -> None:
        """Label the bars of `axis` with `labels` (one a bar, or some bars' by index): all
        of them where they fit side by side, else every step-th one, counted from the
        label of bar `keep` (default: the last label, the newest attempt or today), the
        step chosen again as the plot is resized or zoomed ("Nov 15" read "Nov ..." at
        200%)."""
        ticks = sorted(labels.items() if isinstance(labels, Mapping) else enumerate(labels))
        bars = [bar for bar, _ in ticks]
        anchor = bars.index(keep) if keep in bars else len(ticks) - 1
        self._thinned = (axis, ticks, anchor)
        self._axis_step = 0
        self._thin_axis()

    def _thin_axis(self) -> None:
        if self._thinned is None:
            return
        axis, ticks, anchor = self._thinned
        chart = self.chart()
        width = chart.plotArea().width() + chart.margins().right() - chart_fit.MARGIN
        step = chart_fit.label_step(axis, ticks, anchor, width)
        if step != self._axis_step:
            self._axis_step = step
            chart_fit.label_every(axis, ticks, anchor, step)

    def fit_date_labels(self, axis: QDateTimeAxis, most: int) -> None:
        """Label `axis` with at most `most` dates, as many as its width holds whole."""
        self._dated = (axis, most)
        self._fit_dates()

    def _fit_dates(self) -> None:
        if self._dated is None:
            return
        axis, most = self._dated
        count = chart_fit.date_tick_count(axis, self.chart().plotArea().width(), most)
        if count != axis.tickCount():
            axis.setTickCount(count)

    def _place_bar_labels(self) -> None:
        place_bar_labels(self.chart(), self._bar_labels)

    def _clear_bar_labels(self) -> None:
        scene = self.chart().scene()
        for label, *_ in self._bar_labels:
            if scene is not None:
                scene.removeItem(label)  # back to Python, which deletes it
        self._bar_labels = []

    def clear(self) -> None:
        self._clear_bar_labels()
        self._thinned = None
        self._dated = None
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()


def _show_tooltip(text: str) -> None:
    QToolTip.showText(QCursor.pos(), text)


def _to_msecs(value: datetime | date) -> float:
    # Python's own epoch arithmetic: a QDateTime per point costs ~0.1 ms, which adds up
    # on a long history. Naive values are local time, as Qt's axis assumes too.
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(12, 0))
    return value.timestamp() * 1000.0


def _end_of_day_msecs(msecs: float) -> float:
    """The last millisecond of the local day `msecs` falls on (as the axis labels it)."""
    day = datetime.fromtimestamp(msecs / 1000.0).date()
    return datetime.combine(day, time(23, 59, 59, 999_000)).timestamp() * 1000.0


def fill_line_chart(
    view: ChartView,
    lines: Mapping[str, Sequence[tuple]],
    *,
    y_title: str = "",
    y_range: tuple[float, float] | None = (0.0, 100.0),
    tooltip: Callable[[str, tuple], str] | None = None,
) -> list[QLineSeries]:
    """One line per name over points (when, value, ...extra); tooltip(name, point) says it.

    Extra items in a point are only for the tooltip (e.g. how many quizzes it averages).
    """
    view.clear()
    chart = view.chart()
    fmt = tooltip or (lambda name, p: f"{name}\n{p[0]:%Y-%m-%d %H:%M}: {p[1]:.0f}")
    x_axis = QDateTimeAxis()
    x_axis.setFormat("MMM d")
    x_axis.setTickCount(6)
    y_axis = QValueAxis()
    y_axis.setLabelFormat("%d")
    if y_title:
        y_axis.setTitleText(y_title)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    out: list[QLineSeries] = []
    all_x: list[float] = []
    all_y: list[float] = []
    for i, (name, points) in enumerate(lines.items()):
        series = QLineSeries()
        series.setName(name)
        series.setProperty("quizappColor", series_color(i))
        series.setPointsVisible(len(points) <= MAX_MARKED_POINTS)
        xs = [_to_msecs(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        series.append([QPointF(x, y) for x, y in zip(xs, ys, strict=True)])
        all_x += xs
        all_y += ys

        def hovered(point: QPointF, state: bool, name=name, xs=xs, points=points) -> None:
            if not state or not xs:
                QToolTip.hideText()
                return
            nearest = min(range(len(xs)), key=lambda k: abs(xs[k] - point.x()))
            _show_tooltip(fmt(name, points[nearest]))

        series.hovered.connect(hovered)
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        out.append(series)
    if all_x:
        lo, hi = min(all_x), max(all_x)
        # Keep the first and last points off the frame; a lone day gets a day's width.
        pad = max((hi - lo) * 0.04, 0 if hi - lo >= 86_400_000 else 43_200_000)
        # The axis ends on the last day with data: its last label is that day (today, at
        # most), never a day to come ("Dec 8" on Nov 29, 4% of half a year past the end).
        lo, hi = lo - pad, min(hi + pad, _end_of_day_msecs(hi))
        x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(lo)), QDateTime.fromMSecsSinceEpoch(int(hi))
        )
        span_days = (hi - lo) / 86_400_000
        if span_days < 3:  # hours; short enough for 3 labels at 800 px (never elided)
            x_axis.setFormat("d MMM HH:mm")
            x_axis.setTickCount(3)
        elif span_days > 330:  # a month could come twice ("Nov 9" ... "Nov 17"): say the year
            x_axis.setFormat("MMM yyyy")
    if y_range is not None:
        y_axis.setRange(*y_range)
    elif all_y:
        y_axis.setRange(0, max(all_y) * 1.1 or 1)
        y_axis.applyNiceNumbers()
    chart.legend().setVisible(len(lines) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    style_chart(chart, view.palette(), view.font())
    view.fit_text()
    view.fit_date_labels(x_axis, x_axis.tickCount())
    return out


def fill_bar_chart(
    view: ChartView,
    categories: Sequence[str],
    values: Sequence[float],
    *,
    name: str = "",
    y_title: str = "",
    x_title: str = "",
    y_max: float | None = None,
    tooltip: Callable[[int], str] | None = None,
    ticks: dict[int, str] | None = None,
    color_index: int = 0,
    horizontal: bool = False,
    percent_labels: bool = False,
    tick_kept: int | None = None,
) -> QBarSet:
    """A single-set bar chart; the tooltip names the category and its value.

    ticks, when given, labels only those bars (index -> label): a month of days does not
    fit under the bars otherwise, and every bar keeps its own tooltip; where even they do
    not fit, every other one, say, always with the one of bar tick_kept (default: the last). horizontal puts the
    categories on the left (first at the bottom), where long labels have room.
    percent_labels: the values are percentages, each written at its bar's end (a 0% bar,
    which has no bar, still has its "0%"), on an axis of 0-100 with room for the labels.
    """
    view.clear()
    chart = view.chart()
    bar_set = QBarSet(name or view._title)
    bar_set.append([float(v) for v in values])
    bar_set.setProperty("quizappColor", series_color(color_index))
    fmt = tooltip or (lambda i: f"{categories[i]}: {values[i]:g}")

    def hovered(state: bool, index: int) -> None:
        if state and 0 <= index < len(values):
            _show_tooltip(fmt(index))
        else:
            QToolTip.hideText()

    bar_set.hovered.connect(hovered)
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.setProperty("quizappColor", series_color(color_index))
    series.append(bar_set)
    series.setBarWidth(0.8)
    chart.addSeries(series)
    x_axis: QBarCategoryAxis | QCategoryAxis
    if ticks is None:
        x_axis = QBarCategoryAxis()
        x_axis.append(_unique(list(categories)))
    else:
        # Bars too narrow for their own labels: a few labels on chosen bars' centres.
        tick_axis = QCategoryAxis()
        tick_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        tick_axis.setStartValue(-0.5)
        tick_axis.setRange(-0.5, len(categories) - 0.5)
        tick_axis.setGridLineVisible(False)
        x_axis = tick_axis
    if x_title:
        x_axis.setTitleText(x_title)
    y_axis = QValueAxis()
    top = max([float(v) for v in values] or [0.0])
    if percent_labels:
        _score_ticks(y_axis)
    elif y_max is not None:
        y_axis.setRange(0, y_max)
    elif all(float(v).is_integer() for v in values):
        _integer_ticks(y_axis, top)
    else:
        y_axis.setRange(0, max(top * 1.1, 1.0))
        y_axis.applyNiceNumbers()
    y_axis.setLabelFormat("%d")
    if y_title:
        y_axis.setTitleText(y_title)
    if horizontal:
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignBottom)
    else:
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    style_chart(chart, view.palette(), view.font())
    if isinstance(x_axis, QCategoryAxis) and ticks is not None:  # as many as fit
        view.thin_category_labels(x_axis, ticks, keep=tick_kept)
    view.fit_text()
    if percent_labels:
        view.label_bars(series, values, [percent_text(float(v) / 100) for v in values])
    return bar_set


def integer_step(top: float, most_ticks: int = 6) -> int:
    """The step between ticks of an axis of counts from 0 to `top`: a whole 1, 2 or 5 times
    a power of ten, so that at most `most_ticks` intervals cover it."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if top <= step * factor * most_ticks:
                return step * factor
        step *= 10


def _integer_ticks(axis: QValueAxis, top: float) -> None:
    """Counts on `axis`: ticks on whole numbers only, each once (with "%d" labels, ticks
    at 0.2, 0.4… read 0, 0, 1, 1), from 0 to the first whole step at or above `top`."""
    step = integer_step(top)
    end = max(step, -(-int(top) // step) * step)
    axis.setRange(0, end)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setMinorTickCount(0)


def _score_ticks(axis: QValueAxis) -> None:
    """Ticks 0 to 100 by 25, and room above 100 for a full score's label."""
    axis.setRange(0, SCORE_AXIS_TOP)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(25)


def fill_session_bars(
    view: ChartView,
    sessions: Sequence[tuple[str, datetime, float]],
    *,
    tooltip: Callable[[int], str],
    y_title: str = "",
) -> list[QBarSet]:
    """Score per session as bars, for a short history: sessions (bank name, when, score
    0..100) oldest first, one numbered bar each, one colour per bank (a legend when there
    are several). On day one a time axis would crowd every point into one spot; numbered
    bars say "1st try 40%, 2nd try 70%" at any width."""
    view.clear()
    chart = view.chart()
    names = list(dict.fromkeys(name for name, _, _ in sessions))
    # Several banks: stacked, so each bar (one session, one bank) stands on its own slot.
    series = QStackedBarSeries() if len(names) > 1 else QBarSeries()
    sets: list[QBarSet] = []
    for i, name in enumerate(names):
        bar_set = QBarSet(name)
        bar_set.append([score if bank == name else 0.0 for bank, _, score in sessions])
        bar_set.setProperty("quizappColor", series_color(i))
        bar_set.hovered.connect(
            lambda state, index: _show_tooltip(tooltip(index)) if state else QToolTip.hideText()
        )
        series.append(bar_set)
        sets.append(bar_set)
    series.setBarWidth(0.6)
    chart.addSeries(series)
    # Numbered on each bar's centre, as many as fit (see ChartView.thin_category_labels).
    x_axis = QCategoryAxis()
    x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    x_axis.setStartValue(-0.5)
    x_axis.setRange(-0.5, len(sessions) - 0.5)
    x_axis.setGridLineVisible(False)
    x_axis.setTitleText("attempt")
    y_axis = QValueAxis()
    _score_ticks(y_axis)
    y_axis.setLabelFormat("%d")
    if y_title:
        y_axis.setTitleText(y_title)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    chart.legend().setVisible(len(names) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    style_chart(chart, view.palette(), view.font())
    view.thin_category_labels(x_axis, [str(n) for n in range(1, len(sessions) + 1)])
    view.fit_text()
    # Each attempt's score above its bar, by the app's rounding (core/percent.py).
    scores = [score for _, _, score in sessions]
    view.label_bars(series, scores, [percent_text(score / 100) for score in scores])
    return sets


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>&])")
_MD_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MD_PATTERNS = (  # (a character that must be present, pattern, replacement)
    ("[", re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # link or image -> its text
    ("*", re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),  # strong
    ("_", re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),
    ("*", re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    ("_", re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    ("~", re.compile(r"~~(.+?)~~"), r"\1"),
    ("`", re.compile(r"`+([^`]*)`+"), r"\1"),  # code
    ("", re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.M), ""),  # blocks
    # Tables: the |---|---| rule goes, the outer pipes go, the inner ones part the cells.
    ("|", re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M), ""),
    ("|", re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.M), lambda m: _table_row(m.group(1))),
)


def _table_row(inside: str) -> str:
    """A Markdown table row as text: its cells parted by " · ", the row ended by ";"."""
    cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", inside)]
    return " · ".join(cells) + ";"


def plain_text(markdown: str) -> str:
    """Bank Markdown as one line of plain text for a table cell (marks dropped, not rendered).

    A regex pass, not Qt's Markdown parser: a 10,000-question table needs it to be cheap.
    The result is only ever shown as plain text, so any HTML in it shows as typed.
    """
    text = markdown or ""
    escaped: list[str] = []
    if "\\" in text:  # escaped marks are text: park them where no pattern sees them

        def park(m: re.Match) -> str:
            escaped.append(m.group(1))
            return f"\x00{len(escaped) - 1}\x00"

        text = _MD_ESCAPE.sub(park, text)
    for trigger, pattern, replacement in _MD_PATTERNS:
        if trigger in text:
            text = pattern.sub(replacement, text)
    if "&" in text:  # an entity ('&lt;b>', as the Moodle import writes '<b>') is its character
        text = _MD_ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    if escaped:
        text = re.sub("\x00(\\d+)\x00", lambda m: escaped[int(m.group(1))], text)
    return " ".join(text.split())


def elide(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unique(labels: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for label in labels:
        while label in seen:
            label += " "
        seen.add(label)
        out.append(label)
    return out

