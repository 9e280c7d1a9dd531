"""How long grade() takes per question type, against a baseline measured in the same run.

Run: .venv/bin/python benchmarks/bench_grading.py
Prints the median time of one call (microseconds) and its ratio to the
baseline: a plain case-folded string comparison, the least a grader can do.
"""

from __future__ import annotations

import statistics
import time

from quizapp.core.grading import grade
from quizapp.core.model import (
    Choice,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    ShortAnswer,
    TrueFalse,
)

REPEAT = 15
SAMPLE_SECONDS = 0.02  # each of the REPEAT samples runs about this long

LONG = "the voluntary purchase agreements that spell out purchases of U.S.-made parts " * 2
CASES = [
    (
        "multiple_choice",
        MultipleChoice(
            id="a", prompt="p", choices=tuple(Choice(text=f"c{i}") for i in range(5)), correct=2
        ),
        2,
    ),
    (
        "multiple_select",
        MultipleSelect(
            id="a",
            prompt="p",
            choices=tuple(Choice(text=f"c{i}") for i in range(6)),
            correct=(1, 3),
        ),
        [1, 4],
    ),
    ("true_false", TrueFalse(id="a", prompt="p", answer=True), True),
    (
        "short_answer exact",
        ShortAnswer(id="a", prompt="p", answers=("Mickey Kantor", "Kantor")),
        "mickey kantor",
    ),
    (
        "short_answer typo",
        ShortAnswer(id="a", prompt="p", answers=("Mickey Kantor", "Kantor")),
        "Mikcey Kanter",
    ),
    (
        "short_answer wrong",
        ShortAnswer(id="a", prompt="p", answers=("Mickey Kantor", "Kantor")),
        "Ronald Brown",
    ),
    (
        "short_answer 160 chars, typo",
        ShortAnswer(id="a", prompt="p", answers=(LONG,)),
        LONG.replace("parts", "prats"),
    ),
    ("short_answer 10k garbage", ShortAnswer(id="a", prompt="p", answers=(LONG,)), "x" * 10_000),
    ("numeric", Numeric(id="a", prompt="p", answer=60, unit="billion dollars"), "$60-billion"),
    (
        "matching 6 pairs",
        Matching(id="a", prompt="p", pairs=tuple((f"l{i}", f"r{i}") for i in range(6))),
        [0, 1, 2, 3, 5, 4],
    ),
    (
        "ordering 8 items",
        Ordering(id="a", prompt="p", items=tuple(f"i{i}" for i in range(8))),
        [1, 0, 2, 3, 4, 5, 7, 6],
    ),
    (
        "cloze 3 blanks",
        Cloze(
            id="a", prompt="", text="{{Kantor}} met {{Hashimoto|Ryutaro Hashimoto}} in {{Geneva}}"
        ),
        ["kantor", "hashimoto", "Genva"],
    ),
    ("flashcard", Flashcard(id="a", prompt="p", back="b"), 3),
]


def per_call(fn) -> float:
    t0 = time.perf_counter()
    fn()
    once = max(time.perf_counter() - t0, 1e-7)
    number = max(1, min(100_000, int(SAMPLE_SECONDS / once)))
    samples = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - t0) / number)
    return statistics.median(samples)


def main() -> None:
    accepted = "Mickey Kantor"
    typed = "mickey kantor"
    base = per_call(lambda: typed.strip().casefold() == accepted.casefold())
    print(f"baseline (casefold ==): {base * 1e6:.2f} us")
    print(f"{'case':32} {'median us':>10} {'x baseline':>11}")
    for name, q, response in CASES:
        t = per_call(lambda q=q, r=response: grade(q, r))
        print(f"{name:32} {t * 1e6:10.1f} {t / base:11.0f}")


if __name__ == "__main__":
    main()
