"""Suspended cards in the flashcard screen: its "More" menu (Suspend card, @, as Anki's
reviewer; Suspended cards…) and the dialog that lists a bank's suspended cards and brings
them back.

A suspended card stays out of flashcards, practice and the due counts until the learner
brings it back; its schedule and reviews are kept (quizapp.core.store.cards). Every read
and write runs off the GUI thread: the list as a QueryOp on the reader thread, bringing
cards back as a WriteOp on the writer thread (gui.operations).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.plural import counted
from quizapp.gui.operations import Changes, QueryOp, WriteOp

if TYPE_CHECKING:
    from collections.abc import Callable

    from quizapp.core.flashcard_session import FlashcardSession
    from quizapp.core.model import Bank, Question
    from quizapp.gui.context import AppContext
    from quizapp.gui.flashcard_summary import ReviewCounts
    from quizapp.gui.operations import Operations

# Anki's reviewer suspends the card shown with "@" (More > Suspend Card).
SUSPEND_KEYS = "@"


def suspension_changes(learner_id: int | None, bank_id: str) -> Changes:
    """What suspending or bringing back a card changes: the bank's cards (due counts)."""
    return Changes(cards=True, learner_id=learner_id, bank_ids=frozenset((bank_id,)))


class MoreMenu:
    """The flashcard screen's "More" button and its menu: "Suspend card" (@, on the card
    shown) and "Suspended cards…" (this bank's, to bring back). The actions belong to the
    screen, so that @ works wherever the focus is in it."""

    def __init__(self, screen: QWidget, suspend, show_suspended) -> None:
        self.button = QPushButton("&More")
        self.button.setAccessibleName("More for this card")
        self.button.setToolTip("Suspend this card, or see the cards you suspended (Alt+M)")
        menu = QMenu(self.button)
        self.suspend_action = QAction("&Suspend card", screen)
        self.suspend_action.setShortcuts([QKeySequence(SUSPEND_KEYS)])
        self.suspend_action.setProperty("shortcutContext", "WidgetWithChildrenShortcut")
        self.suspend_action.setToolTip(
            "Keep this card out of your flashcards, practice and due counts until you "
            f"bring it back (Suspended cards…) ({SUSPEND_KEYS})")
        self.suspend_action.setStatusTip(self.suspend_action.toolTip())
        self.suspend_action.triggered.connect(suspend)
        screen.addAction(self.suspend_action)
        menu.addAction(self.suspend_action)
        self.list_action = QAction("Suspended &cards…", screen)
        self.list_action.setToolTip("See this bank's suspended cards and bring them back")
        self.list_action.triggered.connect(show_suspended)
        menu.addAction(self.list_action)
        menu.setToolTipsVisible(True)
        self.button.setMenu(menu)
        self.menu = menu


def suspend_shown_card(parent: QWidget, operations: Operations, session: FlashcardSession,
                       suspended: Callable[[Question, ReviewCounts], None],
                       failed: Callable[[Exception], None]) -> None:
    """Suspend the card `session` shows, on the writer thread (gui.operations); then
    `suspended` gets its question and the review's counts after it, on the GUI thread."""
    from quizapp.gui.flashcard_summary import counts_of

    def suspend(_store) -> tuple[Question, ReviewCounts]:
        return session.suspend_current(), counts_of(session)

    learner_id, bank_id = session.learner_id, session.bank.id
    WriteOp(parent=parent, op=suspend, success=lambda done: suspended(*done),
            # the last card's suspension finishes the review
            changes=lambda _done: suspension_changes(learner_id, bank_id) | (
                Changes.session(learner_id, bank_id) if session.finished else Changes()),
            ).failure(failed).run_in_background(operations)


def leave_out_suspended_elsewhere(parent: QWidget, operations: Operations,
                                  session: FlashcardSession, changes: Changes,
                                  left_out: Callable[[tuple[int, ReviewCounts]], None],
                                  failed: Callable[[Exception], None]) -> bool:
    """After rows pulled by the class sync (`changes.pulled`), the cards of `session`
    suspended on the learner's other computer leave it, on the writer thread; then
    `left_out` gets how many left and the review's counts, on the GUI thread. False, and
    nothing run, when the changes do not concern the session."""
    from quizapp.gui.flashcard_summary import counts_of

    learner_id, bank_id = session.learner_id, session.bank.id
    if (session.finished or not changes.pulled or not changes.concerns(learner_id)
            or not changes.concerns_bank(bank_id)):
        return False
    WriteOp(parent=parent,
            op=lambda _store: (session.leave_out_suspended_elsewhere(), counts_of(session)),
            success=left_out,
            # the last card's leaving finishes the review
            changes=lambda _done: Changes.session(learner_id, bank_id) if session.finished
            else Changes()).failure(failed).run_in_background(operations)
    return True


