"""Learners' names: visible, and not a look-alike of another learner's.

Two learners whose names look the same on screen ("Ana" and "ana", "Ana" and "Ana"
with a zero-width space, "Ａｎａ" in full-width letters, an accented letter typed as
one character or as a letter and an accent) would be picked by mistake and mix up
whose answers are whose. A name's key is what it looks like: NFKC-normalised, case
folded, without invisible characters, whitespace collapsed. Names with equal keys
cannot both exist; a name whose key is empty (only spaces, zero-width or other
invisible characters) is refused. Look-alikes across scripts (a Cyrillic "А" for a
Latin "A") are not caught: NFKC keeps them apart.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Characters that draw nothing but are not in the "format" (Cf) or separator categories:
# Hangul fillers, the braille blank, Mongolian vowel separator, combining grapheme joiner.
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u034f")


def _invisible(char: str) -> bool:
    if char in _BLANK_LOOKING:
        return True
    category = unicodedata.category(char)
    # Cc control, Cf format (zero-width space, joiners, direction marks), Z* spaces,
    # Co/Cn private use and unassigned (no reliable glyph).
    return category in ("Cc", "Cf", "Co", "Cn") or category.startswith("Z")


def name_key(name: str) -> str:
    """What a name looks like, for comparing: two names with one key look alike."""
    normal = unicodedata.normalize("NFKC", name).casefold()
    # Spaces of any kind separate words; zero-width and other invisible ones vanish.
    shown = "".join(
        " " if unicodedata.category(c).startswith("Z") else "" if _invisible(c) else c
        for c in normal
    )
    return unicodedata.normalize("NFKC", " ".join(shown.split()))


def has_visible_character(name: str) -> bool:
    """Whether any character would show: not only spaces, invisible or combining marks."""
    return any(not _invisible(c) and not unicodedata.combining(c) for c in name)


def clean_name(name: str, max_length: int) -> str:
    """The name to store (NFC, whitespace collapsed), or ValueError with a clear message."""
    name = unicodedata.normalize("NFC", " ".join(str(name or "").split()))
    name = "".join(c for c in name if unicodedata.category(c) != "Cc")
    if not name:
        raise ValueError("Please type a name for the learner.")
    if not has_visible_character(name):
        raise ValueError(
            "This name has no visible letters: it is made only of blank or invisible "
            "characters. Please type a name others can read."
        )
    if len(name) > max_length:
        raise ValueError(f"A learner's name can have at most {max_length} characters.")
    return name


def look_alike(name: str, others: Iterable[str]) -> str | None:
    """The first of others that looks the same as name (see name_key), or None."""
    key = name_key(name)
    for other in others:
        if name_key(other) == key:
            return other
    return None


def look_alike_message(name: str, existing: str) -> str:
    if existing == name:
        return f'There is already a learner called "{name}".'
    return (
        f'There is already a learner called "{existing}", and "{name}" looks the same '
        "(names are compared ignoring case, how accents are typed and invisible "
        "characters). Please choose a name that can be told apart, or pick that learner."
    )
