"""A read-only Store on a connection of its own, for queries on another thread.

The app's Store guards its one connection with a lock, so a statistics query running on it
holds up an answer being written. WAL lets a second connection read a consistent snapshot
while the first writes: ``open_reader(store)`` returns a Store over such a connection,
opened read-only (``mode=ro``), so no write to the file can slip through it (temporary
tables, which some queries use, live apart from the file and stay writable).

Queries given a Bank first make sure the store's catalog of its questions is current (a
write, ``Store._current``): the reader hands that one write to the app's Store, whose
connection may write, and then reads the catalog through its own.

(The store package split will offer this as ``Store.open_reader()``; this module is the
one place that builds it until then.)
"""

from __future__ import annotations

import sqlite3
from urllib.parse import quote

from quizapp.core.model import Bank
from quizapp.core.store import BUSY_TIMEOUT_MS, Store, StoreError


class ReaderStore(Store):
    """A Store whose connection only reads; the catalog sync goes through `writer`."""

    def __init__(self, conn: sqlite3.Connection, writer: Store):
        super().__init__(conn, writer.path)
        self.writer = writer

    def _current(self, bank: Bank | str) -> tuple[str, bool]:
        # The writer syncs the catalog when the bank changed (and remembers the
        # signature); then this connection sees it, committed, on its next read.
        self.writer._current(bank)
        return super()._current(bank)


def open_reader(store: Store) -> ReaderStore:
    """A read-only Store over `store`'s file; close it when done. Raises StoreError."""
    try:
        conn = sqlite3.connect(
            f"file:{quote(str(store.path))}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,  # opened by whichever thread asks first, used by one
            cached_statements=512,
        )
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA cache_size=-16384")
    except sqlite3.Error as exc:
        raise StoreError(f"Could not read the results file {store.path}: {exc}.") from exc
    return ReaderStore(conn, store)
