"""Where one `quizapp --exit-when-ready` spends its time, phase by phase, in one process.

    .venv/bin/python benchmarks/startup_phases.py --runs 7     # offscreen, a temporary data folder

Runs the app in-process N times (each a fresh interpreter) and prints, for every phase,
the fastest and the median time it took, in ms, and how many Python enum types PySide
built in it: PySide builds a class's Python type, with every enum of the class, the first
time Python names the class or meets an object of it, about 0.1-5 ms each (Qt's namespace
alone ~25 ms), which is most of what the app's startup costs beyond the bare window's.
For finding work to cut; bench_startup.py gives the ratio to the bare window.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import enum, json, sys, time
T0 = time.perf_counter()
marks = []
enums = [0]
def mark(name):
    marks.append((name, (time.perf_counter() - T0) * 1000, enums[0]))
create = enum.EnumType._create_
def counted(cls, *args, **kwargs):
    enums[0] += 1
    return create(cls, *args, **kwargs)
enum.EnumType._create_ = counted
import quizapp.gui.app as app
mark("cli and gui.app imported")
def wrap(owner, attr, name):
    inner = getattr(owner, attr)
    def timed(*args, **kwargs):
        mark(name + " (start)")
        try:
            return inner(*args, **kwargs)
        finally:
            mark(name)
    setattr(owner, attr, timed)
run = app._run_app
def run_app(args, qt_options=()):
    mark("core imported (before PySide6)")
    import PySide6.QtWidgets  # noqa: F401
    mark("PySide6 imported")
    return run(args, qt_options)
app._run_app = run_app
context = app.create_context
def create_context(*args, **kwargs):
    built = context(*args, **kwargs)
    mark("QApplication, store, settings (create_context)")
    import quizapp.gui.main_window as main_window
    mark("main window modules imported")
    wrap(main_window.MainWindow, "__init__", "MainWindow built")
    wrap(main_window.MainWindow, "open_initial_screen", "library shown (open_initial_screen)")
    wrap(main_window.MainWindow, "save_geometry", "geometry saved")
    wrap(built, "close", "store closed")
    return built
app.create_context = create_context
after = app._after_first_paint
def after_first_paint(window, callback):
    mark("window.show()")
    def ready():
        mark("first paint, idle")
        callback()
        mark("after-paint work (ready)")
    after(window, ready)
app._after_first_paint = after_first_paint
from quizapp.cli import main
code = main(["--exit-when-ready"])
mark("main() returned")
print("PHASES " + json.dumps(marks))
sys.exit(code)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default="offscreen")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench_startup import prepare_store

    with tempfile.TemporaryDirectory(prefix="quizapp-phases-") as tmp:
        work = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM=args.platform,
                   QUIZAPP_DATA_DIR=str(work / "data"), QUIZAPP_CACHE_DIR=str(work / "cache"),
                   XDG_CONFIG_HOME=str(work / "config"), PYTHONPYCACHEPREFIX=str(work / "pyc"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        prepare_store(work / "data", 0, None)  # a new store, its one learner chosen
        runs = []
        for n in range(args.runs + 1):  # the first run fills the bytecode cache
            done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                                  text=True, timeout=120)
            lines = [x for x in done.stdout.splitlines() if x.startswith("PHASES ")]
            if done.returncode != 0 or not lines:
                raise SystemExit(f"the app failed:\n{done.stderr[-2000:]}")
            if n:
                runs.append(json.loads(lines[-1][len("PHASES "):]))
    names = [name for name, _, _ in runs[0]]
    print(f"{args.runs} runs, {args.platform}; ms since the interpreter ran the app's first line")
    print(f"{'fastest':>8} {'median':>8} {'enums':>6}  phase (time since the previous mark)")
    for i, name in enumerate(names):
        spans = [run[i][1] - (run[i - 1][1] if i else 0) for run in runs if len(run) == len(names)]
        built = runs[0][i][2] - (runs[0][i - 1][2] if i else 0)
        print(f"{min(spans):8.1f} {statistics.median(spans):8.1f} {built:6d}  {name}")
    ends = [run[-1][1] for run in runs]
    print(f"{min(ends):8.1f} {statistics.median(ends):8.1f} {runs[0][-1][2]:6d}  in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
