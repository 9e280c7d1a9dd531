"""Where each version (A, B, ...) of a printed paper puts things: the order of its questions,
of each question's options, and of each cloze blank's choices.

Version A prints the questions in the bank's order, each later version in a shuffled one;
every version shuffles the options (choices, matching's right-hand column, ordering's
items) and a cloze blank's choices, unless the author pins them (`shuffle: false`, a
blank's pinned choices: "All of the above" stays last on every version). Each order is
seeded by the bank id and the version letter, so the same command prints the same papers;
and one that comes out as the version before printed it is drawn again (a few times at
most), so that neighbours sitting versions A and B never see the same order by chance
where another is possible. Each version's answer key follows its own orders.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from quizapp.core.arrangement import Arrangement, letter, option_count, seeded
from quizapp.core.model import Bank, Cloze, Question

MAX_VERSIONS = 26  # A to Z
_REDRAWS = 8  # how often an order that repeats the version before is drawn again, at most

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PrintedQuestion:
    """One question as one version of the paper prints it."""

    question: Question
    arrangement: Arrangement  # the order of its options
    blank_choices: tuple[tuple[str, ...], ...] = ()  # a cloze's, blank by blank


@dataclass(frozen=True, slots=True)
class PaperVersion:
    """One version of the paper: its letter and its questions, in the order printed."""

    letter: str
    questions: tuple[PrintedQuestion, ...]


def paper_versions(bank: Bank, versions: int,
                   printable: Callable[[Question], bool]) -> list[PaperVersion]:
    """Versions A, B, ... of the paper of `bank`'s `printable` questions."""
    if not 1 <= versions <= MAX_VERSIONS:
        raise ValueError(f"versions: choose 1 to {MAX_VERSIONS}, not {versions}")
    questions = [q for q in bank.questions if printable(q)]
    out: list[PaperVersion] = []
    order = list(range(len(questions)))
    before: list[PrintedQuestion] | None = None
    for v in range(versions):
        name = letter(v)
        seed = f"{bank.id}/paper {name}"
        if v:
            order = _unlike(lambda s: _shuffled(len(questions), s), f"{seed}/questions", order)
        printed = [_printed(q, seed, name if v else "", before[i] if before else None)
                   for i, q in enumerate(questions)]
        out.append(PaperVersion(name, tuple(printed[i] for i in order)))
        before = printed
    return out


def _printed(q: Question, seed: str, paper: str, before: PrintedQuestion | None) -> PrintedQuestion:
    """`q` on the version seeded `seed` (`paper`: its name for a cloze's blanks, '' on A),
    unlike `before`, the version before's, where it can be."""
    if option_count(q) < 2:  # nothing to arrange
        arrangement = seeded(q, seed)
    else:
        arrangement = _unlike(lambda s: seeded(q, s), seed,
                              before.arrangement if before else None)
    if not isinstance(q, Cloze):
        return PrintedQuestion(q, arrangement)
    blanks = []
    for n in range(len(q.blanks)):
        if len(q.choices_of(n)) < 2 or n in q.pinned_choices:
            blanks.append(q.choices_of(n))
            continue
        blanks.append(_unlike(partial(q.choices_printed, n), paper,
                              before.blank_choices[n] if before else None))
    return PrintedQuestion(q, arrangement, tuple(blanks))


def _shuffled(count: int, seed: str) -> list[int]:
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return order


def _unlike(draw: Callable[[str], T], seed: str, before: T | None) -> T:
    """draw(seed); drawn again with another seed while it is `before` (a few times at most:
    an order can be the only one allowed, an ordering question of two items)."""
    drawn = draw(seed)
    for again in range(1, _REDRAWS + 1):
        if before is None or drawn != before:
            break
        drawn = draw(f"{seed}\x1fagain {again}")
    return drawn
