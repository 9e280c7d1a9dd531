"""What every screen is given: the store, its change signal, the bank library and settings.

There is no global main window; screens receive an AppContext and talk to the
core through it. Bank files are (re)loaded on a pool thread so the window never
waits for YAML parsing.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from quizapp.gui.collector import background_work_ended, background_work_started

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QThreadPool

    from quizapp.core.model import Bank
    from quizapp.core.store import Store
    from quizapp.gui.bank_watcher import BankWatcher
    from quizapp.gui.days_recount import DaysRecount
    from quizapp.gui.operations import Operations

_log = logging.getLogger(__name__)

ORGANIZATION = "quizapp"
APPLICATION = "quizapp"
FOLDERS_KEY = "library/folders"
FILES_KEY = "library/files"


# The settings' file in a data folder chosen by --data-dir or QUIZAPP_DATA_DIR.
DATA_FOLDER_SETTINGS = "settings.conf"


def settings_path(data_folder: Path | None = None) -> Path:
    """Where the settings file lives: in `data_folder` when the learner chose one, else
    $XDG_CONFIG_HOME/quizapp/quizapp.conf (read now, not cached).

    Qt caches its own idea of the config folder for the whole process, so the
    path is worked out here; tests give every test its own XDG_CONFIG_HOME.
    """
    if data_folder is not None:
        return data_folder / DATA_FOLDER_SETTINGS
    base = os.environ.get("XDG_CONFIG_HOME")
    if not base:
        from PySide6.QtCore import QStandardPaths

        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    if not base:
        base = str(Path.home() / ".config")
    return Path(base) / ORGANIZATION / f"{APPLICATION}.conf"


def make_settings(parent: QObject | None = None, data_folder: Path | None = None) -> QSettings:
    """The settings: the platform's, or (`data_folder`) those of a data folder the learner
    chose, which start as a copy of the platform's the first time (see settings_path)."""
    path = settings_path(data_folder)
    if data_folder is not None and not path.exists():
        _start_from_platform_settings(path)
    return QSettings(str(path), QSettings.Format.IniFormat, parent)


def _start_from_platform_settings(path: Path) -> None:
    """A chosen data folder's first settings: a copy of the platform's (the library folders
    and zoom a learner had before settings moved beside the data), read this once; an
    empty file when there are none, so that a later start does not read them either."""
    platform = settings_path()
    try:
        kept = platform.read_bytes() if platform.is_file() else b""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(kept)
    except OSError:  # the settings start empty; the app works without them
        _log.warning("could not start the settings at %s from %s", path, platform,
                     exc_info=True)


def settings_list(settings: QSettings, key: str) -> list[str]:
    value = settings.value(key, [])
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if not isinstance(value, (list, tuple)):
        return []
    return [str(v) for v in value if v]


def status_colour(palette, right: bool):
    """Green for right, red for wrong (a QColor), light or dark enough to read on the palette's base."""
    from PySide6.QtGui import QPalette

    from quizapp.gui.theme import DARK, LIGHT

    theme = DARK if palette.color(QPalette.ColorRole.Base).lightness() < 128 else LIGHT
    return theme.color("right" if right else "wrong")


class StoreEvents(QObject):
    """The one "data changed" signal, carrying what changed (a gui.operations.Changes).

    A write op announces its own Changes (see quizapp.gui.operations), and so does the class
    server sync (ClassSync.changes_announced); any other write to the store (a restore, a
    direct call) is announced as Changes.everything()."""

    store_changed = Signal(object)  # Changes
    # Operations.write_waiting: a write waits for another program's long write (its name),
    # or "" once it has ended; the window says so in its status bar.
    write_waiting = Signal(str)

    def __init__(self, store=None, parent: QObject | None = None):
        super().__init__(parent)
        if store is not None:
            store.add_listener(self._on_write)

    def _on_write(self) -> None:
        from quizapp.gui.changes import Changes, inside_write_op

        # A write op says precisely what it changed once its result is delivered.
        if inside_write_op():
            return
        # Store listeners run in whatever thread wrote; a queued signal carries
        # the news to the GUI thread.
        self.store_changed.emit(Changes.everything())

    def announce(self, changes) -> None:
        self.store_changed.emit(changes)


class _LoadCancelled(Exception):
    pass


