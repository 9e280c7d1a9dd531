"""What the study sessions share: the record of one question's attempt, the undo point,
how a session picks its questions and how it records an answer (see quizapp.core.session)."""

from __future__ import annotations

import random
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import Any

from quizapp.core.arrangement import Arrangement, shown_texts
from quizapp.core.grading import Grade, readable_response
from quizapp.core.kinds import kind_of
from quizapp.core.model import Bank, Question
from quizapp.core.store.schema import SCORED_MODES as SCORED_MODES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from quizapp.core.review_plan import ReviewPlan

MODES = ("quiz", "exam", "practice", "review")
REPEATING_MODES = ("practice", "review")
# SCORED_MODES (the store's schema, imported above: the store and a class pull need it too)
# are the modes whose finished sessions are attempts (a score: Best, Last, the score chart,
# the teacher's attempts). A review of mistakes re-asks questions whose answers were just
# shown, so, like a flashcard review, it ends without a score.
RECALLED = 3  # a flashcard rating of Good (3) or Easy (4) counts as recalled
# A question missed in practice comes back after this many others (or at the end of a
# shorter queue): soon enough to still be learning it, late enough not to be parroted.
REQUEUE_GAP = 3


class TimeUp(RuntimeError):
    """submit() after the time limit ran out: the answer is not recorded."""


# Not frozen, as QuestionResult below: one is made at every answer, and a frozen
# dataclass's __init__ sets each field through object.__setattr__, ~7,400 CPU instructions
# more for these six (2% of a flashcard rating's; docs/performance.md). Nothing assigns
# to either after it is made.
@dataclass(slots=True)
class _UndoPoint:
    """What a session looked like just before its last answer: undo_last() goes back."""

    index: int
    first: QuestionResult | None  # the question's first attempt before this answer
    record: Any  # the store's AnswerRecord of the answer (its uuid is retracted)
    arrangement: Arrangement | None = None
    flipped: bool = False
    requeued_at: int | None = None  # where a copy was queued for the mistake, if one was

    def take_back(
        self,
        store,
        answers: list[QuestionResult],
        first: dict[str, QuestionResult],
        queue: list[Question],
        reopen: int | None = None,
    ) -> Question:
        """Retract the answer in the store (committed first: if that fails nothing here
        changes; reopen: the finished review to open again with it, see
        Store.retract_answer), then put a session's answers, first attempts and queue back
        as they were before it. Returns its question; the caller restores its own
        position."""
        if reopen is None:
            store.retract_answer(self.record.uuid)
        else:
            store.retract_answer(self.record.uuid, reopen=reopen)
        question = answers.pop().question
        if self.first is None:
            del first[question.id]
        else:
            first[question.id] = self.first
        if self.requeued_at is not None:  # the copy queued for a mistake (practice, Again)
            del queue[self.requeued_at]
        return question


# Hashed by its fields as when it was frozen (see _UndoPoint for why it is not).
@dataclass(slots=True, unsafe_hash=True)
class QuestionResult:
    """One question of a session: the learner's first attempt at it.

    ``grade`` and ``response`` are None when it was never answered (time ran
    out, or the session was left). ``attempts`` counts every submission
    (practice repeats); ``record`` is what the store returned (its ``uuid`` is
    what ``Store.override_rating`` takes).
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
    graded_only: bool = False,
    suspended: Container[str] = (),
) -> list[Question]:
    """The questions a session asks, in order.

    graded_only: leave out the questions the learner rates themselves (flashcards), as
    an exam does: its score is the app's grading, never self-reported.

    suspended: question ids left out (the cards the learner suspended, for practice).

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
    if graded_only:
        rated = len(pool)
        pool = [q for q in pool if not self_rated(q)]
        if rated and not pool:
            raise ValueError(
                "An exam asks only questions the app grades, and these are all flashcards,"
                " which you rate yourself: review them as flashcards, or run a quiz."
            )
    if suspended and pool:
        pool = [q for q in pool if q.id not in suspended]
        if not pool:
            raise ValueError(
                "Every question here is a card you suspended, so practice has none to ask:"
                " bring cards back with Suspended cards… on the flashcard screen, or run a"
                " quiz, which asks every question."
            )
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
    replaces: str | None = None,
    plan: ReviewPlan | None = None,
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
        replaces=replaces,
        **({"plan": plan} if plan is not None else {}),
    )


def self_rated(question: Question) -> bool:
    """Whether the learner rates this question's recall themselves (a flashcard)."""
    kind = kind_of(question)
    return kind is not None and kind.self_rated
