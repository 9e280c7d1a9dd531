"""The answer statistics catch up with the answer log after a mark (quizapp.core.store.catch_up):
whoever recorded the answers, whichever store or reader asks, the numbers are a full recount's."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from helpers import two_choice_bank

from quizapp.core.store import Store

BANK = two_choice_bank(8, tags=lambda i: ("even" if i % 2 == 0 else "odd",))
OTHER = two_choice_bank(3, bank_id="other", title="Other")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def numbers(source, learners: list[int]) -> dict:
    """Every statistic read from question_stats, bank_stats and day_stats."""
    out: dict = {"table": source.learner_bank_table(), "items": source.item_analysis(BANK)}
    for lid in learners:
        for bank in (BANK, OTHER):
            out[lid, bank.id] = (
                source.bank_summary(lid, bank, T0),
                source.question_stats(lid, bank),
                source.weakest_questions(lid, bank),
                source.answers_per_day(lid, bank),
                source.time_spent(lid, bank),
                source.seen_question_ids(lid, bank),
            )
        out[lid] = (
            source.answers_per_day(lid),
            source.time_spent(lid),
            source.studied_bank_ids(lid),
            source.tag_accuracy(lid, BANK),
        )
    return out


def test_two_stores_and_a_reader_on_one_file_read_what_a_recount_gives(tmp_path):
    one, two = Store.open(tmp_path), Store.open(tmp_path)  # two windows
    reader = one.open_reader()
    rng = random.Random(5)
    learners = [one.create_learner("Ann").id, two.create_learner("Bob").id]
    sessions = {
        (store, lid, bank.id): store.start_session(lid, bank, "practice", now=T0)
        for store in (one, two)
        for lid in learners
        for bank in (BANK, OTHER)
    }
    recorded = []
    for step in range(120):
        (store, lid, bank_id), sid = rng.choice(list(sessions.items()))
        bank = BANK if bank_id == BANK.id else OTHER
        q = rng.choice(bank.questions)
        ok = rng.random() < 0.6
        rec = store.record_answer(
            sid, q, response="a", correct=ok, credit=1.0 if ok else 0.0,
            seconds=rng.uniform(1, 9), now=T0 + timedelta(hours=7 * step),
        )
        recorded.append((store, rec))
        if step % 9 == 4:  # an undo, sometimes in the other window, before any read
            undo_in, last = recorded.pop()
            (two if undo_in is one else one).retract_answer(last.uuid)
        if step % 10 == 9:
            source = rng.choice((one, two, reader))
            seen = numbers(source, learners)
            assert numbers(one, learners) == numbers(two, learners) == seen
            one.rebuild_derived(cards=False)  # the recount
            assert numbers(reader, learners) == seen
    counted = sum(one.bank_summary(lid, b).answers for lid in learners for b in (BANK, OTHER))
    assert counted == len(recorded)
    reader.close()
    two.close()
    one.close()


def test_answers_after_deleting_the_learner_with_the_newest_ones_are_counted(tmp_path):
    # SQLite gives a new answer the id after the highest one left: once Bob's (the newest)
    # are gone, Ann's next answer takes an id at or below the mark, and must still count.
    store = Store.open(tmp_path)
    ann, bob = store.create_learner("Ann").id, store.create_learner("Bob").id
    ann_session = store.start_session(ann, BANK, "quiz")
    store.record_answer(ann_session, BANK.questions[0], response="a", correct=True,
                        credit=1, seconds=2)
    bob_session = store.start_session(bob, BANK, "quiz")
    for q in BANK.questions[:3]:
        store.record_answer(bob_session, q, response="a", correct=True, credit=1, seconds=2)
    assert store.bank_summary(bob, BANK).answers == 3  # counted: the mark is past them
    store.delete_learner(bob)
    store.record_answer(ann_session, BANK.questions[1], response="a", correct=False,
                        credit=0, seconds=2)
    summary = store.bank_summary(ann, BANK)
    assert (summary.answers, summary.correct) == (2, 1)
    assert store.learner_bank_table()[0].answers == 2
    store.close()


def test_answers_not_yet_counted_when_a_learner_is_deleted_count_for_the_others(tmp_path):
    store = Store.open(tmp_path)
    ann, bob = store.create_learner("Ann").id, store.create_learner("Bob").id
    ann_session = store.start_session(ann, BANK, "quiz")
    bob_session = store.start_session(bob, BANK, "quiz")
    for q in BANK.questions[:4]:  # interleaved, none read yet
        store.record_answer(ann_session, q, response="a", correct=True, credit=1, seconds=2)
        store.record_answer(bob_session, q, response="a", correct=False, credit=0, seconds=2)
    store.delete_learner(ann)
    assert store.bank_summary(bob, BANK).answers == 4
    assert store.bank_summary(ann, BANK).answers == 0
    assert [r.learner_id for r in store.learner_bank_table()] == [bob]
    store.close()


def test_an_answer_commits_without_the_statistics(tmp_path):
    # What keeps the durable answer short: its transaction writes the answer, the card and
    # its review; the statistics count it at the next read.
    store = Store.open(tmp_path)
    ann = store.create_learner("Ann").id
    sid = store.start_session(ann, BANK, "quiz")
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    store.record_answer(sid, BANK.questions[0], response="a", correct=True, credit=1, seconds=2)
    store._conn.set_trace_callback(None)
    written = " ".join(statements)
    assert "INSERT INTO answers" in written and "INSERT INTO reviews" in written
    assert not any(t in written for t in ("question_stats", "bank_stats", "day_stats"))
    assert store.bank_summary(ann, BANK).answers == 1
    store.close()
