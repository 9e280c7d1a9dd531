"""What the counts per bank version (schema 11) and per answer version (schema 13) cost on
the class server, as ratios to baselines measured in the same run, interleaved, on a real
PostgreSQL started for the run (bench_server.start_server: fsync off).

1. A push: schema 13's count_answers (the pushed answers joined with their sessions, one
   more upsert per learner, question, bank text and the answer's question version)
   against schema 2's (swapped between rounds with CREATE OR REPLACE), PUSH fresh
   answers each round.
2. One bank's class item analysis (40 questions x 2,000 learners, through RLS), read with
   the teacher's bank (split by version) against without it (every answer, as before):
   with nothing changed, then with q1 changed in an earlier text half its learners answered.

Run: .venv/bin/python benchmarks/bench_server_versions.py [--push 20000] [--school 1000000]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_server import batch_of, fill_answers, start_server, timed  # noqa: E402

from quizapp.core.loader import load_bank_text  # noqa: E402
from quizapp.core.sync_batch import SyncBatch  # noqa: E402
from quizapp.server import admin, overview, schema, sync  # noqa: E402
from quizapp.server.connection import connect  # noqa: E402
from quizapp.server.schema_steps_11 import BY_ANSWER_VERSION, count_answers  # noqa: E402


def bench_push(server, n: int, rounds: int) -> None:
    before = next(s for s in schema.STEPS[2]("school") if "FUNCTION quizapp.count_answers" in s)
    after = count_answers(BY_ANSWER_VERSION)
    with connect(server.admin_url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE school")
    with connect(server.admin_url("school"), autocommit=True) as conn:
        admin.init(conn)
        admin.add_class(conn, "7B")
        learner = admin.add_person(conn, "Ann", "learner", ["7B"], server.url("school"))
    times: dict[str, list[float]] = {"before": [], "after": []}
    with connect(server.admin_url("school"), autocommit=True) as admin_conn, connect(
            learner.url, password=learner.password, autocommit=True) as conn:
        sync._prepare(conn)
        for r in range(rounds):
            for name in ("before", "after") if r % 2 == 0 else ("after", "before"):
                admin_conn.execute(before if name == "before" else after)
                batch = batch_of(n)

                def push_all(batch=batch):
                    for start in range(0, n, sync.BATCH_ANSWERS):
                        sync.push_batch(conn, SyncBatch(
                            sessions=batch.sessions if start == 0 else [],
                            answers=batch.answers[start:start + sync.BATCH_ANSWERS],
                            reviews=batch.reviews[start:start + sync.BATCH_ANSWERS]), None)
                times[name].append(timed(push_all))
    ratios = [a / b for a, b in zip(times["after"], times["before"], strict=True)]
    print(f"push {n} answers, {rounds} interleaved rounds: schema 2's trigger median"
          f" {statistics.median(times['before']):.2f} s, schema 13's"
          f" {statistics.median(times['after']):.2f} s; ratio median"
          f" {statistics.median(ratios):.2f} (rounds: {', '.join(f'{x:.2f}' for x in ratios)})")


def _bank_text(q1_answer: str) -> str:
    questions = "".join(
        f"  - id: q{i}\n    type: multiple_choice\n    prompt: Question {i}?\n"
        f'    choices: ["a", "b"]\n    answer: "{q1_answer if i == 1 else "a"}"\n'
        for i in range(40))
    return f"title: B\nid: bank0\nquestions:\n{questions}"


def bench_items(server, total: int, rounds: int) -> None:
    with connect(server.admin_url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE district")
    with connect(server.admin_url("district"), autocommit=True) as conn:
        admin.init(conn)
        conn.execute("INSERT INTO quizapp.classes(name) VALUES ('c')")
        conn.execute("INSERT INTO quizapp.people(role, display_name, kind) SELECT 'l' || g,"
                     " 'L' || g, 'learner' FROM generate_series(1, 2000) g")
        conn.execute('CREATE ROLE district_t NOLOGIN IN ROLE "district_teacher"')
        conn.execute("INSERT INTO quizapp.people VALUES ('district_t', 'T', 'teacher')")
        conn.execute("INSERT INTO quizapp.enrolments SELECT 1, 'l' || g"
                     " FROM generate_series(1, 2000) g")
        conn.execute("INSERT INTO quizapp.teaching VALUES (1, 'district_t')")
        fill_answers(conn, total, 2000, 5)
        bank = load_bank_text(_bank_text("b")).bank
        assert bank is not None
        ids = [q.id for q in bank.questions]
        conn.execute("ANALYZE")

        def measure(label: str) -> None:
            conn.execute("SET ROLE district_t")
            plain, split = [], []
            for _ in range(rounds):
                plain.append(timed(lambda: overview.item_stats(conn, "bank0", ids)))
                split.append(timed(lambda: overview.item_stats(conn, "bank0", ids, bank)))
            conn.execute("RESET ROLE")
            print(f"item analysis, {label}: without the bank"
                  f" {statistics.median(plain) * 1000:.1f} ms, with it (by version)"
                  f" {statistics.median(split) * 1000:.1f} ms, median of {rounds}"
                  f" ({statistics.median(split) / statistics.median(plain):.2f}x)")

        measure("nothing changed")
        earlier = _bank_text("a")
        digest = hashlib.sha256(earlier.encode()).hexdigest()
        conn.execute("INSERT INTO quizapp.banks(content_hash, bank_id, yaml, published_by)"
                     " VALUES (%s, 'bank0', %s, 'district_t')", (digest, earlier))
        # fill_answers gives q1 of bank0 to learners 2, 42, 82…: half of them in the
        # earlier text.
        conn.execute("UPDATE quizapp.learner_question_versions SET content_hash = %s"
                     " WHERE bank_id = 'bank0' AND question_id = 'q1'"
                     " AND substr(learner, 2)::int %% 80 = 2", (digest,))
        conn.execute("VACUUM ANALYZE quizapp.learner_question_versions")
        measure("q1 changed, half its learners in the earlier text")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--push", type=int, default=20_000)
    parser.add_argument("--school", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    server = start_server()
    try:
        bench_push(server, args.push, args.rounds)
        bench_items(server, args.school, args.rounds)
    finally:
        server.stop("immediate")
        shutil.rmtree(server.socket_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
