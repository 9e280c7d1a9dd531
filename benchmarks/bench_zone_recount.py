"""The store opened under another time zone: its local days counted again, against a scan.

    .venv/bin/python benchmarks/bench_zone_recount.py [--answers 1000000] [--keep DIR]
        [--repeat 5]

Opened under a time zone other than the one its days were counted in, a store counts
day_stats and score_days again (quizapp.core.store.local_days). Two ways, each timed
with the zones alternating (Pacific/Auckland, America/Los_Angeles, Asia/Kolkata, whose
midnight is inside a UTC hour), interleaved with the baseline, a scan of every answer
(SELECT sum(correct)), in the same run:

- at open (Store.open, as the commands open it: follow_zone), counted the same way;
- the app's, after its window shows (Store.open(defer_days=True), then
  Store.recount_days() on a connection of its own): counted in a read transaction, then
  brought up to date and written in a write transaction; also timed is how long it held
  the write lock (that transaction), the time another window's answer may wait.

It prints medians in ms and their ratios. It asserts nothing about time. `--keep DIR`
keeps (and reuses) the built store, as bench_store.py's.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_store import interleaved_times, store_folder  # noqa: E402

from quizapp.core.store import DB_NAME, Store, local_days  # noqa: E402

ZONES = ("Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--keep", metavar="DIR", help="keep (and reuse) the built store")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder, _tmp = store_folder(args.keep, "bench-zone-", args.answers, args.questions)
    zones = itertools.cycle(ZONES)
    before = os.environ.get("TZ")

    def next_zone() -> None:
        os.environ["TZ"] = next(zones)
        time.tzset()

    def open_in_another_zone() -> None:
        next_zone()
        Store.open(folder).close()

    held: list[float] = []
    write_within = local_days._DaysCount.write_within

    def timed_write_within(count, conn):
        held.append(time.perf_counter())  # just after BEGIN IMMEDIATE: the write lock
        return write_within(count, conn)

    def count_after_open() -> None:
        next_zone()
        local_days._DaysCount.write_within = timed_write_within
        try:
            with Store.open(folder, defer_days=True) as store:
                store.recount_days()
                held[-1] = time.perf_counter() - held[-1]  # committed (and closed)
        finally:
            local_days._DaysCount.write_within = write_within

    scan_conn = sqlite3.connect(folder / DB_NAME)

    def scan() -> None:
        scan_conn.execute("SELECT sum(correct) FROM answers").fetchone()

    open_in_another_zone()  # counted in the first zone, so each timed open counts again
    try:
        opens, scans = interleaved_times(open_in_another_zone, scan, args.repeat)
        counts, scans_too = interleaved_times(count_after_open, scan, args.repeat)
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()
    scanned = statistics.median(scans + scans_too) * 1000
    opened = statistics.median(opens) * 1000
    counted = statistics.median(counts) * 1000
    locked = statistics.median(held) * 1000
    answers = scan_conn.execute("SELECT count(*) FROM answers").fetchone()[0]
    print(f"{answers:,} answers, {args.repeat} opens each way, each in another zone than the last")
    print(f"{'baseline: scan of every answer':<52} {scanned:>10.1f} ms")
    print(f"{'open, days counted again (the commands)':<52} {opened:>10.1f} ms"
          f" {opened / scanned:>8.1f}x scan")
    print(f"{'open, then recount_days (the app, after its window)':<52} {counted:>10.1f} ms"
          f" {counted / scanned:>8.1f}x scan")
    print(f"{'  of which the write lock held':<52} {locked:>10.1f} ms"
          f" {locked / scanned:>8.1f}x scan")
    scan_conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
