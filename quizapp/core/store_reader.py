"""A read-only Store on a connection of its own, for queries on another thread.

The app's Store guards its one connection with a lock, so a statistics query running on it
holds up an answer being written. WAL lets a second connection read a consistent snapshot
while the first writes: ``open_reader(store)`` returns a Store over such a connection,
opened read-only (``mode=ro`` and ``query_only``), so no write can slip through it.

(The store package split will offer this as ``Store.open_reader()``; this function is the
one place that builds it until then.)
"""

from __future__ import annotations

import sqlite3
from urllib.parse import quote

from quizapp.core.store import BUSY_TIMEOUT_MS, Store, StoreError


def open_reader(store: Store) -> Store:
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
        conn.execute("PRAGMA query_only=ON")
        conn.execute("PRAGMA cache_size=-16384")
    except sqlite3.Error as exc:
        raise StoreError(f"Could not read the results file {store.path}: {exc}.") from exc
    return Store(conn, store.path)