def suspended_note(question: Question, can_undo: bool) -> str:
    """What the flashcard screen says after suspending a card."""
    from quizapp.core.flashcard_session import what_it_asks
    from quizapp.gui.charts import elide, plain_text  # (QtCharts: not on the start path)

    asked = elide(plain_text(what_it_asks(question)), 80)  # Markdown's marks not shown
    back = "Ctrl+Z brings it back now, or " if can_undo else ""
    return (f"Suspended “{asked}”: it stays out of your flashcards, practice and due counts. "
            f"{back}More > Suspended cards… brings it back later.")


def _card_line(question_text: str, when: datetime) -> str:
    from quizapp.gui.charts import elide, plain_text

    return f"{elide(plain_text(question_text))} — suspended {when.astimezone():%d %b %Y}"


class SuspendedCardsDialog(QDialog):
    """This learner's suspended cards of a bank, and "Bring back" for those selected."""

    listed = Signal()  # the list was read (and is shown)
    cards_unsuspended = Signal(list)  # the question ids brought back (committed)

    def __init__(self, context: AppContext, learner_id: int, bank: Bank,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.learner_id = learner_id
        self.bank = bank
        self.setWindowTitle(f"Suspended cards — {bank.title}")
        self.setAccessibleName("Suspended cards")
        layout = QVBoxLayout(self)
        self.note = QLabel("Loading…")
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # holds bank text
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.cards = QListWidget()
        self.cards.setAccessibleName("Suspended cards")
        self.cards.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.cards.itemSelectionChanged.connect(self._update_button)
        # Enter (or a double click) on the list brings back the selected cards
        self.cards.activated.connect(lambda _index: self.bring_back_selected())
        layout.addWidget(self.cards, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.bring_back_button = QPushButton("&Bring back")
        self.bring_back_button.setAccessibleName("Bring the selected cards back")
        self.bring_back_button.setToolTip(
            "Study the selected cards again: they come back in flashcards, practice and the "
            "due counts, with their schedule as it was")
        self.bring_back_button.clicked.connect(self.bring_back_selected)
        buttons.addButton(self.bring_back_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 360)
        self._busy = False
        self._update_button()
        self.reload()

    def reload(self) -> None:
        learner_id, bank_id = self.learner_id, self.bank.id
        QueryOp(parent=self, op=lambda store: store.suspended_questions(learner_id, bank_id),
                success=self._show_list).failure(self._show_failure).run_in_background(
            self.context.operations)

    def _show_list(self, suspended: dict[str, datetime]) -> None:
        from quizapp.core.flashcard_session import what_it_asks

        self.cards.clear()
        by_id = {q.id: q for q in self.bank.questions}
        for qid, when in suspended.items():
            question = by_id.get(qid)
            text = what_it_asks(question) if question is not None else f"{qid} (no longer in the bank)"
            item = QListWidgetItem(_card_line(text, when))
            item.setData(Qt.ItemDataRole.UserRole, qid)
            self.cards.addItem(item)
        they, them = (("it stays", "it") if len(suspended) == 1 else ("they stay", "them"))
        self.note.setText(
            f"{counted(len(suspended), 'card')} of this bank suspended: {they} out of "
            f"your flashcards, practice and due counts (a quiz or an exam still asks {them}). "
            "Select the ones to study again and press Bring back (Enter)."
            if suspended else "No card of this bank is suspended. Press @ on a card in "
            "the flashcards to suspend it.")
        if suspended:
            self.cards.setCurrentRow(0)
        self._update_button()
        self.listed.emit()

    def _show_failure(self, error: Exception) -> None:
        self._busy = False
        self.note.setText(f"The suspended cards could not be read or changed: {error}")
        self._update_button()

    def _update_button(self) -> None:
        self.bring_back_button.setEnabled(not self._busy and bool(self.cards.selectedItems()))

    def bring_back_selected(self) -> None:
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in self.cards.selectedItems()]
        if self._busy or not ids:
            return
        self._busy = True
        self._update_button()
        learner_id, bank_id = self.learner_id, self.bank.id
        WriteOp(parent=self,
                op=lambda store: store.set_suspended(learner_id, bank_id, ids, False),
                success=lambda _count: self._on_brought_back(ids),
                changes=suspension_changes(learner_id, bank_id)).failure(
            self._show_failure).run_in_background(self.context.operations)

    def _on_brought_back(self, question_ids: list[str]) -> None:
        self._busy = False
        self.cards_unsuspended.emit(question_ids)
        self.reload()
