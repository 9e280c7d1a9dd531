"""Comparing a typed answer with an accepted one: normalisation, edit distance
and the rules for which typos are forgiven.

Used by grading for short answers and cloze blanks. No Qt, no I/O. The English
word list (quizapp.core.wordlist) is loaded only when a typo has to be judged.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from quizapp.core import wordlist
from quizapp.core.model_base import PersonName, TextPolicy
from quizapp.core.moodle_match import fits_moodle_answer
from quizapp.core.names import accepted_forms

_SPACES = re.compile(r"\s+")
_DIGIT_RUNS = re.compile(r"\d+")

# Dashes and slashes separate words ("U.S.-Japan", "and/or"), so they become a
# space; every other punctuation mark is dropped so that "U.S." equals "US".
_SEPARATORS = frozenset("/\\|")


@lru_cache(maxsize=4096)
def normalised_answer(text: str, policy: TextPolicy) -> str:
    """normalise() for a bank's accepted answers, which are compared again and again."""
    return normalise(text, policy)


@lru_cache(maxsize=64)
def _normalised_response(text: str, policy: TextPolicy) -> str:
    """normalise() for a typed response, which is compared with every accepted
    answer of a question in turn."""
    return normalise(text, policy)


def forget_responses() -> None:
    """Drop the normalised responses kept for comparing with several answers
    (for benchmarks that grade one response again and again)."""
    _normalised_response.cache_clear()


def normalise(text: str, policy: TextPolicy) -> str:
    """The form of `text` that answers are compared in under `policy`.

    Always: Unicode NFKC (full-width letters, ligatures), whitespace collapsed
    and stripped. Then, as the policy says: case folded, accents removed (NFKD,
    combining marks dropped), punctuation removed.
    """
    text = unicodedata.normalize("NFKC", text)
    if not policy.case_sensitive:
        text = text.casefold()
    elif "ß" in text or "ẞ" in text:
        text = spell_out_sharp_s(text)
    if policy.ignore_accents:
        text = strip_accents(text)
    if policy.ignore_punctuation:
        text = strip_punctuation(text)
    return _SPACES.sub(" ", text).strip()


# "ß" written as "ss" (and capital "ẞ" as "SS"), as casefolding does, so that a
# case-sensitive answer treats "Hauptstrasse" as "Hauptstraße" like the default does.
# A small "ß" inside a word in capitals ("STRAßE", as German often writes it) is "SS".
_SHARP_S_IN_CAPITALS = re.compile(r"(?<=[^\W\d_])ß")


def spell_out_sharp_s(text: str) -> str:
    """`text` with "ß" and "ẞ" spelt "ss" and "SS", keeping every other letter's case."""

    def in_capitals(m: re.Match[str]) -> str:
        before = text[m.start() - 1]
        after = text[m.end()] if m.end() < len(text) else ""
        return "SS" if before.isupper() and (after.isupper() or not after.isalpha()) else "ss"

    text = _SHARP_S_IN_CAPITALS.sub(in_capitals, text)
    return text.replace("ß", "ss").replace("ẞ", "SS")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept)


def strip_punctuation(text: str) -> str:
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Pd" or ch in _SEPARATORS:
            out.append(" ")
        elif cat.startswith("P"):
            continue
        else:
            out.append(ch)
    return "".join(out)


def default_max_typos(accepted: str) -> int:
    """Typos tolerated by default, by the length of the (normalised) accepted answer.

    0 for answers of up to 4 characters, 1 for 5 to 8, 2 for longer ones.
    """
    n = len(accepted)
    if n <= 4:
        return 0
    if n <= 8:
        return 1
    return 2


def digits_of(text: str) -> tuple[str, ...]:
    return tuple(_DIGIT_RUNS.findall(text))


