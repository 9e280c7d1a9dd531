"""What Moodle XML's reader and writer share: where pictures live and how they are named."""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from pathlib import PurePosixPath

from quizapp.core.model_base import TextPolicy

PLUGINFILE = "@@PLUGINFILE@@/"
# What a teacher who has a Moodle backup (a course's .mbz, or its questions.xml) can do.
EXPORT_MOODLE_XML_HOW = ("in Moodle, export the questions from the question bank (Question "
                         "bank > Export, format Moodle XML) and import that file")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp")
MAX_MEDIA_BYTES = 10 * 1024 * 1024  # one picture in a question; more is not a picture
# A Moodle short answer exported by quizapp from a flashcard carries this tag, so that
# importing the file again gives the flashcard back (Moodle itself has no flashcards).
FLASHCARD_TAG = "quizapp-flashcard"
# quizapp writes a bank as one Moodle category, named after its title, with this
# description (Moodle keeps it, and exports it again): a category holding it is the bank,
# not a tag of its questions (their tags are Moodle tags).
BANK_CATEGORY_INFO = "The questions of one quizapp bank; their tags are Moodle tags."


def safe_file_name(name: str) -> str:
    """A file name with no folder, no leading dot and only plain characters."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = re.sub(r"[^\w.-]", "_", base).lstrip(".") or "image"
    stem, dot, suffix = base.rpartition(".")
    if dot and len(base) > 80:
        base = stem[: 79 - len(suffix)] + "." + suffix
    return base[:80]


def unique_media_path(folder: str, safe_name: str, taken: Collection[str]) -> str:
    """f"{folder}/{safe_name}", or with -2, -3... before its suffix when that path is
    taken by another picture ('image.png', 'image-2.png')."""
    relative = f"{folder}/{safe_name}"
    stem, dot, suffix = safe_name.rpartition(".")
    if not dot:
        stem = safe_name
    n = 2
    while relative in taken:
        relative = f"{folder}/{stem}-{n}{dot}{suffix}"
        n += 1
    return relative


# In a Moodle short answer (and a short-answer gap), '*' is a wildcard for any text and
# '\*' is an asterisk; quizapp's typed answers have no wildcard.
_BARE_STAR = re.compile(r"(?<!\\)\*")


def escape_wildcards(answer: str) -> str:
    """A quizapp typed answer as Moodle reads it: each '*' an asterisk, not a wildcard."""
    return answer.replace("*", "\\*")


def read_wildcards(answer: str) -> tuple[str, bool]:
    """A Moodle short answer as quizapp keeps it ('\\*' an asterisk), and whether it has a
    wildcard '*'. quizapp has no wildcard: the text around the wildcards is kept, run
    together ('*london*' -> 'london', 'colo*r' -> 'color'), which Moodle accepts too (a '*'
    may stand for no text); an answer of wildcards alone is kept as written."""
    wildcard = bool(_BARE_STAR.search(answer))
    if wildcard:
        around = _BARE_STAR.sub("", answer).replace("\\*", "*")
        if around.strip():
            return " ".join(around.split()), True
    return answer.replace("\\*", "*"), wildcard


def wildcard_note(answer: str, kept: str) -> str:
    """What a Moodle short answer `answer` with a wildcard became (`kept`, read_wildcards)."""
    if kept == answer.replace("\\*", "*"):
        return (f"the answer {answer!r}: '*' is a wildcard in Moodle (any text there is "
                "right); quizapp takes it literally, so the learner must type the '*' itself")
    return (f"the answer {answer!r}: '*' is a wildcard in Moodle (any text there is right); "
            f"quizapp has none, so here {kept!r} is right (Moodle also takes it with any "
            "text in place of each '*')")


def credit_of(fraction: str | None) -> float:
    """A Moodle XML answer's fraction attribute as a number (0 when it is not one)."""
    try:
        value = float(fraction or "0")
    except ValueError:
        return 0.0
    return value if math.isfinite(value) else 0.0


