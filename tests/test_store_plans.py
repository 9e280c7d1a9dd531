"""The statistics never scan the answer log or other big tables: checked with EXPLAIN QUERY PLAN."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from unittest.mock import patch

from helpers import two_choice_bank

from quizapp.core import store as store_module
from quizapp.core.store import Store, catch_up

# Tables (and the aliases the store gives them) whose size grows with answers or questions.
BIG = {
    "answers",
    "a",
    "reviews",
    "cards",
    "c",
    "question_stats",
    "s",
    "day_stats",
    "score_days",
    "sessions",
    "question_tags",
    "t",
    "bank_questions",
    "bq",
}
# Allowed to scan: the per-learner totals CTE inside item_analysis ("t" there is a CTE row
# per learner) is recognised by its plan line "SCAN t" following "MATERIALIZE t".

BANK = two_choice_bank(30, bank_id="b", title="B", tags=lambda i: ("x", f"t{i % 3}"))


def plans_of(store, call):
    statements = []
    store._conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        store._conn.set_trace_callback(None)
    out = []
    for sql in statements:
        if not re.match(r"\s*(SELECT|WITH)", sql, re.I):
            continue
        rows = store._conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
        out.append((sql, [r[3] for r in rows]))
    return out


def averaged_scores(store):
    """score_over_time(None) with a cap of 0 points: the day query, then the week one."""
    with patch.object(store_module, "SCORE_POINTS", 0):
        return store.score_over_time(1, BANK, None)


def test_statistics_queries_search_indexes_never_scan_big_tables(tmp_path):
    store = Store.open(tmp_path)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(3):
        learner = store.create_learner(f"L{n}").id
        sid = store.start_session(learner, BANK, "quiz")
        for k, q in enumerate(BANK.questions):
            store.record_answer(
                sid,
                q,
                response="a",
                correct=(k + n) % 3 > 0,
                credit=1,
                seconds=3,
                now=t0 + timedelta(minutes=k),
            )
        store.finish_session(sid, 0.6)
    store._conn.execute("ANALYZE")
    now = t0 + timedelta(days=2)
    calls = {
        "bank_summary": lambda: store.bank_summary(1, BANK, now),
        "tag_accuracy": lambda: store.tag_accuracy(1, BANK),
        "weakest_questions": lambda: store.weakest_questions(1, BANK),
        "question_stats": lambda: store.question_stats(1, BANK),
        "score_over_time": lambda: store.score_over_time(1, BANK, 50),
        "score_over_time_all": lambda: store.score_over_time(1, BANK, None),
        "score_over_time_averaged": lambda: averaged_scores(store),
        "due_per_day": lambda: store.due_per_day(1, BANK, 30, now),
        "due_question_ids": lambda: store.due_question_ids(1, BANK, now),
        "next_due": lambda: store.next_due(1, BANK, ["q1", "q2"]),
        "next_due_bank": lambda: store.next_due(1, BANK),
        "seen_question_ids": lambda: store.seen_question_ids(1, BANK),
        "answers_per_day": lambda: store.answers_per_day(1, BANK),
        "answers_per_day_all": lambda: store.answers_per_day(1),
        "time_spent": lambda: store.time_spent(1, BANK),
        "time_spent_all": lambda: store.time_spent(1),
        "item_analysis": lambda: store.item_analysis(BANK),
        "card_state": lambda: store.card_state(1, "b", "q1"),
        "learner_bank_table": lambda: store.learner_bank_table(),
    }
    checked = 0
    sid = store.start_session(1, BANK, "quiz")
    for name, call in calls.items():
        # An answer since the last query: each query first has the statistics catch up with
        # it, which is the one read of the answer log allowed (a seek past the mark).
        store.record_answer(sid, BANK.questions[2], response="a", correct=True, credit=1, seconds=1)
        for sql, plan in plans_of(store, call):
            checked += 1
            if sql in (catch_up._BEHIND, catch_up._PENDING):
                assert not any(line.startswith("SCAN") and "answers" in line for line in plan)
                assert any(line.startswith("SEARCH a") for line in plan), plan
                continue
            materialized = {
                m.group(1) for line in plan for m in [re.match(r"MATERIALIZE (\w+)", line)] if m
            }
            for line in plan:
                m = re.match(r"SCAN (\w+)", line)
                if m and m.group(1) in BIG and m.group(1) not in materialized:
                    raise AssertionError(f"{name} scans {m.group(1)}:\n{sql}\n" + "\n".join(plan))
            assert not any("answers" in line for line in plan), (name, plan)
    assert checked >= len(calls)
    store.close()