def edit_distance(a: str, b: str, bound: int | None = None) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: insertions,
    deletions, substitutions and swaps of two neighbouring characters).

    With `bound`, only a band of width 2*bound+1 is computed and any distance
    above the bound is returned as bound + 1, so comparing a long garbage
    answer costs O(len * bound), not O(len^2).
    """
    if a == b:
        return 0
    if bound is None:
        bound = max(len(a), len(b))
    if bound < 0:
        return 0 if a == b else 1
    over = bound + 1
    if abs(len(a) - len(b)) > bound:
        return over
    # A common prefix or suffix never changes the distance; trimming it makes
    # the usual case (a long answer with a typo or two) nearly free.
    start = 0
    shortest = min(len(a), len(b))
    while start < shortest and a[start] == b[start]:
        start += 1
    # Keep one character before a difference: a swap needs to see it.
    start = max(0, start - 1)
    end = 0
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    end = max(0, end - 1)
    a = a[start : len(a) - end]
    b = b[start : len(b) - end]
    la, lb = len(a), len(b)
    if la == 0 or lb == 0:
        return max(la, lb)
    # Rows indexed by j in 0..lb; cells outside the band hold `over`.
    prev2: list[int] | None = None
    prev = [j if j <= bound else over for j in range(lb + 1)]
    for i in range(1, la + 1):
        cur = [over] * (lb + 1)
        if i <= bound:
            cur[0] = i
        lo = max(1, i - bound)
        hi = min(lb, i + bound)
        ai = a[i - 1]
        row_min = cur[0] if lo == 1 else over
        for j in range(lo, hi + 1):
            bj = b[j - 1]
            cost = 0 if ai == bj else 1
            v = prev[j - 1] + cost
            d = prev[j] + 1
            if d < v:
                v = d
            d = cur[j - 1] + 1
            if d < v:
                v = d
            if (
                prev2 is not None
                and j > 1
                and ai == b[j - 2]
                and a[i - 2] == bj
                and prev2[j - 2] + 1 < v
            ):
                v = prev2[j - 2] + 1
            if v > over:
                v = over
            cur[j] = v
            if v < row_min:
                row_min = v
        if row_min > bound:
            return over
        prev2, prev = prev, cur
    return min(prev[lb], over)


# Ignored at the start of an answer: "the U.S. Trade Representative", "Mr. Kantor".
LEADING_WORDS = frozenset({"the", "a", "an", "mr", "mrs", "ms", "dr"})

# Ignored at the start of a typed answer when the answer is a name (written with a
# capital letter): "in Tokyo" for "Tokyo", "at the USTR" for "USTR". Only words that
# place something, never ones that turn the meaning round ("from", "to").
PLACE_WORDS = frozenset({"in", "at"})

# A typo never adds or drops one of these: "involuntary" is not "voluntary".
NEGATING_PREFIXES = ("non", "dis", "un", "in", "im", "il", "ir")
NEGATING_WORDS = frozenset({"not", "no", "non", "un", "in", "dis", "never"})

# "U.S.", "U.K.", "e.g." and words in capitals ("USTR", "UK") as written by the author.
_ABBREVIATION = re.compile(r"(?<!\w)(?:\w\.){2,}|(?<!\w)[A-Z][A-Z0-9&]*[A-Z0-9](?!\w)")

# British and American spellings of one word ("colour"/"color", "defence"/"defense")
# are the same word, not a typo. Only long enough words, so "four" is not "for".
_SPELLING_VARIANTS = (
    (re.compile(r"(?<=\w{3})our(s?)$"), r"or\1"),
    (re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=\w{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w{3})tre(s?)$"), r"ter\1"),
    (re.compile(r"(?<=\w{3})ence(s?)$"), r"ense\1"),
    (re.compile(r"(?<=\w{4})ogue(s?)$"), r"og\1"),
)


class _Accepted(NamedTuple):
    """An accepted answer prepared once for every comparison."""

    text: str  # normalised
    words: tuple[str, ...]  # normalised words, leading articles and honorifics dropped
    core: str  # " ".join(words)
    abbreviations: frozenset[str]  # normalised words the author wrote as abbreviations
    limit: int  # typos tolerated in the whole answer
    # The author wrote it with a capital letter after any leading article: a name
    # (a place, a person, an office), which a typed "in" or "at" may come before.
    capitalised: bool


def content_words(text: str) -> list[str]:
    """The words of normalised text without leading articles and honorifics
    ("the", "a", "an", "Mr.", "Mrs.", "Ms.", "Dr."); never all of them."""
    words = text.split(" ")
    start = 0
    while start < len(words) - 1 and words[start].casefold().rstrip(".") in LEADING_WORDS:
        start += 1
    return words[start:]


@lru_cache(maxsize=4096)
def _accepted(accepted: str, policy: TextPolicy) -> _Accepted:
    a = normalised_answer(accepted, policy)
    if not a:
        # An answer made only of punctuation or marks ("?", "...") keeps them.
        policy = replace(policy, ignore_punctuation=False, ignore_accents=False)
        a = normalised_answer(accepted, policy)
    words = tuple(content_words(a)) if a else ()
    abbreviations = frozenset(
        normalise(m.group(), policy).replace(" ", "")
        for m in _ABBREVIATION.finditer(unicodedata.normalize("NFKC", accepted))
    )
    core = " ".join(words)
    limit = policy.max_typos if policy.max_typos is not None else default_max_typos(core)
    written = content_words(unicodedata.normalize("NFKC", accepted).strip())
    capitalised = bool(written) and written[0][:1].isupper()
    return _Accepted(a, words, core, abbreviations, limit, capitalised)


def _without_place_word(words: list[str], accepted: _Accepted) -> list[str]:
    """The typed words without a leading "in" or "at" ("in Tokyo") when the answer
    is a name and does not itself start with that word. Kept when the typed word
    with the answer's first word or with "in" or "at" makes an English word
    ("in Valid", "at Tack"), so no negation or other word slips in: the answer's
    word is checked as well as the learner's spelling of it, so a misspelt
    "in Activ" stays "inactive", never a typo of "Active"; and an answer that takes
    a prefix ("Active": "inactive") is a word, not a place, so "at Activ" is no
    place either."""
    if len(words) < 2 or not accepted.capitalised or not accepted.words:
        return words
    first = words[0].casefold()
    if first not in PLACE_WORDS or accepted.words[0].casefold() == first:
        return words
    if any(
        is_real_word(place + word)
        for word in (words[1], accepted.words[0])
        for place in PLACE_WORDS
    ):
        return words
    return content_words(" ".join(words[1:]))


# Plurals whose singular is another word or means something else: "goods" are not a
# "good", "minutes" of a meeting not a "minute", the "Bureau of Customs" not of a
# "Custom", "United States" a name. Their "s" is never a forgivable typo.
PLURALS_OF_THEIR_OWN = frozenset({
    "affairs", "arms", "belongings", "clothes", "customs", "damages", "earnings",
    "glasses", "goods", "grounds", "headquarters", "letters", "manners", "means",
    "minutes", "nations", "odds", "outskirts", "pains", "papers", "premises",
    "quarters", "regards", "remains", "riches", "savings", "securities", "spirits",
    "states", "surroundings", "times", "works",
})


def dropped_plural(typed: str, expected: str, accepted: _Accepted) -> bool:
    """True when `typed` is the last word of a long answer (three words or more:
    "National Association of Farm Broadcasters") without its plural "s": one typo,
    though the singular is an English word. Never an abbreviation, a word of up to
    4 letters, one ending in "ss" ("progress") or a plural whose singular means
    something else ("goods", "minutes", "States"; PLURALS_OF_THEIR_OWN)."""
    return (
        len(accepted.words) >= 3
        and expected == accepted.words[-1]
        and len(expected) > 4
        and expected == typed + "s"
        and not expected.endswith("ss")
        and expected not in accepted.abbreviations
        and _lookup_form(expected) not in PLURALS_OF_THEIR_OWN
    )


def word_typo_limit(word: str, policy: TextPolicy) -> int:
    """Typos tolerated in one word: the policy's max_typos when the author set
    it, otherwise 0 for words of up to 3 characters, 1 up to 8, 2 beyond."""
    if policy.max_typos is not None:
        return policy.max_typos
    n = len(word)
    if n <= 3:
        return 0
    return 1 if n <= 8 else 2


_VARIANT_ENDINGS = ("our", "ours", "ise", "ises", "ised", "ising", "isation", "isations",
                    "yse", "yses", "ysed", "ysing", "tre", "tres", "ence", "ences", "ogue", "ogues")


@lru_cache(maxsize=4096)
def spelling_key(word: str) -> str:
    """The word with British spellings made American, to compare variants."""
    if not word.endswith(_VARIANT_ENDINGS):
        return word
    for pattern, american in _SPELLING_VARIANTS:
        word = pattern.sub(american, word)
    return word


def same_word(typed: str, expected: str, case_sensitive: bool = False) -> bool:
    """The same word, or its British and American spellings ("colour" and
    "color", "defence" and "defense"). The common spelling must be a real
    word, so a misspelling that looks like a variant ("sentense") is a typo.
    case_sensitive: the two must also be written in the same case ("Colour" and
    "Color", never "co" and "Co"), as the teacher's grading asks."""
    if typed == expected:
        return True
    if case_sensitive and _case_shape(typed) != _case_shape(expected):
        return False
    key = spelling_key(_lookup_form(typed))
    return key == spelling_key(_lookup_form(expected)) and is_real_word(key)


