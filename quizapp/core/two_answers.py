"""A short answer typed as two of the question's accepted answers, or as a post before a
person's name: "Secretary of Commerce Ronald H. Brown", "US Trade Representative (USTR)",
"Minister Hashimoto", or a name with a Japanese honorific after it ("Hashimoto-san").
Tried by the short-answer grader when the answer as a whole matches none of them
(quizapp.core.textmatch.match_any). No Qt, no I/O."""

from __future__ import annotations

import re
from functools import lru_cache

from quizapp.core.model_base import PersonName, TextPolicy
from quizapp.core.names import inferred_names, name_forms
from quizapp.core.textmatch import content_words, match_any, normalise, normalised_answer

# What may stand between two accepted answers typed together, or around the second:
# "Ronald H. Brown, Secretary of Commerce", "National Association of Farm Broadcasters
# (NAFB)", "USTR / U.S. Trade Representative".
_JOINING_MARKS = " ,;:/()[]-\u2013\u2014"
# Longer responses are not tried in two halves: no pair of answers is that long, and
# every cut costs two passes over the accepted answers.
_MOST_WORDS_IN_TWO = 16


def match_two(
    response: str,
    accepted: tuple[str, ...],
    policy: TextPolicy,
    names: tuple[PersonName, ...] = (),
) -> tuple[bool, bool, str]:
    """(matched, exact, the two accepted answers it matched) for a response made of two
    of the question's accepted answers one after the other: a title and a name as the
    article writes them ("Secretary of Commerce Ronald H. Brown", "Ryutaro Hashimoto,
    Japan's industry and international trade minister") or an answer and its initialism
    ("US Trade Representative (USTR)"). Each half must be an accepted answer by itself
    (match_any, its typos forgiven as there), so a half that is not ("Undersecretary of
    Commerce Brown" where "Undersecretary of Commerce" is not accepted, "Kantor or
    Brown") leaves the response wrong, and so do halves that share a word ("Hashimoto
    Hashimoto", "Ryutaro Hashimoto Hashimoto"). Before a person's name, the post of one
    of the question's accepted titles is a title too ("Secretary Brown", "Minister
    Hashimoto"; see _title_before_a_name). A question that accepts several people takes
    no pair holding a name: the title may be another's ("Secretary of Commerce Mickey
    Kantor" where Kantor and Brown are right). For short answers only: a cloze blank is one
    word or phrase of a sentence."""
    if not accepted or len(response) > 8 * max(map(len, accepted)) + 40:
        return False, False, ""  # longer than any two answers with their typos and marks
    words = response.split()
    if not 2 <= len(words) <= _MOST_WORDS_IN_TWO:
        return False, False, ""
    for cut in range(1, len(words)):
        first = " ".join(words[:cut]).strip(_JOINING_MARKS)
        second = " ".join(words[cut:]).strip(_JOINING_MARKS)
        if not first or not second:
            continue
        first_words = content_words(normalise(first, policy))
        first_ok, first_exact, first_form = match_any(first, accepted, policy, names)
        if not first_ok:
            if not _title_before_a_name(first_words, accepted, policy, names):
                continue
            first_exact, first_form = True, first  # "Secretary" of "Secretary of Commerce"
        second_ok, second_exact, second_form = match_any(second, accepted, policy, names)
        people = _people(accepted, names)
        lone = _lone_names(accepted, names)
        if not second_ok or (not first_ok and second_form not in people | lone):
            continue
        if (_names_someone(first_form, second_form, people, lone)
                and _several_people(accepted, names)):
            # Either person is right alone, but whose title (or which name) goes with which
            # is not known here: "Secretary of Commerce Mickey Kantor" where Kantor and
            # Brown, the Secretary of Commerce, are both accepted is a wrong answer, and so
            # is "Secretary of Commerce Kantor" where the names are listed as "Kantor" and
            # "Brown" alone.
            continue
        if set(first_words) & set(normalise(second, policy).split()):
            continue  # one answer twice, or a name and a part of it: "Hashimoto Hashimoto"
        return True, first_exact and second_exact, f"{first_form} {second_form}"
    return False, False, ""


# The most words a title before a name may have when it is not an accepted answer itself.
_MOST_TITLE_WORDS = 3


def _title_before_a_name(
    words: list[str], accepted: tuple[str, ...], policy: TextPolicy, names: tuple[PersonName, ...]
) -> bool:
    """True when `words` (normalised) may stand before a person's name as their title: the
    last word or few of one of the question's accepted answers that is not a name, the
    post itself ("Secretary" of "Commerce Secretary", "Trade Minister" of "industry and
    international trade minister"), each word of three letters or more. Another post
    ("Undersecretary", "Finance Minister") or a word that is no post ("Trade", "of") is
    not."""
    # The post is a word of three letters or more; a word before it may be the country's
    # two letters ("US Secretary Brown", of "U.S. Secretary of Commerce").
    return (1 <= len(words) <= _MOST_TITLE_WORDS and len(words[-1]) >= 3
            and all(len(word) >= 2 for word in words)
            and tuple(words) in _title_endings(accepted, names, policy))


@lru_cache(maxsize=256)
def _people(accepted: tuple[str, ...], names: tuple[PersonName, ...]) -> frozenset[str]:
    """Every accepted form that names a person: the names (marked or inferred), their
    other orders and the family name alone."""
    found: set[str] = set()
    for name in names + inferred_names(accepted):
        found.add(name[0])
        found.update(name_forms(name))
    return frozenset(found)


