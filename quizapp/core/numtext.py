"""Reading a typed number: separators, scale words, currencies, rates and counted nouns.

Used by grading for numeric questions. No Qt, no I/O.

`parse_number(text, unit, prompt=...)` gives the candidate values of what a
learner typed, [] when it reads as a number but not as an answer to this
question (a rate per year when the question asks for no rate, another
currency), or None when it cannot be read at all.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

# Scale words and suffixes, each to its canonical word and factor.
_MAGNITUDES = {
    "dozen": ("dozen", 12.0),
    "hundred": ("hundred", 1e2),
    "thousand": ("thousand", 1e3),
    "k": ("thousand", 1e3),
    "million": ("million", 1e6),
    "mn": ("million", 1e6),
    "mln": ("million", 1e6),
    "mio": ("million", 1e6),
    "m": ("million", 1e6),
    "billion": ("billion", 1e9),
    "bn": ("billion", 1e9),
    "bln": ("billion", 1e9),
    "b": ("billion", 1e9),
    "trillion": ("trillion", 1e12),
    "tn": ("trillion", 1e12),
    "trn": ("trillion", 1e12),
}
_FACTORS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# With a unit of length, "5 m" is 5 metres, not 5 million.
_METRE_WORDS = frozenset({"m", "meter", "metre", "meters", "metres"})
_PERCENT_WORDS = {"%", "percent", "per", "cent", "pct"}

# Currency symbols, codes and words, each to the currency it names.
_CURRENCY = {
    "$": "dollar",
    "usd": "dollar",
    "dollar": "dollar",
    "cad": "dollar",
    "aud": "dollar",
    "nzd": "dollar",
    "hkd": "dollar",
    "€": "euro",
    "eur": "euro",
    "euro": "euro",
    "£": "pound",
    "gbp": "pound",
    "pound": "pound",
    "sterling": "pound",
    "¥": "yen",
    "jpy": "yen",
    "yen": "yen",
    "cny": "yuan",
    "rmb": "yuan",
    "yuan": "yuan",
    "chf": "franc",
    "franc": "franc",
}
# "US$60", "U.S. $60", "USD 60", "A$5": a currency before the number.
_CURRENCY_BEFORE = re.compile(
    r"(?:(?P<code>usd|eur|gbp|jpy|cny|rmb|chf|cad|aud|nzd|hkd)(?![a-z])"
    r"|(?:us|u\.\s?s\.|a|c|nz|hk|s)(?=\s?\$))\s*",
    re.I,
)
# Words that qualify a currency ("US dollars", "U.S. dollars").
_CURRENCY_QUALIFIERS = frozenset({"us", "u", "s", "american"})

# A rate per year, typed after the number or said by the question.
_PER_YEAR = re.compile(
    r"(?:\b(?:a|an|per|each|every)\s+|/\s*)(?:year|yr|annum)\b"
    r"|\bannual(?:ly)?\b|\byearly\b|\bp\.\s?a\.(?!\w)|\bpa\b",
    re.I,
)
_PER_YEAR_WORDS = frozenset({"a", "an", "per", "each", "every", "year", "yr", "annum"})

# Thousands separators a person writes: a space (thin or not) or an apostrophe (1'000, as
# in Switzerland). Not "_", which Python's float() takes ("1_995") and people do not: a
# learner's "1_995" is a typo, not a way of writing 1995.
_GROUP_SEPS = " \u00a0\u202f\u2009'"
_NUMBER = re.compile(
    r"""
    (?P<sign>[-+]?)\s*
    (?P<mantissa>
        \d{1,3}(?:[ \u00a0\u202f\u2009']\d{3})+(?:[.,]\d+)?(?!\d)    # 1 000 000,5
      | \d[\d.,]*                                                   # 1,000.5  60,5  1.000.000
      | [.,]\d+                                                     # .5
    )
    (?:
        \s*e\s*(?P<exp>[-+]?\d{1,4})(?![\d])                        # 6e10, 6.0 E-3
      | \s*[x×*·]\s*10\s*(?:\^|\*\*)\s*(?P<exp10>[-+]?\d{1,4})        # 6 x 10^10
    )?
    """,
    re.X | re.I,
)


def _grouped(parts: list[str]) -> bool:
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 and p.isdigit() for p in parts[1:])


def _mantissa_text(text: str) -> str | None:
    """Plain digits with at most one "." for digits with '.' and ',' in them, or None when unreadable.

    Both marks present: the last one is the decimal mark, the other groups
    thousands. One kind only, several times: thousands ("1,000,000",
    "1.000.000"). A single '.': decimal. A single ',': decimal ("60,5") unless
    exactly three digits follow, which reads as thousands ("1,000" = 1000,
    as in English texts).
    """
    for sep in _GROUP_SEPS:
        text = text.replace(sep, "")
    if text.endswith("."):
        text = text[:-1]
    if not text or text.endswith(",") or text.endswith("."):
        return None
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        dec = "." if text.rfind(".") > text.rfind(",") else ","
        group = "," if dec == "." else "."
        whole, _, frac = text.rpartition(dec)
        if whole.count(dec) or not frac.isdigit():
            return None
        if not _grouped(whole.split(group)):
            return None
        text = whole.replace(group, "") + "." + frac
    elif commas or dots:
        mark = "," if commas else "."
        parts = text.split(mark)
        if len(parts) > 2:
            if not _grouped(parts):
                return None
            text = "".join(parts)
        elif mark == "," and len(parts[1]) == 3 and parts[0] and len(parts[0]) <= 3:
            text = parts[0] + parts[1]
        else:
            text = parts[0] + "." + parts[1]
    return text if re.fullmatch(r"\d*\.?\d*", text) and text.strip(".") else None


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch == "%":
            out.append(" % ")
        elif cat.startswith("P") or cat == "Sc":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out).split()


_ONES = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen"
        " fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * n
    for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if n >= 2
}
_NUMBER_WORD = re.compile(r"[a-z]+", re.I)
_GAP = re.compile(r"[\s-]*")


def _word_number(text: str) -> tuple[float, str] | None:
    """A number written in English words up to 999 ("four", "twenty-one",
    "two hundred and six"), and the text after it. None if it starts otherwise."""
    pos = 0
    total = 0
    current = 0
    seen = False
    last = ""
    while True:
        gap = _GAP.match(text, pos)
        m = _NUMBER_WORD.match(text, gap.end() if gap else pos)
        if not m:
            break
        w = m.group().casefold()
        if w in _ONES:
            current += _ONES[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred" and seen:
            current = max(current, 1) * 100
        elif w == "and" and last == "hundred":
            pass
        else:
            break
        seen = True
        last = w
        pos = m.end()
    if not seen:
        return None
    total += current
    return float(total), text[pos:]


def _singular(token: str) -> str:
    return token[:-1] if len(token) > 3 and token.endswith("s") else token


def _canonical(token: str) -> str:
    t = _singular(token)
    magnitude = _MAGNITUDES.get(t)
    return magnitude[0] if magnitude and len(t) > 1 else t


# What a prompt says before the thing it counts: "How many officials...", "the number of cars".
_COUNT_CUE = re.compile(r"\b(?:how\s+many|how\s+much|number\s+of)\b", re.I)
# Where the counted thing's words end at the latest: the end of the clause (not the dot
# of an initial or abbreviation such as "U.S.").
_CLAUSE_END = re.compile(r"[?!;:,]|(?<!\b[^\W\d_])\.(?:\s|$)")
# Small words that end the counted thing ("officials *does* the article name") or come
# before it ("how many *of the* officials"): never a noun a learner types after a number.
_SMALL_WORDS = frozenset(
    "a an the of in on at to for from by with and or as than that this these those"
    " is are was were be been being do does did has have had will would can could"
    " should shall may might must there it its they their he she we you i what which"
    " who whom whose when where why how".split()
)
_LEADING_SMALL_WORDS = frozenset({"of", "the", "these", "those", "its", "their"})
_MAX_COUNTED_WORDS = 4


def _counted_nouns(prompt: str) -> frozenset[str]:
    """The words a prompt gives for what it counts: the words right after "how many",
    "how much" or "number of" ("How many **U.S.** officials does..." gives u, s, official),
    up to the first small word or the end of the clause. Digits, number words and the
    prompt's other words are not nouns: "6⁰" or "1 what" for "What is 6 to the power 0?"
    must not read as a number followed by a counted noun."""
    nouns: set[str] = set()
    text = unicodedata.normalize("NFKC", prompt)
    for cue in _COUNT_CUE.finditer(text):
        rest = text[cue.end() :]
        end = _CLAUSE_END.search(rest)
        clause = rest[: end.start()] if end else rest
        words = _tokens(clause)
        while words and words[0] in _LEADING_SMALL_WORDS:
            words = words[1:]
        for word in words[:_MAX_COUNTED_WORDS]:
            if not word.isalpha() or word in _SMALL_WORDS or word in _ONES or word in _TENS:
                break
            nouns.add(_singular(word))
    return frozenset(nouns)


@lru_cache(maxsize=1024)
def _question_words(unit: str | None, prompt: str | None) -> tuple[frozenset, bool, frozenset, bool]:
    """(the unit's words, whether it is a percentage, the nouns the prompt counts,
    whether the unit or prompt asks for a rate per year)."""
    unit_tokens = frozenset(_canonical(t) for t in _tokens(unit or ""))
    prompt_tokens = _counted_nouns(prompt or "")
    per_year = bool(_PER_YEAR.search(unit or "") or _PER_YEAR.search(prompt or ""))
    return unit_tokens, bool(unit_tokens & _PERCENT_WORDS), prompt_tokens, per_year


def _unit_currency(unit_tokens: frozenset) -> str | None:
    for t in unit_tokens:
        if t in _CURRENCY:
            return _CURRENCY[t]
    return None


def _normalized(text: str) -> str:
    """NFKC (full-width digits and signs as ASCII), but superscripts, subscripts,
    circled numbers and fractions kept: NFKC makes "10³" the number 103 and "1²" 12. A
    digit is a decimal digit of any script (١٩٩٥ is 1995, as an Arabic keyboard types
    it); the words after the number are compared in NFKC as before ("km²")."""
    return "".join(
        ch if unicodedata.category(ch) == "No" else unicodedata.normalize("NFKC", ch)
        for ch in text
    )


def parse_number(
    text: str, unit: str | None = None, *, prompt: str | None = None
) -> list[float] | None:
    """Candidate values of a typed number; [] when it is a number but not an
    answer to this question; None when it cannot be read.

    Accepted: a sign; a currency before or after the number, as a symbol, a
    code or a word ("$60", "US$60", "USD 60", "60 USD", "60 dollars"); thousands
    separators and a decimal comma (see _mantissa_text); scientific notation
    ("6e10", "6 x 10^10"); English number words up to 999 ("four", "sixty
    billion"); then, in any order:

    - the words of the unit ("60 billion" when the unit is "billion dollars");
    - scale words and suffixes: dozen, hundred, k, thousand, M, mn, mln, million, B, bn, bln,
      billion, tn, trillion ("$60B" = 60 billion dollars = 60 when the unit is
      "billion dollars"; "m" is a metre when the unit is a length);
    - a rate per year ("a year", "per year", "/yr", "annually", "p.a.") when
      the unit or the question's prompt says per year ("annual", "a year");
      otherwise the text is a rate the question did not ask for: [];
    - a counted noun: a word the prompt gives right after "how many", "how much" or
      "number of" ("4 officials" for "How many officials..."; see _counted_nouns).

    Any other word makes the text unreadable, so "60 million" is never taken
    for "60 billion". A currency that differs from the unit's ("60 billion
    yen" for billion dollars) gives []. nan and inf are never numbers.
    Several candidates arise when the unit itself holds a scale word: "60
    billion dollars" accepts "60" and also "60,000,000,000".
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    s = _normalized(text).strip()
    s = s.replace("\u2212", "-").replace("\u2013", "-")
    sign = ""
    currencies: set[str] = set()
    if s[:1] in "+-":
        sign, s = s[:1], s[1:].lstrip()
    m = _CURRENCY_BEFORE.match(s)
    if m:
        if m.group("code"):
            currencies.add(_CURRENCY[m.group("code").casefold()])
        s = s[m.end() :]
    while s and unicodedata.category(s[0]) == "Sc":
        currencies.add(_CURRENCY.get(s[0], s[0]))
        s = s[1:].lstrip()
    if s[:1] in "+-" and not sign:
        sign, s = s[:1], s[1:].lstrip()
    m = _NUMBER.match(s)
    if m:
        if m.group("sign"):
            return None
        digits = _mantissa_text(m.group("mantissa"))
        if digits is None:
            return None
        exp = m.group("exp") or m.group("exp10")
        value = float(digits + (f"e{exp}" if exp else ""))  # one rounding, as float() does
        rest = s[m.end() :]
    else:
        words = _word_number(s)
        if words is None:
            return None
        value, rest = words
    if sign == "-":
        value = -value
    if rest.startswith("-"):  # "$60-billion"
        rest = rest[1:]
    unit_tokens, percent_unit, prompt_tokens, per_year = _question_words(unit, prompt)
    rate = False
    if _PER_YEAR.search(rest):
        rate = True
        rest = _PER_YEAR.sub(" ", rest)
    scale = 1.0
    typed: set[str] = set()
    metre_unit = bool(unit_tokens & _METRE_WORDS)
    for token in _tokens(rest):
        t = _singular(token)
        if t in _MAGNITUDES and t not in unit_tokens and not (t == "m" and metre_unit):
            word, factor = _MAGNITUDES[t]
            typed.add(word)
            if word not in unit_tokens:  # "$60B" for billion dollars is 60
                scale *= factor
            continue
        if t in unit_tokens or (t == "m" and metre_unit):
            typed.add(t)
            if t in _CURRENCY:
                currencies.add(_CURRENCY[t])
            continue
        if percent_unit and t in _PERCENT_WORDS:
            continue
        if t in _CURRENCY:
            currencies.add(_CURRENCY[t])
            continue
        if t in _CURRENCY_QUALIFIERS and "dollar" in currencies | {
            _CURRENCY.get(_singular(x)) for x in _tokens(rest)
        }:
            continue
        if t in prompt_tokens and t not in _PER_YEAR_WORDS and t not in _PERCENT_WORDS:
            continue  # a counted noun: "4 officials"
        return None
    value *= scale
    if not math.isfinite(value):
        return None
    wanted = _unit_currency(unit_tokens)
    if wanted and currencies - {wanted}:
        return []  # another currency
    if rate and not per_year:
        return []  # a rate per year, which the question does not ask for
    candidates = [value]
    for word, factor in _FACTORS.items():
        if word in unit_tokens and word not in typed:
            candidates.append(value / factor)
    return candidates


def format_number(value: float) -> str:
    """A number as a person writes it and parse_number reads it back."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


