"""Store databases built for the recovery and integrity tests, shared by several modules."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from bank_samples import FOUR_TAGGED
from helpers import two_choice_bank

from quizapp.core.store import DB_NAME, Store


def filled_database(folder: Path) -> bytes:
    """The bytes of a store in folder holding 30 quizzes of long answers by learner Ann."""
    store = Store.open(folder)
    learner = store.create_learner("Ann")
    for _ in range(30):
        sid = store.start_session(learner.id, FOUR_TAGGED, "quiz")
        for q in FOUR_TAGGED.questions:
            store.record_answer(sid, q, response="x" * 500, correct=True, credit=1, seconds=2)
    store.close()
    return (folder / DB_NAME).read_bytes()


def garble_later_pages(folder: Path) -> bytes:
    """Fill a store in folder, then zero the start of each page of its second half."""
    data = bytearray(filled_database(folder))
    page = 4096
    for n in range(len(data) // page // 2, len(data) // page):
        data[n * page : n * page + 100] = bytes(100)
    (folder / DB_NAME).write_bytes(bytes(data))
    return bytes(data)


def noise_in_later_pages(folder: Path) -> bytes:
    """Fill a store in folder, then damage each table page of its second half inside (not
    its header): its second row's id is overwritten with 0, so the rows are out of order.
    PRAGMA quick_check reads on and lists a fault for each such page, a line each.

    (Random noise at a fixed place in every third page did this until schema 15: whether
    noise lands on a row's text, which is no fault, or on a cell's header, which can stop
    the check at "database disk image is malformed", depends on where the rows fall, and
    schema 15's new table moved them; one fault was then listed, not dozens.)"""
    data = bytearray(filled_database(folder))
    page = 4096
    for n in range(len(data) // page // 2, len(data) // page):
        at = n * page
        if data[at] != 0x0D or int.from_bytes(data[at + 3 : at + 5], "big") < 2:
            continue  # not a table's leaf page of rows, or a page of one row
        cell = at + int.from_bytes(data[at + 10 : at + 12], "big")  # the second row
        while data[cell] & 0x80:  # its payload's size, a varint
            cell += 1
        cell += 1
        length = 1  # its id, a varint: rewritten as 0 in as many bytes
        while data[cell + length - 1] & 0x80:
            length += 1
        data[cell : cell + length] = b"\x80" * (length - 1) + b"\x00"
    (folder / DB_NAME).write_bytes(bytes(data))
    return bytes(data)


def quizzes_of(folder: Path, learner: str, sessions: int = 1, *,
               keep_journal: bool = False) -> Store | None:
    """A new store in folder where `learner` finished `sessions` quizzes of 4 questions (of
    helpers.two_choice_bank(4)), all right. keep_journal: the store is returned open, its
    writes all still in its -wal (no checkpoint), for plant_journal."""
    bank = two_choice_bank(4)
    folder.mkdir()
    store = Store.open(folder)
    if keep_journal:
        store._conn.execute("PRAGMA wal_autocheckpoint=0")  # its pages stay in its -wal
    person = store.create_learner(learner)
    for _ in range(sessions):
        sid = store.start_session(person.id, bank, "quiz")
        for q in bank.questions:
            store.record_answer(sid, q, response="a", correct=True, credit=1, seconds=1)
        store.finish_session(sid, 1.0)
    if keep_journal:
        return store
    store.close()
    return None


def plant_journal(other_db: Path, folder: Path) -> None:
    """Copy the -wal and -shm of the database other_db beside the store in folder."""
    for suffix in ("-wal", "-shm"):
        shutil.copy(other_db.with_name(other_db.name + suffix), folder / (DB_NAME + suffix))


QUIZZES_IN_THE_JOURNAL = 5

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
    for _ in range({QUIZZES_IN_THE_JOURNAL}):
        sid = store.start_session(ann.id, bank, "quiz")
        for q in bank.questions:
            store.record_answer(sid, q, response="a", correct=True, credit=1, seconds=1)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def killed_with_answers_in_the_journal(folder: Path) -> bytes:
    """The bytes of the -wal a killed app left in folder, holding QUIZZES_IN_THE_JOURNAL
    quizzes of 4 answers."""
    child = subprocess.run([sys.executable, "-c", KILLED_WITH_ANSWERS_IN_THE_JOURNAL,
                            str(folder)], capture_output=True, timeout=120)
    assert child.returncode == -9, child.stderr
    (folder / (DB_NAME + "-shm")).unlink(missing_ok=True)  # rebuilt from the -wal when read
    journal = (folder / (DB_NAME + "-wal")).read_bytes()
    assert len(journal) > 100_000
    return journal


def database_of_version(path: Path, version: int) -> sqlite3.Connection:
    """A store of schema `version` made by the frozen steps, one transaction each, as they
    shipped; returned open (autocommit), for the test to fill as that version would."""
    from quizapp.core.migrations import MIGRATIONS, create_schema_v1

    conn = sqlite3.connect(path, isolation_level=None)
    create_schema_v1(conn)
    for step in range(1, version):
        conn.execute("BEGIN IMMEDIATE")
        MIGRATIONS[step](conn)
        conn.execute(f"PRAGMA user_version={step + 1}")
        conn.execute("COMMIT")
    return conn
