"""Start the Qt application: `quizapp` with no tool name lands here (see quizapp/cli.py).

Startup order, for speed: open the store and build only the first screen, show
the window, and once it has been painted start loading banks on a pool thread.
With --exit-when-ready the app exits at that point: the window is up and the
event loop idle. (QUIZAPP_EXIT_AFTER_LOAD=1 instead exits once the banks are
listed; benchmarks/bench_startup.py measures both.)
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from pathlib import Path

TYPE_CHECKING = False  # typing costs ~3 ms to import; modules imported before PySide6 avoid it
if TYPE_CHECKING:
    from argparse import Namespace
    from collections.abc import Callable, Sequence

    from PySide6.QtCore import QObject

# How long after the window is ready the store's integrity check starts (see ready()).
INTEGRITY_CHECK_DELAY_MS = 5000


def _icon_path() -> Path:
    return Path(__file__).with_name("resources") / "quizapp.svg"


def create_context(args: Namespace, parent=None):
    """The AppContext for these command-line arguments: store, library, settings."""
    from quizapp.core.paths import data_dir, data_dir_chosen
    from quizapp.core.store import DB_NAME, Store
    from quizapp.gui.context import AppContext, BankLibrary, StoreEvents, make_settings

    folder = data_dir(args.data_dir)
    # The full integrity check runs after the first paint, in the background
    # (quizapp.gui.integrity_check): 2 ms a MiB was 1.77x the bare window at 52 MiB.
    # Days counted in another time zone are counted again after it too
    # (quizapp.gui.days_recount): ~2 s at 1,000,000 answers.
    checked_size = Store.checked_before_use(folder)
    note = None
    if checked_size is not None:  # damage met last time: the open reads the whole file
        from quizapp.gui.check_first import checking_note

        note = checking_note(DB_NAME, checked_size)
    try:
        store = Store.open(folder, defer_check=True, defer_days=True)
    finally:
        if note is not None:
            note.close()
    # Settings beside the data when the learner chose the data folder: a folder on a USB
    # stick carries its library folders and zoom, and two data folders on one computer
    # do not share them by surprise (the platform's settings otherwise).
    settings = make_settings(parent, folder if data_dir_chosen(args.data_dir) else None)
    events = StoreEvents(store, parent)
    # Banks a teacher published to the learner's classes (quizapp.server.banks), pulled by
    # the class server sync into the data folder.
    class_banks = folder / "class-banks"
    class_dirs = sorted(p for p in class_banks.iterdir() if p.is_dir()) if class_banks.is_dir() else []
    library = BankLibrary(
        settings, [*(args.bank_dir or []), *class_dirs], prepare=store.sync_catalog,
        parent=parent
    )
    return AppContext(store=store, events=events, library=library, settings=settings,
                      data_dir=folder)


def _after_first_paint(window, callback) -> None:
    """Call `callback` from the event loop once `window` has been painted and the loop is idle.

    Idle means the event dispatcher is about to block: nothing is queued any
    more (benchmarks/bench_startup.py's baseline waits for the same moment).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    from quizapp.gui.context import call_when_idle

    class _FirstPaint(QObject):
        fired = False

        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            if not self.fired and event.type() in (QEvent.Type.Paint, QEvent.Type.UpdateRequest):
                self.fired = True
                obj.removeEventFilter(self)
                call_when_idle(callback)
            return False

    watcher = _FirstPaint(window)
    window.installEventFilter(watcher)

    def fallback() -> None:
        # Some platforms paint through the backing store without a paint event.
        if not watcher.fired:
            watcher.fired = True
            window.removeEventFilter(watcher)
            callback()

    QTimer.singleShot(3000, fallback)


def _activate_windows_when_shown(app) -> QObject:
    """Give every new window (main window, dialogs) the keyboard focus.

    Without a window manager (kiosks, Xvfb) a new window is never activated,
    and Qt shortcuts only fire in an active window. run_app installs this once
    the main window is painted and idle: an application-wide filter sees every
    event of every object, and before the first paint that cost ~100 ms.
    """
    from PySide6 import QtCore
    from PySide6.QtCore import QEvent, QObject, QTimer

    window_types = None  # Qt.WindowType is named on the first Show (see gui/__init__.py)

    class ActivateOnShow(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            nonlocal window_types
            if event.type() == QEvent.Type.Show and watched.isWidgetType() and watched.isWindow():
                if window_types is None:
                    window_types = (QtCore.Qt.WindowType.Window, QtCore.Qt.WindowType.Dialog)
                if watched.windowType() in window_types:
                    QTimer.singleShot(0, watched.activateWindow)
            return False

    watcher = ActivateOnShow(app)  # a child of the app: kept alive with it
    app.installEventFilter(watcher)
    return watcher


def _stop_activating_windows(app, watcher: QObject) -> None:
    """Remove _activate_windows_when_shown's filter once the event loop has ended.

    Tearing the application down sends events to objects Python has never seen (its
    styles among them); through the filter each one would make PySide build the Python
    types of their classes and the enums of those, ~8 ms on the way out.
    """
    app.removeEventFilter(watcher)


def _exit_on_signals(app) -> None:
    """SIGTERM / Ctrl+C end the app cleanly: the store is closed, the window geometry kept."""
    from PySide6.QtCore import QTimer

    def handler(signum, frame) -> None:
        app.exit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGINT):
        try:
            signal.signal(signum, handler)
        except (ValueError, OSError):  # not the main thread, or not supported here
            return
    # Python runs signal handlers only when it gets control; Qt's loop is C++.
    app._signal_tick = QTimer(app)
    app._signal_tick.start(300)
    app._signal_tick.timeout.connect(lambda: None)


def _report_unexpected_errors(window):
    """An unexpected error in a slot is shown as a message, not only a traceback on stderr."""
    import traceback

    previous = sys.excepthook

    def hook(kind, value, tb) -> None:
        traceback.print_exception(kind, value, tb)  # for a bug report
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, value, tb)
            return
        try:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Warning, "Something went wrong",
                              f"quizapp hit an unexpected problem and carried on:\n{value}",
                              QMessageBox.StandardButton.Ok, window)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        except Exception:  # never let the reporter itself fail the app
            pass

    sys.excepthook = hook
    return previous


