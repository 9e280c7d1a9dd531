"""How long the window stops answering while a library of many banks loads, and when one
bank among them is saved again: this checkout against a git revision (main by default),
in one run.

    .venv/bin/python benchmarks/bench_library_gaps.py [--rev main] [--banks 10000] [--runs 3]

One folder of `--banks` one-question banks and one learner. Each tree's child process
(alternately, `--runs` each, after one warm-up child each that fills the bank cache) opens
a real main window (offscreen) on the folder, reloads the library, and waits 15 s more for
the counts and the watch on the files. Then one bank's file gets a new title (a teacher
saving it) and the library reloads; 5 s more. A 2 ms QTimer on the GUI thread records the
gaps between its ticks: the longest is how long the window could not paint or take a key.

Printed: the medians over the children of the longest gap and of the second longest while
loading, the load's time, and the longest gap after the one bank was saved ("resaved"),
with ratios this checkout / the revision. It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from library_bench import WINDOW_CHILD, child_result, compare_trees, print_ratios, work_folder

BANK = "title: {title}\nid: bank-{n}\nquestions:\n  - {{id: a, type: true_false, prompt: p, answer: yes}}\n"

CHILD = WINDOW_CHILD + r"""
from pathlib import Path

gaps, last = [], [time.perf_counter()]


def tick():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now


def wait(ms):
    waiting = QEventLoop()
    QTimer.singleShot(ms, waiting.quit)
    waiting.exec()


beat = QTimer()
beat.setInterval(2)
beat.timeout.connect(tick)
start = time.perf_counter()
beat.start()
last[0] = time.perf_counter()
load()
loaded = time.perf_counter() - start
wait(15000)
loading = sorted(gaps, reverse=True)
saved = Path(sys.argv[3]) / "b00001.yaml"
before = saved.read_text(encoding="utf-8")
saved.write_text(before.replace("title: Bank 1", "title: Bank 1, saved again"),
                 encoding="utf-8")
gaps.clear()
last[0] = time.perf_counter()
load()
wait(5000)
saved.write_text(before, encoding="utf-8")
print(json.dumps({"loaded": loaded, "longest": loading[0], "second": loading[1],
                  "resaved": max(gaps), "rows": screen.tree.topLevelItemCount()}))
win.close()
win.context.close()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="main")
    parser.add_argument("--banks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="children of each tree")
    args = parser.parse_args()
    with work_folder("quizapp-bench-gaps-") as work:
        banks = work / "banks"
        banks.mkdir()
        for n in range(args.banks):
            (banks / f"b{n:05d}.yaml").write_text(BANK.format(title=f"Bank {n}", n=n),
                                                  encoding="utf-8")
        data = work / "data"
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from quizapp.core.store import Store

        store = Store.open(data)
        store.set_last_learner(store.create_learner("Ana").id)
        store.close()

        def run_child(tree: Path, warm_up: bool) -> dict:
            return child_result(CHILD, tree, data, banks, timeout=1800)

        keys = ("longest", "second", "loaded", "resaved")
        results = compare_trees(args.rev, work, args.runs, keys, run_child)
        print(f"{args.banks:,} banks; {args.rev} against this checkout, {args.runs} children "
              "each (medians)")
        print_ratios(results, keys, args.rev, 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
