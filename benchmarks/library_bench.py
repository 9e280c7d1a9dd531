"""What the library benchmarks share (bench_library_screen.py, bench_library_gaps.py): a
work folder, a git revision's sources beside this checkout's, child processes that open a
real main window (offscreen) on one data folder and one banks folder, run alternately, and
the medians printed as ratios."""

from __future__ import annotations

import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# The start of every child's code: argv[1] is the source tree, argv[2] the data folder,
# argv[3] the banks folder. `win` is the window shown, `screen` its library; load() reloads
# the library and returns once it is loaded.
WINDOW_CHILD = r"""
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
from argparse import Namespace
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from quizapp.gui.app import create_context
from quizapp.gui.main_window import MainWindow

app = QApplication([])
win = MainWindow(create_context(Namespace(data_dir=sys.argv[2], bank_dir=[sys.argv[3]],
                                          exit_when_ready=False)))
win.open_initial_screen()
win.resize(1200, 800)
win.show()
screen = win.library_screen


def load():
    loop = QEventLoop()
    win.context.library.library_loaded.connect(loop.quit)
    win.context.library.reload()
    loop.exec()
    win.context.library.library_loaded.disconnect(loop.quit)
"""


@contextmanager
def work_folder(prefix: str) -> Iterator[Path]:
    """A temporary folder holding the bank cache and the settings of every child."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["QUIZAPP_CACHE_DIR"] = str(work / "cache")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def export(rev: str, dest: Path) -> Path:
    raw = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev, "quizapp",
                          "question_banks"], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def child_result(code: str, tree: Path, *args: object, timeout: int) -> dict:
    """The JSON a child process running `code` (the tree's sources first) prints last."""
    done = subprocess.run([sys.executable, "-c", code, str(tree), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit(f"the child failed ({tree}):\n{done.stderr[-3000:]}")
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def compare_trees(rev: str, work: Path, runs: int, keys: tuple[str, ...],
                  run_child: Callable[[Path, bool], dict]) -> dict[str, dict[str, list[float]]]:
    """Each tree's values of `keys`: the revision's ("before") and this checkout's
    ("after"), `runs` children each, alternately, after one warm-up child each (the bank
    cache, bytecode). `run_child(tree, warm_up)` runs one child; a key's value in its
    result may be one number or a list of them."""
    trees = {"before": export(rev, work / "before"), "after": REPO}
    for tree in trees.values():
        run_child(tree, True)
    results: dict[str, dict[str, list[float]]] = {name: {key: [] for key in keys}
                                                  for name in trees}
    for _ in range(runs):
        for name, tree in trees.items():
            got = run_child(tree, False)
            for key in keys:
                value = got[key]
                results[name][key] += value if isinstance(value, list) else [value]
    return results


def print_ratios(results: dict[str, dict[str, list[float]]], keys: tuple[str, ...], rev: str,
                 decimals: int) -> None:
    """Each key's medians in ms, the revision's ("before") and this checkout's ("after"),
    and their ratio."""
    for key in keys:
        before = statistics.median(results["before"][key]) * 1000
        after = statistics.median(results["after"][key]) * 1000
        print(f"  {key:<8} {rev} {before:9.{decimals}f} ms   this checkout "
              f"{after:9.{decimals}f} ms   ratio {after / before:.3f}")
