"""Moodle's rule for a typed answer (qtype_shortanswer's compare_string_with_wildcard), for
questions whose grading says `moodle: true`: the response, spaces at its ends aside, must be
the whole answer as written; '*' in the answer stands for any text (none too), '\\*' for an
asterisk; case counts only when the question says so. Nothing else is forgiven."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WILDCARDS = re.compile(r"(?<!\\)\*+")


@lru_cache(maxsize=4096)
def _parts(answer: str, case_sensitive: bool) -> tuple[tuple[re.Pattern[str], int], ...]:
    """The answer's literal texts between its wildcards: (a pattern of each, its length)."""
    texts = [part.replace("\\*", "*")
             for part in _WILDCARDS.split(unicodedata.normalize("NFC", answer))]
    flags = 0 if case_sensitive else re.I
    return tuple((re.compile(re.escape(text), flags), len(text)) for text in texts)


def fits_moodle_answer(response: str, answer: str, case_sensitive: bool) -> bool:
    """Whether Moodle takes `response` for the short answer `answer`.

    Not one regular expression with '.*' for each '*' (as Moodle's own): a failed match
    of that backtracks through every way to place the texts, which at four wildcards and
    a 300-character response took minutes, the window frozen (and an import that compares
    a bank's answers with it). The first text must start the response and the last end
    it; those between are taken leftmost, in order: a '*' takes any text, so the earliest
    place for each leaves the most room for the rest: one pass over the response."""
    typed = unicodedata.normalize("NFC", response).strip()
    (first, _), *middle_and_last = _parts(answer, case_sensitive)
    if not middle_and_last:  # no wildcard: the whole answer
        return first.fullmatch(typed) is not None
    start = first.match(typed)
    if start is None:
        return False
    *middle, (last, last_length) = middle_and_last
    position = start.end()
    for part, _ in middle:
        found = part.search(typed, position)
        if found is None:
            return False
        position = found.end()
    # A literal matches as many characters as it has, case folded or not (re's
    # IGNORECASE compares character by character): the last text's place is fixed.
    end = len(typed) - last_length
    return end >= position and last.fullmatch(typed, end) is not None


def has_wildcard(answer: str) -> bool:
    """Whether `answer` has a '*' that stands for any text (not '\\*', an asterisk)."""
    return _WILDCARDS.search(answer) is not None


def shown_moodle_answer(answer: str) -> str:
    """The answer as the learner is shown it, as Moodle shows it: '\\*' an asterisk."""
    return answer.replace("\\*", "*")


def moodle_example(answer: str) -> str:
    """A response Moodle takes for `answer`: its text with no text in place of each '*'
    ('*' itself for an answer of wildcards alone, which takes any text)."""
    return _WILDCARDS.sub("", answer).replace("\\*", "*") or "*"
