"""What server step 16 (the suspensions log; every time column COLLATE "C") costs, as ratios
to step 15 measured in the same run, interleaved, on a real PostgreSQL started for the run
(bench_server.start_server: fsync off).

Two databases, one at step 15 and one at 16, a learner in each. Each round pushes the same
number of fresh answers to both (in alternating order: the counting triggers now compare
C-collated columns), then times an idle sync of a computer that has pulled everything
(one more log to ask for at step 16, and this store's suspension log read for the push):
the median of `--idle` syncs over one kept connection, as the app's background sync does.

Run: .venv/bin/python benchmarks/bench_server_suspensions.py [--push 20000] [--rounds 5]
     [--idle 20]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_server import start_server, timed  # noqa: E402
from bench_server_taken import _push, _school  # noqa: E402

from quizapp.core.store import Store  # noqa: E402
from quizapp.server import sync  # noqa: E402
from quizapp.server.connection import connect  # noqa: E402

VERSIONS = (15, 16)


def _idle_sync(store: Store, connections: dict, times: int) -> float:
    """The median of `times` syncs with nothing new on either side."""
    seconds = []
    for _ in range(times):
        seconds.append(timed(lambda: sync.sync(store, connections)))
    return statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--push", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--idle", type=int, default=20)
    args = parser.parse_args()
    server = start_server()
    folder = Path(tempfile.mkdtemp(prefix="quizapp-bench-suspensions-"))
    stores: dict[int, Store] = {}
    try:
        people = {v: _school(server, f"school{v}", v) for v in VERSIONS}
        conns = {v: connect(p.url, password=p.password, autocommit=True)
                 for v, p in people.items()}
        for conn in conns.values():
            sync._prepare(conn)  # the staging tables, as a sync makes them
        kept: dict[int, dict] = {v: {} for v in VERSIONS}
        for v, person in people.items():
            stores[v] = Store.open(folder / str(v))
            sync.sign_in(stores[v], person.url, "Ann", person.password)
        pushes: dict[int, list[float]] = {v: [] for v in VERSIONS}
        idles: dict[int, list[float]] = {v: [] for v in VERSIONS}
        for r in range(args.rounds):
            order = VERSIONS if r % 2 == 0 else VERSIONS[::-1]
            for v in order:
                pushes[v].append(_push(conns[v], args.push))
            for v in order:
                assert sync.sync(stores[v], kept[v]).errors == []  # pulls the round's
            for v in order:
                idles[v].append(_idle_sync(stores[v], kept[v], args.idle))
        for name, times, unit, scale in (("push", pushes, "s", 1),
                                         ("idle sync", idles, "ms", 1000)):
            ratios = [a / b for a, b in zip(times[16], times[15], strict=True)]
            print(f"{name}, {args.push} answers pushed a round, {args.rounds} interleaved"
                  f" rounds: step 15 median {statistics.median(times[15]) * scale:.2f} {unit},"
                  f" step 16 {statistics.median(times[16]) * scale:.2f} {unit}; ratio median"
                  f" {statistics.median(ratios):.2f}"
                  f" (rounds: {', '.join(f'{x:.2f}' for x in ratios)})")
        for v in VERSIONS:
            sync.close_all(kept[v])
        for conn in conns.values():
            conn.close()
    finally:
        for store in stores.values():
            store.close()
        server.stop("immediate")
        shutil.rmtree(server.socket_dir, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
