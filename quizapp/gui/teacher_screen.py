"""The teacher's overview: every learner on this computer, by bank, and item analysis.

Two sortable, filterable tables (a light RowsModel that sorts numbers by value, not by
their text): learners x banks with best score, last score and attempts; and, for
one bank, each question's facility and discrimination. Either table can be exported to
CSV; `write_csv` does the writing so it can be tested without a file dialog.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.csv_cells import checked_path, safe_row
from quizapp.core.percent import percent_text
from quizapp.core.plural import counted
from quizapp.gui.changes import Changes
from quizapp.gui.charts import plain_text
from quizapp.gui.focus_keys import escape_clears_first
from quizapp.gui.operations import QueryOp
from quizapp.gui.rows_model import Cell, PreparedRows, RowsModel, prepare_rows
from quizapp.gui.stats_screen import StatsScreen
from quizapp.gui.whole_words_delegate import WholeWordsDelegate

if TYPE_CHECKING:
    from quizapp.gui.context import AppContext

log = logging.getLogger(__name__)

EMPTY_MESSAGE = (
    "No answers recorded on this computer yet. Learners' results appear here once they take a quiz."
)
OFFLINE_LABEL = "class server offline: this computer's answers only"
# The server answered but refused (a password changed): never "offline", which sends a
# teacher waiting for the network; the reason is in the tooltip and the status bar.
REFUSED_LABEL = "class server refused: this computer's answers only"
# Reached, but busy with other work (a table held for maintenance, its disk full, every
# connection in use): not refused either.
BUSY_LABEL = "class server busy: this computer's answers only"
_UNREAD_LABELS = {"offline": OFFLINE_LABEL, "refused": REFUSED_LABEL, "busy": BUSY_LABEL}

OVERVIEW_HEADERS = ["Learner", "Bank", "Attempts", "Best %", "Last %", "Answers", "Last studied"]
ITEM_HEADERS = [
    "Question",
    "Type",
    "Learners",
    "Answers",
    "Facility",
    "Right overall",
    "Discrimination",
    "Note",
]


@dataclass(slots=True)
class TeacherData:
    rows: list  # stats.LearnerBankRow
    bank_ids: list[str]  # banks anyone has studied, in the overview's order
    bank_id: str | None  # the bank of the item analysis
    items: list = field(default_factory=list)  # stats.ItemStat
    # The tables' cells, built and prepared for filtering and sorting off the GUI thread
    # too (a bank may have 10,000 questions).
    overview: PreparedRows = field(
        default_factory=lambda: prepare_rows([], len(OVERVIEW_HEADERS)))
    item_rows: PreparedRows = field(
        default_factory=lambda: prepare_rows([], len(ITEM_HEADERS)))
    # Where the rows come from: "server" (the class), "local" (this computer: no teacher
    # signed in here), "offline" (a teacher is, but the class server could not be reached)
    # or "refused" (it was reached and refused: a password changed, the teacher removed),
    # or "busy" (reached, but it could not answer now: a table held, its disk full).
    source: str = "local"
    offline_reason: str = ""  # what the class server's read met, when offline or refused


def _class_data(store, bank_id: str | None, banks: dict, viewers: list[int] | None):
    """(rows, bank id, items) of the whole class from the class server when a teacher
    signed in on this computer (quizapp.server.sync.class_overview); the ClassOverview
    saying why when that server could not be read; None when no teacher signed in here.
    Runs on the worker thread."""
    from quizapp.server.sync import class_overview, signed_in

    if not signed_in(store):
        return None
    chosen: list = []

    def items_for(rows):
        bank_ids = list(dict.fromkeys(r.bank_id for r in rows))
        pick = bank_id if bank_id in bank_ids else (bank_ids[0] if bank_ids else None)
        chosen.append(pick)
        if pick is None:
            return None
        bank = banks.get(pick)
        # The bank itself too: a question changed since its answers counts them apart.
        return pick, [q.id for q in bank.questions] if bank else None, bank

    data = class_overview(store, items_for, viewers)
    if data is None or data.offline is not None:
        return data
    return data.rows, (chosen[0] if chosen else None), data.items


def load_teacher(store, bank_id: str | None, banks: dict | None = None,
                 viewers: list[int] | None = None) -> TeacherData:
    """The overview table and one bank's item analysis, from the Store's public methods
    (or, when a teacher signed in on this computer, from the class server: the class).
    viewers: the local learners whose class server account may be read (the window gives
    the learner using it: only a teacher reads the class); None, any signed in here.

    banks maps bank ids to loaded Bank objects (the library): item analysis then covers the
    bank's current questions in the bank's order; a bank no longer in the library is
    analysed, by id, over every question that has answers.
    """
    banks = banks or {}
    server = _class_data(store, bank_id, banks, viewers)
    source, reason = "local", ""
    if server is not None and not isinstance(server, tuple):  # the server is away
        source = "busy" if server.busy else "refused" if server.refused else "offline"
        reason, server = server.offline or "", None
    if server is not None:
        source = "server"
        rows, bank_id, items = server
        bank_ids = list(dict.fromkeys(r.bank_id for r in rows))
    else:
        rows = store.learner_bank_table()
        bank_ids = list(dict.fromkeys(r.bank_id for r in rows))
        if bank_id not in bank_ids:
            bank_id = bank_ids[0] if bank_ids else None
    bank = banks.get(bank_id)
    if server is None:
        items = store.item_analysis(bank or bank_id) if bank_id else []
    questions = {q.id: (q.type, plain_text(q.prompt)) for q in bank.questions} if bank else {}
    titles = {b: banks[b].title for b in bank_ids if b in banks}
    return TeacherData(
        rows, bank_ids, bank_id, items,
        prepare_rows(overview_cells(rows, titles), len(OVERVIEW_HEADERS)),
        prepare_rows(item_cells(items, questions), len(ITEM_HEADERS)),
        source, reason,
    )


def overview_cells(rows, titles: dict[str, str]) -> list[tuple[Cell, ...]]:
    """The learners x banks table's cells (titles: bank id -> title)."""
    overview: list[tuple[Cell, ...]] = []
    for r in rows:
        best, best_text = _percent(r.best_score)
        last, last_text = _percent(r.last_score)
        # Stored in UTC; the teacher reads their own clock (16:14 UTC is 08:14 in Los Angeles).
        studied = r.last_studied.astimezone() if r.last_studied else None
        overview.append(
            (
                Cell(r.learner),
                Cell(
                    titles.get(r.bank_id, r.bank_id),
                    export=r.bank_id,
                    # The whole title (the cell may end on "…"), and the id CSV gets.
                    tooltip=f"{titles[r.bank_id]} ({r.bank_id})" if r.bank_id in titles
                    else r.bank_id,
                    key=r.bank_id,
                ),
                Cell.number(r.attempts, str(r.attempts)),
                Cell.number(best, best_text),
                Cell.number(last, last_text),
                Cell.number(r.answers, f"{r.answers:,}"),
                Cell(
                    f"{studied:%Y-%m-%d %H:%M}" if studied else "–",
                    sort=studied.timestamp() if studied else float("-inf"),
                    export=r.last_studied.isoformat(timespec="seconds") if studied else "",
                ),
            )
        )
    return overview


