"""Settings live beside the data when the data folder is chosen (--data-dir or
QUIZAPP_DATA_DIR): a data folder on a USB stick carries its own library folders and zoom,
and two data folders on one computer no longer share them by surprise. A data folder
started for the first time takes the platform's settings once, so nobody loses theirs."""

from argparse import Namespace
from pathlib import Path

import pytest

from quizapp.gui.app import create_context
from quizapp.gui.context import FOLDERS_KEY, make_settings


@pytest.fixture
def contexts():
    opened = []

    def open_context(data_dir):
        context = create_context(Namespace(data_dir=None if data_dir is None else str(data_dir),
                                           bank_dir=[], exit_when_ready=False))
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


def _choose_folders(context, *folders: Path) -> None:
    context.settings.setValue(FOLDERS_KEY, [str(folder) for folder in folders])
    context.settings.sync()


def test_two_data_folders_keep_their_own_library_folders(qapp, contexts, tmp_path):
    school = contexts(tmp_path / "school-data")
    _choose_folders(school, tmp_path / "school-banks")
    home = contexts(tmp_path / "home-data")
    assert home.library.user_folders() == []
    _choose_folders(home, tmp_path / "home-banks")
    assert contexts(tmp_path / "school-data").library.user_folders() == [tmp_path / "school-banks"]
    assert Path(school.settings.fileName()).parent == tmp_path / "school-data"


def test_a_data_folder_takes_the_platform_settings_once(qapp, contexts, tmp_path):
    platform = make_settings()
    platform.setValue(FOLDERS_KEY, [str(tmp_path / "banks-before")])
    platform.sync()
    usb = contexts(tmp_path / "usb-data")
    assert usb.library.user_folders() == [tmp_path / "banks-before"]  # nothing lost
    platform.setValue(FOLDERS_KEY, [str(tmp_path / "banks-elsewhere")])
    platform.sync()
    _choose_folders(usb, tmp_path / "banks-before", tmp_path / "usb-banks")
    again = contexts(tmp_path / "usb-data")
    assert again.library.user_folders() == [tmp_path / "banks-before", tmp_path / "usb-banks"]
    # The platform's own settings are left as they were.
    assert make_settings().value(FOLDERS_KEY) == [str(tmp_path / "banks-elsewhere")]


def test_the_data_folder_given_by_quizapp_data_dir_keeps_its_settings(qapp, contexts,
                                                                     tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(tmp_path / "from-env"))
    context = contexts(None)
    _choose_folders(context, tmp_path / "env-banks")
    assert Path(context.settings.fileName()).parent == tmp_path / "from-env"
    assert make_settings().value(FOLDERS_KEY) is None


def test_without_a_chosen_data_folder_the_settings_stay_in_the_platform_folder(
        qapp, contexts, tmp_path, monkeypatch):
    monkeypatch.delenv("QUIZAPP_DATA_DIR")  # the platform's data folder (XDG_DATA_HOME: a temp one)
    platform = make_settings()
    platform.setValue(FOLDERS_KEY, [str(tmp_path / "banks")])
    platform.sync()
    context = contexts(None)
    assert context.settings.fileName() == platform.fileName()
    assert context.library.user_folders() == [tmp_path / "banks"]
