"""Suspended cards (store schema 15) against the queries before them, in one run: what the
flashcard screen reads after each rating (count_due, next_due) on a 20,000-card deck with
10,000 cards due, as this quizapp reads them and as the same SQL without suspensions read
them (the baseline), first with no card suspended, then with `--suspended` of the due ones.

    .venv/bin/python benchmarks/bench_suspended.py [--cards 20000] [--due 10000]
        [--suspended 100] [--repeat 5]

It prints medians in microseconds and their ratios; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_flashcards import build_quizapp  # noqa: E402

from quizapp.core.store import Store  # noqa: E402
from quizapp.core.utc_text import utc_micros  # noqa: E402

# The two reads as schema 14 made them (quizapp.core.store.cards before suspensions).
BEFORE = (
    "SELECT count(*) FROM cards WHERE learner_id = ? AND bank_id = ? AND due <= ?",
    "SELECT min(c.due) FROM cards c WHERE c.learner_id = ? AND c.bank_id = ?",
)


def median_us(work: Callable[[], object], calls: int = 2001) -> float:
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=20000)
    parser.add_argument("--due", type=int, default=10000)
    parser.add_argument("--suspended", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-suspended-"))
    bank = build_quizapp(folder, args.cards, args.due)
    store = Store.open(folder)
    learner = store.learners()[0].id
    now = datetime.now(UTC)
    db = store._db  # the same connection layer (its lock) as the store's own reads

    def before() -> None:
        db.value(BEFORE[0], (learner, bank.id, utc_micros(now)))
        db.value(BEFORE[1], (learner, bank.id))

    def after() -> None:
        store.count_due(learner, bank.id, now)
        store.next_due(learner, bank.id)

    for label in ("no card suspended", f"{args.suspended} due cards suspended"):
        base = statistics.median(median_us(before) for _ in range(args.repeat))
        mine = statistics.median(median_us(after) for _ in range(args.repeat))
        print(f"{label}: before suspensions {base:.0f} us, with them {mine:.0f} us,"
              f" ratio {mine / base:.2f}x")
        store.set_suspended(learner, bank.id,
                            store.due_question_ids(learner, bank.id, now)[:args.suspended], True)
    store.close()


if __name__ == "__main__":
    main()
