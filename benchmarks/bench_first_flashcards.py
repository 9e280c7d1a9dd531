"""The first opening of the flashcards after a start: the longest GUI-thread turn, in the app.

    .venv/bin/python benchmarks/bench_first_flashcards.py [--repeat 7]

Each run is a new process that starts the app as `quizapp` does (run_app: the bundled banks,
a temporary data folder with one learner, so it opens on the library; a bank cache warmed by
a first run), with a heartbeat timer (every 1 ms) on the GUI thread. Once the learner is at
the library with the banks listed, it waits for the flashcard screen's preparation
(gui/screen_preparation.py: START_DELAY_MS, then ~0.5 s of steps) and 2 s more, and clicks
the library's Flashcards button; then it leaves the review (Esc, Leave) and clicks
Flashcards again. For each opening it records the longest gap between two heartbeats until
1.5 s after the click, the longest time the window could not answer the learner (a frame
is 16 ms), and the GUI thread's CPU time within the longest-CPU gap (time.thread_time: what
the machine's other work adds to the wall is not in it). It records both while the
preparation runs too, and each step's time.

Baseline in the same run, in turns with it: the same app with the preparation switched off
(the first opening imports and builds the screen at the click, as before). It prints the
medians in ms and their ratios; it asserts nothing about time. QT_QPA_PLATFORM defaults to
offscreen; run it under Xvfb with DISPLAY set and QT_QPA_PLATFORM=xcb for a real window.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(mode: str) -> None:
    """One start of the app, driven as described above; prints one JSON line."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    import quizapp.gui.screen_preparation as preparation
    from quizapp.cli import main

    clock = QElapsedTimer()
    clock.start()
    # (ms since the start, gap before this tick in ms, the GUI thread's CPU in that gap)
    ticks: list[tuple[int, int, float]] = []
    moments: dict[str, int] = {}
    last = [0, time.thread_time()]

    def tick() -> None:
        now, cpu = clock.elapsed(), time.thread_time()
        ticks.append((now, now - last[0], (cpu - last[1]) * 1000))
        last[0], last[1] = now, cpu

    def longest(start: int, end: int) -> int:
        return max((gap for at, gap, _cpu in ticks if start < at <= end), default=0)

    def longest_cpu(start: int, end: int) -> float:
        return max((cpu for at, _gap, cpu in ticks if start < at <= end), default=0.0)

    prepare = preparation.prepare_study_screens
    made: list[preparation.ScreenPreparation] = []

    def prepare_or_not(window):
        moments["prepare"] = clock.elapsed()
        watch = QTimer(window)

        def at_the_library() -> None:
            # The preparation starts START_DELAY_MS after this moment; it takes ~0.5 s.
            if not window.context.library.loading and window.current_screen_name() == "library":
                watch.stop()
                moments["at the library"] = clock.elapsed()
                QTimer.singleShot(preparation.START_DELAY_MS + 2500, lambda: click(window, 1))

        watch.timeout.connect(at_the_library)
        watch.start(20)
        if mode == "prepared":
            made.append(prepare(window))
            return made[0]
        return None

    preparation.prepare_study_screens = prepare_or_not
    steps: list[float] = []  # each step's time, ms (the last one only ends the preparation)
    run_next = preparation.ScreenPreparation._run_next

    def timed_run_next(self) -> None:
        started = time.perf_counter()
        run_next(self)
        steps.append((time.perf_counter() - started) * 1000)

    preparation.ScreenPreparation._run_next = timed_run_next  # type: ignore[method-assign]

    def click(window, which: int) -> None:
        moments[f"click{which}"] = clock.elapsed()
        QTest.mouseClick(window.library_screen.flash_button, _left())
        QTimer.singleShot(1500, lambda: leave(window) if which == 1 else finish())

    def leave(window) -> None:
        def press_leave() -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox), box
            leave_button = next(b for b in box.buttons() if b.text() == "Leave")
            QTest.mouseClick(leave_button, _left())

        QTimer.singleShot(300, press_leave)
        QTest.keyClick(QApplication.focusWidget() or window, _escape())
        QTimer.singleShot(1000, lambda: click(window, 2))

    def finish() -> None:
        end = clock.elapsed()
        record = {
            "mode": mode,
            "preparing": longest(moments["at the library"] + preparation.START_DELAY_MS - 50,
                                 moments["click1"] - 1000),
            "first": longest(moments["click1"], moments["click1"] + 1500),
            "later": longest(moments["click2"], min(end, moments["click2"] + 1500)),
            "preparing_cpu": longest_cpu(
                moments["at the library"] + preparation.START_DELAY_MS - 50,
                moments["click1"] - 1000),
            "first_cpu": longest_cpu(moments["click1"], moments["click1"] + 1500),
            "later_cpu": longest_cpu(moments["click2"], min(end, moments["click2"] + 1500)),
            "steps": list(zip(made[0].steps_run, steps, strict=False)) if made else [],
        }
        print("RESULT " + json.dumps(record), flush=True)
        QApplication.instance().exit(0)

    import PySide6.QtWidgets as widgets

    original_exec = widgets.QApplication.exec
    heartbeat = QTimer()

    def exec_with_heartbeat(app):
        heartbeat.setProperty("timerType", "PreciseTimer")
        heartbeat.setInterval(1)
        heartbeat.timeout.connect(tick)
        heartbeat.start()
        return original_exec()

    widgets.QApplication.exec = exec_with_heartbeat
    sys.argv = ["quizapp"]
    main()


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def _escape():
    from PySide6.QtCore import Qt

    return Qt.Key.Key_Escape


