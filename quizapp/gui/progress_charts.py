"""The progress screen's four charts (gui/progress_screen.py), each filled from the
ProgressData the reader thread gave (gui/progress_data.py): scores over time, accuracy per
tag, answers per day, cards due. The screen fills them a step each (one an event-loop turn).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from quizapp.core.percent import percent_text
from quizapp.core.plural import counted
from quizapp.gui.charts import ChartView, fill_bar_chart, fill_line_chart, fill_session_bars
from quizapp.gui.day_labels import day_label, long_day, weekly_ticks
from quizapp.gui.progress_data import ACTIVITY_DAYS, DUE_DAYS, ProgressData

MAX_TAG_BARS = 40  # the weakest tags charted (the chart grows a bar's height for each)
# Up to this many finished sessions, scores show as one bar per attempt: on the first days
# a time axis crowds every point into one spot with long, elided date labels.
FEW_SESSIONS = 12
SCORE_LINE_TITLE = "Score over time (%)"
SCORE_BARS_TITLE = "Score per attempt (%)"
SCORE_NONE_TITLE = "Score over time: no finished quiz yet"  # not bare axes with no word
TAG_TITLE = "Accuracy per tag (%)"
DUE_TITLE = f"Cards due, next {DUE_DAYS} days"
ACTIVITY_TITLE = f"Answers per day, last {ACTIVITY_DAYS} days"
# The charts' titles before they are filled, in the order ProgressScreen._charts holds them.
CHART_TITLES = (SCORE_LINE_TITLE, TAG_TITLE, ACTIVITY_TITLE, DUE_TITLE)


def score_tooltip(name: str, point: tuple[datetime, float, int]) -> str:
    when, score, n = point
    local = when.astimezone() if when.tzinfo else when
    if n == 1:
        return f"{name}\n{local:%a %d %b %Y, %H:%M}: {percent_text(score / 100)}"
    return f"{name}\n{local:%a %d %b %Y}: {percent_text(score / 100)} on average over {n} quizzes"


def tag_chart_title(tags: int) -> str:
    """The tag chart's title, saying when it shows only the weakest of the tags."""
    if tags <= MAX_TAG_BARS:
        return TAG_TITLE
    return f"{TAG_TITLE}: the {MAX_TAG_BARS} weakest of {tags}"


def format_duration(seconds: float) -> str:
    minutes = int(round(seconds / 60))
    if seconds < 60:
        return f"{seconds:.0f} s"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def fill_scores(view: ChartView, data: ProgressData, bank_title: Callable[[str], str]) -> None:
    """The score chart: each bank's line (its title from `bank_title`), or bars."""
    lines = {bank_title(b): pts for b, pts in data.scores.items() if pts}
    fill_score_chart(view, lines)
    view.setAccessibleDescription(
        "; ".join(
            f"{name}: {len(points)} points, latest {percent_text(points[-1][1] / 100)}"
            for name, points in lines.items()
        )
        or "No finished quizzes yet"
    )


def fill_tags(view: ChartView, data: ProgressData) -> None:
    """The tag chart: accuracy per tag, the weakest MAX_TAG_BARS."""
    # Horizontal bars, weakest tag on top (a horizontal chart draws its first bar lowest),
    # the weakest MAX_TAG_BARS only: 400 bars took 0.5 s to fill and 0.2 s to lay out
    # again at every resize, in a chart hundreds of bars tall.
    weakest_first = sorted(data.tag_accuracy, key=lambda t: (t[2] / t[1] if t[1] else 0.0, t[0]))
    tags = weakest_first[:MAX_TAG_BARS][::-1]
    view.chart().setTitle(tag_chart_title(len(weakest_first)))
    tag_names = [t for t, _, _ in tags] or ["(no tags)"]
    tag_values = [100.0 * c / a if a else 0.0 for _, a, c in tags] or [0.0]
    fill_bar_chart(
        view,
        tag_names,
        tag_values,
        name="accuracy",
        percent_labels=bool(tags),  # not "0%" on "(no tags)"
        y_max=None if tags else 100.0,  # a percent axis still (it read 0 to 1)
        tooltip=lambda i: (
            f"{tags[i][0]}: {percent_text(tag_values[i] / 100)} right ({tags[i][2]} of {tags[i][1]} answers)"
            if tags
            else "No tagged questions"
        ),
        color_index=2,
        horizontal=True,
    )
    view.setAccessibleDescription(
        ", ".join(f"{t}: {percent_text(c / a)} right" for t, a, c in reversed(tags) if a)
        or "No tagged questions answered yet"
    )


def fill_due(view: ChartView, data: ProgressData) -> None:
    """Cards due on each of the next DUE_DAYS days."""
    due_days = [d for d, _ in data.due_per_day]
    due_counts = [c for _, c in data.due_per_day]
    fill_bar_chart(
        view,
        [day_label(d) for d in due_days],
        due_counts,
        name="due",
        tooltip=lambda i: (
            f"{long_day(due_days[i], i)}: {counted(due_counts[i], 'card')} due"
            + (" (includes overdue)" if i == 0 else "")
        ),
        ticks=weekly_ticks(due_days, "today"),
        tick_kept=0,  # today's
        color_index=1,
    )
    view.setAccessibleDescription(
        f"{due_counts[0] if due_counts else 0} cards due today, {sum(due_counts)} in the"
        f" next {len(due_counts)} days"
    )


def fill_activity(view: ChartView, data: ProgressData) -> None:
    """Answers on each of the last ACTIVITY_DAYS days."""
    today = data.due_per_day[0][0] if data.due_per_day else date.today()
    by_day = {d: (a, c, s) for d, a, c, s in data.activity}
    days = [today - timedelta(days=ACTIVITY_DAYS - 1 - i) for i in range(ACTIVITY_DAYS)]
    counts = [by_day.get(d, (0, 0, 0.0))[0] for d in days]

    def activity_tip(i: int) -> str:
        a, c, s = by_day.get(days[i], (0, 0, 0.0))
        if not a:
            return f"{days[i]:%a %d %b}: no answers"
        return f"{days[i]:%a %d %b}: {a} answers, {c} right, {format_duration(s)}"

    fill_bar_chart(
        view,
        [day_label(d) for d in days],
        counts,
        name="answers",
        tooltip=activity_tip,
        ticks=weekly_ticks(days, "today", from_end=True),
        color_index=0,
    )
    view.setAccessibleDescription(
        f"{sum(counts)} answers in the last {len(counts)} days, on"
        f" {sum(1 for a in counts if a)} of them"
    )


def fill_score_chart(view: ChartView, lines: dict[str, list[tuple[datetime, float, int]]]) -> None:
    """Score per attempt as bars with few sessions, else score over time as lines."""
    sessions = sorted(
        ((name, when, score) for name, points in lines.items() for when, score, _ in points),
        key=lambda s: s[1],
    )
    if 0 < len(sessions) <= FEW_SESSIONS:
        view.chart().setTitle(SCORE_BARS_TITLE)
        fill_session_bars(
            view,
            sessions,
            tooltip=lambda i: score_tooltip(
                sessions[i][0], (sessions[i][1], sessions[i][2], 1)
            ).replace("\n", f", attempt {i + 1}\n"),
            y_title="score %",
        )
        return
    view.chart().setTitle(SCORE_LINE_TITLE if sessions else SCORE_NONE_TITLE)
    fill_line_chart(view, lines, y_title="score %", tooltip=score_tooltip)
