"""Property: whatever is recorded, rebuilding the derived tables from the log changes nothing,
and the statistics equal sums over the exported answers."""

from __future__ import annotations

import tempfile
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers import log_override, two_choice_bank
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.store import OUTCOMES, Store

BANK = two_choice_bank(4, bank_id="p", title="P", tags=lambda i: (f"t{i % 2}",))
T0 = datetime(2026, 6, 1, tzinfo=UTC)

answer_st = st.tuples(
    st.integers(0, 1),  # learner
    st.integers(0, 3),  # question
    st.booleans(),  # correct
    st.floats(0, 1),  # credit
    st.floats(0, 300, allow_nan=False),  # seconds
    st.integers(0, 60 * 24 * 20),  # minutes after T0
    st.one_of(st.none(), st.integers(1, 4)),  # rating
)


@settings(max_examples=15, deadline=None)  # each example commits (fsync) many times
@given(
    st.lists(answer_st, min_size=1, max_size=40),
    # How each learner's session ends: outcome, score (None: flashcards-like) and recall.
    st.lists(
        st.tuples(
            st.sampled_from(OUTCOMES),
            st.one_of(st.none(), st.floats(0, 1)),
            st.one_of(st.none(), st.floats(0, 1)),
        ),
        max_size=3,
    ),
    st.lists(st.integers(1, 4), max_size=3),
    # Which answers are taken back (Ctrl+Z) at once, before the next one is recorded...
    st.lists(st.booleans(), max_size=40),
    # ... and which, by index, at the end (after the overrides).
    st.lists(st.integers(0, 39), max_size=3),
)
def test_rebuild_matches_incremental_and_export(answers, scores, overrides, undone, late):
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp))
        learners = [store.create_learner(n).id for n in ("A", "B")]
        sessions = [store.start_session(lid, BANK, "review") for lid in learners]
        records = []
        for learner, q, ok, credit, seconds, minutes, rating in answers:
            records.append(
                store.record_answer(
                    sessions[learner],
                    BANK.questions[q],
                    response=q,
                    correct=ok,
                    credit=credit,
                    seconds=seconds,
                    rating=rating,
                    now=T0 + timedelta(minutes=minutes),
                )
            )
            if len(records) <= len(undone) and undone[len(records) - 1]:
                store.retract_answer(records[-1].uuid)
        retracted = {r.uuid for r, u in zip(records, undone, strict=False) if u}
        for rec, rating in zip(records, overrides, strict=False):
            if rec.uuid not in retracted:
                log_override(store, rec.uuid, rating)
        for n in late:
            if n < len(records):
                store.retract_answer(records[n].uuid)
                retracted.add(records[n].uuid)
        for sid, (outcome, score, recall) in zip(sessions, scores, strict=False):
            store.finish_session(sid, score, outcome=outcome, recall=recall)
        now = T0 + timedelta(days=10)

        def snap():
            return [
                (
                    store.bank_summary(lid, BANK, now),
                    store.question_stats(lid, BANK),
                    store.tag_accuracy(lid, BANK),
                    store.weakest_questions(lid, BANK),
                    store.due_per_day(lid, BANK, 30, now),
                    store.answers_per_day(lid),
                    store.time_spent(lid),
                    store.score_over_time(lid, BANK),
                    [store.card_state(lid, "p", q.id) for q in BANK.questions],
                )
                for lid in learners
            ] + [
                store.item_analysis(BANK),
                store.learner_bank_table(),
                store._read("SELECT * FROM score_days ORDER BY 1, 2, 3"),
            ]

        before = snap()
        store.rebuild_derived()
        assert snap() == before
        every_row = list(store.export_rows())
        assert len(every_row) == len(answers)
        assert {r.uuid for r in every_row if r.retracted is not None} == retracted
        rows = [r for r in every_row if r.retracted is None]
        for lid, name in zip(learners, ("A", "B"), strict=True):
            mine = [r for r in rows if r.learner == name]
            s = store.bank_summary(lid, BANK)
            assert (s.answers, s.correct) == (len(mine), sum(r.correct for r in mine))
            assert abs(s.seconds - sum(r.seconds for r in mine)) < 0.001 * max(1, len(mine))
            reviews = sum(
                c.reviews for c in (store.card_state(lid, "p", q.id) for q in BANK.questions) if c
            )
            assert reviews == len(mine)
        # An attempt is a session closed with a score and not abandoned; nothing else.
        for n, (sid, lid) in enumerate(zip(sessions, learners, strict=True)):
            outcome, score, recall = scores[n] if n < len(scores) else (None, None, None)
            attempt = outcome in ("finished", "timed_out") and score is not None
            info = store.session(sid)
            assert (info.outcome, info.score is not None) == (outcome, attempt)
            summary = store.bank_summary(lid, BANK)
            assert summary.attempts == int(attempt)
            assert summary.recall == (None if outcome == "abandoned" else recall)
        store.close()


def test_queries_on_a_worker_thread_while_the_main_thread_writes(tmp_path):
    store = Store.open(tmp_path)
    learner = store.create_learner("A").id
    sid = store.start_session(learner, BANK, "quiz")
    errors, seen = [], []
    stop = threading.Event()

    def reader():
        try:
            while not stop.is_set():
                seen.append(store.bank_summary(learner, BANK).answers)
                store.tag_accuracy(learner, BANK)
                store.due_per_day(learner, BANK)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    for n in range(150):
        store.record_answer(
            sid, BANK.questions[n % 4], response="a", correct=True, credit=1, seconds=1
        )
    stop.set()
    thread.join()
    assert errors == []
    assert seen == sorted(seen)  # never goes backwards, never sees half an answer
    assert store.bank_summary(learner, BANK).answers == 150
    store.close()
