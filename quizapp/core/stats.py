"""What the store returns: learners, answers, cards and statistics, as dataclasses.

The numbers are computed by Store methods (the only place with SQL); the pure
arithmetic that does not need the database (item discrimination) lives here so
it can be tested on its own.

Definitions used by the statistics:

- A session's score is what the session reported to Store.finish_session (0..1).
  Attempts count finished (or timed-out) sessions with a score only: an abandoned
  session has no score, and flashcard sessions report recall (the share of cards
  rated Good or Easy) instead of a score.
- Accuracy is right answers / answers, counting every answer (not credit).
- Weakest questions are ranked by smoothed accuracy (right + 1) / (answers + 2),
  lowest first, so one lucky answer does not hide a weak question; ties go to
  the question answered wrong most recently.
- Days are calendar days in the computer's local time zone.
- Facility (item analysis) is the share of learners whose FIRST answer to the
  question was right; `facility_overall` is right answers / answers over all
  learners' answers.
- Discrimination is the corrected point-biserial correlation between a
  learner's first answer to the question (0/1) and the same learner's
  first-attempt score on the rest of the bank's current questions they
  answered. None when fewer than 3 learners answered it or nobody varies.
- A question changed after learners answered it (its prompt, its right answer, its
  options: quizapp.core.question_version) is analysed over the answers to the version
  in the bank now; the answers to earlier versions are counted apart (earlier_answers).
  Answers recorded before quizapp kept versions (schema version 12) are taken to be to
  the version it first loaded after the upgrade (quizapp.core.store.item_versions).
"""

from __future__ import annotations

import math
from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from quizapp.core.learner import Learner

__all__ = ["Learner"]  # re-exported: it used to live here

# Frozen dataclasses for single records; plain slots ones where a query returns
# thousands of rows (frozen __init__ costs a setattr call per field). Every class has
# a docstring: without one, @dataclass computes inspect.signature() to write one.


# Made on every answer, so not frozen: a frozen __init__ sets each of its 11 fields through
# object.__setattr__ (with Grade's, 5.8% of FlashcardSession.rate: docs/performance.md,
# "Tenth round"). Nothing assigns to one after it is made; hashed by its fields as when frozen.
@dataclass(slots=True, unsafe_hash=True)
class AnswerRecord:
    """One stored answer, with the FSRS rating it applied and when the card is due next."""

    uuid: str
    session_id: int
    learner_id: int
    bank_id: str
    question_id: str
    correct: bool
    credit: float
    seconds: float
    answered: datetime
    rating: int  # the FSRS rating applied
    due: datetime  # when the card is due next


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A quiz, practice or flashcard session; finished, score and outcome stay None until it
    ends. outcome: "finished", "timed_out" or "abandoned" (store.OUTCOMES); score None: not
    an attempt (abandoned, or flashcards, whose `recall` is the share rated Good or Easy)."""

    id: int
    learner_id: int
    bank_id: str
    content_hash: str
    mode: str
    started: datetime
    finished: datetime | None
    score: float | None
    outcome: str | None = None
    recall: float | None = None


@dataclass(frozen=True, slots=True)
class CardState:
    """The FSRS card of one question for one learner."""

    learner_id: int
    bank_id: str
    question_id: str
    card_id: int
    state: str  # "learning" | "review" | "relearning"
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reviews: int
    lapses: int  # Again ratings given after the first review


@dataclass(frozen=True, slots=True)
class BankSummary:
    """What the library shows for a bank: attempts, scores, cards due, time spent."""

    learner_id: int
    bank_id: str
    attempts: int  # finished or timed-out sessions with a score (not abandoned, not flashcards)
    last_score: float | None
    best_score: float | None
    average_score: float | None
    due_count: int  # cards of current questions due now
    answers: int  # every answer ever given in this bank (as exported)
    correct: int
    seconds: float  # time spent answering, all answers
    questions_seen: int  # current questions answered at least once
    questions_total: int  # current questions (0 when only a bank id was given)
    last_studied: datetime | None
    recall: float | None = None  # the last flashcard session's share rated Good or Easy


@dataclass(frozen=True, slots=True)
class TagAccuracy:
    """Right answers per tag (topic), counting every answer."""

    tag: str
    questions: int  # current questions with this tag answered at least once
    answers: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.answers if self.answers else 0.0


@dataclass(slots=True)
class QuestionStat:
    """One question's answers by one learner: counts, credit, time, first and last result."""

    question_id: str
    answers: int
    correct: int
    credit: float  # sum of credit
    seconds: float
    first_correct: bool
    last_correct: bool
    last_answered: datetime

    @property
    def accuracy(self) -> float:
        return self.correct / self.answers if self.answers else 0.0

    @property
    def smoothed_accuracy(self) -> float:
        return (self.correct + 1) / (self.answers + 2)


class QuestionRow(
    namedtuple(
        "QuestionRow",
        "question_id answers correct credit seconds first_correct last_correct last_answered_text",
    )
):
    """QuestionStat's numbers as a named tuple, for Store.question_stats (a whole bank).

    A bank of 10,000 questions would cost 10,000 dataclass __init__ calls and datetime
    parses; a QuestionRow is the SQLite row itself, made without Python code per row.
    first_correct and last_correct are 1 or 0; last_answered is parsed when read.
    """

    __slots__ = ()

    @property
    def last_answered(self) -> datetime:
        return datetime.fromisoformat(self.last_answered_text)

    @property
    def accuracy(self) -> float:
        return self.correct / self.answers if self.answers else 0.0

    @property
    def smoothed_accuracy(self) -> float:
        return (self.correct + 1) / (self.answers + 2)