def _case_shape(word: str) -> str:
    """How a word is written, for a case-sensitive answer: all lower, all upper,
    capitalised, or mixed (then only the very same word is the same)."""
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper" if len(word) > 1 else "capital"
    if word[:1].isupper() and word[1:].islower():
        return "capital"
    return word  # mixed ("McDonald"): only itself


def _case_kept(typed: str, expected: str, bound: int) -> bool:
    """True when, under a case-sensitive policy, a typed word with a typo is still
    written in the answer's case: the same shape (lower, UPPER, Capitalised), and
    every typed letter aligned with one of the answer's letters in that letter's
    case. So "Hashimotto" keeps the case of "Hashimoto" while "hashimoto",
    "jashimoto" and "HASHIMOTTO" do not; for a mixed-case answer ("McDonald") the
    letters decide ("McDonnald" keeps it, "mcDonald" and "Mcdonnald" do not)."""
    shape = _case_shape(expected)
    if shape in ("lower", "upper", "capital") and _case_shape(typed) != shape:
        return False
    return _aligned_case_slips(typed, expected, bound) == 0


def _aligned_case_slips(typed: str, expected: str, bound: int) -> int:
    """The fewest letters written in the wrong case among the best alignments of
    the two words compared without case (optimal string alignment, as
    edit_distance), for words at most `bound` edits apart. Runs only on a typo; the letters the two share exactly at the
    start and end are set aside first (as edit_distance does), so the table is
    usually a few letters square."""
    # Letters equal in case too are matched at no cost; keep one before and after
    # a difference, for a swap of neighbours.
    start = 0
    shortest = min(len(typed), len(expected))
    while start < shortest and typed[start] == expected[start]:
        start += 1
    start = max(0, start - 1)
    end = 0
    while end < shortest - start and typed[-1 - end] == expected[-1 - end]:
        end += 1
    end = max(0, end - 1)
    typed = typed[start : len(typed) - end]
    expected = expected[start : len(expected) - end]
    a, b = typed.casefold(), expected.casefold()
    if len(a) != len(typed) or len(b) != len(expected):
        # Casefolding changed the length ("ß"): compare letter by letter instead.
        a, b = typed.lower(), expected.lower()
        if len(a) != len(typed) or len(b) != len(expected):
            return 0 if typed == expected else 1

    # A letter's case: upper, lower, or none (a digit).
    typed_case = [(ch.isupper(), ch.islower()) for ch in typed]
    expected_case = [(ch.isupper(), ch.islower()) for ch in expected]
    la, lb = len(a), len(b)
    # Each cell holds edits * EDIT + case slips, so the smallest cell has the
    # fewest edits first, then the fewest slips. Only the band of cells within
    # `bound` of the diagonal can be on an alignment of at most `bound` edits.
    edit = 1 << 16
    outside = (bound + 1) * edit
    table = [[outside] * (lb + 1) for _ in range(la + 1)]
    for i in range(min(la, bound) + 1):
        table[i][0] = i * edit
    for j in range(min(lb, bound) + 1):
        table[0][j] = j * edit
    for i in range(1, la + 1):
        row, above = table[i], table[i - 1]
        ai, case_i = a[i - 1], typed_case[i - 1]
        for j in range(max(1, i - bound), min(lb, i + bound) + 1):
            best = above[j - 1] + (edit if ai != b[j - 1] else 0)
            if case_i != expected_case[j - 1]:
                best += 1
            best = min(best, above[j] + edit, row[j - 1] + edit)
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1]:
                swapped = table[i - 2][j - 2] + edit
                swapped += (case_i != expected_case[j - 2])
                swapped += (typed_case[i - 2] != expected_case[j - 1])
                best = min(best, swapped)
            row[j] = best
    return table[la][lb] % edit


