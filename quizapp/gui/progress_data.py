"""What the progress screen shows, as plain data: load_progress runs on the reader thread
(gui/progress_screen.py submits it as a QueryOp) over the Store's public statistics
methods and the library's loaded banks, and hands the GUI thread a ProgressData to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from quizapp.core.flashcard_session import what_it_asks
from quizapp.core.stats import QuestionStat
from quizapp.gui.charts import elide, plain_text
from quizapp.gui.due_now import next_due

if TYPE_CHECKING:
    from quizapp.core.model import Bank

ALL_BANKS = ""  # the bank selector's "All banks" entry
DUE_DAYS = 30
ACTIVITY_DAYS = 30
WEAKEST_LIMIT = 10
MAX_SCORE_POINTS = 200


@dataclass(slots=True)
class WeakQuestion(QuestionStat):
    """One of the weakest questions (the store's numbers for it) and the bank it belongs to."""

    bank_id: str = ""
    # What it asks, as one line of plain text (its id where the bank is not loaded): looked
    # up off the GUI thread, since finding a question walks its bank.
    text: str = ""

    @classmethod
    def of(cls, bank_id: str, stat: QuestionStat, bank: Bank | None) -> WeakQuestion:
        """`stat` of a question of bank `bank_id` (`bank`, where the library has it)."""
        question = bank.question(stat.question_id) if bank is not None else None
        text = stat.question_id
        if question is not None:
            text = elide(plain_text(what_it_asks(question) or stat.question_id))
        return cls(**{f.name: getattr(stat, f.name) for f in fields(QuestionStat)},
                   bank_id=bank_id, text=text)


@dataclass(slots=True)
class ProgressData:
    learner_id: int
    bank_ids: list[str]  # banks the learner has studied, most recent first
    selected: str  # a bank id, or ALL_BANKS
    # bank id -> (when, score 0..100, how many quizzes): one point per quiz, or per day or
    # week averages once a bank has more than MAX_SCORE_POINTS quizzes
    scores: dict[str, list[tuple[datetime, float, int]]]
    tag_accuracy: list[tuple[str, int, int]]  # tag, answers, correct
    weakest: list[WeakQuestion]
    due_per_day: list[tuple[date, int]]  # DUE_DAYS days from today; day 0 holds the overdue
    activity: list[tuple[date, int, int, float]]  # day, answers, correct, seconds
    answers: int = 0
    correct: int = 0
    seconds: float = 0.0
    sessions: int = 0
    study_days: int = 0
    due_now: int = 0
    next_due: datetime | None = None  # when the next card not due now falls due (due_now.py)
    # answers the numbers leave out: their catch-up could not be written (a full disk)
    uncounted: int = 0
    days_elsewhere: bool = False  # the days are another time zone's until counted again
    extra: dict = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.answers == 0 and not any(self.scores.values())


def load_progress(
    store,
    learner_id: int,
    selected: str = ALL_BANKS,
    banks: dict | None = None,
    now: datetime | None = None,
) -> ProgressData:
    """Everything the progress screen shows for one learner, from the Store's public methods.

    banks maps bank ids to loaded Bank objects (the library): with a Bank the store counts
    only its current questions and knows their tags; a bank no longer in the library is
    still shown, by id, over everything recorded for it.
    """
    banks = banks or {}
    if not store.local_days_current():  # (gui/days_recount.py): none shown meanwhile
        return ProgressData(learner_id, [], selected, {}, [], [], [], [], days_elsewhere=True)
    now = now or datetime.now(UTC)
    today = now.astimezone().date()
    bank_ids = store.studied_bank_ids(learner_id)
    chosen = bank_ids if selected == ALL_BANKS else [b for b in bank_ids if b == selected]
    # The whole history (limit None: averaged per day or week beyond 1,000 attempts), not
    # the latest 1,000 alone: two years of attempts showed only the last.
    scores = {
        b: score_points(store.score_over_time(learner_id, banks.get(b, b), None))
        for b in chosen
    }
    tags: dict[str, list[int]] = {}
    weakest: list[WeakQuestion] = []
    due = [0] * DUE_DAYS
    activity: dict[date, list] = {}
    answers = correct = sessions = due_now = 0
    seconds = 0.0
    since = today - timedelta(days=ACTIVITY_DAYS - 1)
    for bank_id in chosen:
        bank = banks.get(bank_id, bank_id)
        if bank is not bank_id:
            for t in store.tag_accuracy(learner_id, bank):
                acc = tags.setdefault(t.tag, [0, 0])
                acc[0] += t.answers
                acc[1] += t.correct
        for q in store.weakest_questions(learner_id, bank, limit=WEAKEST_LIMIT):
            weakest.append(WeakQuestion.of(bank_id, q, banks.get(bank_id)))
        for i, d in enumerate(store.due_per_day(learner_id, bank, days=DUE_DAYS, now=now)):
            due[i] += d.count
        for a in store.answers_per_day(learner_id, bank, since=since):
            acc = activity.setdefault(a.day, [0, 0, 0.0])
            acc[0] += a.answers
            acc[1] += a.correct
            acc[2] += a.seconds
        summary = store.bank_summary(learner_id, bank, now)
        answers += summary.answers
        correct += summary.correct
        seconds += summary.seconds
        sessions += summary.attempts
        due_now += summary.due_count
    if selected == ALL_BANKS:
        spent = store.time_spent(learner_id)
        study_days = spent.days
    else:
        study_days = store.time_spent(learner_id, selected).days if chosen else 0
    # Across banks: lowest smoothed accuracy first, then the most recently answered.
    weakest.sort(key=lambda w: -(w.last_answered.timestamp() if w.last_answered else 0.0))
    weakest.sort(key=lambda w: w.smoothed_accuracy)
    return ProgressData(
        learner_id=learner_id,
        bank_ids=bank_ids,
        selected=selected,
        scores=scores,
        tag_accuracy=sorted(
            ((t, a, c) for t, (a, c) in tags.items()), key=lambda x: x[0].casefold()
        ),
        weakest=weakest[:WEAKEST_LIMIT],
        due_per_day=[(today + timedelta(days=i), n) for i, n in enumerate(due)],
        activity=[(d, int(v[0]), int(v[1]), float(v[2])) for d, v in sorted(activity.items())],
        answers=answers,
        correct=correct,
        seconds=seconds,
        sessions=sessions,
        study_days=study_days,
        due_now=due_now,
        next_due=next_due(store, learner_id, chosen, now),
        uncounted=store.uncounted_answers(),
    )


def score_points(points) -> list[tuple[datetime, float, int]]:
    """Scores as chart points: every quiz, or day (then week) averages for long histories.

    A line of 20,000 quizzes is unreadable and slow to draw; averages keep the trend.
    """
    out = [(p.finished, p.score * 100.0, p.sessions) for p in points]
    for bucket in (_local_day_start, _local_week_start):
        if len(out) <= MAX_SCORE_POINTS:
            break
        groups: dict[datetime, list[float]] = {}
        for when, score, n in out:
            g = groups.setdefault(bucket(when), [0.0, 0])
            g[0] += score * n
            g[1] += n
        out = [(when, total / n, n) for when, (total, n) in groups.items()]
    return out


def _local_day_start(when: datetime) -> datetime:
    local = when.astimezone() if when.tzinfo else when
    return local.replace(hour=12, minute=0, second=0, microsecond=0)


def _local_week_start(when: datetime) -> datetime:
    day = _local_day_start(when)
    return day - timedelta(days=day.weekday())
