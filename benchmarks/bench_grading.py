"""How long grade() takes per question type, against a baseline measured in the same run.

Run: .venv/bin/python benchmarks/bench_grading.py
Prints the median time of one call (microseconds) and its ratio to the
baseline: a plain case-folded string comparison, the least a grader can do.

Then the article bank: every question of the bundled
us-japan-auto-talks-1995 bank with a set of typed answers each (the expected
answer, other case, a leading "the"/"Mr.", a typo, a real word one letter off,
a name turned round, numbers with currencies, suffixes and rates), with the
English word list loaded first. It prints the median, 90th percentile and
maximum time per answer; the target is a median of at most 50 us.
"""

from __future__ import annotations

import statistics
import time

from quizapp.core import textmatch, wordlist
from quizapp.core.grading import expected_response, grade
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
    TextPolicy,
    TrueFalse,
)

REPEAT = 15
SAMPLE_SECONDS = 0.02  # each of the REPEAT samples runs about this long

MOODLE = TextPolicy(moodle=True)
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
    (
        # Moodle's answers worth part of the marks, the last '*' (any other answer): a
        # response only '*' takes walks them all (once since interop21; twice before)
        "short_answer 40 part marks, '*'",
        ShortAnswer(id="a", prompt="p", answers=("Mickey Kantor",), policy=MOODLE,
                    partly_right=tuple((f"official {i}", 0.5) for i in range(40))
                    + (("*", 0.1),), feedback_if_wrong="Kantor is the Trade Representative"),
        "Ronald Brown",
    ),
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


def _typo(text: str) -> str:
    """Two neighbouring letters of the longest word swapped."""
    words = text.split()
    if not words:
        return text
    i = max(range(len(words)), key=lambda n: len(words[n]))
    w = words[i]
    if len(w) >= 4:
        words[i] = w[:2] + w[3] + w[2] + w[4:]
    return " ".join(words)


def _typed_answers(q) -> list:
    """A teacher's set of typed answers for one question of the article bank."""
    right = expected_response(q)
    if isinstance(q, ShortAnswer):
        out = [right, right.upper(), "the " + right, "Mr. " + right, _typo(right)]
        out += ["Crown", "conference", "UK made", "involuntary " + right]
        words = right.split()
        if len(words) == 2:
            out.append(f"{words[1]}, {words[0]}")
        return out
    if isinstance(q, Cloze):
        return [right, [_typo(b) for b in right], ["involuntary"] * len(right), []]
    if isinstance(q, Numeric):
        return [right, "$60B", "US$60 billion", "60 bln", "60 billion a year", "4 officials",
                "four", "60 million", "60 billion yen", "lots"]
    if isinstance(q, MultipleChoice):
        return [right, (right + 1) % len(q.choices)]
    if isinstance(q, MultipleSelect):
        return [right, [0], list(range(len(q.choices)))]
    if isinstance(q, Matching | Ordering):
        return [right, list(reversed(right))]
    if isinstance(q, TrueFalse):
        return [right, not right]
    return [right, 1]


def article_bank():
    from quizapp.core.library import discover_bank_files
    from quizapp.core.loader import load_bank
    from quizapp.core.paths import bundled_banks_dir

    for path in discover_bank_files(bundled_banks_dir()):
        if path.stem.startswith("us-japan-auto-talks"):
            return load_bank(path, use_cache=False).raise_for_errors()
    raise SystemExit("the bundled article bank is missing")


def main() -> None:
    t0 = time.perf_counter()
    loaded = wordlist.load()
    print(f"word list loaded in {(time.perf_counter() - t0) * 1000:.0f} ms (available: {loaded})")
    accepted = "Mickey Kantor"
    typed = "mickey kantor"
    base = per_call(lambda: typed.strip().casefold() == accepted.casefold())
    print(f"baseline (casefold ==): {base * 1e6:.2f} us")
    print(f"{'case':32} {'median us':>10} {'x baseline':>11}")
    for name, q, response in CASES:
        t = per_call(lambda q=q, r=response: grade(q, r))
        print(f"{name:32} {t * 1e6:10.1f} {t / base:11.0f}")

    bank = article_bank()
    times = []
    forget = textmatch.forget_responses  # each answer is typed once: no cached response
    for q in bank.questions:
        for response in _typed_answers(q):
            times.append(per_call(lambda q=q, r=response: (forget(), grade(q, r))))
    times.sort()
    median = statistics.median(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    print(
        f"\narticle bank: {len(bank.questions)} questions, {len(times)} typed answers: "
        f"median {median * 1e6:.1f} us ({median / base:.0f}x baseline), "
        f"90th percentile {p90 * 1e6:.1f} us, max {times[-1] * 1e6:.1f} us (target: median <= 50 us)"
    )


if __name__ == "__main__":
    main()