def fits_moodle_answer(response: str, answer: str, case_sensitive: bool) -> bool:
    """Whether Moodle takes `response` for the short answer `answer` ('*' any text, '\\*' an
    asterisk; the response trimmed), as qtype_shortanswer compares them."""
    parts = re.split(r"(?<!\\)\*+", answer)
    pattern = ".*".join(re.escape(part.replace("\\*", "*")) for part in parts)
    flags = re.S if case_sensitive else re.S | re.I
    return re.fullmatch(pattern, response.strip(), flags) is not None


def taken_by_an_earlier_answer(
    kept: str, earlier: list[tuple[str, float]], case_sensitive: bool
) -> tuple[str, float] | None:
    """The first of `earlier` (the answers, with their credit, listed before the wildcard
    answer `kept` came from) that `kept` fits, when it is worth less than 100%: Moodle
    grades a response by the first answer it fits, so there `kept` earns that credit ('color'
    worth 0% listed before 'colo*r'), and in quizapp it must not be right. None otherwise."""
    for answer, credit in earlier:
        if fits_moodle_answer(kept, answer, case_sensitive):
            return (answer, credit) if credit < 100 else None
    return None


def taken_first_note(written: str, kept: str, earlier: tuple[str, float]) -> str:
    """What was done with a wildcard answer whose text Moodle grades by an earlier answer."""
    return (f"the answer {written!r}: '*' is a wildcard in Moodle, and {kept!r}, the text "
            f"around it, is graded there by the answer listed before it, {earlier[0]!r}, "
            f"worth {earlier[1]:g}%; so {written!r} was left out")


def moodle_exact(case_sensitive: bool) -> TextPolicy:
    """How Moodle compares a typed answer (a short answer, a typed gap): as written, spaces
    at its ends aside, and case only as its setting says; it forgives no typo, accent or
    punctuation, so a question read from Moodle keeps that ('acommodate' stays wrong)."""
    return TextPolicy(case_sensitive=case_sensitive, ignore_accents=False,
                      ignore_punctuation=False, max_typos=0)


def forgives_more_than_moodle(policy: TextPolicy) -> bool:
    """Whether quizapp forgives typos, accents or punctuation under `policy` where Moodle,
    comparing exactly, marks the answer wrong."""
    return policy != moodle_exact(policy.case_sensitive)


def several_fully_right(count: int, best: str, others: str) -> str:
    """The warning for a Moodle one-answer question with `count` answers at 100% (Moodle XML
    and GIFT alike): quizapp keeps `best` as its right answer."""
    return (f"Moodle counts {count} answers fully right; a quizapp multiple choice question "
            f"has one right answer, so only {best!r} is right here and a learner who picks "
            f"{others} is marked wrong")


def negative_marks_lost(choice: str, credit: float) -> str:
    """The warning for a Moodle one-answer question's choice with a negative mark (Moodle
    XML and GIFT alike): a quizapp multiple choice question has none."""
    return (f"choosing {choice!r} takes off {-credit:.4g}% of the marks in Moodle; a quizapp "
            "multiple choice question has no negative marks, so here it scores 0 like any "
            "wrong choice")


# qtype_ordering's grading types (by name or number) in words
ORDER_GRADING = {
    name: words
    for names, words in (
        (("ALL_OR_NOTHING", "-1"), "the whole order only (all or nothing)"),
        (("ABSOLUTE_POSITION", "0"), "the items in their right place"),
        (("RELATIVE_NEXT_EXCLUDE_LAST", "1"), "the items followed by the right item"),
        (("RELATIVE_NEXT_INCLUDE_LAST", "2"), "the items followed by the right item"),
        (("RELATIVE_ONE_PREVIOUS_AND_NEXT", "3"), "the items beside the right items"),
        (("RELATIVE_ALL_PREVIOUS_AND_NEXT", "4"), "the items before and after the right ones"),
        (("LONGEST_CONTIGUOUS_SUBSET", "6"), "the longest run of items in a row"),
        (("RELATIVE_TO_CORRECT", "7"), "each item's distance from its right place"),
    )
    for name in names
}
