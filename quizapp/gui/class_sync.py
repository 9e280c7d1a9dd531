"""Background sync with the class server, and its line in the status bar.

The sync runs on a thread of its own (never the GUI thread: a server that is slow or away
must not freeze a quiz); its news comes back through a queued signal. It starts after a
session ends (as a quiz's results show, and again at the library) and every few minutes.
The status reads "synced", "12 answers waiting" (and "2 card changes waiting": cards
suspended or brought back here) or "offline since 10:42", or, when the
server refused a learner signed in here, what to do ("Bob's password was refused: sign in
again"), even if the others synced. Only QtCore and the standard library here; psycopg
is imported by the sync itself, on its thread.

The answers waiting are counted on that thread too (after each sync, or on a thread of
their own when the status is asked for between syncs), never on the GUI thread. The sync's
writes are announced (`changes_announced`, which the window forwards to StoreEvents) as
what they changed: each learner whose rows a pull added, with the banks of those rows,
not as Changes.everything().
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal

from quizapp.gui.changes import AnnouncedByCaller, Changes
from quizapp.gui.collector import background_work_ended, background_work_started
from quizapp.server.waiting import Waiting, all_waiting

if TYPE_CHECKING:
    from quizapp.server.sync import SyncResult

log = logging.getLogger(__name__)

SYNC_EVERY_MS = 5 * 60 * 1000


class _SyncNews(NamedTuple):
    """What the sync thread sends back: the SyncResult (or an error text), what then
    waits per signed-in learner (None: not counted), and what its writes changed."""

    result: SyncResult | str
    waiting: dict[int, Waiting] | None
    changes: list[Changes]


class ClassSync(QObject):
    status_changed = Signal(str)
    class_banks_changed = Signal()  # a sync wrote new or changed class banks, or removed some
    sync_finished = Signal()  # a sync ended: its problems and notes are there to read
    changes_announced = Signal(object)  # Changes: what a sync's writes changed (GUI thread)
    _finished = Signal(object)  # a _SyncNews
    _counted = Signal(object)  # what waits per learner (a dict of Waiting), or None

    def __init__(self, store, parent: QObject | None = None, every_ms: int = SYNC_EVERY_MS):
        super().__init__(parent)
        self.store = store
        self.status = ""
        self.offline_since: datetime | None = None
        self.last_result: SyncResult | str | None = None
        # The last sync's trouble, one line per learner the server refused, and its notes
        # on the class banks: what File > Class server… shows.
        self.problems: list[str] = []
        self.short_problems: list[str] = []  # the same, in a few words (the status bar)
        self.notes: list[str] = []
        # What waits per signed-in learner, as last counted off the GUI thread.
        self.waiting_counts: dict[int, Waiting] | None = None
        self._thread: threading.Thread | None = None
        self._count_thread: threading.Thread | None = None
        self._again = False
        self._stopped = False  # stop() ran: the store may be closed, news is not shown
        self._connections: dict = {}  # used by the sync thread only
        self._finished.connect(self._on_finished)  # queued: emitted on the sync thread
        self._counted.connect(self._on_counted)  # queued: emitted on the counting thread
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.sync_soon)
        self.timer.start()

    def enabled(self) -> bool:
        from quizapp.server.roles import signed_in  # not the sync itself: no class, no cost

        return bool(signed_in(self.store))

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def sync_soon(self) -> None:
        """Start a sync now on the background thread (or right after the one running)."""
        if not self.enabled():
            self._set_status("")
            return
        if self.running:
            self._again = True
            return
        self._thread = threading.Thread(target=self._work, name="class-sync", daemon=True)
        # The sync reads and writes the store: cyclic garbage is not collected on the GUI
        # thread until its news is back (gui/collector.py).
        background_work_started()
        self._thread.start()

    def _work(self) -> None:
        from quizapp.server import banks, sync

        result: SyncResult | str
        changes: list[Changes] = []
        # Its writes are announced below as what they changed, not each as everything.
        with AnnouncedByCaller():
            try:
                synced = result = sync.sync(self.store, self._connections)
                changes = [Changes.synced(learner_id, bank_ids)
                           for learner_id, bank_ids in synced.touched.items()]
                if not synced.offline and not synced.too_new:
                    pulled = banks.pull_all(self.store)
                    synced.banks = pulled.changed
                    synced.banks_withdrawn = pulled.removed
                    synced.notes = [*synced.notes, *pulled.notes]
            except Exception as exc:  # the sync must never take the app down
                log.exception("class server sync failed")
                result = str(exc) or type(exc).__name__
                # What it wrote before failing is not known: every learner's rows may have.
                changes = [Changes(answers=True, cards=True, sessions=True, pulled=True)]
        self._finished.emit(_SyncNews(result, self._count_waiting(), changes))

    def _count_waiting(self) -> dict[int, Waiting] | None:
        """What waits per signed-in learner (on a worker thread); None when it cannot be
        counted (the store is busy or closing)."""
        from quizapp.server.sync import waiting_by_learner

        try:
            return waiting_by_learner(self.store)
        except Exception:  # only the status line's number
            log.warning("the answers waiting for the class server could not be counted",
                        exc_info=True)
            return None

    def _on_finished(self, news: _SyncNews) -> None:
        background_work_ended()
        for changes in news.changes:  # (announced even as the app closes: stores are open)
            self.changes_announced.emit(changes)
        if self._stopped:  # news of a sync that ended as the app closed
            return
        result = news.result
        self.last_result = result
        if news.waiting is not None:
            self.waiting_counts = news.waiting
        offline = isinstance(result, str) or result.offline
        self.problems = [] if isinstance(result, str) or offline else list(result.errors)
        self.short_problems = ([] if isinstance(result, str) or offline
                               else list(result.short_errors))
        self.notes = [] if isinstance(result, str) else list(result.notes)
        if offline and self.offline_since is None:
            self.offline_since = datetime.now()
        elif not offline:
            self.offline_since = None
        self._show_status()
        if not isinstance(result, str) and (result.banks or result.banks_withdrawn):
            self.class_banks_changed.emit()  # the library lists them again: new ones, and not the withdrawn
        self.sync_finished.emit()
        if self._again:
            self._again = False
            self.sync_soon()

    def refresh_status(self) -> None:
        """Show the status; the answers waiting are counted again on a thread of their own
        (unless a sync, which counts them when it ends, is running)."""
        self._show_status()
        if self.enabled() and not self.running:
            self._start_count()

    def _start_count(self) -> None:
        if self._count_thread is not None and self._count_thread.is_alive():
            return
        self._count_thread = threading.Thread(
            target=lambda: self._counted.emit(self._count_waiting()),
            name="class-sync-count", daemon=True)
        background_work_started()  # (gui/collector.py, as for the sync)
        self._count_thread.start()

    def _on_counted(self, waiting: dict[int, Waiting] | None) -> None:
        background_work_ended()
        if self._stopped or waiting is None:
            return
        self.waiting_counts = waiting
        self._show_status()

    def _show_status(self) -> None:
        if not self.enabled():
            self._set_status("")
            return
        if self.offline_since is not None:
            self._set_status(f"offline since {self.offline_since:%H:%M}")
            return
        if self.problems:
            # Each learner's trouble in a few words, so that the status bar shows every
            # name and what happened; what to do is in File > Class server….
            shown = self.short_problems or self.problems
            self._set_status("; ".join(shown) + " (see File > Class server…)")
        elif self.waiting_counts is not None:
            self._set_status(waiting_text(all_waiting(self.waiting_counts.values())))

    def server_reached(self) -> None:
        """Another read of the class server worked (the teacher overview): it is not
        offline any more; sync now, so what waited here goes."""
        if self.offline_since is None:
            return
        self.offline_since = None
        self._show_status()
        self.sync_soon()

    def server_unreached(self) -> None:
        """Another read of the class server failed (the teacher overview): the status bar
        says offline too, not "synced" beside an overview saying the server is away."""
        if not self.enabled() or self.offline_since is not None:
            return
        self.offline_since = datetime.now()
        self._show_status()

    def waiting_of(self, learner_id: int) -> Waiting | None:
        """What the learner has waiting, as last counted (None: not counted yet)."""
        return None if self.waiting_counts is None else self.waiting_counts.get(learner_id)

    def _set_status(self, text: str) -> None:
        if text != self.status:
            self.status = text
            self.status_changed.emit(text)

    def stop(self, timeout: float = 10) -> None:
        self._stopped = True
        self.timer.stop()
        for thread in (self._thread, self._count_thread):
            if thread is not None:
                thread.join(timeout)
        if not self.running and self._connections:  # none when no class is set up
            from quizapp.server.sync import close_all

            close_all(self._connections)


def waiting_text(waiting: Waiting) -> str:
    """'synced', or what waits: '12 answers waiting', '12 answers and 2 card changes
    waiting' (cards suspended or brought back here, each counted once: an older server
    keeps them waiting until `quizapp server init`), '1 card change waiting'."""
    parts = [f"{count:,} {word}{'s' * (count != 1)}" for count, word in (
        (waiting.answers, "answer"), (waiting.cards, "card change")) if count]
    return " and ".join(parts) + " waiting" if parts else "synced"
