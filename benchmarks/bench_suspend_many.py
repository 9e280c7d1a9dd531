"""Suspending many cards at once (store schema 16: each change logged for the class server),
as an Anki deck's suspended cards are imported, against the plain INSERT into
suspended_cards that schema 15 made (the baseline), in one run, interleaved.

    .venv/bin/python benchmarks/bench_suspend_many.py [--cards 10000] [--rounds 5]

It prints medians in milliseconds and their ratio; it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizapp.core.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    ids = [f"q{i}" for i in range(args.cards)]
    logged: list[float] = []
    plain: list[float] = []
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder)) as store:
        for r in range(args.rounds):
            now_learner = store.create_learner(f"Now {r}").id
            before_learner = store.create_learner(f"Before {r}").id
            start = time.perf_counter()
            store.set_suspended(now_learner, "deck", ids, True)
            logged.append(time.perf_counter() - start)
            start = time.perf_counter()
            with store._db.write() as c:
                c.executemany(
                    "INSERT INTO suspended_cards VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [(before_learner, "deck", q, "2026-01-01T00:00:00.000000+00:00")
                     for q in ids])
            plain.append(time.perf_counter() - start)
    ratios = [a / b for a, b in zip(logged, plain, strict=True)]
    print(f"{args.cards} cards suspended at once, {args.rounds} rounds: logged (schema 16)"
          f" median {statistics.median(logged) * 1000:.1f} ms, plain insert (schema 15)"
          f" {statistics.median(plain) * 1000:.1f} ms; ratio median {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