class _LoadRelay(QObject):
    progressed = Signal(int, int, int)  # generation, done, total
    # generation, list[BankEntry] (new banks from their header), the threading.Event to set
    # once the listing is shown
    listed = Signal(int, object, object)
    # generation, list[BankEntry], the threading.Event to set once the library is shown
    finished = Signal(int, object, object)
    failed = Signal(int, str)


# The longest a new bank's check waits for the GUI thread to show the listing (see
# _LoadJob.list_before_check), and its cache entry for the GUI thread to show the checked
# library; a GUI thread that stays busy longer does not hold them up.
LISTING_SHOWN_TIMEOUT_S = 1.0


class _LoadJob:
    """Runs on a pool thread (QThreadPool.start accepts any callable)."""

    def __init__(self, generation: int, folders: list[Path], files: list[Path],
                 relay: _LoadRelay, cancel: threading.Event,
                 prepare: Callable[[Bank], None] | None = None):
        self.generation = generation
        self.folders = folders
        self.files = files
        self.relay = relay
        self.cancel = cancel
        self.prepare = prepare
        self.listing_shown = threading.Event()  # set by the GUI thread (BankLibrary._on_listed)
        self.loaded_shown = threading.Event()  # set by the GUI thread (BankLibrary._on_finished)

    def __call__(self) -> None:
        if self.cancel.is_set():
            return
        self.run()

    def run(self) -> None:
        from quizapp.core.loader import CheckCancelled

        try:
            from quizapp.core.library import load_library

            sent = [-1]  # the percent last sent: a step repainted both progress bars at
            # once (QProgressBar.setValue), 4 s of the GUI thread for 10,000 banks

            def progress(done: int, total: int) -> None:
                if self.cancel.is_set():
                    raise _LoadCancelled
                percent = done * 100 // max(total, 1)
                if percent != sent[0]:
                    sent[0] = percent
                    self.relay.progressed.emit(self.generation, done, total)

            # The new banks' cache entries are written once the library is listed.
            cache_writes: list[Callable[[], None]] = []
            entries = load_library(self.folders, progress=progress, files=self.files,
                                   cache_writes=cache_writes, listed=self.list_before_check,
                                   cancel=self.cancel)
            self.prepare_banks(entries)
            self.relay.finished.emit(self.generation, entries, self.loaded_shown)
            if cache_writes:
                # Written once the GUI thread has shown the library: started at once, the
                # write (~200 ms of encoding for 10,000 questions) took the GIL from the
                # library screen's first queries of the new bank, 16 ms each: its refresh
                # took 130-190 ms on the GUI thread instead of ~30.
                self.loaded_shown.wait(LISTING_SHOWN_TIMEOUT_S)
            for write in cache_writes:
                write()
        except (_LoadCancelled, CheckCancelled):  # closing: no entry of a cut check is kept
            pass
        except Exception as exc:  # a loader bug must not take the window down
            self.relay.failed.emit(self.generation, f"{type(exc).__name__}: {exc}")

    def prepare_banks(self, entries: list) -> None:
        """Run `prepare` on each listed bank here, off the GUI thread (the app brings the
        store's catalog of a new or edited bank up to date). A failure only leaves the
        work to the GUI thread's first query, as without it."""
        if self.prepare is None:
            return
        for entry in entries:
            if entry.bank is None or self.cancel.is_set():
                continue
            try:
                self.prepare(entry.bank)
            except Exception:  # e.g. the store is busy or closing
                _log.warning("preparing bank %s failed", entry.bank.id, exc_info=True)

    def list_before_check(self, entries: list) -> None:
        """The library with its new banks listed from their headers, before they are checked.

        The check waits until the GUI thread has shown the listing and gone idle (at most
        LISTING_SHOWN_TIMEOUT_S): started at once, it takes the GIL for every other switch
        interval while the GUI thread fills and paints the rows. A 10,000-question bank was
        listed in 0.80x and 0.81x the time with the wait (9 and 11 interleaved runs), and
        ready to study in 1.09x and 0.98x (docs/performance.md)."""
        if self.cancel.is_set():
            raise _LoadCancelled
        self.relay.listed.emit(self.generation, entries, self.listing_shown)
        self.listing_shown.wait(LISTING_SHOWN_TIMEOUT_S)
        if self.cancel.is_set():
            raise _LoadCancelled


