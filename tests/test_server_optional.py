"""Without psycopg (the optional [server] extra) the app runs and says how to enable the
class server."""

from __future__ import annotations

import sys
from argparse import Namespace

import pytest
from PySide6.QtCore import Qt

from quizapp.cli import main


@pytest.fixture
def no_psycopg(monkeypatch):
    # None in sys.modules makes `import psycopg` raise ImportError, as when not installed.
    for name in [m for m in sys.modules if m == "psycopg" or m.startswith("psycopg.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)


def test_quizapp_sync_says_how_to_install_the_server_extra(no_psycopg, tmp_path, capsys):
    assert main(["sync", "--data-dir", str(tmp_path)]) == 2
    assert "pip install 'quizapp[server]'" in capsys.readouterr().err
    assert main(["server", "init", "dbname=school"]) == 2
    assert "pip install 'quizapp[server]'" in capsys.readouterr().err


def test_the_class_server_dialog_says_how_to_enable_it(no_psycopg, qtbot, tmp_path):
    from quizapp.gui.app import create_context
    from quizapp.gui.main_window import MainWindow

    context = create_context(Namespace(data_dir=str(tmp_path), bank_dir=[],
                                       exit_when_ready=False))
    learner = context.store.create_learner("Ann")
    context.store.set_last_learner(learner.id)
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.open_initial_screen()
    win.show()
    try:
        win.class_server_action.trigger()
        dialog = win.class_server_dialog
        qtbot.waitExposed(dialog)
        assert "pip install 'quizapp[server]'" in dialog.message.text()
        assert not dialog.sign_in_button.isEnabled()
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)  # disabled: nothing
        assert not win.sync_label.isVisible()
    finally:
        if win.class_sync is not None:
            win.class_sync.stop()
        win.close()
        context.close()
