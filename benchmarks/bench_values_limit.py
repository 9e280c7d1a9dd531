"""Time the refusal of a bank over the limit of values, against reading it to that limit.

    python benchmarks/bench_values_limit.py [--runs 3] [--questions 600000]
                                            [--valid-questions 100000]

The file over the limit is --questions short true/false questions, 9 values each (600,000:
82 MB, 5.4 million values, the file that took `quizapp validate` 41-65 s to refuse). It is
checked in this process (loader.check_bytes, no cache) two ways, interleaved run by run:

  sampled   as the app does: value_samples.too_many_values counts slices spread through
            the file and refuses it before reading it whole
  read      the sampling turned off: the file is read, each question built and checked,
            until the 5,000,001st value (what the app did before)

The sampling's cost on a bank under the limit (make_big_bank.py, --valid-questions) is its
time against that bank's whole check. Medians; ratios sampled/read and sampling/check.
It measures and prints; it does not assert.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from quizapp.core import value_samples
from quizapp.core.loader import check_bytes

HERE = Path(__file__).resolve().parent


def over_the_limit(questions: int) -> bytes:
    items = (f"  - id: q{i}\n    type: true_false\n"
             f'    prompt: "Statement number {i} with some words to make it longer and longer"\n'
             "    answer: true\n" for i in range(questions))
    return ("title: big\nquestions:\n" + "".join(items)).encode()


def seconds(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--questions", type=int, default=600_000)
    parser.add_argument("--valid-questions", type=int, default=100_000)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from make_big_bank import make_bank

    over = over_the_limit(args.questions)
    valid = make_bank(args.valid_questions).encode()
    sampling = value_samples.too_many_values
    times: dict[str, list[float]] = {"sampled": [], "read": [], "sampling": [], "check": []}
    for _ in range(args.runs):
        times["sampled"].append(seconds(lambda: check_bytes(over, "over.yaml", "-")))
        value_samples.too_many_values = lambda data: None  # type: ignore[assignment]
        try:
            times["read"].append(seconds(lambda: check_bytes(over, "over.yaml", "-")))
        finally:
            value_samples.too_many_values = sampling
        times["sampling"].append(seconds(lambda: sampling(valid)))
        times["check"].append(seconds(lambda: check_bytes(valid, "valid.yaml", "-")))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"over the limit: {len(over) / 1e6:.0f} MB, {args.questions:,} questions; "
          f"under it: {len(valid) / 1e6:.0f} MB, {args.valid_questions:,} questions; "
          f"{args.runs} runs")
    for name, value in median.items():
        print(f"  {name:9} {value * 1000:10.1f} ms")
    print(f"refusal, sampled / read: {median['sampled'] / median['read']:.4f}")
    print(f"a bank under the limit, sampling / its check: "
          f"{median['sampling'] / median['check']:.4f}")


if __name__ == "__main__":
    main()
