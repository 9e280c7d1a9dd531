"""A copy of a bundled bank, saved to the teacher's banks from the editor, takes the
pictures its questions show along with it.

Seen in the real window (window20): the bundled tour bank, opened in the editor and saved
with "Save a copy to my banks" (Enter on the outlined button), was listed as "ready, 1
warning": 'images/study-loop.png' does not exist in the bank's folder, and its question
showed "[image missing: images/study-loop.png]". Only the YAML file was copied."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from quizapp.core.loader import load_bank
from quizapp.gui.editor import EditorWindow

BANKS = Path(__file__).resolve().parent.parent / "question_banks"
TOUR = BANKS / "tour.yaml"
PICTURE = "images/study-loop.png"


@pytest.fixture(autouse=True)
def _leave_without_saving(monkeypatch):
    monkeypatch.setattr(EditorWindow, "ask_to_save", lambda self: QMessageBox.StandardButton.Discard)


def copy_by_keys(qtbot, source: Path, my_banks: Path) -> Path:
    """Open `source` read-only, press Enter on "Save a copy to my banks", and wait for its
    pictures to be copied (in the editor's worker): the copy's path."""
    w = EditorWindow.open_file(source, read_only=True, my_banks_dir=my_banks)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.waitUntil(lambda: w.focusWidget() is w.copy_button)
    with (qtbot.waitSignal(w.checker.pictures_copied, timeout=30000),
          qtbot.waitSignal(w.saved, timeout=5000) as saved):
        qtbot.keyClick(w.copy_button, Qt.Key.Key_Return)
    return Path(saved.args[0])


def test_the_copy_of_the_tour_shows_its_picture(qtbot, tmp_path):
    copy = copy_by_keys(qtbot, TOUR, tmp_path / "my-banks")
    assert (copy.parent / PICTURE).read_bytes() == (BANKS / PICTURE).read_bytes()
    result = load_bank(copy)
    assert result.bank is not None
    assert [p.message for p in result.problems] == []


def test_a_picture_already_in_the_teachers_folder_is_left_as_it_is(qtbot, tmp_path):
    mine = tmp_path / "my-banks"
    (mine / "images").mkdir(parents=True)
    (mine / PICTURE).write_bytes(b"the teacher's own picture")
    copy = copy_by_keys(qtbot, TOUR, mine)
    assert (copy.parent / PICTURE).read_bytes() == b"the teacher's own picture"


def test_a_picture_outside_the_banks_folder_is_not_copied(qtbot, tmp_path):
    source = tmp_path / "shared" / "bank.yaml"
    source.parent.mkdir()
    (tmp_path / "secret.png").write_bytes(b"not the bank's")
    source.write_text(TOUR.read_text("utf-8").replace(PICTURE, "../secret.png"), "utf-8")
    copy = copy_by_keys(qtbot, source, tmp_path / "my-banks")
    assert sorted(p.name for p in copy.parent.rglob("*")) == ["bank.yaml"]
