"""The learner's progress: scores over time, accuracy per tag, weakest questions, what is due.

The screen is a passive view. `refresh()` runs `load_progress` (gui/progress_data.py: plain
Python over the Store's public statistics methods) as a QueryOp on the reader thread (gui.stats_screen);
when the result arrives the charts and tables are filled, a part an event-loop turn
(gui/step_by_step.py), and `progress_loaded` fires with the last part. Another learner's or
bank's numbers are never shown meanwhile: the page says "Loading…", and a fill the learner
leaves half done is dropped (it reads again when the screen is shown). While
the screen is visible, a store change to its learner's answers, cards, sessions or learner
record triggers a refresh; while hidden it only marks it stale, and the refresh when it is
shown again picks that up (StatsScreen.showEvent).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.percent import percent_text
from quizapp.core.plural import counted
from quizapp.gui.changes import Changes
from quizapp.gui.charts import ChartView
from quizapp.gui.days_recount import days_message
from quizapp.gui.due_now import DueNowWatch
from quizapp.gui.notices import behind_note
from quizapp.gui.progress_charts import (
    ACTIVITY_TITLE,
    CHART_TITLES,
    DUE_TITLE,
    SCORE_LINE_TITLE,
    TAG_TITLE,
    fill_activity,
    fill_due,
    fill_scores,
    fill_tags,
    format_duration,
)
from quizapp.gui.progress_data import (
    ALL_BANKS,
    ProgressData,
    load_progress,
)
from quizapp.gui.rows_model import Cell, RowsModel
from quizapp.gui.screen_fit import NoTallerThanPage
from quizapp.gui.scroll_focus import scroll_with_the_focus
from quizapp.gui.shrinking_combo import ShrinkingCombo
from quizapp.gui.stats_screen import StatsScreen
from quizapp.gui.step_by_step import StepByStep
from quizapp.gui.theme import scale_text
from quizapp.gui.wrap_row import WrapRow

if TYPE_CHECKING:
    from quizapp.gui.context import AppContext

EMPTY_MESSAGE = "Take a quiz on a bank to see your progress here."
LOADING_MESSAGE = "Loading…"  # the page, while numbers other than those it held are read
NO_LEARNER_MESSAGE = "Pick a learner to see their progress here."


# ---------------------------------------------------------------------------------------------
# The screen
# ---------------------------------------------------------------------------------------------


ONE_DUE = "card due now"  # the due tile's caption for one card ("cards due now": more)


class _Tile(QFrame):
    """A headline number with a caption (answers, accuracy, time spent...)."""

    def __init__(self, caption: str, tooltip: str, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(tooltip)
        self.value = QLabel("–")
        scale_text(self.value, 1.6)  # and at every zoom
        font = self.value.font()
        font.setBold(True)
        self.value.setFont(font)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.value.setAccessibleName(caption)
        self._caption = caption
        self.caption = QLabel(caption)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str, detail: str = "") -> None:
        self.value.setText(text)
        self.caption.setText(f"{self._caption} · {detail}" if detail else self._caption)

    def set_count(self, count: int, one: str) -> None:
        """A number of things, captioned `one` when it is 1 ("1 card due now", not "1
        cards due now") and the tile's own plural caption otherwise."""
        caption = one if count == 1 else self._caption
        self.value.setText(f"{count:,}")
        self.value.setAccessibleName(caption)
        self.caption.setText(caption)


class ProgressScreen(StatsScreen):
    """Charts of one learner's progress; `practice_requested` carries the weakest question ids."""

    practice_requested = Signal(list)  # question ids of the weakest questions (one bank)
    bank_practice_requested = Signal(str, list)  # the same, with the bank id they belong to
    progress_loaded = Signal()  # charts and tables show the newest data
    progress_failed = Signal(str)

    data: ProgressData | None
    # Built by the first fill's first steps (_build_content, _build_chart, _build_weakest),
    # not with the screen: a learner with no answers never needs them.
    page: QScrollArea
    tile_answers: _Tile
    tile_accuracy: _Tile
    tile_time: _Tile
    tile_sessions: _Tile
    tile_due: _Tile
    weak_table: QTableView
    practice_button: QPushButton
    score_chart: ChartView
    tag_chart: ChartView
    due_chart: ChartView
    activity_chart: ChartView

    def __init__(self, context: AppContext, parent: QWidget | None = None, *, loader: Callable = load_progress):
        super().__init__(context, loader, parent)
        self._generation = 0  # store writes seen; a query started before one is stale
        self._inflight: tuple | None = None
        # The fill runs in steps, one an event-loop turn (filling and laying out the four
        # charts at once took 40-70 ms of the GUI thread at 1,000,000 answers). Whose
        # numbers (learner, bank) the charts page holds, whole, and whose fill is under way.
        self._steps = StepByStep(self)
        self._shown: tuple[int, str] | None = None
        self._filling: tuple[int, str] | None = None
        # The charts page, built by the first fill's first steps: its tiles and charts,
        # then its weakest questions and the scroll area round it all.
        self._content_built = False
        self._page_built = False
        self._charts_built = 0  # of the four (_build_chart)
        self._charts: list[ChartView] = []  # none until the first fill builds them all
        self.weak_model = RowsModel(["Question", "Bank", "Right", "Answers"], self)
        self.status = QLabel("")  # says "Loading…" from the first query
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        # The screen is built when it is first shown: start the queries here, for the bank
        # the main window is about to ask for (the library's); the refresh() that follows
        # the show joins this query. Started once the widgets are built, not before: the
        # reader thread's work slowed the build on the GUI thread from 32 to 66 ms (medians,
        # 1,000,000 answers, a loaded 2-core machine) and the answer came no sooner.
        learner_id = context.learner_id
        first = context.bank_id or ALL_BANKS
        self._build()
        self.due_watch = DueNowWatch(context.operations, lambda n: self.tile_due.set_count(n, ONE_DUE),
                                     self.isVisible, self.redraw_rule.changed, self)
        if learner_id is not None:
            self._query(learner_id, first)
        if first != ALL_BANKS:
            self.bank_combo.addItem(self.bank_title(first), first)
            self.bank_combo.setCurrentIndex(self.bank_combo.count() - 1)
        self._stale = learner_id is None

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.setAccessibleName("Progress")
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title = QLabel("Progress")
        scale_text(self.title, 1.4)  # and at every zoom
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        header.addWidget(self.title)
        header.addStretch(1)
        # "Loading…" takes only room to spare: beside a small, zoomed window's selector
        # it made the header wider than the window.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.status)
        bank_label = QLabel("&Bank:")
        # 26 characters where the header has room, down to 12 in a small, zoomed window.
        self.bank_combo = ShrinkingCombo(26, 12)
        self.bank_combo.setAccessibleName("Bank")
        self.bank_combo.setToolTip("Show the progress in one bank or in all of them (Alt+B)")
        bank_label.setBuddy(self.bank_combo)
        self.bank_combo.addItem("All banks", ALL_BANKS)
        self.bank_combo.activated.connect(lambda _i: self.refresh())
        header.addWidget(bank_label)
        header.addWidget(self.bank_combo)
        self._add_refresh_button(header, "Query the statistics again")
        outer.addLayout(header)
        # Shown when the numbers are behind the answers (gui.notices.behind_note).
        self.behind_note = QLabel("")
        self.behind_note.setTextFormat(Qt.TextFormat.PlainText)
        self.behind_note.setWordWrap(True)
        self.behind_note.hide()
        outer.addWidget(self.behind_note)

        self._add_pages(outer, EMPTY_MESSAGE)
        self.empty_label.setAccessibleName("No progress yet")
        scale_text(self.empty_label, 1.3)

    def _build_content(self) -> None:
        """The charts page and its tiles (a step of the first fill: the screen's
        construction, a turn of its own, was 14-36 ms of CPU with the whole page, in the
        app's style sheet; a learner with no answers never needs it)."""
        if self._content_built:
            return
        self._content_built = True
        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        tiles = WrapRow()  # on two lines rather than wider than a small, zoomed window
        self.tile_answers = _Tile("answers", "Every answer given")
        self.tile_accuracy = _Tile("right", "Share of answers that were right")
        self.tile_time = _Tile("time spent", "Time spent answering")
        self.tile_sessions = _Tile(
            "attempts",
            "Quizzes, exams and practice rounds run to the end (sessions left early and "
            "flashcard reviews are not scored)",
        )
        self.tile_due = _Tile("cards due now", "Cards due for review now")
        for tile in (
            self.tile_answers,
            self.tile_accuracy,
            self.tile_time,
            self.tile_sessions,
            self.tile_due,
        ):
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            tiles.addWidget(tile)
        grid.addLayout(tiles, 0, 0, 1, 2)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 3)
        grid.setRowStretch(3, 2)
        self._grid = grid
        # In the window from here on: each part added later is styled as it joins (a
        # whole page joining at once was 20 ms of the style sheet's work in one turn),
        # and Tab goes through the parts in the order they joined.
        scroll = QScrollArea()
        scroll.setAccessibleName("Progress charts and tables")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll_with_the_focus(scroll, self)  # PageUp/PageDown; Tab never off-screen
        self.pages.addWidget(scroll)
        self.page = scroll

    def _build_weakest(self) -> None:
        """The weakest questions, in row 3 (a step of the first fill, after the charts')."""
        if self._page_built:
            return
        self._page_built = True
        grid = self._grid
        weak_box = QWidget()
        weak_layout = QVBoxLayout(weak_box)
        weak_layout.setContentsMargins(0, 0, 0, 0)
        weak_header = QHBoxLayout()
        weak_title = QLabel("Weakest questions")
        bold = weak_title.font()
        bold.setBold(True)
        weak_title.setFont(bold)
        weak_header.addWidget(weak_title)
        weak_header.addStretch(1)
        self.practice_button = QPushButton("&Practice these")
        self.practice_button.setAccessibleName("Practice these")
        self.practice_button.setToolTip(
            "Practise the weakest questions until you get them right (Alt+P)"
        )
        self.practice_button.clicked.connect(self._request_practice)
        weak_header.addWidget(self.practice_button)
        weak_layout.addLayout(weak_header)
        self.weak_table = QTableView()
        self.weak_table.setModel(self.weak_model)
        self.weak_table.setAccessibleName("Weakest questions")
        self.weak_table.setToolTip("The questions you most often get wrong")
        self.weak_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.weak_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.weak_table.verticalHeader().setVisible(False)
        self.weak_table.setWordWrap(False)
        header_view = self.weak_table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Bank, Right and Answers as wide as their texts, measured when the rows or the
        # text size change (_fit_weak_columns), not at every layout of the page as
        # ResizeToContents does: 720 calls of the model's data(), 4 ms of each layout.
        for col in (1, 2, 3):
            header_view.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        # Its text size (a zoom): the table's font changes before its header's, whose
        # width for its text is then the old one; fitted once both have it (as the
        # library's columns are, whole_words_column.CappedTitleColumn).
        self.weak_table.installEventFilter(self)
        header_view.installEventFilter(self)
        self._refit_weak = QTimer(self)
        self._refit_weak.setSingleShot(True)
        self._refit_weak.setInterval(0)
        self._refit_weak.timeout.connect(self._fit_weak_columns)
        self.weak_table.setMinimumHeight(180)
        self.weak_table.setTabKeyNavigation(False)  # Tab leaves it (arrows go through rows)
        weak_layout.addWidget(self.weak_table)
        grid.addWidget(weak_box, 3, 0, 1, 2)


    def _build_chart(self, number: int) -> None:
        """Chart `number` of the four, in the order Tab reaches them (score and tags in
        row 1, answers per day and cards due in row 2), a step of the first fill each: a
        chart joining the window, styled and laid out, is 3-6 ms of CPU (two in a step
        were 8-12 ms)."""
        if number < self._charts_built:
            return
        self._charts_built = number + 1
        if number == 0:
            self.score_chart = ChartView(SCORE_LINE_TITLE)
            score_cell = QVBoxLayout()  # the chart at the top of its row when it is capped
            score_cell.addWidget(self.score_chart, 1)
            score_cell.addStretch(0)
            self._grid.addLayout(score_cell, 1, 0)
        elif number == 1:
            self.tag_chart = ChartView(TAG_TITLE)
            self._grid.addWidget(self.tag_chart, 1, 1)
            kept = self.tag_chart.sizePolicy()
            kept.setRetainSizeWhenHidden(True)  # hidden as the page first shows (_reveal)
            self.tag_chart.setSizePolicy(kept)
            # Read without scrolling beside a tag chart grown tall for 40 tags (screen_fit.py).
            self.score_fit = NoTallerThanPage(self.score_chart, self.page)
        elif number == 2:
            self.activity_chart = ChartView(ACTIVITY_TITLE)
            self._grid.addWidget(self.activity_chart, 2, 0)
        else:
            self.due_chart = ChartView(DUE_TITLE)
            self._grid.addWidget(self.due_chart, 2, 1)
            self._charts = [self.score_chart, self.tag_chart, self.activity_chart, self.due_chart]

    def _fit_weak_columns(self) -> None:
        for column in (1, 2, 3):  # (not the stretched Question column)
            self.weak_table.resizeColumnToContents(column)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.FontChange
                and watched in (self.weak_table, self.weak_table.horizontalHeader())):
            self._refit_weak.start()
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._page_built and not event.spontaneous():  # opened, not restored
            # At the top, with the summary tiles: it reopened where it was left, scrolled
            # down, the tiles out of sight.
            self.page.verticalScrollBar().setValue(0)

    # -- refreshing -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Query the statistics again, off the GUI thread; progress_loaded fires when shown."""
        self.redraw_rule.cancel()
        self._stale = False
        learner_id = self.context.learner_id
        if learner_id is None:
            self._show_empty(NO_LEARNER_MESSAGE)
            self.progress_loaded.emit()
            return
        wanted = (learner_id, self.bank_combo.currentData() or ALL_BANKS)
        if wanted not in (self._shown, self._filling):
            # Another learner's (or bank's) numbers are no answer meanwhile: the page says
            # it is loading, not what the last learner scored under this one's name.
            self._show_empty(LOADING_MESSAGE)
        self._query(*wanted)

    def _query(self, learner_id: int, selected: str) -> None:
        banks = self._banks()
        key = (
            learner_id,
            selected,
            self._generation,
            tuple((b, v.content_hash) for b, v in banks.items()),
        )
        if self._loading and key == self._inflight:
            return  # the query running now gives exactly this answer
        self._loading = True
        self._inflight = key
        self._submit(learner_id, selected, banks)
        self.status.setText("Loading…")

    def _concerns(self, changes: Changes) -> bool:
        """The shown learner's answers, cards, sessions, or their learner record."""
        what = changes.answers or changes.cards or changes.sessions or changes.learners
        return what and changes.concerns(self.context.learner_id)

    def _on_store_changed(self, changes: Changes) -> None:
        if self._concerns(changes):
            self._generation += 1
        super()._on_store_changed(changes)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        if self._filling is not None:
            # Left half filled: the rest is not done unseen, and what is done is not shown
            # when the screen comes back, perhaps for someone else; it reads again then.
            self._show_empty(LOADING_MESSAGE)
            self._stale = True

    @property
    def filling(self) -> bool:
        """A fill is under way: the page shows some of the newest numbers, not all yet."""
        return self._filling is not None

    def _show_failed(self, message: str) -> None:
        self._show_empty(f"The statistics could not be read: {message}")
        self.progress_failed.emit(message)

    def _show_loaded(self, data: ProgressData) -> None:
        self.behind_note.setText(behind_note(data.uncounted))
        self.behind_note.setVisible(bool(data.uncounted))
        self._fill_bank_combo(data)
        if data.days_elsewhere:
            self._show_empty(days_message(self.context.days_recount))
        elif data.empty:
            if data.selected != ALL_BANKS and data.bank_ids:
                title = self.bank_title(data.selected)
                self._show_empty(
                    f"No answers in “{title}” yet. Take a quiz on it to see your progress"
                    " here, or pick All banks."
                )
            else:
                self._show_empty(EMPTY_MESSAGE)
        else:
            self._fill_in_steps(data)
            return  # progress_loaded fires with the last step
        self.progress_loaded.emit()

    def _show_empty(self, message: str) -> None:
        self._steps.cancel()
        self._filling = self._shown = None  # the charts page holds nothing whole now
        self.empty_label.setText(message)
        self.pages.setCurrentIndex(0)
        self._paint_again()
        self.due_watch.stop()

    # -- filling --------------------------------------------------------------------------

    def bank_title(self, bank_id: str) -> str:
        bank = self.context.library.bank(bank_id)
        return bank.title if bank is not None else bank_id

    def _fill_bank_combo(self, data: ProgressData) -> None:
        current = data.selected
        self.bank_combo.blockSignals(True)
        self.bank_combo.clear()
        self.bank_combo.addItem("All banks", ALL_BANKS)
        for bank_id in data.bank_ids:
            self.bank_combo.addItem(self.bank_title(bank_id), bank_id)
        if current != ALL_BANKS and current not in data.bank_ids:
            # Asked for a bank not studied yet (e.g. from the library): keep it picked.
            self.bank_combo.addItem(self.bank_title(current), current)
        index = self.bank_combo.findData(current)
        self.bank_combo.setCurrentIndex(max(index, 0))
        self.bank_combo.blockSignals(False)

    def _fill_in_steps(self, data: ProgressData) -> None:
        """Fill the page from `data`, a part an event-loop turn: each chart's fill, layout
        and paint was 5-15 ms of the GUI thread at 1,000,000 answers, all four at once with
        the page's first layout 40-70 ms. The tag chart goes first, before the page shows:
        its height (a line a tag) sets the page's rows, so the page is laid out once with
        it, not again (every chart with it) when it grows; the other charts are filled at
        their size, each laid out once. What a step shows is painted in the step after it
        (_unpainted): a step's layout and the paint that followed it ran in one turn, 11-15
        ms of CPU for the page's first showing or the score chart's fill."""
        self._filling = (data.learner_id, data.selected)
        self._paint_again()  # what a fill replaced or a step that failed left unpainted
        steps = [] if self._page_built else [
            self._build_content,
            *(lambda number=number: self._build_chart(number) for number in range(4)),
            self._build_weakest,
            # polished hidden, in a turn of its own, not as the page first shows
            lambda: self.page.ensurePolished(),
        ]
        steps += [
            lambda: fill_tags(self.tag_chart, data),
            # (after the tags: the tag chart's own layout, posted by its fill, runs first)
            lambda: self._fill_summary(data),
            self._reveal,
            lambda: self._paint_now(self.page),  # its first paint
            # After the page's first paint, in a turn of its own: the scroll bar as needed
            # again (no change where _reveal's guess was right); then the tag chart shown.
            lambda: self.page.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded),
            *self._unpainted(lambda: self.tag_chart, lambda view: view.show()),
            *self._unpainted(lambda: self.score_chart,
                             lambda view: fill_scores(view, data, self.bank_title)),
            *self._unpainted(lambda: self.activity_chart, lambda view: fill_activity(view, data)),
            *self._unpainted(lambda: self.due_chart, lambda view: fill_due(view, data)),
            lambda: self._filled(data),
        ]
        self._steps.run(steps)

    @staticmethod
    def _unpainted(chart: Callable[[], ChartView],
                   change: Callable[[ChartView], None]) -> list[Callable[[], None]]:
        """Two steps: `change` the chart (built by an earlier step, hence `chart()`) and
        lay it out unpainted, then paint it, in the next turn."""
        def change_unpainted() -> None:
            view = chart()
            view.setUpdatesEnabled(False)
            change(view)

        return [change_unpainted, lambda: ProgressScreen._paint_now(chart())]

    @staticmethod
    def _paint_now(widget: QWidget) -> None:
        """Paint `widget`, held unpainted by the step before, in this step: painted after
        the step, as an update is, the next step came due first and ran in the same turn
        (the paint and the next chart's fill and layout, 12-13 ms of CPU)."""
        widget.setUpdatesEnabled(True)
        widget.repaint()

    def _paint_again(self) -> None:
        """Let every part of the page paint again: a fill left before a step of
        _unpainted's second half leaves one that does not."""
        if self._content_built:
            for widget in (self.page, *self._charts):
                widget.setUpdatesEnabled(True)

    def _fill_summary(self, data: ProgressData) -> None:
        """The tiles and the weakest questions; the charts emptied where they hold another
        learner's or bank's numbers (the page shows before they are all filled again)."""
        self._fill_tiles(data)
        self._clear_other_charts()
        rows = []
        for w in data.weakest:
            rows.append(
                (
                    Cell(w.text, tooltip=f"{w.question_id}: {w.text}", key=w.question_id),
                    Cell(self.bank_title(w.bank_id), key=w.bank_id),
                    Cell.number(w.accuracy, percent_text(w.accuracy)),
                    Cell.number(w.answers, str(w.answers)),
                )
            )
        self.weak_model.set_rows(rows)
        self._fit_weak_columns()
        self.practice_button.setEnabled(bool(data.weakest))

    def _clear_other_charts(self) -> None:
        """Empty the charts the tag chart's step left with another learner's or bank's
        numbers: the page shows before the next steps fill them."""
        if self._shown == self._filling:
            return
        for view, title in zip(self._charts, CHART_TITLES, strict=True):
            if view is not self.tag_chart:
                view.clear()
                view.chart().setTitle(title)
                view.setAccessibleDescription("")

    def _reveal(self) -> None:
        """Show the page, laid out in this step and painted in the next (the two in one
        turn were 8-15 ms of CPU at 1,000,000 answers), its scroll bar already as the page
        will need it: the bar shown later narrowed the page and laid out every chart on it
        again, in the next turn, with the page's first paint."""
        if self.pages.currentIndex() == 1:
            return
        room = self.pages.height()
        grid = self._grid
        needed = (grid.heightForWidth(self.pages.width()) if grid.hasHeightForWidth()
                  else grid.minimumSize().height())
        policy = Qt.ScrollBarPolicy
        self.page.setVerticalScrollBarPolicy(
            policy.ScrollBarAlwaysOn if needed > room else policy.ScrollBarAlwaysOff)
        # The tag chart, filled, laid out and painted in the next turn, not in this one
        # with the page (its room kept meanwhile: the page is laid out once).
        self.tag_chart.hide()
        self.page.setUpdatesEnabled(False)  # painted in the next step
        self.pages.setCurrentIndex(1)

    def _fill_tiles(self, data: ProgressData) -> None:
        self.tile_answers.set_count(data.answers, "answer")
        self.tile_accuracy.set_value(
            percent_text(data.correct / data.answers) if data.answers else "–"
        )
        per_day = format_duration(data.seconds / data.study_days) if data.study_days else ""
        study_span = counted(data.study_days, "day")
        self.tile_time.set_value(
            format_duration(data.seconds), f"{per_day} a day" if per_day else ""
        )
        self.tile_time.setToolTip(
            f"Time spent answering: {format_duration(data.seconds)} over {study_span} of study"
            + (f", {per_day} a day on average" if per_day else "")
        )
        self.tile_sessions.set_count(data.sessions, "attempt")
        self.tile_due.set_count(data.due_now, ONE_DUE)

    def _filled(self, data: ProgressData) -> None:
        """The fill's last step: the page holds `data` whole."""
        self._shown, self._filling = self._filling, None
        chosen = [b for b in data.bank_ids if data.selected in (ALL_BANKS, b)]
        self.due_watch.watch(data.learner_id, chosen, self._banks(), data.next_due)
        self.progress_loaded.emit()

    # -- actions --------------------------------------------------------------------------

    def weakest_for_practice(self) -> tuple[str, list[str]] | None:
        """(bank id, question ids) the Practice button asks for: the weakest bank's weak ones."""
        if not self.data or not self.data.weakest:
            return None
        bank_id = self.data.weakest[0].bank_id
        return bank_id, [w.question_id for w in self.data.weakest if w.bank_id == bank_id]

    def _request_practice(self) -> None:
        target = self.weakest_for_practice()
        if target is None:
            return
        bank_id, ids = target
        self.practice_requested.emit(ids)
        self.bank_practice_requested.emit(bank_id, ids)
