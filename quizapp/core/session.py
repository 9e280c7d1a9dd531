"""Study sessions as plain state machines: quiz, exam, practice and flashcards.

No Qt: a screen calls these methods from its slots and shows what comes back.
Every answer goes through ``store.record_answer`` before the grade is handed
back to the screen, so an answer that the learner saw graded is always stored.

QuizSession
    mode "quiz":     feedback after each answer.
    mode "exam":     every answer is graded and recorded at once, but the
                     screen holds the feedback until the end
                     (``feedback_held`` is True; show ``results`` when finished).
    mode "practice": a question answered wrongly goes to the back of the
                     queue and comes back until it has been answered right.
    mode "review":   practice over given questions; ``review_session()``
                     builds one over a finished session's mistakes
                     ("Review my mistakes").

    States: "asking" -> submit() -> "answered" -> advance() -> "asking" ...
    -> "finished". With a time limit, the session finishes as soon as the time
    is up (checked whenever the screen reads ``state``, ``current`` or
    ``time_left``, or calls ``check_time()`` from a timer); questions not yet
    answered then count as 0.

    Scores and mistakes are about the first attempt at each question: in
    practice, answering right the third time teaches, but it does not raise
    the score.

    How a session ends (``outcome``, stored by ``Store.finish_session``):
    "finished" when the last question is done; "timed_out" when an exam's time
    runs out (scored like a finished one: questions not reached count as 0);
    "abandoned" when the learner leaves (``abandon()``), whether or not they
    answered anything: the answers given stay in the store and count for the
    per-question statistics and the review schedule, but the session is not an
    attempt (no score, no Best or Last). Leaving after the last question was
    answered, with nothing left to ask, finishes the session instead.
    Practice and review are scored over the distinct questions answered (which
    is every question once they finish): the share right at the first try.

    Undo (``undo_last()``, Ctrl+Z): the last answer can be taken back while its
    feedback shows and on the next question until that one is answered. The store
    records the retraction first (``Store.retract_answer``: statistics and card
    recomputed); then the session goes back to the question as it was shown, a
    practice copy queued for the mistake is dropped, and first attempts, score and
    mistakes are as if the answer had never been given. Not in an exam: its
    feedback is held, so there is nothing seen to take back, and an exam answer is
    final as on paper. Not once the session has finished (its score is stored).

FlashcardSession
    Which cards: first the cards that are due (``store.due_question_ids``,
    most overdue first), of ANY question type, because quizzes schedule every
    question they ask; a non-flashcard question is shown as a card with its
    prompt on the front and its right answer on the back (``card_front`` and
    ``card_back``). Then new cards: ``flashcard`` questions the learner has
    never answered (``store.seen_question_ids``), at most ``new_limit`` of them (20 by default, as in Anki).
    Other question types are introduced by quizzes, where they are graded
    objectively, not by self-rating.
    A card rated Again (1) goes to the back of the queue and comes back in the
    same session until it is rated Hard or better.
    Flashcards are not a score: a session reports its ``recall``, the share of
    its cards whose first rating was Good or Easy, and never counts in Best or
    Last. Leaving it early (``abandon()``) keeps the ratings given (they
    schedule the cards) and records no recall.
    ``undo_last()`` takes the last rating back while the next card shows (not after
    the last card, which finishes the session): the card comes back to be rated again.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from quizapp.core.arrangement import Arrangement, arrange, shown_texts
from quizapp.core.grading import (
    RATING_NAMES,
    Grade,
    expected_text,
    grade,
    grade_rating,
    readable_response,
    score,
)
from quizapp.core.kinds import kind_of
from quizapp.core.model import Bank, Question

MODES = ("quiz", "exam", "practice", "review")
REPEATING_MODES = ("practice", "review")
RECALLED = 3  # a flashcard rating of Good (3) or Easy (4) counts as recalled


class TimeUp(RuntimeError):
    """submit() after the time limit ran out: the answer is not recorded."""


@dataclass(frozen=True, slots=True)
class _UndoPoint:
    """What a session looked like just before its last answer: undo_last() goes back."""

    index: int
    queue_length: int
    first: QuestionResult | None  # the question's first attempt before this answer
    record: Any  # the store's AnswerRecord of the answer (its uuid is retracted)
    arrangement: Arrangement | None = None
    flipped: bool = False

    def take_back(
        self,
        store,
        answers: list[QuestionResult],
        first: dict[str, QuestionResult],
        queue: list[Question],
    ) -> Question:
        """Retract the answer in the store (committed first: if that fails nothing here
        changes), then put a session's answers, first attempts and queue back as they
        were before it. Returns its question; the caller restores its own position."""
        store.retract_answer(self.record.uuid)
        question = answers.pop().question
        if self.first is None:
            del first[question.id]
        else:
            first[question.id] = self.first
        del queue[self.queue_length :]  # the copy queued for a mistake (practice, Again)
        return question


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """One question of a session: the learner's first attempt at it.

    ``grade`` and ``response`` are None when it was never answered (time ran
    out, or the session was left). ``attempts`` counts every submission
    (practice repeats); ``record`` is what the store returned (its ``uuid`` is
    what ``Store.retract_answer`` takes).
    """

    question: Question
    response: Any = None
    grade: Grade | None = None
    seconds: float = 0.0
    attempts: int = 0
    record: Any = None
    arrangement: Arrangement | None = None  # the order its options were shown in

    @property
    def answered(self) -> bool:
        return self.grade is not None

    @property
    def correct(self) -> bool:
        return self.grade is not None and self.grade.correct


def select_questions(
    bank: Bank,
    *,
    question_ids: Iterable[str] | None = None,
    tags: Iterable[str] = (),
    count: int | None = None,
    shuffle: bool = True,
    seed: int | None = None,
) -> list[Question]:
    """The questions a session asks, in order.

    question_ids: only these, in this order (ids no longer in the bank are
    skipped). tags: only questions carrying at least one of them. shuffle:
    a seeded shuffle (same seed, same order). count: the first `count` after
    shuffling. Raises ValueError with a message for the learner when nothing
    is left.
    """
    if question_ids is not None:
        by_id = {q.id: q for q in bank.questions}
        seen: set[str] = set()
        pool = []
        for qid in question_ids:
            if qid in by_id and qid not in seen:
                seen.add(qid)
                pool.append(by_id[qid])
    else:
        pool = list(bank.questions)
    wanted = set(tags or ())
    if wanted:
        pool = [q for q in pool if wanted.intersection(q.tags)]
    if shuffle:
        random.Random(seed).shuffle(pool)
    if count is not None:
        if count < 1:
            raise ValueError("Choose at least one question.")
        pool = pool[:count]
    if not pool:
        if wanted:
            raise ValueError(
                "No question in this bank has the tag"
                + ("s " if len(wanted) > 1 else " ")
                + ", ".join(sorted(wanted))
                + "."
            )
        raise ValueError("There are no questions to ask.")
    return pool


def _record(
    store,
    session_id,
    question,
    response,
    g: Grade,
    seconds: float,
    rating=None,
    arrangement: Arrangement | None = None,
):
    return store.record_answer(
        session_id,
        question,
        response=readable_response(question, response),
        correct=g.correct,
        credit=g.credit,
        seconds=max(0.0, seconds),
        rating=rating,
        shown=None if arrangement is None else shown_texts(question, arrangement),
    )


class QuizSession:
    def __init__(
        self,
        store,
        learner_id: int,
        bank: Bank,
        *,
        mode: str = "quiz",
        question_ids: Sequence[str] | None = None,
        count: int | None = None,
        tags: Iterable[str] = (),
        shuffle: bool = True,
        time_limit: float | None = None,
        seed: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        arrangements: Mapping[str, Arrangement] | None = None,
    ):
        """arrangements: fixed orders by question id (a review shows each question as
        it was first shown); other questions are shuffled afresh at each showing."""
        if mode not in MODES:
            raise ValueError(f"Unknown session mode {mode!r}; use one of {', '.join(MODES)}.")
        if time_limit is not None and not time_limit > 0:
            raise ValueError("A time limit must be more than 0 seconds.")
        self.store = store
        self.learner_id = learner_id
        self.bank = bank
        self.mode = mode
        self.time_limit = time_limit
        self.shuffle = shuffle
        self.seed = seed
        self.tags = tuple(tags or ())
        self._clock = clock
        self.questions: list[Question] = select_questions(
            bank, question_ids=question_ids, tags=self.tags, count=count, shuffle=shuffle, seed=seed
        )
        self._queue: list[Question] = list(self.questions)
        self._index = 0
        self._first: dict[str, QuestionResult] = {}
        self.answers: list[QuestionResult] = []  # every submission, in order
        self.last_grade: Grade | None = None
        self.last_record: Any = None
        self.abandoned = False
        self.timed_out = False
        self.outcome: str | None = None  # how it ended; None while it runs
        self._state = "asking"
        # Its own generator: the options' order never changes which questions are asked.
        self._arranger = random.Random(None if seed is None else f"{seed}/arrangement")
        self._fixed_arrangements = dict(arrangements or {})
        self._undo: _UndoPoint | None = None
        self.arrangement: Arrangement = self._arrange(self._queue[0])
        self.session_id: int = store.start_session(learner_id, bank, mode)
        self._started = clock()
        self._shown = self._started

    def _arrange(self, question: Question) -> Arrangement:
        fixed = self._fixed_arrangements.get(question.id)
        return fixed if fixed is not None else arrange(question, self._arranger)

    # ----------------------------------------------------------- reading state

    @property
    def state(self) -> str:
        self.check_time()
        return self._state

    @property
    def finished(self) -> bool:
        return self.state == "finished"

    @property
    def current(self) -> Question | None:
        if self.state == "finished":
            return None
        return self._queue[self._index]

    @property
    def position(self) -> int:
        """1-based number of the question on screen ("Question 3 of 10");
        equals total once finished."""
        if self._state == "finished":
            return self.total
        return self._index + 1

    @property
    def total(self) -> int:
        """Questions in the queue. In practice it grows when a question is
        answered wrongly and queued again."""
        return len(self._queue)

    @property
    def progress(self) -> float:
        """Share of the queue done, 0..1, for a progress bar."""
        if self._state == "finished":
            return 1.0
        done = self._index + (1 if self._state == "answered" else 0)
        return done / len(self._queue)

    @property
    def feedback_held(self) -> bool:
        """True in exam mode: do not show a grade until the session ends."""
        return self.mode == "exam"

    @property
    def repeats_mistakes(self) -> bool:
        return self.mode in REPEATING_MODES

    @property
    def elapsed(self) -> float:
        return self._clock() - self._started

    @property
    def time_left(self) -> float | None:
        if self.time_limit is None:
            return None
        self.check_time()
        return max(0.0, self.time_limit - self.elapsed)

    def check_time(self) -> bool:
        """Finish the session if its time is up; True when it is finished.
        A screen calls this from a QTimer to end a timed quiz on time."""
        if (
            self._state != "finished"
            and self.time_limit is not None
            and self.elapsed >= self.time_limit
        ):
            self.timed_out = True
            self._finish("timed_out")
        return self._state == "finished"

    # ---------------------------------------------------------------- actions

    def submit(self, response: object) -> Grade:
        """Grade the response to the current question, record it in the store
        (committed on return), then return the grade. If the store fails, the
        error propagates and the question stays unanswered, so the screen can
        say so and the learner can try again."""
        if self.check_time():
            raise TimeUp("Time is up: this answer was not counted.")
        if self._state != "asking":
            raise RuntimeError(f"submit() while {self._state}")
        question = self._queue[self._index]
        g = grade(question, response)
        seconds = self._clock() - self._shown
        # A flashcard asked in a quiz is self-rated: its rating goes to FSRS as is.
        rating = None
        if _self_rated(question) and type(response) is int and response in RATING_NAMES:
            rating = response
        record = _record(
            self.store, self.session_id, question, response, g, seconds, rating, self.arrangement
        )
        attempt = QuestionResult(question, response, g, seconds, 1, record, self.arrangement)
        self.answers.append(attempt)
        first = self._first.get(question.id)
        self._undo = _UndoPoint(self._index, len(self._queue), first, record, self.arrangement)
        if first is None:
            self._first[question.id] = attempt
        else:
            self._first[question.id] = QuestionResult(
                first.question,
                first.response,
                first.grade,
                first.seconds,
                first.attempts + 1,
                first.record,
                first.arrangement,
            )
        if self.repeats_mistakes and not g.correct:
            self._queue.append(question)
        self.last_grade = g
        self.last_record = record
        self._state = "answered"
        return g

    @property
    def can_undo(self) -> bool:
        """True when undo_last() would take an answer back: one was given, the next
        question is not answered yet, the session runs, and it is not an exam."""
        return self._undo is not None and not self.feedback_held and not self.finished

    def undo_last(self) -> Question:
        """Take back the last answer (Ctrl+Z) and ask its question again, as it was shown.

        The store records the retraction first (committed on return of
        Store.retract_answer); if that fails the error propagates and nothing changes
        here. Returns the question asked again. RuntimeError when can_undo is False.
        """
        if not self.can_undo:
            raise RuntimeError("There is no answer to take back.")
        point = self._undo
        question = point.take_back(self.store, self.answers, self._first, self._queue)
        self._undo = None
        self._index = point.index
        self._state = "asking"
        self.arrangement = point.arrangement
        self.last_grade = self.answers[-1].grade if self.answers else None
        self.last_record = self.answers[-1].record if self.answers else None
        self._shown = self._clock()
        return question

    def advance(self) -> None:
        """Go on to the next question, or finish after the last one."""
        if self.check_time():
            return
        if self._state != "answered":
            raise RuntimeError(f"advance() while {self._state}")
        if self._index + 1 >= len(self._queue):
            self._finish("finished")
            return
        self._index += 1
        self._state = "asking"
        self.arrangement = self._arrange(self._queue[self._index])
        self._shown = self._clock()

    def abandon(self) -> None:
        """Leave before the end: what was answered stays recorded (statistics,
        review schedule) and the session is closed in the store as abandoned,
        without a score. With nothing left to ask (the last question answered)
        it finishes normally instead."""
        if self._state == "finished":
            return
        if self.leaving_finishes:
            self._finish("finished")
            return
        self.abandoned = True
        self._finish("abandoned")

    @property
    def leaving_finishes(self) -> bool:
        """True when abandon() would finish the session rather than abandon it: the
        last question is answered and nothing is left to ask."""
        return self._state == "answered" and self._index + 1 >= len(self._queue)

    def _finish(self, outcome: str) -> None:
        self._state = "finished"
        self.outcome = outcome
        self._undo = None
        if outcome == "abandoned":
            self.store.abandon_session(self.session_id)
        else:
            self.store.finish_session(self.session_id, self.score, outcome=outcome)

    # ---------------------------------------------------------------- results

    @property
    def results(self) -> list[QuestionResult]:
        """One entry per selected question, in the order asked, with the
        first attempt; unanswered questions have grade None."""
        return [self._first.get(q.id) or QuestionResult(q) for q in self.questions]

    @property
    def score(self) -> float:
        """Points-weighted score 0..1 of the first attempts. Quiz and exam: over
        every selected question, unanswered ones count 0. Practice and review:
        over the distinct questions answered (0 before any answer)."""
        results = self.results
        if self.repeats_mistakes:
            return score((r.question, r.grade) for r in results if r.grade is not None)
        return score((r.question, r.grade) for r in results)

    @property
    def points(self) -> tuple[float, float]:
        """(points earned, points possible)."""
        possible = sum(q.points for q in self.questions)
        earned = sum(r.grade.credit * r.question.points for r in self.results if r.grade)
        return earned, possible

    @property
    def mistakes(self) -> list[str]:
        """Ids of questions whose first attempt was not right. Once the
        session is finished this includes the ones never answered."""
        out = []
        finished = self._state == "finished"
        for r in self.results:
            if r.grade is None:
                if finished:
                    out.append(r.question.id)
            elif not r.grade.correct:
                out.append(r.question.id)
        return out

    def review_session(self, **kwargs) -> QuizSession:
        """A new practice session (mode "review") over this session's mistakes:
        the "Review my mistakes" button. ValueError when there are none."""
        ids = self.mistakes
        if not ids:
            raise ValueError("No mistakes to review.")
        shown = {r.question.id: r.arrangement for r in self.results if r.arrangement}
        options = {
            "shuffle": self.shuffle,
            "seed": self.seed,
            "clock": self._clock,
            "arrangements": shown,
        }
        options.update(kwargs)
        return QuizSession(
            self.store, self.learner_id, self.bank, mode="review", question_ids=ids, **options
        )


# ------------------------------------------------------------------ flashcards


def _self_rated(question: Question) -> bool:
    kind = kind_of(question)
    return kind is not None and kind.self_rated


def card_front(question: Question) -> str:
    """What the front of a card shows (its kind's card_front: a cloze shows its
    text with blanks)."""
    kind = kind_of(question)
    return question.prompt if kind is None else kind.card_front(question)


def card_back(question: Question) -> str:
    """What the back of a card shows: the answer, then the explanation."""
    answer = expected_text(question)
    kind = kind_of(question)
    if question.explanation and (kind is None or kind.explanation_on_back):
        return f"{answer}\n\n{question.explanation}"
    return answer


def _first_new(
    store, learner_id: int, bank: Bank, due_ids: dict[str, None], limit: int | None
) -> list[Question]:
    """The first `limit` flashcards of the bank (all, for None) that the learner never
    answered. Candidates are checked against the store a growing batch at a time, so a
    review with 20 new cards does not read the whole bank's statistics; the batches
    double, so a bank with few new cards costs about twice one full read at most."""
    candidates = [q for q in bank.questions if _self_rated(q) and q.id not in due_ids]
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
        self.new_cards: list[Question] = _first_new(store, learner_id, bank, due_ids, limit)
        self._new_ids = frozenset(q.id for q in self.new_cards)
        self._queue: list[Question] = self.due_cards + self.new_cards
        self._index = 0
        self._first: dict[str, QuestionResult] = {}
        self.answers: list[QuestionResult] = []
        self.last_record: Any = None
        self.flipped = False
        self.abandoned = False
        self._undo: _UndoPoint | None = None
        self.outcome: str | None = None  # how it ended; None while it runs (or if empty)
        self._finished = not self._queue
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
        return sum(1 for qid in self._new_ids if qid not in self._first)

    @property
    def next_due(self) -> datetime | None:
        """When the next card of this bank falls due (None: none scheduled)."""
        if not self._stale:  # one seek in the due index
            return self.store.next_due(self.learner_id, self.bank.id)
        return self.store.next_due(self.learner_id, self.bank, [q.id for q in self.bank.questions])

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
        g = grade_rating(question, rating)
        seconds = self._clock() - self._shown
        record = self.store.record_answer(
            self.session_id,
            question,
            response=RATING_NAMES[rating],
            correct=g.correct,
            credit=g.credit,
            seconds=max(0.0, seconds),
            rating=int(rating),
            # A session pinned to a moment (tests, "study as of") reviews at it.
            **({"now": self._fixed_now} if self._fixed_now is not None else {}),
        )
        result = QuestionResult(question, rating, g, seconds, 1, record)
        self.answers.append(result)
        first = self._first.get(question.id)
        self._undo = _UndoPoint(
            self._index, len(self._queue), first, record, flipped=self.flipped
        )
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
        if rating == 1:
            self._queue.append(question)
        self._index += 1
        self.flipped = False
        self._shown = self._clock()
        if self._index >= len(self._queue):
            self._finish("finished")
        return g

    @property
    def can_undo(self) -> bool:
        """True when undo_last() would take a rating back: one was given and the
        session has not finished (the next card is on screen, not rated yet)."""
        return self._undo is not None and not self._finished

    def undo_last(self) -> Question:
        """Take back the last rating (Ctrl+Z): the store records the retraction first,
        then the card comes back as it was rated (turned over), to be rated again.
        Returns that card's question. RuntimeError when can_undo is False."""
        if not self.can_undo:
            raise RuntimeError("There is no rating to take back.")
        point = self._undo
        question = point.take_back(self.store, self.answers, self._first, self._queue)
        self._undo = None
        self._index = point.index
        self.flipped = point.flipped
        self.last_record = self.answers[-1].record if self.answers else None
        self._shown = self._clock()
        return question

    def abandon(self) -> None:
        """Leave before the last card: the ratings given stay (they schedule the
        cards); the session is closed as abandoned, with no recall."""
        if not self._finished:
            self.abandoned = True
            self._finish("abandoned")

    def _finish(self, outcome: str) -> None:
        self._finished = True
        self.outcome = outcome
        self._undo = None
        if self.session_id is None:
            return
        if outcome == "abandoned":
            self.store.abandon_session(self.session_id)
        else:
            self.store.finish_session(self.session_id, None, outcome=outcome, recall=self.recall)

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
