"""Benchmark taking an answer back (Store.retract_answer) in a big history, and what
retractions cost a rebuild of the derived tables.

    .venv/bin/python benchmarks/bench_undo.py [--answers 1000000] [--questions 10000]
        [--keep DIR] [--repeat 50]

Builds the store as bench_store.py does (one learner, one bank), then measures, timed
alternately so that both meet the same machine load:
  - record_answer alone, against record_answer followed by retract_answer of that answer
    (the Ctrl+Z right after the feedback), reported as ratios to a bare durable
    INSERT + COMMIT in the same run;
  - rebuild_derived() before and after those retractions exist (its NOT EXISTS filter).
It prints medians in ms and ratios; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import baseline_insert, interleaved_times, make_bank, store_folder  # noqa: E402

from quizapp.core.store import Store  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--keep", metavar="DIR", help="build into (or reuse) this folder")
    args = parser.parse_args()
    folder, tmp = store_folder(args.keep, "bench-undo-", args.answers, args.questions)
    bank = make_bank(args.questions)
    store = Store.open(folder)
    learner = store.learners()[0]
    sid = store.start_session(learner.id, bank, "quiz")
    rng = random.Random(16)

    def record():
        q = bank.questions[rng.randrange(len(bank.questions))]
        return store.record_answer(
            sid, q, response=q.choices[0].text, correct=rng.random() < 0.7, credit=1.0,
            seconds=rng.uniform(1, 20),
        )

    def record_and_undo():
        store.retract_answer(record().uuid)

    t = time.perf_counter()
    store.rebuild_derived()
    rebuild_clean = time.perf_counter() - t
    insert_one, insert_close = baseline_insert(folder)
    base_times, rec_times = interleaved_times(insert_one, record, args.repeat)
    _, undo_times = interleaved_times(insert_one, record_and_undo, args.repeat)
    insert_close()
    base = statistics.median(base_times) * 1000
    rec = statistics.median(rec_times) * 1000
    both = statistics.median(undo_times) * 1000
    t = time.perf_counter()
    store.rebuild_derived()
    rebuild_retracted = time.perf_counter() - t
    print(f"answers stored: {store.bank_summary(learner.id, bank).answers:,}")
    print(f"\n{'operation':<36} {'median ms':>10} {'x insert':>9}")
    print(f"{'baseline INSERT+COMMIT':<36} {base:>10.3f} {1:>9.2f}")
    print(f"{'record_answer':<36} {rec:>10.3f} {rec / base:>9.2f}")
    print(f"{'record_answer + retract_answer':<36} {both:>10.3f} {both / base:>9.2f}")
    print(f"{'  so retract_answer alone ~':<36} {both - rec:>10.3f} {(both - rec) / base:>9.2f}")
    print(
        f"\nrebuild_derived: {rebuild_clean:.2f} s with no retraction, {rebuild_retracted:.2f} s"
        f" with {args.repeat} = {rebuild_retracted / rebuild_clean:.2f}x"
    )
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