def item_cells(items_in, questions: dict[str, tuple[str, str]]) -> list[tuple[Cell, ...]]:
    """The item analysis table's cells (questions: id -> (type, plain-text prompt))."""
    items: list[tuple[Cell, ...]] = []
    for it in items_in:
        kind, prompt = questions.get(it.question_id, ("", ""))
        label = f"{it.question_id}: {prompt}" if prompt else it.question_id
        facility = it.facility
        overall = it.facility_overall
        # -0.001 is no evidence of a wrong key; judge and show it at two decimals.
        disc = None if it.discrimination is None else round(it.discrimination, 2) + 0.0
        note = item_note(facility, disc) if it.learners else "not answered yet"
        if it.earlier_answers:
            note = earlier_note(it.earlier_answers, answered_since=bool(it.learners), note=note)
        items.append(
            (
                Cell(
                    label if len(label) <= 100 else label[:99] + "…",
                    export=it.question_id,
                    tooltip=f"{it.question_id}\n{prompt}",
                    key=it.question_id,
                ),
                Cell(kind),
                Cell.number(it.learners, str(it.learners)),
                Cell.number(it.answers, f"{it.answers:,}"),
                Cell.number(
                    facility, "–" if facility is None else f"{facility:.2f}", _round(facility)
                ),
                Cell.number(overall, "–" if overall is None else f"{overall:.2f}", _round(overall)),
                Cell.number(disc, "–" if disc is None else f"{disc:+.2f}" if disc else "0.00"),
                Cell(note, tooltip=note or None),
            )
        )
    return items


