"""Flashcards: due cards first (FSRS), Space flips, 1-4 rate Again/Hard/Good/Easy.

A passive view over quizapp.core.session.FlashcardSession: every rating is
recorded by the session (in the store) before the next card is shown. Ctrl+Z (or
"Undo rating") takes the last rating back while the next card shows, and the last card's
from the finished review's summary ("Undo last rating"): the retraction is committed
before the rated card comes back.

Nothing that queries or writes the store runs on the GUI thread during a review: building
the session (the due-card query and the session row), each rating and each undo run as
write ops on the writer thread (quizapp.gui.operations), together with the counts shown
after them (`ReviewCounts`); the screen shows "Loading…" meanwhile and ignores keys until the
op's result arrives.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSlider,
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from quizapp.core.interval_preview import describe_due, short_preview, spoken_preview
from quizapp.core.store.errors import StoreError
from quizapp.gui.card import keep_reading_width
from quizapp.gui.card_sides import CardSides
from quizapp.gui.flashcard_card_buttons import RATINGS, CardButtons
from quizapp.gui.flashcard_done_page import ReviewDonePage
from quizapp.gui.flashcard_header import ReviewHeader, ReviewNote
from quizapp.gui.flashcard_summary import (
    ReviewCounts,
    counts_of,
    header_text,
    progress_line,
    review_summary,
)
from quizapp.gui.focus_keys import focused_button, press_focused_button
from quizapp.gui.leave_dialog import ask_to_leave, still_recorded
from quizapp.gui.markdown import bank_dir_of
from quizapp.gui.operations import Changes, WriteOp
from quizapp.gui.suspended_cards import (
    MoreMenu,
    SuspendedCardsDialog,
    leave_out_suspended_elsewhere,
    suspend_shown_card,
    suspended_note,
    suspension_changes,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from quizapp.core.model import Question
    from quizapp.core.session import FlashcardSession
    from quizapp.gui.context import AppContext

RATED_ELSEWHERE_NOTE = ("That card was rated in your other quizapp window since it showed"
                        " here, so it was not rated again: here is the next one.")


class FlashcardScreen(QWidget):
    review_started = Signal()  # the session is built and its first card (or "done") shows
    review_failed = Signal(str)  # the session could not be built (the message is shown)
    card_rated = Signal(int)  # the rating just recorded (committed in the store)
    rating_retracted = Signal()  # the last rating was taken back (committed in the store)
    card_suspended = Signal(str)  # the card shown was suspended (committed): its question id
    card_unsuspended = Signal(str)  # Ctrl+Z brought the card just suspended back (committed)
    session_finished = Signal(object)  # the finished FlashcardSession (Done pressed)
    session_left = Signal()  # left with Esc, after confirming

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 in_parts: bool = False):
        """With `in_parts`, the screen is not ready to use until build_next_part() has
        returned None (gui/screen_preparation.py builds it a part per turn)."""
        super().__init__(parent)
        self.context = context
        self.session: FlashcardSession | None = None
        self.bank = None
        self._counts: ReviewCounts | None = None
        self._loading: object | None = None  # the token of the start() being built
        self._review_now: datetime | None = None  # start()'s fixed time, if it had one
        self.busy = False  # an op of this review runs: keys wait for its result
        self._taken_back = 0  # ratings of this review taken back (Ctrl+Z)
        # The summary says when the next card is due: redrawn when that moment comes.
        self._due_timer = QTimer(self)
        self._due_timer.setSingleShot(True)
        self._due_timer.timeout.connect(self._recount_on_summary)
        self.setAccessibleName("Flashcards")
        self._parts_left = self._build()
        if not in_parts:
            for _part in self._parts_left:
                pass

    def build_next_part(self) -> str | None:
        """Build one more part of the screen: its name, or None once the screen is whole."""
        return next(self._parts_left, None)

    # -- layout ------------------------------------------------------------------------

    def _build(self) -> Iterator[str]:
        """Build the screen, yielding the name of each part built (2-9 ms each)."""
        outer = QVBoxLayout(self)
        self.more = MoreMenu(self, self.suspend_card, self.show_suspended_cards)
        self.header = head = ReviewHeader(outer, self.more.button)
        self.title, self.counts, self.progress = head.title, head.counts, head.progress
        self.next_label, self.elsewhere_label = head.next_label, head.elsewhere_label
        self.suspended_dialog: SuspendedCardsDialog | None = None

        self.pages = QStackedWidget()
        # In a scroll area, so that a small window stays as small as it was made (the
        # card and its row of buttons made it grow by itself); what does not fit scrolls.
        self.pages_holder = QWidget()
        holder_layout = QVBoxLayout(self.pages_holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.pages, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.pages_holder)
        outer.addWidget(scroll, 1)
        yield "header"

        # page 0: the card
        card_page = QWidget()
        card_layout = QVBoxLayout(card_page)
        card_layout.setContentsMargins(0, 0, 0, 0)
        # Front and back share the height by their text; the tests reach the parts by name.
        self.card = CardSides()
        self.side_label = self.card.side_label
        self.front_view = self.card.front_view
        self.divider = self.card.divider
        self.back_view = self.card.back_view
        card_layout.addWidget(self.card, 1)
        yield "card sides"

        undo_keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        buttons = CardButtons(undo_keys)
        self.flip_button, self.rating_buttons = buttons.flip_button, buttons.rating_buttons
        self.leave_button, self.undo_button = buttons.leave_button, buttons.undo_button
        self.flip_button.clicked.connect(self.flip)
        for rating, button in self.rating_buttons.items():
            button.clicked.connect(lambda _=False, r=rating: self.rate(r))
        self.leave_button.clicked.connect(self.leave)
        self.undo_button.clicked.connect(self.undo_rating)
        card_layout.addLayout(buttons)
        self.pages.addWidget(card_page)
        yield "card buttons"

        # page 1: done / nothing due
        done_page = ReviewDonePage(undo_keys)
        self.done_label, self.done_button = done_page.label, done_page.done_button
        self.done_undo_button, self.again_button = done_page.undo_button, done_page.again_button
        self.settling = done_page.settling
        self.done_button.clicked.connect(self.close_finished)
        self.done_undo_button.clicked.connect(self.undo_rating)
        self.again_button.clicked.connect(self.review_again)
        self.pages.addWidget(done_page)

        # page 2: the review is being built (a big deck takes a moment, off the GUI thread)
        self.loading_label = QLabel("Loading…")
        self.loading_label.setAccessibleName("Loading the review")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.loading_label)

        def shortcut(keys: str | QKeySequence.StandardKey, slot) -> QShortcut:
            s = QShortcut(QKeySequence(keys), self)
            s.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            s.activated.connect(slot)
            return s

        self._shortcuts = [shortcut("Space", self._space), shortcut("Esc", self.leave)]
        for rating, *_ in RATINGS:
            self._shortcuts.append(shortcut(str(rating), lambda r=rating: self.rate(r)))
        for keys in ("Return", "Enter"):
            self._shortcuts.append(shortcut(keys, self._enter))
        for keys, action in (("PgUp", QAbstractSlider.SliderAction.SliderPageStepSub),
                             ("PgDown", QAbstractSlider.SliderAction.SliderPageStepAdd)):
            self._shortcuts.append(shortcut(keys, lambda a=action: self.card.scroll_by_page(a)))
        self._shortcuts.append(shortcut(QKeySequence.StandardKey.Undo, self.undo_rating))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTabOrder(self.flip_button, self.rating_buttons[1])
        for a, b in zip(range(1, 4), range(2, 5), strict=True):
            self.setTabOrder(self.rating_buttons[a], self.rating_buttons[b])
        self.setTabOrder(self.rating_buttons[4], self.leave_button)
        self.setTabOrder(self.leave_button, self.undo_button)
        # The card at reading width, centred, as wide on both sides (steady).
        keep_reading_width(self.pages, self.pages_holder.layout(), steady=True)
        # Last: a screen made ahead and dropped half made never hears of the store.
        self.context.events.store_changed.connect(self._on_store_changed)
        yield "done page, keys"

    # -- session -----------------------------------------------------------------------

    def start(self, bank, *, now: datetime | None = None) -> None:
        """Begin a review of `bank` for the current learner: "Loading…" shows while the
        session is built on the writer thread; review_started fires when its card shows."""
        from quizapp.core.session import FlashcardSession

        learner_id = self.context.learner_id
        if learner_id is None:  # the library offers a review only once a learner is chosen
            raise ValueError("a flashcard review needs a learner")
        self.bank = bank
        self._review_now = now
        self.session = None
        self._counts = None
        self._taken_back = 0
        self._due_timer.stop()
        self.busy = True
        self._loading = token = object()  # leaving while loading drops this start
        self.title.setText(f"Flashcards — {bank.title}")
        self.counts.setText("")
        self.next_label.setText("")
        self.pages.setCurrentIndex(2)
        self.setFocus()

        def build(store):
            session = FlashcardSession(store, learner_id, bank, now=now)
            return session, counts_of(session)

        WriteOp(parent=self, op=build, success=lambda built: self._on_started(token, built),
                changes=Changes.session(learner_id, bank.id)).failure(
            self._on_start_failed).run_in_background(self.context.operations)

    def _on_started(self, token: object, built) -> None:
        session, counts = built
        if token is not self._loading:  # left (or restarted) while it was loading
            if not session.finished:
                WriteOp(parent=self, op=lambda _store: session.abandon(), success=lambda _: None,
                        changes=Changes.session(session.learner_id, session.bank.id),
                        ).run_in_background(self.context.operations)
            return
        self._loading = None
        self.busy = False
        self.session, self._counts = session, counts
        self._show()  # the summary, when nothing is due, focuses its own button
        if not session.finished:  # the outlined focus where Space or Enter acts
            self.flip_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.review_started.emit()

    def _on_start_failed(self, error: Exception) -> None:
        message = str(error)
        self._loading = None
        self.busy = False
        self.pages.setCurrentIndex(1)
        self.done_undo_button.hide()
        self.done_label.setText(f"The review could not start: {message}")
        self.done_button.setFocus()
        self.review_failed.emit(message)

    def _bank_dir(self) -> Path | None:
        return bank_dir_of(self.bank) if self.bank is not None else None

    def _show(self) -> None:
        session = self.session
        if session is None:
            return
        self.more.suspend_action.setEnabled(not session.finished)
        self._update_counts()
        if session.finished:
            self._show_done()
            return
        self._due_timer.stop()
        self.pages.setCurrentIndex(0)
        bank_dir = self._bank_dir()
        flipped = session.flipped
        self.card.show_sides(session.front or "", (session.back or "") if flipped else None,
                             bank_dir)
        self.flip_button.setText("Hide answer" if flipped else "Show answer")
        intervals = session.rating_intervals() if flipped else {}
        for rating, name, meaning in RATINGS:
            button = self.rating_buttons[rating]
            button.setEnabled(flipped)
            after = intervals.get(rating)
            if after is None:
                button.setText(f"{rating} {name}")
                button.setAccessibleName(f"Rate {name}: {meaning}")
                button.setToolTip(f"{name}: {meaning} ({rating})")
            else:
                button.setToolTip(
                    f"{name}: {meaning} ({rating}); next review {spoken_preview(after)}"
                )
                # As Anki: the interval the rating would set, on the button itself
                # ("~" where the fuzz, drawn at the answer, may move the day).
                button.setText(f"{rating} {name} · {short_preview(after)}")
                button.setAccessibleName(
                    f"Rate {name}: {meaning}; next review {spoken_preview(after)}"
                )
        self.undo_button.setVisible(session.can_undo)
        self.undo_button.setText("Undo suspend" if session.undoes_suspension else "Undo rating")
        self.undo_button.setAccessibleName("Bring back the card just suspended"
                                           if session.undoes_suspension
                                           else "Undo the last rating")

    def _update_counts(self) -> None:
        session = self.session
        if session is None:
            return
        counts = self._counts
        if counts is None:  # a session handed over without counts (never by start())
            counts = self._counts = counts_of(session)
        self.counts.setText(header_text(session, counts))
        self.progress.setRange(0, max(1, session.total))
        self.progress.setValue(session.total if session.finished else session.position - 1)
        self.progress.setFormat(progress_line(session))
        self.progress.setVisible(not session.finished and session.total > 0)
        self.next_label.setText(f"Next card due: {describe_due(counts.next_due, session.now)}")

    def _show_done(self, *, refocus: bool = True) -> None:
        session = self.session
        if session is None:
            return
        replaced_a_card = self.pages.currentIndex() == 0 and bool(session.answers)
        self.pages.setCurrentIndex(1)
        summary = review_summary(session, self._counts)
        self.done_label.setText(summary.text)
        self.done_undo_button.setVisible(session.can_undo)
        self.again_button.setVisible(summary.to_review_now)
        self._arm_due_timer(None if summary.due_now else summary.next_due)
        if replaced_a_card:  # the last rating's key may be followed by more: not on Back
            self.settling.arm()
        elif refocus:
            self.done_button.setFocus()

    def _arm_due_timer(self, next_due: datetime | None) -> None:
        """Redraw the summary when the next card falls due, and at least each minute before
        then ("in 3 minutes" stays true). Not with a fixed review time: it never moves."""
        self._due_timer.stop()
        session = self.session
        if next_due is None or session is None or self._review_now is not None:
            return
        if next_due.tzinfo is None:
            next_due = next_due.replace(tzinfo=UTC)
        seconds = (next_due - session.now).total_seconds()
        self._due_timer.start(max(0, min(60_000, int(seconds * 1000) + 50)))

    def _recount_on_summary(self) -> None:
        """The moment the summary waited for: count the cards due again (on the writer
        thread, which owns the session's store) and redraw the summary and the header."""
        session = self.session
        if self.busy or session is None or not session.finished or self.pages.currentIndex() != 1:
            return
        self.busy = True
        WriteOp(parent=self, op=lambda _store: counts_of(session),
                success=lambda counts: self._on_recounted(session, counts),
                changes=Changes()).failure(self._on_recount_failed).run_in_background(
            self.context.operations)

    def _on_recounted(self, session: FlashcardSession, counts: ReviewCounts) -> None:
        self.busy = False
        if self.session is not session or not session.finished:
            return
        self._counts = counts
        self._update_counts()
        self._show_done(refocus=False)

    def _on_recount_failed(self, error: Exception) -> None:
        # The summary stays as it was; the library shows the cards due when it is back.
        self.busy = False
        logging.getLogger(__name__).error("could not count the cards due for the review's summary: %s", error)

    def _say_rated_elsewhere(self, skipped: bool) -> None:
        """Say (or stop saying) that the card shown was rated in another window."""
        self.header.say(RATED_ELSEWHERE_NOTE if skipped else "", ReviewNote.RATED_ELSEWHERE)

    def flip(self) -> None:
        session = self.session
        if (self.busy or session is None or session.finished
                or not self.pages.currentIndex() == 0):
            return
        if not session.flipped and session.written_elsewhere_since_shown():
            self._turn_unless_rated_elsewhere(session)
            return
        self._turn(session)

    def _turn(self, session: FlashcardSession) -> None:
        self._say_rated_elsewhere(False)
        session.flip()
        self._show()
        self._focus_card()

    def _turn_unless_rated_elsewhere(self, session: FlashcardSession) -> None:
        """Turning a card after another quizapp wrote to the file: if it rated this card
        since it showed here, the review moves on to the next card instead. Dropping the
        last card finishes the review (a store write), so the check runs as a write op."""
        self.busy = True

        def check(_store) -> tuple[bool, ReviewCounts | None]:
            try:
                if not session.drop_current_if_rated_elsewhere():
                    return False, None
            except StoreError as error:  # only a check: the card is turned as usual
                logging.getLogger(__name__).error("no check for a rating elsewhere: %s", error)
                return False, None
            return True, counts_of(session)  # counted again for the card now shown

        WriteOp(parent=self, op=check,
                success=lambda checked: self._on_checked_elsewhere(session, *checked),
                changes=lambda checked: Changes.session(session.learner_id, session.bank.id)
                if checked[0] and session.finished else Changes(),
                ).failure(self._on_check_failed).run_in_background(self.context.operations)

    def _on_checked_elsewhere(self, session: FlashcardSession, dropped: bool,
                              counts: ReviewCounts | None) -> None:
        self.busy = False
        if session is not self.session:
            return
        if not dropped:
            self._turn(session)
            return
        self._counts = counts
        self._show()
        self._say_rated_elsewhere(True)

    def _on_check_failed(self, error: Exception) -> None:
        self.busy = False  # the card stays on its front: Space turns it again
        logging.getLogger(__name__).error("no check for a rating elsewhere: %s", error)

    def _focus_card(self) -> None:
        """The focus, outlined, where the next key acts on the card: "3 Good" on the back
        (Enter rates it, Tab goes to the others), "Show answer" on the front."""
        if self.session is None or self.session.finished:
            return
        if self.session.flipped:
            self.rating_buttons[3].setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.flip_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def rate(self, rating: int) -> None:
        session = self.session
        if self.busy or session is None or session.finished or not session.flipped:
            return
        self.busy = True  # the next card shows once this rating is committed

        def record(_store):
            # Rated in another window since it showed here: not rated a second time.
            skipped = session.drop_current_if_rated_elsewhere()
            if not skipped:
                session.rate(rating)  # committed: whatever follows, the rating is stored
            try:
                # Not the card another window rated meanwhile (two windows, one learner).
                session.skip_cards_rated_elsewhere()
            except StoreError as error:  # only a look-ahead: the review goes on without it
                logging.getLogger(__name__).error("could not check for cards rated in "
                                                  "another window: %s", error)
            return skipped, counts_of(session)

        WriteOp(parent=self, op=record,
                success=lambda done: self._on_rated(session, rating, *done),
                changes=Changes.answer(session.learner_id, session.bank.id)).failure(
            self._on_rate_failed).run_in_background(self.context.operations)

    def _on_rated(self, session, rating: int, skipped: bool, counts: ReviewCounts) -> None:
        self.busy = False
        if session is not self.session:  # the window closed the review meanwhile
            return
        self._counts = counts
        if not skipped:
            self.card_rated.emit(rating)
        self._show()
        self._say_rated_elsewhere(skipped)
        if self.session is not None and not self.session.finished:  # the next card's front,
            # not a rating button the card before left disabled
            self.flip_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_rate_failed(self, error: Exception) -> None:
        message = str(error)
        # The store refused; say so and keep the card.
        self.busy = False
        QMessageBox.warning(self, "Rating not saved", f"The rating could not be saved: {message}")

    def undo_rating(self) -> None:
        """Ctrl+Z: take back the last rating; the rated card comes back, turned over.
        Right after a suspension: the suspended card comes back, as it was shown."""
        session = self.session
        if self.busy or session is None or not session.can_undo:
            return
        self.busy = True
        unsuspends = session.undoes_suspension

        def retract(_store):
            return session.undo_last(), counts_of(session)

        WriteOp(parent=self, op=retract,
                success=lambda done: self._on_retracted(session, done[0], done[1], unsuspends),
                changes=suspension_changes(session.learner_id, session.bank.id) if unsuspends
                else Changes.answer(session.learner_id, session.bank.id)).failure(
            self._on_retract_failed).run_in_background(self.context.operations)

    def _on_retracted(self, session: FlashcardSession, question: Question,
                      counts: ReviewCounts, unsuspended: bool) -> None:
        self.busy = False
        if session is not self.session:
            return
        self._counts = counts
        if unsuspended:
            self.header.say("", ReviewNote.CARD_SUSPENDED)
            self.card_unsuspended.emit(question.id)
        else:
            self._taken_back += 1  # it stays in the record: the Leave question says so
            self.rating_retracted.emit()
        self._show()
        # The card is back, turned over: the focus on "3 Good", as after Space. (The
        # "Undo rating" pressed by Enter is hidden now, and took the focus with it.)
        self._focus_card()

    def _on_retract_failed(self, error: Exception) -> None:
        message = str(error)
        # The store refused; the rating stands.
        self.busy = False
        QMessageBox.warning(
            self, "Rating not taken back", f"The rating could not be taken back: {message}"
        )

    def suspend_card(self) -> None:
        """@ or More > Suspend card: the card shown leaves this review and stays out of
        flashcards, practice and the due counts until brought back; the next card shows
        once the suspension is committed (Ctrl+Z brings the card back)."""
        session = self.session
        if (self.busy or session is None or session.finished
                or self.pages.currentIndex() != 0):
            return
        self.busy = True
        suspend_shown_card(self, self.context.operations, session,
                           lambda question, counts: self._on_suspended(session, question, counts),
                           self._on_suspend_failed)

    def _on_suspended(self, session: FlashcardSession, question: Question,
                      counts: ReviewCounts) -> None:
        self.busy = False
        if session is not self.session:
            return
        self._counts = counts
        self._show()
        self.header.say(suspended_note(question, session.can_undo), ReviewNote.CARD_SUSPENDED)
        self.card_suspended.emit(question.id)
        if not session.finished:
            self.flip_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_suspend_failed(self, error: Exception) -> None:
        self.busy = False  # the card stays on screen, not suspended
        QMessageBox.warning(self, "Card not suspended",
                            f"The card could not be suspended: {error}")

    def show_suspended_cards(self) -> None:
        """More > Suspended cards…: this bank's suspended cards, to bring back."""
        learner_id = self.context.learner_id
        if self.bank is None or learner_id is None:
            return
        if self.suspended_dialog is not None:
            self.suspended_dialog.deleteLater()  # one at a time, not one more each time
        self.suspended_dialog = SuspendedCardsDialog(self.context, learner_id, self.bank, self)
        self.suspended_dialog.cards_unsuspended.connect(self._on_cards_brought_back)
        # Back on the card when it closes: left on More, Space opened its menu again.
        self.suspended_dialog.finished.connect(self._focus_card)
        self.suspended_dialog.open()

    def _on_cards_brought_back(self, question_ids: list[str]) -> None:
        """Cards brought back in the Suspended cards dialog: the review lets go of them
        (the one just suspended rejoins it) and counts its cards due again, on the writer
        thread that owns the session's store; the header, or the summary's "Review it
        now", then show them."""
        session = self.session
        if session is None:
            return
        ids = set(question_ids)
        # The note names the card last suspended here: it is no longer so once back (on
        # the summary too, where the card does not rejoin the finished review).
        noted_back = bool(session.suspended) and session.suspended[-1].id in ids
        WriteOp(parent=self,
                op=lambda _store: (session.brought_back(ids), counts_of(session)),
                success=lambda done: self._on_recounted_after_bringing_back(
                    session, *done, noted_back),
                changes=Changes()).failure(self._on_recount_failed).run_in_background(
            self.context.operations)

    def _on_recounted_after_bringing_back(self, session: FlashcardSession, card_back: bool,
                                          counts: ReviewCounts, noted_back: bool) -> None:
        if self.session is not session:
            return
        self._counts = counts
        if card_back or (noted_back and self.header.note is ReviewNote.CARD_SUSPENDED):
            # It is on screen again, or waits for the next review.
            self.header.say("", ReviewNote.CARD_SUSPENDED)
        self._show()

    def _on_store_changed(self, changes: Changes) -> None:
        """A card suspended on the learner's other computer (pulled by the class sync)
        leaves the review on screen, as one suspended here does. Keys wait meanwhile (a
        rating must not land on the card after the one shown); a pull that comes while
        another op of this review runs is looked at again once it is done."""
        session = self.session
        if session is None or not changes.pulled:
            return
        if self.busy:
            QTimer.singleShot(50, lambda: self._on_store_changed(changes))
        else:
            shown = session.current
            self.busy = leave_out_suspended_elsewhere(
                self, self.context.operations, session, changes,
                lambda left: self._on_left_out(session, shown, left), self._on_left_out_failed)

    def _on_left_out(self, session: FlashcardSession, shown: Question | None,
                     left: tuple[int, ReviewCounts]) -> None:
        self.busy = False
        if self.session is not session or not left[0]:
            return
        self._counts = left[1]
        self._show()
        if session.current is not shown:  # the card on screen left: the next one's keys
            self._focus_card()

    def _on_left_out_failed(self, error: Exception) -> None:
        self.busy = False  # the review goes on; the next rating looks at the store again
        logging.getLogger(__name__).error("no check for cards suspended elsewhere: %s", error)

    def _space(self) -> None:
        """Space turns the card, also from a rating (the back puts the focus on "3 Good":
        Space turns it back, never rates); on any other focused button (Leave, Undo
        rating, the summary's) it presses that button, as Space does on any button."""
        button = focused_button(self)
        if button is not None and button not in self.rating_buttons.values():
            button.click()
            return
        self.flip()

    def _enter(self) -> None:
        if self.busy:
            return
        # Enter presses the focused button, whichever it is (a rating is that rating; Leave
        # asks to leave); the shortcut fires before the button sees the key.
        if press_focused_button(self):
            return
        if self.session is not None and self.session.finished:
            self.close_finished()
        elif self.session is not None and not self.session.flipped:
            self.flip()
        # On the back with no button focused, Enter does nothing: a rating is chosen.

    def review_again(self) -> None:
        """"Review it now" on the summary: a new review of the same bank."""
        session, bank = self.session, self.bank
        if self.busy or session is None or not session.finished or bank is None:
            return
        session.abandon()  # finished: writes nothing; its last rating stays now
        self.start(bank, now=self._review_now)

    def close_finished(self) -> None:
        self._due_timer.stop()
        session = self.session
        if session is not None:
            session.abandon()  # finished: writes nothing; its last rating stays now
        self.session = None
        self.session_finished.emit(session)

    def abandon_session(self) -> None:
        """Close the review now without asking (leaving, or the window closing): the
        ratings given stay; the session is closed as abandoned on the writer thread, after
        a rating still being written (one writer: in order), and the screen lets go of it."""
        self._loading = None  # a review still loading is dropped when it arrives
        self._due_timer.stop()
        session, self.session = self.session, None
        if session is None or session.finished:
            return

        def close(_store) -> bool:
            if session.finished:  # the rating in flight was the last one
                return False
            session.abandon()
            return True

        WriteOp(parent=self, op=close, success=lambda _closed: None,
                changes=lambda closed: (Changes.session(session.learner_id, session.bank.id)
                                        if closed else Changes()),
                ).failure(_log_not_closed).run_in_background(self.context.operations)

    def confirm_leave(self) -> bool:
        """Ask before leaving an unfinished review; True when it is fine to go (the caller
        then closes it: abandon_session)."""
        self._settle()
        session = self.session
        if session is None or session.finished:
            return True
        rated = still_recorded(self.context.store, session.answers)  # a restore took none?
        return ask_to_leave(self, "flashcards", len(rated), taken_back=self._taken_back,
                            lost=len(session.answers) - len(rated),
                            suspended=len(session.suspended))

    def _settle(self) -> None:
        """Let a rating being written commit before the review is closed (milliseconds)."""
        if self.busy and self.session is not None:
            self.context.operations.wait(10000)

    def leave(self) -> None:
        if self.session is not None and self.session.finished:
            self.close_finished()
            return
        if self.confirm_leave():
            self.abandon_session()
            self.session_left.emit()
        else:  # Stay: back to the card (from Leave, Space would ask again)
            self._focus_card()

    def refresh(self) -> None:
        if self.session is not None:
            self._show()


def _log_not_closed(error: Exception) -> None:
    # e.g. a full disk: the ratings given are saved; the review is left all the same
    logging.getLogger(__name__).error("could not close the review in the store: %s", error)
