"""Test setup shared by every test.

Qt runs offscreen (CI has no display), and every test gets its own data and
cache folders so nothing touches the user's real ones.
"""

import gc
import os
import time

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from quizapp.gui.collector import CollectionSchedule  # noqa: E402

settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")


# As in the app (quizapp/gui/collector.py), cyclic garbage is collected on the GUI thread
# while no background operation runs, never on a pool thread at random: here between tests.
gc.disable()
_collection = CollectionSchedule()


@pytest.fixture(autouse=True)
def _collect_between_tests():
    yield
    _collection.check()


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("quizapp-home")
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("QUIZAPP_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "xdg-cache"))
    yield


def _main_window(qtbot, data_dir, bank_dirs=()):
    """A main window as `quizapp --data-dir --bank-dir` opens it, shown and exposed."""
    from argparse import Namespace

    from quizapp.gui.app import create_context
    from quizapp.gui.main_window import MainWindow

    args = Namespace(data_dir=str(data_dir), bank_dir=[str(d) for d in bank_dirs],
                     exit_when_ready=False)
    win = MainWindow(create_context(args))
    win.open_initial_screen()
    win.show()
    qtbot.waitExposed(win)
    win.name_library_viewports()  # as run_app does once the window is painted
    return win


@pytest.fixture
def open_main_window(qtbot, tmp_path):
    """A factory of main windows on one data folder, as `quizapp --data-dir --bank-dir` open
    them (a second call is a second window, or a restart); each is closed with its store."""
    windows = []

    def make(bank_dirs=()):
        win = _main_window(qtbot, tmp_path / "data", bank_dirs)
        qtbot.addWidget(win)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.close()
        win.context.close()


@pytest.fixture
def open_library_window(qtbot, tmp_path):
    """A factory of main windows showing the library of a banks folder to learner Ana, once
    it has loaded. Afterwards any session under way is left and any editor closed before the
    window closes, so that closing asks nothing (which is why qtbot does not close it)."""
    windows = []

    def make(banks_folder):
        win = _main_window(qtbot, tmp_path / "data", [banks_folder])
        win.resize(900, 600)
        context = win.context
        win.set_learner(context.store.create_learner("Ana").id)
        with qtbot.waitSignal(context.library.library_loaded, timeout=30000):
            context.library.reload()
        # The scores and counts are read on the reader thread once the rows show.
        qtbot.waitUntil(lambda: not win.library_screen.counting, timeout=30000)
        windows.append(win)
        return win

    yield make
    for win in windows:
        for name in ("quiz", "flashcards"):
            screen = win.screens.get(name)
            if screen is not None and screen.session is not None and not screen.session.finished:
                screen.session.abandon()
        for editor in list(win.editors):
            editor.close()
        win.close()
        win.deleteLater()
        win.context.close()


@pytest.fixture
def zone():
    """zone(name) sets the process's local time zone (TZ and tzset) until the test ends."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


# A real PostgreSQL for the class server tests, started once per run when a test asks.
from tests.pg_fixture import icu_database, pg_database, pg_server  # noqa: E402, F401

# Fixtures that several test modules share (a bank, a store, a learner, GUI contexts).
pytest_plugins = ["shared_fixtures"]
