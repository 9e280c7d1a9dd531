"""The progress screen over a real Store: charts, weakest questions, empty state, refresh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from gui_helpers import (
    learner_ids,
    make_context,
    store_with_history,
)
from PySide6.QtCharts import QAbstractBarSeries, QChart, QLineSeries
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from quizapp.core.percent import percent_text
from quizapp.core.store import Store
from quizapp.gui.chart_fit import plain_title
from quizapp.gui.charts import ChartView
from quizapp.gui.progress_charts import SCORE_NONE_TITLE
from quizapp.gui.progress_screen import EMPTY_MESSAGE, ProgressScreen


@pytest.fixture
def history(tmp_path, banks):
    """A context over a copy of the standard history (4 sessions per learner and bank)."""
    store = store_with_history(tmp_path / "history", banks)
    ctx = make_context(store, banks)
    yield ctx
    store.close()


@pytest.fixture
def context(tmp_path, banks):
    store = Store.open(tmp_path / "data")
    yield make_context(store, banks)
    store.close()


def open_screen(qtbot, context):
    screen = ProgressScreen(context)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
        screen.refresh()
    return screen


def bar_values(view) -> list[float]:
    (series,) = [s for s in view.chart().series() if isinstance(s, QAbstractBarSeries)]
    (bar_set,) = series.barSets()
    return [bar_set.at(i) for i in range(bar_set.count())]


def test_empty_store_says_what_to_do(qtbot, context):
    context.learner_id = context.store.create_learner("Newcomer").id
    screen = open_screen(qtbot, context)
    assert screen.pages.currentWidget() is screen.empty_label
    assert screen.empty_label.text() == EMPTY_MESSAGE
    assert "Take a quiz" in EMPTY_MESSAGE


def test_no_learner_asks_for_one(qtbot, context):
    screen = open_screen(qtbot, context)
    assert screen.pages.currentWidget() is screen.empty_label
    assert "learner" in screen.empty_label.text()


def score_names(screen) -> list[str]:
    """The banks the score chart shows: its lines, or its bar sets (few sessions)."""
    names = []
    for series in screen.score_chart.chart().series():
        if isinstance(series, QLineSeries):
            names.append(series.name())
        else:
            names += [bar_set.label() for bar_set in series.barSets()]
    return names


def test_charts_show_the_learners_history(qtbot, history, banks):
    context = history
    learners = learner_ids(context.store)
    context.learner_id = learners["Ben"]
    screen = open_screen(qtbot, context)
    assert screen.pages.currentIndex() == 1
    store = context.store

    # Few sessions (8): score per attempt as numbered bars, one colour (bar set) per bank,
    # each attempt's bar in its bank's set, oldest first; no time axis to crowd.
    chart = screen.score_chart.chart()
    assert chart.title() == "Score per attempt (%)"
    assert not [s for s in chart.series() if isinstance(s, QLineSeries)]
    (series,) = chart.series()
    bar_sets = {b.label(): b for b in series.barSets()}
    assert set(bar_sets) == {b.title for b in banks.values()}
    (x_axis,) = chart.axes(Qt.Orientation.Horizontal)
    # every attempt numbered where all fit (as many as fit: ChartView.thin_category_labels)
    qtbot.waitUntil(lambda: x_axis.categoriesLabels() == [str(n) for n in range(1, 9)])
    attempts = sorted(
        (p.finished, bank.title, p.score * 100)
        for bank in banks.values()
        for p in store.score_over_time(learners["Ben"], bank)
    )
    for slot, (_, title, score) in enumerate(attempts):
        assert bar_sets[title].at(slot) == pytest.approx(score)
        others = [b.at(slot) for name, b in bar_sets.items() if name != title]
        assert others == [0.0] * len(others)

    # Accuracy per tag over both banks.
    tag_series = screen.tag_chart.chart().series()[0]
    categories = screen.tag_chart.chart().axes(Qt.Orientation.Vertical)[0].categories()
    expected_tags = {}
    for bank in banks.values():
        for t in store.tag_accuracy(learners["Ben"], bank):
            a = expected_tags.setdefault(t.tag, [0, 0])
            a[0] += t.answers
            a[1] += t.correct
    assert sorted(c.strip() for c in categories) == sorted(expected_tags)
    values = dict(zip((c.strip() for c in categories), bar_values(screen.tag_chart), strict=True))
    for tag, (answers, correct) in expected_tags.items():
        assert values[tag] == pytest.approx(100 * correct / answers)
    assert tag_series.barSets()[0].count() == len(expected_tags)

    # Due over the next 30 days: every card of the learner is counted once.
    due = bar_values(screen.due_chart)
    assert len(due) == 30
    cards = sum(len(store.seen_question_ids(learners["Ben"], b)) for b in banks.values())
    assert sum(due) == cards

    # Answers per day: the last 30 days, summing to the answers in that window.
    activity = bar_values(screen.activity_chart)
    assert len(activity) == 30
    assert sum(activity) == sum(a for _, a, _, _ in screen.data.activity)
    assert sum(activity) > 0

    # Headline tiles.
    summaries = [store.bank_summary(learners["Ben"], b) for b in banks.values()]
    assert screen.tile_answers.value.text() == f"{sum(s.answers for s in summaries):,}"
    assert screen.tile_sessions.value.text() == str(sum(s.attempts for s in summaries))


def test_weakest_questions_and_practice_button(qtbot, history, banks):
    context = history
    learners = learner_ids(context.store)
    context.learner_id = learners["Chloé"]
    screen = open_screen(qtbot, context)
    model = screen.weak_model
    assert model.rowCount() > 0
    rows = screen.data.weakest
    # Lowest smoothed accuracy first; each row's numbers as shown.
    smoothed = [w.smoothed_accuracy for w in rows]
    assert smoothed == sorted(smoothed)
    for r, w in enumerate(rows):
        assert model.index(r, 3).data() == str(w.answers)
        assert model.index(r, 2).data() == percent_text(w.correct / w.answers)
        bank = banks[w.bank_id]
        assert bank.question(w.question_id) is not None
        assert model.index(r, 1).data() == bank.title

    with qtbot.waitSignal(screen.bank_practice_requested) as bank_signal:
        with qtbot.waitSignal(screen.practice_requested) as signal:
            qtbot.mouseClick(screen.practice_button, Qt.MouseButton.LeftButton)
    ids = signal.args[0]
    bank_id = bank_signal.args[0]
    assert bank_signal.args[1] == ids
    assert ids and ids[0] == rows[0].question_id
    assert all(banks[bank_id].question(q) is not None for q in ids)
    assert ids == [w.question_id for w in rows if w.bank_id == bank_id]


def test_bank_filter_shows_one_bank(qtbot, history, banks):
    context = history
    learners = learner_ids(context.store)
    context.learner_id = learners["Ana"]
    screen = open_screen(qtbot, context)
    tour = banks["tour"] if "tour" in banks else next(b for b in banks.values() if "tour" in b.id)
    index = screen.bank_combo.findData(tour.id)
    assert index > 0
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.bank_combo.setCurrentIndex(index)
        screen.bank_combo.activated.emit(index)
    assert score_names(screen) == [tour.title]
    summary = context.store.bank_summary(learners["Ana"], tour)
    assert screen.tile_answers.value.text() == f"{summary.answers:,}"
    assert all(w.bank_id == tour.id for w in screen.data.weakest)


def test_store_change_while_visible_refreshes(qtbot, context, banks):
    learner = context.store.create_learner("Eve")
    context.learner_id = learner.id
    screen = open_screen(qtbot, context)
    assert screen.pages.currentWidget() is screen.empty_label
    bank = next(iter(banks.values()))
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        sid = context.store.start_session(learner.id, bank, "quiz")
        context.store.record_answer(
            sid, bank.questions[0], response="x", correct=False, credit=0.0, seconds=5
        )
        context.store.finish_session(sid, 0.0)
    assert screen.pages.currentIndex() == 1
    assert screen.tile_answers.value.text() == "1"
    assert screen.data.weakest[0].question_id == bank.questions[0].id


def test_answers_with_no_finished_quiz_say_why_the_score_chart_is_empty(qtbot, context, banks):
    """A tester saw bare axes under "Score over time" after answering without finishing a
    quiz (th2.png): the chart now says there is no finished quiz yet."""
    learner = context.store.create_learner("Zoë")
    context.learner_id = learner.id
    bank = next(iter(banks.values()))
    sid = context.store.start_session(learner.id, bank, "quiz")  # answered, never finished
    context.store.record_answer(
        sid, bank.questions[0], response="x", correct=False, credit=0.0, seconds=5
    )
    screen = open_screen(qtbot, context)
    assert screen.pages.currentIndex() == 1  # the charts: there are answers
    # (a title too wide for the chart is broken onto two lines: chart_fit)
    assert plain_title(screen.score_chart.chart().title()) == SCORE_NONE_TITLE
    assert "no finished quiz yet" in plain_title(screen.score_chart.chart().title())


def test_hidden_screen_refreshes_when_shown(qtbot, context, banks):
    learner = context.store.create_learner("Finn")
    context.learner_id = learner.id
    screen = open_screen(qtbot, context)
    screen.hide()
    bank = next(iter(banks.values()))
    sid = context.store.start_session(learner.id, bank, "quiz")
    context.store.record_answer(
        sid, bank.questions[1], response="x", correct=True, credit=1.0, seconds=3
    )
    # Not re-queried while hidden: nothing is running or waiting to run, only marked stale.
    assert not context.operations.busy and not screen.redraw_rule.scheduled
    assert screen.redraw_rule.stale
    assert screen.pages.currentWidget() is screen.empty_label
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
    assert screen.tile_answers.value.text() == "1"


def test_query_failure_is_shown_not_raised(qtbot, context):
    def broken(*_args):
        raise RuntimeError("disk on fire")

    context.learner_id = 1
    screen = ProgressScreen(context, loader=broken)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.progress_failed, timeout=10000):
        screen.refresh()
    assert "disk on fire" in screen.empty_label.text()


def test_bank_not_studied_yet_stays_picked_and_says_so(qtbot, history, banks):
    context = history
    context.learner_id = learner_ids(context.store)["Ana"]
    screen = ProgressScreen(context)
    qtbot.addWidget(screen)
    screen.bank_combo.addItem("Unstudied", "never-studied")  # as SHELL does from the library
    screen.bank_combo.setCurrentIndex(screen.bank_combo.count() - 1)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
        screen.refresh()
    assert screen.bank_combo.currentData() == "never-studied"
    assert screen.pages.currentWidget() is screen.empty_label
    assert "never-studied" in screen.empty_label.text()
    assert "All banks" in screen.empty_label.text()


def test_show_then_refresh_runs_one_query(qtbot, history):
    from quizapp.gui.progress_data import load_progress

    calls = []

    def counting(*args):
        calls.append(args[1])
        return load_progress(*args)

    context = history
    context.learner_id = learner_ids(context.store)["Ben"]
    screen = ProgressScreen(context, loader=counting)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()  # as SHELL's main window does: show, then refresh()
        screen.refresh()
    QApplication.processEvents()  # what showing queued (showEvent's zero-delay check) runs
    # Nothing else is running or waiting to run: the screen asked once.
    assert not context.operations.busy and not screen.redraw_rule.scheduled
    assert calls == [context.learner_id]


def test_opens_on_the_library_bank_and_queries_once(qtbot, history, banks):
    from quizapp.gui.progress_data import load_progress

    calls = []

    def counting(store, learner_id, selected, *rest):
        calls.append(selected)
        return load_progress(store, learner_id, selected, *rest)

    context = history
    context.learner_id = learner_ids(context.store)["Ana"]
    context.bank_id = "tour"
    screen = ProgressScreen(context, loader=counting)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        # What the main window does: pick the bank in the selector, show, refresh().
        screen.bank_combo.setCurrentIndex(screen.bank_combo.findData("tour"))
        screen.show()
        screen.refresh()
    QApplication.processEvents()  # what showing queued (showEvent's zero-delay check) runs
    assert not context.operations.busy and not screen.redraw_rule.scheduled
    assert calls == ["tour"]
    assert screen.bank_combo.currentData() == "tour"
    assert score_names(screen) == [banks["tour"].title]


def test_charts_describe_their_numbers_and_time_per_day(qtbot, history):
    context = history
    context.learner_id = learner_ids(context.store)["Ben"]
    screen = open_screen(qtbot, context)
    data = screen.data
    assert f"{sum(a for _, a, _, _ in data.activity)} answers" in (
        screen.activity_chart.accessibleDescription()
    )
    assert "% right" in screen.tag_chart.accessibleDescription()
    assert f"{sum(c for _, c in data.due_per_day)} in the next 30 days" in (
        screen.due_chart.accessibleDescription()
    )
    assert "a day" in screen.tile_time.caption.text()
    assert f"over {data.study_days} days" in screen.tile_time.toolTip()


def test_long_score_histories_are_averaged_per_day_then_week():
    from quizapp.core.stats import ScorePoint
    from quizapp.gui.progress_charts import score_tooltip
    from quizapp.gui.progress_data import MAX_SCORE_POINTS, score_points

    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    few = [ScorePoint(i, start + timedelta(days=i), 0.5, "quiz") for i in range(5)]
    assert score_points(few) == [(p.finished, 50.0, 1) for p in few]
    assert "50%" in score_tooltip("Bank", score_points(few)[0])

    # Four quizzes a (local) day for 60 days: too many points, so one per day.
    morning = datetime(2026, 1, 5, 9, 0).astimezone()
    many = [
        ScorePoint(i, morning + timedelta(days=i // 4, hours=i % 4), i % 2, "quiz")
        for i in range(240)
    ]
    daily = score_points(many)
    assert len(daily) == 60
    assert all(n == 4 for _, _, n in daily)
    assert all(score == pytest.approx(50.0) for _, score, _ in daily)
    assert "on average over 4 quizzes" in score_tooltip("Bank", daily[0])

    # Years of daily quizzes: weekly averages, every quiz still counted once.
    years = [ScorePoint(i, start + timedelta(days=i), 1.0, "quiz") for i in range(3 * 365)]
    weekly = score_points(years)
    assert MAX_SCORE_POINTS >= len(weekly) > 100
    assert sum(n for _, _, n in weekly) == len(years)


def finish_a_quiz(store, learner_id: int, bank, when: datetime, score: float) -> None:
    """A quiz of one answer, finished at `when` with `score` (0 to 1), through the Store."""
    sid = store.start_session(learner_id, bank, "quiz", now=when)
    store.record_answer(sid, bank.questions[0], response="x", correct=score >= 0.5,
                        credit=score, seconds=5, now=when)
    store.finish_session(sid, score, now=when + timedelta(minutes=1))


def test_a_quiz_past_the_few_turns_the_score_bars_into_a_line(qtbot, context, banks):
    """Up to FEW_SESSIONS finished quizzes, one bar each, its score above it; the next
    quiz finished while the screen shows turns them into a line over time."""
    from quizapp.gui.progress_charts import FEW_SESSIONS, SCORE_BARS_TITLE, SCORE_LINE_TITLE

    learner = context.store.create_learner("Gus")
    context.learner_id = learner.id
    bank = next(iter(banks.values()))
    start = datetime.now(UTC) - timedelta(days=FEW_SESSIONS + 1)
    scores = [0.1 * (n % 10) for n in range(FEW_SESSIONS + 1)]
    for n, score in enumerate(scores[:FEW_SESSIONS]):
        finish_a_quiz(context.store, learner.id, bank, start + timedelta(days=n), score)
    screen = open_screen(qtbot, context)
    chart = screen.score_chart.chart()
    assert plain_title(chart.title()) == SCORE_BARS_TITLE
    (bars,) = chart.series()
    assert [bars.barSets()[0].at(i) for i in range(FEW_SESSIONS)] == pytest.approx(
        [100 * score for score in scores[:FEW_SESSIONS]])
    # Each bar says its score, as the app rounds it.
    assert [label.text() for label in screen.score_chart.bar_labels] == [
        percent_text(score) for score in scores[:FEW_SESSIONS]]

    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        finish_a_quiz(context.store, learner.id, bank, start + timedelta(days=FEW_SESSIONS),
                      scores[-1])
    assert plain_title(chart.title()) == SCORE_LINE_TITLE
    (line,) = chart.series()
    assert isinstance(line, QLineSeries)
    assert [point.y() for point in line.points()] == pytest.approx([100 * s for s in scores])
    assert screen.score_chart.bar_labels == []


class TurnLog(QObject):
    """What each event-loop turn did to the charts: a zero-interval timer marks each turn
    ("turn"), an application event filter each chart's layout ("laid out", once it holds
    a series) and each paint of its plot ("painted")."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.events: list[tuple[str, ChartView | None]] = []
        self._turns = QTimer(self)
        self._turns.setInterval(0)
        self._turns.timeout.connect(lambda: self.events.append(("turn", None)))
        QApplication.instance().installEventFilter(self)
        self._turns.start()

    def stop(self) -> None:
        self._turns.stop()
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LayoutRequest and isinstance(watched, QChart):
            if watched.series():
                (view,) = watched.scene().views()
                self.events.append(("laid out", view))
        elif event.type() == QEvent.Type.Paint and isinstance(watched.parent(), ChartView):
            self.events.append(("painted", watched.parent()))
        return False

    def painted_once_laid_out(self) -> set[ChartView]:
        """The charts painted since they were last laid out."""
        painted: set[ChartView] = set()
        for what, view in self.events:
            if what == "laid out":
                painted.discard(view)
            elif what == "painted":
                painted.add(view)
        return painted

    def turns(self) -> list[list[tuple[str, ChartView]]]:
        out: list[list[tuple[str, ChartView]]] = [[]]
        for what, view in self.events:
            if view is None:
                out.append([])
            else:
                out[-1].append((what, view))
        return [turn for turn in out if turn]


