"""Fixtures shared by several test modules, made available to every test by conftest.py.

GUI modules are imported inside the fixtures that need them, as in conftest.py, so that
collecting the headless tests loads no screens.

A module that needs a different fixture of the same name defines its own, which pytest
prefers (test_gui_progress's `history` holds four sessions, test_gui_flashcards' `bank` is
the capitals).
"""

from __future__ import annotations

import pytest
from bank_samples import CAPITALS

from quizapp.core.loader import load_bank
from quizapp.core.paths import data_dir
from quizapp.core.store import Store


@pytest.fixture
def bank():
    """The bundled tour bank (one question of every type), loaded without the cache."""
    from gui_helpers import TOUR

    result = load_bank(TOUR, use_cache=False)
    assert result.bank is not None, result.problems
    return result.bank


@pytest.fixture
def store():
    """The store in the test's own data folder, closed afterwards."""
    s = Store.open()  # QUIZAPP_DATA_DIR: the test's temp folder
    yield s
    s.close()


@pytest.fixture
def learner(store):
    """Learner Ada in `store`."""
    return store.create_learner("Ada")


@pytest.fixture
def capitals(tmp_path):
    """The three capitals flashcards, loaded from a file in the test's folder."""
    path = tmp_path / "capitals.yaml"
    path.write_text(CAPITALS, encoding="utf-8")
    result = load_bank(path, use_cache=False)
    assert result.bank is not None, [p.format() for p in result.problems]
    return result.bank


@pytest.fixture
def context(tmp_path):
    """A context over the test's data folder with learner Ana chosen, closed afterwards."""
    from quizapp.gui.context import AppContext, BankLibrary, StoreEvents, make_settings

    store = Store.open(data_dir())
    settings = make_settings()
    ctx = AppContext(store=store, events=StoreEvents(store), library=BankLibrary(settings, watch=False),
                     settings=settings)
    ctx.learner_id = store.create_learner("Ana").id
    yield ctx
    ctx.close()


@pytest.fixture
def small_bank_window(open_library_window, tmp_path):
    """The library window (conftest.open_library_window) on a folder holding only
    helpers.SMALL_BANK, titled "Small bank" (id small)."""
    from helpers import SMALL_BANK

    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_BANK.format(title="Small bank"), encoding="utf-8")
    return open_library_window(folder)


@pytest.fixture
def start(open_main_window):
    """Opens main windows on one data folder (the learner tests' name for open_main_window)."""
    return open_main_window


@pytest.fixture(scope="session")
def banks():
    """The bundled banks by id (auto talks and the tour), loaded once per run."""
    from gui_helpers import bundled_banks

    return bundled_banks()


@pytest.fixture
def history(tmp_path, banks):
    """A context over a copy of the standard history with 3 sessions per learner and bank."""
    from gui_helpers import make_context, store_with_history

    store = store_with_history(tmp_path / "history", banks, sessions=3)
    yield make_context(store, banks)
    store.close()
