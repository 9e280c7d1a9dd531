"""The longest GUI-thread stall of a flashcard review on a big deck, through the real screen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_flashcards_gui.py \
        [--cards 20000] [--due 10000] [--ratings 20] [--repeat 3]

A heartbeat QTimer (every 1 ms) runs on the GUI thread while FlashcardScreen.start(bank)
builds the review (on the writer thread, quizapp.gui.operations) until review_started, and
while the learner turns over and rates `--ratings` cards (Space, then 3, waiting for
card_rated). The longest gap between two heartbeats is the longest time the window could
not answer the learner (a frame is 16 ms).

Baseline in the same run: the same heartbeat around building the review on the GUI thread
(FlashcardSession(...) called directly, as the screen did before the operations layer).
It prints milliseconds and the ratio; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_flashcards import build_quizapp  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from quizapp.core.session import FlashcardSession  # noqa: E402
from quizapp.core.store import Store  # noqa: E402
from quizapp.gui.context import AppContext, BankLibrary, StoreEvents, make_settings  # noqa: E402
from quizapp.gui.flashcard_screen import FlashcardScreen  # noqa: E402


class Heartbeat:
    """Records the longest gap between ticks of a 1 ms timer on the GUI thread."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.longest = 0
        self._last = 0

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self.longest = 0
        self.clock.start()
        self._last = 0
        self.timer.start()

    def stop(self) -> int:
        self._tick()
        self.timer.stop()
        return self.longest


def wait_for(signal, timeout_ms: int = 120_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def open_context(folder: Path) -> AppContext:
    store = Store.open(folder)
    settings = make_settings()
    context = AppContext(store=store, events=StoreEvents(store), settings=settings,
                         library=BankLibrary(settings, include_bundled=False, watch=False))
    context.learner_id = store.learners()[0].id
    return context


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--ratings", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    # As in the app (gui/app.py, gui/collector.py): no automatic cycle collection, whose
    # full collections of this process's heap landed inside the ratings (42-74 ms). The
    # app's own collector runs them on the GUI thread between operations; not measured here.
    gc.disable()
    heart = Heartbeat()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        bank = build_quizapp(folder / "built", args.cards, args.due)
        print(f"built {args.cards} cards ({args.due} due) in {time.perf_counter() - t:.1f} s")
        starts, ratings, baseline = [], [], []
        for run in range(args.repeat):
            copy = folder / f"run{run}"
            shutil.copytree(folder / "built", copy)
            context = open_context(copy)
            context.store.bank_summary(context.learner_id, bank)  # as the library does
            screen = FlashcardScreen(context)
            screen.resize(800, 600)
            screen.show()
            spin(50)
            heart.start()
            spin(20)
            screen.start(bank)
            wait_for(screen.review_started)
            spin(20)
            starts.append(heart.stop())
            assert screen.session is not None and screen.session.total > args.due
            heart.start()
            for _ in range(args.ratings):
                QTest.keyClick(screen, Qt.Key.Key_Space)
                QTest.keyClick(screen, Qt.Key.Key_3)
                wait_for(screen.card_rated)
            spin(20)
            ratings.append(heart.stop())
            screen.abandon_session()
            screen.close()
            screen.deleteLater()
            context.close()

            # Baseline: the review built on the GUI thread, as before.
            copy = folder / f"base{run}"
            shutil.copytree(folder / "built", copy)
            context = open_context(copy)
            context.store.bank_summary(context.learner_id, bank)
            heart.start()
            spin(20)
            session = FlashcardSession(context.store, context.learner_id, bank)
            session.due_count, session.next_due  # noqa: B018 (what the screen then showed)
            spin(20)
            baseline.append(heart.stop())
            session.abandon()
            context.close()
    worst_start, worst_rating, worst_base = max(starts), max(ratings), max(baseline)
    print(f"longest GUI-thread stall, {args.cards} cards / {args.due} due, worst of {args.repeat}:")
    print(f"  starting the review (operations layer): {worst_start} ms")
    print(f"  turning over and rating {args.ratings} cards: {worst_rating} ms")
    print(f"  baseline, the review built on the GUI thread: {worst_base} ms")
    print(f"  ratio start/baseline: {worst_start / max(worst_base, 1):.3f}")
    print(f"  each run: starts {starts}, ratings {ratings}, baseline {baseline}")
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