def test_no_turn_lays_out_a_filled_chart_and_paints_it(qtbot, history):
    """Filled in steps, a chart's fill and layout take one event-loop turn and its paint
    the next: the three in one turn were 11-15 ms of the GUI thread for the score chart
    at 1,000,000 answers (docs/performance.md, "every turn under 16 ms")."""
    history.learner_id = learner_ids(history.store)["Ben"]
    screen = ProgressScreen(history)
    qtbot.addWidget(screen)
    screen.resize(1200, 1400)  # every chart in sight
    log = TurnLog(screen)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
        screen.refresh()
    charts = set(screen.findChildren(ChartView))
    assert len(charts) == 4
    qtbot.waitUntil(lambda: log.painted_once_laid_out() == charts, timeout=5000)
    log.stop()
    turns = log.turns()
    assert {view for turn in turns for what, view in turn if what == "laid out"} == charts
    for turn in turns:
        both = {v for w, v in turn if w == "laid out"} & {v for w, v in turn if w == "painted"}
        assert not both, [view.chart().title() for view in both]


def test_zoom_grows_every_charts_text(qtbot, history):
    """Zoomed (the window's stylesheet sets the text size), a chart's title, axis labels
    and tag names kept their 100% size: a chart draws its own text, which the stylesheet
    never reaches; it now follows its view's font."""
    from quizapp.gui.charts import CHART_TITLE_SCALE, ChartView
    from quizapp.gui.theme import resolve, stylesheet_for

    history.learner_id = next(iter(learner_ids(history.store).values()))
    screen = open_screen(qtbot, history)
    charts = screen.findChildren(ChartView)
    drawn = [view for view in charts if view.chart().series()]
    assert drawn and all(view.chart().axes() for view in drawn)
    base_pt = screen.font().pointSizeF()
    for zoom in (1.5, 1.0):
        text_pt = base_pt * zoom
        screen.setStyleSheet(stylesheet_for(resolve("light"), text_pt, zoomed=zoom != 1.0))
        for view in charts:
            chart = view.chart()
            assert chart.titleFont().pointSizeF() == pytest.approx(
                text_pt * CHART_TITLE_SCALE, abs=0.1)
            assert chart.titleFont().bold()
            for axis in chart.axes():  # the weak topics' tag names are an axis's labels
                assert axis.labelsFont().pointSizeF() == pytest.approx(text_pt, abs=0.1)
                assert axis.titleFont().pointSizeF() == pytest.approx(text_pt, abs=0.1)


