"""Store.open_reader(): the store's queries on a read-only connection of their own, for a
worker thread, which neither waits for a write nor makes one wait (WAL)."""

from __future__ import annotations

import dataclasses
import threading
from datetime import UTC, datetime, timedelta

import pytest
from helpers import two_choice_bank

from quizapp.core.store import Store, StoreError, StoreReader

BANK = two_choice_bank(6, tags=lambda i: ("even" if i % 2 == 0 else "odd",))
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def fill(store: Store) -> int:
    """Three learners with answers and finished sessions; returns the first learner's id."""
    first = None
    for n in range(3):
        learner = store.create_learner(f"Learner {n}").id
        first = first or learner
        sid = store.start_session(learner, BANK, "quiz", now=T0)
        for k, q in enumerate(BANK.questions):
            store.record_answer(
                sid, q, response="a" if (k + n) % 3 else "b", correct=(k + n) % 3 > 0,
                credit=1.0 if (k + n) % 3 else 0.0, seconds=4, now=T0 + timedelta(minutes=k),
            )
        store.finish_session(sid, 0.5 + n / 10, now=T0 + timedelta(minutes=10))
    assert first is not None
    return first


def every_query(source: Store | StoreReader, learner: int) -> dict:
    now = T0 + timedelta(days=3)
    return {
        "learners": source.learners(),
        "learner": source.learner(learner),
        "bank_summary": source.bank_summary(learner, BANK, now),
        "question_stats": source.question_stats(learner, BANK),
        "weakest_questions": source.weakest_questions(learner, BANK),
        "tag_accuracy": source.tag_accuracy(learner, BANK),
        "score_over_time": source.score_over_time(learner, BANK),
        "due_per_day": source.due_per_day(learner, BANK, 30, now),
        "due_question_ids": source.due_question_ids(learner, BANK, now),
        "next_due": source.next_due(learner, BANK),
        "seen_question_ids": source.seen_question_ids(learner, BANK),
        "answers_per_day": source.answers_per_day(learner),
        "time_spent": source.time_spent(learner, BANK),
        "studied_bank_ids": source.studied_bank_ids(learner),
        "learner_bank_table": source.learner_bank_table(),
        "item_analysis": source.item_analysis(BANK),
        "card_state": source.card_state(learner, BANK.id, "q0"),
        "export_records": list(source.export_records()),
        "export_cells": list(source.export_cells()),
        "unpushed_count": source.unpushed_count(learner),
        "unpushed_cards": source.unpushed_cards(learner),
        "last_answer_id": source.last_answer_id(),
    }


def test_a_reader_answers_every_query_as_its_store_does(store):
    learner = fill(store)
    with store.open_reader() as reader:
        assert isinstance(reader, StoreReader)
        assert every_query(reader, learner) == every_query(store, learner)
        assert every_query(reader, learner)["item_analysis"][0].learners == 3


def test_a_reader_sees_each_write_committed_after_it_opened(store):
    learner = store.create_learner("Ann").id
    with store.open_reader() as reader:
        assert reader.bank_summary(learner, BANK).answers == 0
        sid = store.start_session(learner, BANK, "practice")
        store.record_answer(sid, BANK.questions[0], response="a", correct=True, credit=1, seconds=2)
        assert reader.bank_summary(learner, BANK).answers == 1
        assert reader.session(sid) == store.session(sid)
        assert [x.name for x in reader.learners()] == ["Ann"]


def test_a_reader_on_a_worker_thread_never_waits_for_the_writer(store):
    learner = fill(store)
    reader = store.open_reader()
    before = reader.bank_summary(learner, BANK).answers
    done = threading.Event()
    seen: list[int] = []

    def worker():
        seen.append(reader.bank_summary(learner, BANK).answers)
        seen.append(len(reader.item_analysis(BANK)))
        done.set()

    # The writer is in the middle of a write: it holds the store's lock and SQLite's
    # write lock, with an answer not yet committed.
    with store._db.write() as c:
        c.execute(
            "UPDATE bank_stats SET answers = answers + 100 WHERE learner_id = ?", (learner,)
        )
        thread = threading.Thread(target=worker)
        thread.start()
        assert done.wait(10), "the reader waited for the writer's lock"
        # It read the last committed state, not the write in progress.
        assert seen == [before, len(BANK.questions)]
    thread.join()
    assert reader.bank_summary(learner, BANK).answers == before + 100
    reader.close()


def test_a_reader_cannot_write(store):
    fill(store)
    with store.open_reader() as reader:
        assert not hasattr(reader, "record_answer")
        with pytest.raises(StoreError, match="readonly|read-only|read only"):
            with reader._db.write() as c:
                c.execute("DELETE FROM answers")
    assert store.last_answer_id() > 0


def test_a_new_bank_version_seen_first_by_a_reader_is_catalogued_through_the_store(store):
    learner = fill(store)
    shorter = dataclasses.replace(BANK, questions=BANK.questions[:4])
    with store.open_reader() as reader:
        summary = reader.bank_summary(learner, shorter)
    assert summary.questions_total == 4
    assert summary.questions_seen == 4
    assert store.bank_summary(learner, shorter) == summary
    assert [r.question_id for r in store.item_analysis(shorter)] == ["q0", "q1", "q2", "q3"]


def test_a_closed_reader_says_so_and_leaves_its_store_working(store):
    learner = fill(store)
    reader = store.open_reader()
    reader.close()
    with pytest.raises(StoreError, match="closed"):
        reader.learners()
    assert store.bank_summary(learner, BANK).answers == len(BANK.questions)
