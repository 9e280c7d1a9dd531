"""People's names among accepted answers: the orders and short forms that are right.

An author marks an answer as a person's name in the bank (see PersonName in
the model); then both given-family ("Ryutaro Hashimoto") and family-given
("Hashimoto Ryutaro") order are right, and the family name alone when the
author allows it. No Qt, no I/O.

Banks written before names could be marked list a name and its family name
as two answers ("Ryutaro Hashimoto", "Hashimoto"). Such a pair is read as a
person's name too (see inferred_names), so family-given order is right there
as well.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from quizapp.core.model_base import PersonName


def _word_key(word: str) -> str:
    """A word without case, accents or punctuation, to find a family name alone."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", word).casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _looks_like_a_name(words: list[str]) -> bool:
    """Two to four words, each starting with a capital (initials such as "H." too)."""
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def inferred_names(answers: Sequence[str]) -> tuple[PersonName, ...]:
    """Accepted answers that are evidently a person's name: a capitalised
    answer of 2-4 words whose last word is also accepted on its own
    ("Mickey Kantor" with "Kantor")."""
    alone = {_word_key(a) for a in answers if len(a.split()) == 1}
    found: list[PersonName] = []
    if not alone:
        return ()
    for answer in answers:
        words = answer.split()
        if _looks_like_a_name(words) and _word_key(words[-1]) in alone:
            found.append((answer, 1, True))
    return tuple(found)


def name_forms(name: PersonName) -> tuple[str, ...]:
    """The other ways of writing a name that are right: family-given order,
    and the family name alone when allowed."""
    text, family_words, alone = name
    words = text.split()
    if len(words) < 2:
        return ()
    k = family_words if 0 < family_words < len(words) else 1
    given, family = words[:-k], words[-k:]
    forms = [" ".join(family + given)]
    if alone:
        forms.append(" ".join(family))
    return tuple(forms)


@lru_cache(maxsize=2048)
def accepted_forms(answers: tuple[str, ...], names: tuple[PersonName, ...] = ()) -> tuple[str, ...]:
    """Every accepted answer, then the extra forms of the people's names among
    them (marked by the author or inferred), without repeats."""
    out = dict.fromkeys(answers)
    for name in names + inferred_names(answers):
        for form in name_forms(name):
            out.setdefault(form)
    return tuple(out)
