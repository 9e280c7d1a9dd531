"""The banks a pulled batch is of (SyncBatch.bank_ids): what the app redraws after a sync."""

from quizapp.core.sync_batch import SyncBatch


def test_a_batch_names_the_banks_of_its_rows_or_none_when_a_row_names_no_bank():
    batch = SyncBatch(
        sessions=[("s1", "trade", "hash", "quiz", "2026-03-02T09:00:00")],
        answers=[("a1", "s1", "trade", "q0", "x", True, 1.0, 5.0, "t", "t")],
        reviews=[("a2", 0, "tour", "q1", 3, "t", 100, None)],
    )
    assert batch.bank_ids() == {"trade", "tour"}
    assert SyncBatch().bank_ids() == frozenset()
    batch.retractions = [("a1", "2026-03-02T09:05:00")]  # names its answer only
    assert batch.bank_ids() is None