def _start_integrity_check(context, window) -> None:
    from quizapp.gui.integrity_check import start_integrity_check

    start_integrity_check(context, window)


def _preload_word_list() -> None:
    import threading

    from quizapp.core import wordlist

    threading.Thread(target=wordlist.load, name="word list", daemon=True).start()


def _startup_objects_made(window: QObject) -> None:
    """Startup is over: freeze what it built; from now on cyclic garbage is collected on
    the GUI thread, between background operations (gui/collector.py)."""
    gc.freeze()
    from quizapp.gui.collector import GuiThreadCollector

    GuiThreadCollector(window)


_pyside_scan_skipped = False


def _skip_pyside_source_scan() -> None:
    """Keep PySide from reading the source of quizapp's and the standard library's modules.

    PySide6 (since 6.4) looks for the word "PySide6" in the source of each module named
    by an import statement run after it is loaded (`from typing import cast` reads all of
    typing.py, imported long before), to learn which modules its opt-in `__feature__`
    switches (snake_case, true_property) may concern. It read the quizapp modules a start
    imports after PySide and ~840 KB of the standard library's at every start, ~20 M
    instructions (2.6% of a start, docs/performance.md); the bare window reads three
    files. quizapp selects no feature, so the answer is given without reading: quizapp's
    modules "use PySide" (the default feature set: what the scan says of nearly all of
    them, and for one that never touches Qt it changes nothing), the standard library's
    do not. Other modules are still scanned; a PySide without this scan is left as it is.
    """
    global _pyside_scan_skipped
    if _pyside_scan_skipped:
        return
    feature = sys.modules.get("shibokensupport.feature")
    scan = _pyside_scan(feature)
    if feature is None or scan is None:
        return  # another PySide: its own scan runs, as it would without quizapp

    def uses_pyside(module) -> bool:
        package = getattr(module, "__name__", "").partition(".")[0]
        if package == "quizapp":
            return True
        if package in sys.stdlib_module_names:
            return False
        return scan(module)

    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]  # private: checked above
    _pyside_scan_skipped = True


