"""Check the bank as the teacher types: the loader of `quizapp validate`, run in a
worker process after a pause, so a keystroke never waits for it.

A process, not a thread: checking a 10,000-question bank is Python work that holds
the interpreter lock, and keystrokes typed while a thread checked took 20-29 ms to
handle instead of 8 (benchmarks/bench_editor.py). The worker is started once ("spawn":
forking a process that runs Qt threads is unsafe) and reused; the text goes to it,
only the problems come back.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from quizapp.core.bank_header import read_bank_header
from quizapp.core.library import BankEntry
from quizapp.core.model import Problem

PAUSE_MS = 400


# The bank's own `id:` key, at the start of a line of its header.
_ID_KEY = re.compile(r"^id[ \t]*:", re.M)

# (bank id, file) of each of the library's banks that could clash with the bank whose
# file is now the one given (after Save a copy, the copy: not the file first opened)
OtherBanks = Callable[[str], list[tuple[str, str]]]


def check_text(text: str, path: str, others: Sequence[tuple[str, str]] = ()) -> list[Problem]:
    """The problems `quizapp validate` would report for `text` (runs in the worker),
    with the library's `others`: a bank whose id another bank has is an error there."""
    from quizapp.core.loader import load_bank_text

    try:
        result = load_bank_text(text, path)
    except Exception as exc:  # never a traceback in the editor
        return [Problem(path, 0, 0, f"the check failed: {exc}")]
    problems = list(result.problems)
    bank = result.bank
    same = [other for bank_id, other in others if bank is not None and bank_id == bank.id]
    if bank is not None and same:
        key = _ID_KEY.search(text[:64 * 1024])
        line = text.count("\n", 0, key.start()) + 1 if key else 1
        problems.append(Problem(
            path, line, 1, f"another bank has the same id '{bank.id}': {', '.join(same)}; "
            "each bank needs its own id (set 'id:' in one of them)"))
    return problems


def library_others(entries: Iterable[BankEntry], path: str) -> list[tuple[str, str]]:
    """(bank id, file) of the library's banks other than the one at `path` that its id
    may clash with, as `quizapp validate` on their folders finds: not the bundled ones (a
    copy in the teacher's banks replaces the bundled bank). A bank already in error for
    its id has no bank to ask: its header says its id."""
    own = os.path.realpath(path)
    out = []
    for entry in entries:
        if entry.bundled or os.path.realpath(entry.path) == own:
            continue
        if entry.bank is not None:
            out.append((entry.bank.id, entry.path))
        elif any(p.message.startswith("another bank has the same id") for p in entry.problems):
            out.append((read_bank_header(entry.path).bank_id, entry.path))
    return out


def copy_pictures(text: str, source: str, target: str) -> list[str]:
    """(Runs in the worker.) Copy into the folder of `target`, a copy of the bank at
    `source` (its `text`), each picture file the bank names that is inside the folder of
    `source` and not in the copy's folder yet, at the same relative name: the names
    copied. A bundled bank's copy showed "[image missing: ...]" instead of its picture."""
    import hashlib
    import shutil

    from quizapp.core.bank_folder import BankFolder
    from quizapp.core.loader import check_bytes

    data = text.encode("utf-8")
    _bank, _problems, images = check_bytes(data, source, hashlib.sha256(data).hexdigest())
    here = BankFolder(os.path.dirname(os.path.abspath(source)))
    there = BankFolder(os.path.dirname(os.path.abspath(target)))
    copied = []
    for name in dict.fromkeys(image[0] for image in images):
        found = here.file(name)
        destination = there.file(name, must_exist=False)
        if found is None or destination is None or os.path.lexists(destination):
            continue  # outside its folder, missing, or the teacher's own file: left alone
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(found, destination)
        except OSError:
            continue  # the check that follows says the picture is missing
        copied.append(name)
    return copied


class _Relay(QObject):
    done = Signal(int, list)
    pictures_copied = Signal()


class Checker(QObject):
    """``schedule()`` after every change; ``checked(problems)`` for the newest text only."""

    checked = Signal(list)
    pictures_copied = Signal()  # beside a copy of the bank (copy_pictures), in the worker

    def __init__(self, text: Callable[[], str], path: Callable[[], str], parent=None,
                 pause_ms: int = PAUSE_MS, others: OtherBanks | None = None):
        super().__init__(parent)
        self._text, self._path = text, path
        self._others = others
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(self.check_now)
        self._worker: ProcessPoolExecutor | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)  # queued: futures finish on another thread
        self._relay.pictures_copied.connect(self.pictures_copied)
        self.pictures_copied.connect(self.schedule)
        self.pending = False
        if isinstance(parent, QWidget):
            # Checked again when the teacher comes back to the window: a picture or source
            # text added meanwhile (in a file manager) is found without another edit.
            parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.ActivationChange and isinstance(watched, QWidget)
                and watched.isActiveWindow()):
            self.schedule()
        return False

    def schedule(self) -> None:
        self.pending = True
        self._timer.start()

    def _started_worker(self) -> ProcessPoolExecutor:
        if self._worker is None:
            self._worker = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        return self._worker

    def check_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        self.pending = True
        generation, path = self._generation, self._path()
        others = self._others(path) if self._others is not None else []
        future = self._started_worker().submit(check_text, self._text(), path, others)
        future.add_done_callback(lambda done: self._deliver(generation, path, done))

    def _deliver(self, generation: int, path: str, future: Future) -> None:
        if future.cancelled():
            return
        try:
            problems = future.result()
        except Exception as exc:  # the worker died (killed, out of memory): say so
            problems = [Problem(path, 0, 0, f"the check could not run: {exc}")]
        try:
            self._relay.done.emit(generation, problems)
        except RuntimeError:  # the editor closed meanwhile: nobody to tell
            pass

    def _on_done(self, generation: int, problems: list) -> None:
        if generation == self._generation:
            # Still pending when an edit came meanwhile: its check is yet to run.
            self.pending = self._timer.isActive()
            self.checked.emit(problems)

    def copy_pictures(self, source: str, target: str) -> None:
        """Copy the pictures of the bank at `source` beside its copy at `target`, in the
        worker (reading the bank for their names takes seconds for a large one), then
        check the copy again."""
        future = self._started_worker().submit(copy_pictures, self._text(), source, target)
        future.add_done_callback(lambda _done: self._tell_pictures_copied())

    def _tell_pictures_copied(self) -> None:
        try:
            self._relay.pictures_copied.emit()
        except RuntimeError:  # the editor closed meanwhile: nobody to tell
            pass

    def shutdown(self) -> None:
        self._timer.stop()
        if self._worker is not None:
            self._worker.shutdown(wait=False, cancel_futures=True)
            self._worker = None