def negation_changed(typed: str, expected: str) -> bool:
    """True when one word is the other with a negating prefix added or dropped
    ("involuntary"/"voluntary", "unfair"/"fair", "nonvoluntary")."""
    for prefix in NEGATING_PREFIXES:
        if typed.startswith(prefix) == expected.startswith(prefix):
            continue
        longer, shorter = (typed, expected) if typed.startswith(prefix) else (expected, typed)
        rest = longer[len(prefix) :]
        if len(shorter) >= 3 and edit_distance(rest, shorter, 1) <= 1:
            return True
    return False


def _lookup_form(word: str) -> str:
    if word.isascii():
        return word.lower()
    return strip_accents(word.casefold())


def is_real_word(word: str) -> bool:
    """True when the typed word is an English word of its own (so not a typo)."""
    return wordlist.is_word(_lookup_form(word))


def _word_typo(typed: str, expected: str, accepted: _Accepted, policy: TextPolicy) -> int | None:
    """The typos in one typed word against the expected word, or None when the
    difference is not a forgivable typo."""
    if typed == expected:
        return 0
    if expected in accepted.abbreviations or typed in accepted.abbreviations:
        return None  # "UK" is not a typo of "US"
    if same_word(typed, expected, policy.case_sensitive):
        return 0  # "colour" and "color"
    limit = word_typo_limit(expected, policy)
    if limit <= 0:
        return None
    distance = edit_distance(typed, expected, limit)
    if distance > limit:
        return None
    if policy.case_sensitive and not _case_kept(typed, expected, limit):
        return None  # "jashimoto" for "Hashimoto": a case slip is never a typo
    if negation_changed(typed, expected) or is_real_word(typed):
        return None  # "conference" is a word, not a misspelt "confidence"
    return distance


