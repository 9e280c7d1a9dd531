"""A sound results file is never set aside because of the journal files next to it."""

from __future__ import annotations

import shutil
import sqlite3

from helpers import two_choice_bank

from quizapp.core.store import DB_NAME, Store

BANK = two_choice_bank(4)


def _good_store(folder):
    """A closed store with Ann's four answers (closing checkpoints: no -wal left)."""
    folder.mkdir()
    store = Store.open(folder)
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, BANK, "quiz")
    for q in BANK.questions:
        store.record_answer(sid, q, response="a", correct=True, credit=1, seconds=1)
    store.finish_session(sid, 1.0)  # none left under way: no journal of open sessions kept
    store.close()
    assert sorted(p.name for p in folder.iterdir()) == [DB_NAME]


def _plant_journal_of(other_db, folder) -> dict[str, bytes]:
    """Copy the live -wal/-shm pair of another database (still open) next to ours."""
    planted = {}
    for suffix in ("-wal", "-shm"):
        source = other_db.with_name(other_db.name + suffix)
        shutil.copy(source, folder / (DB_NAME + suffix))
        planted[suffix] = source.read_bytes()
    return planted


def _assert_kept(folder, planted: dict[str, bytes]):
    store = Store.open(folder)
    try:
        assert "belonged to another database" in store.recovery_message
        assert "your answers are all there" in store.recovery_message
        (ann,) = store.learners()
        assert ann.name == "Ann"
        assert store.bank_summary(ann.id, BANK).answers == 4
        assert store.integrity_check() == "ok"
    finally:
        store.close()
    assert not [p for p in folder.iterdir() if p.name.endswith(".bad")]  # nothing set aside
    # The journal went aside, the -wal untouched (the -shm is only SQLite's index of it,
    # which reading rebuilds).
    (wal,) = folder.glob(f"{DB_NAME}.*.stale-wal")
    assert wal.read_bytes() == planted["-wal"]
    assert len(list(folder.glob(f"{DB_NAME}.*.stale-shm"))) == 1
    # The database was never rewritten from the foreign journal: its answers are the same.
    check = sqlite3.connect(folder / DB_NAME)
    assert check.execute("SELECT count(*) FROM answers").fetchone()[0] == 4
    check.close()
    again = Store.open(folder)
    assert again.recovery_message is None
    again.close()


def test_journal_of_another_programs_database_does_not_set_a_sound_store_aside(tmp_path):
    _good_store(tmp_path / "data")
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    planted = _plant_journal_of(other, tmp_path / "data")
    conn.close()
    _assert_kept(tmp_path / "data", planted)


def test_a_real_journal_with_committed_answers_is_kept(tmp_path):
    # A crash leaves a -wal holding answers not yet in the main file: it belongs to
    # the database and must be read, not set aside.
    (tmp_path / "data").mkdir()
    store = Store.open(tmp_path / "data")
    store._conn.execute("PRAGMA wal_autocheckpoint=0")
    ann = store.create_learner("Ann")
    sid = store.start_session(ann.id, BANK, "quiz")
    for q in BANK.questions:
        store.record_answer(sid, q, response="a", correct=True, credit=1, seconds=1)
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"):  # the files as a crash leaves them
        shutil.copy(tmp_path / "data" / name, copy / name)
    store.close()
    reopened = Store.open(copy)
    try:
        assert reopened.recovery_message is None
        assert reopened.bank_summary(reopened.learners()[0].id, BANK).answers == 4
    finally:
        reopened.close()
    assert not list(copy.glob("*.stale-*")) and not list(copy.glob("*.bad"))


def test_journal_of_another_quizapp_store_does_not_replace_our_answers(tmp_path):
    # Both views read as a sound quizapp store, so no check fails: only the store id
    # (written once in each store) tells that the journal's pages are another store's.
    _good_store(tmp_path / "data")
    (tmp_path / "other").mkdir()
    other = Store.open(tmp_path / "other")
    other._conn.execute("PRAGMA wal_autocheckpoint=0")  # keep its pages in its journal
    bob = other.create_learner("Bob")
    other.set_last_learner(bob.id)
    for _ in range(3):
        sid = other.start_session(bob.id, BANK, "quiz")
        for q in BANK.questions:
            other.record_answer(sid, q, response="b", correct=False, credit=0, seconds=1)
    planted = _plant_journal_of(tmp_path / "other" / DB_NAME, tmp_path / "data")
    other.close()
    _assert_kept(tmp_path / "data", planted)


def test_a_restore_cut_short_before_a_checkpoint_keeps_the_restored_answers(tmp_path):
    # After a restore the journal holds the restored pages, here a backup from another
    # computer (another store id). The store keeps its own id through the restore, so a
    # crash before the checkpoint is not taken for a foreign journal at the next start.
    from quizapp.core.backup import make_backup, restore

    (tmp_path / "laptop").mkdir()
    with Store.open(tmp_path / "laptop") as laptop:
        ann = laptop.create_learner("Ann")
        sid = laptop.start_session(ann.id, BANK, "quiz")
        laptop.record_answer(
            sid, BANK.questions[0], response="a", correct=True, credit=1, seconds=1
        )
    snapshot = make_backup(tmp_path / "laptop")
    _good_store(tmp_path / "data")  # four answers of its own
    store = Store.open(tmp_path / "data")
    store._conn.execute("PRAGMA wal_autocheckpoint=0")
    restore(tmp_path / "data", snapshot)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"):  # as a crash leaves them
        shutil.copy(tmp_path / "data" / name, crashed / name)
    assert (crashed / (DB_NAME + "-wal")).stat().st_size > 0
    store.close()
    with Store.open(crashed) as again:
        assert again.recovery_message is None
        (ann,) = again.learners()
        assert again.bank_summary(ann.id, BANK).answers == 1
