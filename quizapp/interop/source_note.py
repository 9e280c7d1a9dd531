"""A question's source and quotes, written into Moodle's general feedback and read back.

Moodle XML and GIFT have no place of their own for where a fact stands in the source text
and the source's own words; the general feedback, shown after the question is answered,
is where a teacher looks for them. They are written as a paragraph 'Source: paragraph 8'
(or 'From the source:' for quotes alone) after the explanation, then each quote as a block
quote in quotation marks, their Markdown characters escaped (the app shows them as plain
text). quizapp's importers split exactly that ending off again into source and quotes.
"""

from __future__ import annotations

import re

from quizapp.core.model import Question

SOURCE_LABEL = "Source: "
QUOTES_ALONE = "From the source:"
# What Markdown (or HTML) could read as syntax in a plain text. Of the brackets only ']'
# is escaped: that is enough to keep '[x](y)' from being a link, and '\[' would start TeX.
_SYNTAX = re.compile(r"([\\`*_\]<>#!|~{}$&])")
_ESCAPED = re.compile(r"\\([\\`*_\]<>#!|~{}$&])")
_QUOTE = re.compile(r"> \u201c(.*)\u201d", re.DOTALL)


def _escape(text: str) -> str:
    return _SYNTAX.sub(r"\\\1", " ".join(text.split()))


def general_feedback(q: Question) -> str:
    """The question's explanation followed by its source and quotes, as Markdown."""
    parts = [q.explanation.strip()] if q.explanation and q.explanation.strip() else []
    if q.source or q.quotes:
        parts.append(SOURCE_LABEL + _escape(q.source) if q.source else QUOTES_ALONE)
        parts += [f"> \u201c{_escape(quote)}\u201d" for quote in q.quotes]
    return "\n\n".join(parts)


def split_general_feedback(text: str | None) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(explanation, source, quotes) of a general feedback that general_feedback wrote;
    a text that does not end that way is all explanation."""
    if not text:
        return text or None, None, ()
    paragraphs = text.strip().split("\n\n")
    first_quote = len(paragraphs)
    while first_quote > 0 and _QUOTE.fullmatch(paragraphs[first_quote - 1]):
        first_quote -= 1
    if first_quote == 0:
        return text, None, ()
    label = paragraphs[first_quote - 1]
    source: str | None = None
    if label.startswith(SOURCE_LABEL) and "\n" not in label:
        source = _ESCAPED.sub(r"\1", label[len(SOURCE_LABEL):]).strip() or None
        if source is None:
            return text, None, ()
    elif label != QUOTES_ALONE or first_quote == len(paragraphs):
        return text, None, ()
    quotes = tuple(_ESCAPED.sub(r"\1", match.group(1))
                   for p in paragraphs[first_quote:] if (match := _QUOTE.fullmatch(p)))
    explanation = "\n\n".join(paragraphs[:first_quote - 1]).strip() or None
    return explanation, source, quotes
