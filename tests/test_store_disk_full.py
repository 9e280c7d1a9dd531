"""A full disk: one clear message, earlier answers safe, writing works again once there is room."""

from __future__ import annotations

import pytest

from quizapp.core.model import Bank, Choice, MultipleChoice
from quizapp.core.store import DiskFullError, Store, StoreError

BANK = Bank(
    id="trade",
    title="Trade",
    questions=(MultipleChoice(id="q", prompt="?", choices=(Choice(text="a"),), correct=0),),
)


def test_a_full_disk_is_one_clear_message_and_loses_nothing(tmp_path):
    store = Store.open(tmp_path)
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, BANK, "quiz")
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count={pages}")  # SQLITE_FULL once the room is used
    saved = 0
    with pytest.raises(DiskFullError) as caught:
        for _ in range(10_000):
            store.record_answer(
                sid, BANK.questions[0], response=0, correct=True, credit=1, seconds=1
            )
            saved += 1
    assert saved > 0
    assert str(caught.value) == "The disk is full: free some space; your earlier answers are safe."
    assert isinstance(caught.value, StoreError) and not caught.value.can_retry
    assert store.bank_summary(ann.id, BANK).answers == saved
    store._conn.execute(f"PRAGMA max_page_count={pages * 100}")  # space was freed
    store.record_answer(sid, BANK.questions[0], response=0, correct=True, credit=1, seconds=1)
    store.close()
    with Store.open(tmp_path) as again:
        assert again.bank_summary(ann.id, BANK).answers == saved + 1
        assert again.integrity_check() == "ok"


def test_the_journal_is_cut_back_after_a_checkpoint(tmp_path):
    store = Store.open(tmp_path)
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, BANK, "quiz")
    store._conn.execute("PRAGMA wal_autocheckpoint=0")
    store._conn.execute("CREATE TABLE bulk (x BLOB)")
    store._conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)"
        " INSERT INTO bulk SELECT zeroblob(1000) FROM n"
    )
    wal = tmp_path / "quizapp.sqlite3-wal"
    assert wal.stat().st_size > 8 * 2**20
    store.checkpoint()
    store.record_answer(sid, BANK.questions[0], response=0, correct=True, credit=1, seconds=1)
    assert wal.stat().st_size <= 4 * 2**20  # journal_size_limit: the room is given back
    store.close()
