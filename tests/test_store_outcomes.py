"""Honest sessions: finished, timed out or abandoned; flashcards report recall, not a score;
a version-5 database is reclassified from its answers when it is opened."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from helpers import two_choice_bank

from quizapp.core.migrations import (
    _migrate_1_to_2,
    _migrate_2_to_3,
    _migrate_3_to_4,
    _migrate_4_to_5,
    create_schema_v1,
)
from quizapp.core.store import DB_NAME, Store

BANK = two_choice_bank(10)
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path)
    yield s
    s.close()


def answer(store, sid, qid, ok, when, response=None):
    return store.record_answer(
        sid,
        qid,
        response=response or ("a" if ok else "b"),
        correct=ok,
        credit=1.0 if ok else 0.0,
        seconds=2,
        now=when,
    )


# ---------------------------------------------------------------- the store


def test_abandoned_session_keeps_its_answers_but_is_no_attempt(store):
    ann = store.create_learner("Ann").id
    quiz = store.start_session(ann, BANK, "quiz", now=T0)
    for n in range(10):
        answer(store, quiz, f"q{n}", n < 7, T0 + timedelta(minutes=n))
    store.finish_session(quiz, 0.7, now=T0 + timedelta(minutes=11))
    left = store.start_session(ann, BANK, "practice", now=T0 + timedelta(days=1))
    answer(store, left, "q9", True, T0 + timedelta(days=1, minutes=1))
    store.abandon_session(left, now=T0 + timedelta(days=1, minutes=2))
    summary = store.bank_summary(ann, BANK)
    assert (summary.attempts, summary.best_score, summary.last_score) == (1, 0.7, 0.7)
    assert [p.score for p in store.score_over_time(ann, BANK)] == [0.7]
    assert [(r.attempts, r.answers) for r in store.learner_bank_table()] == [(1, 11)]
    # The answer counts for the question's statistics and schedule.
    (q9,) = [q for q in store.question_stats(ann, BANK) if q.question_id == "q9"]
    assert (q9.answers, q9.correct) == (2, 1)
    assert store.card_state(ann, "trade", "q9").reviews == 2
    info = store.session(left)
    assert (info.outcome, info.score, info.finished) == (
        "abandoned",
        None,
        T0 + timedelta(days=1, minutes=2),
    )
    assert store.session(quiz).outcome == "finished"
    # A second close changes nothing.
    store.finish_session(left, 1.0)
    assert store.session(left).score is None and store.bank_summary(ann, BANK).attempts == 1


def test_leaving_before_any_answer_leaves_no_trace_in_the_statistics(store):
    ann = store.create_learner("Ann").id
    for mode in ("quiz", "exam", "practice", "review", "flashcards"):
        store.abandon_session(store.start_session(ann, BANK, mode))
    assert store.studied_bank_ids(ann) == []
    assert store.learner_bank_table() == []
    assert store.bank_summary(ann, BANK).attempts == 0
    assert store.time_spent(ann).sessions == 0


def test_a_score_is_dropped_when_the_session_is_abandoned(store):
    ann = store.create_learner("Ann").id
    sid = store.start_session(ann, BANK, "quiz")
    store.finish_session(sid, 0.4, outcome="abandoned")
    assert store.session(sid).score is None and store.bank_summary(ann, BANK).attempts == 0


def test_timed_out_exam_is_an_attempt_with_its_outcome(store):
    ann = store.create_learner("Ann").id
    sid = store.start_session(ann, BANK, "exam", now=T0)
    answer(store, sid, "q0", True, T0 + timedelta(minutes=1))
    store.finish_session(sid, 0.1, now=T0 + timedelta(minutes=30), outcome="timed_out")
    assert store.session(sid).outcome == "timed_out"
    s = store.bank_summary(ann, BANK)
    assert (s.attempts, s.best_score, s.last_score) == (1, 0.1, 0.1)
    (row,) = store.export_rows()
    assert (row.session_score, row.session_outcome) == (0.1, "timed_out")


def test_flashcards_report_recall_never_best_or_last(store):
    ann = store.create_learner("Ann").id
    quiz = store.start_session(ann, BANK, "quiz", now=T0)
    answer(store, quiz, "q0", False, T0)
    store.finish_session(quiz, 0.67, now=T0 + timedelta(minutes=1))
    for day, recall in ((1, 0.5), (2, 0.89)):
        cards = store.start_session(ann, BANK, "flashcards", now=T0 + timedelta(days=day))
        answer(store, cards, "q1", True, T0 + timedelta(days=day), response="Good")
        store.finish_session(cards, None, now=T0 + timedelta(days=day, minutes=1), recall=recall)
    s = store.bank_summary(ann, BANK)
    assert (s.attempts, s.best_score, s.last_score, s.recall) == (1, 0.67, 0.67, 0.89)
    assert [p.mode for p in store.score_over_time(ann, BANK)] == ["quiz"]
    assert store.session(cards).recall == 0.89 and store.session(cards).score is None
    assert store.bank_summary(store.create_learner("Bob").id, BANK).recall is None


def test_unknown_outcome_is_refused(store):
    ann = store.create_learner("Ann").id
    sid = store.start_session(ann, BANK, "quiz")
    with pytest.raises(ValueError, match="outcome"):
        store.finish_session(sid, 0.5, outcome="gave up")
    assert store.session(sid).finished is None


# ---------------------------------------------------------------- migration from version 5


def make_v5_history(path):
    """A version-5 database as quizapp wrote it before sessions had outcomes: every way
    of leaving a session closed it with a score, as the issue describes.

    The rows are what the old Store wrote (frozen SCHEMA_V1 tables); the frozen steps
    to version 5 then backfill the derived tables, as a v1 -> v5 upgrade did.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    create_schema_v1(conn)
    conn.execute("INSERT INTO learners VALUES (1, 'Ann', ?)", (T0.isoformat(),))
    conn.execute("INSERT INTO learners VALUES (2, 'Bob', ?)", (T0.isoformat(),))

    def ts(dt):
        return dt.isoformat(timespec="microseconds")

    def session(sid, mode, day, score, answers, learner=1):
        start = T0 + timedelta(days=day)
        finished = None if score is None else ts(start + timedelta(minutes=30))
        conn.execute(
            "INSERT INTO sessions VALUES (?, ?, 'trade', 'hash', ?, ?, ?, ?)",
            (sid, learner, mode, ts(start), finished, score),
        )
        for n, (qid, ok, response) in enumerate(answers):
            conn.execute(
                "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit,"
                " seconds, answered) VALUES (?,?,?,?,?,?,?,?)",
                (
                    f"00000000-0000-4000-8000-{sid:06d}{n:06d}",
                    sid,
                    qid,
                    response,
                    int(ok),
                    float(ok),
                    2.5,
                    ts(start + timedelta(minutes=n + 1)),
                ),
            )

    # 1. A quiz of all 10 questions, 6 right.
    session(1, "quiz", 1, 0.6, [(f"q{n}", n < 6, '"a"') for n in range(10)])
    # 2. Flashcards: 9 cards, 8 "right" (Hard or better), so the old score 8/9 = 89%.
    ratings = ["Good"] * 5 + ["Easy"] * 2 + ["Hard", "Again"]
    session(2, "flashcards", 2, 8 / 9, [(f"q{n}", r != "Again", f'"{r}"') for n, r in
                                        enumerate(ratings)])
    # 3. Practice left halfway: q0 wrong, q1 right, q0 again right, q2 right; the old
    #    score counted the 7 unanswered questions as wrong: 2 / 10.
    session(
        3,
        "practice",
        3,
        0.2,
        [("q0", False, '"b"'), ("q1", True, '"a"'), ("q0", True, '"a"'), ("q2", True, '"a"')],
    )
    # 4. A quiz left before any answer: "Last 0%".
    session(4, "quiz", 4, 0.0, [])
    # 5. An exam still open (the app was killed): never an attempt, its answer counts.
    session(5, "exam", 5, None, [("q3", True, '"a"')])
    # 6. Bob opened a quiz and left at once: his only trace, a 0% attempt.
    session(6, "quiz", 6, 0.0, [], learner=2)
    # 7. A review of mistakes left after a wrong answer (a wrong answer would have come
    #    back): left, whatever its old score.
    session(7, "review", 7, 0.5, [("q4", True, '"a"'), ("q5", False, '"b"')])
    conn.execute("BEGIN IMMEDIATE")
    for version, step in enumerate(
        (_migrate_1_to_2, _migrate_2_to_3, _migrate_3_to_4, _migrate_4_to_5), start=2
    ):
        step(conn)
        conn.execute(f"PRAGMA user_version={version}")
    conn.execute("COMMIT")
    conn.close()


