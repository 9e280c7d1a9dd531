"""The GUI's one way to touch the store off the GUI thread, after Anki's QueryOp/CollectionOp.

- ``QueryOp``: a read. It runs on the reader thread against a read-only Store of its own
  (its own SQLite connection: WAL lets it read while an answer is being written, so a slow
  statistics query never delays an answer), and its result goes to ``success`` on the GUI
  thread.
- ``WriteOp``: a write that can block (an answer, a rating, a learner change, starting or
  finishing a session). It runs on the one writer thread, against the app's Store, so two
  quick answers are committed one after the other in the order given, never twice. Its
  result goes to ``success`` on the GUI thread only after the write has committed (so an
  answer's feedback never shows before the answer is stored); then ``StoreEvents`` announces
  the op's ``Changes``.

Writes made outside an op (a restore, a test writing directly) are announced as
``Changes.everything()``: a screen that is unsure redraws. The class server sync announces
its own (gui/class_sync.py).

``Changes`` and ``StaleAware`` (the "redraw now if visible, else when shown" rule the screens
share) live in gui/changes.py, which the first screen imports without this module's threads.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from itertools import count
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from quizapp.core.store.connection import waits_for_long_writes
from quizapp.core.store.errors import NameRefused, StoreError
from quizapp.gui.changes import Changes, StaleAware, inside_write_op, write_op_scope
from quizapp.gui.collector import background_work_ended, background_work_started

if TYPE_CHECKING:
    from quizapp.core.store import Store, StoreQueries, StoreReader

# Changes and StaleAware are part of this layer's interface; they live in gui/changes.py.
__all__ = ["Changes", "LatestOnly", "Operations", "QueryOp", "StaleAware", "WriteOp",
           "inside_write_op"]

T = TypeVar("T")

WAIT_CHECK_MS = 1000  # how long a write runs before a long writer is looked for

_log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; a signal emitted on a worker queues its delivery here."""

    delivered = Signal(object)  # a one-item list: the _Task, for the GUI thread to take


class _Task:
    """One op and what becomes of its outcome: made on the GUI thread, run on a pool thread,
    then handed back whole. The pool thread keeps no reference to anything the op holds
    (its callbacks, their owner, the Operations itself) once its result is on its way, so
    the last reference to any of them is dropped on the GUI thread: a QObject whose last
    reference went on a pool thread would be destroyed there, against Qt's rules (and a
    window's Operations destroyed on its own pool's thread would wait for itself)."""

    __slots__ = ("operations", "work", "success", "failure", "owner", "changes", "result",
                 "error")

    def __init__(self, operations: Operations, work: Callable[[], Any],
                 success: Callable[[Any], None], failure: Callable[[Exception], None] | None,
                 owner: QObject | None, changes: Changes | Callable[[Any], Changes] | None):
        self.operations = operations
        self.work = work
        self.success = success
        self.failure = failure
        self.owner = owner
        self.changes = changes
        self.result: Any = None
        self.error: Exception | None = None

    def run(self) -> None:
        """On the pool thread."""
        if self.changes is not None:
            write_op_scope.active = True
        try:
            if self.changes is not None:  # a write: it waits for another program's long one
                with waits_for_long_writes():
                    self.result = self.work()
            else:
                self.result = self.work()
        except Exception as exc:  # shown to the learner by `failure`, never a crash
            # A StoreError is a readable failure (disk full, damaged file, another program
            # holding the file), said to the learner in those words: one line in the log.
            # A name refused (taken, empty) is the learner's mistake, said to them: nothing
            # to log. Anything else is a bug: its traceback goes to the terminal.
            if isinstance(exc, StoreError):
                _log.warning("%s", exc)
            elif not isinstance(exc, NameRefused):
                traceback.print_exc()
            self.error = exc
        finally:
            write_op_scope.active = False

    def deliver(self) -> None:
        """On the GUI thread."""
        if self.error is not None:
            self.operations._fail(self.error, self.failure, self.owner)
        else:
            self.operations._succeed(self.result, self.success, self.owner, self.changes)


