"""Cyclic garbage is collected on the GUI thread, between background operations
(quizapp/gui/collector.py): never on a pool thread, never while an op is inside SQLite."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
import weakref

import pytest
from gui_helpers import FixedLibrary

from quizapp.core.store import Store
from quizapp.gui import collector
from quizapp.gui.collector import CollectionSchedule, GuiThreadCollector, background_work_running
from quizapp.gui.context import AppContext, BankLibrary, StoreEvents, make_settings


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collections_by_thread():
    """The thread of every collection that starts, with the collector switched on as
    Python starts it (the app's state before its window is ready)."""
    threads: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    collecting = gc.isenabled()
    gc.enable()
    gc.callbacks.append(note)
    try:
        yield threads
    finally:
        gc.callbacks.remove(note)
        (gc.enable if collecting else gc.disable)()


def cyclic_garbage(count: int) -> weakref.ref:
    """Make `count` unreachable cycles; a weak reference to the last one."""
    last = None
    for _ in range(count):
        last = Cycle()
    ref = weakref.ref(last)
    del last
    return ref


def test_garbage_made_on_a_pool_thread_is_collected_on_the_gui_thread(
        qtbot, collections_by_thread):
    owner = GuiThreadCollector(interval_ms=20)
    refs: list[weakref.ref] = []
    worker = threading.Thread(target=lambda: refs.append(cyclic_garbage(20_000)))
    worker.start()
    worker.join()
    assert refs[0]() is not None, "nothing collected the cycles on the thread that made them"
    qtbot.waitUntil(lambda: refs[0]() is None, timeout=5000)
    assert collections_by_thread, "the cycles went without a collection"
    assert set(collections_by_thread) == {threading.main_thread().ident}
    del owner


def test_a_collection_waits_for_a_query_under_way(qtbot, tmp_path, banks):
    store = Store.open(tmp_path / "data")
    context = AppContext(store=store, events=StoreEvents(store), library=FixedLibrary(banks),
                         settings=make_settings())
    schedule = CollectionSchedule()
    release = threading.Event()
    try:
        results: list = []
        context.operations.read(lambda reader: release.wait(10) and len(reader.learners()),
                                results.append)
        assert background_work_running()
        ref = cyclic_garbage(gc.get_threshold()[0] + 10)  # a young generation due
        assert schedule.check() is None
        assert ref() is not None, "collected while the reader thread was at work"
        with qtbot.waitSignal(context.operations.idle, timeout=10000):
            release.set()
        assert results == [0]
        assert not background_work_running()
        assert schedule.check() is not None
        assert ref() is None
    finally:
        release.set()
        context.operations.shutdown()
        store.close()


def test_a_collection_waits_for_the_bank_library_to_load(qtbot, tmp_path):
    library = BankLibrary(make_settings(), [tmp_path], include_bundled=False, watch=False)
    schedule = CollectionSchedule()
    with qtbot.waitSignal(library.library_loaded, timeout=10000):
        library.reload()
        assert background_work_running()
        ref = cyclic_garbage(gc.get_threshold()[0] + 10)
        assert schedule.check() is None
        assert ref() is not None
    assert not background_work_running()
    assert schedule.check() is not None
    assert ref() is None
    library.shutdown()


def test_work_whose_end_never_arrives_delays_collection_only_so_long(monkeypatch):
    schedule = CollectionSchedule()
    collector.background_work_started()  # e.g. an op whose window closed under it
    try:
        ref = cyclic_garbage(gc.get_threshold()[0] + 10)
        assert schedule.check() is None
        monkeypatch.setattr(collector, "MAX_DEFERRAL_S", 0.0)
        assert schedule.check() is not None
        assert ref() is None
    finally:
        collector.background_work_ended()


def test_the_app_hands_collection_to_its_gui_thread_once_ready(tmp_path):
    """In a real process: once the window is ready, a collector on the GUI thread owns
    collection (the automatic one is off), and run_app leaves the caller's as it was."""
    probe = textwrap.dedent("""
        import gc, sys
        from quizapp.gui import collector
        made = collector.GuiThreadCollector.__init__
        def noted(self, *args, **kwargs):
            made(self, *args, **kwargs)
            print("collector made for", type(self.parent()).__name__,
                  "automatic:", gc.isenabled(), flush=True)
        collector.GuiThreadCollector.__init__ = noted
        from quizapp.__main__ import main
        code = main(sys.argv[1:])
        print("after the app, automatic:", gc.isenabled(), flush=True)
        sys.exit(code)
    """)
    result = subprocess.run(
        [sys.executable, "-c", probe, "--data-dir", str(tmp_path / "data"), "--exit-when-ready"],
        capture_output=True, text=True, timeout=120, env=dict(os.environ), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "collector made for MainWindow automatic: False",
        "after the app, automatic: True",
    ]


def _young_generation_due() -> weakref.ref:
    return cyclic_garbage(gc.get_threshold()[0] + 10)


def test_a_collection_waits_for_the_integrity_check(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from quizapp.gui.integrity_check import start_integrity_check

    store = Store.open(tmp_path / "data")
    context = AppContext(store=store, events=StoreEvents(store), library=FixedLibrary([]),
                         settings=make_settings())
    window = QWidget()
    qtbot.addWidget(window)
    release = threading.Event()
    check = store.check_integrity
    monkeypatch.setattr(store, "integrity_check_due", lambda: True)
    monkeypatch.setattr(store, "check_integrity", lambda: release.wait(10) and check())
    schedule = CollectionSchedule()
    try:
        thread = start_integrity_check(context, window)
        assert thread is not None and background_work_running()
        ref = _young_generation_due()
        assert schedule.check() is None
        assert ref() is not None, "collected while the check was reading the file"
        release.set()
        qtbot.waitUntil(lambda: not background_work_running(), timeout=10000)
        assert not thread.is_alive()
        assert getattr(window, "integrity_box", None) is None  # the file is sound
        assert schedule.check() is not None
        assert ref() is None
    finally:
        release.set()
        context.operations.shutdown()
        store.close()


def test_a_collection_waits_for_the_class_sync(qtbot, tmp_path, monkeypatch):
    pytest.importorskip("psycopg")
    from quizapp.gui.class_sync import ClassSync
    from quizapp.server import sync

    store = Store.open(tmp_path / "data")
    release = threading.Event()

    def server_away(*args):
        release.wait(10)
        raise ConnectionError("the class server is away")

    monkeypatch.setattr(ClassSync, "enabled", lambda self: True)
    monkeypatch.setattr(sync, "sync", server_away)
    class_sync = ClassSync(store, every_ms=3_600_000)
    schedule = CollectionSchedule()
    try:
        class_sync.sync_soon()
        assert class_sync.running and background_work_running()
        ref = _young_generation_due()
        assert schedule.check() is None
        assert ref() is not None, "collected while the sync was at work"
        with qtbot.waitSignal(class_sync.status_changed, timeout=10000):
            release.set()
        assert class_sync.status.startswith("offline since")
        assert not background_work_running()
        assert schedule.check() is not None
        assert ref() is None
    finally:
        release.set()
        class_sync.stop()
        store.close()
