"""The answer's transaction as record_answer writes it, against the same transaction with the
answer statistics in it (as up to schema version 9), timed alternately in one process on
one store, so that the machine's load and its shared disk meet both alike.

    .venv/bin/python benchmarks/bench_answer_transaction.py [--cards 10000]
        [--history 100000] [--repeat 400] [--no-flush]

The store is bench_answer_vs_anki's (`--cards` flashcards, `--history` answers and reviews
in all). Each round answers a fresh due card with each variant, in a shuffled order:
  - now: BEGIN IMMEDIATE; the answer; the card read and its review planned (FSRS); the
    card; the review; COMMIT (what Answers.record_answer runs);
  - with statistics: the same plus question_stats, bank_stats and day_stats upserted for
    the answer (what version 9 ran in the same transaction; version 10 folds answers into
    them before they are read: quizapp.core.store.catch_up);
  - with statistics, card read first: as version 9 did it, the card read (and its review
    planned) in a read transaction of its own before BEGIN IMMEDIATE.
It prints medians, means and the ratios to the first, and the journal frames each variant
writes per answer. `--no-flush` runs with synchronous=OFF (the work before the flush only).
It asserts nothing about time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_answer_vs_anki import build_quizapp  # noqa: E402

from quizapp.core.store import DB_NAME, Store  # noqa: E402
from quizapp.core.store import answers as A  # noqa: E402
from quizapp.core.store.values import _json_text, _local_day, _ppm, _ts, _uuid7  # noqa: E402

# Version 9's per-answer upserts (the catch-up adds a batch's sums with the same effect).
UPSERT_QUESTION = (
    "INSERT INTO question_stats VALUES (?,?,?,1,?,?,?,?,?,?,?)"
    " ON CONFLICT(learner_id, bank_id, question_id) DO UPDATE SET"
    " answers = answers + 1, correct = correct + excluded.correct,"
    " credit_ppm = credit_ppm + excluded.credit_ppm, ms = ms + excluded.ms,"
    " last_correct = excluded.last_correct, last_answered = excluded.last_answered,"
    " last_wrong = coalesce(excluded.last_wrong, last_wrong)"
)
UPSERT_BANK = (
    "INSERT INTO bank_stats(learner_id, bank_id, answers, correct, ms, last_answered)"
    " VALUES (?,?,1,?,?,?) ON CONFLICT(learner_id, bank_id) DO UPDATE SET"
    " answers = answers + 1, correct = correct + excluded.correct,"
    " ms = ms + excluded.ms, last_answered = excluded.last_answered"
)
UPSERT_DAY = (
    "INSERT INTO day_stats VALUES (?,?,?,1,?,?)"
    " ON CONFLICT(learner_id, bank_id, day) DO UPDATE SET"
    " answers = answers + 1, correct = correct + excluded.correct, ms = ms + excluded.ms"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--history", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=400)
    parser.add_argument("--no-flush", action="store_true", help="synchronous=OFF")
    args = parser.parse_args(argv)
    if 3 * (args.repeat + 20) > args.cards:
        parser.error("each variant answers its own due cards: --cards >= 3 * (--repeat + 20)")
    with tempfile.TemporaryDirectory(prefix="bench-answer-tx-") as tmp:
        folder = Path(tmp)
        bank = build_quizapp(folder, args.cards, args.history)
        store = Store.open(folder)
        db = store._db
        conn = db.live()
        if args.no_flush:
            conn.execute("PRAGMA synchronous=OFF")
        learner = store.learners()[0].id
        sid = store.start_session(learner, bank, "flashcards")
        cards = list(bank.questions)
        random.Random(3).shuffle(cards)
        queue = iter(cards)

        def answer(stats: bool, read_first: bool) -> None:
            q = next(queue)
            when = datetime.fromisoformat(_ts(datetime.now(UTC)))
            answered = _ts(when)
            uid = _uuid7()
            key = (learner, bank.id, q.id)
            row = (uid, sid, q.id, _json_text("Good"), 1, 1.0, 3.0, answered, None)
            if read_first:
                card = db.read1(A._SELECT_CARD, key)
                plan = A._plan_review(card, key, 3, when, 3.0)
            with db.write() as c:
                c.execute(A._INSERT_ANSWER, row)
                if stats:
                    c.execute(UPSERT_QUESTION, (*key, 1, _ppm(1.0), 3000, 1, 1, answered, None))
                    c.execute(UPSERT_BANK, (learner, bank.id, 1, 3000, answered))
                    c.execute(UPSERT_DAY, (learner, bank.id, _local_day(when), 1, 3000))
                if not read_first:
                    card = c.execute(A._SELECT_CARD, key).fetchone()
                    plan = A._plan_review(card, key, 3, when, 3.0)
                if card is None:  # as record_answer writes the card
                    c.execute(A._INSERT_CARD, key + plan[1])
                else:
                    c.execute(A._UPDATE_CARD, plan[1] + key)
                c.execute(A._INSERT_REVIEW, (uid, *key, plan[0], 3, answered, 3000, plan[2]))

        variants = {
            "now": lambda: answer(False, False),
            "with statistics": lambda: answer(True, False),
            "with statistics, card read first": lambda: answer(True, True),
        }
        wal = folder / (DB_NAME + "-wal")
        frames: dict[str, list[float]] = {name: [] for name in variants}
        times: dict[str, list[float]] = {name: [] for name in variants}
        for name, fn in variants.items():  # warm up; count the journal frames of 20 answers
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA wal_autocheckpoint=0")
            for _ in range(20):
                fn()
            frames[name].append((wal.stat().st_size - 32) / (4096 + 24) / 20)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA wal_autocheckpoint=400")
        order = list(variants.items())
        for n in range(args.repeat):
            random.Random(n).shuffle(order)
            for name, fn in order:
                t = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t)
        store.close()

    base = statistics.median(times["now"])
    flush = " (synchronous=OFF)" if args.no_flush else ""
    print(f"{'answer transaction' + flush:<36} {'median ms':>9} {'mean ms':>8} {'x now':>6}"
          f" {'frames':>6}")
    for name, ts in times.items():
        m = statistics.median(ts)
        print(f"{name:<36} {m * 1000:>9.3f} {statistics.mean(ts) * 1000:>8.3f}"
              f" {m / base:>6.2f} {frames[name][0]:>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
