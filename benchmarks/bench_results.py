"""`quizapp results` (CSV) against a plain `csv` dump of the same rows, as a ratio in one run.

    .venv/bin/python benchmarks/bench_results.py [--answers 1000000] [--repeat 5] [--keep DIR]

Builds a store of `--answers` answers (bench_store.build; `--keep DIR` keeps and reuses
it), then times, interleaved, medians of:
  - quizapp: the command's own code (quizapp.commands.results.run) writing the CSV file;
  - baseline: the same SELECT (answers joined to sessions and learners, in answer order)
    written by csv.writer.writerows to a file, nothing else: no formula protection, no
    unwrapping of typed answers, no rounding.
It prints both and their ratio, in wall and in CPU time (this process's); it asserts
nothing about time.
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
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp) / "data"
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / DB_NAME).exists():
            t = time.perf_counter()
            build(folder, args.answers, 10_000)
            print(f"built {args.answers} answers in {time.perf_counter() - t:.1f} s")
        Store.open(folder).close()  # a kept store of an older version: migrated first
        out = Path(tmp) / "out.csv"
        ours, base, ours_cpu, base_cpu = [], [], [], []
        for _ in range(args.repeat):
            t, c = time.perf_counter(), time.process_time()
            plain_dump(folder / DB_NAME, out)
            base.append(time.perf_counter() - t)
            base_cpu.append(time.process_time() - c)
            rows = sum(1 for _ in open(out, encoding="utf-8"))
            t, c = time.perf_counter(), time.process_time()
            code = run(Namespace(learner=None, bank=None, format="csv", data_dir=str(folder),
                                 output=str(out)))
            ours.append(time.perf_counter() - t)
            ours_cpu.append(time.process_time() - c)
            assert code == 0 and sum(1 for _ in open(out, encoding="utf-8")) == rows + 1
        b, o = statistics.median(base), statistics.median(ours)
        print(f"{rows} answers, {args.repeat} runs each (interleaved)")
        print(f"plain csv dump      : median {b * 1000:8.1f} ms")
        print(f"quizapp results CSV : median {o * 1000:8.1f} ms")
        print(f"ratio quizapp / plain: {o / b:.2f}x (target <= 1.2x)")
        bc, oc = statistics.median(base_cpu), statistics.median(ours_cpu)
        print(f"CPU time (less disturbed by a busy machine): plain {bc * 1000:.1f} ms, "
              f"quizapp {oc * 1000:.1f} ms, ratio {oc / bc:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
