"""A re-import removes a picture it wrote only when no other bank file in the folder shows
it, every bank file the loader would load counted (Other.YAML too) and its pictures read as
the loader reads them (a Markdown address %-escaped); each other file is read once, however
many pictures may go (found by a tester: a picture Other.YAML or a %5F address showed was
deleted, and 400 pictures beside ten big banks took 7-9 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core import loader
from quizapp.interop.import_record import pictures_replaced

RED = b"\x89PNG\r\n\x1a\n red"
GREEN = b"\x89PNG\r\n\x1a\n green"


def _imported_before(folder: Path, pictures: dict[str, bytes]) -> None:
    """deck.yaml imported with `pictures` in deck-files/ (recorded as the import's)."""
    media = {f"deck-files/{name}": data for name, data in pictures.items()}
    for relative, data in media.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)
    (folder / "deck.yaml").write_text("title: Deck\nquestions: []\n", encoding="utf-8")
    assert pictures_replaced(folder, "deck.yaml", "deck-files", media) == []


def _bank(folder: Path, name: str, question: str) -> None:
    (folder / name).write_text(f"title: Teacher's\nquestions:\n{question}", encoding="utf-8")


@pytest.mark.parametrize("name, question", [
    ("Other.YAML", "  - {id: g, type: flashcard, front: g, back: g, "
                   "image: deck-files/x_y-2.png}\n"),
    ("other.yaml", '  - {id: g, type: flashcard, front: "Green ![a green square]'
                   '(deck-files/x%5Fy-2.png)", back: g}\n'),
    ("other.yml", '  - {id: g, type: flashcard, front: "Green ![a green square]'
                  '(deck-files/x\\x5Fy-2.png)", back: g}\n'),
])
def test_a_picture_another_bank_shows_stays(tmp_path, name, question):
    _imported_before(tmp_path, {"x_y.png": RED, "x_y-2.png": GREEN})
    _bank(tmp_path, name, question)
    assert loader.picture_names(tmp_path / name) == ("deck-files/x_y-2.png",)
    removed = pictures_replaced(tmp_path, "deck.yaml", "deck-files", {})
    assert removed == ["deck-files/x_y.png"]  # the one nothing else shows goes
    assert sorted(p.name for p in (tmp_path / "deck-files").iterdir()) == ["x_y-2.png"]


def test_a_broken_bank_that_names_the_picture_keeps_it(tmp_path):
    """Its pictures cannot be read as the loader reads them: when unsure, keep."""
    _imported_before(tmp_path, {"x_y.png": RED, "x_y-2.png": GREEN})
    (tmp_path / "broken.yaml").write_text(
        "questions: [\n  {image: deck-files/x_y-2.png\n", encoding="utf-8")
    assert loader.picture_names(tmp_path / "broken.yaml") is None
    assert pictures_replaced(tmp_path, "deck.yaml", "deck-files", {}) == ["deck-files/x_y.png"]


def test_a_hidden_or_other_file_does_not_keep_a_picture(tmp_path):
    """Only what the loader would load counts: not a hidden file, not a .txt."""
    _imported_before(tmp_path, {"x_y.png": RED})
    for name in (".hidden.yaml", "notes.txt"):
        (tmp_path / name).write_text("deck-files/x_y.png\n", encoding="utf-8")
    assert pictures_replaced(tmp_path, "deck.yaml", "deck-files", {}) == ["deck-files/x_y.png"]


def test_each_other_bank_is_read_once_however_many_pictures_go(tmp_path, monkeypatch):
    _imported_before(tmp_path, {f"p{i}.png": RED + bytes([i]) for i in range(40)})
    for i in range(3):
        _bank(tmp_path, f"big{i}.yaml",
              f"  - {{id: q, type: flashcard, front: 'see ![p](deck-files/p{i}.png)', back: b}}\n")
    read: list[str] = []
    real = loader.picture_names
    monkeypatch.setattr(loader, "picture_names",
                        lambda path: read.append(Path(path).name) or real(path))
    removed = pictures_replaced(tmp_path, "deck.yaml", "deck-files", {})
    assert sorted(read) == ["big0.yaml", "big1.yaml", "big2.yaml"]
    assert len(removed) == 37
    assert sorted(p.name for p in (tmp_path / "deck-files").iterdir()
                  if p.suffix == ".png") == ["p0.png", "p1.png", "p2.png"]


def test_file_import_over_a_bank_says_its_old_pictures_were_removed(
        qtbot, open_library_window, tmp_path, monkeypatch):
    """File > Import over a bank imported before, Yes to replacing it: the status bar says
    the pictures of the earlier import were removed, as `quizapp import` does."""
    pytest.importorskip("anki.collection")  # the test dependency `anki`
    from gui_helpers import shown_library_window
    from helpers import anki_deck
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from quizapp.interop import import_to_file

    def deck_with(picture: str, name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()

        def add_notes(col, deck) -> None:
            col.media.write_data(picture, RED)
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = f'Red: <img src="{picture}">', "red"
            col.add_note(note, deck)

        return anki_deck(folder, "Pictures", add_notes, "deck.apkg", with_media=True)

    target = tmp_path / "bank" / "red.yaml"
    assert import_to_file(deck_with("old.png", "first"), target).removed == []
    second = deck_with("new.png", "second")
    win = shown_library_window(qtbot, open_library_window, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(second), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning: {a[2]}"))
    shown: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(win, "_show_warnings", lambda title, notes: shown.append((title, notes)))
    with qtbot.waitSignal(win.context.library.library_loaded, timeout=30000):
        qtbot.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1  # replace the bank file? Yes
    assert sorted(p.name for p in (target.parent / "red-files").iterdir()
                  if p.suffix == ".png") == ["new.png"]
    # said in a window that stays (the status bar's line gives way to the library's)
    assert shown == [(
        "Imported 1 question from deck.apkg, 1 picture of the bank imported before removed",
        ["removed red-files/old.png: the earlier import into red.yaml wrote it, and neither "
         "the new bank nor another bank beside it shows it"])]
