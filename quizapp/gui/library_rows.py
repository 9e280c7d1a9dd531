"""A bank's row in the library's list (gui/library_screen.py): its columns, how it sorts,
the cells filled from the bank's header while its questions are checked, and what the line
under the rows says of banks being checked or of a selected bank that is gone."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from quizapp.core.percent import percent_text
from quizapp.gui.context import status_colour
from quizapp.gui.library_details import copy_of_whom, replaces_note, short_description
from quizapp.gui.tips import plain_tip

if TYPE_CHECKING:
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QPalette

    from quizapp.core.library import BankEntry
    from quizapp.gui.library_counts import BankValues

# Qt.* is named only once banks are listed, never while the window first shows (see
# quizapp/gui/__init__.py); enum properties are set by key name until then.
USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole; item roles are plain ints in the API
PATH_ROLE = USER_ROLE
SORT_ROLE = USER_ROLE + 1
BANK_ID_ROLE = USER_ROLE + 2  # on a studyable bank's row (column 0)
ACCESSIBLE_DESCRIPTION_ROLE = 12  # Qt.ItemDataRole.AccessibleDescriptionRole
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


class BankRow(QTreeWidgetItem):
    """A bank's row in the library's list (sorted by sort_rows, not by Qt)."""


def sort_key(column: int, row: QTreeWidgetItem) -> tuple:
    """Where a row sorts by `column`: numbers (SORT_ROLE) as numbers, before the rows that
    have none; other cells by their text in any case."""
    value = row.data(column, SORT_ROLE)
    if value is None:
        return (1, 0, row.text(column).casefold())
    return (0, value, "")


def sort_by_title(tree: QTreeWidget) -> None:
    """A to Z by title from now on, and each column sorted by a click on its header (the
    header's sortIndicatorChanged calls sort_rows)."""
    from PySide6.QtCore import Qt  # named once banks are listed, never at startup

    header = tree.header()
    header.blockSignals(True)  # sorted once the rows are all in
    header.setSortIndicator(TITLE, Qt.SortOrder.AscendingOrder)
    header.blockSignals(False)
    header.setSortIndicatorShown(True)
    header.setSectionsClickable(True)


def sort_rows(tree: QTreeWidget) -> None:
    """Order the rows as the header's sort indicator says, the current row kept.

    Python sorts them by one key each, and they go back in one call: Qt's own sort (the
    tree's sorting enabled) called a Python __lt__ for every pair it compared, 230,000 calls
    and 5 s on the GUI thread for 10,000 banks, now about 0.1 s.
    """
    from PySide6.QtCore import Qt  # named once banks are listed, never at startup

    header = tree.header()
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    current = tree.currentItem()
    tree.blockSignals(True)  # the same row is current again below: nothing to show anew
    try:
        rows = tree.invisibleRootItem().takeChildren()
        rows.sort(key=partial(sort_key, header.sortIndicatorSection()), reverse=descending)
        tree.addTopLevelItems(rows)
        if current is not None:
            tree.setCurrentItem(current)
    finally:
        tree.blockSignals(False)


def insert_sorted(tree: QTreeWidget, rows: list[QTreeWidgetItem]) -> None:
    """Put each of `rows` in `tree` where the header's sort indicator sorts it (after the
    rows that sort the same), the others left in place: a few binary searches, not a sort."""
    from PySide6.QtCore import Qt  # named once banks are listed, never at startup

    header = tree.header()
    column = header.sortIndicatorSection()
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    for row in rows:
        key = sort_key(column, row)
        low, high = 0, tree.topLevelItemCount()
        while low < high:
            middle = (low + high) // 2
            other_row = tree.topLevelItem(middle)
            assert other_row is not None  # (middle < the count)
            other = sort_key(column, other_row)
            if (key > other) if descending else (key < other):
                high = middle
            else:
                low = middle + 1
        tree.insertTopLevelItem(low, row)


def row_key(entry: BankEntry) -> tuple:
    """What a library entry's row shows, to tell whether a reload changed it: a bank's
    file bytes (its content hash: title, description, questions), its problems, and how it
    is listed. A bank with no hash is never the same as before."""
    bank = entry.bank
    content = None if bank is None else (bank.id, bank.content_hash or object())
    return (content, entry.checking, entry.bundled, entry.replaces, tuple(entry.problems))


def make_row(entry: BankEntry, values: BankValues | None, learner: bool,
             palette: QPalette | None, row_hint: QSize | None,
             right_aligned: Qt.AlignmentFlag | None) -> BankRow:
    """A new row for the library entry `entry`, with the scores `values` as last counted
    (blank until counted, for a `learner`); `palette` colours a broken bank's status,
    `row_hint` sizes the row, `right_aligned` places the numbers (all None when no bank
    is listed, at startup)."""
    item = BankRow()
    item.setData(0, PATH_ROLE, entry.path)
    bank = entry.bank
    errors = [p for p in entry.problems if p.severity == "error"]
    if entry.checking is not None:
        fill_checking(item, entry.checking)
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
        item.setData(0, BANK_ID_ROLE, bank.id)
        item.setText(TITLE, bank.title)
        item.setToolTip(TITLE, plain_tip(bank.title))
        fill_about(item, bank.description)
        item.setText(QUESTIONS, str(bank.question_count))
        item.setData(QUESTIONS, SORT_ROLE, bank.question_count)
        # As last counted (a reloaded bank's previous version) until counted again.
        fill_values(item, values, learner)
        warnings = len(entry.problems)
        status = "bundled" if entry.bundled else "ready"
        if warnings:
            status += f", {warnings} warning{'' if warnings == 1 else 's'}"
        if entry.replaces:  # said whole in the tooltip and the details
            status += f" · {copy_of_whom(entry.path)} copy"
            item.setToolTip(STATUS, plain_tip(f"{replaces_note(entry)}: {entry.replaces}"))
        item.setText(STATUS, status)
    if right_aligned is not None:
        for column in range(NEW, QUESTIONS + 1):
            item.setTextAlignment(column, right_aligned)
    if row_hint is not None:
        item.setSizeHint(ABOUT, row_hint)
    return item


def fill_about(item: QTreeWidgetItem, description: str | None) -> None:
    """The About column: the description's start, all of it in the tooltip."""
    item.setText(ABOUT, short_description(description))
    item.setToolTip(ABOUT, plain_tip(" ".join((description or "").split())))


def fill_checking(item: QTreeWidgetItem, header) -> None:
    """A bank listed from its header (core.bank_header) while its questions are checked."""
    item.setText(TITLE, header.title)
    item.setToolTip(TITLE, plain_tip(f"{header.title}: {CHECKING_NOTE}"))
    item.setData(TITLE, ACCESSIBLE_DESCRIPTION_ROLE, CHECKING_NOTE)
    fill_about(item, header.description)
    item.setData(QUESTIONS, SORT_ROLE, -1)
    item.setText(STATUS, CHECKING_STATUS)
    item.setToolTip(STATUS, CHECKING_NOTE)
    item.setData(STATUS, ACCESSIBLE_DESCRIPTION_ROLE, CHECKING_NOTE)


def fill_values(item: QTreeWidgetItem, values: BankValues | None, learner: bool) -> None:
    """A bank row's scores and counts: blank until first counted (for a learner), "–" when
    unknown."""
    pending = values is None and learner
    summary = values.summary if values is not None else None
    counts = values.counts if values is not None else None
    best = summary.best_score if summary is not None else None
    last = summary.last_score if summary is not None else None
    for column, score in ((BEST, best), (LAST, last)):
        item.setText(column, "" if pending else percent_text(score))
        item.setData(column, SORT_ROLE, -1.0 if score is None else score)
    for column, value in (
        (NEW, None if counts is None else counts.new),
        (LEARNING, None if counts is None else counts.learning),
        (DUE, None if counts is None else counts.due),
    ):
        item.setText(column, "" if pending else "–" if value is None else str(value))
        item.setData(column, SORT_ROLE, -1 if value is None else value)

def checking_message(checking: list) -> str:
    """What the library says while new banks (library entries) are being checked."""
    if len(checking) == 1:
        return (f"“{checking[0].checking.title}” is new or changed: its questions are being "
                "checked. It can be studied once the check ends.")
    return (f"{len(checking)} banks are new or changed: their questions are being checked. "
            "Each can be studied once its check ends.")


class GoneBank(NamedTuple):
    """A selected bank, as found again after a reload (or said to be gone). A NamedTuple:
    a dataclass would import and compile at startup (tests/test_startup_imports.py)."""

    path: str | None
    bank_id: str | None
    title: str

    @property
    def note(self) -> str:
        return (f"“{self.title}” is no longer in the library: its file was deleted or moved. "
                "Choose a bank to study.")
