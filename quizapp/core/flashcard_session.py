"""FlashcardSession: due cards then new ones, self-rated (see quizapp.core.session)."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Container
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from quizapp.core.grades import rating_grade
from quizapp.core.grading import RATING_NAMES, Grade, expected_text
from quizapp.core.kinds import kind_of, self_rated_models
from quizapp.core.model import Bank, Question
from quizapp.core.question_version import question_version
from quizapp.core.session_base import RECALLED, QuestionResult, _UndoPoint

TYPE_CHECKING = False
if TYPE_CHECKING:
    from quizapp.core.review_plan import IntervalPreview, ReviewPlan


def what_it_asks(question: Question) -> str:
    """The question in words, as a card's front starts (its kind's card_front: a cloze
    shows its text with blanks) and a list of questions names it."""
    kind = kind_of(question)
    return question.prompt if kind is None else kind.card_front(question)


def card_front(question: Question) -> str:
    """What the front of a card shows: what it asks, then what its kind lists to choose
    from (a multiple_select's choices)."""
    kind = kind_of(question)
    options = "" if kind is None else kind.card_options(question)
    asked = what_it_asks(question)
    return f"{asked}\n\n{options}" if options else asked


def card_back(question: Question) -> str:
    """What the back of a card shows: the answer, then the explanation."""
    kind = kind_of(question)
    if kind is not None and kind.card_answer is not None:
        answer = kind.card_answer(question)
    else:
        answer = expected_text(question)
    if question.explanation and (kind is None or kind.explanation_on_back):
        return f"{answer}\n\n{question.explanation}"
    return answer


def _first_new(
    store, learner_id: int, bank: Bank, due_ids: dict[str, None], limit: int | None,
    suspended: Container[str],
) -> list[Question]:
    """The first `limit` flashcards of the bank (all, for None) that the learner never
    answered and did not suspend. Candidates are checked against the store a growing batch at a time, so a
    review with 20 new cards does not read the whole bank's statistics; the batches
    double, so a bank with few new cards costs about twice one full read at most."""
    rated = self_rated_models()
    candidates = [q for q in bank.questions if isinstance(q, rated) and q.id not in due_ids
                  and q.id not in suspended]
    if limit is None:
        seen = store.seen_question_ids(learner_id, bank.id)
        return [q for q in candidates if q.id not in seen]
    new: list[Question] = []
    start, batch = 0, max(limit, 1) * 2
    while len(new) < limit and start < len(candidates):
        chunk = candidates[start : start + batch]
        seen = store.seen_among(learner_id, bank.id, [q.id for q in chunk])
        new.extend(q for q in chunk if q.id not in seen)
        start += batch
        batch *= 2
    return new[:limit]


@dataclass(frozen=True)
class _Suspension:
    """The card the learner just suspended, and where its copies stood in the queue, for
    undo_last() to put back (with the rating's undo point it set aside)."""

    question: Question
    positions: tuple[int, ...]
    flipped: bool
    rating_undo: _UndoPoint | None


class FlashcardSession:
    def __init__(
        self,
        store,
        learner_id: int,
        bank: Bank,
        *,
        now: datetime | None = None,
        new_limit: int | None = 20,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.store = store
        self.learner_id = learner_id
        self.bank = bank
        self._fixed_now = now
        self._clock = clock
        by_id = {q.id: q for q in bank.questions}
        now = self.now
        # By bank id, without the catalog join (twice as fast): by_id keeps only the
        # bank's current questions. A dict keeps the due order and answers `in` at once
        # (a list made starting a 20,000-card review grow with unseen x due).
        due_ids: dict[str, None] = {}
        # Cards of questions gone from the bank: the per-card due count takes them off
        # a plain count instead of joining the catalog (5 ms at 10,000 due cards).
        self._stale: dict[str, datetime] = {}
        for qid in store.due_question_ids(learner_id, bank.id, now):
            if qid in by_id:
                due_ids[qid] = None
            else:
                self._stale[qid] = now
        self._stale.update(store.stale_cards(learner_id, bank, due_after=now))
        self.due_cards: list[Question] = [by_id[qid] for qid in due_ids]
        limit = None if new_limit is None else max(0, new_limit)
        self._new_limit = limit  # the next review's too (new_cards_brought_back)
        # (due_question_ids left the suspended cards out; a new card can be suspended too)
        suspended = store.suspended_questions(learner_id, bank.id)
        self.new_cards: list[Question] = _first_new(store, learner_id, bank, due_ids, limit,
                                                    suspended)
        self._new_ids = frozenset(q.id for q in self.new_cards)
        self._queue: list[Question] = self.due_cards + self.new_cards
        self._index = 0
        self._first: dict[str, QuestionResult] = {}
        self.answers: list[QuestionResult] = []
        self.last_record: Any = None
        self.flipped = False
        self.abandoned = False
        self._undo: _UndoPoint | None = None
        self._suspension: _Suspension | None = None  # the last thing done, if a suspension
        self.suspended: list[Question] = []  # the cards suspended in this review, in order
        # Cards brought back from suspension during this review that it does not hold:
        # new_cards_brought_back() says which of them a new review would show.
        self._brought_back: set[str] = set()
        # Cards suspended elsewhere that left this review (leave_out_suspended_elsewhere).
        self._suspended_elsewhere: set[str] = set()
        self.outcome: str | None = None  # how it ended; None while it runs (or if empty)
        self._plan: ReviewPlan | None = None  # the card on screen's review (plan_current)
        # Each card's answer in words (its grade's `expected`), worked out when the card is
        # shown (plan_current), so that rating it does not.
        self._expected: dict[str, str] = {}
        self._finished = not self._queue
        # Cards another window rates meanwhile are dropped from the queue
        # (skip_cards_rated_elsewhere): when this review began, and the file's version then.
        self._began = now
        self._data_version = store.data_version()
        # The card on screen: when it was shown and the file's version then, to notice
        # it was rated in another window before it is turned or rated here.
        self._shown_at = now
        self._shown_version = self._data_version
        self._skipped: set[str] = set()
        # An empty session is not recorded: there would be nothing in it.
        self.session_id: int | None = (
            None if self._finished else store.start_session(learner_id, bank, "flashcards")
        )
        self._shown = clock()

    @property
    def now(self) -> datetime:
        return self._fixed_now or datetime.now(UTC)

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def current(self) -> Question | None:
        return None if self._finished else self._queue[self._index]

    @property
    def front(self) -> str | None:
        q = self.current
        return None if q is None else card_front(q)

    @property
    def back(self) -> str | None:
        q = self.current
        return None if q is None else card_back(q)

    @property
    def position(self) -> int:
        return len(self._queue) if self._finished else self._index + 1

    @property
    def total(self) -> int:
        return len(self._queue)

    @property
    def remaining(self) -> int:
        return 0 if self._finished else len(self._queue) - self._index

    @property
    def due_count(self) -> int:
        """Cards of this bank due now (asks the store, so it drops as cards
        are rated)."""
        now = self.now
        stale_due = sum(1 for due in self._stale.values() if due <= now)
        return self.store.count_due(self.learner_id, self.bank.id, now) - stale_due

    @property
    def new_count(self) -> int:
        """New cards still to come in this session: each is queued once until it is
        rated (and again if the rating is taken back), so these are the new cards not
        rated yet; O(new cards), 20 by default, instead of walking the queue."""
        if self._finished:
            return 0
        gone = {q.id for q in self.suspended} | self._suspended_elsewhere
        return sum(
            1 for qid in self._new_ids
            if qid not in self._first and qid not in self._skipped and qid not in gone
        )

    @property
    def next_due(self) -> datetime | None:
        """When the next card of this bank falls due (None: none scheduled)."""
        if not self._stale:  # one seek in the due index
            return self.store.next_due(self.learner_id, self.bank.id)
        return self.store.next_due(self.learner_id, self.bank, [q.id for q in self.bank.questions])

    def rating_intervals(self) -> dict[int, IntervalPreview]:
        """For the card on screen, how long each rating (1 Again .. 4 Easy) would put it
        off, computed as the store would review it now ({} once finished): exact for
        learning steps, a range of whole days where FSRS's fuzz spreads the due date.

        Plans the card's review for each rating (plan_current), as Anki's reviewer
        computes a card's next states when it shows the card: the rating given then only
        applies its plan."""
        plan = self.plan_current()
        if plan is None:
            return {}
        return {rating: plan.interval(rating) for rating in plan.ratings}

    def plan_current(self) -> ReviewPlan | None:
        """Plan the review of the card on screen for each rating, from the card as stored
        now (None once finished). rate() hands the plan to the store, which applies it
        when it still holds (the same card as read, the same whole day since its last
        review) and plans again otherwise (quizapp.core.review_plan)."""
        question = self.current
        if question is None:
            return None
        plan = self.store.plan_review(self.learner_id, self.bank.id, question.id, self.now)
        self._plan = plan
        self._expected_text(question)
        # The version rate() stores with the answer (item analysis), worked out now and
        # kept by question_version: ~30 us a question, which a bank of more questions than
        # its cache holds paid on every rating.
        question_version(question)
        return plan

    def _expected_text(self, question: Question) -> str:
        text = self._expected.get(question.id)
        if text is None:
            text = self._expected[question.id] = expected_text(question)
        return text

    @property
    def rated(self) -> int:
        """Ratings given in this session (a card rated Again and again counts each time)."""
        return len(self.answers)

    def flip(self) -> None:
        if self._finished:
            raise RuntimeError("flip() after the session finished")
        self.flipped = not self.flipped

    def rate(self, rating: int) -> Grade:
        """Record the learner's rating (1 Again, 2 Hard, 3 Good, 4 Easy) of the
        current card, then move on. Again puts the card back at the end."""
        if self._finished:
            raise RuntimeError("rate() after the session finished")
        if isinstance(rating, bool) or rating not in RATING_NAMES:
            raise ValueError("A rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).")
        question = self._queue[self._index]
        g = rating_grade(self._expected_text(question), rating)
        seconds = self._clock() - self._shown
        plan, self._plan = self._plan, None  # the store ignores a plan of another card
        record = self.store.record_answer(
            self.session_id,
            question,
            response=RATING_NAMES[rating],
            correct=g.correct,
            credit=g.credit,
            seconds=max(0.0, seconds),
            rating=int(rating),
            # A session pinned to a moment (tests, "study as of") reviews at it; None: now.
            now=self._fixed_now,
            plan=plan,
        )
        result = QuestionResult(question, rating, g, seconds, 1, record)
        self.answers.append(result)
        first = self._first.get(question.id)
        # Again: the card goes to the back of the queue and comes back in this session.
        requeued_at = len(self._queue) if rating == 1 else None
        self._undo = _UndoPoint(
            self._index, first, record, flipped=self.flipped, requeued_at=requeued_at
        )
        self._suspension = None
        self._first[question.id] = (
            result
            if first is None
            else QuestionResult(
                first.question,
                first.response,
                first.grade,
                first.seconds,
                first.attempts + 1,
                first.record,
            )
        )
        self.last_record = record
        if requeued_at is not None:
            self._queue.insert(requeued_at, question)
        self._index += 1
        self.flipped = False
        self._card_shown()
        if self._index >= len(self._queue):
            self._finish("finished")
        return g

    def _card_shown(self) -> None:
        # The file's version is not asked again here (a query on every rating's path):
        # this connection's own commits leave it as it was, and an older version only
        # costs drop_current_if_rated_elsewhere one read of the card, which it then
        # judges by the card's last review against _shown_at.
        self._shown = self._clock()
        self._shown_at = self.now

    def written_elsewhere_since_shown(self) -> bool:
        """Another connection (another quizapp window) wrote to the file since the card on
        screen was shown: drop_current_if_rated_elsewhere() has a card to look at. Reads
        SQLite's data_version only, no table: cheap enough for every turn of a card. Never
        waits: while another thread uses the store (an answer, a catch-up, a class sync) it
        says True, and the screen asks drop_current_if_rated_elsewhere on the writer thread."""
        if self._finished:
            return False
        version = self.store.data_version_if_free()
        return version is None or version != self._shown_version

    def drop_current_if_rated_elsewhere(self) -> bool:
        """The card on screen was rated in another window (another quizapp on the same
        results file) since it was shown here: drop it, and its copies still to come, so
        that it is not rated a second time; the next card is then the current one. The
        screen calls it when the card is turned and before a rating is recorded. Asks
        the file only when another connection wrote to it since the card was shown
        (SQLite's data_version), then reads that one card. True when it was dropped."""
        if self._finished:
            return False
        version = self.store.data_version()
        if version == self._shown_version:
            return False
        self._shown_version = version
        question = self._queue[self._index]
        card = self.store.card_state(self.learner_id, self.bank.id, question.id)
        if card is None or card.last_review is None or card.last_review < self._shown_at:
            return False
        self._skipped.add(question.id)
        self._suspension = None  # its copies' places moved: brought back from the dialog
        point = self._undo
        if point is not None and point.requeued_at is not None:
            copy = point.requeued_at
            if copy < len(self._queue) and self._queue[copy].id == question.id:
                self._undo = None  # the last rating's Again copy is the card dropped
            else:
                before = sum(1 for q in self._queue[self._index : copy] if q.id == question.id)
                self._undo = replace(point, requeued_at=copy - before)
        self._queue[self._index :] = [
            q for q in self._queue[self._index :] if q.id != question.id
        ]
        self._plan = None
        self.flipped = False
        if self._index >= len(self._queue):
            self._finish("finished")
            return True
        # The other window may have rated more of the cards still to come (the next one
        # shown would not be asked again before it is rated): drop those too.
        self.skip_cards_rated_elsewhere()
        if not self._finished:
            self._card_shown()
        return True

    def skip_cards_rated_elsewhere(self) -> int:
        """Drop from the cards still to come those rated in another window (another
        quizapp on the same results file) since this review began, so that no card is
        reviewed twice; a card rated in this review stays (an Again comes back). Asks the
        file only when another connection wrote to it since the last call (SQLite's
        data_version, no read). The screen calls it after each rating, before it shows
        the next card. Returns how many cards were dropped."""
        if self._finished:
            return 0
        version = self.store.data_version()
        if version == self._data_version:
            return 0
        self._data_version = version
        reviewed = self.store.reviewed_since(self.learner_id, self.bank.id, self._began)
        # A card rated here stays (an Again comes back) unless the other window rated it
        # after its last rating here: then its copy still to come would rate it twice.
        rated_here = {r.question.id: r.record.answered for r in self.answers}
        elsewhere = {qid for qid, last in reviewed.items()
                     if qid not in rated_here or last > rated_here[qid]}
        # A card suspended in the other window leaves this review too, as one here does
        # (its Again copies with it); it was not rated, so it is not counted as skipped.
        gone = elsewhere | set(self.store.suspended_questions(self.learner_id, self.bank.id))
        if not gone:
            return 0
        upcoming = self._queue[self._index :]
        kept = [q for q in upcoming if q.id not in gone]
        dropped = len(upcoming) - len(kept)
        if not dropped:
            return 0
        self._skipped.update(q.id for q in upcoming if q.id in elsewhere)
        self._suspension = None  # its copies' places moved: brought back from the dialog
        point = self._undo
        if point is not None and point.requeued_at is not None:
            copy = point.requeued_at
            if copy < len(self._queue) and self._queue[copy].id in gone:
                # The last rating's Again copy left with its card (rated in the other
                # window after that rating, or suspended there): nothing to take back
                # here. Undoing it deleted past the queue's end, after the store had
                # retracted the answer, and said the rating stood.
                self._undo = None
            else:  # it moves down by the dropped cards before it
                before = sum(1 for q in self._queue[self._index : copy] if q.id in gone)
                self._undo = replace(point, requeued_at=copy - before)
        self._queue[self._index :] = kept
        self._plan = None
        if self._index >= len(self._queue):
            self._finish("finished")
        return dropped

    def leave_out_suspended_elsewhere(self) -> int:
        """Cards suspended on the learner's other computer (pulled by the class sync)
        leave this review: the card on screen too, front or back (it
        is not rated: nothing is lost), and those still to come with their Again copies.
        Reads the store; finishing the review (no card left) writes it. How many cards
        left it."""
        if self._finished:
            return 0
        suspended = self.store.suspended_questions(self.learner_id, self.bank.id)
        upcoming = self._queue[self._index :]
        gone = {q.id for q in upcoming if q.id in suspended}
        if not gone:
            return 0
        current_gone = upcoming[0].id in gone
        self._suspended_elsewhere |= gone
        self._suspension = None  # its copies' places moved: brought back from the dialog
        point = self._undo
        if point is not None and point.requeued_at is not None:
            copy = point.requeued_at
            if copy < len(self._queue) and self._queue[copy].id in gone:
                self._undo = None  # the last rating's Again copy left with its card
            else:
                before = sum(1 for q in self._queue[self._index : copy] if q.id in gone)
                self._undo = replace(point, requeued_at=copy - before)
        self._queue[self._index :] = [q for q in upcoming if q.id not in gone]
        self._plan = None
        if current_gone:
            self.flipped = False
        if self._index >= len(self._queue):
            self._finish("finished")
        elif current_gone:
            self._card_shown()
        return len(gone)

    def suspend_current(self) -> Question:
        """Suspend the card on screen (Anki's "@"): the store keeps it out of flashcards,
        practice and the due counts from now on (committed first: if that fails nothing
        here changes), and it leaves this review, its Again copies too; the next card is
        then the current one. Suspending the last card finishes the review. Returns the
        suspended card's question; undo_last() brings it back while the review goes on."""
        if self._finished:
            raise RuntimeError("suspend_current() after the session finished")
        question = self._queue[self._index]
        self.store.set_suspended(self.learner_id, self.bank.id, [question.id], True,
                                 now=self._fixed_now)
        positions = tuple(n for n in range(self._index, len(self._queue))
                          if self._queue[n].id == question.id)
        # Put back by undo_last() together with the last rating's undo point: the queue is
        # then as it was, so that point holds again.
        self._suspension = _Suspension(question, positions, self.flipped, self._undo)
        self._undo = None
        for n in reversed(positions):
            del self._queue[n]
        self.suspended.append(question)
        self._plan = None
        self.flipped = False
        if self._index >= len(self._queue):
            # Nothing left: the review ends; the card comes back through "Suspended cards…"
            self._suspension = None
            self._finish("finished")
        else:
            self._card_shown()
        return question

    @property
    def can_undo(self) -> bool:
        """True when undo_last() would take something back: a suspension while the next
        card is on screen, or a rating given while the next card is on screen, not rated
        yet, or the last card's while the review's summary shows (not once the review
        was left)."""
        if self._suspension is not None:
            return not self._finished
        return self._undo is not None and (not self._finished or self.outcome == "finished")

    @property
    def undoes_suspension(self) -> bool:
        """undo_last() would bring back a suspended card (not take back a rating)."""
        return self._suspension is not None and not self._finished

    def _unsuspend_last(self) -> Question:
        suspension = self._suspension
        assert suspension is not None  # undoes_suspension says so
        question = suspension.question
        self.store.set_suspended(self.learner_id, self.bank.id, [question.id], False)
        self._put_back(suspension)
        return question

    def _put_back(self, suspension: _Suspension) -> None:
        """The suspended card back in the review where it was, shown as it was, and the
        rating before it can be taken back again (the store has it back already)."""
        question = suspension.question
        for n in suspension.positions:
            self._queue.insert(n, question)
        self.suspended.remove(question)
        self._undo = suspension.rating_undo
        self._suspension = None
        self._plan = None
        self.flipped = suspension.flipped
        self._card_shown()

    def brought_back(self, question_ids: Collection[str]) -> bool:
        """Cards the learner brought back elsewhere (the Suspended cards dialog, which
        wrote it to the store first): the card just suspended, if it is one of them,
        rejoins the review where it was, as undo_last() would have put it back; the
        others are no longer this review's suspended cards (the next review has them).
        True when the card on screen changed (the one just suspended is back)."""
        suspension = self._suspension
        put_back = (suspension is not None and not self._finished
                    and suspension.question.id in question_ids)
        if put_back:
            assert suspension is not None
            self._put_back(suspension)
        self.suspended = [q for q in self.suspended if q.id not in question_ids]
        self._brought_back.update(question_ids)  # (the one put back is in the queue)
        return put_back

    def new_cards_brought_back(self) -> int:
        """How many of the cards brought back during this review a new review would show
        as new and this one does not (not waiting in its queue): the summary offers one.
        Counted among the next review's new cards (the same limit, _first_new): one past
        it would be promised and not shown. Reads the store (its thread); nothing when no
        card was brought back."""
        if not self._brought_back:
            return 0
        waiting = {q.id for q in self._queue[self._index:]} if not self._finished else set()
        back = self._brought_back - waiting
        if not back:
            return 0
        suspended = self.store.suspended_questions(self.learner_id, self.bank.id)
        next_new = _first_new(self.store, self.learner_id, self.bank, {}, self._new_limit,
                              suspended)
        return sum(q.id in back for q in next_new)

    def undo_last(self) -> Question:
        """Take back the last rating (Ctrl+Z): the store records the retraction first,
        then the card comes back as it was rated (turned over), to be rated again.
        The last card's rating too: the finished review is opened again in the store
        (its recall goes) and is finished again by the card's new rating.
        After a suspension, the suspended card comes back instead (the store first),
        as it was shown, and the rating before it can be taken back again.
        Returns that card's question. RuntimeError when can_undo is False."""
        if not self.can_undo:
            raise RuntimeError("There is no rating to take back.")
        if self.undoes_suspension:
            return self._unsuspend_last()
        point = self._undo
        assert point is not None  # can_undo says so
        # The last card's: the review is opened again in the same transaction as the
        # retraction (neither stands without the other; refused once the class server
        # has the review's end).
        reopen = self.session_id if self._finished else None
        question = point.take_back(self.store, self.answers, self._first, self._queue, reopen)
        self._finished = False
        self.outcome = None
        self._undo = None
        self._plan = None
        self._index = point.index
        self.flipped = point.flipped
        self.last_record = self.answers[-1].record if self.answers else None
        self._card_shown()
        return question

    def abandon(self) -> None:
        """Leave before the last card: the ratings given stay (they schedule the
        cards); the session is closed as abandoned, with no recall. Leaving a finished
        review's summary keeps it finished; its last rating can no longer be taken back."""
        self._undo = None if self._finished else self._undo
        self._suspension = None
        if not self._finished:
            self.abandoned = True
            self._finish("abandoned")

    def _finish(self, outcome: str) -> None:
        self._finished = True
        self.outcome = outcome
        if outcome != "finished":  # a finished review's summary may take the last back
            self._undo = None
        if self.session_id is None:
            return
        if outcome == "abandoned":
            self.store.abandon_session(self.session_id)
        else:
            self.store.finish_session(self.session_id, None, outcome=outcome, recall=self.recall)

    @property
    def to_see_again(self) -> int:
        """Cards still to come that this review rated already. Again queues its card
        again at the end of the queue, so they are its tail: counted from the end, not
        over the queue (the screen asks at every card, and results over a 20,000-card
        queue took 13-17 ms of the GUI thread a card)."""
        if self._finished:
            return 0
        queue, rated = self._queue, self._first
        start = len(queue)
        while start > self._index and queue[start - 1].id in rated:
            start -= 1
        return len(queue) - start

    @property
    def results(self) -> list[QuestionResult]:
        seen: dict[str, None] = {}
        for q in self._queue:
            seen.setdefault(q.id, None)
        by_id = {q.id: q for q in self._queue}
        return [self._first.get(qid) or QuestionResult(by_id[qid]) for qid in seen]

    @property
    def recall(self) -> float | None:
        """Share of the cards rated so far whose first rating was Good or Easy
        (None before any rating). Not a score: it never counts in Best or Last."""
        firsts = [r.response for r in self._first.values()]
        if not firsts:
            return None
        return sum(1 for rating in firsts if rating >= RECALLED) / len(firsts)
