"""Sessions and the answer path: starting and closing sessions, recording an answer with its
FSRS card and review in one committed transaction, and taking an answer back.

The answer log (`answers`, append-only, one time-ordered version 7 UUID per answer) is the
source of truth; question_stats, bank_stats and day_stats catch up with it before they are
read (quizapp.core.store.catch_up), so an answer's transaction writes only the answer, its
card and its review, and statistics never scan the log (see the package docstring).
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime

from quizapp.core.question_version import question_version
from quizapp.core.store.caches import StoreCaches
from quizapp.core.store.catch_up import catch_up_within
from quizapp.core.store.connection import Database
from quizapp.core.store.local_days import days_counted_here_within
from quizapp.core.store.schema import MODES, OUTCOMES
from quizapp.core.store.values import (
    _card_row,
    _dt,
    _finite,
    _fold_question,
    _json_text,
    _local_day,
    _ms,
    _ppm,
    _ts,
    _uuid7,
)

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from quizapp.core.model import Bank, Question
    from quizapp.core.review_plan import ReviewPlan
    from quizapp.core.stats import AnswerRecord, SessionInfo


# The card's rowid last (review_plan's row): the answer writes the card by it (store
# schema 14), where a key of three columns, two of them text, cost a seek by text.
_SELECT_CARD = (
    "SELECT card_id, state, step, stability, difficulty, due, last_review, reviews, lapses,"
    " rowid FROM cards WHERE learner_id = ? AND bank_id = ? AND question_id = ?"
)
_ROWID = 9
_INSERT_ANSWER = (
    "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit,"
    " seconds, answered, shown, version) VALUES (?,?,?,?,?,?,?,?,?,?)"
)
# Statements for the NULLs an answer's writes usually hold (a flashcard has no options
# shown; a card in review has no learning step, before and after) written into their SQL:
# pysqlite binds a None through the adapter connection.py registers for it, a dictionary
# lookup and a Python call (~700 instructions each; docs/performance.md, "Twelfth round").
_INSERT_UNSHOWN_ANSWER = (
    "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit,"
    " seconds, answered, shown, version) VALUES (?,?,?,?,?,?,?,?,NULL,?)"
)
# finish_session's: the day's last session is the one finished last (a later call wins a
# tie, as the rebuild's ORDER BY finished, id does).
_UPSERT_SCORE_DAY = (
    "INSERT INTO score_days SELECT learner_id, bank_id, ?, 1, ?, finished, id, mode"
    " FROM sessions WHERE id = ? ON CONFLICT(learner_id, bank_id, day) DO UPDATE SET"
    " sessions = sessions + 1, score_ppm = score_ppm + excluded.score_ppm,"
    " last_session = CASE WHEN excluded.last_finished >= last_finished"
    " THEN excluded.last_session ELSE last_session END,"
    " last_mode = CASE WHEN excluded.last_finished >= last_finished"
    " THEN excluded.last_mode ELSE last_mode END,"
    " last_finished = max(last_finished, excluded.last_finished)"
)
_INSERT_CARD = "INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
# An UPDATE in place (no delete + insert of the row).
_SET_CARD = (
    "UPDATE cards SET card_id = ?, state = ?, step = {step}, stability = ?, difficulty = ?,"
    " due = ?, last_review = ?, reviews = ?, lapses = ? WHERE rowid = ?"
)
_UPDATE_CARD = _SET_CARD.format(step="?")
# The planned card written only if the stored card is still the one the plan was made
# from (ReviewPlan.holds, checked by SQLite as part of the write instead of a SELECT
# before it): no row changed means another window answered the card, or an answer of it
# was taken back, since it was shown, and the answer plans again from the card as it is.
# By rowid, and its key too: a rowid freed by a card taken back can be another card's by
# the time the answer comes.
_CARD_AS_PLANNED = (
    " AND learner_id = ? AND bank_id = ? AND question_id = ?"
    " AND card_id IS ? AND state IS ? AND step IS {step} AND stability IS ?"
    " AND difficulty IS ? AND due IS ? AND last_review IS ? AND reviews IS ? AND lapses IS ?"
)
_UPDATE_PLANNED_CARD = _UPDATE_CARD + _CARD_AS_PLANNED.format(step="?")
# A card in review, before and after (no learning step; see _INSERT_UNSHOWN_ANSWER).
_UPDATE_PLANNED_STEPLESS_CARD = _SET_CARD.format(step="NULL") + _CARD_AS_PLANNED.format(
    step="NULL"
)
_STEP = 2  # the step's place in a card's columns and in review_plan's row
_INSERT_PLANNED_CARD = _INSERT_CARD + (
    " ON CONFLICT(learner_id, bank_id, question_id) DO NOTHING"
)
# A card's latest review (through reviews_by_card), for keep_schedule
_SELECT_LATEST_REVIEW = (
    "SELECT id, answer_uuid, card FROM reviews"
    " WHERE learner_id = ? AND bank_id = ? AND question_id = ? ORDER BY id DESC LIMIT 1"
)
_KEEP_CARD_SCHEDULE = (
    "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?"
    " WHERE learner_id = ? AND bank_id = ? AND question_id = ?"
)
_INSERT_REVIEW = (
    "INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id, card_id,"
    " rating, reviewed, duration_ms, overrides, card, draw) VALUES (?,?,?,?,?,?,?,?,NULL,?,?)"
)


# FSRS's ratings, Again to Easy (scheduler.RATING_NAMES, which imports fsrs).
_RATINGS = range(1, 5)
_REVIEW = 2  # fsrs.State.Review, whose card has no learning step
# SQLite's default limit of parameters a statement is 999 on older builds.
_UUIDS_A_QUERY = 500
_AnswerRecord: type[AnswerRecord] | None = None
# Each answer's fuzz draw (store schema 13): one generator for the process, seeded from the
# system's randomness. The draw is recorded with the review, and every replay takes it from
# there (scheduler.review's `draw`), so no one derives it again. Drawing it costs one call
# where the draw seeded by the review (blake2b, sha512, a Mersenne Twister seeded with 1,024
# bits), which the reviews recorded before still get, cost ~50,000 instructions an answer
# (docs/performance.md, "Eleventh round"). random() of one generator is safe from any
# thread: the GIL covers the C call.
_new_draw = random.Random().random


def _answer_record_type() -> type[AnswerRecord]:
    """quizapp.core.stats.AnswerRecord, imported on the first answer (stats is not needed
    to start the app) and kept: an import statement on every answer costs 0.5 us."""
    global _AnswerRecord
    if _AnswerRecord is None:
        from quizapp.core.stats import AnswerRecord

        _AnswerRecord = AnswerRecord
    return _AnswerRecord


def _plan_review(
    row: tuple | None, key: tuple, rating: int, when: datetime, seconds: float, draw: float
) -> tuple[int, tuple, str, datetime]:
    """Planning at answer time, from the card row read: (card id, its cards-table columns
    after the review, its JSON, its due date)."""
    from quizapp.core import scheduler
    from quizapp.core.review_plan import card_from_row

    card = card_from_row(row, key, when)
    if row is None:
        reviews, lapses = 0, 0
    else:
        reviews, lapses = row[7], row[8]
        if rating == scheduler.AGAIN:
            lapses += 1
    card = scheduler.review(card, rating, when, seconds, draw)
    return card.card_id, _card_row(card) + (reviews + 1, lapses), card.to_json(), card.due


def _apply_plan(
    plan: ReviewPlan, rating: int, when: datetime, answered: str, draw: float
) -> tuple[int, tuple, str, datetime]:
    """The same as _plan_review from a plan made when the card was shown (plan.holds)."""
    # `answered` is when.isoformat() but for its fraction, which isoformat() leaves out
    # when it is zero.
    done = plan.apply(rating, when, draw, answered if when.microsecond else None)
    columns = (
        done.card_id, done.state, done.step, done.stability, done.difficulty,
        done.due_micros, answered, done.reviews, done.lapses,
    )
    return done.card_id, columns, done.card_json, done.due


def _write_planned_card(
    c: sqlite3.Cursor, key: tuple, columns: tuple, plan: ReviewPlan
) -> bool:
    """Write the card as the plan reviewed it if the stored card is still plan.row (no
    card for a plan of a new card); False, writing nothing, when it is not."""
    if plan.row is None:
        return c.execute(_INSERT_PLANNED_CARD, key + columns).rowcount == 1
    row = plan.row
    if columns[_STEP] is None and row[_STEP] is None:
        return c.execute(_UPDATE_PLANNED_STEPLESS_CARD, (
            *columns[:_STEP], *columns[_STEP + 1:], row[_ROWID], *key, *row[:_STEP],
            *row[_STEP + 1:_ROWID],
        )).rowcount == 1
    return c.execute(
        _UPDATE_PLANNED_CARD, (*columns, row[_ROWID], *key, *row[:_ROWID])
    ).rowcount == 1


class Answers:
    def __init__(self, db: Database, caches: StoreCaches) -> None:
        self._db = db
        self._caches = caches
        # Where this store's answers take their fuzz draws (tests give two stores one
        # sequence each, to compare what they store).
        self.draws: Callable[[], float] = _new_draw

    def start_session(
        self, learner_id: int, bank: Bank, mode: str, now: datetime | None = None
    ) -> int:
        """A new study session; `now` (default: the current time) is when it started."""
        if mode not in MODES:
            raise ValueError(f"Unknown study mode {mode!r}; expected one of {', '.join(MODES)}.")
        try:
            with self._db.write() as c:
                cur = c.execute(
                    "INSERT INTO sessions(learner_id, bank_id, content_hash, mode, started, uuid)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        learner_id,
                        bank.id,
                        bank.content_hash or "",
                        mode,
                        _ts(now or datetime.now(UTC)),
                        _uuid7(),
                    ),
                )
                session_id = cur.lastrowid
                assert session_id is not None  # a row was inserted
        except sqlite3.IntegrityError:
            raise ValueError("This learner no longer exists.") from None
        self._caches.session_keys[session_id] = (learner_id, bank.id)
        return session_id

    def _session_key(self, session_id: int) -> tuple[int, str]:
        key = self._caches.session_keys.get(session_id)
        if key is None:
            row = self._db.read1(
                "SELECT learner_id, bank_id FROM sessions WHERE id = ?", (session_id,)
            )
            if row is None:
                raise ValueError(f"There is no study session {session_id}.")
            key = self._caches.session_keys[session_id] = (row[0], row[1])
        return key

    def session(self, session_id: int) -> SessionInfo | None:
        from quizapp.core.stats import SessionInfo

        row = self._db.read1(
            "SELECT id, learner_id, bank_id, content_hash, mode, started, finished, score,"
            " outcome, recall FROM sessions WHERE id = ?",
            (session_id,),
        )
        if row is None:
            return None
        return SessionInfo(
            row[0], row[1], row[2], row[3], row[4], datetime.fromisoformat(row[5]), _dt(row[6]),
            row[7], row[8], row[9],
        )

    def recorded_among(self, uuids: Sequence[str]) -> set[str] | None:
        """Which of these answers (their uuids) the store holds, taken back or not; None,
        at once, when another thread is using the connection. An answer given in a window
        is gone from the store when a backup made before it was restored meanwhile
        (`quizapp restore` in a terminal): the Leave question counts what is kept."""
        found: set[str] = set()
        for start in range(0, len(uuids), _UUIDS_A_QUERY):
            chunk = tuple(uuids[start : start + _UUIDS_A_QUERY])
            rows = self._db.read_if_free(
                f"SELECT uuid FROM answers WHERE uuid IN ({','.join('?' * len(chunk))})", chunk)
            if rows is None:
                return None
            found.update(row[0] for row in rows)
        return found

    def plan_review(
        self, learner_id: int, bank_id: str, question_id: str, now: datetime | None = None
    ) -> ReviewPlan:
        """The review of this card for each rating, planned at `now` (default: the current
        time) from the card as stored now: made when the card is shown, handed to
        record_answer with the answer (see quizapp.core.review_plan)."""
        from quizapp.core.review_plan import plan_review

        key = (learner_id, str(bank_id), str(question_id))
        row = self._db.read1(_SELECT_CARD, key)
        return plan_review(key, row, datetime.fromisoformat(_ts(now or datetime.now(UTC))))

    def record_answer(
        self,
        session_id: int,
        question: Question | str,
        *,
        response,
        correct: bool,
        credit: float,
        seconds: float,
        rating: int | None = None,
        now: datetime | None = None,
        shown: Sequence[str] | None = None,
        replaces: str | None = None,
        plan: ReviewPlan | None = None,
    ) -> AnswerRecord:
        """Store one answer and its FSRS review (the card and the review log) in one
        committed transaction; the statistics count it once they are next read.

        replaces: the uuid of an earlier answer this one takes the place of (a changed exam
        answer); it is retracted in the same transaction, so the log never holds both as
        counted nor neither.

        `response` should be JSON-able and readable (texts, not indexes):
        pass grading.readable_response(question, raw). Anything else is
        stored as its str(). rating None: scheduler.rating_for(...). shown: the
        options' texts in the order the learner saw them (arrangement.shown_texts).

        The card is read, and its review computed, under the write lock: no other window
        can change it in between, and no read transaction of its own comes first.

        plan: the card's review planned when it was shown (plan_review), applied when it
        holds (ReviewPlan.holds: the card read here is the one it was planned from, and
        the answer falls in the same whole day since the card's last review); otherwise,
        or with no plan, the review is planned here. Either way the stored card and review
        are the same.
        """
        learner_id, bank_id = self._session_key(session_id)
        qid = question if isinstance(question, str) else question.id
        correct = bool(correct)
        credit = _finite(credit, 0.0, 1.0)
        seconds = _finite(seconds, 0.0, 86_400.0)
        if rating is None:
            from quizapp.core import scheduler

            if isinstance(question, str):
                rating = scheduler.GOOD if correct else scheduler.AGAIN
            else:
                rating = int(scheduler.rating_for(correct, seconds, question))
        rating = int(rating)
        if rating not in _RATINGS:
            raise ValueError(f"A rating is 1 (Again) to 4 (Easy), not {rating}.")
        when = now or datetime.now(UTC)
        answered = _ts(when)
        if when.tzinfo is not UTC:
            when = datetime.fromisoformat(answered)  # as stored: UTC
        uid = _uuid7()
        ci = 1 if correct else 0
        ms = _ms(seconds)
        key = (learner_id, bank_id, qid)
        # The question as asked (None for a bare id: nothing to tell versions apart by).
        version = None if isinstance(question, str) else question_version(question)
        answer: tuple = (
            uid, session_id, qid, _json_text(response), ci, credit, seconds, answered,
        )
        if shown is None:
            insert_answer, answer = _INSERT_UNSHOWN_ANSWER, (*answer, version)
        else:
            insert_answer = _INSERT_ANSWER
            answer = (*answer, _json_text([str(t) for t in shown]), version)
        # The review's fuzz draw, recorded with it (store schema 13; see _new_draw).
        draw = self.draws()
        # Applied before the write lock is taken: it needs only the plan, the time, the draw.
        planned = (
            _apply_plan(plan, rating, when, answered, draw)
            if plan is not None and plan.key == key and plan.holds_at(when)
            else None
        )
        try:
            with self._db.write() as conn:
                if replaces is not None:
                    retract_within(conn, replaces, answered)
                c = self._db.write_cursor
                c.execute(insert_answer, answer)
                if (
                    plan is not None
                    and planned is not None
                    and _write_planned_card(c, key, planned[1], plan)
                ):
                    reviewed = planned  # the card was as the plan read it
                else:
                    card_row = c.execute(_SELECT_CARD, key).fetchone()
                    reviewed = _plan_review(card_row, key, rating, when, seconds, draw)
                    if card_row is None:
                        c.execute(_INSERT_CARD, key + reviewed[1])
                    else:
                        c.execute(_UPDATE_CARD, (*reviewed[1], card_row[_ROWID]))
                c.execute(
                    _INSERT_REVIEW,
                    (uid, *key, reviewed[0], rating, answered, ms, reviewed[2], draw),
                )
        except sqlite3.IntegrityError:
            self._caches.session_keys.pop(session_id, None)
            # Which of the two it was, nothing in the file says (a tester was told "was
            # the learner deleted?" after a `quizapp restore` from a terminal).
            raise ValueError(
                "This study session is no longer in the results file: its learner was "
                "deleted, or a backup was restored, in another quizapp window or by a "
                "quizapp command. Leave it and start again."
            ) from None
        if replaces is not None:
            self._caches.item_cache.pop(bank_id, None)
        # uuid, session_id, learner_id, bank_id, question_id, correct, credit, seconds,
        # answered, rating, due (positional: keywords cost 0.7 us here)
        return _answer_record_type()(
            uid, session_id, learner_id, bank_id, qid, correct, credit, seconds, when, rating,
            reviewed[3],
        )

    def keep_schedule(
        self, record: AnswerRecord, *, state: int, stability: float, difficulty: float,
        due: datetime,
    ) -> None:
        """The card the answer `record` left, as another app scheduled it (an Anki deck's
        FSRS memory state and due date, `quizapp import --with-history`): the card and the
        card stored with the answer's review, from which a rebuild takes it, both get this
        state (fsrs.State), stability, difficulty and due date. For the card's latest review
        only, recorded in the same batch (not yet sent to a class server): ValueError
        otherwise, and nothing changes."""
        from fsrs import Card, State

        key = (record.learner_id, record.bank_id, record.question_id)
        with self._db.write():
            c = self._db.write_cursor
            row = c.execute(_SELECT_LATEST_REVIEW, key).fetchone()
            if row is None or row[1] != record.uuid:
                raise ValueError("a schedule is kept only for a card's latest review")
            card = Card.from_json(row[2])
            # a step counts (re)learning steps: kept if the replay's card is learning too
            step = None if state == _REVIEW else (card.step if card.step is not None else 0)
            card.state, card.step = State(state), step
            card.stability, card.difficulty, card.due = stability, difficulty, due
            c.execute("UPDATE reviews SET card = ? WHERE id = ?", (card.to_json(), row[0]))
            c.execute(_KEEP_CARD_SCHEDULE, _card_row(card)[1:6] + key)

    def retract_answer(
        self, answer_uuid: str, now: datetime | None = None, *, reopen: int | None = None
    ) -> datetime:
        """Take back an answer (the learner's undo): append its retraction and, in the same
        transaction, recompute its question's statistics, its bank's and day's totals and
        its FSRS card as if it had never been given. The answer stays in the log.

        reopen: the finished flashcard review whose last rating this is, taken back from
        its summary: opened again in the same transaction (its end and recall go, to be
        written again when it ends), so that neither stands without the other. Only a
        review finished without a score (an attempt's score is in Best, Last and the
        chart), and not once the class server has its end (it keeps the first end it
        gets): ValueError then, and nothing changes.

        Returns when it was retracted; a second call changes nothing and returns the
        first retraction's time (with `reopen`, a second call is a ValueError: the review
        is open already). ValueError when there is no such answer, and with `reopen` while
        the class server is being sent this store's work.
        """
        when = _ts(now or datetime.now(UTC))
        if reopen is not None and not self._caches.pushing.acquire(blocking=False):
            # The push under way may be sending the review's end: refused, not waited for.
            raise ValueError("This learner's work is being sent to the class server right "
                             "now: try again in a moment.")
        try:
            with self._db.write() as c:
                if reopen is not None:
                    _reopen_within(c, reopen)
                retracted, bank_id = retract_within(c, answer_uuid, when)
        finally:
            if reopen is not None:
                self._caches.pushing.release()
        self._caches.item_cache.pop(bank_id, None)
        return datetime.fromisoformat(retracted)

    def finish_session(
        self,
        session_id: int,
        score: float | None,
        now: datetime | None = None,
        *,
        outcome: str = "finished",
        recall: float | None = None,
    ) -> None:
        """Close a session at `now` (default: the current time) with its outcome.

        score (0..1) makes it an attempt (Best, Last, the score chart, the teacher's
        attempts); None closes it without one (a flashcard session, which passes its
        `recall` instead). outcome "abandoned" is never an attempt: its score and recall
        are not stored, only its answers count (see "Session outcomes" above).

        A second call changes nothing. The bank's last score is the score of the session
        that finished last, whatever the order of the calls (as rebuild_derived counts).
        """
        if outcome not in OUTCOMES:
            raise ValueError(
                f"Unknown session outcome {outcome!r}; expected one of {', '.join(OUTCOMES)}."
            )
        if outcome == "abandoned":
            score = recall = None
        if score is not None:
            score = _finite(score, 0.0, 1.0)
        if recall is not None:
            recall = _finite(recall, 0.0, 1.0)
        learner_id, bank_id = self._session_key(session_id)
        finished = _ts(now or datetime.now(UTC))
        with self._db.write() as c:
            cur = c.execute(
                "UPDATE sessions SET finished = ?, score = ?, outcome = ?, recall = ?"
                " WHERE id = ? AND finished IS NULL",
                (finished, score, outcome, recall, session_id),
            )
            if cur.rowcount and score is not None:
                c.execute(
                    "INSERT INTO bank_stats(learner_id, bank_id, sessions, score_ppm, best_score,"
                    " last_score, last_finished) VALUES (?,?,1,?,?,?,?)"
                    " ON CONFLICT(learner_id, bank_id) DO UPDATE SET"
                    " sessions = sessions + 1, score_ppm = score_ppm + excluded.score_ppm,"
                    " best_score = max(coalesce(best_score, 0), excluded.best_score),"
                    " last_score = CASE WHEN last_finished IS NULL"
                    " OR excluded.last_finished >= last_finished"
                    " THEN excluded.last_score ELSE last_score END,"
                    " last_finished = max(coalesce(last_finished, ''), excluded.last_finished)",
                    (learner_id, bank_id, _ppm(score), score, score, finished),
                )
                c.execute(
                    _UPSERT_SCORE_DAY,
                    (_local_day(datetime.fromisoformat(finished)), _ppm(score), session_id),
                )
                days_counted_here_within(c)

    def abandon_session(self, session_id: int, now: datetime | None = None) -> None:
        """Close a session the learner left: its answers stay, it is not an attempt."""
        self.finish_session(session_id, None, now, outcome="abandoned")


def _reopen_within(c: sqlite3.Connection, session_id: int) -> None:
    """Open a finished flashcard review again inside the caller's transaction, or raise
    ValueError (see Answers.retract_answer's reopen)."""
    import json

    row = c.execute(
        "SELECT learner_id FROM sessions WHERE id = ? AND outcome = 'finished'"
        " AND score IS NULL",
        (session_id,),
    ).fetchone()
    if row is None:
        raise ValueError("This review is no longer open to changes.")
    # What the class server has (server_sync.unpushed): the sessions up to its mark, and
    # their ends, except those of the sessions it got while they were still open.
    marks = dict(c.execute(
        "SELECT key, value FROM settings WHERE key IN (?, ?)",
        (f"sync.{row[0]}.sessions", f"sync.{row[0]}.open"),
    ).fetchall())
    sent_up_to = int(marks.get(f"sync.{row[0]}.sessions") or 0)
    sent_open = json.loads(marks.get(f"sync.{row[0]}.open") or "[]")
    if session_id <= sent_up_to and session_id not in sent_open:
        raise ValueError("The review's end was already sent to the class server, which "
                         "keeps it: its last rating can no longer be taken back.")
    c.execute(
        "UPDATE sessions SET finished = NULL, outcome = NULL, recall = NULL WHERE id = ?",
        (session_id,),
    )


# An answer taken back (uuid, when, the card it left), after the reviews recorded so far.
RECORD_RETRACTION = ("INSERT INTO retractions(answer_uuid, retracted, after_review, card)"
                     " SELECT ?, ?, coalesce(max(id), 0), ? FROM reviews")


def retract_within(c: sqlite3.Connection, answer_uuid: str, when: str) -> tuple[str, str]:
    """retract_answer's work inside the caller's write transaction (import_pulled
    applies other computers' retractions with it); (when it was retracted, bank id)."""
    from quizapp.core.store.derived import NOT_RETRACTED, StatsTally, _replay_card

    # The statistics this takes the answer out of must count it (and every answer before).
    catch_up_within(c)
    found = c.execute(
        "SELECT s.learner_id, s.bank_id, a.question_id, a.correct, a.seconds,"
        " a.answered, r.retracted FROM answers a JOIN sessions s ON s.id = a.session_id"
        " LEFT JOIN retractions r ON r.answer_uuid = a.uuid WHERE a.uuid = ?",
        (answer_uuid,),
    ).fetchone()
    if found is None:
        raise ValueError("There is no such answer to take back.")
    learner_id, bank_id, qid, correct, seconds, answered, already = found
    if already is not None:
        return already, bank_id
    key = (learner_id, bank_id, qid)
    # The question's row, folded again from its remaining answers as the rebuild does.
    # They are found through their card's reviews (reviews_by_card; each answer has
    # one review that is no override): the answers have no index by question.
    rest = c.execute(
        "SELECT a.correct, a.credit, a.seconds, a.answered, a.version FROM reviews v"
        " JOIN answers a ON a.uuid = v.answer_uuid WHERE v.learner_id = ?"
        " AND v.bank_id = ? AND v.question_id = ? AND v.overrides IS NULL"
        " AND a.uuid != ? AND " + NOT_RETRACTED + " ORDER BY a.id",
        (*key, answer_uuid),
    ).fetchall()
    counted = c.execute(
        "SELECT answers FROM question_stats WHERE learner_id = ? AND bank_id = ?"
        " AND question_id = ?",
        key,
    ).fetchone()
    if counted is None or len(rest) != counted[0] - 1:
        # Some answer has no review (a database from before reviews were written
        # with every answer): read the learner's answers in the bank instead.
        rest = c.execute(
            "SELECT a.correct, a.credit, a.seconds, a.answered, a.version FROM answers a"
            " JOIN sessions s ON s.id = a.session_id WHERE s.learner_id = ?"
            " AND s.bank_id = ? AND a.question_id = ? AND a.uuid != ? AND "
            + NOT_RETRACTED + " ORDER BY a.id",
            (*key, answer_uuid),
        ).fetchall()
    c.execute(
        "DELETE FROM question_stats WHERE learner_id = ? AND bank_id = ?"
        " AND question_id = ?",
        key,
    )
    c.execute(
        "DELETE FROM version_stats WHERE learner_id = ? AND bank_id = ? AND question_id = ?",
        key,
    )
    if rest:
        c.execute(
            "INSERT INTO question_stats VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            key + _fold_question(row[:4] for row in rest),
        )
        by_version = StatsTally()
        for row in rest:
            by_version.add(*key, row[0], row[1], row[2], row[3], row[4])
        c.executemany(
            "INSERT INTO version_stats VALUES (?,?,?,?,?,?,?)",
            (k + tuple(v) for k, v in by_version.versions.items()),
        )
    ci, ms = (1 if correct else 0), _ms(seconds)
    left = c.execute(
        "SELECT answers - 1 FROM bank_stats WHERE learner_id = ? AND bank_id = ?",
        (learner_id, bank_id),
    ).fetchone()
    last = None
    if left and left[0] > 0:
        # The newest answer left: answers read newest first (CROSS JOIN keeps that
        # order), so usually the one just before the retracted answer.
        last = c.execute(
            "SELECT a.answered FROM answers a CROSS JOIN sessions s"
            " ON s.id = a.session_id WHERE s.learner_id = ? AND s.bank_id = ?"
            " AND a.uuid != ? AND " + NOT_RETRACTED + " ORDER BY a.id DESC LIMIT 1",
            (learner_id, bank_id, answer_uuid),
        ).fetchone()
    c.execute(
        "UPDATE bank_stats SET answers = answers - 1, correct = correct - ?,"
        " ms = ms - ?, last_answered = ? WHERE learner_id = ? AND bank_id = ?",
        (ci, ms, None if last is None else last[0], learner_id, bank_id),
    )
    c.execute(
        "DELETE FROM bank_stats WHERE learner_id = ? AND bank_id = ?"
        " AND answers = 0 AND sessions = 0",
        (learner_id, bank_id),
    )
    day = _local_day(datetime.fromisoformat(answered))
    c.execute(
        "UPDATE day_stats SET answers = answers - 1, correct = correct - ?, ms = ms - ?"
        " WHERE learner_id = ? AND bank_id = ? AND day = ?",
        (ci, ms, learner_id, bank_id, day),
    )
    c.execute(
        "DELETE FROM day_stats WHERE learner_id = ? AND bank_id = ? AND day = ?"
        " AND answers = 0",
        (learner_id, bank_id, day),
    )
    days_counted_here_within(c)
    retracted = {r[0] for r in c.execute("SELECT answer_uuid FROM retractions")}
    retracted.add(answer_uuid)
    replayed = _replay_card(c, key, retracted)
    if replayed is None:
        c.execute(
            "DELETE FROM cards WHERE learner_id = ? AND bank_id = ? AND question_id = ?",
            key,
        )
    else:
        card, count, lapses = replayed
        c.execute(
            "INSERT OR REPLACE INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            key + _card_row(card) + (count, lapses),
        )
    # Stored with the card it left: FSRS fuzz makes a replay unrepeatable.
    c.execute(RECORD_RETRACTION,
              (answer_uuid, when, None if replayed is None else replayed[0].to_json()))
    return when, bank_id
