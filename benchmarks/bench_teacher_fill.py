"""View > Teacher overview on a bank of 10,000 questions: the longest GUI-thread turn while
the screen is refreshed and its two tables are filled, against the screen of another
revision (baseline, --rev, default main), in one run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_teacher_fill.py \
        [--questions 10000] [--answers 100000] [--repeat 7] [--rev main]

A store of `--answers` answers over a bank of `--questions` questions (bench_store.build,
one learner); a real TeacherScreen over it. Each run presses Refresh (F5's slot) with a 1 ms
heartbeat QTimer on the GUI thread, waits for overview_loaded and lets the window settle
(100 ms), and takes the longest gap between two beats: the longest time the window could
not answer (a frame is 16 ms). The baseline, interleaved with it, is the same refresh of
the teacher screen as --rev has it (its teacher_screen.py and rows_model.py, read from git
and loaded beside this one's, over the same store); the floor, the window left idle as
long. Python's cycle collector is off during the runs, as in the app (gui/collector.py runs
it on a timer of its own), and runs between them, untimed. Medians in ms and the ratio
now/before; asserts no time.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_flashcards_gui import Heartbeat, spin, wait_for  # noqa: E402
from bench_store import build  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from quizapp.core.store import Store  # noqa: E402
from quizapp.gui.context import AppContext, StoreEvents, make_settings  # noqa: E402
from quizapp.gui.teacher_screen import TeacherScreen  # noqa: E402


class Banks:
    """The part of the library the teacher screen reads: one bank."""

    def __init__(self, bank) -> None:
        self._bank = bank

    def banks(self):
        return [self._bank]

    def bank(self, bank_id):
        return self._bank if bank_id == self._bank.id else None

    def shutdown(self) -> None:  # AppContext.close(): nothing to stop
        pass


def screen_class_of(rev: str):
    """TeacherScreen as `rev` has it: its teacher_screen.py with its own rows_model.py."""
    def module(name: str, path: str, source_of=lambda s: s) -> types.ModuleType:
        source = subprocess.run(["git", "show", f"{rev}:{path}"], check=True,
                                capture_output=True, text=True, cwd=ROOT).stdout
        loaded = types.ModuleType(name)
        loaded.__file__ = f"{rev}:{path}"
        sys.modules[name] = loaded  # dataclasses look their module up
        exec(compile(source_of(source), loaded.__file__, "exec"), loaded.__dict__)
        return loaded

    module("rows_model_before", "quizapp/gui/rows_model.py")
    return module("teacher_screen_before", "quizapp/gui/teacher_screen.py",
                  lambda s: s.replace("from quizapp.gui.rows_model import",
                                      "from rows_model_before import")).TeacherScreen


ROOT = Path(__file__).resolve().parents[1]


def refresh_once(screen: TeacherScreen, beat: Heartbeat) -> int:
    gc.collect()
    beat.start()
    screen.refresh()
    wait_for(screen.overview_loaded)
    spin(100)
    return beat.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rev", default="main", help="the baseline's revision")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    gc.disable()
    with tempfile.TemporaryDirectory(prefix="bench-teacher-") as tmp:
        t = time.perf_counter()
        bank = build(Path(tmp), args.answers, args.questions)
        print(f"store: {args.answers:,} answers over {args.questions:,} questions "
              f"({time.perf_counter() - t:.0f} s to build)")
        store = Store.open(Path(tmp))
        context = AppContext(store=store, events=StoreEvents(store), library=Banks(bank),
                             settings=make_settings())
        context.learner_id = store.learners()[0].id
        screens = []
        for screen_class in (TeacherScreen, screen_class_of(args.rev)):
            screen = screen_class(context)
            screen.resize(1000, 700)
            screen.show()
            screens.append(screen)
        beat = Heartbeat()
        for screen in screens:
            refresh_once(screen, beat)  # warm: imports, the first layout
            assert screen.item_model.rowCount() == args.questions, screen.item_model.rowCount()
        now, before = screens
        after_ms, before_ms, idle_ms = [], [], []
        for _ in range(args.repeat):
            after_ms.append(refresh_once(now, beat))
            before_ms.append(refresh_once(before, beat))
            gc.collect()
            beat.start()
            spin(300)
            idle_ms.append(beat.stop())
        for screen in screens:
            screen.close()
        context.close()
        app.processEvents()
    a, b, i = (statistics.median(x) for x in (after_ms, before_ms, idle_ms))
    print(f"longest GUI-thread turn, median of {args.repeat}: now {a:.0f} ms, "
          f"{args.rev} {b:.0f} ms, idle window {i:.0f} ms; now/{args.rev} {a / b:.2f}x")
    print(f"  now {after_ms}\n  before {before_ms}\n  idle {idle_ms}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
