"""The bank library: every bank with the learner's scores, and the ways to study it.

A bank with problems stays in the list, marked, with each problem (file:line)
shown below when it is selected; it simply cannot be studied until fixed.
A new or edited bank is listed from its header while its questions are checked,
marked as being checked and not yet studyable (BankLibrary.banks_listed).

The rows are filled from the library at once; the learner's scores and counts are read on
the reader thread (gui/library_counts.py) and put on the rows when they arrive. A change
(Changes) counts again only the banks it names; the details of a selected bank show the
numbers its row shows, read nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quizapp.gui.bank_list import BankList
from quizapp.gui.changes import Changes, StaleAware
from quizapp.gui.context import call_when_idle
from quizapp.gui.interrupted import SessionNotes
from quizapp.gui.library_details import write_checking_details, write_details
from quizapp.gui.library_rows import (
    BANK_ID_ROLE,
    LAST,
    NEW,
    PATH_ROLE,
    STATUS,
    TITLE,
    GoneBank,
    checking_message,
    fill_values,
    make_row,
    row_key,
    sort_rows,
)
from quizapp.gui.theme import scale_text

if TYPE_CHECKING:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QPalette

    from quizapp.core.model import Bank
    from quizapp.gui.context import AppContext
    from quizapp.gui.library_counts import BankValues, LoadedCounts

LOADING_FORMAT = "Loading banks… %v/%m"


class LibraryScreen(QWidget):
    quiz_requested = Signal(str)  # bank id
    flashcards_requested = Signal(str)
    practice_requested = Signal(str)
    progress_requested = Signal(str)
    add_folder_requested = Signal()
    edit_requested = Signal(str)  # the bank file's path (a broken bank can be edited too)
    counts_shown = Signal()  # a count from the reader thread is on the rows, none is due

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Bank library")
        self.redraw_rule = StaleAware(self, self.refresh, self.isVisible)
        # Counts again when the next card falls due (a learning card, minutes away), as
        # the flashcard summary does: "0 due" must not stay on screen once one is due.
        self._due_timer = QtCore.QTimer(self)
        self._due_timer.setSingleShot(True)
        # A coarse timer may fire up to 5% early (250 ms of a 5 s wait): the card would not
        # be due yet when it is looked at (see _on_due). Set by name: naming
        # Qt.TimerType would build every enum of Qt's namespace before the first paint.
        self._due_timer.setProperty("timerType", "PreciseTimer")
        self._due_timer.timeout.connect(self._on_due)
        # What the last counts read (on the reader thread) per bank id, for this learner;
        # the banks to count again (None: every one); the writer's data_version at the
        # last count of every bank (another connection's write changes it).
        self._values: dict[str, BankValues] = {}
        self._unread: dict[str, str] = {}  # bank id -> why its numbers could not be read
        self._values_learner: int | None = None
        self._uncounted = 0
        self._stale_banks: set[str] | None = None
        self._seen_version: int | None = None
        self._others_may_have_written = False
        self._counting = False
        self._rows: dict[str, list[QTreeWidgetItem]] = {}  # bank id -> its rows
        # Each entry's path -> what its row shows (row_key) and the row; every row is built
        # again at the next refresh when _rebuild_rows (another learner).
        self._shown: dict[str, tuple[tuple, QTreeWidgetItem]] = {}
        self._rebuild_rows = False
        self._listed: list | None = None  # the library's entries the rows were made from
        # The bank the learner had selected when a reload found its file gone: nothing is
        # selected until they choose again, so that Q never starts another bank.
        self._gone: GoneBank | None = None
        # A bank file just imported or made (select_when_listed): selected once its row is
        # listed, which happens after the library has loaded it; forgotten when a load
        # ends without it.
        self._listed_next: str | None = None
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
        self.session_notes = SessionNotes(self, self.session_note, self.context)

        splitter = QSplitter()
        splitter.setProperty("orientation", "Vertical")
        self.bank_list = BankList(self)
        self.tree = self.bank_list.tree
        self.title_column = self.bank_list.title_column
        self.about_column = self.bank_list.about_column
        self.full_rows = self.bank_list.full_rows
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
        """Show the library as loaded, with the current learner's scores as last counted;
        the banks not counted yet (or changed since) are counted on the reader thread, and
        their rows filled when the count returns (`counts_shown`)."""
        self.redraw_rule.stale = False
        self.session_notes.show_pending()
        library = self.context.library
        learner_id = self.context.learner_id
        if learner_id != self._values_learner:  # another learner: nothing counted yet
            self._values.clear()
            self._unread.clear()
            self._values_learner = learner_id
            self._stale_banks = None
            self._uncounted = 0
            self._rebuild_rows = True  # every row blank until counted for them
        selected = self._selection()
        # Only with banks to show: at startup (none yet) these would build QPalette's and Qt's enums.
        palette = self.palette() if library.entries else None
        row_hint = self.full_rows.hint() if library.entries else None
        right_aligned = (QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
                         if library.entries else None)
        if library.entries:
            self.bank_list.end_on_whole_words()
        # A row is kept while its entry shows the same (row_key): a reload after one bank
        # was saved or imported builds that row alone (every row was built again and
        # sorted, 2 s on the GUI thread with 10,000 banks).
        if self._rebuild_rows or library.entries is not self._listed:
            self._update_rows(palette, row_hint, right_aligned)
        self._select_again(selected)
        self._show_message()
        self._show_selected()
        # Counted even when nothing here changed: another window (or `quizapp sync`) may
        # have written since (load_counts then counts every bank).
        self._others_may_have_written = True
        self._recount()

    def _update_rows(self, palette: QPalette | None, row_hint: QSize | None,
                     right_aligned: QtCore.Qt.AlignmentFlag | None) -> None:
        """The rows for the library's entries now: the rows of unchanged entries kept."""
        entries = self.context.library.entries
        old = {} if self._rebuild_rows else self._shown
        self._rebuild_rows = False
        self._listed = entries
        shown: dict[str, tuple[tuple, QTreeWidgetItem]] = {}
        made: list[QTreeWidgetItem] = []
        gone: list[QTreeWidgetItem] = []
        self._rows.clear()
        for entry in entries:
            key = row_key(entry)
            kept = old.pop(entry.path, None)
            if kept is not None and kept[0] == key:
                item = kept[1]
            else:
                if kept is not None:
                    gone.append(kept[1])
                values = self._values.get(entry.bank.id) if entry.bank is not None else None
                item = make_row(entry, values, self.context.learner_id is not None, palette,
                                row_hint, right_aligned)
                made.append(item)
            shown[entry.path] = (key, item)
            if entry.bank is not None:
                self._rows.setdefault(entry.bank.id, []).append(item)
        gone += [item for _, item in old.values()]
        self._shown = shown
        if made or gone:
            self.bank_list.place_rows(made, gone, [item for _, item in shown.values()])
            self._arm_due_timer()

    def _show_message(self) -> None:
        """The line under the banks: a load error, banks being checked, no banks, or why
        the counts are behind or unknown."""
        library = self.context.library
        checking = library.checking()
        if library.error:
            self.empty_label.setText(f"Some banks could not be loaded: {library.error}")
        elif self._gone is not None and self.tree.currentItem() is None:
            self.empty_label.setText(self._gone.note)
        elif checking:
            self.empty_label.setText(checking_message(checking))
        elif library.loaded and not library.entries:
            self.empty_label.setText("No banks yet. Add a folder of banks (Ctrl+O) or drop a .yaml file here.")
        elif library.entries and (note := self._counts_note()):
            self.empty_label.setText(note)
        else:
            self.empty_label.clear()
        self.empty_label.setVisible(bool(self.empty_label.text()))

    def _counts_note(self) -> str:
        if self.context.learner_id is None or not self._values:
            return ""
        from quizapp.gui.library_counts import counts_note

        # The few banks whose numbers could not be read, not every row (10,000 of them).
        problems = [problem for bank_id, problem in self._unread.items() if bank_id in self._rows]
        return counts_note(problems, self._uncounted)

    def _keep_values(self, values: dict[str, BankValues]) -> None:
        self._values.update(values)
        for bank_id, bank_values in values.items():
            if bank_values.problem:
                self._unread[bank_id] = bank_values.problem
            else:
                self._unread.pop(bank_id, None)

    # -- counting (on the reader thread) -------------------------------------------------

    @property
    def counting(self) -> bool:
        """A count is on the reader thread, or banks wait to be counted."""
        return self._counting or self._stale_banks is None or bool(self._stale_banks)

    def recount(self, bank_ids: frozenset[str] | None = None) -> None:
        """Count the banks `bank_ids` (None: every bank) again: now while the library is
        shown, else when it is shown next."""
        if bank_ids is None:
            self._stale_banks = None
        elif self._stale_banks is not None:
            self._stale_banks |= bank_ids
        if self.isVisible():
            self._recount()

    def _needs_count(self, bank: Bank) -> bool:
        values = self._values.get(bank.id)
        stale = self._stale_banks
        if stale is None or bank.id in stale or values is None:
            return True
        # A bank reloaded from the same bytes (a new object) counts as before: a reload
        # after one bank was saved counts that one, not all 10,000.
        counted = values.bank
        return counted is not bank and (not bank.content_hash
                                        or counted.content_hash != bank.content_hash)

    def _recount(self) -> None:
        """Count on the reader thread the banks not counted yet or changed since. One count
        at a time: the banks marked while it runs are counted once it has returned."""
        learner_id = self.context.learner_id
        if self._counting or learner_id is None:
            return
        all_banks: list[Bank] = self.context.library.banks()
        banks = [bank for bank in all_banks if self._needs_count(bank)]
        if not banks and not (self._others_may_have_written and all_banks):
            return  # (no bank listed yet, at startup: no thread, nothing imported for it)
        seen_version = None if self._stale_banks is None else self._seen_version
        self._stale_banks = set()
        self._others_may_have_written = False
        self._counting = True
        writer = self.context.store
        # Imported once banks are listed: the first paint needs neither (nor dataclasses).
        from quizapp.gui.library_counts import load_counts
        from quizapp.gui.operations import QueryOp

        operations = self.context.operations
        query = QueryOp(
            parent=self,
            op=lambda reader: load_counts(reader, writer, learner_id, banks, all_banks,
                                          seen_version),
            success=self._on_counted,
        ).failure(lambda exc: self._on_count_failed(learner_id, banks, exc))

        def start() -> None:
            try:
                query.run_in_background(operations)
            except RuntimeError:  # the window closed first: nobody to show the counts to
                pass

        # Started once the rows are painted and the event loop idles: running at once, the
        # count's Python takes the GIL from the paint in turns.
        call_when_idle(start)

    def _on_counted(self, loaded: LoadedCounts) -> None:
        self._counting = False
        if loaded.learner_id == self.context.learner_id == self._values_learner:
            from quizapp.gui.library_counts import same_numbers

            # Only the rows whose numbers moved are filled (a count of everything, after
            # another window wrote, mostly finds the rows as they are).
            moved = {bank_id: values for bank_id, values in loaded.values.items()
                     if not same_numbers(self._values.get(bank_id), values)}
            self._keep_values(loaded.values)
            if loaded.everything:
                self._seen_version = loaded.data_version
            self._uncounted = loaded.uncounted
            if moved:
                self._show_values(moved)
            else:  # nobody else wrote: the rows stand; only the note may have changed
                self._show_message()
        self._count_more()

    def _on_count_failed(self, learner_id: int, banks: list[Bank], exc: Exception) -> None:
        """The count could not run at all (the reader could not open the file): "–" and why."""
        self._counting = False
        if learner_id == self.context.learner_id == self._values_learner:
            from quizapp.gui.library_counts import BankValues

            failed = {bank.id: BankValues(bank, None, None, str(exc)) for bank in banks}
            self._keep_values(failed)
            self._show_values(failed)
        self._count_more()

    def _count_more(self) -> None:
        if self.isVisible() and (self._stale_banks is None or self._stale_banks
                                 or self._others_may_have_written):
            self._recount()
        else:
            self.counts_shown.emit()

    def _show_values(self, values: dict[str, BankValues]) -> None:
        """Fill the rows (and the details, if selected) of the banks just counted."""
        # Each cell changed in a shown tree would sort it and size the columns again:
        # once, after them all.
        self.bank_list.size_columns_to_contents(False)
        for bank_id, bank_values in values.items():
            for item in self._rows.get(bank_id, ()):
                fill_values(item, bank_values, self.context.learner_id is not None)
        if self.bank_list.sorted and NEW <= self.tree.header().sortIndicatorSection() <= LAST:
            sort_rows(self.tree)
        self.bank_list.size_columns_to_contents(True)
        self._arm_due_timer()
        self._show_message()
        bank = self.selected_bank()
        if bank is not None and bank.id in values:
            self._write_details()

    def _arm_due_timer(self) -> None:
        """Count again when the first card not yet due falls due (at most an hour ahead:
        the timer is armed again then)."""
        self._due_timer.stop()
        shown = [values.counts for bank_id in self._rows
                 if (values := self._values.get(bank_id)) is not None]
        if not shown:
            return
        from quizapp.core.bank_counts import next_change

        when = next_change(shown)
        if when is not None:
            seconds = (when - datetime.now(UTC)).total_seconds()
            self._due_timer.start(max(0, min(3_600_000, int(seconds * 1000) + 50)))

    def _on_due(self) -> None:
        """A card fell due (or an hour passed): count the banks whose cards did."""
        now = datetime.now(UTC)
        due = frozenset(
            bank_id for bank_id in self._rows
            if (values := self._values.get(bank_id)) is None or values.counts is None
            or (values.counts.next_due is not None and values.counts.next_due <= now))
        if not due:  # it fired before the card fell due: wait for it again
            self._arm_due_timer()
            return
        self.recount(due)  # armed again when their counts are shown

    def _selection(self) -> GoneBank | None:
        """The selected row's path, bank id and title, to find it again after a reload."""
        item = self.tree.currentItem()
        if item is None:
            return None
        return GoneBank(item.data(0, PATH_ROLE), item.data(0, BANK_ID_ROLE), item.text(TITLE))

    def _select_again(self, selected: GoneBank | None) -> None:
        """Select the same bank after a reload, wherever it now sorts (by its path, or by
        its id when its file was moved); when it is gone, nothing: the first row or a
        neighbour would be a bank the learner did not choose, and Q would start it."""
        if self._listed_next is not None:
            if self.select_path(self._listed_next):
                self._listed_next = self._gone = None
                return
            if not self.context.library.loading:
                # A whole load (the one the import started, or a later one) ended without
                # it: it is not coming. Kept, a bank listed there much later would take the
                # selection from the one the learner chose since.
                self._listed_next = None
        wanted = selected or self._gone
        if wanted is None:  # nothing chosen yet: the bank last studied, or the first
            self.select_bank(self.context.bank_id) or self._select_first()
        elif self.select_path(wanted.path) or self.select_bank(wanted.bank_id):
            self._gone = None
        else:
            self._gone = wanted
            self.tree.setCurrentIndex(QtCore.QModelIndex())

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

    def select_when_listed(self, path: str) -> None:
        """Select the bank file `path` (a new one: imported, say) as soon as the library
        lists it, in place of the selection the reloads keep."""
        self._listed_next = str(Path(path).expanduser().resolve())
        self.select_path(self._listed_next)

    def select_path(self, path: str | None) -> bool:
        shown = self._shown.get(path) if path else None
        if shown is None:
            return False
        self.tree.setCurrentItem(shown[1])
        return True

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
        if entry is not None:
            if self._gone is not None:  # the learner chose another row
                self._gone = None
                self._show_message()
            if entry.bank is not None:
                self.context.bank_id = entry.bank.id
        self._write_details()

    def _write_details(self) -> None:
        """The selected bank's details, with its numbers as last counted (the count the
        rows show: a selection move reads nothing from the store)."""
        entry = self.selected_entry()
        if entry is None:
            self.details.clear()
            return
        if entry.checking is not None:
            write_checking_details(self.details, entry)
            return
        values = self._values.get(entry.bank.id) if entry.bank is not None else None
        write_details(self.details, entry, values.summary if values is not None else None,
                      values.counts if values is not None else None)

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
        if bank is None and self._gone is not None:  # say why the key starts nothing
            self._show_message()
            QApplication.beep()
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
        if not shown or not changes.concerns(self.context.learner_id):
            return
        if changes.banks:  # a write nobody described (a restore, a test): all of it again
            self.recount(None)
            self.redraw_rule.changed()
        else:  # an answer, a session, a sync: only the rows of the banks it touched
            self.recount(changes.bank_ids)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        # View > Theme, or the system switched between light and dark: recolour the status
        # of the broken banks, shown or not (the rows are kept while their banks are the
        # same: chosen from another screen, the old theme's red stayed).
        if event.type() == event.Type.PaletteChange and self._listed:
            self._recolour_broken_rows()

    def _recolour_broken_rows(self) -> None:
        """A broken bank's status in the palette's red (make_row's colour)."""
        from quizapp.gui.context import status_colour

        wrong = status_colour(self.palette(), False)
        for entry in self._listed or ():
            if entry.bank is None and entry.checking is None:
                self._shown[entry.path][1].setForeground(STATUS, wrong)

    def event(self, event) -> bool:  # noqa: A003 (Qt override)
        # The window was activated (Qt passes WindowActivate on to its shown children): the
        # learner may come back from another window that wrote.
        if event.type() == event.Type.WindowActivate and self.isVisible():
            self._recount_if_others_wrote()
        return super().event(event)

    def _recount_if_others_wrote(self) -> None:
        """Another window (or quizapp, or `quizapp sync`) on this data folder writes through
        a connection of its own, which announces nothing here: the rows kept a score 30 s
        old. The reader thread compares the file's data_version with the last count's and
        counts every bank only when it changed (a cheap query when nobody wrote). A count
        under way (refresh() starts one as the library shows) reads the file as it is now."""
        if self._counting:
            return
        self._others_may_have_written = True
        self._recount()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        if not event.spontaneous():  # left (not the window minimised): its note was read
            self.session_notes.hide()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.redraw_rule.shown()
        self._recount()  # the banks a change marked while hidden (refresh() counts all)
