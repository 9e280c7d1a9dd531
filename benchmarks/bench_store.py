"""Benchmark the score store at its worst case: one learner, 1,000,000 answers, one bank of
10,000 questions.

    .venv/bin/python benchmarks/bench_store.py [--answers 1000000] [--questions 10000]
        [--keep DIR] [--repeat 200]

Builds the database (bulk insert in one transaction, then Store.rebuild_derived()),
then measures medians of:
  - baseline: a bare durable INSERT + COMMIT into a one-table WAL database
    (synchronous=FULL) in the same folder, in the same run;
  - Store.record_answer (answer row + derived tables + FSRS card + review log, committed);
  - every statistics query the progress screen and the teacher overview use (score_over_time(None)
    is the whole history: day or week averages from score_days beyond 1,000 sessions).
It prints medians in ms and as ratios to the baseline. It asserts nothing about time.
`--keep DIR` keeps (and reuses) the built database, e.g. for bench_stats.py.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizapp.core.model import Bank, Choice, MultipleChoice  # noqa: E402
from quizapp.core.store import DB_NAME, Store  # noqa: E402

TAGS = [f"topic-{n:02d}" for n in range(20)]
FLUSH_ROWS = 500_000  # answers built in memory before they are inserted
FIRST_ANSWERS = 60  # record_answer calls reported apart: the WAL file still grows


def make_bank(questions: int, bank_id: str = "big") -> Bank:
    return Bank(
        id=bank_id,
        title="Big bank",
        content_hash="bench",
        questions=tuple(
            MultipleChoice(
                id=f"q{i:05d}",
                prompt=f"Which statement about item {i} is true according to the article?",
                choices=tuple(Choice(text=f"Choice {c} for item {i}") for c in range(4)),
                correct=i % 4,
                tags=(TAGS[i % 20],) if i % 3 else (TAGS[i % 20], TAGS[(i * 7) % 20]),
            )
            for i in range(questions)
        ),
    )


def build(folder: Path, answers: int, questions: int, learners: int = 1, seed: int = 1) -> Bank:
    """Fill folder's store with `answers` answers per learner, spread over two years."""
    bank = make_bank(questions)
    store = Store.open(folder)
    learner_ids = [store.create_learner(f"Learner {n + 1}").id for n in range(learners)]
    store.close()
    rng = random.Random(seed)
    difficulty = [rng.uniform(0.3, 0.95) for _ in range(questions)]
    per_session = 50
    sessions_per_learner = max(1, answers // per_session)
    now = datetime.now(UTC)
    start = now - timedelta(days=730)
    conn = sqlite3.connect(folder / DB_NAME, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")  # bulk build only; the store itself runs FULL
    conn.execute("BEGIN")
    session_id = 0
    for learner_id in learner_ids:
        skill = rng.uniform(-0.2, 0.1)
        session_rows, answer_rows, review_rows = [], [], []
        for s in range(sessions_per_learner):
            session_id += 1
            t = start + timedelta(seconds=(730 * 86400 - 3600) * s / sessions_per_learner)
            right = 0
            for k in range(per_session):
                i = rng.randrange(questions)
                ok = rng.random() < difficulty[i] + skill
                right += ok
                secs = round(rng.uniform(1.0, 30.0), 3)
                when = (t + timedelta(seconds=20 * k)).isoformat(timespec="microseconds")
                uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                qid = f"q{i:05d}"
                answer_rows.append(
                    (
                        uid,
                        session_id,
                        qid,
                        json.dumps(f"Choice {i % 4} for item {i}"),
                        int(ok),
                        1.0 if ok else 0.0,
                        secs,
                        when,
                    )
                )
                due = (now + timedelta(days=rng.uniform(-30, 60))).isoformat()
                card = json.dumps(
                    {
                        "card_id": i + 1,
                        "state": 2,
                        "step": None,
                        "stability": round(rng.uniform(1, 100), 3),
                        "difficulty": round(rng.uniform(1, 10), 3),
                        "due": due,
                        "last_review": when,
                    }
                )
                review_rows.append(
                    (
                        uid,
                        learner_id,
                        bank.id,
                        qid,
                        i + 1,
                        3 if ok else 1,
                        when,
                        int(secs * 1000),
                        card,
                    )
                )
            finished = (t + timedelta(seconds=20 * per_session)).isoformat(timespec="microseconds")
            session_rows.append(
                (
                    session_id,
                    learner_id,
                    bank.id,
                    "bench",
                    "quiz",
                    t.isoformat(timespec="microseconds"),
                    finished,
                    right / per_session,
                )
            )
            if len(answer_rows) >= FLUSH_ROWS:  # 10,000,000 answers held at once need ~10 GB
                _insert_rows(conn, session_rows, answer_rows, review_rows)
                session_rows, answer_rows, review_rows = [], [], []
        _insert_rows(conn, session_rows, answer_rows, review_rows)
    conn.execute("COMMIT")
    conn.close()
    store = Store.open(folder)
    store.rebuild_derived()
    store.close()
    return bank


def _insert_rows(conn: sqlite3.Connection, session_rows: list, answer_rows: list,
                 review_rows: list) -> None:
    conn.executemany(
        "INSERT INTO sessions(id, learner_id, bank_id, content_hash, mode, started, finished,"
        " score, outcome) VALUES (?,?,?,?,?,?,?,?,'finished')",
        session_rows,
    )
    conn.executemany(
        "INSERT INTO answers(uuid, session_id, question_id, response, correct, credit, seconds,"
        " answered) VALUES (?,?,?,?,?,?,?,?)",
        answer_rows,
    )
    conn.executemany(
        "INSERT INTO reviews(answer_uuid, learner_id, bank_id, question_id, card_id, rating,"
        " reviewed, duration_ms, card) VALUES (?,?,?,?,?,?,?,?,?)",
        review_rows,
    )


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def baseline_insert(folder: Path):
    """A bare durable INSERT + COMMIT into a one-table WAL database: (one_call, close)."""
    path = folder / "baseline.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)")

    def one():
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t(v) VALUES (?)", ("x" * 40,))
        conn.execute("COMMIT")

    return one, conn.close


def baseline_insert_ms(folder: Path, repeat: int) -> float:
    one, close = baseline_insert(folder)
    result = median_ms(one, repeat)
    close()
    return result


def interleaved_ms(a, b, repeat: int) -> tuple[float, float]:
    """Medians of a and b timed alternately, so both meet the same machine load."""
    ta, tb = interleaved_times(a, b, repeat)
    return statistics.median(ta) * 1000, statistics.median(tb) * 1000


def interleaved_times(a, b, repeat: int) -> tuple[list[float], list[float]]:
    """Seconds per call of a and b, timed alternately."""
    ta, tb = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        a()
        ta.append(time.perf_counter() - t)
        t = time.perf_counter()
        b()
        tb.append(time.perf_counter() - t)
    return ta, tb


def p90_ms(times: list[float]) -> float:
    return sorted(times)[int(0.9 * (len(times) - 1))] * 1000


def stats_queries(store: Store, learner_id: int, bank: Bank) -> dict:
    ids = [q.id for q in bank.questions[:50]]
    return {
        "bank_summary": lambda: store.bank_summary(learner_id, bank),
        "tag_accuracy": lambda: store.tag_accuracy(learner_id, bank),
        "weakest_questions(10)": lambda: store.weakest_questions(learner_id, bank, 10),
        "question_stats": lambda: store.question_stats(learner_id, bank),
        "score_over_time": lambda: store.score_over_time(learner_id, bank),
        "score_over_time(None)": lambda: store.score_over_time(learner_id, bank, None),
        "due_per_day(30)": lambda: store.due_per_day(learner_id, bank, 30),
        "due_question_ids": lambda: store.due_question_ids(learner_id, bank),
        "next_due(50 ids)": lambda: store.next_due(learner_id, bank, ids),
        "seen_question_ids": lambda: store.seen_question_ids(learner_id, bank),
        "answers_per_day(bank)": lambda: store.answers_per_day(learner_id, bank),
        "answers_per_day(all)": lambda: store.answers_per_day(learner_id),
        "time_spent": lambda: store.time_spent(learner_id, bank),
        "learner_bank_table": lambda: store.learner_bank_table(),
        "item_analysis (cold)": lambda: (store._item_cache.clear(), store.item_analysis(bank)),
        "item_analysis (cached)": lambda: store.item_analysis(bank),
        "card_state": lambda: store.card_state(learner_id, bank.id, ids[0]),
    }


def store_folder(keep: str | None, prefix: str, answers: int, questions: int):
    """(folder holding a built store, TemporaryDirectory to keep alive or None): `keep`
    is reused when it already holds one, so a big store is built once across runs."""
    tmp = None
    if keep:
        folder = Path(keep)
        folder.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix=prefix)
        folder = Path(tmp.name)
    if not (folder / DB_NAME).exists():
        t = time.perf_counter()
        build(folder, answers, questions)
        print(
            f"built {answers:,} answers / {questions:,} questions in "
            f"{time.perf_counter() - t:.1f} s"
        )
    return folder, tmp


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200, help="record_answer calls to time")
    parser.add_argument("--query-repeat", type=int, default=21)
    parser.add_argument("--keep", metavar="DIR", help="build into (or reuse) this folder")
    args = parser.parse_args()

    folder, tmp = store_folder(args.keep, "bench-store-", args.answers, args.questions)
    bank = make_bank(args.questions)
    size = (folder / DB_NAME).stat().st_size
    print(f"database: {size / 1e6:.0f} MB")

    t = time.perf_counter()
    store = Store.open(folder)
    print(f"Store.open (checks + migrate): {(time.perf_counter() - t) * 1000:.0f} ms")
    learner = store.learners()[0]
    print(f"answers stored: {store.bank_summary(learner.id, bank).answers:,}")

    # The yardstick: a scan of a million rows costs ~80 ms on this machine when
    # it is not shared. Under load every figure grows; the ratio to the scan does not.
    scan = median_ms(lambda: store._conn.execute("SELECT sum(correct) FROM answers").fetchone(), 5)
    sid = store.start_session(learner.id, bank, "quiz")
    rng = random.Random(7)

    def record():
        q = bank.questions[rng.randrange(len(bank.questions))]
        store.record_answer(
            sid,
            q,
            response=q.choices[0].text,
            correct=rng.random() < 0.7,
            credit=1.0,
            seconds=rng.uniform(1, 20),
        )

    insert_one, insert_close = baseline_insert(folder)
    base_times, rec_times = interleaved_times(insert_one, record, args.repeat)
    base = statistics.median(base_times) * 1000
    rec = statistics.median(rec_times) * 1000
    insert_close()
    store.finish_session(sid, 0.7)
    print(f"\n{'operation':<28} {'median ms':>10} {'x insert':>9} {'x scan':>8}")
    print(f"{'baseline INSERT+COMMIT':<28} {base:>10.3f} {1:>9.2f} {base / scan:>8.4f}")
    print(f"{'baseline scan of answers':<28} {scan:>10.3f} {scan / base:>9.2f} {1:>8.4f}")
    print(f"{'record_answer':<28} {rec:>10.3f} {rec / base:>9.2f} {rec / scan:>8.4f}")
    print(
        f"  90th percentile: baseline {p90_ms(base_times):.3f} ms, record_answer"
        f" {p90_ms(rec_times):.3f} ms; means {statistics.mean(base_times) * 1000:.3f},"
        f" {statistics.mean(rec_times) * 1000:.3f} ms"
    )
    # SQLite deletes the WAL file when the last connection closes, so the first ~45
    # answers after opening (WAL_AUTOCHECKPOINT_PAGES / ~9 pages an answer) append to a
    # growing file (a commit costs more than one that overwrites it, once the first
    # checkpoint has reset the log): a study session right after the app starts begins so.
    first = min(FIRST_ANSWERS, len(rec_times) // 2)
    b1 = statistics.median(base_times[:first]) * 1000
    r1 = statistics.median(rec_times[:first]) * 1000
    r2 = statistics.median(rec_times[first:]) * 1000
    b2 = statistics.median(base_times[first:]) * 1000
    print(
        f"  first {first} after opening (the WAL file grows for ~45): baseline {b1:.3f} ms, record_answer"
        f" {r1:.3f} ms = {r1 / b1:.2f}x; the rest: baseline {b2:.3f}, record_answer {r2:.3f}"
        f" = {r2 / b2:.2f}x"
    )
    worst = 0.0
    for name, fn in stats_queries(store, learner.id, bank).items():
        fn()  # warm the page cache, as a screen shown twice would
        ms = median_ms(fn, args.query_repeat)
        worst = max(worst, ms)
        print(f"{name:<28} {ms:>10.3f} {ms / base:>9.2f} {ms / scan:>8.4f}")
    print(
        f"\nslowest statistics query: {worst:.1f} ms = {worst / scan:.2f} scans (target 50 ms,"
        f" i.e. 0.62 of an 80 ms scan); record_answer {rec:.3f} ms = {rec / base:.2f} bare"
        " durable inserts (target 1 ms)"
    )
    store.close()
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
