"""A results file's journal (-wal) left without its file: the app killed while its newest
answers were still only in the journal, then the results file moved away (copied to
another computer, taken by a sync tool) or emptied (a failed copy). SQLite deletes a -wal
it finds beside a missing or empty database, and with it those answers; the app started a
new, empty store without a word. The journal is now set aside untouched, the learner told
where, and the two put back together give every answer back."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from quizapp.core.store import DB_NAME, SCHEMA_VERSION, Store

QUIZZES = 5

# A learner's quizzes, then a kill: their answers are in the -wal, not yet in the file.
KILLED_WITH_ANSWERS_IN_THE_JOURNAL = textwrap.dedent(
    f"""
    import os, signal, sys
    from quizapp.core.model import Bank, Choice, MultipleChoice
    from quizapp.core.store import Store

    bank = Bank(id="trade", title="Trade", questions=tuple(
        MultipleChoice(id=f"q{{n}}", prompt="?", choices=(Choice(text="a"), Choice(text="b")),
                       correct=0) for n in range(4)))
    store = Store.open(sys.argv[1])
    store._conn.execute("PRAGMA wal_autocheckpoint=0")
    ann = store.create_learner("Ann")
    for _ in range({QUIZZES}):
        sid = store.start_session(ann.id, bank, "quiz")
        for q in bank.questions:
            store.record_answer(sid, q, response="a", correct=True, credit=1, seconds=1)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def _killed_with_answers_in_the_journal(folder: Path) -> bytes:
    """The bytes of the -wal a killed app left in folder, holding QUIZZES quizzes."""
    child = subprocess.run([sys.executable, "-c", KILLED_WITH_ANSWERS_IN_THE_JOURNAL,
                            str(folder)], capture_output=True, timeout=120)
    assert child.returncode == -9, child.stderr
    (folder / (DB_NAME + "-shm")).unlink(missing_ok=True)  # rebuilt from the -wal when read
    journal = (folder / (DB_NAME + "-wal")).read_bytes()
    assert len(journal) > 100_000
    return journal


def _answers_in(folder: Path) -> int:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        return conn.execute("SELECT count(*) FROM answers").fetchone()[0]
    finally:
        conn.close()


def test_a_journal_left_without_its_results_file_is_kept_and_named(tmp_path):
    data = tmp_path / "data"
    journal = _killed_with_answers_in_the_journal(data)
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
    journal = _killed_with_answers_in_the_journal(data)
    (data / DB_NAME).write_bytes(b"")  # a failed copy over it

    with Store.open(data) as store:
        message = store.recovery_message
        assert store.schema_version == SCHEMA_VERSION
    assert message is not None and "was empty (0 bytes)" in message
    (empty,) = data.glob(f"{DB_NAME}.*.bad")
    assert empty.stat().st_size == 0
    assert empty.with_name(empty.name + "-wal").read_bytes() == journal
