"""Small facts about Markdown text that the loader and the converters share."""

from __future__ import annotations

import re
from collections import defaultdict, deque

_BACKTICKS = re.compile(r"`+")


def code_spans(text: str, *, escapes: bool = False) -> list[tuple[int, int]]:
    """Where Markdown code spans are: a run of n backticks up to the next run of n.
    With `escapes`, a backtick after an odd run of backslashes opens none, as Markdown
    reads it ('\\`x\\`' is x between backticks; a closing one may follow a backslash:
    inside a code span a backslash is itself).

    A linear scan: a regex with a backreference takes minutes on a long run of
    unmatched backticks.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, deque[int]] = defaultdict(deque)
    for index, (start, end) in enumerate(runs):
        by_length[end - start].append(index)
    spans = []
    i = 0
    after = 0  # where the text after the last code span starts
    while i < len(runs):
        start, end = runs[i]
        if escapes and start > after and text[start - 1] == "\\":
            first = start - 1  # the backslashes before it, counted (each run of them once)
            while first > after and text[first - 1] == "\\":
                first -= 1
            if (start - first) % 2:
                start += 1  # the first backtick is escaped: the rest of the run may open one
        same = by_length[end - start]
        while same and same[0] <= i:
            same.popleft()
        if same and end > start:
            j = same.popleft()
            spans.append((start, runs[j][1]))
            after = runs[j][1]
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


# Markdown pictures as Qt's Markdown reader (md4c, GitHub flavour) finds them: inline
# ![alt](dest "title") with dest bare or in <...>, and by reference, ![alt][label],
# ![label][] and ![label], with the label defined on a line of its own as [label]: dest.
_INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(?:<([^>\n]*)>|([^)\s]+))")
_REFERENCE_IMAGE = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?(?!\()")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*(?:<([^>\n]*)>|(\S+))", re.M)


def _label_key(label: str) -> str:
    """Labels match case-insensitively, with runs of white space as one space."""
    return " ".join(label.split()).casefold()


def markdown_images(text: str) -> list[str]:
    """The address of every picture in a Markdown text, as written (not decoded), in
    the order they come; a reference to a label that is defined nowhere is no picture."""
    if "![" not in text:
        return []
    found = [(m.start(), m.group(1) if m.group(1) is not None else m.group(2))
             for m in _INLINE_IMAGE.finditer(text)]
    if "]:" in text:
        defined: dict[str, str] = {}
        for m in _DEFINITION.finditer(text):
            defined.setdefault(_label_key(m.group(1)),
                               m.group(2) if m.group(2) is not None else m.group(3))
        for m in _REFERENCE_IMAGE.finditer(text):
            label = m.group(2) or m.group(1)  # ![alt][] and ![alt] use the alt as label
            dest = defined.get(_label_key(label)) if label.strip() else None
            if dest is not None:
                found.append((m.start(), dest))
    return [dest for _, dest in sorted(found)]
