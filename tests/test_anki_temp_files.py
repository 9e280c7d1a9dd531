"""Anki import and export leave nothing in the temporary folder: each run works in a
folder of its own (`quizapp-anki-<pid>-…`, `quizapp-apkg-<pid>-…`), closes the collection
before removing it (a collection in WAL mode gets -wal and -shm files beside it), and the
folder a killed run left is removed by the next run once that process is gone."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.model import Bank, Flashcard
from quizapp.interop import export_with_warnings

BANK = Bank(id="deck", title="Deck", questions=tuple(
    Flashcard(id=f"c{n}", prompt=f"front {n}", back=f"back {n}") for n in range(3)))


@pytest.fixture
def tmpdir_(tmp_path, monkeypatch):
    """TMPDIR for this test alone (in-process and for children)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def _deck(folder: Path, *, wal: bool = False) -> Path:
    deck = folder / "deck.apkg"
    export_with_warnings(BANK, deck)
    if not wal:
        return deck
    with zipfile.ZipFile(deck) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    collection = folder / "wal.anki2"
    collection.write_bytes(members["collection.anki2"])
    conn = sqlite3.connect(collection)
    assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    conn.close()
    members["collection.anki2"] = collection.read_bytes()
    assert members["collection.anki2"][18:20] == b"\x02\x02"  # a WAL database's header
    collection.unlink()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    deck.write_bytes(out.getvalue())
    return deck


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("wal", [False, True])
def test_an_import_leaves_nothing_in_the_temporary_folder(tmp_path, tmpdir_, capsys, wal):
    deck = _deck(tmp_path, wal=wal)
    assert main(["import", str(deck), "-o", str(tmp_path / "deck.yaml")]) == 0
    assert "imported 3 questions" in capsys.readouterr().err
    assert list(tmpdir_.iterdir()) == []


def test_a_deck_that_cannot_be_read_leaves_nothing_either(tmp_path, tmpdir_, capsys):
    deck = tmp_path / "bad.apkg"
    with zipfile.ZipFile(deck, "w") as archive:
        archive.writestr("collection.anki2", b"SQLite format 3\x00" + b"\x00" * 200)
    assert main(["import", str(deck)]) == 1
    assert "cannot be read" in capsys.readouterr().err
    assert list(tmpdir_.iterdir()) == []


KILLED_IMPORT = textwrap.dedent(
    """
    import sys, threading
    from quizapp.interop import anki_import

    def stopped(db, reader, should_stop):
        print("reading", flush=True)
        threading.Event().wait()  # until the parent kills us here

    anki_import._read = stopped
    anki_import.read_anki_package(sys.argv[1])
    """
)


def test_a_killed_imports_folder_is_removed_by_the_next_run(tmp_path, tmpdir_, capsys):
    deck = _deck(tmp_path, wal=True)
    child = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(deck)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "reading"
        left = list(tmpdir_.iterdir())
        assert [p.name.startswith(f"quizapp-anki-{child.pid}-") for p in left] == [True]
        assert (left[0] / "collection.db").exists()
        # while the import runs, another one leaves its folder alone
        assert main(["import", str(deck)]) == 0
        assert list(tmpdir_.iterdir()) == left
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert list(tmpdir_.iterdir()) == left  # a kill -9 leaves it
    # The folder of an export killed long ago (its process is gone), and another user's
    # style of name that is not ours, stay apart from this one's.
    dead_export = tmpdir_ / f"quizapp-apkg-{_dead_pid()}-abcd"
    dead_export.mkdir()
    (dead_export / "media").mkdir()
    unrelated = tmpdir_ / "quizapp-anki-notes"
    unrelated.mkdir()
    capsys.readouterr()
    assert main(["import", str(deck)]) == 0
    assert sorted(tmpdir_.iterdir()) == sorted([dead_export, unrelated])
    assert main(["export", str(tmp_path / "again.yaml"), "-o", str(tmp_path / "x.apkg")]) == 1
    (tmp_path / "again.yaml").write_text(
        "id: again\ntitle: Again\nquestions:\n  - type: flashcard\n    id: a\n"
        "    front: F\n    back: B\n", encoding="utf-8")
    assert main(["export", str(tmp_path / "again.yaml"), "-o", str(tmp_path / "x.apkg")]) == 0
    assert sorted(tmpdir_.iterdir()) == [unrelated]