@dataclass(slots=True)
class ScorePoint:
    """A finished session's score, or the average of `sessions` ones, for the score chart.

    An average point (sessions > 1) stands for a local day's or week's sessions: it
    carries the last of them's id, finish time and mode, and their mean score.
    """

    session_id: int
    finished: datetime
    score: float
    mode: str
    sessions: int = 1


@dataclass(slots=True)
class DayActivity:
    """Answers given on one calendar day (local time)."""

    day: date
    answers: int
    correct: int
    seconds: float


@dataclass(slots=True)
class DueDay:
    """How many cards fall due on one day."""

    day: date
    count: int  # cards due that day (day 0 also holds every overdue card)


@dataclass(frozen=True, slots=True)
class TimeSpent:
    """Answering time, answers, attempts and active days."""

    seconds: float  # answering time, summed over answers
    answers: int
    sessions: int  # attempts: sessions closed with a score (see BankSummary.attempts)
    days: int  # distinct days with answers


@dataclass(frozen=True, slots=True)
class LearnerBankRow:
    """One learner's results on one bank, for the teacher overview."""

    learner_id: int
    learner: str
    bank_id: str
    attempts: int
    best_score: float | None
    last_score: float | None
    answers: int
    last_studied: datetime | None


@dataclass(slots=True)
class ItemStat:
    """Item analysis of one question over every learner: facility and discrimination."""

    question_id: str
    learners: int  # learners who answered it
    answers: int
    facility: float | None  # share right on first attempt
    facility_overall: float | None  # right / answers over everyone
    discrimination: float | None  # corrected point-biserial, -1..1
    # Answers given to an earlier version of the question (its right answer or options
    # changed since: quizapp.core.question_version), left out of the numbers above.
    earlier_answers: int = 0


@dataclass(slots=True)
class ExportRow:
    """One answer as `quizapp results` exports it."""

    uuid: str
    learner: str
    bank_id: str
    session_id: int
    mode: str
    question_id: str
    response: object  # decoded JSON
    correct: bool
    credit: float
    seconds: float
    answered: datetime
    session_score: float | None = None  # None while the session is not finished
    session_started: datetime | None = None
    session_finished: datetime | None = None
    session_outcome: str | None = None  # "finished", "timed_out", "abandoned"; None while open
    shown: list[str] | None = None  # the options' texts in the order the learner saw them
    retracted: datetime | None = None  # when the learner took the answer back (undo)


def correlation(n: int, sx: float, sxx: float, sy: float, sxy: float, syy: float) -> float | None:
    """Pearson correlation from sums over n pairs; None below 3 pairs or without variance."""
    if n < 3:
        return None
    var_x = n * sxx - sx * sx
    var_y = n * syy - sy * sy
    # Relative tolerance: sums of equal values should cancel to zero variance.
    if var_x <= 1e-9 * max(1.0, n * sxx) or var_y <= 1e-9 * max(1.0, n * syy):
        return None
    r = (n * sxy - sx * sy) / math.sqrt(var_x * var_y)
    return max(-1.0, min(1.0, r))


def point_biserial(item: Sequence[int], rest: Sequence[float]) -> float | None:
    """Pearson correlation of a 0/1 item score with a continuous rest score."""
    n = len(item)
    if n < 3 or n != len(rest):
        return None
    mean_i = sum(item) / n
    mean_r = sum(rest) / n
    cov = sum((i - mean_i) * (r - mean_r) for i, r in zip(item, rest, strict=True))
    var_i = sum((i - mean_i) ** 2 for i in item)
    var_r = sum((r - mean_r) ** 2 for r in rest)
    if var_i <= 0 or var_r <= 1e-12:
        return None
    return max(-1.0, min(1.0, cov / math.sqrt(var_i * var_r)))


# A learner as item analysis sees one: the local store's row id or the class
# server's learner uuid.
LearnerKey = TypeVar("LearnerKey", int, str)


def first_try_totals(
    first_correct: dict[str, dict[LearnerKey, int]], question_ids: Sequence[str]
) -> dict[LearnerKey, list[int]]:
    """Each learner's [first tries right, questions tried] over `question_ids`: the total
    that discrimination sets a question against."""
    totals: dict[LearnerKey, list[int]] = {}
    for qid in question_ids:
        for learner, value in first_correct.get(qid, {}).items():
            t = totals.setdefault(learner, [0, 0])
            t[0] += value
            t[1] += 1
    return totals


def item_analysis(
    first_correct: dict[str, dict[LearnerKey, int]],
    answers: dict[str, int],
    correct: dict[str, int],
    question_ids: Sequence[str],
) -> list[ItemStat]:
    """Facility and discrimination from first answers per question and learner.

    first_correct[question_id][learner_id] = 1 if that learner's first answer
    was right, else 0; answers/correct are totals per question.
    """
    totals = first_try_totals(first_correct, question_ids)
    out = []
    for qid in question_ids:
        per_learner = first_correct.get(qid, {})
        n = len(per_learner)
        items: list[int] = []
        rests: list[float] = []
        for learner, value in per_learner.items():
            right, seen = totals[learner]
            if seen > 1:
                items.append(value)
                rests.append((right - value) / (seen - 1))
        total_answers = answers.get(qid, 0)
        out.append(
            ItemStat(
                question_id=qid,
                learners=n,
                answers=total_answers,
                facility=sum(per_learner.values()) / n if n else None,
                facility_overall=correct.get(qid, 0) / total_answers if total_answers else None,
                discrimination=point_biserial(items, rests),
            )
        )
    return out
