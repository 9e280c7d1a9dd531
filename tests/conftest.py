"""Test setup shared by every test.

Qt runs offscreen (CI has no display), and every test gets its own data and
cache folders so nothing touches the user's real ones.
"""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("quizapp-home")
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("QUIZAPP_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "xdg-cache"))
    yield


@pytest.fixture
def open_main_window(qtbot, tmp_path):
    """A factory of main windows on one data folder, as `quizapp --data-dir` opens them
    (a second call is a second window, or a restart); each is closed with its store."""
    from argparse import Namespace

    from quizapp.gui.app import create_context
    from quizapp.gui.main_window import MainWindow

    windows = []

    def make():
        args = Namespace(data_dir=str(tmp_path / "data"), bank_dir=[], exit_when_ready=False)
        context = create_context(args)
        win = MainWindow(context)
        qtbot.addWidget(win)
        win.open_initial_screen()
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.close()
        win.context.close()


# A real PostgreSQL for the class server tests, started once per run when a test asks.
from tests.pg_fixture import pg_database, pg_server  # noqa: E402, F401
