"""Comparing a typed answer with an accepted one: normalisation and edit distance.

Used by grading for short answers and cloze blanks. No Qt, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from quizapp.core.model import TextPolicy

_SPACES = re.compile(r"\s+")
_DIGIT_RUNS = re.compile(r"\d+")

# Dashes and slashes separate words ("U.S.-Japan", "and/or"), so they become a
# space; every other punctuation mark is dropped so that "U.S." equals "US".
_SEPARATORS = frozenset("/\\|")


@lru_cache(maxsize=4096)
def normalised_answer(text: str, policy: TextPolicy) -> str:
    """normalise() for a bank's accepted answers, which are compared again and again."""
    return normalise(text, policy)


def normalise(text: str, policy: TextPolicy) -> str:
    """The form of `text` that answers are compared in under `policy`.

    Always: Unicode NFKC (full-width letters, ligatures), whitespace collapsed
    and stripped. Then, as the policy says: case folded, accents removed (NFKD,
    combining marks dropped), punctuation removed.
    """
    text = unicodedata.normalize("NFKC", text)
    if not policy.case_sensitive:
        text = text.casefold()
    if policy.ignore_accents:
        text = strip_accents(text)
    if policy.ignore_punctuation:
        text = strip_punctuation(text)
    return _SPACES.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept)


def strip_punctuation(text: str) -> str:
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Pd" or ch in _SEPARATORS:
            out.append(" ")
        elif cat.startswith("P"):
            continue
        else:
            out.append(ch)
    return "".join(out)


def default_max_typos(accepted: str) -> int:
    """Typos tolerated by default, by the length of the (normalised) accepted answer.

    0 for answers of up to 4 characters, 1 for 5 to 8, 2 for longer ones.
    """
    n = len(accepted)
    if n <= 4:
        return 0
    if n <= 8:
        return 1
    return 2


def digits_of(text: str) -> tuple[str, ...]:
    return tuple(_DIGIT_RUNS.findall(text))


def edit_distance(a: str, b: str, bound: int | None = None) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: insertions,
    deletions, substitutions and swaps of two neighbouring characters).

    With `bound`, only a band of width 2*bound+1 is computed and any distance
    above the bound is returned as bound + 1, so comparing a long garbage
    answer costs O(len * bound), not O(len^2).
    """
    if a == b:
        return 0
    if bound is None:
        bound = max(len(a), len(b))
    if bound < 0:
        return 0 if a == b else 1
    over = bound + 1
    if abs(len(a) - len(b)) > bound:
        return over
    # A common prefix or suffix never changes the distance; trimming it makes
    # the usual case (a long answer with a typo or two) nearly free.
    start = 0
    shortest = min(len(a), len(b))
    while start < shortest and a[start] == b[start]:
        start += 1
    # Keep one character before a difference: a swap needs to see it.
    start = max(0, start - 1)
    end = 0
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    end = max(0, end - 1)
    a = a[start : len(a) - end]
    b = b[start : len(b) - end]
    la, lb = len(a), len(b)
    if la == 0 or lb == 0:
        return max(la, lb)
    # Rows indexed by j in 0..lb; cells outside the band hold `over`.
    prev2: list[int] | None = None
    prev = [j if j <= bound else over for j in range(lb + 1)]
    for i in range(1, la + 1):
        cur = [over] * (lb + 1)
        if i <= bound:
            cur[0] = i
        lo = max(1, i - bound)
        hi = min(lb, i + bound)
        ai = a[i - 1]
        row_min = cur[0] if lo == 1 else over
        for j in range(lo, hi + 1):
            bj = b[j - 1]
            cost = 0 if ai == bj else 1
            v = prev[j - 1] + cost
            d = prev[j] + 1
            if d < v:
                v = d
            d = cur[j - 1] + 1
            if d < v:
                v = d
            if (
                prev2 is not None
                and j > 1
                and ai == b[j - 2]
                and a[i - 2] == bj
                and prev2[j - 2] + 1 < v
            ):
                v = prev2[j - 2] + 1
            if v > over:
                v = over
            cur[j] = v
            if v < row_min:
                row_min = v
        if row_min > bound:
            return over
        prev2, prev = prev, cur
    return min(prev[lb], over)


def matches(response: str, accepted: str, policy: TextPolicy) -> tuple[bool, bool]:
    """(matched, exact) for one typed response against one accepted answer.

    `exact` is False when the match needed typo tolerance. Typos are tolerated
    up to policy.max_typos (default: see default_max_typos), never when the two
    differ in any digit ("1995" never accepts "1996", nor "Section 301"
    "Section 302"), and never for an answer without letters ("1995", "3.5").
    """
    if not response.strip():
        return False, False  # a blank is never an answer
    a = normalised_answer(accepted, policy)
    if not a:
        # An answer made only of punctuation or marks ("?", "...") keeps them.
        policy = replace(policy, ignore_punctuation=False, ignore_accents=False)
        a = normalised_answer(accepted, policy)
    if len(response) > 4 * len(accepted) + 20:
        # Far too long to be this answer even with punctuation sprinkled in;
        # stop before normalising a pasted page.
        return False, False
    r = normalise(response, policy)
    if not a or not r:
        return False, False
    if r == a:
        return True, True
    if policy.ignore_punctuation and r.replace(" ", "") == a.replace(" ", ""):
        # "e-mail" / "e mail" / "email": spacing is punctuation too.
        return True, True
    if digits_of(r) != digits_of(a) or not any(ch.isalpha() for ch in a):
        return False, False
    limit = policy.max_typos if policy.max_typos is not None else default_max_typos(a)
    if limit <= 0:
        return False, False
    return edit_distance(r, a, limit) <= limit, False
