"""Where each version (A, B, ...) of a printed paper puts things: the order of its questions,
of each question's options, and of each cloze blank's choices.

Version A prints the questions in the bank's order, each later version in a shuffled one;
every version shuffles the options (choices, matching's right-hand column, ordering's
items) and a cloze blank's choices, unless the author pins them (`shuffle: false`, a
blank's pinned choices: "All of the above" stays last on every version). Each order is
seeded by the bank id and the version letter, so the same command prints the same papers;
and one that comes out as the version before printed it is drawn again (a few times at
most), so that neighbours sitting versions A and B never see the same order by chance
where another is possible. A choice question's order must also move its right answers off
the letters the version before gave them (another order of the wrong choices alone would
leave the answer key's letter as it was): drawn again, then turned round until they move.
Each version's answer key follows its own orders.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from quizapp.core.arrangement import Arrangement, letter, option_count, seeded
from quizapp.core.model import Bank, Cloze, MultipleChoice, MultipleSelect, Question

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
    elif isinstance(q, MultipleChoice | MultipleSelect):
        arrangement = _right_letters_moved(q, seed, before.arrangement if before else None)
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


def _right_positions(q: MultipleChoice | MultipleSelect, arrangement: Arrangement
                     ) -> frozenset[int]:
    """Where the right choices are printed: the letters of the answer key."""
    right = (q.correct,) if isinstance(q, MultipleChoice) else q.correct
    return frozenset(arrangement.position_of(i) for i in right)


def _right_letters_moved(q: MultipleChoice | MultipleSelect, seed: str,
                         before: Arrangement | None) -> Arrangement:
    """A choice question's order on the version seeded `seed`, its right answers under
    other letters than on `before` where the author has not pinned the order: drawn again
    while they are not, then, should every draw keep them (two choices: one in two each
    time), turned round a step at a time (which moves a single right answer always)."""
    if before is None:
        return seeded(q, seed)
    keyed = _right_positions(q, before)
    arrangement = _unlike(lambda s: seeded(q, s), seed, before,
                          same=lambda drawn: _right_positions(q, drawn) == keyed)
    if not q.shuffle or _right_positions(q, arrangement) != keyed:
        return arrangement
    order = arrangement.order
    turned = (Arrangement(order[step:] + order[:step]) for step in range(1, len(order)))
    return next((a for a in turned if _right_positions(q, a) != keyed), arrangement)


def _shuffled(count: int, seed: str) -> list[int]:
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return order


def _unlike(draw: Callable[[str], T], seed: str, before: T | None,
            same: Callable[[T], bool] | None = None) -> T:
    """draw(seed); drawn again with another seed while it is `before` or, given `same`,
    while same(drawn) (a few times at most: an order can be the only one allowed, an
    ordering question of two items)."""
    drawn = draw(seed)
    for again in range(1, _REDRAWS + 1):
        if before is None or (drawn != before and not (same and same(drawn))):
            break
        drawn = draw(f"{seed}\x1fagain {again}")
    return drawn
