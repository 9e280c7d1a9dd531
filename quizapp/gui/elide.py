"""Text that ends on whole words and "…" where it does not fit its width.

Names no enum of Qt's namespace (gui/__init__.py's startup rule): the library paints its
titles with it before the window is ready, and importing `Qt` or naming
`Qt.TextElideMode` there built all ~95 of Qt's enum types in every start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontMetrics

ELLIPSIS = "…"
# Pixels a whole-words cell keeps to spare beyond its text (see WholeWordsDelegate.paint);
# a column sized to its text for such cells is this much wider than Qt measures it.
TEXT_SLACK = 2


def column_gap(metrics: QFontMetrics) -> int:
    """The room a number flush right in its column keeps before the text that starts the
    next column: an "M" of the list's font, so that it grows with the zoom (the few pixels
    Qt keeps between cells read as a word's space at 175%: "1 ready")."""
    return metrics.horizontalAdvance("M")


def elide_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` if it fits in `width` pixels, else the words that fit and "…" (a single
    word too long for the width is cut where it must be)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    # The most words that fit, found by halving: a start of more words is never narrower.
    # Trying each count from the end measured the text once a word: a bank's description
    # of 2,000 words took 2.3 s a paint of its row in the library (200 words, 0.12 s).
    fits = _most_that_fit(len(words) - 1, lambda count: metrics.horizontalAdvance(
        _words_shown(words, count)) <= width)
    if fits:
        return _words_shown(words, fits)
    return elide_characters(text, metrics, width)


def _words_shown(words: list[str], count: int) -> str:
    # "Practice — a wrong…", never "Practice —…": a dash left last says nothing.
    return " ".join(words[:count]).rstrip(" ,;:.—–-") + ELLIPSIS


def elide_characters(text: str, metrics: QFontMetrics, width: int) -> str:
    """The longest start of `text` that fits in `width` pixels with "…" after it, as Qt's
    elidedText(..., ElideRight, ...) cuts (found by halving, a few measures a call)."""
    fits = _most_that_fit(len(text), lambda count: metrics.horizontalAdvance(
        text[:count] + ELLIPSIS) <= width)
    return text[:fits] + ELLIPSIS


def _most_that_fit(most: int, fits: Callable[[int], bool]) -> int:
    """The largest count from 0 to `most` that `fits` (0 when none does), for a `fits`
    that holds up to some count and not beyond: found by halving."""
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low