def _typo_match(words: list[str], accepted: _Accepted, policy: TextPolicy) -> bool:
    expected = accepted.words
    if len(words) == len(expected):
        total = 0
        for n, (typed, want) in enumerate(zip(words, expected, strict=True)):
            typos = _word_typo(typed, want, accepted, policy)
            if typos is None and n == len(expected) - 1 and dropped_plural(typed, want, accepted):
                typos = 1
            if typos is None:
                return False
            total += typos
            if total > accepted.limit:
                return False
        return True
    # Words run together or split apart ("voluntarypurchase agreemnts"): set
    # aside the words typed as written, then compare the rest without spaces.
    # Adding or dropping a whole word is never a typo, and the rest must not
    # hold a real word, a negation, a changed abbreviation or a short word.
    typed_rest = list(words)
    expected_rest = []
    for want in expected:
        if want in typed_rest:
            typed_rest.remove(want)
        else:
            expected_rest.append(want)
    if not typed_rest or not expected_rest:
        return False
    if any(want in accepted.abbreviations for want in expected_rest):
        return False
    for typed in typed_rest:
        if len(typed) <= 3 or typed in NEGATING_WORDS or is_real_word(typed):
            return False
        if any(negation_changed(typed, want) for want in expected_rest):
            return False
    joined, wanted = "".join(typed_rest), "".join(expected_rest)
    if edit_distance(joined, wanted, accepted.limit) > accepted.limit:
        return False
    return not (
        policy.case_sensitive and _aligned_case_slips(joined, wanted, accepted.limit)
    )


