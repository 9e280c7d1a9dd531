"""The bank catalog: which questions (and tags) each bank holds now, so that statistics
leave out removed questions in SQL.

Refreshed when a Bank with a new signature (its question ids and tags) is passed to a
query; with a bare bank id, queries cover the whole history. A reader's catalog reads
through its own connection and writes (rarely: once per new bank version) through the
writer's.
"""

from __future__ import annotations

from quizapp.core.store.caches import StoreCaches
from quizapp.core.store.connection import Database
from quizapp.core.store.errors import DiskFullError
from quizapp.core.store.values import _bank_signature, _log

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from quizapp.core.model import Bank

_JOIN_CURRENT = (
    " JOIN bank_questions bq ON bq.bank_id = c.bank_id AND bq.question_id = c.question_id"
)
_JOIN_CURRENT_S = (
    " JOIN bank_questions bq ON bq.bank_id = s.bank_id AND bq.question_id = s.question_id"
)



class Catalog:
    def __init__(self, reads: Database, writes: Database, caches: StoreCaches) -> None:
        self._db = reads
        self._writes = writes
        self._caches = caches

    def current(self, bank: Bank | str) -> tuple[str, bool]:
        """(bank id, whether to filter by its current questions), syncing a Bank's catalog.

        With a Bank, queries join bank_questions / question_tags, which hold its
        current questions; with a bare id, they cover the whole history.
        """
        from quizapp.core.model import Bank

        if not isinstance(bank, Bank):
            return str(bank), False
        cached = self._caches.synced.get(bank.id)
        if cached is None or cached[0] is not bank:
            cached = (bank, _bank_signature(bank))
            self._caches.synced[bank.id] = cached
        signature = cached[1]
        row = self._db.read1("SELECT signature FROM bank_versions WHERE bank_id = ?", (bank.id,))
        if row is None or row[0] != signature:
            # Not durable: the catalog is derived from the bank file, and a power cut can
            # only lose this commit whole (signature included), so the next call syncs
            # again. It waits for no flush to a slow disk (a school's network home folder):
            # the library's counts (on the reader thread) and the loading thread wait for it.
            try:
                self._store(bank, signature)
            except DiskFullError as exc:
                # Reading must not fail because this write did: the queries use the
                # catalog stored last (the bank's previous version), if any.
                _log().warning("the catalog of %s could not be brought up to date: %s",
                               bank.id, exc)
        pending = self._caches.pending_versions
        if pending is None:
            pending = {r[0] for r in self._db.read("SELECT bank_id FROM versions_pending")}
            self._caches.pending_versions = pending
        if bank.id in pending:
            self._keep_legacy_versions(bank, pending)
        return bank.id, True

    def _keep_legacy_versions(self, bank: Bank, pending: set[str]) -> None:
        """Write down the version of each of the bank's questions as this quizapp first
        loads it after the store was migrated to schema 12: the answers recorded before
        have no version, and are taken to be to these (quizapp.core.store.item_versions),
        so that an edit made from now on tells them apart."""
        from quizapp.core.question_version import question_version

        rows = [(bank.id, q.id, question_version(q)) for q in bank.questions]
        try:
            with self._writes.write(notify=False) as c:
                if c.execute("DELETE FROM versions_pending WHERE bank_id = ?",
                             (bank.id,)).rowcount:
                    c.executemany("INSERT OR IGNORE INTO legacy_versions VALUES (?, ?, ?)",
                                  rows)
        except DiskFullError as exc:
            _log().warning("the question versions of %s could not be kept: %s", bank.id, exc)
            return
        pending.discard(bank.id)

    def _store(self, bank: Bank, signature: str) -> None:
        """Write `bank`'s current questions and tags, and its signature, in one commit."""
        with self._writes.write(notify=False, durable=False) as c:
            c.execute("DELETE FROM bank_questions WHERE bank_id = ?", (bank.id,))
            c.execute("DELETE FROM question_tags WHERE bank_id = ?", (bank.id,))
            c.executemany(
                "INSERT OR IGNORE INTO bank_questions VALUES (?, ?, ?)",
                ((bank.id, q.id, n) for n, q in enumerate(bank.questions)),
            )
            c.executemany(
                "INSERT OR IGNORE INTO question_tags VALUES (?, ?, ?)",
                ((bank.id, t, q.id) for q in bank.questions for t in q.tags),
            )
            c.execute(
                "INSERT OR REPLACE INTO bank_versions VALUES (?, ?, ?)",
                (bank.id, signature, len(bank.questions)),
            )