def axis_labels(view) -> tuple[list[str], float]:
    """(the chart's axis texts not shown whole, cut short ("Nov ...", "...") or hidden
    for want of room; the right edge of the rightmost label). Its label items reach Python
    as bare QGraphicsItems, without their text: a label is told from other items by its
    height, a line's, and its text by its width. The legend is left out: two long bank
    names side by side are cut short at any zoom in a narrow view."""
    from PySide6.QtCharts import QBarCategoryAxis, QCategoryAxis, QValueAxis
    from PySide6.QtWidgets import QGraphicsTextItem

    probe = QGraphicsTextItem()
    probe.setFont(view.chart().axes()[0].labelsFont())
    probe.document().setDocumentMargin(1)  # Qt Charts' margin round a label's text

    def width(text: str) -> float:
        probe.setPlainText(text)
        return round(probe.boundingRect().width(), 1)

    texts: list[str] = []
    for axis in view.chart().axes():
        if axis.titleText():
            texts.append(axis.titleText())
        if isinstance(axis, QCategoryAxis):
            texts += axis.categoriesLabels()
        elif isinstance(axis, QBarCategoryAxis):
            texts += axis.categories()
        elif isinstance(axis, QValueAxis):  # whole numbers ("%d") every tick interval
            step = axis.tickInterval() or 1
            texts += [str(n) for n in range(int(axis.min()), int(axis.max()) + 1, int(step))]
    probe.setPlainText("...")
    line = probe.boundingRect().height()
    legend = view.chart().legend()
    legend_area = legend.sceneBoundingRect() if legend.isVisible() else None
    shown: set[float] = set()
    right = 0.0
    for item in view.scene().items():
        if type(item).__name__ != "QGraphicsItem" or not item.isVisible():
            continue
        if legend_area is not None and legend_area.contains(item.sceneBoundingRect()):
            continue
        box = item.boundingRect()
        if abs(box.height() - line) > 0.5:
            continue  # not a label
        shown.add(round(box.width(), 1))
        right = max(right, item.sceneBoundingRect().right())
    return [text for text in texts if width(text) not in shown], right


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_every_charts_labels_stay_whole_at_every_zoom(qtbot, open_main_window, tmp_path,
                                                      banks, size):
    """Zoomed to 150% and beyond, every tag of "Accuracy per tag" and the counts of
    "Answers per day" and "Cards due" read "..." (Qt Charts elides a vertical axis's labels
    taller than their share of its height), "today" lost its last letter at the edge, and
    at 200% the days read "Nov ..."; the charts are now as tall as their labels need (the
    page scrolls), keep room for the last label, and label fewer days where all do not
    fit. Zoomed with View > Zoom, from the least size to the most, as a learner does."""
    from quizapp.gui.charts import ChartView
    from quizapp.gui.theme import ZOOM_STEPS

    store = store_with_history(tmp_path / "data", banks)
    store.set_last_learner(next(iter(learner_ids(store).values())))
    store.close()
    win = open_main_window()
    win.resize(*size)
    screen = win.screen_named("progress")
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        win.progress_action.trigger()  # Ctrl+P
    charts = [view for view in screen.findChildren(ChartView) if view.chart().series()]
    assert len(charts) == 4
    while win.appearance.zoom > ZOOM_STEPS[0]:
        win.view_actions["zoom_out"].trigger()  # Ctrl+-
    for zoom in ZOOM_STEPS:
        while win.appearance.zoom < zoom:
            win.view_actions["zoom_in"].trigger()  # Ctrl+=
        for view in charts:
            # Laid out again (its labels, thinned, are placed at the next layout): every
            # label whole, and inside the view, none cut at its right edge ("toda").
            def whole(view=view) -> bool:
                not_whole, right = axis_labels(view)
                return (view.height() >= view.minimumHeight() and not not_whole
                        and right <= view.chart().size().width())

            try:
                qtbot.waitUntil(whole, timeout=3000)
            except qtbot.TimeoutError:
                pytest.fail(f"{view.chart().title()} at {zoom:.0%}: labels not whole, "
                            f"rightmost edge: {axis_labels(view)}")


