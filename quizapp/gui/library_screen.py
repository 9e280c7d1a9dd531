"""The bank library: every bank with the learner's scores, and the ways to study it.

A bank with problems stays in the list, marked, with each problem (file:line)
shown below when it is selected; it simply cannot be studied until fixed.
A new or edited bank is listed from its header while its questions are checked,
marked as being checked and not yet studyable (BankLibrary.banks_listed).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.percent import percent_text
from quizapp.gui.changes import Changes, StaleAware
from quizapp.gui.context import status_colour
from quizapp.gui.library_details import (
    REPLACES_NOTE,
    short_description,
    write_checking_details,
    write_details,
)
from quizapp.gui.notices import behind_note
from quizapp.gui.readable_column import ReadableColumn
from quizapp.gui.theme import scale_text
from quizapp.gui.tips import plain_tip

if TYPE_CHECKING:
    from quizapp.core.bank_counts import StudyCounts
    from quizapp.gui.context import AppContext

# Qt.* is named only once banks are listed, never while the window first shows (see
# quizapp/gui/__init__.py); enum properties are set by key name until then.
USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole; item roles are plain ints in the API
PATH_ROLE = USER_ROLE
SORT_ROLE = USER_ROLE + 1
ACCESSIBLE_DESCRIPTION_ROLE = 12  # Qt.ItemDataRole.AccessibleDescriptionRole
LOADING_FORMAT = "Loading banks… %v/%m"
CHECKING_STATUS = "being checked…"
CHECKING_NOTE = "being checked; it can be studied once its questions are checked"
# As Anki's deck list: what studying now brings (new, learning, due), then the scores.
COLUMNS = ("Bank", "About", "New", "Learning", "Due", "Best", "Last", "Questions", "Status")
(TITLE, ABOUT, NEW, LEARNING, DUE, BEST, LAST, QUESTIONS, STATUS) = range(len(COLUMNS))
COLUMN_TIPS = {
    NEW: "Flashcards you have not studied yet (at most 20, what one review brings)",
    LEARNING: "Of the cards due now, those in learning steps (just seen, or forgotten)",
    DUE: "Cards due now, learning ones included (as the flashcard and progress screens count)",
    BEST: "Your best score in a quiz, exam or practice run to the end",
    LAST: "Your last score",
}


def _percent(score) -> str:
    return percent_text(score)


def bank_counts(
    store, learner_id: int | None, bank, problems: list[str] | None = None
) -> StudyCounts | None:
    """New, learning and due counts of `bank` for the learner, or None (why, in `problems`)."""
    if learner_id is None or store is None:
        return None
    # Imported on the first count, once banks are listed: the first paint shows none.
    from quizapp.core.bank_counts import study_counts

    try:
        return study_counts(store, learner_id, bank)
    except Exception as exc:  # a statistics failure must not hide the bank
        _count_failed(exc, problems)
        return None


def bank_summary(store, learner_id: int | None, bank, problems: list[str] | None = None):
    """The learner's BankSummary for `bank`, or None when there is nothing to ask or it
    could not be read (why, in `problems`)."""
    if learner_id is None or store is None:
        return None
    try:
        return store.bank_summary(learner_id, bank)
    except Exception as exc:  # a statistics failure must not hide the bank
        _count_failed(exc, problems)
        return None


def _count_failed(exc: Exception, problems: list[str] | None) -> None:
    from quizapp.core.store import StoreError

    if isinstance(exc, StoreError):
        reason = str(exc)
    else:
        import logging

        logging.getLogger(__name__).exception("the library's counts could not be read")
        reason = f"an unexpected error ({type(exc).__name__}; the log has the details)."
    if problems is not None:
        problems.append(reason)


def counts_note(store, learner_id: int | None, problems: list[str]) -> str:
    """Why the library's counts show "–" or are behind, or ""."""
    if problems:
        return f"Some counts could not be read (shown as –): {problems[0]}"
    if learner_id is None or store is None:
        return ""
    try:
        return behind_note(store.uncounted_answers())
    except Exception:  # only a note: the counts themselves were read
        return ""


