"""How long the window stops answering while a library of many banks loads: this checkout
against a git revision (main by default), in one run.

    .venv/bin/python benchmarks/bench_library_gaps.py [--rev main] [--banks 10000] [--runs 3]

One folder of `--banks` one-question banks and one learner. Each tree's child process
(alternately, `--runs` each, after one warm-up child each that fills the bank cache) opens
a real main window (offscreen) on the folder, reloads the library, and waits 15 s more for
the counts and the watch on the files. A 2 ms QTimer on the GUI thread records the gaps
between its ticks: the longest is how long the window could not paint or take a key.

Printed: the medians over the children of the longest gap and of the second longest, and
the load's time, with ratios this checkout / the revision. It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from bench_library_screen import child_result, export, print_ratios  # noqa: E402 - a revision's sources, as it does

CHILD = r"""
import json, sys, time
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
gaps, last = [], [time.perf_counter()]


def tick():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now


beat = QTimer()
beat.setInterval(2)
beat.timeout.connect(tick)
start = time.perf_counter()
beat.start()
last[0] = time.perf_counter()
loop = QEventLoop()
win.context.library.library_loaded.connect(loop.quit)
win.context.library.reload()
loop.exec()
loaded = time.perf_counter() - start
wait = QEventLoop()
QTimer.singleShot(15000, wait.quit)
wait.exec()
gaps.sort(reverse=True)
print(json.dumps({"loaded": loaded, "longest": gaps[0], "second": gaps[1],
                  "rows": win.library_screen.tree.topLevelItemCount()}))
win.close()
win.context.close()
"""


def run_child(tree: Path, data: Path, banks: Path) -> dict:
    return child_result(CHILD, tree, data, banks, timeout=1800)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="main")
    parser.add_argument("--banks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="children of each tree")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="quizapp-bench-gaps-"))
    os.environ["QUIZAPP_CACHE_DIR"] = str(work / "cache")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        banks = work / "banks"
        banks.mkdir()
        for n in range(args.banks):
            (banks / f"b{n:05d}.yaml").write_text(
                f"title: Bank {n}\nid: bank-{n}\nquestions:\n"
                "  - {id: a, type: true_false, prompt: p, answer: yes}\n", encoding="utf-8")
        data = work / "data"
        sys.path.insert(0, str(REPO))
        from quizapp.core.store import Store

        store = Store.open(data)
        store.set_last_learner(store.create_learner("Ana").id)
        store.close()
        trees = {"before": export(args.rev, work / "before"), "after": REPO}
        for tree in trees.values():  # warm-up: the bank cache (each tree's), bytecode
            run_child(tree, data, banks)
        results: dict[str, dict[str, list[float]]] = {
            name: {"longest": [], "second": [], "loaded": []} for name in trees}
        for _ in range(args.runs):
            for name, tree in trees.items():
                got = run_child(tree, data, banks)
                for key in results[name]:
                    results[name][key].append(got[key])
        print(f"{args.banks:,} banks; {args.rev} against this checkout, {args.runs} children "
              "each (medians)")
        print_ratios(results, ("longest", "second", "loaded"), args.rev, 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
