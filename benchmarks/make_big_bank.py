"""Write a large, valid question bank for benchmarks (10,000 questions, about 6 MB).

    python benchmarks/make_big_bank.py OUT.yaml [--questions N] [--seed S]

Every question type appears, in the block style teachers write, with
explanations, tags and sources, so the loader does the same work per
question that it does on a real bank.
"""

from __future__ import annotations

import argparse
import random

WORDS = (
    "trade talks tariff import export quota market dealer parts vehicle luxury "
    "negotiator minister deadline sanction dispute agreement ministry company "
    "representative surplus deficit dollar yen currency factory supplier "
    "production sales share percent report official government meeting week "
    "proposal retaliation industry automaker economy pressure demand access"
).split()


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return (" ".join(words)).capitalize()


def question(rng: random.Random, i: int) -> str:
    kind = (
        "multiple_choice",
        "multiple_select",
        "true_false",
        "short_answer",
        "numeric",
        "matching",
        "ordering",
        "cloze",
        "flashcard",
    )[i % 9]
    lines = [f"  - id: q{i:05d}-{kind.replace('_', '-')}", f"    type: {kind}"]
    if kind not in ("flashcard", "cloze"):
        lines.append(f"    prompt: {sentence(rng, 11)}?")
    if kind == "multiple_choice":
        choices = [f"{sentence(rng, 5)} {k}" for k in range(4)]
        lines.append("    choices:")
        lines += [f"      - {c}" for c in choices[:3]]
        lines.append(f"      - text: {choices[3]}")
        lines.append(f"        feedback: {sentence(rng, 8)}.")
        lines.append(f"    answer: {rng.choice(choices)}")
    elif kind == "multiple_select":
        choices = [f"{sentence(rng, 4)} {k}" for k in range(5)]
        lines.append("    choices:")
        lines += [f"      - {c}" for c in choices]
        right = sorted(rng.sample(choices, 2))
        lines.append(f"    answers: [{right[0]}, {right[1]}]")
    elif kind == "true_false":
        lines.append(f"    answer: {rng.choice(['true', 'false'])}")
    elif kind == "short_answer":
        lines.append("    answers:")
        lines += [f"      - {sentence(rng, 2)}" for _ in range(3)]
        lines.append("    grading:")
        lines.append("      case_sensitive: false")
        lines.append("      max_typos: auto")
    elif kind == "numeric":
        lines.append(f"    answer: {rng.uniform(1, 1000):.2f}")
        lines.append(f"    tolerance: {rng.choice([0, 0.5, 1])}")
        lines.append("    unit: billion dollars")
    elif kind == "matching":
        lines.append("    pairs:")
        for k in range(4):
            lines.append(f"      - left: {sentence(rng, 3)} {k}")
            lines.append(f"        right: {sentence(rng, 4)} {k}")
    elif kind == "ordering":
        lines.append("    items:")
        lines += [f"      - {sentence(rng, 6)} {k}" for k in range(4)]
    elif kind == "cloze":
        lines.append(
            f'    text: "{sentence(rng, 8)} {{{{{rng.choice(WORDS)}|{rng.choice(WORDS)}}}}} '
            f'{" ".join(rng.choice(WORDS) for _ in range(8))} {{{{{rng.choice(WORDS)}}}}}."'
        )
    else:
        lines.append(f"    front: {sentence(rng, 6)}")
        lines.append(f"    back: {sentence(rng, 10)}")
    lines.append("    explanation: >-")
    lines.append(f"      {sentence(rng, 13)}.")
    lines.append(f"      {sentence(rng, 12)}.")
    lines.append(f"    tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}-topic]")
    lines.append(f"    source: paragraph {rng.randint(1, 30)}")
    if i % 7 == 0:
        lines.append("    points: 2")
    return "\n".join(lines)


def make_bank(questions: int = 10_000, seed: int = 1995) -> str:
    rng = random.Random(seed)
    head = [
        "# yaml-language-server: $schema=../quizapp/bank.schema.json",
        "title: Benchmark bank",
        "id: benchmark-bank",
        "description: A generated bank for timing the loader.",
        "language: en",
        "authors: [benchmarks/make_big_bank.py]",
        "tags: [benchmark]",
        "source:",
        "  title: Generated text",
        "  publisher: quizapp",
        "  date: 2026-01-01",
        "questions:",
    ]
    body = [question(rng, i) for i in range(questions)]
    return "\n".join(head + body) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1995)
    args = parser.parse_args()
    text = make_bank(args.questions, args.seed)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {args.out}: {args.questions} questions, {len(text.encode()) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
