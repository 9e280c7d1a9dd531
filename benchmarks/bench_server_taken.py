"""What schema 15 (the time the server took each row, `taken`) costs on the class server,
as ratios to schema 14 measured in the same run, interleaved, on a real PostgreSQL started
for the run (bench_server.start_server: fsync off).

Two databases, one at schema 14 and one at 15, a learner in each; each round pushes the
same number of fresh answers (with their sessions and reviews, in batches as a computer
sends them) to both, in alternating order, then reads the learner's answers and reviews
back as a pull does (pull._fetch_piece, pieces of 5,000: at schema 15 every time column is
read as at most `taken`).

Run: .venv/bin/python benchmarks/bench_server_taken.py [--push 20000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_server import batch_of, start_server, timed  # noqa: E402

from quizapp.core.sync_batch import SyncBatch  # noqa: E402
from quizapp.server import admin, pull, schema, sync  # noqa: E402
from quizapp.server.connection import connect  # noqa: E402
from quizapp.server.logs import _logs  # noqa: E402

ORIGIN = "00000000-0000-4000-8000-000000000001"  # the pushing computer (not the reader)


def _school(server, db: str, version: int) -> admin.NewPerson:
    with connect(server.admin_url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {db}")
    latest = schema.SCHEMA_VERSION
    schema.SCHEMA_VERSION = version
    try:
        with connect(server.admin_url(db), autocommit=True) as conn:
            admin.init(conn)
            admin.add_class(conn, "7B")
            return admin.add_person(conn, "Ann", "learner", ["7B"], server.url(db))
    finally:
        schema.SCHEMA_VERSION = latest


def _push(conn, n: int) -> float:
    batch = batch_of(n)
    batch.reviews = [(*review, 0.5) for review in batch.reviews]  # with a fuzz draw

    def push_all() -> None:
        for start in range(0, n, sync.BATCH_ANSWERS):
            sync.push_batch(conn, SyncBatch(
                sessions=batch.sessions if start == 0 else [],
                answers=batch.answers[start:start + sync.BATCH_ANSWERS],
                reviews=batch.reviews[start:start + sync.BATCH_ANSWERS]), ORIGIN)

    return timed(push_all)


def _read_back(conn) -> float:
    """The learner's answers and reviews as a new computer's pull reads them."""
    def read_all() -> None:
        read = 0
        for table, columns, _types in _logs(conn):
            if table not in ("answers", "reviews"):
                continue
            after = 0
            while rows := pull._fetch_piece(conn, table, columns, [("seq > %s", (0,))],
                                            after, None, pull.PULL_PIECE_ROWS):
                after = rows[-1][0]
                read += len(rows)
        assert read, "nothing read back"

    return timed(read_all)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--push", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    server = start_server()
    try:
        people = {14: _school(server, "school14", 14), 15: _school(server, "school15", 15)}
        conns = {v: connect(p.url, password=p.password, autocommit=True)
                 for v, p in people.items()}
        for conn in conns.values():
            sync._prepare(conn)  # the staging tables, as a sync makes them
        pushes: dict[int, list[float]] = {14: [], 15: []}
        reads: dict[int, list[float]] = {14: [], 15: []}
        for r in range(args.rounds):
            order = (14, 15) if r % 2 == 0 else (15, 14)
            for v in order:
                pushes[v].append(_push(conns[v], args.push))
            for v in order:
                reads[v].append(_read_back(conns[v]))
        for name, times in (("push", pushes), ("read back (all so far)", reads)):
            ratios = [a / b for a, b in zip(times[15], times[14], strict=True)]
            print(f"{name}, {args.push} answers a round, {args.rounds} interleaved rounds:"
                  f" schema 14 median {statistics.median(times[14]):.2f} s, schema 15"
                  f" {statistics.median(times[15]):.2f} s; ratio median"
                  f" {statistics.median(ratios):.2f}"
                  f" (rounds: {', '.join(f'{x:.2f}' for x in ratios)})")
        for conn in conns.values():
            conn.close()
    finally:
        server.stop("immediate")
        shutil.rmtree(server.socket_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
