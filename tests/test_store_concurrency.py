"""Two (or more) processes writing at once lose nothing."""

from __future__ import annotations

import multiprocessing
import os

from helpers import two_choice_bank

from quizapp.core.store import Store

BANK = two_choice_bank(5)
PER_WORKER = 120


def _writer(folder: str, learner_id: int, worker: int, queue) -> None:
    store = Store.open(folder)
    uuids = []
    sid = store.start_session(learner_id, BANK, "practice")
    for n in range(PER_WORKER):
        q = BANK.questions[n % len(BANK.questions)]
        rec = store.record_answer(
            sid, q, response=f"w{worker}-{n}", correct=(n + worker) % 3 != 0, credit=1, seconds=1
        )
        uuids.append(rec.uuid)
    store.finish_session(sid, 0.5 + worker / 10)
    store.close()
    queue.put(uuids)


def test_concurrent_writers_lose_nothing(tmp_path):
    store = Store.open(tmp_path)
    learner = store.create_learner("Ann")
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    queue = ctx.Queue()
    workers = [
        ctx.Process(target=_writer, args=(str(tmp_path), learner.id, w, queue)) for w in range(3)
    ]
    for p in workers:
        p.start()
    # The parent writes at the same time.
    sid = store.start_session(learner.id, BANK, "quiz")
    mine = [
        store.record_answer(
            sid, BANK.questions[0], response="p", correct=True, credit=1, seconds=1
        ).uuid
        for _ in range(PER_WORKER)
    ]
    reported = [queue.get(timeout=60) for _ in workers]
    for p in workers:
        p.join(timeout=60)
        assert p.exitcode == 0
    expected = set(mine).union(*reported)
    assert len(expected) == 4 * PER_WORKER
    exported = {r.uuid for r in store.export_rows()}
    assert exported == expected
    summary = store.bank_summary(learner.id, BANK)
    assert summary.answers == 4 * PER_WORKER
    assert summary.attempts == 3
    assert (
        sum(
            c.reviews for c in (store.card_state(learner.id, BANK.id, q.id) for q in BANK.questions)
        )
        == 4 * PER_WORKER
    )
    before = (store.bank_summary(learner.id, BANK), store.question_stats(learner.id, BANK))
    store.rebuild_derived(cards=False)
    assert (store.bank_summary(learner.id, BANK), store.question_stats(learner.id, BANK)) == before
    assert store.integrity_check() == "ok"
    store.close()


def test_card_reviewed_in_turn_by_two_windows_keeps_every_review(tmp_path):
    # record_answer reads the card and computes its review under the write lock: two
    # windows answering the same question in turn each review the card the other left.
    store = Store.open(tmp_path)
    other = Store.open(tmp_path)
    learner = store.create_learner("Ann").id
    q = BANK.questions[0]
    sid = store.start_session(learner, BANK, "practice")
    other_sid = other.start_session(learner, BANK, "practice")
    for n in range(6):
        window, session = (store, sid) if n % 2 == 0 else (other, other_sid)
        window.record_answer(session, q, response="a", correct=n != 3, credit=1, seconds=3)
    card = store.card_state(learner, BANK.id, q.id)
    assert card.reviews == 6 and card.lapses == 1
    assert other.card_state(learner, BANK.id, q.id) == card
    # The card equals a replay of the whole review log.
    store.rebuild_derived()
    assert store.card_state(learner, BANK.id, q.id) == card
    assert store.bank_summary(learner, BANK).answers == 6
    other.close()
    store.close()
