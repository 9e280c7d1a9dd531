"""A first push of a long history: reading what the class server lacks is linear in the
history and never holds the store's lock for long (the app records answers meanwhile);
what it reads is what it read before (overrides numbered among their answer's reviews)."""

from __future__ import annotations

import threading
from datetime import timedelta

from bank_samples import make_bank
from helpers import log_override

from quizapp.core.store import Store
from quizapp.core.store.server_sync import ClassSync
from tests.server_helpers import T0, study

BANK = make_bank(2)


def _history(store: Store, answers: int, *, start=T0) -> int:
    """`answers` answers to one question (one card), in sessions of 50; the learner id."""
    lid = (store.learner_by_name("Ann") or store.create_learner("Ann")).id
    for k in range(0, answers, 50):
        study(store, "Ann", BANK, [("q0", i % 3 > 0, 3 if i % 3 else 1)
                                   for i in range(min(50, answers - k))],
              start + timedelta(hours=k))
    return lid


def _steps_to_read_everything(store: Store, lid: int) -> int:
    """SQLite's virtual machine steps (in thousands) for a whole first push's reads."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    conn = store._db.live()
    conn.set_progress_handler(count, 1000)
    try:
        while True:
            batch = store.unpushed(lid, 500)
            store.mark_pushed(lid, batch)
            if len(batch.answers) < 500:
                return steps[0]
    finally:
        conn.set_progress_handler(None, 1000)


def test_reading_a_long_history_is_linear_in_it(tmp_path):
    """Numbering each review by counting the card's earlier reviews was quadratic in a
    card's reviews (100,000 answers over 46 questions: 137 s): twice the history must
    cost about twice the reads, not four times."""
    with Store.open(tmp_path / "short") as short, Store.open(tmp_path / "long") as long:
        small = _steps_to_read_everything(short, _history(short, 1500))
        big = _steps_to_read_everything(long, _history(long, 3000))
    print("reads", small, big)
    assert big < 2.6 * small, (small, big)


def test_the_store_records_answers_while_a_long_history_is_read(tmp_path, monkeypatch):
    """The reviews are read in pieces, the lock taken for one piece at a time: an answer
    recorded from another thread in the middle of the read is recorded then (and goes
    with the next push), not after the whole read."""
    store = Store.open(tmp_path / "lab")
    lid = _history(store, 300)
    monkeypatch.setattr(ClassSync, "REVIEW_PIECE", 50)
    sid = store.start_session(lid, BANK, "quiz", now=T0 + timedelta(days=30))
    recorded = threading.Event()
    reads = {"pieces": 0}
    original = ClassSync._unpushed_reviews

    def answer_meanwhile() -> None:
        store.record_answer(sid, "q1", response="x", correct=True, credit=1.0, seconds=2.0,
                            rating=3, now=T0 + timedelta(days=30, minutes=1))
        recorded.set()

    reader = threading.current_thread()

    class Piecewise:
        """The store's lock: when the reader takes it for its second piece of reviews,
        another thread records an answer first (it needs the lock: free between pieces),
        and the read goes on once the answer is recorded."""

        def __init__(self, lock) -> None:
            self.lock = lock

        def __getattr__(self, name):
            return getattr(self.lock, name)

        def __enter__(self):
            if threading.current_thread() is reader:
                reads["pieces"] += 1
                if reads["pieces"] == 2:
                    thread = threading.Thread(target=answer_meanwhile)
                    thread.start()
                    thread.join(timeout=20)
            return self.lock.__enter__()

        def __exit__(self, *exc):
            return self.lock.__exit__(*exc)

    def reviews_with_spy(self, *args):
        lock = self._db.lock
        self._db.lock = Piecewise(lock)
        try:
            return original(self, *args)
        finally:
            self._db.lock = lock

    monkeypatch.setattr(ClassSync, "_unpushed_reviews", reviews_with_spy)
    batch = store.unpushed(lid, 5000)
    assert recorded.is_set(), "the answer waited for the whole read"
    assert reads["pieces"] == 6  # 300 reviews, 50 a piece
    assert len(batch.answers) == 300 == len(batch.reviews)  # the new one goes next time
    store.mark_pushed(lid, batch)
    monkeypatch.setattr(ClassSync, "_unpushed_reviews", original)
    later = store.unpushed(lid, 5000)
    assert [a[3] for a in later.answers] == ["q1"] and len(later.reviews) == 1
    store.close()


def test_overrides_keep_their_place_among_their_answers_reviews(tmp_path):
    """An override (logged by earlier versions) pushed in a later batch than its answer
    is numbered after the answer's rating, and names the review it replaces."""
    store = Store.open(tmp_path / "lab")
    lid = _history(store, 120)
    uuids = [r[0] for r in store._read("SELECT uuid FROM answers ORDER BY id")]
    first = store.unpushed(lid, 100)
    store.mark_pushed(lid, first)
    log_override(store, uuids[10], 4)  # an answer sent in the first batch
    log_override(store, uuids[10], 2)
    log_override(store, uuids[110], 4)  # one of this batch
    second = store.unpushed(lid, 100)
    overrides = {(r[0], r[1]): r[7] for r in second.reviews if r[7] is not None}
    # The second override replaces the first (log_override names the effective review).
    assert overrides == {(uuids[10], 1): 0, (uuids[10], 2): 1, (uuids[110], 1): 0}
    assert [r[1] for r in second.reviews if r[0] == uuids[110]] == [0, 1]
    store.close()