def test_weakest_questions_texts_are_looked_up_off_the_gui_thread(qtbot, history, banks,
                                                                   monkeypatch):
    """Finding a weak question's text in its bank walks the bank (10 lookups in a bank of
    10,000 questions took 5-7 ms of the screen's fill on the GUI thread): the reader thread
    looks them up with the numbers, and the GUI thread only shows them."""
    import threading

    from quizapp.core.flashcard_session import what_it_asks
    from quizapp.core.model import Bank
    from quizapp.gui.charts import elide, plain_text

    looked_up_on: list[threading.Thread] = []
    question = Bank.question

    def recording_question(self, question_id):
        looked_up_on.append(threading.current_thread())
        return question(self, question_id)

    monkeypatch.setattr(Bank, "question", recording_question)
    context = history
    context.learner_id = learner_ids(context.store)["Chloé"]
    screen = open_screen(qtbot, context)
    rows = screen.data.weakest
    assert rows
    for r, w in enumerate(rows):
        expected = elide(plain_text(what_it_asks(question(banks[w.bank_id], w.question_id))))
        assert screen.weak_model.index(r, 0).data() == expected
    assert looked_up_on  # the texts were looked up, on the reader thread only
    assert threading.main_thread() not in looked_up_on


def test_many_tags_chart_only_the_weakest(qtbot, history):
    """A bank of 400 tags drew 400 bars with 400 value labels, each placed against every
    other: 0.5 s to fill and 0.2 s per relayout on the GUI thread (a 620 px chart), in a
    chart grown hundreds of bars tall. The chart shows the weakest MAX_TAG_BARS tags and
    says how many there are in all."""
    from dataclasses import replace

    from quizapp.gui.progress_charts import MAX_TAG_BARS
    from quizapp.gui.progress_data import load_progress

    many = [(f"topic {n:03d}", 100, (n * 37) % 101) for n in range(400)]

    def with_many_tags(*args):
        return replace(load_progress(*args), tag_accuracy=many)

    context = history
    context.learner_id = learner_ids(context.store)["Ben"]
    screen = ProgressScreen(context, loader=with_many_tags)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
        screen.refresh()
    categories = [
        c.strip() for c in screen.tag_chart.chart().axes(Qt.Orientation.Vertical)[0].categories()
    ]
    assert len(categories) == MAX_TAG_BARS == len(bar_values(screen.tag_chart))
    weakest = sorted(many, key=lambda t: (t[2] / t[1], t[0]))[:MAX_TAG_BARS]
    assert set(categories) == {tag for tag, _, _ in weakest}
    assert categories[-1] == weakest[0][0]  # the weakest on top
    assert f"{MAX_TAG_BARS} weakest of 400" in plain_title(screen.tag_chart.chart().title())
