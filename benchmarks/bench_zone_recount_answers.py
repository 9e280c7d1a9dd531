"""Another window's answers while the app counts the local days again for a new time zone.

    .venv/bin/python benchmarks/bench_zone_recount_answers.py [--answers 1000000]
        [--keep DIR] [--rounds 3] [--every 0.25]

The app counts the days again after its window shows (Store.recount_days,
core/store/local_days.py); a second window (another process, as two app windows are) goes
on answering, one answer every `--every` seconds, each in a waits_for_long_writes block as
the app's write operations are. Each answer's time, from the call to its commit, is what
the learner waits before the feedback shows. Timed in the same run, alternating:

- baseline: that window's answers with no count running beside them;
- beside the count: its answers while recount_days runs in this process.

Each round opens under another zone than the last (Pacific/Auckland, America/Los_Angeles,
Asia/Kolkata), so each counts. It prints the count's time, how many times it read every
answer, and the answers' median and slowest times in ms, with their ratios to the
baseline's median. It asserts nothing about time. `--keep DIR` keeps (and reuses) the
built store, as bench_store.py's.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_store import store_folder  # noqa: E402
from bench_zone_recount import ZONES  # noqa: E402

from quizapp.core.store import Store, derived  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# The other window: answers one question every `every` seconds until its stdin closes,
# printing when each answer began (time.time()) and how long it took, in seconds.
WINDOW = textwrap.dedent("""
    import sys, threading, time
    sys.path.insert(0, sys.argv[3])
    from bench_store import make_bank
    from quizapp.core.store import Store
    from quizapp.core.store.connection import waits_for_long_writes

    store = Store.open(sys.argv[1], defer_days=True)
    every = float(sys.argv[2])
    bank = make_bank(10)
    learner = store.learners()[0].id
    session = store.start_session(learner, bank, "quiz")
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    n = 0
    print("ready", flush=True)
    while not stop.is_set():
        began, t = time.time(), time.perf_counter()
        with waits_for_long_writes():
            store.record_answer(session, bank.questions[n % 10], response=0, correct=True,
                                credit=1.0, seconds=3.0)
        print(began, time.perf_counter() - t, flush=True)
        n += 1
        stop.wait(every)
    store.finish_session(session, 1.0)
    store.close()
""")


def window_answers(folder: Path, every: float, zone: str, during) -> list[tuple[float, float]]:
    """Run the other window while `during()` runs here; [(began, seconds)] of its answers."""
    env = dict(os.environ, TZ=zone, PYTHONPATH=str(ROOT))
    window = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(folder), str(every), str(Path(__file__).parent)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    assert window.stdout is not None and window.stdin is not None
    if window.stdout.readline().strip() != "ready":
        raise SystemExit("the answering window did not start")
    answers: list[tuple[float, float]] = []

    def read() -> None:
        for line in window.stdout:
            began, took = line.split()
            answers.append((float(began), float(took)))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        during()
    finally:
        window.stdin.close()
        window.wait(60)
        reader.join(60)
    return answers


def one_round(folder: Path, every: float, zone: str,
              quiet: float) -> tuple[list[float], list[float], float, int]:
    """(the window's answers in `quiet` seconds with no count, its answers beside the count,
    the count's seconds, how many times it read every answer), in `zone`."""
    baseline = [took for _began, took in
                window_answers(folder, every, zone, lambda: time.sleep(quiet))]
    span: list[float] = []
    reads = [0]
    count_days = derived._count_days

    def counted(conn, up_to=None, after=0):
        reads[0] += not after  # (after: only the answers given since a count)
        return count_days(conn, up_to, after)

    def count() -> None:
        with Store.open(folder, defer_days=True) as store:
            time.sleep(1.0)  # the window answers alone first, as after a start
            derived._count_days = counted
            span.append(time.time())
            try:
                assert store.recount_days() is True
            finally:
                derived._count_days = count_days
            span.append(time.time())
            time.sleep(0.5)

    answered = window_answers(folder, every, zone, count)
    # An answer that began before the count ended and ended after it began.
    beside = [took for began, took in answered if began < span[1] and began + took > span[0]]
    return baseline, beside, span[1] - span[0], reads[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--keep", metavar="DIR", help="keep (and reuse) the built store")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--every", type=float, default=0.25,
                        help="seconds between the other window's answers")
    args = parser.parse_args()
    folder, _tmp = store_folder(args.keep, "bench-zone-answers-", args.answers, args.questions)
    zones = itertools.cycle(ZONES)
    before = os.environ.get("TZ")
    Store.open(folder).close()  # its days counted in the zone this process runs in

    baseline: list[float] = []
    beside: list[float] = []
    counts: list[float] = []
    reads: list[int] = []
    try:
        for _ in range(args.rounds):
            zone = next(zones)
            os.environ["TZ"] = zone
            time.tzset()
            quiet, during, took, read = one_round(folder, args.every, zone,
                                                  counts[-1] if counts else 3.0)
            baseline += quiet
            beside += during
            counts.append(took)
            reads.append(read)
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()

    base = statistics.median(baseline) * 1000
    print(f"{args.rounds} counts, each in another zone; the other window answers every "
          f"{args.every} s")
    print(f"{'the count (recount_days), median':<46} {statistics.median(counts) * 1000:>10.1f} ms"
          f"   read every answer {reads} times")
    print(f"{'baseline: an answer, no count beside, median':<46} {base:>10.1f} ms"
          f"   ({len(baseline)} answers)")
    for name, value in (("beside the count: an answer, median", statistics.median(beside)),
                        ("beside the count: the slowest answer", max(beside))):
        print(f"{name:<46} {value * 1000:>10.1f} ms {value * 1000 / base:>8.1f}x baseline")
    print(f"{'':<46} ({len(beside)} answers beside the count)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
