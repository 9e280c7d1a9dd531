"""File > Import's and File > Export's conversions, run off the GUI thread.

Reading a big Anki deck takes seconds (20,000 notes: ~3 s); on the GUI thread the window
froze and lost the keys pressed meanwhile. ``FileWork`` runs one conversion at a time on a
thread of its own and hands its outcome back on the GUI thread; ``ImportProgress`` is the
status bar's "Importing…" sign while it runs, with its Cancel button (Esc on a screen that
takes no Esc of its own): the importers ask a ``StopRequest`` between their steps (a note,
a question, a picture written) and stop there, leaving nothing written. Not gui.operations:
those threads hold the store's connections, and a conversion must not hold up an answer
being stored. File > Export runs in a process of its own, with an ``ExportProgress``
sign (gui/bank_export.py).
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from quizapp.gui.collector import background_work_ended, background_work_started

if TYPE_CHECKING:
    from quizapp.interop import Imported, WrittenBank


# What the status bar says when the teacher cancels File > Import's file dialog (Esc or
# Cancel), rather than going blank.
IMPORT_CANCELLED = "Import cancelled; nothing was added."


@dataclass
class _Outcome:
    ticket: int
    result: Any
    error: Exception | None


class _Relay(QObject):
    """Lives on the GUI thread; a signal emitted on the worker queues its delivery here."""

    delivered = Signal(object)  # a one-item list: the _Outcome


class _Job(QRunnable):
    """Holds the work (plain data and functions) and the relay to report to. The relay is
    the one QObject it holds: FileWork owns it on the GUI thread and outlives the job
    (the pool is destroyed first, waiting for the job), so the worker never releases it;
    nothing of the window is released on the worker thread."""

    def __init__(self, ticket: int, work: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._handoff: list[tuple[int, Callable[[], Any]]] = [(ticket, work)]
        self._relay = relay

    def run(self) -> None:
        ticket, work = self._handoff.pop()
        try:
            outcome = _Outcome(ticket, work(), None)
        except Exception as exc:  # a foreign file must never crash the app: shown by `failure`
            outcome = _Outcome(ticket, None, exc)
        del work
        try:
            self._relay.delivered.emit([outcome])
        except RuntimeError:
            pass  # the window closed while the file was converted; nobody is waiting


class FileWork(QObject):
    """One file conversion at a time on a worker thread; `success(result)` or
    `failure(exception)` runs on the GUI thread once it is done."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        # The pool is made before the relay, so it is destroyed first: a closing window
        # waits for the conversion to end while the relay it reports to still exists.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.delivered.connect(self._on_delivered)
        self._tickets = count(1)
        self._waiting: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}

    @property
    def busy(self) -> bool:
        return bool(self._waiting)

    def run(self, work: Callable[[], Any], success: Callable[[Any], None],
            failure: Callable[[Exception], None]) -> None:
        ticket = next(self._tickets)
        self._waiting[ticket] = (success, failure)
        background_work_started()  # the cycle collector waits for it (gui/collector.py)
        self._pool.start(_Job(ticket, work, self._relay))

    def wait(self, msecs: int = -1) -> bool:
        """Block until the conversion under way has ended (tests, shutdown)."""
        return self._pool.waitForDone(msecs)

    def _on_delivered(self, handoff: list[_Outcome]) -> None:
        outcome = handoff.pop()
        success, failure = self._waiting.pop(outcome.ticket)
        background_work_ended()
        if outcome.error is not None:
            failure(outcome.error)
        else:
            success(outcome.result)


class StopRequest:
    """A Cancel pressed on the GUI thread, read by the worker between its steps: `requested`
    is the importers' StopCheck (quizapp.interop.StopCheck)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def request(self) -> None:
        self._event.set()

    def requested(self) -> bool:
        return self._event.is_set()


class FileProgress(QWidget):
    """The status bar's sign that a file is being converted: what is being done, a busy
    bar (a conversion cannot tell how far it has got) and the button that cancels it."""

    def __init__(self, parent: QWidget | None, cancel_name: str, cancel_tip: str):
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy
        self.bar.setMaximumWidth(120)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName(cancel_name)
        self.cancel_button.setToolTip(cancel_tip)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def show_doing(self, text: str, *, can_cancel: bool = True) -> None:
        self.label.setText(text)
        self.bar.setAccessibleName(text)
        self.cancel_button.setEnabled(can_cancel)
        self.show()


class ImportProgress(FileProgress):
    """File > Import's sign (gui/bank_files.py)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, "Cancel the import", "Stop the import (Esc); no bank is written")


class ExportProgress(FileProgress):
    """File > Export's sign (gui/bank_export.py)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, "Cancel the export", "Stop the export (Esc); no file is written")


class SourceNotReadAgain(Exception):
    """The file an import converted could not be read a second time (write_imported_bank),
    with the system's `error`: no bank was written."""

    def __init__(self, source: str | os.PathLike, error: OSError) -> None:
        super().__init__(f"{source}: {error}")
        self.source = source
        self.error = error


def write_imported_bank(source: str | os.PathLike, target: str | os.PathLike,
                        imported: Imported, media_folder: str,
                        stop: StopRequest, *, replace_pictures: bool = False,
                        taken_ids: Mapping[str, str] | None = None) -> WrittenBank:
    """Write `imported` (read from `source` with its pictures in `media_folder`) as the bank
    file `target`. The file was read before the teacher named the bank, with the pictures'
    folder of the name offered; a bank saved under another name that has pictures is read
    again, so that its pictures' paths name its own folder (as `quizapp import` writes them).
    A `stop` requested before the bank's file is written leaves nothing written; so does a
    picture that would replace another's, unless replace_pictures (the teacher agreed)."""
    from quizapp import interop

    wanted = interop.media_folder_for(target)
    if imported.media and wanted != media_folder:
        try:
            # Gone since it was chosen: said so here (each importer has words of its own
            # for a missing file, none of them "read again").
            if not os.path.exists(source):
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(source))
            imported = interop.import_with_media(source, None, wanted, should_stop=stop.requested)
        except OSError as exc:  # not the bank's file: that is written below
            raise SourceNotReadAgain(source, exc) from exc
    return interop.write_imported(imported, source, target, should_stop=stop.requested,
                                  replace_pictures=replace_pictures, taken_ids=taken_ids)
