"""The answer statistics (question_stats, bank_stats' answer columns, day_stats) catch up with
the answer log after a mark, instead of in each answer's own transaction.

record_answer commits only the answer, its FSRS card and its review (fewer statements and
WAL pages on the durable path: docs/performance.md, "A durable answer"). The statistics
count every answer up to `stats_mark.answer_id`; every query that reads them first calls
StatsCatchUp.fresh(), which folds the answers logged after the mark into them, in log
order, exactly as the answers' own upserts used to, and moves the mark in the same
transaction. So a reader always sees what a full recount (derived._rebuild_stats) gives,
whichever window or process recorded the answers, and a process killed before catching up
leaves nothing wrong: the next reader catches up. Writes that read or replace the
statistics themselves (a retraction, a pulled batch from the class server, deleting a
learner, a rebuild) catch up first or move the mark themselves, inside their transaction.
"""

from __future__ import annotations

import sqlite3

from quizapp.core.store.connection import Database
from quizapp.core.store.derived import StatsTally
from quizapp.core.store.errors import DiskFullError
from quizapp.core.store.local_days import days_counted_here_within
from quizapp.core.store.values import _log

# True when an answer was logged after the mark (one seek each: the answers' rowid and
# the one-row mark table).
_BEHIND = (
    "SELECT (SELECT coalesce(max(id), 0) FROM answers) > (SELECT answer_id FROM stats_mark)"
)
_PENDING = (
    "SELECT a.id, s.learner_id, s.bank_id, a.question_id, a.correct, a.credit, a.seconds,"
    " a.answered, a.version FROM answers a JOIN sessions s ON s.id = a.session_id"
    " WHERE a.id > (SELECT answer_id FROM stats_mark) ORDER BY a.id"
)
# The per-answer upserts record_answer ran until schema version 10, each adding a batch's
# sums at once: sums add up, the "last" columns take the batch's last answer (log order)
# and a new row's first_correct its first.
_ADD_QUESTION_STATS = (
    "INSERT INTO question_stats VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT(learner_id, bank_id, question_id) DO UPDATE SET"
    " answers = answers + excluded.answers, correct = correct + excluded.correct,"
    " credit_ppm = credit_ppm + excluded.credit_ppm, ms = ms + excluded.ms,"
    " last_correct = excluded.last_correct, last_answered = excluded.last_answered,"
    " last_wrong = coalesce(excluded.last_wrong, last_wrong)"
)
_ADD_BANK_STATS = (
    "INSERT INTO bank_stats(learner_id, bank_id, answers, correct, ms, last_answered)"
    " VALUES (?,?,?,?,?,?) ON CONFLICT(learner_id, bank_id) DO UPDATE SET"
    " answers = answers + excluded.answers, correct = correct + excluded.correct,"
    " ms = ms + excluded.ms, last_answered = excluded.last_answered"
)
# A new row's first_correct is its first answer's; sums add up.
ADD_VERSION_STATS = (
    "INSERT INTO version_stats VALUES (?,?,?,?,?,?,?)"
    " ON CONFLICT(learner_id, bank_id, question_id, version) DO UPDATE SET"
    " answers = answers + excluded.answers, correct = correct + excluded.correct"
)
_ADD_DAY_STATS = (
    "INSERT INTO day_stats VALUES (?,?,?,?,?,?)"
    " ON CONFLICT(learner_id, bank_id, day) DO UPDATE SET"
    " answers = answers + excluded.answers, correct = correct + excluded.correct,"
    " ms = ms + excluded.ms"
)


def catch_up_within(c: sqlite3.Connection) -> None:
    """Fold the answers after the mark into the statistics and move the mark past them,
    inside the caller's write transaction.

    Every answer after the mark is counted: a retraction catches up before it takes an
    answer back, so none of them is retracted."""
    tally = StatsTally()
    last_id = None
    for answer_id, *answer in c.execute(_PENDING):
        last_id = answer_id
        tally.add(*answer)
    if last_id is None:
        return
    c.executemany(_ADD_QUESTION_STATS, (k + tuple(v) for k, v in tally.questions.items()))
    c.executemany(_ADD_BANK_STATS, (k + tuple(v) for k, v in tally.banks.items()))
    c.executemany(_ADD_DAY_STATS, (k + tuple(v) for k, v in tally.days.items()))
    days_counted_here_within(c)
    c.executemany(ADD_VERSION_STATS, (k + tuple(v) for k, v in tally.versions.items()))
    c.execute("UPDATE stats_mark SET answer_id = ?", (last_id,))


def mark_counted_within(c: sqlite3.Connection) -> None:
    """Say that the statistics count every answer in the log (after a full recount), inside
    the caller's write transaction."""
    c.execute("UPDATE stats_mark SET answer_id = (SELECT coalesce(max(id), 0) FROM answers)")


def after_deleting_answers_within(c: sqlite3.Connection) -> None:
    """After answers were deleted (a learner's), inside the caller's write transaction,
    which caught up first: SQLite gives a new answer the id after the highest one left,
    which must lie after the mark, or it would never be counted."""
    c.execute(
        "UPDATE stats_mark SET answer_id = min(answer_id,"
        " (SELECT coalesce(max(id), 0) FROM answers))"
    )


class StatsCatchUp:
    """Brings the statistics up to date before a query reads them: checked on the reading
    connection (a Store's, or a StoreReader's read-only one), caught up through the
    writer's connection."""

    def __init__(self, reads: Database, writes: Database) -> None:
        self._reads = reads
        self._writes = writes

    def fresh(self) -> None:
        """Fold in the answers logged since the statistics were last brought up to date
        (by any window or process); nothing but one check when there are none.

        On a full disk the catch-up cannot be written: the queries then read the numbers
        stored last, behind by the answers after the mark (uncounted() says how many), and
        the next call tries again. Reading must not fail because a write did."""
        if not self._reads.value(_BEHIND):
            return
        try:
            with self._writes.write(notify=False, durable=False) as c:
                catch_up_within(c)
        except DiskFullError as exc:
            _log().warning("the statistics could not catch up with the answers: %s", exc)

    def uncounted(self) -> int:
        """How many logged answers the stored statistics leave out: 0, but after a catch-up
        that could not be written (a full disk), or in the moment after another window's
        answer."""
        count: int = self._reads.value(
            "SELECT count(*) FROM answers WHERE id > (SELECT answer_id FROM stats_mark)"
        )
        return count
