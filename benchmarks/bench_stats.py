"""Benchmark the statistics as the screens use them.

    .venv/bin/python benchmarks/bench_stats.py [--keep DIR] [--class-keep DIR]
        [--answers 1000000] [--learners 30] [--class-answers 10000]

1. The learner's progress screen: every query it makes for one learner and one bank,
   one after the other (its budget is 300 ms), on the worst-case store of
   bench_store.py (one learner, 1,000,000 answers, 10,000 questions).
2. The teacher's overview on a class: `--learners` learners with `--class-answers`
   answers each in the same 10,000-question bank: learners x banks table and item
   analysis (facility and discrimination over every learner).
Medians in ms, and ratios to a bare durable INSERT+COMMIT measured in the same run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import baseline_insert_ms, build, make_bank, median_ms  # noqa: E402

from quizapp.core.store import DB_NAME, Store  # noqa: E402


def progress_screen(store: Store, learner_id: int, bank) -> None:
    now = datetime.now(UTC)
    since = now.astimezone().date() - timedelta(days=364)
    store.studied_bank_ids(learner_id)
    store.score_over_time(learner_id, bank)
    store.tag_accuracy(learner_id, bank)
    store.weakest_questions(learner_id, bank, 10)
    store.due_per_day(learner_id, bank, 30, now)
    store.answers_per_day(learner_id, bank, since=since)
    store.bank_summary(learner_id, bank, now)
    store.time_spent(learner_id)


def folder_for(path: str | None, tmps: list) -> Path:
    if path:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    tmp = tempfile.TemporaryDirectory(prefix="bench-stats-")
    tmps.append(tmp)
    return Path(tmp.name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="single-learner store (built if missing)")
    parser.add_argument("--class-keep", metavar="DIR", help="class store (built if missing)")
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--class-answers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    tmps: list = []
    bank = make_bank(args.questions)

    single = folder_for(args.keep, tmps)
    if not (single / DB_NAME).exists():
        t = time.perf_counter()
        build(single, args.answers, args.questions)
        print(f"built single-learner store in {time.perf_counter() - t:.1f} s")
    klass = folder_for(args.class_keep, tmps)
    if not (klass / DB_NAME).exists():
        t = time.perf_counter()
        build(klass, args.class_answers, args.questions, learners=args.learners, seed=2)
        print(f"built class store in {time.perf_counter() - t:.1f} s")

    base = baseline_insert_ms(single, 200)
    store = Store.open(single)
    # A scan of a million rows costs ~80 ms on this machine when it is not shared.
    scan = median_ms(lambda: store._conn.execute("SELECT sum(correct) FROM answers").fetchone(), 5)
    print(f"{'operation':<44} {'median ms':>10} {'x insert':>9} {'x scan':>8}")
    print(f"{'baseline INSERT+COMMIT':<44} {base:>10.3f} {1:>9.2f} {base / scan:>8.4f}")
    print(f"{'baseline scan of 1M answers':<44} {scan:>10.3f} {scan / base:>9.2f} {1:>8.4f}")

    def row(name: str, ms: float) -> None:
        print(f"{name:<44} {ms:>10.3f} {ms / base:>9.2f} {ms / scan:>8.4f}")

    learner = store.learners()[0].id
    # The first call on a Bank object also checks (and if new, writes) its question
    # catalog; time it alone.
    t = time.perf_counter()
    answers = store.bank_summary(learner, bank).answers
    first = (time.perf_counter() - t) * 1000
    ms = median_ms(lambda: progress_screen(store, learner, bank), args.repeat)
    name = f"progress screen, all queries ({answers:,} ans.)"
    row(name, ms)
    row("  first query on a Bank object (catalog)", first)
    fresh = make_bank(args.questions)
    t = time.perf_counter()
    store.bank_summary(learner, fresh)
    cold = (time.perf_counter() - t) * 1000
    row("  same bank re-loaded (signature check)", cold)
    store.close()

    store = Store.open(klass)
    n = len(store.learners())
    for label, fn in {
        f"teacher: learner_bank_table ({n} learners)": store.learner_bank_table,
        f"teacher: item_analysis ({n} learners), cold": lambda: (
            store._item_cache.clear(),
            store.item_analysis(bank),
        ),
        f"teacher: item_analysis ({n} learners), cached": lambda: store.item_analysis(bank),
    }.items():
        fn()
        ms = median_ms(fn, args.repeat)
        row(label, ms)
    store.close()
    print(
        f"(medians over {args.repeat} runs; under load every figure grows, the x scan ratio less)"
    )
    for tmp in tmps:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
