"""A learner's other computer pulling their undos (answers taken back), as ratios to the
pull of the same history without undos, measured in the same run, interleaved, on a real
PostgreSQL started for the run (bench_server.start_server: fsync off).

Two learners on one server with the same history (N answers over 40 questions, one
review each, pushed as a computer sends them); one of them also took back every 50th
answer (2%). Each round a new computer of each pulls everything (sync.sync), in
alternating order; the benchmark reports the whole pull and its slowest piece, which is
how long the pull holds the results file in one go (the app's answers wait meanwhile).

Run: .venv/bin/python benchmarks/bench_pulled_undos.py [--answers 20000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_server import T0, batch_of, start_server  # noqa: E402

from quizapp.core.store import Store  # noqa: E402
from quizapp.core.store import pulled as pulled_pieces  # noqa: E402
from quizapp.core.sync_batch import SyncBatch  # noqa: E402
from quizapp.server import admin, sync  # noqa: E402
from quizapp.server.connection import connect  # noqa: E402

ORIGIN = "00000000-0000-4000-8000-000000000001"  # the computer that pushed
EVERY = 50  # one answer in EVERY taken back


def _push(person: admin.NewPerson, n: int, undos: bool) -> None:
    batch = batch_of(n)
    batch.reviews = [(*review, 0.5) for review in batch.reviews]  # with a fuzz draw
    with connect(person.url, password=person.password, autocommit=True) as conn:
        sync._prepare(conn)  # the staging tables, as a computer's connection makes them
        for start in range(0, n, sync.BATCH_ANSWERS):
            sync.push_batch(conn, SyncBatch(
                sessions=batch.sessions if start == 0 else [],
                answers=batch.answers[start:start + sync.BATCH_ANSWERS],
                reviews=batch.reviews[start:start + sync.BATCH_ANSWERS]), ORIGIN)
        if undos:
            when = (T0 + timedelta(seconds=n + 1)).isoformat()
            sync.push_batch(conn, SyncBatch(retractions=[
                (answer[0], when) for answer in batch.answers[::EVERY]]), ORIGIN)


def _pull(person: admin.NewPerson, name: str) -> tuple[float, float]:
    """A new computer's first pull of everything: (seconds, the slowest piece's)."""
    pieces: list[float] = []
    piece = pulled_pieces.PulledImport.piece

    def timed_piece(self, batch, settings=None):
        start = time.perf_counter()
        try:
            return piece(self, batch, settings)
        finally:
            pieces.append(time.perf_counter() - start)

    folder = Path(tempfile.mkdtemp(prefix="quizapp-bench-undos-"))
    pulled_pieces.PulledImport.piece = timed_piece
    try:
        with Store.open(folder) as store:
            sync.sign_in(store, person.url, name, person.password)
            start = time.perf_counter()
            result = sync.sync(store)
            took = time.perf_counter() - start
            assert result.errors == [], result.errors
    finally:
        pulled_pieces.PulledImport.piece = piece
        shutil.rmtree(folder, ignore_errors=True)
    return took, max(pieces)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    server = start_server()
    try:
        with connect(server.admin_url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE school")
        with connect(server.admin_url("school"), autocommit=True) as conn:
            admin.init(conn)
            admin.add_class(conn, "7B")
            ann = admin.add_person(conn, "Ann", "learner", ["7B"], server.url("school"))
            bo = admin.add_person(conn, "Bo", "learner", ["7B"], server.url("school"))
        _push(ann, args.answers, undos=True)
        _push(bo, args.answers, undos=False)
        with_undos: list[tuple[float, float]] = []
        without: list[tuple[float, float]] = []
        for round_ in range(args.rounds):
            order = [(ann, "Ann", with_undos), (bo, "Bo", without)]
            for person, name, out in order if round_ % 2 == 0 else order[::-1]:
                out.append(_pull(person, name))
            print(f"round {round_ + 1}: with undos {with_undos[-1][0]:.2f} s (slowest piece"
                  f" {with_undos[-1][1]:.2f} s), without {without[-1][0]:.2f} s (slowest"
                  f" {without[-1][1]:.2f} s)")
        total_with = statistics.median(t for t, _ in with_undos)
        total_without = statistics.median(t for t, _ in without)
        piece_with = statistics.median(p for _, p in with_undos)
        piece_without = statistics.median(p for _, p in without)
        print(f"{args.answers:,} answers, {len(range(0, args.answers, EVERY)):,} taken back:"
              f" the pull {total_with:.2f} s against {total_without:.2f} s without undos"
              f" ({total_with / total_without:.2f}x); its slowest piece {piece_with:.2f} s"
              f" against {piece_without:.2f} s ({piece_with / piece_without:.2f}x)")
    finally:
        server.stop("immediate")
        shutil.rmtree(server.socket_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