class BankLibrary(QObject):
    """The banks the learner can study: bundled, their own folders and files, and --bank-dir.

    `reload()` parses on a pool thread; `library_loaded` fires with `entries` filled.
    A bank the cache has not seen is listed before its questions are checked:
    `banks_listed` fires with `entries` holding it as `BankEntry.checking` (its header,
    no bank: it cannot be studied yet), and `library_loaded` once the check has replaced
    it. Files and folders are watched, and a change on disk reloads (the loader's
    cache keeps unchanged files cheap).
    """

    library_loaded = Signal()
    banks_listed = Signal()  # entries hold the new banks being checked (see above)
    load_started = Signal()
    load_progressed = Signal(int, int)  # done, total
    load_failed = Signal(str)

    def __init__(self, settings: QSettings, extra_dirs=(), *, include_bundled: bool = True,
                 watch: bool = True, prepare: Callable[[Bank], None] | None = None,
                 parent: QObject | None = None):
        """`prepare(bank)` runs on the loading thread for each listed bank, before the
        library is announced (the app syncs the store's catalog of the bank there)."""
        super().__init__(parent)
        self.settings = settings
        self._prepare = prepare
        self.extra_dirs = [Path(d).expanduser() for d in extra_dirs]
        self.include_bundled = include_bundled
        self.entries: list = []
        self.loaded = False  # at least one load has finished
        self.error: str | None = None
        self._generation = 0
        self._running = False
        self._pending = False
        self._cancel = threading.Event()
        self._pool: QThreadPool | None = None  # created on the first load, after the window is up
        self._job: _LoadJob | None = None  # the latest load
        self._relay = _LoadRelay(self)
        self._relay.progressed.connect(self._on_progress)
        self._relay.listed.connect(self._on_listed)
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._watcher: BankWatcher | None = None  # once something is loaded
        self._watch = watch
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)  # editors write a file in several steps
        self._debounce.timeout.connect(self.reload)

    # -- what is in the library --------------------------------------------------------

    def user_folders(self) -> list[Path]:
        return [Path(p) for p in settings_list(self.settings, FOLDERS_KEY)]

    def user_files(self) -> list[Path]:
        return [Path(p) for p in settings_list(self.settings, FILES_KEY)]

    def folders(self) -> list[Path]:
        folders: list[Path] = []
        if self.include_bundled:
            from quizapp.core.paths import bundled_banks_dir

            folders.append(bundled_banks_dir())
        for folder in [*self.user_folders(), *self.extra_dirs]:
            if folder not in folders:
                folders.append(folder)
        return folders

    @property
    def loading(self) -> bool:
        return self._running

    def bank(self, bank_id: str):
        for entry in self.entries:
            if entry.bank is not None and entry.bank.id == bank_id:
                return entry.bank
        return None

    def entry(self, path: str):
        for entry in self.entries:
            if entry.path == path:
                return entry
        return None

    def banks(self) -> list:
        return [e.bank for e in self.entries if e.bank is not None]

    # -- changing it -------------------------------------------------------------------

    def add_folder(self, path) -> None:
        path = str(Path(path).expanduser().resolve())
        folders = settings_list(self.settings, FOLDERS_KEY)
        if path not in folders:
            folders.append(path)
            self.settings.setValue(FOLDERS_KEY, folders)
            self.settings.sync()
        self.reload()

    def remove_folder(self, path) -> None:
        path = str(Path(path))
        self.settings.setValue(FOLDERS_KEY, [f for f in settings_list(self.settings, FOLDERS_KEY) if f != path])
        self.settings.sync()
        self.reload()

    def add_file(self, path) -> None:
        path = str(Path(path).expanduser().resolve())
        files = settings_list(self.settings, FILES_KEY)
        if path not in files:
            files.append(path)
            self.settings.setValue(FILES_KEY, files)
            self.settings.sync()
        self.reload()

    def remove_file(self, path) -> None:
        path = str(Path(path))
        self.settings.setValue(FILES_KEY, [f for f in settings_list(self.settings, FILES_KEY) if f != path])
        self.settings.sync()
        self.reload()

    # -- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        """Load every bank again on a pool thread; library_loaded fires when done."""
        if self._running:
            self._pending = True  # one more pass once the current one ends
            return
        self._running = True
        self._pending = False
        self._generation += 1
        self._cancel = threading.Event()
        folders = self.folders()
        files = [f for f in self.user_files()]
        self.load_started.emit()
        background_work_started()  # the cycle collector waits for the load (gui/collector.py)
        if self._pool is None:
            from PySide6.QtCore import QThreadPool

            self._pool = QThreadPool(self)
            self._pool.setMaxThreadCount(1)
        self._job = _LoadJob(self._generation, folders, files, self._relay, self._cancel,
                             self._prepare)
        self._pool.start(self._job)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool is None or self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Stop a load in progress (a check at its next question) and wait for the thread."""
        self._cancel.set()
        if self._job is not None:
            self._job.listing_shown.set()  # a check waiting for the listing to show stops
            self._job.loaded_shown.set()
        self._debounce.stop()
        if self._pool is not None:
            self._pool.waitForDone(5000)

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.load_progressed.emit(done, total)

    def _on_listed(self, generation: int, entries: list, shown: threading.Event) -> None:
        if generation != self._generation:
            shown.set()
            return
        self.entries = entries
        # A new bank's file is watched during its check: a change then reloads once it ends.
        self._update_watcher()
        self.banks_listed.emit()
        call_when_idle(shown.set)  # the screens have painted the rows: the check may start

    def checking(self) -> list:
        """The entries listed from their header whose questions are still being checked."""
        return [e for e in self.entries if e.checking is not None]

    def _on_finished(self, generation: int, entries: list, shown: threading.Event) -> None:
        if generation != self._generation:
            shown.set()
            return
        self.entries = entries
        self.error = None
        self.loaded = True
        self._end_load()
        self.library_loaded.emit()
        call_when_idle(shown.set)  # the screens have redrawn: the cache entries may be written

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.error = message
        self.loaded = True
        self._end_load()
        self.load_failed.emit(message)
        self.library_loaded.emit()

    def _end_load(self) -> None:
        self._running = False
        background_work_ended()
        self._update_watcher()
        if self._pending:
            self.reload()

    def _update_watcher(self) -> None:
        if not self._watch:
            return
        if self._watcher is None:
            from quizapp.gui.bank_watcher import BankWatcher

            self._watcher = BankWatcher(self)
            self._watcher.changed.connect(self._on_disk_change)
        files = {entry.path for entry in self.entries}
        files.update(str(file) for file in self.user_files())
        folders = {str(folder) for folder in self.folders()}
        folders.update(os.path.dirname(entry.path) for entry in self.entries)
        self._watcher.watch(folders, files)

    def _on_disk_change(self, _path: str) -> None:
        self._debounce.start()


def call_when_idle(then: Callable[[], None]) -> None:
    """Run `then` once the GUI thread's event loop has handled what is queued (repaints
    among it) and is about to wait for more."""
    from PySide6.QtCore import QAbstractEventDispatcher

    dispatcher = QAbstractEventDispatcher.instance()
    if dispatcher is None:
        then()
        return

    def idle() -> None:
        dispatcher.aboutToBlock.disconnect(idle)
        then()

    dispatcher.aboutToBlock.connect(idle)


class AppContext:
    """Handed to every screen: the core objects plus who is studying what.

    A plain class, not a dataclass, for startup (see core/learner.py)."""

    def __init__(self, store: Store, events: StoreEvents, library: BankLibrary,
                 settings: QSettings, learner_id: int | None = None,
                 bank_id: str | None = None, data_dir: Path | None = None) -> None:
        self.store = store
        self.events = events
        self.library = library
        self.settings = settings
        self.learner_id = learner_id
        self.bank_id = bank_id  # the bank selected in the library
        self.data_dir = data_dir
        # The reader and writer threads (quizapp.gui.operations), made on first use: a
        # returning learner's window shows without them.
        self._operations: Operations | None = None
        # The local days counted again after a start under another time zone
        # (gui/days_recount.py), while it runs and after; None when there was none.
        self.days_recount: DaysRecount | None = None

    @property
    def operations(self) -> Operations:
        if self._operations is None:
            from quizapp.gui.operations import Operations

            self._operations = Operations(self.store)
            self._operations.changes_announced.connect(self.events.announce)
            self._operations.write_waiting.connect(self.events.write_waiting)
        return self._operations

    def learner(self):
        if self.learner_id is None:
            return None
        for learner in self.store.learners():
            if learner.id == self.learner_id:
                return learner
        return None

    def close(self) -> None:
        self.library.shutdown()
        if self._operations is not None:  # every answer submitted is written before closing
            self._operations.shutdown()
        try:
            self.store.close()
        except Exception:  # closing must never stop the app from exiting
            pass
