"""A results file's journal (-wal) left without its file: the app killed while its newest
answers were still only in the journal, then the results file moved away (copied to
another computer, taken by a sync tool) or emptied (a failed copy). SQLite deletes a -wal
it finds beside a missing or empty database, and with it those answers; the app started a
new, empty store without a word. The journal is now set aside untouched, the learner told
where, and the two put back together give every answer back."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from store_samples import QUIZZES_IN_THE_JOURNAL as QUIZZES
from store_samples import killed_with_answers_in_the_journal

from quizapp.core.store import DB_NAME, SCHEMA_VERSION, Store


def _answers_in(folder: Path) -> int:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        return conn.execute("SELECT count(*) FROM answers").fetchone()[0]
    finally:
        conn.close()


def test_a_journal_left_without_its_results_file_is_kept_and_named(tmp_path):
    data = tmp_path / "data"
    journal = killed_with_answers_in_the_journal(data)
    moved_away = tmp_path / "elsewhere"
    moved_away.mkdir()
    shutil.move(data / DB_NAME, moved_away / DB_NAME)  # the file alone, not its journal

    with Store.open(data) as store:
        message = store.recovery_message
        assert store.learners() == []  # a new, empty store
    assert message is not None
    (kept,) = data.glob(f"{DB_NAME}.*-wal")
    assert kept.read_bytes() == journal  # untouched
    assert kept.name in message and "journal" in message and str(data) in message
    assert (data / DB_NAME).stat().st_size > 0 and _answers_in(data) == 0

    # The file moved away and the journal kept, put together again: every answer is there.
    shutil.copy(kept, moved_away / (DB_NAME + "-wal"))
    assert _answers_in(moved_away) == QUIZZES * 4


def test_an_emptied_results_file_keeps_its_journal_beside_it(tmp_path):
    data = tmp_path / "data"
    journal = killed_with_answers_in_the_journal(data)
    (data / DB_NAME).write_bytes(b"")  # a failed copy over it

    with Store.open(data) as store:
        message = store.recovery_message
        assert store.schema_version == SCHEMA_VERSION
    assert message is not None and "was empty (0 bytes)" in message
    (empty,) = data.glob(f"{DB_NAME}.*.bad")
    assert empty.stat().st_size == 0
    assert empty.with_name(empty.name + "-wal").read_bytes() == journal