_CO_VARARGS, _CO_VARKEYWORDS = 0x04, 0x08  # inspect's flags (inspect is slow to import)


def _pyside_scan(feature: object) -> Callable[[object], bool] | None:
    """PySide's private `_mod_uses_pyside` if it still has the shape it is replaced for:
    a plain Python function of exactly one positional argument (the module). None when
    it is gone, or takes other arguments (a later PySide's): then it is left alone.
    tests/test_gui_pyside_scan.py fails when the installed PySide no longer fits."""
    scan = getattr(feature, "_mod_uses_pyside", None)
    code = getattr(scan, "__code__", None)
    if scan is None or code is None or not callable(scan):
        return None
    if code.co_argcount != 1 or code.co_kwonlyargcount or code.co_flags & (_CO_VARARGS
                                                                            | _CO_VARKEYWORDS):
        return None
    return scan


def _missing_display(qt_options: Sequence[str] = ()) -> str | None:
    """Why Qt could not open a window here, said before Qt aborts with its own words."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if any(o.lstrip("-").partition("=")[0] == "platform" for o in qt_options):
        return None  # -platform offscreen, vnc...: no display needed, or Qt says why
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "quizapp: no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
        "Start it from a desktop session; the tools (quizapp validate, results, import,\n"
        "export) work without one."
    )


def run_app(args: Namespace, qt_options: Sequence[str] = ()) -> int:
    """The app's window until it closes. `qt_options` are Qt's standard options given on
    the command line (cli.split_qt_options: -platform, -style, -reverse...), for Qt."""
    problem = _missing_display(qt_options)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    # Startup builds ~33,000 long-lived objects (Qt wrappers and their types, enums,
    # classes, modules) and hardly any garbage, yet the cycle collector would scan
    # them over and over as they accumulate, and again at exit: 35-55 ms. It stays off
    # until the window is painted and idle; then those objects are frozen (never
    # scanned again) and collection resumes on the GUI thread (gui/collector.py).
    # Freezing also keeps the few hundred cyclic leftovers of startup (~100 KB), which
    # collecting would cost ~20 ms.
    collecting = gc.isenabled()
    gc.disable()
    # The core modules startup uses come in before PySide6 does: PySide reads the
    # source of every module imported after it, looking for "PySide6" (~10 ms for
    # these and what they import), and they do not use Qt.
    import quizapp.core.learner  # noqa: F401 (the store returns Learner records)
    import quizapp.core.store  # noqa: F401

    try:
        return _run_app(args, qt_options)
    finally:
        if collecting:  # the caller's collector as it was (a test runs the app in-process)
            gc.enable()


def _run_app(args: Namespace, qt_options: Sequence[str]) -> int:
    from typing import cast  # (PySide6 has imported typing by now)

    from PySide6.QtCore import QCoreApplication

    _skip_pyside_source_scan()  # before the GUI modules come in
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("quizapp")
    QCoreApplication.setApplicationName("quizapp")
    # High-DPI: Qt 6 passes fractional scale factors (125%, 150%) through unrounded by
    # default (HighDpiScaleFactorRoundingPolicy.PassThrough), and
    # QT_SCALE_FACTOR_ROUNDING_POLICY can still change that; nothing to set here.
    # (Naming any Qt.* enum builds all of them before the first paint: see gui/__init__.py.)
    # A test may have made the application already; it is a QApplication then too.
    app = cast(QApplication,
               QApplication.instance() or QApplication([*sys.argv[:1], *qt_options]))
    app.setDesktopFileName("quizapp")
    app.setWindowIcon(QIcon(str(_icon_path())))

    try:
        context = create_context(args, app)
    except Exception as exc:  # e.g. the data folder cannot be created
        from PySide6.QtWidgets import QMessageBox

        print(f"quizapp: cannot open your data: {exc}", file=sys.stderr)
        if not args.exit_when_ready:
            QMessageBox.critical(None, "quizapp cannot start",
                                 f"Your data folder could not be opened:\n{exc}")
        return 1

    from quizapp.gui.main_window import MainWindow

    window = MainWindow(context)
    window.open_initial_screen()
    window.show()
    notice = context.store.recovery_notice
    if notice is not None:
        window.show_store_message(notice)

    exit_when_ready = bool(args.exit_when_ready)
    exit_after_load = os.environ.get("QUIZAPP_EXIT_AFTER_LOAD") == "1"
    if os.environ.get("QUIZAPP_ANNOUNCE_LIBRARY") == "1":  # bench_startup.py --new-bank
        from quizapp.gui.library_announcer import announce_library

        announce_library(app, window, exit_after_load)
    elif exit_after_load:
        context.library.library_loaded.connect(lambda: app.exit(0))

    backups = []
    recounts = []
    activation: list[QObject] = []  # the filter that activates new windows, once ready

    def ready() -> None:
        # Painted and idle. No window manager may give the window the keyboard: activate
        # it (or the store message over it), and from now on every window when shown.
        (QApplication.activeModalWidget() or window).activateWindow()
        activation.append(_activate_windows_when_shown(app))
        _startup_objects_made(window)
        from quizapp.gui.auto_backup import start_auto_backups  # after the first paint

        backups.append(start_auto_backups(context, window))
        # The integrity check runs on a schedule: INTEGRITY_CHECK_DELAY_MS after the window is
        # ready, not at once, where it competed with the first listing of the banks for the
        # CPU (~26 M instructions for a small store, 3% of a whole start; 10 s for 5 GB).
        # A session shorter than that is not checked; the next one is.
        from PySide6.QtCore import QTimer

        QTimer.singleShot(INTEGRITY_CHECK_DELAY_MS, window,
                          lambda: _start_integrity_check(context, window))

        from quizapp.gui.class_sync import ClassSync  # QtCore only; psycopg on its thread

        window.attach_class_sync(ClassSync(context.store, window))
        if exit_when_ready and not exit_after_load:
            app.exit(0)
            return
        from quizapp.gui.days_recount import start_days_recount

        # A start under another time zone: its days are counted again, in the background.
        context.days_recount = start_days_recount(context.store, context.events.announce,
                                                  window)
        recounts.append(context.days_recount)
        from quizapp.gui.interrupted import start_closing_interrupted

        # Sessions a dead app left open: closed on the writer thread, said in the library.
        start_closing_interrupted(context, window)
        if os.environ.get("QUIZAPP_ANNOUNCE_READY") == "1":
            # For a test driving the app as a process: a line it can block on, instead of
            # guessing with a sleep when the event loop (and the SIGTERM handler) is live.
            print("quizapp: ready", flush=True)
        context.library.reload()
        # After the first paint (see its docstring), while the banks load on their thread.
        window.name_library_viewports()
        # The grader's word list takes ~0.2 s to load; load it now, off the GUI thread and
        # after the library, so that the first typed answer is graded at once.
        QTimer.singleShot(1500, _preload_word_list)
        from quizapp.gui.screen_preparation import prepare_study_screens

        # Their first opening was one turn of 50-150 ms: made now in small steps instead.
        prepare_study_screens(window)  # (the window owns it)

    _after_first_paint(window, ready)
    _exit_on_signals(app)
    previous_hook = _report_unexpected_errors(window)
    try:
        code = app.exec()
    finally:
        sys.excepthook = previous_hook
        for watcher in activation:
            _stop_activating_windows(app, watcher)
        window.save_geometry()
        for auto in backups:
            if auto is not None:
                auto.stop(timeout=10)  # let a backup under way finish (a killed one is harmless)
        if window.class_sync is not None:
            window.class_sync.stop(timeout=10)  # a push cut off is sent again next time
        window.wait_for_file_work(10_000)  # an import under way ends before Python does
        for recount in recounts:
            if recount is not None:
                recount.stop()  # a count cut off writes nothing; the next start counts again
        context.close()
    return code
