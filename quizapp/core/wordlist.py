"""Is a typed word a real English word? Used to refuse "typos" that are other words.

The list is pyspellchecker's English word-frequency list (about 160,000 words
and their inflections, names such as "brown" included, built from
OpenSubtitles and checked against SCOWL). It is loaded on first use (about
0.2 s), never at startup, and kept for the life of the process. No Qt, no I/O
beyond reading the package's own data file.
"""

from __future__ import annotations

import threading
from collections.abc import Container

_words: Container[str] | None = None
_available = False
_lock = threading.Lock()


def _load() -> Container[str]:
    global _words, _available
    with _lock:
        if _words is None:
            try:
                from spellchecker import SpellChecker

                _words = SpellChecker(language="en", distance=1).word_frequency.dictionary
                _available = True
            except Exception:  # not installed or its data unreadable
                _words = frozenset()
                _available = False
    return _words


def load() -> bool:
    """Load the list now (benchmarks, or a caller about to grade many answers).
    True when it is available."""
    _load()
    return _available


def available() -> bool:
    """True when the word list could be loaded (loads it if needed)."""
    _load()
    return _available


def is_word(word: str) -> bool:
    """True when `word` (lower case, no accents) is in the English word list.

    When the list cannot be loaded every word counts as real, so no typo is
    ever forgiven: the grader errs on the side of precision.
    """
    words = _words if _words is not None else _load()
    if not _available:
        return True
    return word in words
