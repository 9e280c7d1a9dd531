"""What schema 8's teacher policies cost: a teacher reads an enrolled learner's rows except
in another class's banks ((learner, bank_id) NOT IN quizapp.other_classes_banks(...)),
against schema 7's policies (the learner alone) as the baseline, in the same run, the two
swapped between rounds (interleaved), on a real PostgreSQL started for the run.

The school: LEARNERS learners in 4 classes, each learner in two of them; 2 banks published
to each class; ANSWERS answers spread over the 8 banks; the teacher teaches class 1 (half
the learners). Measured as the teacher: the overview's learner x bank rows
(overview.learner_bank_rows), one bank's item analysis, and a count of every answer the
teacher may read (what `quizapp server results` scans).

Run: .venv/bin/python benchmarks/bench_teacher_policies.py [--answers 1000000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_server import fill_answers, start_server, timed  # noqa: E402

from quizapp.server import admin, overview, schema  # noqa: E402
from quizapp.server.connection import connect  # noqa: E402

LEARNERS = 2000
CLASSES = 4
BANKS = 8


def _policies(version: int) -> list[str]:
    """The teacher policies of schema `version` (7: by learner; 8: and not in another
    class's banks), as statements replacing the ones there."""
    out = []
    teacher = '"district_teacher"'
    for table, policy in schema._TEACHER_POLICIES:
        rule = "learner IN (SELECT quizapp.taught_learners(current_user))"
        if version == 8:
            rule += (" AND (learner, bank_id) NOT IN (SELECT o.learner, o.bank_id"
                     " FROM quizapp.other_classes_banks(current_user) o)")
        out += [f"DROP POLICY {policy} ON quizapp.{table}",
                f"CREATE POLICY {policy} ON quizapp.{table} FOR SELECT TO {teacher}"
                f" USING ({rule})"]
    return out


def _school(conn, total: int) -> None:
    for k in range(1, CLASSES + 1):
        conn.execute("INSERT INTO quizapp.classes(name) VALUES (%s)", (f"class {k}",))
    conn.execute(
        "INSERT INTO quizapp.people(role, display_name, kind)"
        " SELECT 'l' || g, 'Learner ' || g, 'learner' FROM generate_series(1, %s::bigint) g",
        (LEARNERS,))
    conn.execute('CREATE ROLE district_t NOLOGIN IN ROLE "district_teacher"')
    conn.execute("INSERT INTO quizapp.people VALUES ('district_t', 'Teacher', 'teacher')")
    # Learner g is in class 1 + g % 4 and class 1 + (g + 1) % 4.
    for shift in (0, 1):
        conn.execute("INSERT INTO quizapp.enrolments SELECT 1 + (g + %s) %% 4, 'l' || g"
                     " FROM generate_series(1, %s::bigint) g", (shift, LEARNERS))
    conn.execute("INSERT INTO quizapp.teaching VALUES (1, 'district_t')")
    for b in range(BANKS):
        digest = f"hash{b}"
        conn.execute("INSERT INTO quizapp.banks(content_hash, bank_id, yaml) VALUES (%s, %s, '')",
                     (digest, f"bank{b}"))
        conn.execute("INSERT INTO quizapp.class_banks(class_id, bank_id, content_hash)"
                     " VALUES (%s, %s, %s)", (1 + b % CLASSES, f"bank{b}", digest))
    fill_answers(conn, total, LEARNERS, BANKS)
    conn.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    server = start_server()
    try:
        with connect(server.admin_url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE district")
        with connect(server.admin_url("district"), autocommit=True) as owner, \
                connect(server.admin_url("district"), autocommit=True) as teacher:
            admin.init(owner)
            made = time.perf_counter()
            _school(owner, args.answers)
            print(f"  generated {args.answers} answers in {time.perf_counter() - made:.0f} s")
            teacher.execute("SET ROLE district_t")
            ids = [f"q{i}" for i in range(40)]
            reads = {
                "overview rows": lambda: overview.learner_bank_rows(teacher),
                "item analysis": lambda: overview.item_stats(teacher, "bank0", ids),
                "answers readable": lambda: teacher.execute(
                    "SELECT count(*) FROM quizapp.answers").fetchone(),
                "the banks left out alone": lambda: teacher.execute(
                    "SELECT count(*) FROM quizapp.other_classes_banks(current_user)").fetchone(),
            }
            times: dict[tuple[int, str], list[float]] = {}
            seen: dict[int, tuple] = {}
            for _round in range(args.rounds):
                for version in (7, 8):
                    with owner.transaction():
                        for sql in _policies(version):
                            owner.execute(sql)
                    seen[version] = (
                        len(overview.learner_bank_rows(teacher)),
                        teacher.execute("SELECT count(*) FROM quizapp.answers").fetchone()[0])
                    for name, read in reads.items():
                        times.setdefault((version, name), []).append(
                            statistics.median(timed(read) for _ in range(3)))
            print(f"  schema 7 reads {seen[7][0]} learner x bank rows, {seen[7][1]} answers;"
                  f" schema 8 {seen[8][0]} rows, {seen[8][1]} answers")
            for name in reads:
                old = statistics.median(times[(7, name)])
                new = statistics.median(times[(8, name)])
                print(f"{name}: schema 8 {new * 1000:.1f} ms, schema 7 {old * 1000:.1f} ms,"
                      f" ratio {new / old:.2f}")
    finally:
        server.stop("immediate")
        shutil.rmtree(server.socket_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