def matches(response: str, accepted: str, policy: TextPolicy) -> tuple[bool, bool]:
    """(matched, exact) for one typed response against one accepted answer.

    Leading articles and honorifics are ignored on both sides ("the U.S. Trade
    Representative", "Mr. Kantor"), and a typed leading "in" or "at" before an
    answer written with a capital letter ("in Tokyo"; see _without_place_word).
    `exact` is False when the match needed
    typo tolerance. Typos are compared word by word and forgiven only when:
    the answer has letters and the two have the same digits ("1995" never
    accepts "1996"); each word stays within its own limit (word_typo_limit)
    and the whole within policy.max_typos (default: default_max_typos); no
    typed word that differs is itself an English word ("Crown" for "Brown",
    "conference" for "confidence"); no negating prefix is added or dropped
    ("involuntary"); and no abbreviation is changed ("UK" for "U.S."). The
    last word of an answer of three words or more without its plural "s"
    counts as one typo ("...of Farm Broadcaster"; see dropped_plural).
    British and American spellings of a word count as the same word.
    """
    if not response.strip():
        return False, False  # a blank is never an answer
    if policy.moodle:  # a question from Moodle is marked as Moodle marks it
        return fits_moodle_answer(response, accepted, policy.case_sensitive), True
    prepared = _accepted(accepted, policy)
    a = prepared.text
    if not a:
        return False, False
    if len(response) > 4 * len(accepted) + 20:
        # Far too long to be this answer even with punctuation sprinkled in;
        # stop before normalising a pasted page.
        return False, False
    if not normalised_answer(accepted, policy):
        policy = replace(policy, ignore_punctuation=False, ignore_accents=False)
    r = _normalised_response(response, policy)
    if not r:
        return False, False
    if r == a:
        return True, True
    words = _without_place_word(content_words(r), prepared)
    core = " ".join(words)
    if core == prepared.core:
        return True, True
    if policy.ignore_punctuation and core.replace(" ", "") == prepared.core.replace(" ", ""):
        # "e-mail" / "e mail" / "email": spacing is punctuation too.
        return True, True
    if digits_of(core) != digits_of(prepared.core) or not any(ch.isalpha() for ch in a):
        return False, False
    if prepared.limit <= 0 and policy.max_typos is not None:
        return False, False
    if len(words) == len(prepared.words) and all(
        same_word(t, w, policy.case_sensitive)
        for t, w in zip(words, prepared.words, strict=True)
    ):
        return True, True  # British and American spellings
    if prepared.limit <= 0:
        return False, False
    if abs(len(core.replace(" ", "")) - len(prepared.core.replace(" ", ""))) > prepared.limit:
        return False, False  # more letters added or dropped than typos allowed
    return _typo_match(words, prepared, policy), False


def match_any(
    response: str,
    accepted: tuple[str, ...],
    policy: TextPolicy,
    names: tuple[PersonName, ...] = (),
) -> tuple[bool, bool, str]:
    """(matched, exact, the accepted answer or name form it matched) for a
    response against every accepted answer, people's names in all their right
    forms included (see quizapp.core.names). Exact matches anywhere win over
    typo matches."""
    fuzzy = ""
    for answer in accepted_forms(accepted, names):
        ok, exact = matches(response, answer, policy)
        if ok and exact:
            return True, True, answer
        if ok and not fuzzy:
            fuzzy = answer
    return bool(fuzzy), False, fuzzy

