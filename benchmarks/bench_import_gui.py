"""File > Import (Ctrl+I) of a big Anki deck: the longest GUI-thread stall, through the window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_import_gui.py \
        [--notes 20000] [--repeat 3] [--deck FILE.apkg]

The deck (Anki's own library writes it: `--notes` "Basic (and reversed card)" notes, two
cards each) is built once, or `--deck` is read. A heartbeat QTimer (every 1 ms) runs on
the GUI thread while Ctrl+I is pressed in a real main window (the open and save dialogs
answer at once), until the imported bank is in the library. The longest gap between two
heartbeats is the longest time the window could not answer (a frame is 16 ms); the total
is from the key press to the bank listed.

Baseline in the same run, interleaved: the same heartbeat around what File > Import did
before (interop.import_with_media(source) to check the file, then
interop.import_to_file(source, target), both on the GUI thread), then the same library
load. It prints milliseconds and ratios; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from argparse import Namespace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_flashcards_gui import Heartbeat, spin, wait_for  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402

from quizapp import interop  # noqa: E402


def build_deck(folder: Path, notes: int) -> Path:
    from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Big")
        model = col.models.by_name("Basic (and reversed card)")
        for n in range(notes):
            note = col.new_note(model)
            note["Front"], note["Back"] = f"Question {n}: who led the talks?", f"Answer {n}"
            col.add_note(note, deck)
        out = folder / "big.apkg"
        col.export_anki_package(out_path=str(out), limit=DeckIdLimit(deck_id=deck),
                                options=ExportAnkiPackageOptions(with_scheduling=False))
        return out
    finally:
        col.close()


def open_window(data: Path, banks: Path):
    from quizapp.gui.app import create_context
    from quizapp.gui.main_window import MainWindow

    args = Namespace(data_dir=str(data), bank_dir=[str(banks)], exit_when_ready=False)
    win = MainWindow(create_context(args))
    win.open_initial_screen()
    win.resize(900, 600)
    win.show()
    context = win.context
    win.set_learner(context.store.create_learner("Ana").id)
    context.library.reload()
    wait_for(context.library.library_loaded)
    spin(50)
    return win


def close_window(win) -> None:
    win.close()
    win.context.close()
    win.deleteLater()
    spin(50)
    gc.collect()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--deck", type=Path)
    args = parser.parse_args(argv)
    _app = QApplication.instance() or QApplication([])  # kept alive for the run
    # As the app does (gui/collector.py): a cycle collection on the import's worker thread
    # could free a closed window's Qt objects there; cycles are collected between runs.
    gc.disable()
    heart = Heartbeat()
    QMessageBox.warning = staticmethod(lambda *a, **k: sys.exit(f"import failed: {a[2]}"))  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.deck is None:
            t = time.perf_counter()
            deck = build_deck(folder, args.notes)
            print(f"built a deck of {args.notes} notes in {time.perf_counter() - t:.1f} s")
        else:
            deck = args.deck
        app_runs: list[tuple[int, float]] = []
        base_runs: list[tuple[int, float]] = []
        for run in range(args.repeat):
            # The app: Ctrl+I, the bank written on the import worker.
            banks = folder / f"banks{run}"
            banks.mkdir()
            target = folder / f"out{run}" / "big.yaml"
            target.parent.mkdir()
            QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(deck), ""))  # type: ignore[method-assign]
            QFileDialog.getSaveFileName = staticmethod(lambda *a, t=target, **k: (str(t), ""))  # type: ignore[method-assign]
            win = open_window(folder / f"data{run}", banks)
            win._show_warnings = lambda *a: None
            heart.start()
            started = time.perf_counter()
            QTest.keyClick(win, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
            wait_for(win.context.library.library_loaded)
            total = time.perf_counter() - started
            app_runs.append((heart.stop(), total))
            assert target.is_file() and win.context.library.entry(str(target)) is not None
            close_window(win)

            # Baseline: the same import as before, both conversions on the GUI thread.
            banks = folder / f"base-banks{run}"
            banks.mkdir()
            target = folder / f"base-out{run}" / "big.yaml"
            target.parent.mkdir()
            win = open_window(folder / f"base-data{run}", banks)
            heart.start()
            started = time.perf_counter()
            interop.import_with_media(str(deck))
            interop.import_to_file(str(deck), str(target))
            win.context.library.add_file(str(target))
            wait_for(win.context.library.library_loaded)
            total = time.perf_counter() - started
            base_runs.append((heart.stop(), total))
            close_window(win)
            print(f"run {run}: app longest stall {app_runs[-1][0]} ms, total {app_runs[-1][1]:.2f} s; "
                  f"before: longest stall {base_runs[-1][0]} ms, total {base_runs[-1][1]:.2f} s")
    app_stall = statistics.median(r[0] for r in app_runs)
    base_stall = statistics.median(r[0] for r in base_runs)
    app_total = statistics.median(r[1] for r in app_runs)
    base_total = statistics.median(r[1] for r in base_runs)
    print(f"median longest GUI stall: app {app_stall:.0f} ms, before {base_stall:.0f} ms "
          f"(app/before {app_stall / max(base_stall, 1):.3f})")
    print(f"median key press to bank listed: app {app_total:.2f} s, before {base_total:.2f} s "
          f"(app/before {app_total / base_total:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