def item_note(facility: float | None, discrimination: float | None) -> str:
    """A teacher's reading of the two numbers (rules of thumb from classical test theory)."""
    notes = []
    if discrimination is not None and discrimination < 0:
        notes.append("strong learners miss it more: check the answer key")
    elif discrimination is not None and discrimination < 0.2:
        notes.append("separates strong and weak learners poorly")
    if facility is not None and facility >= 0.9:
        notes.append("very easy")
    elif facility is not None and facility <= 0.3:
        notes.append("very hard")
    return "; ".join(notes)


def earlier_note(earlier: int, *, answered_since: bool, note: str) -> str:
    """The note of a question changed after learners answered it: its numbers count the
    answers to the question as it is now only (stats.ItemStat.earlier_answers)."""
    apart = f"{counted(earlier, 'answer')} to an earlier version not counted"
    if not answered_since:
        return f"changed since its answers: {apart}"
    return f"{note}; {apart}" if note else apart


def write_csv(path: str | Path, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Write a table as UTF-8 CSV (with BOM so spreadsheet apps read accents right);
    texts a spreadsheet would run as formulas are neutralised (see core/csv_cells.py)."""
    with open(checked_path(path), "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(safe_row(headers))
        for row in rows:
            writer.writerow(safe_row(row))


def _percent(value: float | None) -> tuple[float | None, str]:
    if value is None:
        return None, "–"
    return round(100.0 * value, 1), percent_text(value)


MIN_FLEXIBLE_WIDTH = 100  # a text column squeezed to fit shows at least this much


MEASURED = 4  # texts of a column measured in pixels: its longest in characters


def content_widths(table: QTableView, model: RowsModel, *, sample: int = 200,
                   widest: int = 420) -> list[int]:
    """Column widths from the header and the first `sample` rows' texts: of each column,
    the MEASURED longest texts (in characters) are measured. Measuring each of the 200
    rows' 8 texts through the view was 1,600 calls into Qt, ~40 ms of the GUI thread on
    every refresh of a big item analysis."""
    metrics = table.fontMetrics()
    header_metrics = table.horizontalHeader().fontMetrics()
    rows = min(model.rowCount(), sample)
    widths = []
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        width = header_metrics.horizontalAdvance(title) + 24  # room for the sort arrow
        # In the rows' order, so that texts of one length are chosen the same each time.
        texts = dict.fromkeys(model.cell(row, column).text for row in range(rows))
        for text in sorted(texts, key=len, reverse=True)[:MEASURED]:
            width = max(width, metrics.horizontalAdvance(text) + 12)
        widths.append(min(width, widest))
    return widths


def spread_columns(table: QTableView, widths: Sequence[int], flexible: Sequence[int]) -> None:
    """Set the widths so that every column is in view: the number columns keep their
    width, and the `flexible` text columns (question, note) share what is left, elided
    (their full text is in the tooltip), instead of pushing columns off the right edge."""
    room = table.viewport().width() - sum(w for c, w in enumerate(widths) if c not in flexible)
    texts = [c for c in flexible if c < len(widths)]
    given: dict[int, int] = {}
    if sum(widths[c] for c in texts) > room:
        # Squeezed: the room is shared out evenly, the narrowest text first; a text that
        # wants less than its share has all of itself ("not answered yet"), the others
        # share the rest, none under MIN_FLEXIBLE_WIDTH (or its whole text, if narrower).
        # (Shared in proportion to their widths, a short note lost its last word, and
        # raised to the least after sharing the columns ran past the right edge.)
        for done, column in enumerate(sorted(texts, key=lambda c: widths[c])):
            share = room // (len(texts) - done)
            width = widths[column]
            given[column] = max(min(width, share), min(width, MIN_FLEXIBLE_WIDTH))
            room -= given[column]
    for column, width in enumerate(widths):
        table.setColumnWidth(column, given.get(column, width))


def fit_columns(table: QTableView, model: RowsModel, flexible: Sequence[int] = (0,)) -> list[int]:
    """Fit the columns to their texts and the table's width; returns the content widths."""
    widths = content_widths(table, model)
    spread_columns(table, widths, flexible)
    return widths


def _table(name: str, tooltip: str) -> QTableView:
    table = QTableView()
    table.setAccessibleName(name)
    table.setToolTip(tooltip)
    # Question order (A to Z) until a header is clicked; set before sorting is enabled.
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    # Widths are set by fit_columns(): ResizeToContents would ask every row of a
    # 10,000-question bank for its size on each sort and filter.
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class TeacherScreen(StatsScreen):
    """All learners by bank, and item analysis per question; both sortable and exportable."""

    overview_loaded = Signal()  # tables show the newest data
    # Refresh (or F5) was asked for: the window syncs with the class server then, so that
    # banks published since come down too.
    refresh_requested = Signal()
    class_server_read = Signal(bool)  # a teacher's overview was read from it (or not: away)
    overview_failed = Signal(str)
    csv_exported = Signal(str)  # the path written

    data: TeacherData | None

    def __init__(self, context: AppContext, parent: QWidget | None = None, *, loader: Callable = load_teacher):
        super().__init__(context, loader, parent)
        self._viewer: int | None = None  # the learner the tables were last read for
        self._build()

    def _build(self) -> None:
        self.setAccessibleName("Teacher overview")
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        title = QLabel("Teacher overview")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch(1)
        self.status = QLabel("")
        header.addWidget(self.status)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter")
        self.filter_edit.setToolTip("Show only rows containing this text (Ctrl+F)")
        self.filter_edit.setMaximumWidth(220)
        escape_clears_first(self.filter_edit)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self._find)
        header.addWidget(self.filter_edit)
        self.export_button = QPushButton("Export &CSV…")
        self.export_button.setAccessibleName("Export CSV")
        self.export_button.setToolTip("Save the table shown as a CSV file (Ctrl+E)")
        # Ctrl+E is the window's (MainWindow._export_here), as F5 is: see there.
        # A no-argument slot: clicked passes `checked`, which export_csv would take as
        # its path (open(False) writes to, then closes, standard input).
        self.export_button.clicked.connect(self.choose_and_export_csv)
        header.addWidget(self.export_button)
        self._add_refresh_button(
            header, "Query the results again (from the class server when a teacher is signed"
            " in: its banks are fetched too)")
        self.refresh_button.clicked.disconnect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh_by_hand)
        outer.addLayout(header)
        # Said when the filter hides every row: a blank table looked like no results at all.
        self.no_match = QLabel()
        self.no_match.setAccessibleName("No rows match the filter")
        self.no_match.setTextFormat(Qt.TextFormat.PlainText)  # the filter's text, as typed
        self.no_match.setWordWrap(True)
        self.no_match.hide()
        outer.addWidget(self.no_match)
        # An export from the class server is of what it holds when exported, not of what
        # it held when the table was last read: Export CSV reads it again first.
        self._export_after_load: str | None = None
        self._read_at: datetime | None = None

        self._add_pages(outer, EMPTY_MESSAGE)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Overview tables")
        self.pages.addWidget(self.tabs)

        self.overview_model = RowsModel(OVERVIEW_HEADERS, self)
        self.overview_table = _table(
            "Learners by bank", "Best score, last score and attempts per learner and bank"
        )
        self.overview_table.setModel(self.overview_model)
        self.tabs.addTab(self.overview_table, "&Learners × banks")

        items_page = QWidget()
        items_layout = QVBoxLayout(items_page)
        bank_row = QHBoxLayout()
        bank_label = QLabel("&Bank:")
        self.bank_combo = QComboBox()
        self.bank_combo.setAccessibleName("Bank")
        self.bank_combo.setToolTip("The bank whose questions are analysed (Alt+B)")
        self.bank_combo.setMinimumContentsLength(24)
        bank_label.setBuddy(self.bank_combo)
        self.bank_combo.activated.connect(lambda _i: self.refresh())
        bank_row.addWidget(bank_label)
        bank_row.addWidget(self.bank_combo)
        bank_row.addStretch(1)
        legend = QLabel(
            "Facility: share of learners right on their first try. "
            "Discrimination: how well the question separates strong from weak learners (−1…1)."
        )
        legend.setWordWrap(True)
        items_layout.addLayout(bank_row)
        # Under the bank, the window's width: beside it, at 800x600 zoomed, the legend was
        # a column of nine lines that left the table two rows.
        items_layout.addWidget(legend)
        self.item_model = RowsModel(ITEM_HEADERS, self)
        self.item_table = _table(
            "Item analysis", "Facility and discrimination per question; click a header to sort"
        )
        self.item_table.setModel(self.item_model)
        self.item_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Interactive
        )
        self.item_table.setColumnWidth(0, 380)
        # Columns that give way when the window is narrow: question and note texts.
        self._flexible: dict[QTableView, tuple[int, ...]] = {
            self.overview_table: (0, 1),
            self.item_table: (0, len(ITEM_HEADERS) - 1),
        }
        self._widths: dict[QTableView, tuple[list[int], tuple[int, ...]]] = {}
        # Each table's columns are spread over its own width whenever that changes: the
        # window's resize, and a tab that shows for the first time (a hidden tab keeps the
        # width it was made with, and Alt+I showed every question cut to 100 px).
        for table in self._flexible:
            table.viewport().installEventFilter(self)
        # Those columns end on whole words and "…" when squeezed, as the library's titles:
        # Qt cut them mid-word ("U.S.-Japan auto trade tal…" at 800x600).
        self._whole_words = WholeWordsDelegate(self)
        for table, columns in self._flexible.items():
            for column in columns:
                table.setItemDelegateForColumn(column, self._whole_words)
        items_layout.addWidget(self.item_table)
        self.tabs.addTab(items_page, "&Item analysis")

        self.filter_edit.textChanged.connect(self.overview_model.set_filter)
        self.filter_edit.textChanged.connect(self.item_model.set_filter)
        self.filter_edit.textChanged.connect(lambda _text: self._say_if_nothing_matches())
        self.tabs.currentChanged.connect(lambda _index: self._say_if_nothing_matches())
        self.overview_model.modelReset.connect(self._say_if_nothing_matches)

    def _say_if_nothing_matches(self) -> None:
        """"No learner matches …" when the filter leaves the table shown empty."""
        text = self.filter_edit.text().strip()
        on_items = self.tabs.currentIndex() == 1
        model = self.item_model if on_items else self.overview_model
        empty = bool(text) and model.rowCount() == 0
        if empty:
            what = "question" if on_items else "learner or bank"
            self.no_match.setText(f"No {what} matches “{text}”. Clear the filter to see"
                                  " every row.")
        self.no_match.setVisible(empty)

    # -- refreshing -----------------------------------------------------------------------

    def refresh_by_hand(self) -> None:
        """The Refresh button, F5: the tables read again, and the class synced (banks
        published since come down)."""
        self.refresh_requested.emit()
        self.refresh()

    def refresh(self) -> None:
        self.status.setText("Loading…")
        bank_id = self.bank_combo.currentData()
        # The class's results are read with the account of the learner using the app, a
        # teacher's only: a tester's learner, on a computer where the teacher had signed
        # in, pressed Ctrl+T and read the whole class from the server.
        viewer = self.context.learner_id
        if viewer != self._viewer:  # nothing read for another learner stays in view
            self._viewer = viewer
            self.empty_label.setText("Loading…")
            self.pages.setCurrentIndex(0)
        self._submit(bank_id, self._banks(), [viewer] if viewer is not None else [])
        if self.hasFocus():  # Ctrl+T gave the screen itself the focus: nothing outlined,
            # and Down did nothing. The table shown takes it (F5 leaves it where it is).
            shown = self.item_table if self.tabs.currentIndex() == 1 else self.overview_table
            shown.setFocus(Qt.FocusReason.OtherFocusReason)

    def _concerns(self, changes: Changes) -> bool:
        """Every learner's answers, sessions and names are in the tables."""
        return changes.answers or changes.sessions or changes.learners

    def _bank(self, bank_id: str | None):
        return self.context.library.bank(bank_id) if bank_id else None

    def _show_failed(self, message: str) -> None:
        self._export_after_load = None
        self.empty_label.setText(f"The results could not be read: {message}")
        self.pages.setCurrentIndex(0)
        self.overview_failed.emit(message)

    def _show_loaded(self, data: TeacherData) -> None:
        self._fill_bank_combo(data)
        offline = data.source == "offline"
        label = _UNREAD_LABELS.get(data.source, "")
        unread = bool(label)
        # Never quietly: the class's numbers would look like this computer's few.
        self._read_at = datetime.now() if data.source == "server" else None
        self.status.setText(label[:1].upper() + label[1:] if unread
                            else f"From the class server, read at {self._read_at:%H:%M}"
                            if self._read_at else "")
        self.status.setToolTip(data.offline_reason)
        if data.source != "local":  # a refusal reached it: the status bar is not "offline"
            self.class_server_read.emit(not offline)
        if not data.rows:
            # The status above says "offline" (or "refused", "busy") already: only why.
            why = data.offline_reason.strip().rstrip(".")
            self.empty_label.setText(f"{why}.\n\n{EMPTY_MESSAGE}" if unread and why
                                     else EMPTY_MESSAGE)
            self.pages.setCurrentIndex(0)
        else:
            self._fill(data)
            self.pages.setCurrentIndex(1)
        self.overview_loaded.emit()
        pending, self._export_after_load = self._export_after_load, None
        if pending is not None and unread:
            # The table now holds this computer's answers only: never written as the class's.
            QMessageBox.warning(
                self, "Export CSV",
                "The class server could not be read just now, so nothing was written"
                f" ({data.offline_reason or 'offline'}). "
                + ("Try again once it can be reached," if offline
                   else "Once that is put right (File > Class server…), try again")
                + " or use  quizapp server results  there.")
        elif pending is not None:
            self.export_csv(pending)

    # -- filling --------------------------------------------------------------------------

    def bank_title(self, bank_id: str) -> str:
        bank = self._bank(bank_id)
        return bank.title if bank is not None else bank_id

    def _fill_bank_combo(self, data: TeacherData) -> None:
        self.bank_combo.blockSignals(True)
        self.bank_combo.clear()
        for bank_id in data.bank_ids:
            self.bank_combo.addItem(self.bank_title(bank_id), bank_id)
        self.bank_combo.setCurrentIndex(max(self.bank_combo.findData(data.bank_id), 0))
        self.bank_combo.blockSignals(False)

    def _fill(self, data: TeacherData) -> None:
        self.overview_model.set_prepared(data.overview)
        self.item_model.set_prepared(data.item_rows)
        for table, model in ((self.overview_table, self.overview_model),
                             (self.item_table, self.item_model)):
            flexible = self._flexible[table]
            self._widths[table] = (fit_columns(table, model, flexible), flexible)
            # Sort the new rows by the column the header points at (new rows arrive
            # unsorted: the arrow alone would claim an order the table does not have).
            header = table.horizontalHeader()
            section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
            if not 0 <= section < table.model().columnCount():
                section, order = 0, Qt.SortOrder.AscendingOrder
            table.sortByColumn(section, order)
        # (The first rows may come before the tables have their width: they are spread
        # again when they get it, by eventFilter.)

    def _find(self) -> None:
        """Ctrl+F: to the filter, its text selected to type over."""
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            for table, (widths, flexible) in self._widths.items():
                if watched is table.viewport():
                    spread_columns(table, widths, flexible)
        return super().eventFilter(watched, event)

    # -- export ---------------------------------------------------------------------------

    def current_table_rows(self) -> tuple[list[str], list[list[object]]]:
        """The table on the visible tab, as exported: (headers, rows) in on-screen order."""
        model = self.overview_model if self.tabs.currentIndex() == 0 else self.item_model
        return model.export_rows()

    def choose_and_export_csv(self) -> None:
        """The Export CSV button: ask where, then write the table shown; the class's table
        is read from the class server again first, and written once read (csv_exported)."""
        if self.data is None or self.data.source != "server":
            self.export_csv()
            return
        path = self._ask_path()
        if path:
            self._export_after_load = path
            self.refresh()

    def _ask_path(self) -> str:
        suggested = (
            "results.csv"
            if self.tabs.currentIndex() == 0
            else f"item-analysis-{self.bank_combo.currentData() or 'bank'}.csv"
        )
        path, _ = QFileDialog.getSaveFileName(self, "Export CSV", suggested, "CSV files (*.csv)")
        return path

    def export_csv(self, path: str | Path | None = None) -> None:
        """Write the table shown to path (asked with a file dialog if None), on the reader
        thread (10,000 rows of an item analysis are ~0.1 s of writing): csv_exported says
        when it is written; a file that cannot be written is a message."""
        if path is None:
            path = self._ask_path()
            if not path:
                return
        headers, rows = self.current_table_rows()
        written = str(path)

        def failed(exc: Exception) -> None:
            from quizapp.gui.write_failure import not_written

            log.error("could not export %s: %s", written, exc)
            QMessageBox.warning(self, "Export CSV", not_written(written, exc, "export again")
                                if isinstance(exc, OSError) else
                                f"{written} could not be written: {exc}")

        QueryOp(parent=self, op=lambda _store: write_csv(written, headers, rows),
                success=lambda _: self.csv_exported.emit(written),
                ).failure(failed).run_in_background(self.context.operations)


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, 3)
