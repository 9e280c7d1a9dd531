"""How a question's options are laid out for one showing: the shuffled order.

The position of the right answer must not give it away, so every time a question is
shown its choices (multiple choice and multiple select), the right-hand column of a
matching question and the starting order of an ordering question are shuffled.
An author pins the written order with ``shuffle: false`` (for "all of the above"
and the like); an ordering question always starts shuffled, never in the right order.

An ``Arrangement`` maps positions on screen to indexes in the question as written.
Grading and the store always speak of the question as written (choice indexes, pair
indexes, item indexes); only the screen and the printed paper use the arrangement,
and the answer log keeps the texts in the order shown (``shown_texts``) so that a
results page or a teacher can see what the learner saw.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from quizapp.core.kinds import kind_of
from quizapp.core.model_base import Question


@dataclass(frozen=True, slots=True)
class Arrangement:
    """``order[k]`` is the written index of the option shown at position ``k``."""

    order: tuple[int, ...]

    def position_of(self, written_index: int) -> int:
        """Where the option written at ``written_index`` is shown (0-based)."""
        return self.order.index(written_index)


_NOTHING_ARRANGED = Arrangement(())


def _texts(question: Question) -> tuple[str, ...] | None:
    kind = kind_of(question)
    return None if kind is None else kind.arranged_texts(question)


def option_count(question: Question) -> int:
    """How many options of this question are arranged (0: nothing to arrange)."""
    texts = _texts(question)
    return 0 if texts is None else len(texts)


def written(question: Question) -> Arrangement:
    """The order as written in the bank."""
    return Arrangement(tuple(range(option_count(question))))


def arrange(question: Question, rng: random.Random) -> Arrangement:
    """A fresh order for one showing of ``question``, drawn from ``rng``."""
    return _arranged(question, rng.shuffle)


def _arranged(question: Question, shuffle: Callable[[list[int]], None]) -> Arrangement:
    """The order `shuffle` (which shuffles a list in place) gives, by the rules of the
    question's kind: pinned by shuffle: false, never starting in the right order."""
    kind = kind_of(question)
    texts = None if kind is None else kind.arranged_texts(question)
    if kind is None or texts is None:  # most questions (made once: a dataclass costs 1 us)
        return _NOTHING_ARRANGED
    order = list(range(len(texts)))
    if len(order) < 2:
        return Arrangement(tuple(order))
    if kind.starts_out_of_order:
        shuffle(order)
        if order == sorted(order):  # never start in the right order
            order.reverse()
        return Arrangement(tuple(order))
    if not kind.may_shuffle(question):
        return Arrangement(tuple(order))
    shuffle(order)
    return Arrangement(tuple(order))


def seeded(question: Question, seed: str) -> Arrangement:
    """A stable order for ``question`` from a text seed (same seed, same order):
    printed papers, which must come out the same each time (exported decks: drawn)."""
    if option_count(question) < 2:  # nothing to shuffle: arrange would not draw
        return written(question)  # (and seeding a Random with a text costs 7 us)
    return arrange(question, random.Random(f"{seed}\x1f{question.id}"))


def drawn(question: Question, digest: bytes) -> Arrangement:
    """A stable order for ``question`` drawn from ``digest`` (16 or more bytes of a hash
    of what identifies it; same digest, same order): exported decks, which take it from
    the hash their note's guid comes from. Cheaper than `seeded` (no Random to seed,
    7 us with a text) and a different order for the same question."""
    return _arranged(question, partial(_shuffle_by_digest, digest))


def _shuffle_by_digest(digest: bytes, order: list[int]) -> None:
    """Fisher-Yates, each swap's index a digit of the digest read as one number in mixed
    radix (n, n - 1, ... 2). A digest of L bytes orders up to L options with more than
    64 bits to spare (practically uniform); more options than that stretch it with
    SHAKE-256 to 16 bytes an option."""
    if len(order) > len(digest):
        digest = hashlib.shake_256(digest).digest(16 * len(order))
    remaining = int.from_bytes(digest, "big")
    for i in range(len(order) - 1, 0, -1):
        remaining, j = divmod(remaining, i + 1)
        order[i], order[j] = order[j], order[i]


def shown_texts(question: Question, arrangement: Arrangement) -> list[str] | None:
    """The option texts in the order shown, as the answer log keeps them;
    None for a question with nothing to arrange."""
    texts = _texts(question)
    if texts is None:
        return None
    return [texts[i] for i in arrangement.order]


def letter(position: int) -> str:
    """A, B, C ... for position 0, 1, 2 ... (AA after Z)."""
    out = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        out = chr(ord("A") + rest) + out
    return out
