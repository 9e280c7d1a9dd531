"""`quizapp results` (CSV) against a plain `csv` dump of the same rows, as a ratio in one run.

    .venv/bin/python benchmarks/bench_results.py [--answers 1000000] [--repeat 9] [--keep DIR]

Builds a store of `--answers` answers (bench_store.build; `--keep DIR` keeps and reuses
it), runs each side once untimed (both read a warm file), then times `--repeat` pairs of:
  - quizapp: the command's own code (quizapp.commands.results.run) writing the CSV file;
  - baseline: the same SELECT (answers joined to sessions and learners, in answer order)
    written by csv.writer.writerows to a file, nothing else: no formula protection, no
    unwrapping of typed answers, no rounding.
The two runs of a pair are back to back, the baseline first in even pairs and second in
odd ones. The headline is the median of the pairs' ratios: on a shared machine the load
changes between pairs far more than within one, and a ratio of the two medians mixes
runs made under different loads (it is printed too). Wall and CPU time (this
process's); it asserts nothing about time.

Instructions, which a busy machine does not disturb (callgrind; build the store first,
e.g. with `--once none` outside valgrind):

    for side in none plain quizapp; do valgrind --tool=callgrind \
        --callgrind-out-file=/dev/null .venv/bin/python benchmarks/bench_results.py \
        --answers 20000 --keep DIR --once $side 2>&1 | grep Collected; done

`--once SIDE` runs one side once, untimed (`none`: only the imports): the ratio is
(quizapp - none) / (plain - none).
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import statistics
import sys
import tempfile
import time
from argparse import Namespace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import build  # noqa: E402

from quizapp.commands.results import run  # noqa: E402
from quizapp.core.store import DB_NAME, Store  # noqa: E402

SELECT = (
    "SELECT a.uuid, l.name, s.bank_id, s.id, s.mode, a.question_id, a.response,"
    " a.correct, a.credit, a.seconds, a.answered, s.score, s.started, s.finished,"
    " s.outcome, a.shown, r.retracted FROM answers a"
    " JOIN sessions s ON s.id = a.session_id JOIN learners l ON l.id = s.learner_id"
    " LEFT JOIN retractions r ON r.answer_uuid = a.uuid"
    " ORDER BY a.id"
)


def plain_dump(db: Path, out: Path) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerows(conn.execute(SELECT))
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--keep", metavar="DIR")
    parser.add_argument("--once", choices=("none", "plain", "quizapp"),
                        help="run one side once, untimed, for valgrind (needs --keep)")
    args = parser.parse_args()
    if args.once and not args.keep:
        parser.error("--once needs --keep DIR")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp) / "data"
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / DB_NAME).exists():
            t = time.perf_counter()
            build(folder, args.answers, 10_000)
            print(f"built {args.answers} answers in {time.perf_counter() - t:.1f} s")
        out = Path(tmp) / "out.csv"
        # force: each run replaces the file the one before wrote
        args_ours = Namespace(learner=None, bank=None, format="csv", data_dir=str(folder),
                              output=str(out), force=True)
        if args.once:
            if args.once == "plain":
                plain_dump(folder / DB_NAME, out)
            elif args.once == "quizapp":
                assert run(args_ours) == 0
            return 0
        Store.open(folder).close()  # a kept store of an older version: migrated first

        def plain() -> None:
            plain_dump(folder / DB_NAME, out)

        def ours() -> None:
            assert run(args_ours) == 0

        def timed(fn) -> tuple[float, float]:
            t, c = time.perf_counter(), time.process_time()
            fn()
            return time.perf_counter() - t, time.process_time() - c

        plain()
        rows = sum(1 for _ in open(out, encoding="utf-8"))
        ours()
        assert sum(1 for _ in open(out, encoding="utf-8")) == rows + 1  # the header
        base, mine, base_cpu, mine_cpu = [], [], [], []
        for i in range(args.repeat):
            if i % 2 == 0:
                (b, bc), (o, oc) = timed(plain), timed(ours)
            else:
                (o, oc), (b, bc) = timed(ours), timed(plain)
            base.append(b)
            mine.append(o)
            base_cpu.append(bc)
            mine_cpu.append(oc)
        median = statistics.median
        pairs = sorted(o / b for o, b in zip(mine, base, strict=True))
        pairs_cpu = sorted(o / b for o, b in zip(mine_cpu, base_cpu, strict=True))
        print(f"{rows} answers, {args.repeat} pairs (order alternating)")
        print(f"plain csv dump      : median {median(base) * 1000:8.1f} ms wall, "
              f"{median(base_cpu) * 1000:8.1f} ms CPU")
        print(f"quizapp results CSV : median {median(mine) * 1000:8.1f} ms wall, "
              f"{median(mine_cpu) * 1000:8.1f} ms CPU")
        print(f"ratio quizapp / plain, median of the pairs: {median(pairs):.2f}x wall "
              f"({pairs[0]:.2f}-{pairs[-1]:.2f}), {median(pairs_cpu):.2f}x CPU "
              f"({pairs_cpu[0]:.2f}-{pairs_cpu[-1]:.2f}) (target <= 1.2x)")
        print(f"ratio of the medians: {median(mine) / median(base):.2f}x wall, "
              f"{median(mine_cpu) / median(base_cpu):.2f}x CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
