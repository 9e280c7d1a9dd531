"""The library screen with many banks and a long history: this checkout against a git
revision (main by default), as ratios in one run.

    .venv/bin/python benchmarks/bench_library_screen.py [--rev main] [--banks 200]
        [--answers 100000] [--runs 5] [--repeat 7] [--moves 60]

One data folder for both: `--banks` bank files (36 questions of every type each) and a
store where learner Ana gave `--answers` answers spread over them (finished quizzes over
two years, every card scheduled). The revision is exported with `git archive`; the two
source trees are measured by child processes run alternately (`--runs` of each), each
opening a real main window (offscreen) on the folder, the bank cache warm, and timing on
the GUI thread:

  paint   LibraryScreen.refresh() with nothing counted yet (a first paint: the revision
          reads every bank's scores and counts inside it; this checkout starts a QueryOp)
          plus the tree's synchronous repaint: how long the window cannot paint the rows.
          `--repeat` times a child (this checkout's counts forgotten before each).
  counts  from the start of that refresh until the counts are on the rows (the revision:
          the same as paint; this checkout: when counts_shown fires).
  move    one selection move (setCurrentItem on the next row: the details written),
          the median of `--moves`.

Medians over every child's runs; ratios are this checkout / the revision. It measures
and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from library_bench import WINDOW_CHILD, child_result, compare_trees, print_ratios, work_folder

HERE = Path(__file__).resolve().parent

CHILD = WINDOW_CHILD + r"""
repeat, moves = int(sys.argv[4]), int(sys.argv[5])
load()
counts_shown = getattr(screen, "counts_shown", None)  # this checkout only


def wait_for_counts():
    if counts_shown is not None and screen.counting:
        waiting = QEventLoop()
        counts_shown.connect(waiting.quit)
        QTimer.singleShot(60000, waiting.quit)
        waiting.exec()
        counts_shown.disconnect(waiting.quit)


wait_for_counts()  # the load's own refresh (catalogs synced, statistics caught up)
paint, counts, move = [], [], []
for _ in range(repeat):
    if counts_shown is not None:  # forget what was counted: a first paint
        screen._values.clear()
        screen._values_learner = None
    start = time.perf_counter()
    screen.refresh()
    screen.tree.viewport().repaint()
    painted = time.perf_counter()
    wait_for_counts()
    done = time.perf_counter()
    paint.append(painted - start)
    counts.append(done - start)
    app.processEvents()
tree = screen.tree
for n in range(moves):
    item = tree.topLevelItem((n + 1) % tree.topLevelItemCount())
    start = time.perf_counter()
    tree.setCurrentItem(item)
    move.append(time.perf_counter() - start)
    app.processEvents()
rows = tree.topLevelItemCount()
filled = sum(1 for i in range(rows) if tree.topLevelItem(i).text(4) not in ("", "–"))
print(json.dumps({"paint": paint, "counts": counts, "move": move, "rows": rows,
                  "filled": filled}))
win.close()
win.context.close()
"""


def write_banks(folder: Path, banks: int) -> list[tuple[str, list[str]]]:
    """`banks` bank files; their (id, question ids)."""
    sys.path.insert(0, str(HERE))
    from make_big_bank import make_bank

    made = []
    for n in range(banks):
        text = make_bank(36, seed=n).replace("title: Benchmark bank", f"title: Bank {n:03d}")
        bank_id = f"bank-{n:03d}"
        text = text.replace("id: benchmark-bank", f"id: {bank_id}")
        (folder / f"{bank_id}.yaml").write_text(text, encoding="utf-8")
        ids = [line.split("id: ", 1)[1] for line in text.splitlines()
               if line.startswith("  - id: ")]
        made.append((bank_id, ids))
    return made


def build_store(data: Path, banks: list[tuple[str, list[str]]], answers: int) -> None:
    """Learner Ana's `answers` answers, in finished 50-answer quizzes spread over the banks
    and two years (as bench_store.build), then every derived table rebuilt."""
    from quizapp.core.store import DB_NAME, Store

    store = Store.open(data)
    learner = store.create_learner("Ana").id
    store.set_last_learner(learner)
    store.close()
    rng = random.Random(1)
    now = datetime.now(UTC)
    start = now - timedelta(days=730)
    per_session = 50
    sessions = max(1, answers // per_session)
    conn = sqlite3.connect(data / DB_NAME, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")  # bulk build only
    conn.execute("BEGIN")
    session_rows, answer_rows, review_rows = [], [], []
    for s in range(sessions):
        bank_id, ids = banks[s % len(banks)]
        t = start + timedelta(seconds=(730 * 86400 - 3600) * s / sessions)
        right = 0
        for k in range(per_session):
            i = rng.randrange(len(ids))
            ok = rng.random() < 0.7
            right += ok
            when = (t + timedelta(seconds=20 * k)).isoformat(timespec="microseconds")
            uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            answer_rows.append((uid, s + 1, ids[i], json.dumps("x"), int(ok),
                                1.0 if ok else 0.0, 5.0, when))
            due = (now + timedelta(days=rng.uniform(-30, 60))).isoformat()
            card = json.dumps({"card_id": i + 1, "state": 2, "step": None,
                               "stability": round(rng.uniform(1, 100), 3),
                               "difficulty": round(rng.uniform(1, 10), 3),
                               "due": due, "last_review": when})
            review_rows.append((uid, learner, bank_id, ids[i], i + 1, 3 if ok else 1, when,
                                5000, card))
        finished = (t + timedelta(seconds=20 * per_session)).isoformat(timespec="microseconds")
        session_rows.append((s + 1, learner, bank_id, "bench", "quiz",
                             t.isoformat(timespec="microseconds"), finished,
                             right / per_session))
    conn.executemany(
        "INSERT INTO sessions(id, learner_id, bank_id, content_hash, mode, started, finished,"
        " score, outcome) VALUES (?,?,?,?,?,?,?,?,'finished')", session_rows)
    conn.executemany(
        "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit, seconds,"
        " answered) VALUES (?,?,?,?,?,?,?,?)", answer_rows)
    conn.executemany(
        "INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id, card_id, rating,"
        " reviewed, duration_ms, card) VALUES (?,?,?,?,?,?,?,?,?)", review_rows)
    conn.execute("COMMIT")
    conn.close()
    store = Store.open(data)
    store.rebuild_derived()
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="main")
    parser.add_argument("--banks", type=int, default=200)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="children of each tree")
    parser.add_argument("--repeat", type=int, default=7, help="first paints per child")
    parser.add_argument("--moves", type=int, default=60, help="selection moves per child")
    args = parser.parse_args()
    with work_folder("quizapp-bench-library-") as work:
        banks = work / "banks"
        banks.mkdir()
        data = work / "data"
        made = write_banks(banks, args.banks)
        build_store(data, made, args.answers)
        print(f"{args.banks} banks, {args.answers:,} answers; {args.rev} against this "
              f"checkout, {args.runs} children each...", flush=True)

        def run_child(tree: Path, warm_up: bool) -> dict:
            got = child_result(CHILD, tree, data, banks, 1 if warm_up else args.repeat,
                               2 if warm_up else args.moves, timeout=900)
            assert got["filled"] == got["rows"], got  # every row counted
            return got

        keys = ("paint", "counts", "move")
        print_ratios(compare_trees(args.rev, work, args.runs, keys, run_child), keys,
                     args.rev, 2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
