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
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

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
    return _arranged(question, partial(_shuffled_by_rng, rng))


def _shuffled_by_rng(rng: random.Random, count: int) -> Arrangement:
    order = list(range(count))
    rng.shuffle(order)
    return Arrangement(tuple(order))


def _arranged(question: Question, shuffled: Callable[[int], Arrangement]) -> Arrangement:
    """The order `shuffled` (an order of so many options) gives, by the rules of the
    question's kind: pinned by shuffle: false, never starting in the right order."""
    kind = kind_of(question)
    texts = None if kind is None else kind.arranged_texts(question)
    if kind is None or texts is None:  # most questions (made once: a dataclass costs 1 us)
        return _NOTHING_ARRANGED
    count = len(texts)
    if count < 2:
        return Arrangement(tuple(range(count)))
    if kind.starts_out_of_order:
        arrangement = shuffled(count)
        if arrangement.order == tuple(range(count)):  # never start in the right order
            return Arrangement(arrangement.order[::-1])
        return arrangement
    if not kind.may_shuffle(question):
        return Arrangement(tuple(range(count)))
    return shuffled(count)


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
    return _arranged(question, partial(_shuffled_by_digest, digest))


# Up to this many options, the orders a digest can give are looked up, not shuffled: the
# swaps below take the digits of the digest's number in radix n, n - 1, ... 2, so they
# depend only on the number modulo n!, one of n! orders made once (720 for six options).
_LOOKED_UP = 6


def _shuffled_by_digest(digest: bytes, count: int) -> Arrangement:
    """Fisher-Yates, each swap's index a digit of the digest read as one number in mixed
    radix (n, n - 1, ... 2). A digest of L bytes orders up to L options with more than
    64 bits to spare (practically uniform); more options than that stretch it with
    SHAKE-256 to 16 bytes an option."""
    if count <= _LOOKED_UP and count <= len(digest):  # (a digest this long: no stretching)
        orders = _orders_by_remainder(count)
        return orders[int.from_bytes(digest, "big") % len(orders)]
    if count > len(digest):
        digest = hashlib.shake_256(digest).digest(16 * count)
    return Arrangement(_swapped(int.from_bytes(digest, "big"), count))


def _swapped(number: int, count: int) -> tuple[int, ...]:
    """range(count) shuffled by Fisher-Yates, its swaps the mixed-radix digits of number."""
    order = list(range(count))
    for i in range(count - 1, 0, -1):
        number, j = divmod(number, i + 1)
        order[i], order[j] = order[j], order[i]
    return tuple(order)


@cache
def _orders_by_remainder(count: int) -> tuple[Arrangement, ...]:
    """_swapped(number, count) for each number modulo count!, at its remainder."""
    return tuple(Arrangement(_swapped(r, count)) for r in range(math.factorial(count)))


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