def test_version_5_sessions_are_reclassified_from_their_answers(tmp_path):
    path = tmp_path / DB_NAME
    make_v5_history(path)
    # What version 5 showed: four attempts, Best 89% from flashcards, Last 0%.
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    assert conn.execute(
        "SELECT learner_id, sessions, round(best_score, 3), last_score FROM bank_stats"
        " ORDER BY 1"
    ).fetchall() == [(1, 5, 0.889, 0.5), (2, 1, 0.0, 0.0)]
    assert conn.execute("SELECT sum(sessions) FROM score_days").fetchone()[0] == 6
    conn.close()

    store = Store.open(tmp_path)
    try:
        assert store.recovery_message is None
        s = store.bank_summary(1, BANK)
        # The quiz (60%) and the practice rescored over its 3 questions (q0 wrong first,
        # q1 and q2 right: 2/3) are the attempts; the empty quiz and the flashcards are not.
        assert s.attempts == 2
        assert s.best_score == pytest.approx(2 / 3) and s.last_score == pytest.approx(2 / 3)
        assert s.average_score == pytest.approx((0.6 + 2 / 3) / 2)
        assert s.recall == pytest.approx(7 / 9)  # Good or Easy: 7 of the 9 cards
        # Every answer still counts: 10 + 9 + 4 + 1 + 2.
        assert (s.answers, s.correct) == (26, 6 + 8 + 3 + 1 + 1)
        assert [(p.session_id, p.mode) for p in store.score_over_time(1, BANK)] == [
            (1, "quiz"),
            (3, "practice"),
        ]
        assert [p.sessions for p in store.score_over_time(1, BANK, None)] == [1, 1]
        (row,) = store.learner_bank_table()
        assert (row.attempts, row.answers) == (2, 26)
        assert row.best_score == pytest.approx(2 / 3)
        assert store.time_spent(1).sessions == 2
        # Bob never answered anything: he has no attempt and no studied bank any more.
        assert store.studied_bank_ids(2) == [] and store.bank_summary(2, BANK).attempts == 0
        assert store.score_over_time(2, BANK) == []
        outcomes = [
            (i.outcome, i.score, i.recall)
            for i in (store.session(n) for n in range(1, 8))
        ]
        assert outcomes == [
            ("finished", 0.6, None),
            ("finished", None, pytest.approx(7 / 9)),
            ("finished", pytest.approx(2 / 3), None),
            ("abandoned", None, None),
            # The exam an older quizapp left open (it kept no journal of open sessions):
            # closed as abandoned by the migration, which runs only when no other app has
            # the file open, instead of "under way" for ever.
            ("abandoned", None, None),
            ("abandoned", None, None),
            ("abandoned", None, None),
        ]
        # The scores version 5 had are kept wherever the migration changed them.
        assert store._read("SELECT id, score_v5 FROM sessions ORDER BY id") == [
            (1, None),
            (2, pytest.approx(8 / 9)),
            (3, 0.2),
            (4, 0.0),
            (5, None),
            (6, 0.0),
            (7, 0.5),
        ]
        exported = {(r.session_id, r.session_outcome, r.session_score) for r in
                    store.export_rows()}
        assert {(sid, outcome) for sid, outcome, _ in exported} == {
            (1, "finished"),
            (2, "finished"),
            (3, "finished"),
            (5, "abandoned"),
            (7, "abandoned"),
        }
        before = (store.bank_summary(1, BANK), store.score_over_time(1, BANK, None),
                  store.learner_bank_table())
        store.rebuild_derived()
        assert (store.bank_summary(1, BANK), store.score_over_time(1, BANK, None),
                store.learner_bank_table()) == before
    finally:
        store.close()
