"""The library's New / Learning / Due counts (core/bank_counts.py) against what the library
already read per bank before them (Store.bank_summary), as ratios in one run.

    .venv/bin/python benchmarks/bench_library_counts.py [--answers 100000] [--questions 10000]
        [--banks 30] [--deck 20000] [--repeat 21]

Two stores:
  - a learner with `--answers` answers over a `--questions`-question bank (bench_store's
    build), plus `--banks` small flashcard banks never studied: a library of many banks;
  - a `--deck`-card flashcard deck with half its cards reviewed and due (bench_flashcards'
    build): the biggest due and new counts.
Measured, as medians over `--repeat` runs: one library refresh's bank_summary calls
(the baseline) and its study_counts calls. It prints ms and ratios; it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_flashcards import build_quizapp  # noqa: E402
from bench_store import build  # noqa: E402

from quizapp.core.bank_counts import study_counts  # noqa: E402
from quizapp.core.model import Bank, Flashcard  # noqa: E402
from quizapp.core.store import Store  # noqa: E402


def small_banks(count: int) -> list[Bank]:
    return [
        Bank(
            id=f"small-{n}",
            title=f"Small bank {n}",
            content_hash="bench",
            questions=tuple(
                Flashcard(id=f"s{n}-{i}", prompt=f"Front {i}", back=f"Back {i}") for i in range(50)
            ),
        )
        for n in range(count)
    ]


def median_ms(run: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def compare(name: str, store: Store, learner: int, banks: list[Bank], repeat: int) -> None:
    def summaries() -> None:
        for bank in banks:
            store.bank_summary(learner, bank)

    def counts() -> None:
        for bank in banks:
            study_counts(store, learner, bank)

    summaries()  # catalogs synced and caches warm, as after the library's first listing
    counts()
    base = median_ms(summaries, repeat)
    new = median_ms(counts, repeat)
    print(
        f"{name}: {len(banks)} banks  bank_summary {base:.2f} ms  study_counts {new:.2f} ms"
        f"  ratio {new / base:.2f}  (refresh with counts: {(base + new) / base:.2f}x)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--banks", type=int, default=30)
    parser.add_argument("--deck", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-counts-") as tmp:
        folder = Path(tmp) / "library"
        folder.mkdir()
        big = build(folder, args.answers, args.questions)
        store = Store.open(folder)
        learner = store.learners()[0].id
        compare("library", store, learner, [big, *small_banks(args.banks)], args.repeat)
        store.close()

        folder = Path(tmp) / "deck"
        folder.mkdir()
        deck = build_quizapp(folder, args.deck, args.deck // 2)
        store = Store.open(folder)
        learner = store.learners()[0].id
        compare("deck", store, learner, [deck], args.repeat)
        print("counts:", study_counts(store, learner, deck))
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