def _data_folder(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from quizapp.core.store import Store

    store = Store.open(path)
    store.set_last_learner(store.create_learner("Bench").id)
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--child", choices=["prepared", "unprepared"])
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    results: dict[str, list[dict]] = {"prepared": [], "unprepared": []}
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as work:
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["XDG_CACHE_HOME"] = str(Path(work) / "cache")
        env["XDG_CONFIG_HOME"] = str(Path(work) / "config")
        for run in range(args.repeat * 2 + 1):
            mode = ("unprepared", "prepared")[run % 2]
            data = Path(work) / f"data{run}"
            data.mkdir()
            _data_folder(data)
            env["QUIZAPP_DATA_DIR"] = str(data)
            out = subprocess.run([sys.executable, __file__, "--child", mode], env=env,
                                 capture_output=True, text=True, timeout=120)
            lines = [line for line in out.stdout.splitlines() if line.startswith("RESULT ")]
            if not lines:
                print(out.stdout, out.stderr, file=sys.stderr)
                return 1
            if run == 0:
                continue  # warms the bank cache and the bytecode, as a returning learner's
            record = json.loads(lines[0][len("RESULT "):])
            results[mode].append(record)
            print(f"{mode:10} preparing {record['preparing']:4} ms"
                  f" ({record['preparing_cpu']:4.1f} CPU)  first opening {record['first']:4} ms"
                  f" ({record['first_cpu']:4.1f})  later opening {record['later']:4} ms"
                  f" ({record['later_cpu']:4.1f})", flush=True)
    if results["prepared"]:
        by_step: dict[str, list[float]] = {}
        for record in results["prepared"]:
            for name, ms in record["steps"]:
                by_step.setdefault(name, []).append(ms)
        slowest = sorted(((max(times), name) for name, times in by_step.items()), reverse=True)
        print("slowest preparation steps (longest of the runs, ms): "
              + ", ".join(f"{name} {ms:.1f}" for ms, name in slowest[:6]))
    keys = ("preparing", "first", "later", "preparing_cpu", "first_cpu", "later_cpu")
    median = {mode: {key: statistics.median(r[key] for r in runs) for key in keys}
              for mode, runs in results.items()}
    prepared, unprepared = median["prepared"], median["unprepared"]
    print(f"\nmedians of {args.repeat} runs each, longest GUI-thread turn in ms "
          "(wall / the GUI thread's CPU):")
    for what, key in (("first opening", "first"), ("later opening", "later"),
                      ("while preparing", "preparing")):
        print(f"  {what:16} prepared {prepared[key]:5.1f} / {prepared[key + '_cpu']:5.1f}"
              f"   unprepared {unprepared[key]:5.1f} / {unprepared[key + '_cpu']:5.1f}"
              f"   ratio {prepared[key] / unprepared[key]:.2f}x"
              f" / {prepared[key + '_cpu'] / unprepared[key + '_cpu']:.2f}x")
    print(f"  prepared first opening / later opening: {prepared['first'] / prepared['later']:.2f}x"
          f" / {prepared['first_cpu'] / prepared['later_cpu']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