def checking_message(checking: list) -> str:
    """What the library says while new banks (library entries) are being checked."""
    if len(checking) == 1:
        return (f"“{checking[0].checking.title}” is new or changed: its questions are being "
                "checked. It can be studied once the check ends.")
    return (f"{len(checking)} banks are new or changed: their questions are being checked. "
            "Each can be studied once its check ends.")


class _Item(QTreeWidgetItem):
    def __lt__(self, other):  # numbers sort as numbers
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is not None and theirs is not None and type(mine) is type(theirs):
            return mine < theirs
        # (QTreeWidgetItem.__lt__ would call back into this override.)
        return self.text(column).casefold() < other.text(column).casefold()


def _fill_about(item: QTreeWidgetItem, description: str | None) -> None:
    """The About column: the description's start, all of it in the tooltip."""
    item.setText(ABOUT, short_description(description))
    item.setToolTip(ABOUT, plain_tip(" ".join((description or "").split())))


class LibraryScreen(QWidget):
    quiz_requested = Signal(str)  # bank id
    flashcards_requested = Signal(str)
    practice_requested = Signal(str)
    progress_requested = Signal(str)
    add_folder_requested = Signal()
    edit_requested = Signal(str)  # the bank file's path (a broken bank can be edited too)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Bank library")
        self.redraw_rule = StaleAware(self, self.refresh, self.isVisible)
        # Counts again when the next card falls due (a learning card, minutes away), as
        # the flashcard summary does: "0 due" must not stay on screen once one is due.
        self._due_timer = QtCore.QTimer(self)
        self._due_timer.setSingleShot(True)
        self._due_timer.timeout.connect(self.redraw_rule.changed)
        self._build()
        library = context.library
        library.library_loaded.connect(self._on_library_loaded)
        library.banks_listed.connect(self._on_banks_listed)
        library.load_started.connect(self._on_load_started)
        library.load_progressed.connect(self._on_load_progressed)
        context.events.store_changed.connect(self._on_store_changed)

    # -- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title = QLabel("Question banks")
        scale_text(self.title, 1.4)  # and at every zoom
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName("Question banks")
        header.addWidget(self.title)
        header.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Loading banks")
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(LOADING_FORMAT)
        self.progress.setVisible(False)
        header.addWidget(self.progress)
        self.add_button = QPushButton("&Add folder…")
        self.add_button.setAccessibleName("Add a folder of banks")
        self.add_button.setToolTip("Add a folder of question banks to the library (Ctrl+O)")
        self.add_button.clicked.connect(self.add_folder_requested)
        header.addWidget(self.add_button)
        outer.addLayout(header)
        # Sessions an app that died left open, closed at this start (gui/interrupted.py).
        self.session_note = QLabel()
        self.session_note.setProperty("textFormat", "PlainText")
        self.session_note.setAccessibleName("Interrupted sessions")
        self.session_note.setWordWrap(True)
        self.session_note.setVisible(False)
        outer.addWidget(self.session_note)

        splitter = QSplitter()
        splitter.setProperty("orientation", "Vertical")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Banks")
        self.tree.setToolTip("Banks: Enter or Q starts a quiz, F flashcards, P practice, G progress")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._sort_set = False  # sorted by title, A to Z, once there are banks (refresh)
        header_view = self.tree.header()
        header_view.setStretchLastSection(False)
        for column in range(len(COLUMNS)):
            header_view.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The description takes what is left, elided, but stays readable (the list
        # scrolls sideways when zoomed in a small window); the title keeps its full width.
        self.about_column = ReadableColumn(self.tree, ABOUT)
        header_item = self.tree.headerItem()
        for column, tip in COLUMN_TIPS.items():
            header_item.setToolTip(column, tip)
        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        self.tree.itemActivated.connect(lambda *_: self._request(self.quiz_requested))
        splitter.addWidget(self.tree)

        self.details = QTextEdit()  # bank text goes in as plain text (library_details.py)
        self.details.setReadOnly(True)
        self.details.setAcceptRichText(False)
        self.details.setAccessibleName("Bank details")
        self.details.setToolTip("About the selected bank, or what is wrong with it")
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)

        self.empty_label = QLabel()
        self.empty_label.setProperty("textFormat", "PlainText")  # may hold bank or learner text
        self.empty_label.setAccessibleName("Library message")
        self.empty_label.setWordWrap(True)
        outer.addWidget(self.empty_label)

        actions = QHBoxLayout()
        self.quiz_button = self._action_button("&Quiz", "Start a quiz on the selected bank", "Q or Enter",
                                               self.quiz_requested)
        self.flash_button = self._action_button("F&lashcards", "Review the selected bank's cards",
                                                "F", self.flashcards_requested)
        self.practice_button = self._action_button(
            "&Practice", "Practice until every question is answered right", "P",
            self.practice_requested)
        self.progress_button = self._action_button("Pro&gress", "Show your progress on this bank",
                                                   "G", self.progress_requested)
        self.edit_button = QPushButton("E&dit")
        self.edit_button.setAccessibleName("Edit the selected bank")
        self.edit_button.setToolTip("Open the selected bank in the bank editor")
        self.edit_button.clicked.connect(self._request_edit)
        for button in (self.quiz_button, self.flash_button, self.practice_button,
                       self.progress_button, self.edit_button):
            actions.addWidget(button)
        actions.addStretch(1)
        outer.addLayout(actions)

        for keys, signal in (("Q", self.quiz_requested), ("F", self.flashcards_requested),
                             ("P", self.practice_requested), ("G", self.progress_requested)):
            action = QAction(self)
            action.setShortcuts([QKeySequence(keys)])  # setShortcut() would build Qt.*
            action.setProperty("shortcutContext", "WidgetWithChildrenShortcut")
            action.triggered.connect(lambda _=False, s=signal: self._request(s))
            self.addAction(action)

        # Tab in reading order (tests/test_accessibility.py): Add folder, the banks, the
        # details under them, then the buttons along the bottom, left to right.
        self.setTabOrder(self.add_button, self.tree)
        self.setTabOrder(self.tree, self.details)
        self.setTabOrder(self.details, self.quiz_button)
        self.setTabOrder(self.quiz_button, self.flash_button)
        self.setTabOrder(self.flash_button, self.practice_button)
        self.setTabOrder(self.practice_button, self.progress_button)
        self.setTabOrder(self.progress_button, self.edit_button)
        self._update_buttons()

    def _action_button(self, text: str, tip: str, keys: str, signal) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(tip)
        button.setToolTip(f"{tip} ({keys})")
        button.clicked.connect(lambda: self._request(signal))
        return button

    # -- filling -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the library as loaded, with the current learner's scores."""
        self.redraw_rule.stale = False
        library = self.context.library
        selected = self.selected_path()
        self.tree.setSortingEnabled(False)
        # clear() makes each remaining row current in turn, and each would fill the details
        # (the learner's statistics of its bank: ~75 ms with a new 10,000-question bank);
        # they are filled once, for the row selected at the end.
        self.tree.blockSignals(True)
        self.tree.clear()
        self.tree.blockSignals(False)
        learner_id = self.context.learner_id
        # Only with banks to show: at startup (none yet) these would build QPalette's and Qt's enums.
        palette = self.palette() if library.entries else None
        right_aligned = (QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
                         if library.entries else None)
        problems: list[str] = []  # why counts could not be read
        shown_counts: list[StudyCounts | None] = []
        for entry in library.entries:
            item = _Item()
            item.setData(0, PATH_ROLE, entry.path)
            bank = entry.bank
            errors = [p for p in entry.problems if p.severity == "error"]
            if entry.checking is not None:
                self._fill_checking(item, entry.checking)
            elif bank is None:
                item.setText(TITLE, Path(entry.path).name)
                item.setText(STATUS, f"{len(errors) or len(entry.problems)} error"
                             f"{'' if len(errors) == 1 else 's'} — cannot be studied")
                item.setForeground(STATUS, status_colour(palette, False))
                item.setData(QUESTIONS, SORT_ROLE, -1)
                tip = "\n".join(p.format() for p in entry.problems[:10])
                item.setToolTip(TITLE, plain_tip(tip))
                item.setToolTip(STATUS, plain_tip(tip))
            else:
                item.setText(TITLE, bank.title)
                item.setToolTip(TITLE, plain_tip(bank.title))
                _fill_about(item, bank.description)
                item.setText(QUESTIONS, str(bank.question_count))
                item.setData(QUESTIONS, SORT_ROLE, bank.question_count)
                summary = bank_summary(self.context.store, learner_id, bank, problems)
                best = summary.best_score if summary is not None else None
                last = summary.last_score if summary is not None else None
                item.setText(BEST, _percent(best))
                item.setData(BEST, SORT_ROLE, -1.0 if best is None else best)
                item.setText(LAST, _percent(last))
                item.setData(LAST, SORT_ROLE, -1.0 if last is None else last)
                counts = bank_counts(self.context.store, learner_id, bank, problems)
                shown_counts.append(counts)
                for column, value in (
                    (NEW, None if counts is None else counts.new),
                    (LEARNING, None if counts is None else counts.learning),
                    (DUE, None if counts is None else counts.due),
                ):
                    item.setText(column, "–" if value is None else str(value))
                    item.setData(column, SORT_ROLE, -1 if value is None else value)
                warnings = len(entry.problems)
                status = "bundled" if entry.bundled else "ready"
                if warnings:
                    status += f", {warnings} warning{'' if warnings == 1 else 's'}"
                if entry.replaces:
                    status += f" · {REPLACES_NOTE}"
                    item.setToolTip(STATUS, plain_tip(f"{REPLACES_NOTE}: {entry.replaces}"))
                item.setText(STATUS, status)
            if right_aligned is not None:
                for column in range(NEW, QUESTIONS + 1):
                    item.setTextAlignment(column, right_aligned)
            self.tree.addTopLevelItem(item)
        self._arm_due_timer(shown_counts)
        if library.entries:
            if not self._sort_set:  # by title until the learner clicks another column
                self._sort_set = True
                self.tree.sortByColumn(0, QtCore.Qt.SortOrder.AscendingOrder)
            self.tree.setSortingEnabled(True)
        checking = library.checking()
        if library.error:
            self.empty_label.setText(f"Some banks could not be loaded: {library.error}")
        elif checking:
            self.empty_label.setText(checking_message(checking))
        elif library.loaded and not library.entries:
            self.empty_label.setText("No banks yet. Add a folder of banks (Ctrl+O) or drop a .yaml file here.")
        elif library.entries and (note := counts_note(self.context.store, learner_id, problems)):
            self.empty_label.setText(note)
        else:
            self.empty_label.clear()
        self.empty_label.setVisible(bool(self.empty_label.text()))
        self.select_path(selected) or self.select_bank(self.context.bank_id) or self._select_first()
        self._show_selected()

    def show_session_note(self, text: str) -> None:
        """Say what became of the sessions interrupted before this start (for this run)."""
        self.session_note.setText(text)
        self.session_note.setVisible(bool(text))

    def _arm_due_timer(self, shown: list[StudyCounts | None]) -> None:
        """Count again when the first card not yet due falls due (at most an hour ahead:
        the timer is armed again then)."""
        self._due_timer.stop()
        if not shown:
            return
        from quizapp.core.bank_counts import next_change

        when = next_change(shown)
        if when is not None:
            seconds = (when - datetime.now(UTC)).total_seconds()
            self._due_timer.start(max(0, min(3_600_000, int(seconds * 1000) + 50)))

    def _fill_checking(self, item: QTreeWidgetItem, header) -> None:
        """A bank listed from its header (core.bank_header) while its questions are checked."""
        item.setText(TITLE, header.title)
        item.setToolTip(TITLE, plain_tip(f"{header.title}: {CHECKING_NOTE}"))
        item.setData(TITLE, ACCESSIBLE_DESCRIPTION_ROLE, CHECKING_NOTE)
        _fill_about(item, header.description)
        item.setData(QUESTIONS, SORT_ROLE, -1)
        item.setText(STATUS, CHECKING_STATUS)
        item.setToolTip(STATUS, CHECKING_NOTE)
        item.setData(STATUS, ACCESSIBLE_DESCRIPTION_ROLE, CHECKING_NOTE)

    def _select_first(self) -> bool:
        """Select the first bank that can be studied (or the first entry of all)."""
        items = self._items()
        for item in items:
            entry = self.context.library.entry(item.data(0, PATH_ROLE))
            if entry is not None and entry.bank is not None:
                self.tree.setCurrentItem(item)
                return True
        if items:
            self.tree.setCurrentItem(items[0])
            return True
        return False

    def _items(self) -> list[QTreeWidgetItem]:
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in found if item is not None]

    def select_path(self, path: str | None) -> bool:
        if not path:
            return False
        for item in self._items():
            if item.data(0, PATH_ROLE) == path:
                self.tree.setCurrentItem(item)
                return True
        return False

    def select_bank(self, bank_id: str | None) -> bool:
        if not bank_id:
            return False
        for entry in self.context.library.entries:
            if entry.bank is not None and entry.bank.id == bank_id:
                return self.select_path(entry.path)
        return False

    def selected_path(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, PATH_ROLE)

    def selected_entry(self):
        path = self.selected_path()
        return None if path is None else self.context.library.entry(path)

    def selected_bank(self):
        entry = self.selected_entry()
        return None if entry is None else entry.bank

    def _show_selected(self) -> None:
        entry = self.selected_entry()
        self._update_buttons()
        if entry is None:
            self.details.clear()
            return
        if entry.checking is not None:
            write_checking_details(self.details, entry)
            return
        bank = entry.bank
        if bank is not None:
            self.context.bank_id = bank.id
        summary = counts = None
        if bank is not None:
            summary = bank_summary(self.context.store, self.context.learner_id, bank)
            counts = bank_counts(self.context.store, self.context.learner_id, bank)
        write_details(self.details, entry, summary, counts)

    def _update_buttons(self) -> None:
        bank = self.selected_bank()
        for button in (self.quiz_button, self.flash_button, self.practice_button):
            button.setEnabled(bank is not None and self.context.learner_id is not None)
        self.progress_button.setEnabled(bank is not None and self.context.learner_id is not None)
        self.edit_button.setEnabled(self.selected_path() is not None)

    def _request_edit(self) -> None:
        path = self.selected_path()
        if path is not None:
            self.edit_requested.emit(path)

    def _request(self, signal) -> None:
        bank = self.selected_bank()
        if bank is None or self.context.learner_id is None:
            return
        self.context.bank_id = bank.id
        signal.emit(bank.id)

    # -- library events ----------------------------------------------------------------

    def _on_load_started(self) -> None:
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.setVisible(True)

    def _on_load_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_banks_listed(self) -> None:
        self.progress.setFormat("Checking…")
        self.progress.setAccessibleDescription(checking_message(self.context.library.checking()))
        self.redraw_rule.changed()

    def _on_library_loaded(self) -> None:
        self.progress.setVisible(self.context.library.loading)
        self.progress.setFormat(LOADING_FORMAT)
        self.progress.setAccessibleDescription("")
        self.redraw_rule.changed()

    def _on_store_changed(self, changes: Changes) -> None:
        # The tree shows the learner's scores and due cards per bank.
        shown = changes.answers or changes.cards or changes.sessions or changes.banks
        if shown and changes.concerns(self.context.learner_id):
            self.redraw_rule.changed()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        # The system switched between light and dark: recolour the status column.
        if event.type() == event.Type.PaletteChange and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.redraw_rule.shown()