@lru_cache(maxsize=256)
def _lone_names(accepted: tuple[str, ...], names: tuple[PersonName, ...]) -> frozenset[str]:
    """Accepted answers of one word written with a capital, not in capitals throughout
    (an initialism: "USTR", "D.C."), and no word of a name found among the answers: a
    family name listed alone ("Kantor", "Brown"), or a place ("Tokyo"), which the grader
    cannot tell apart."""
    in_names = {word.casefold() for form in _people(accepted, names) for word in form.split()}
    return frozenset(
        answer for answer in accepted
        if len(answer.split()) == 1 and answer[:1].isupper() and not answer.isupper()
        and answer.casefold() not in in_names)


def _names_someone(first: str, second: str, people: frozenset[str],
                   lone: frozenset[str]) -> bool:
    """Whether a pair of accepted answers holds a person's name, which may be another's
    where several people are right. Two words listed alone ("Kantor Brown" where each is
    accepted) are left as before: a place and its region ("Tokyo, Japan") reads the same."""
    if first in people or second in people:
        return True
    return (first in lone) != (second in lone)  # a title with a family name listed alone


@lru_cache(maxsize=256)
def _several_people(accepted: tuple[str, ...], names: tuple[PersonName, ...]) -> bool:
    """Whether the accepted answers name more than one person (told apart by their family
    names: "Mickey Kantor" and "M. Kantor" are one, "Ronald Brown" another; a family name
    listed alone, "Kantor" beside "Brown", counts as one)."""
    families = {answer.casefold() for answer in _lone_names(accepted, names)}
    for text, family_words, _alone in names + inferred_names(accepted):
        words = text.casefold().split()
        count = family_words if 0 < family_words < len(words) else 1
        families.add(" ".join(words[-count:]))
    return len(families) > 1


# A Japanese honorific after a name, joined by a hyphen or a space: "Hashimoto-san".
_HONORIFIC_AFTER = re.compile(r"(?:\s*[-\u2010\u2011\u2013]\s*|\s+)(?:san|sama)\W*$",
                              re.IGNORECASE)


def match_honorific(
    response: str,
    accepted: tuple[str, ...],
    policy: TextPolicy,
    names: tuple[PersonName, ...] = (),
) -> tuple[bool, bool, str]:
    """(matched, exact, what it matched) for a person's name, or a title and a name, with
    "-san" or "-sama" after it ("Hashimoto-san", "Ryutaro Hashimoto-san", "Minister
    Hashimoto-san"): polite Japanese, as "Mr. Hashimoto" is polite English. Only after a
    name the question accepts (its last word one of a name's, marked in the bank or found
    among the answers, see quizapp.core.names): "minister-san" is no name, and neither
    is "Tokyo-san", a word listed alone, which may be a place."""
    found = _HONORIFIC_AFTER.search(response)
    if found is None or found.start() == 0:
        return False, False, ""
    bare = response[: found.start()]
    ends = {form.split()[-1] for form in _people(accepted, names)}
    last = bare.split()[-1] if bare.split() else ""
    if not ends or not match_any(last, tuple(sorted(ends)), policy)[0]:
        return False, False, ""
    matched = match_any(bare, accepted, policy, names)
    return matched if matched[0] else match_two(bare, accepted, policy, names)


@lru_cache(maxsize=256)
def _title_endings(
    accepted: tuple[str, ...], names: tuple[PersonName, ...], policy: TextPolicy
) -> frozenset[tuple[str, ...]]:
    """The last one, two and three normalised words of each accepted answer that is not
    a person's name, up to its "of", "to" or "for" ("Secretary" of "Secretary of
    Commerce": the office after it is not the post)."""
    people = _people(accepted, names)
    endings: set[tuple[str, ...]] = set()
    for answer in accepted:
        if answer in people:
            continue
        words = tuple(normalised_answer(answer, policy).split())
        cut = next((i for i, word in enumerate(words) if word in _OFFICE_AFTER), len(words))
        post = words[:cut]
        endings.update(post[-n:] for n in range(1, min(len(post), _MOST_TITLE_WORDS) + 1))
    return frozenset(endings)


# The words after which a title names the office, not the post ("Secretary of Commerce").
_OFFICE_AFTER = frozenset({"of", "to", "for"})


# The most words of a person's name looked for at either end of a wrong answer.
_MOST_NAME_WORDS = 4


def name_among_wrong(
    response: str,
    accepted: tuple[str, ...],
    policy: TextPolicy,
    names: tuple[PersonName, ...] = (),
) -> str | None:
    """For a wrong short answer that begins or ends with a name the question accepts, and
    has other words beside it ("Secretary of Commerce Kantor" where Kantor is right but
    not that title): a note saying so, or None. A learner who sees only "Wrong" and
    "Right answer: Mickey Kantor" after typing Kantor could not tell what was wrong."""
    people = _people(accepted, names)
    words = response.split()
    if not people or not 2 <= len(words) <= _MOST_WORDS_IN_TWO:
        return None
    forms = tuple(sorted(people))
    for size in range(min(_MOST_NAME_WORDS, len(words) - 1), 0, -1):
        for name, rest in ((words[-size:], words[:-size]), (words[:size], words[size:])):
            other = " ".join(rest).strip(_JOINING_MARKS)
            ok, _exact, form = match_any(" ".join(name).strip(_JOINING_MARKS), forms, policy)
            if ok and other:
                return f"{form} alone would be right; with “{other}” the answer is wrong."
    return None
