"""Startup time of `quizapp --exit-when-ready` against a minimal PySide6 window, as whole processes.

Both run in the same session, interleaved, N times each (plus the app run
until its banks are listed, for reference); the report gives the
medians and their ratio (the target is quizapp <= 1.5x the minimal window).
The app runs with the bundled banks, a temporary data folder (one learner, so
it opens on the library as a returning learner would), a temporary cache and
settings folder.

Both processes get the same environment: the same interpreter, the same Qt
platform, and the same idea of "ready": the main window has had its first
paint event and then the event loop is about to block, waiting for events
(QAbstractEventDispatcher.aboutToBlock), i.e. nothing is queued any more.

Bytecode: an installed package ships compiled .pyc files (pip compiles them),
so by default both processes run with Python's bytecode cache on, kept in a
private folder of the run (PYTHONPYCACHEPREFIX; the warm-up runs fill it), even
when the caller's environment sets PYTHONDONTWRITEBYTECODE. --no-bytecode-cache
keeps the caller's setting, which with PYTHONDONTWRITEBYTECODE=1 compiles every
quizapp module from source in every run.

    .venv/bin/python benchmarks/bench_startup.py            # offscreen, 15 runs each
    .venv/bin/python benchmarks/bench_startup.py --runs 30 --platform xcb   # under X / Xvfb
    .venv/bin/python benchmarks/bench_startup.py --backup-due   # every start makes a backup
    .venv/bin/python benchmarks/bench_startup.py --answers 100000   # a 52 MiB store

The app makes an automatic backup after its first paint when the newest is older
than a day, on a thread of its own, and waits for it at exit; --backup-due empties
the backups folder before each app run, so each run pays for a whole backup (the
worst case: start, then quit at once).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The baseline does what the app's --exit-when-ready does (_after_first_paint in
# quizapp/gui/app.py): show a main window, wait for its first paint, then for the
# event loop to be idle (about to block), exit 0.
MINIMAL = r"""
import sys
from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("minimal")
window.setCentralWidget(QLabel("minimal"))
window.resize(1000, 700)

class Ready(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if not self.painted and event.type() in (QEvent.Type.Paint, QEvent.Type.UpdateRequest):
            self.painted = True
            obj.removeEventFilter(self)
            QAbstractEventDispatcher.instance().aboutToBlock.connect(self.idle)
        return False
    def idle(self):
        QAbstractEventDispatcher.instance().aboutToBlock.disconnect(self.idle)
        app.exit(0)

ready = Ready()
window.installEventFilter(ready)
window.show()
sys.exit(app.exec())
"""


def _quizapp_command() -> list[str]:
    script = Path(sys.executable).with_name("quizapp")
    if script.exists():
        return [str(script)]
    found = shutil.which("quizapp")
    return [found] if found else [sys.executable, "-m", "quizapp"]


def time_command(cmd: list[str], env: dict) -> float:
    """Wall seconds of one run of `cmd` (its output dropped); exits on a failure."""
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--platform", default="offscreen",
                        help="QT_QPA_PLATFORM for both (default offscreen; xcb needs a display)")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="keep the caller's PYTHONDONTWRITEBYTECODE (see the module docstring)")
    parser.add_argument("--backup-due", action="store_true",
                        help="remove the backups before each app run (see the module docstring)")
    parser.add_argument("--answers", type=int, default=0,
                        help="start with a store of this many answers (bench_store.build; "
                             "100000 makes about 52 MiB)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="quizapp-bench-"))
    try:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM=args.platform,
            QUIZAPP_DATA_DIR=str(work / "data"),
            QUIZAPP_CACHE_DIR=str(work / "cache"),
            XDG_CONFIG_HOME=str(work / "config"),
        )
        if not args.no_bytecode_cache:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        bytecode = "off" if env.get("PYTHONDONTWRITEBYTECODE") else "on"
        minimal = work / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        baseline_cmd = [sys.executable, str(minimal)]
        app_cmd = [*_quizapp_command(), "--exit-when-ready"]

        # A returning learner: the store exists with one learner; the bank cache is warm.
        from quizapp.core.store import Store

        if args.answers:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from bench_store import build

            (work / "data").mkdir()
            build(work / "data", args.answers, 10_000)
            store = Store.open(work / "data")
            store.set_last_learner(store.learners()[0].id)
            size = (work / "data" / "quizapp.sqlite3").stat().st_size
            print(f"store: {args.answers} answers, {size / 2**20:.1f} MiB")
        else:
            store = Store.open(work / "data")
            store.set_last_learner(store.create_learner("Bench").id)
        store.close()
        first = time_command(app_cmd, env)
        time_command(app_cmd, env)  # warm the OS file cache (and the bytecode cache) for both
        time_command(baseline_cmd, env)

        loaded_env = dict(env, QUIZAPP_EXIT_AFTER_LOAD="1")
        app_times, base_times, loaded_times = [], [], []
        for _ in range(args.runs):
            base_times.append(time_command(baseline_cmd, env))
            if args.backup_due:
                shutil.rmtree(work / "data" / "backups", ignore_errors=True)
            app_times.append(time_command(app_cmd, env))
            if args.backup_due:
                shutil.rmtree(work / "data" / "backups", ignore_errors=True)
            loaded_times.append(time_command(app_cmd, loaded_env))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = statistics.median(base_times)
    app = statistics.median(app_times)
    print(f"platform {args.platform}, {args.runs} runs each (interleaved), whole processes, "
          f"bytecode cache {bytecode}")
    print(f"minimal PySide6 window : median {base * 1000:7.1f} ms  "
          f"(min {min(base_times) * 1000:.1f}, max {max(base_times) * 1000:.1f})")
    print(f"quizapp --exit-when-ready: median {app * 1000:7.1f} ms  "
          f"(min {min(app_times) * 1000:.1f}, max {max(app_times) * 1000:.1f})")
    loaded = statistics.median(loaded_times)
    print(f"quizapp until the banks are listed: median {loaded * 1000:7.1f} ms "
          f"({loaded / base:.2f}x; QUIZAPP_EXIT_AFTER_LOAD=1)")
    print(f"first quizapp run (cold bank cache{', cold bytecode cache' if bytecode == 'on' else ''}): "
          f"{first * 1000:.1f} ms")
    print(f"ratio quizapp / minimal: {app / base:.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
