"""The journal (-wal file) restarts at its beginning every WAL_AUTOCHECKPOINT_PAGES, so
that answers overwrite it instead of growing it (a growing file costs each commit more)."""

from __future__ import annotations

from helpers import two_choice_bank

from quizapp.core.store import DB_NAME, WAL_AUTOCHECKPOINT_PAGES, Store

BANK = two_choice_bank(200)
FRAME = 4096 + 24  # a page and its frame header


def test_the_journal_stops_growing_after_its_first_checkpoint(tmp_path):
    store = Store.open(tmp_path)
    learner = store.create_learner("Ann").id
    sid = store.start_session(learner, BANK, "quiz")
    wal = tmp_path / (DB_NAME + "-wal")
    sizes = []
    for n, q in enumerate(BANK.questions[:120]):
        store.record_answer(sid, q, response="a", correct=n % 3 > 0, credit=1, seconds=3)
        sizes.append(wal.stat().st_size)
    store.close()
    # Each answer adds frames; the checkpoint at the limit lets the next ones overwrite.
    assert sizes[0] < sizes[5] < sizes[10]
    assert max(sizes) <= 32 + (WAL_AUTOCHECKPOINT_PAGES + 40) * FRAME
    assert sizes[-1] == max(sizes)  # it stopped growing: later answers overwrite it
    assert max(sizes) > WAL_AUTOCHECKPOINT_PAGES * FRAME / 2
