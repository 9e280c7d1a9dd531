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
def _pattern(answer: str, case_sensitive: bool) -> re.Pattern[str]:
    parts = _WILDCARDS.split(unicodedata.normalize("NFC", answer))
    flags = re.S if case_sensitive else re.S | re.I
    return re.compile(".*".join(re.escape(part.replace("\\*", "*")) for part in parts), flags)


def fits_moodle_answer(response: str, answer: str, case_sensitive: bool) -> bool:
    """Whether Moodle takes `response` for the short answer `answer`."""
    typed = unicodedata.normalize("NFC", response).strip()
    return _pattern(answer, case_sensitive).fullmatch(typed) is not None


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
