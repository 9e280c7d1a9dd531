"""What a Store remembers between calls, each entry tied to the Bank object it was made
from (a new or edited bank is a new object, so its entries are made again).

One StoreCaches is shared by a Store and the readers it opens (dict reads and writes are
atomic under the GIL); Store.reload() forgets everything after a restore.
"""

from __future__ import annotations

import threading

TYPE_CHECKING = False  # typing itself costs 3 ms to import
if TYPE_CHECKING:
    from quizapp.core.model import Bank
    from quizapp.core.stats import ItemStat


class StoreCaches:
    """A plain class, not a dataclass: the store is on the startup path, and dataclasses
    imports inspect."""

    __slots__ = (
        "id_sets", "item_cache", "pending_versions", "pushing", "session_keys", "synced",
        "tag_orders",
    )

    def __init__(self) -> None:
        # Held while the class server is being sent this store's work (server/sync.py
        # push: from reading what is unpushed to marking it pushed); taking a finished
        # review's last rating back does not wait for it, it is refused meanwhile.
        self.pushing = threading.Lock()
        # session id -> (learner id, bank id): record_answer needs no lookup per answer.
        self.session_keys: dict[int, tuple[int, str]] = {}
        # bank id -> (bank, its catalog signature): the catalog is synced once per Bank.
        self.synced: dict[str, tuple[Bank, str]] = {}
        self.tag_orders: dict[str, tuple[Bank, tuple[str, ...]]] = {}
        self.id_sets: dict[str, tuple[Bank, frozenset[str]]] = {}
        # bank id -> (the Bank analysed or None for a bare id, what the analysis depended
        # on, its result): see ItemAnalysis.
        self.item_cache: dict[str, tuple[Bank | None, tuple, tuple[ItemStat, ...]]] = {}
        # The banks whose answers from before question versions wait for the versions of
        # their questions (versions_pending); None until read.
        self.pending_versions: set[str] | None = None

    def clear(self) -> None:
        self.session_keys.clear()
        self.synced.clear()
        self.tag_orders.clear()
        self.id_sets.clear()
        self.item_cache.clear()
        self.pending_versions = None

    def current_ids(self, bank: Bank) -> frozenset[str]:
        """The ids of the bank's questions."""
        cached = self.id_sets.get(bank.id)
        if cached is None or cached[0] is not bank:
            cached = self.id_sets[bank.id] = (bank, frozenset(q.id for q in bank.questions))
        return cached[1]

    def tag_order(self, bank: Bank) -> tuple[str, ...]:
        """The bank's tags in the order the bank first names them."""
        cached = self.tag_orders.get(bank.id)
        if cached is None or cached[0] is not bank:
            cached = self.tag_orders[bank.id] = (bank, bank.all_tags)
        return cached[1]
