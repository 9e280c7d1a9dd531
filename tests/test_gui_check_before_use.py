"""A results file marked for a check before use (damage was met last time) is read whole
before the window can open: 2 s at 1,000,000 answers, ~40 s at 10,000,000, when nothing
was on the screen and a learner would take the app for hung and kill it again. A small
window says what the app is doing while it checks."""

from __future__ import annotations

from argparse import Namespace

from PySide6.QtWidgets import QApplication, QLabel
from store_samples import filled_database

from quizapp.core.store import DB_NAME, Store
from quizapp.gui.app import create_context


def _words_on_screen() -> list[str]:
    return [label.text() for window in QApplication.topLevelWidgets() if window.isVisible()
            for label in [window, *window.findChildren(QLabel)] if isinstance(label, QLabel)]


def _opened_while_watching(monkeypatch, data) -> tuple[list[str], object]:
    """create_context as the app runs it, and what the screen showed while the store's
    file was being opened (and checked)."""
    seen: list[str] = []
    open_file = Store.open_file.__func__  # type: ignore[attr-defined]

    def watched(cls, path, **options):
        seen.extend(_words_on_screen())
        return open_file(cls, path, **options)

    monkeypatch.setattr(Store, "open_file", classmethod(watched))
    context = create_context(Namespace(data_dir=str(data), bank_dir=[], exit_when_ready=False))
    return seen, context


def test_a_file_checked_before_use_says_so_while_it_is_checked(qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    filled_database(data)
    (data / (DB_NAME + ".check")).touch()  # a query met damage last time
    seen, context = _opened_while_watching(monkeypatch, data)
    try:
        said = " ".join(seen)
        assert "checks your results file" in said, seen
        assert DB_NAME in said and "MB" in said
        assert not _words_on_screen()  # gone once the file is open
    finally:
        context.store.close()


def test_a_usual_start_shows_nothing_before_the_window(qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    filled_database(data)
    seen, context = _opened_while_watching(monkeypatch, data)
    context.store.close()
    assert seen == []