class _Job(QRunnable):
    def __init__(self, task: _Task, relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._handoff = [task]  # emptied by the GUI thread (Operations._run_delivered)
        self._relay = relay

    def run(self) -> None:
        self._handoff[0].run()
        Operations._deliver(self._relay, self._handoff)


def _alive(owner: QObject | None) -> bool:
    if owner is None:
        return True
    from shiboken6 import isValid

    return bool(isValid(owner))


class Operations(QObject):
    """The reader and writer threads of one app window's store.

    ``changes_announced(Changes)`` is emitted on the GUI thread after each write op's success
    callback; StoreEvents forwards it as ``store_changed``."""

    changes_announced = Signal(object)
    idle = Signal()  # every submitted op has delivered its result
    # A write waits for another program's long write (core.store.connection.long_writer):
    # that program's name, then "" once the writes waiting have delivered. An answer waits
    # without a word otherwise, as long as a deck's history takes to import.
    write_waiting = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)  # one writer: answers commit in the order given
        self._reader = QThreadPool(self)
        self._reader.setMaxThreadCount(1)  # one read-only connection, used by one thread
        self._reader_store: StoreReader | None = None
        self._reader_lock = threading.Lock()
        self._relay = _Relay(self)
        self._relay.delivered.connect(self._run_delivered)
        self._pending = 0
        self._writes_pending = 0
        self._waiting_said = False
        # One timer for every write, not one each (an answer's path): a second after a write
        # began, and every second while one is pending, look for a long writer.
        self._wait_check = QTimer(self)
        self._wait_check.setSingleShot(True)
        self._wait_check.setInterval(WAIT_CHECK_MS)
        self._wait_check.timeout.connect(self._check_waiting)
        self._closed = False

    # -- running ------------------------------------------------------------------------

    def read(self, op: Callable[[StoreQueries], T], success: Callable[[T], None], *,
             failure: Callable[[Exception], None] | None = None, owner: QObject | None = None) -> None:
        """Run op(reader store) on the reader thread; success(result) on the GUI thread."""
        self._submit(self._reader, lambda: op(self.reader_store()), success, failure, owner, None)

    def write(self, op: Callable[[Store], T], success: Callable[[T], None], *,
              changes: Changes | Callable[[T], Changes],
              failure: Callable[[Exception], None] | None = None,
              owner: QObject | None = None) -> None:
        """Run op(store) on the writer thread; success(result) on the GUI thread once it has
        committed, then announce `changes` (or changes(result))."""
        self._writes_pending += 1
        if not self._wait_check.isActive():
            self._wait_check.start()
        self._submit(self._writer, lambda: op(self.store), success, failure, owner, changes)

    def _check_waiting(self) -> None:
        if self._writes_pending == 0:
            return
        from quizapp.core.store.connection import long_writer

        writer = long_writer(self.store.path)
        if writer is not None and not self._waiting_said:
            self._waiting_said = True
            self.write_waiting.emit(writer)
        self._wait_check.start()

    def _submit(self, pool: QThreadPool, work: Callable[[], Any], success: Callable[[Any], None],
                failure: Callable[[Exception], None] | None, owner: QObject | None,
                changes: Changes | Callable[[Any], Changes] | None) -> None:
        if self._closed:
            raise RuntimeError("the operations of a closed window cannot run")
        self._pending += 1
        background_work_started()  # the cycle collector waits for the op (gui/collector.py)
        pool.start(_Job(_Task(self, work, success, failure, owner, changes), self._relay))

    @staticmethod
    def _deliver(relay: _Relay, handoff: list[_Task]) -> None:
        try:
            relay.delivered.emit(handoff)
        except RuntimeError:
            pass  # the window closed while the op ran; nobody is waiting

    def _run_delivered(self, handoff: list[_Task]) -> None:
        task = handoff.pop()
        try:
            task.deliver()
        finally:
            if task.changes is not None:  # a write
                self._writes_pending -= 1
                if self._writes_pending == 0 and self._waiting_said:
                    self._waiting_said = False
                    self.write_waiting.emit("")
            self._pending -= 1
            background_work_ended()
            if self._pending == 0:
                self.idle.emit()

    def _succeed(self, result: Any, success: Callable[[Any], None], owner: QObject | None,
                 changes: Changes | Callable[[Any], Changes] | None) -> None:
        if _alive(owner):
            success(result)
        # A write that committed while its window closed (a session closed on the way out)
        # is announced to no screen: they would read through operations already shut down.
        if changes is not None and not self._closed:
            self.changes_announced.emit(changes(result) if callable(changes) else changes)

    def _fail(self, error: Exception, failure: Callable[[Exception], None] | None,
              owner: QObject | None) -> None:
        if failure is not None and _alive(owner):
            failure(error)
        elif failure is None:
            _log.warning("a background operation failed: %s", error)

    # -- the read-only store --------------------------------------------------------------

    def reader_store(self) -> StoreReader:
        """The read-only store the reader thread uses (opened on first use)."""
        with self._reader_lock:
            if self._reader_store is None:
                self._reader_store = self.store.open_reader()
            return self._reader_store

    # -- waiting and closing ----------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def wait(self, msecs: int = -1) -> bool:
        """Block until every op has run on its thread (shutdown, benchmarks); results not yet
        delivered arrive from the event loop."""
        return self._writer.waitForDone(msecs) and self._reader.waitForDone(msecs)

    def shutdown(self) -> None:
        """Let every submitted op finish (no answer is dropped), then close the reader."""
        self._closed = True
        self.wait(30000)
        with self._reader_lock:
            if self._reader_store is not None:
                self._reader_store.close()
                self._reader_store = None


class QueryOp(Generic[T]):
    """A read for a screen, as Anki writes it: QueryOp(parent=..., op=..., success=...)
    .failure(...).run_in_background(operations). `success` is dropped if `parent` is gone."""

    def __init__(self, *, parent: QObject, op: Callable[[StoreQueries], T],
                 success: Callable[[T], None]):
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[Exception], None] | None = None

    def failure(self, callback: Callable[[Exception], None]) -> QueryOp[T]:
        self._failure = callback
        return self

    def run_in_background(self, operations: Operations) -> None:
        operations.read(self._op, self._success, failure=self._failure, owner=self._parent)


class WriteOp(Generic[T]):
    """A write for a screen (Anki's CollectionOp): runs on the writer thread; `success` runs
    after the commit; then `changes` are announced."""

    def __init__(self, *, parent: QObject, op: Callable[[Store], T],
                 success: Callable[[T], None], changes: Changes | Callable[[T], Changes]):
        self._parent = parent
        self._op = op
        self._success = success
        self._changes = changes
        self._failure: Callable[[Exception], None] | None = None

    def failure(self, callback: Callable[[Exception], None]) -> WriteOp[T]:
        self._failure = callback
        return self

    def run_in_background(self, operations: Operations) -> None:
        operations.write(self._op, self._success, changes=self._changes,
                         failure=self._failure, owner=self._parent)


class LatestOnly:
    """Tickets for a screen's queries: only the newest refresh's answer is shown (a slow
    query must not paint old numbers over new ones)."""

    def __init__(self) -> None:
        self._tickets = count(1)
        self.latest = 0

    def next(self) -> int:
        self.latest = next(self._tickets)
        return self.latest

    def is_current(self, ticket: int) -> bool:
        return ticket == self.latest
