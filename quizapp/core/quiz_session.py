"""QuizSession: quiz, exam, practice and review as a plain state machine
(the modes are described in quizapp.core.session)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from quizapp.core.arrangement import Arrangement, arrange
from quizapp.core.grading import RATING_NAMES, Grade, grade, score
from quizapp.core.model import Bank, Question
from quizapp.core.question_version import question_version
from quizapp.core.session_base import (
    MODES,
    REPEATING_MODES,
    REQUEUE_GAP,
    SCORED_MODES,
    QuestionResult,
    TimeUp,
    _record,
    _UndoPoint,
    select_questions,
    self_rated,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from quizapp.core.review_plan import ReviewPlan


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
        # An exam's score is the app's grading: flashcards (self-rated) are left out of it.
        graded_only = mode == "exam"
        # Practice leaves out the cards the learner suspended (as flashcards do); a quiz or
        # an exam asks every question (its score is over the bank), a review the mistakes.
        suspended = (store.suspended_questions(learner_id, bank.id) if mode == "practice"
                     else {})
        self.questions: list[Question] = select_questions(
            bank, question_ids=question_ids, tags=self.tags, count=count, shuffle=shuffle,
            seed=seed, graded_only=graded_only, suspended=suspended,
        )
        # How many flashcards the exam left out, for the screen to say so at the start.
        self.flashcards_left_out = 0
        if graded_only:
            self.flashcards_left_out = sum(
                1 for q in select_questions(
                    bank, question_ids=question_ids, tags=self.tags, shuffle=False)
                if self_rated(q)
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
        # The question after the one answered and its options' order, drawn early when a
        # screen asks (upcoming()) and used by advance(): (its index in the queue, order).
        self._upcoming: tuple[int, Arrangement] | None = None
        self._flagged: set[str] = set()
        self._plan: ReviewPlan | None = None  # the question on screen's review (plan_current)
        self.arrangement: Arrangement = self._arrange(self._queue[0])
        self.session_id: int = store.start_session(learner_id, bank, mode)
        self._started = clock()
        # Should the app die meanwhile, the next start scores it as its results page would
        # (every question answered) or, for a timed quiz or exam, as time up would.
        deadline = None
        if time_limit is not None and not self.repeats_mistakes:
            deadline = datetime.now(UTC) + timedelta(seconds=time_limit)
        store.note_questions(
            self.session_id, {q.id: float(q.points) for q in self.questions}, deadline)
        self._shown = self._started

    def _arrange(self, question: Question) -> Arrangement:
        fixed = self._fixed_arrangements.get(question.id)
        if fixed is not None:
            return fixed
        shown = arrange(question, self._arranger)
        if self.mode == "exam":  # going back to a question shows it as it was
            self._fixed_arrangements[question.id] = shown
        return shown

    # ----------------------------------------------------------- reading state

    # Reading the state never writes: a session whose time is up stays as it was until
    # finish_if_time_up() (a screen's clock, on the writer thread) closes it.

    @property
    def state(self) -> str:
        return self._state

    @property
    def finished(self) -> bool:
        return self.state == "finished"

    @property
    def current(self) -> Question | None:
        if self._state == "finished":
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
        """Seconds left (0 once the time is up), None without a time limit."""
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - self.elapsed)

    @property
    def time_up(self) -> bool:
        """The session runs, has a time limit, and its time has run out: the next
        finish_if_time_up() closes it as timed out."""
        return (
            self._state != "finished"
            and self.time_limit is not None
            and self.elapsed >= self.time_limit
        )

    def finish_if_time_up(self) -> bool:
        """Finish the session as timed out if its time is up (its score goes to the
        store); True when it is finished, now or before. The one place a session's clock
        writes: a screen calls it from its timer, as a write op on the writer thread."""
        if self.time_up:
            self.timed_out = True
            self._finish("timed_out")
        return self._state == "finished"

    # ---------------------------------------------------------------- actions

    def submit(self, response: object) -> Grade:
        """Grade the response to the current question, record it in the store
        (committed on return), then return the grade. If the store fails, the
        error propagates and the question stays unanswered, so the screen can
        say so and the learner can try again."""
        if self.finish_if_time_up():
            raise TimeUp("Time is up: this answer was not counted.")
        return self._submit(response)

    def submit_at_time_up(self, response: object) -> Grade | None:
        """The time ran out with `response` on screen, given but not yet submitted: record
        it as the learner's answer (a paper exam collects what is written when time is
        called), then finish the session as timed out. A screen calls it from its clock
        once the time is up; when it is not asking a question, it only finishes it."""
        if self._state != "asking":
            self.finish_if_time_up()
            return None
        grade_given = self._submit(response)
        self.timed_out = True
        self._finish("timed_out")
        return grade_given

    def _submit(self, response: object) -> Grade:
        if self._state != "asking":
            raise RuntimeError(f"submit() while {self._state}")
        if response is None and self.mode == "exam":
            # An exam question left empty stays unanswered (skip()); a row with no
            # response would count it as answered.
            raise ValueError("An exam question without an answer is skipped, not submitted.")
        question = self._queue[self._index]
        g = grade(question, response)
        seconds = self._clock() - self._shown
        # A flashcard asked in a quiz is self-rated: its rating goes to FSRS as is.
        rating = None
        if self_rated(question) and type(response) is int and response in RATING_NAMES:
            rating = response
        first = self._first.get(question.id)
        # An exam answer given again replaces the one that counted: the store retracts
        # that one in the same transaction, so exactly one answer per question counts.
        changing = self.mode == "exam" and first is not None and first.record is not None
        replaces = first.record.uuid if changing and first is not None else None
        plan, self._plan = self._plan, None
        record = _record(
            self.store,
            self.session_id,
            question,
            response,
            g,
            seconds,
            rating,
            self.arrangement,
            replaces=replaces,
            plan=plan,  # the store ignores a plan of another question
        )
        attempt = QuestionResult(question, response, g, seconds, 1, record, self.arrangement)
        self.answers.append(attempt)
        requeued_at = None
        if self.repeats_mistakes and not g.correct:
            # Missed for the first time, it comes back soon (REQUEUE_GAP others later) while
            # it is fresh; missed again, at the end of the queue: a few hard questions
            # missed over and over kept the rest from ever being asked.
            requeued_at = (
                len(self._queue)
                if first is not None
                else min(len(self._queue), self._index + 1 + REQUEUE_GAP)
            )
        self._undo = _UndoPoint(
            self._index, first, record, self.arrangement, requeued_at=requeued_at
        )
        if first is None:
            self._first[question.id] = attempt
        elif changing:
            self._first[question.id] = replace(attempt, attempts=first.attempts + 1)
        else:
            self._first[question.id] = replace(first, attempts=first.attempts + 1)
        if requeued_at is not None:
            self._queue.insert(requeued_at, question)
        self.last_grade = g
        self.last_record = record
        self._state = "answered"
        return g

    @property
    def hint_for_next_try(self) -> str | None:
        """After a mistake in practice or review, the question's hint for the try to come
        when it comes back: its first hint after the first mistake, its second after the
        second (the last again once they run out), as Moodle's interactive mode shows
        them. None after a right answer, in a quiz or exam, or for a question with none."""
        grade_given = self.last_grade
        if (self._state != "answered" or not self.repeats_mistakes or grade_given is None
                or grade_given.correct):
            return None
        hints = self._queue[self._index].hints
        if not hints:
            return None
        asked = self._queue[self._index].id
        mistakes = sum(1 for a in self.answers if a.question.id == asked and not a.correct)
        return hints[min(mistakes, len(hints)) - 1]

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
        assert point is not None  # can_undo says so
        question = point.take_back(self.store, self.answers, self._first, self._queue)
        self._undo = None
        self._upcoming = None  # the queue may have changed (a practice copy taken out)
        self._index = point.index
        self._state = "asking"
        self.arrangement = point.arrangement or self._arrange(question)
        self.last_grade = self.answers[-1].grade if self.answers else None
        self.last_record = self.answers[-1].record if self.answers else None
        self._shown = self._clock()
        return question

    def plan_current(self) -> ReviewPlan | None:
        """Plan the FSRS review of the question on screen for each rating, from its card
        as stored now, while the learner reads it (None unless asking). submit() hands the
        plan to the store, which applies it or plans again (quizapp.core.review_plan).
        It never looks at the clock: a session whose time is up stays open for the screen's
        clock to collect the answer on screen (submit_at_time_up)."""
        if self._state != "asking":
            return None
        question = self._queue[self._index]
        self._plan = self.store.plan_review(self.learner_id, self.bank.id, question.id)
        question_version(question)  # kept for submit() to store (see FlashcardSession's)
        return self._plan

    def advance(self) -> None:
        """Go on to the next question, or finish after the last one (or, when the time is
        up, finish as timed out)."""
        if self.finish_if_time_up():
            return
        if self._state != "answered":
            raise RuntimeError(f"advance() while {self._state}")
        if self.mode == "exam":
            following = self._next_unanswered()
            if following is None:
                self._finish("finished")
            else:
                self._ask(following)
            return
        if self._index + 1 >= len(self._queue):
            self._finish("finished")
            return
        self._ask(self._index + 1)

    def upcoming(self) -> tuple[Question, Arrangement] | None:
        """The question advance() will ask next and the order its options will show in,
        drawn now, so that a screen can build it while the learner reads the feedback.
        None in an exam (the learner picks), after the last question, or before an answer.
        """
        if self.mode == "exam" or self._state != "answered":
            return None
        index = self._index + 1
        if index >= len(self._queue):
            return None
        if self._upcoming is None or self._upcoming[0] != index:
            self._upcoming = (index, self._arrange(self._queue[index]))
        return self._queue[index], self._upcoming[1]

    def _ask(self, index: int) -> None:
        self._index = index
        self._state = "asking"
        upcoming, self._upcoming = self._upcoming, None
        if upcoming is not None and upcoming[0] == index:
            self.arrangement = upcoming[1]  # as drawn for upcoming()
        else:
            self.arrangement = self._arrange(self._queue[index])
        self._shown = self._clock()

    # ------------------------------------------------------------ exam navigation

    def _require_exam(self, action: str) -> None:
        """Navigation (go_to, skip, set_flag) writes nothing: with the time up it raises
        TimeUp and leaves the session for finish_if_time_up() to close."""
        if self.mode != "exam":
            raise RuntimeError(f"{action} is only for exams.")
        if self.time_up or self._state == "finished":
            raise TimeUp("Time is up: the exam is over.")

    def _next_unanswered(self) -> int | None:
        """The first unanswered question after the current one, wrapping round."""
        count = len(self._queue)
        for step in range(1, count + 1):
            index = (self._index + step) % count
            if self._queue[index].id not in self._first:
                return index
        return None

    def go_to(self, index: int) -> Question:
        """Exam: show question `index` (0-based, in the order asked) again, answered or
        not, to read it, answer it or change its answer. An answer typed on the question
        left and not submitted is not kept. Returns the question."""
        self._require_exam("Going back to a question")
        if not 0 <= index < len(self._queue):
            raise IndexError(f"There is no question {index + 1}.")
        self._ask(index)
        return self._queue[index]

    def skip(self) -> Question | None:
        """Exam: leave the question on screen as it is (unanswered, or with the answer it
        already has) and show the next question still without an answer, wrapping round.
        Nothing is recorded: a skipped question stays unanswered, counted as such at
        hand-in, with no row in the store. Returns the question now shown, or None when
        no other question is unanswered (the screen stays on this one).

        Outside an exam a skip is an answer: the screen submits an empty response, marked
        wrong, so a practice brings the question back and its statistics count the miss."""
        self._require_exam("Skipping a question")
        if self._state != "asking":
            raise RuntimeError(f"skip() while {self._state}")
        following = self._next_unanswered()
        if following is None or following == self._index:
            return None
        self._ask(following)
        return self._queue[following]

    def answer_of(self, question_id: str) -> QuestionResult | None:
        """The answer that counts for a question of this session (exam: the last one
        given), or None when it has none."""
        return self._first.get(question_id)

    @property
    def unanswered(self) -> int:
        """Questions of this session with no answer yet."""
        return sum(1 for q in self.questions if q.id not in self._first)

    @property
    def flagged(self) -> frozenset[str]:
        """Ids of the exam questions the learner flagged to look at again."""
        return frozenset(self._flagged)

    def set_flag(self, question_id: str, flagged: bool) -> None:
        """Exam: flag a question to come back to before handing in (or unflag it).
        A flag is a note to oneself: it changes neither the answer nor the score."""
        self._require_exam("Flagging a question")
        if question_id not in {q.id for q in self.questions}:
            raise KeyError(question_id)
        if flagged:
            self._flagged.add(question_id)
        else:
            self._flagged.discard(question_id)

    def hand_in(self) -> None:
        """Exam: finish now and store the score; unanswered questions count 0. With the
        time already up it finishes as timed out instead (scored the same) and raises
        TimeUp; handed in twice, the second raises TimeUp and writes nothing."""
        if self.mode != "exam":
            raise RuntimeError("Handing in is only for exams.")
        if self.finish_if_time_up():
            raise TimeUp("Time is up: the exam was handed in.")
        self._finish("finished")

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
        if self.mode == "exam":  # every question answered, wherever the learner looks
            return self._state != "finished" and self.unanswered == 0
        return self._state == "answered" and self._index + 1 >= len(self._queue)

    def _finish(self, outcome: str) -> None:
        self._state = "finished"
        self.outcome = outcome
        self._undo = None
        if outcome == "abandoned":
            self.store.abandon_session(self.session_id)
        else:
            # A review of mistakes is not an attempt (SCORED_MODES): its results page shows
            # its score, the store keeps none.
            attempt = self.score if self.mode in SCORED_MODES else None
            self.store.finish_session(self.session_id, attempt, outcome=outcome)

    # ---------------------------------------------------------------- results

    @property
    def results(self) -> list[QuestionResult]:
        """One entry per selected question, in the order asked, with the
        first attempt (in an exam, the answer that counts: the last one given);
        unanswered questions have grade None."""
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
        options: dict[str, Any] = {
            "shuffle": self.shuffle,
            "seed": self.seed,
            "clock": self._clock,
            "arrangements": shown,
        }
        options.update(kwargs)
        return QuizSession(
            self.store, self.learner_id, self.bank, mode="review", question_ids=ids, **options
        )
