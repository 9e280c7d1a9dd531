"""Database.write(): one BEGIN IMMEDIATE transaction that commits when its block ends and
rolls back when it raises; SQLite errors come out as readable StoreErrors (integrity errors
as they are, for the callers that turn them into their own messages); the lock is free
afterwards either way; the listeners hear of commits only."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from quizapp.core.store import Store
from quizapp.core.store.errors import StoreError


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path)
    yield store
    store.close()


def _settings_rows(store) -> list[tuple]:
    return store._db.read("SELECT key, value FROM settings WHERE key LIKE 'wt.%' ORDER BY key")


def _lock_is_free(store) -> bool:
    """The lock can be taken by another thread (an RLock held by this thread would let
    this thread in again, so ask another one)."""
    result = []
    thread = threading.Thread(
        target=lambda: result.append(store._db.lock.acquire(timeout=2) and
                                     (store._db.lock.release() or True))
    )
    thread.start()
    thread.join()
    return result == [True]


def test_a_block_that_ends_commits_and_tells_the_listeners(store):
    heard = []
    store._db.listeners.append(lambda: heard.append(len(_settings_rows(store))))
    with store._db.write() as c:
        c.execute("INSERT INTO settings(key, value) VALUES ('wt.a', '1')")
        assert heard == []  # not before the commit
    assert heard == [1]
    assert _settings_rows(store) == [("wt.a", "1")]
    assert _lock_is_free(store)
    with store._db.write(notify=False) as c:
        c.execute("INSERT INTO settings(key, value) VALUES ('wt.b', '2')")
    assert heard == [1]


def test_a_block_that_raises_rolls_back_and_frees_the_lock(store):
    heard = []
    store._db.listeners.append(lambda: heard.append(True))
    with pytest.raises(KeyError):
        with store._db.write() as c:
            c.execute("INSERT INTO settings(key, value) VALUES ('wt.a', '1')")
            raise KeyError("not stored")
    assert _settings_rows(store) == []
    assert not store._db.live().in_transaction
    assert heard == []
    assert _lock_is_free(store)


def test_sqlite_errors_become_store_errors_and_integrity_errors_stay(store):
    with pytest.raises(StoreError) as error:
        with store._db.write() as c:
            c.execute("INSERT INTO settings(key, value) VALUES ('wt.a', '1')")
            c.execute("INSERT INTO no_such_table VALUES (1)")
    assert "no such table" in str(error.value)
    with pytest.raises(sqlite3.IntegrityError):
        with store._db.write() as c:
            c.execute("INSERT INTO settings(key, value) VALUES ('wt.b', '1')")
            c.execute("INSERT INTO settings(key, value) VALUES ('wt.b', '2')")
    assert _settings_rows(store) == []
    assert _lock_is_free(store)
    with store._db.write() as c:  # and the next transaction works
        c.execute("INSERT INTO settings(key, value) VALUES ('wt.c', '3')")
    assert _settings_rows(store) == [("wt.c", "3")]


def test_a_write_not_durable_goes_back_to_full_synchronous(store):
    with store._db.write(durable=False) as c:
        assert c.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        c.execute("INSERT INTO settings(key, value) VALUES ('wt.a', '1')")
    assert store._db.value("PRAGMA synchronous") == 2  # FULL
    with pytest.raises(ValueError):
        with store._db.write(durable=False):
            raise ValueError
    assert store._db.value("PRAGMA synchronous") == 2


def test_a_busy_file_is_a_store_error_that_can_be_retried(tmp_path):
    store = Store.open(tmp_path)
    holder = sqlite3.connect(store._db.path, isolation_level=None, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    store._db.live().execute("PRAGMA busy_timeout=50")
    try:
        with pytest.raises(StoreError) as error:
            with store._db.write():
                pass
        assert error.value.can_retry
        assert _lock_is_free(store)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()


# ---------------------------------------------------------------- batch()


def test_a_batch_commits_its_writes_together_and_tells_the_listeners_once(store):
    heard = []
    store._db.listeners.append(lambda: heard.append(_settings_rows(store)))
    with store.batch():
        for n in range(3):
            with store._db.write() as c:
                c.execute("INSERT INTO settings VALUES (?, ?)", (f"wt.{n}", "x"))
        # Not committed yet: another connection sees none of it.
        other = sqlite3.connect(store._db.path)
        assert other.execute("SELECT count(*) FROM settings WHERE key LIKE 'wt.%'").fetchone() \
            == (0,)
        other.close()
        assert heard == []
    assert heard == [[("wt.0", "x"), ("wt.1", "x"), ("wt.2", "x")]]
    assert _lock_is_free(store)


def test_a_write_that_fails_in_a_batch_rolls_back_alone(store):
    with store.batch():
        with store._db.write() as c:
            c.execute("INSERT INTO settings VALUES ('wt.a', 'kept')")
        with pytest.raises(sqlite3.IntegrityError), store._db.write() as c:
            c.execute("INSERT INTO settings VALUES ('wt.b', 'gone')")
            c.execute("INSERT INTO settings VALUES ('wt.a', 'twice')")
    assert _settings_rows(store) == [("wt.a", "kept")]


def test_a_batch_that_raises_writes_nothing(store):
    with pytest.raises(KeyboardInterrupt), store.batch():
        with store._db.write() as c:
            c.execute("INSERT INTO settings VALUES ('wt.a', 'x')")
        raise KeyboardInterrupt  # Ctrl+C, or SIGTERM in a command-line tool
    assert _settings_rows(store) == []
    assert _lock_is_free(store)
    with store._db.write() as c:  # and the store writes as usual after it
        c.execute("INSERT INTO settings VALUES ('wt.c', 'x')")
    assert _settings_rows(store) == [("wt.c", "x")]


def test_a_write_whose_savepoint_fails_in_a_batch_leaves_the_lock_free_after_it(store):
    # Found by review: the write's own hold on the lock was kept when its SAVEPOINT failed,
    # so after the batch every other thread waited for ever.
    real_cursor = store._db.write_cursor

    class SavepointRefused:
        def execute(self, sql, *args):
            if sql.startswith("SAVEPOINT"):
                raise sqlite3.OperationalError("disk I/O error")
            return real_cursor.execute(sql, *args)

    with store.batch():
        store._db.write_cursor = SavepointRefused()
        try:
            with pytest.raises(StoreError), store._db.write() as c:
                c.execute("INSERT INTO settings VALUES ('wt.a', 'x')")
        finally:
            store._db.write_cursor = real_cursor
    assert _lock_is_free(store)


def test_none_binds_as_null_through_a_registered_adapter(store):
    # A None parameter must reach SQLite as NULL, and through an adapter registered for
    # it: without one, sqlite3 tries two attribute lookups that fail for every None bound
    # (an answer binds three; docs/performance.md, "Tenth round").
    adapter = sqlite3.adapters.get((type(None), sqlite3.PrepareProtocol))
    assert adapter is not None
    assert adapter(None) is None
    db = store._db
    with db.lock:
        row = db.live().execute("SELECT ? IS NULL, typeof(?)", (None, None)).fetchone()
    assert row == (1, "null")
