"""Small facts about Markdown text that the loader and the converters share."""

from __future__ import annotations

import re
from collections import defaultdict, deque

_BACKTICKS = re.compile(r"`+")


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where Markdown code spans are: a run of n backticks up to the next run of n.

    A linear scan: a regex with a backreference takes minutes on a long run of
    unmatched backticks.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, deque[int]] = defaultdict(deque)
    for index, (start, end) in enumerate(runs):
        by_length[end - start].append(index)
    spans = []
    i = 0
    while i < len(runs):
        same = by_length[runs[i][1] - runs[i][0]]
        while same and same[0] <= i:
            same.popleft()
        if same:
            j = same.popleft()
            spans.append((runs[i][0], runs[j][1]))
            i = j + 1
        else:
            i += 1
    return spans


def without_code_spans(text: str) -> str:
    """The text with its code spans cut out (their content shows literally)."""
    spans = code_spans(text)
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
