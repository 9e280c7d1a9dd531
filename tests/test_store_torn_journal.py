"""A journal (-wal) damaged in its middle after a kill: SQLite reads it back up to the
last commit before the damage and drops every answer committed after it. That was done
without a word (4 of 20 answers read back); now the learner is told, and the -wal is
copied aside untouched before a checkpoint overwrites it. A sound -wal, a kill in the
middle of a transaction and a window still writing say nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store_samples import QUIZZES_IN_THE_JOURNAL, killed_with_answers_in_the_journal

from quizapp.core.store import DB_NAME, Store

PAGE = 4096
FRAME = 24 + PAGE


def _answers(store: Store) -> int:
    return store._conn.execute("SELECT count(*) FROM answers").fetchone()[0]


def _flip_a_byte_in_frame(folder: Path, frame: int) -> bytes:
    wal = folder / (DB_NAME + "-wal")
    data = bytearray(wal.read_bytes())
    data[32 + frame * FRAME + 24 + 2000] ^= 0xFF  # inside the page, not its header
    wal.write_bytes(bytes(data))
    return bytes(data)


def test_answers_dropped_after_damage_in_the_journal_are_said_and_the_journal_kept(tmp_path):
    journal = killed_with_answers_in_the_journal(tmp_path)
    frames = (len(journal) - 32) // FRAME
    damaged = _flip_a_byte_in_frame(tmp_path, frames // 2)

    with Store.open(tmp_path) as store:
        message = store.recovery_message
        read_back = _answers(store)
    assert read_back < QUIZZES_IN_THE_JOURNAL * 4  # what SQLite could read
    assert message is not None and "journal" in message and "damaged" in message
    (copy,) = tmp_path.glob(f"{DB_NAME}.*.torn-wal")
    assert copy.read_bytes() == damaged and copy.name in message
    with Store.open(tmp_path) as again:  # said once
        assert again.recovery_message is None and _answers(again) == read_back


def test_a_sound_journal_left_by_a_kill_says_nothing(tmp_path):
    killed_with_answers_in_the_journal(tmp_path)
    with Store.open(tmp_path) as store:
        assert store.recovery_message is None
        assert _answers(store) == QUIZZES_IN_THE_JOURNAL * 4
    assert list(tmp_path.glob("*torn*")) == []


def test_a_window_still_writing_is_not_taken_for_damage(tmp_path):
    killed_with_answers_in_the_journal(tmp_path)
    with Store.open(tmp_path) as first:
        first._conn.execute("PRAGMA wal_autocheckpoint=0")
        ann = first.learner_by_name("Ann")
        assert ann is not None
        wal = tmp_path / (DB_NAME + "-wal")
        writer = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
        try:
            writer.execute("PRAGMA cache_size=5")  # its pages go to the -wal before COMMIT
            writer.execute("BEGIN IMMEDIATE")
            before = wal.stat().st_size
            writer.execute("UPDATE answers SET response = response || zeroblob(3000)")
            assert wal.stat().st_size > before  # frames of a transaction not committed
            with Store.open(tmp_path) as second:
                assert second.recovery_message is None
            writer.execute("ROLLBACK")
        finally:
            writer.close()
    assert list(tmp_path.glob("*torn*")) == []


def test_a_commit_another_window_is_making_is_not_taken_for_damage(tmp_path):
    """Another window's commit caught in the middle: its frames are in the -wal (written and
    being synced, which takes a while on a USB stick) and the -shm's header does not count
    them yet. A second open (`quizapp sync`, a second window) said the journal was damaged
    and copied it aside (review21b)."""
    killed_with_answers_in_the_journal(tmp_path)
    shm = tmp_path / (DB_NAME + "-shm")
    with Store.open(tmp_path) as first:
        first._conn.execute("PRAGMA wal_autocheckpoint=0")
        writer = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
        try:
            writer.execute("PRAGMA wal_autocheckpoint=0")
            before_commit = shm.read_bytes()
            writer.execute("UPDATE answers SET response = response || 'x'")  # SQLite's frames
            after_commit = shm.read_bytes()
            assert after_commit[16:20] != before_commit[16:20]  # mxFrame moved on
            with open(shm, "r+b") as index:  # the moment before it moved on
                index.write(before_commit[:96])  # (both copies of its header)
            with Store.open(tmp_path) as second:
                assert second.recovery_message is None
            with open(shm, "r+b") as index:
                index.write(after_commit[:96])
        finally:
            writer.close()
    assert list(tmp_path.glob("*torn*")) == []
