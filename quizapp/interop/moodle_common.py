"""What Moodle XML's reader and writer share: where pictures live and how they are named."""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import PurePosixPath

from quizapp.core import textmatch
from quizapp.core.category import context_and_names, from_moodle, join_names
from quizapp.core.kinds.cloze import Cloze
from quizapp.core.kinds.short_answer import (
    ANY_OTHER,
    ShortAnswer,
    feedback_for_response,
    first_feedback,
    first_part,
    partial_credit,
)
from quizapp.core.model_base import TextPolicy
from quizapp.core.moodle_match import fits_moodle_answer, moodle_example

from ._common import neutralize_html

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
# How Moodle itself describes the top category of a context and its "Default for ..."
# category: nothing a teacher wrote, so neither kept as a description nor a topic (tag).
MOODLE_DEFAULT_CATEGORY_INFO = "The default category for questions shared in context"


@dataclass(frozen=True, slots=True)
class ReadCategory:
    """A Moodle category (XML or GIFT) as a bank holds it."""

    category: str | None  # the `category` of the questions after it (core/category.py)
    tags: tuple[str, ...]  # its names, tags of those questions, to study them by
    bank_title: str | None = None  # quizapp's category of a whole bank: the bank's title


def tag_also_category(tag: str) -> str:
    """What is said of a question's Moodle tag that names its category too."""
    return (f"its Moodle tag {tag!r} is also the name of its category; quizapp keeps it "
            "once, as a tag from the category, and an export gives it back as the category "
            "only")


def moodle_category(path: str, bank: bool = False, bank_title: str | None = None,
                    untagged: Collection[str] = ()) -> ReadCategory:
    """A category path ('$course$/top/Week 1/Trade') as a bank holds it. `bank`: it is
    the category quizapp wrote for a whole bank (BANK_CATEGORY_INFO in Moodle XML), as is
    one named `bank_title` alone (GIFT): no category and no tag, but the bank's title.
    `untagged`: the categories (as a bank writes them) whose name is no tag, such as the
    'Default for Trade 101' Moodle makes for every course."""
    context, names = context_and_names(path)
    if bank or (bank_title is not None and names == [bank_title]):
        return ReadCategory(None, (), names[-1] if names else None)
    category = from_moodle(path)
    # each name's own category: 'Week 1' and 'Week 1/Trade' for 'Week 1/Trade'
    own = [from_moodle("/".join([context, "top", join_names(names[: n + 1])]))
           for n in range(len(names))]
    return ReadCategory(category, tuple(dict.fromkeys(
        neutralize_html(name) for name, its in zip(names, own, strict=True)
        if its not in untagged)))


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


def escape_wildcards(answer: str) -> str:
    """A typed answer quizapp compares its own way, as Moodle reads it: each '*' an
    asterisk, not a wildcard."""
    return answer.replace("*", "\\*")


def answer_for_moodle(answer: str, policy: TextPolicy) -> str:
    """A typed answer as Moodle reads it: as it is when quizapp grades it as Moodle does
    ('*' any text there and here), else with each '*' an asterisk."""
    return answer if policy.moodle else escape_wildcards(answer)


# The grades Moodle's question editor offers (question_bank::fraction_options_full), in
# percent. Moodle's import takes no other ("Error if grade not listed": a file with one is
# refused whole), so each weight is written as the nearest of these.
_MOODLE_PERCENTS = (100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0,
                    33.33333, 30.0, 25.0, 20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0)
_MOODLE_GRADES = sorted({0.0, *_MOODLE_PERCENTS, *(-p for p in _MOODLE_PERCENTS)})


def nearest_moodle_grade(percent: float) -> float:
    """The grade Moodle's editor offers nearest to `percent`."""
    return min(_MOODLE_GRADES, key=lambda grade: abs(grade - percent))


def short_answers_for_moodle(q: ShortAnswer) -> list[tuple[float, str, str | None]]:
    """A short answer's answers as Moodle lists them, (percent, text as Moodle reads it,
    feedback), in the order Moodle tries them: the right ones, each with the feedback for it
    (feedback_for), then those worth part of the marks (partly_right), each at the grade
    Moodle offers nearest its share (part_marks_changed says which moved), then the wrong
    ones feedback_for names, at 0%, then '*' at 0% for feedback_if_wrong (Moodle's "any
    other answer"). quizapp tries them in that order too. A wrong one feedback_for names
    that '*' worth part takes goes just before '*', at its grade: quizapp gives it that
    share with its own feedback, and so does Moodle then."""
    listed: list[tuple[float, str, str | None]] = [
        (100, answer_for_moodle(a, q.policy), feedback_for_response(q, a)) for a in q.answers]
    wrong_said = [(answer, feedback) for answer, feedback in q.feedback_for
                  if not textmatch.match_any(answer, q.answers, q.policy, q.names)[0]]
    taken = {answer: partial_credit(q, answer) for answer, _ in wrong_said}
    for answer, share in q.partly_right:
        percent = nearest_moodle_grade(100 * share)
        if answer == ANY_OTHER:  # those '*' takes, with their own feedback, before it
            listed += [(percent, answer_for_moodle(said, q.policy), feedback)
                       for said, feedback in wrong_said
                       if (part := taken[said]) is not None and part.by_any_other]
        listed.append((percent, answer_for_moodle(answer, q.policy),
                       q.feedback_if_wrong if answer == ANY_OTHER
                       else feedback_for_response(q, answer)))
    listed += [(0, answer_for_moodle(answer, q.policy), feedback)
               for answer, feedback in wrong_said if taken[answer] is None]
    if q.feedback_if_wrong and ANY_OTHER not in dict(q.partly_right):
        listed.append((0, "*", q.feedback_if_wrong))  # with '*' worth part, said there
    return listed


def credit_of(fraction: str | None) -> float:
    """A Moodle XML answer's fraction attribute as a number (0 when it is not one)."""
    try:
        value = float(fraction or "0")
    except ValueError:
        return 0.0
    return value if math.isfinite(value) else 0.0


class WorthLess:
    """The answers worth less than 100% listed so far, as Moodle tries them, each text
    once (the first, which Moodle grades by): all a right answer is checked against
    (graded_first_by). One worth 100% takes no right answer's responses: walking those
    too made a question of 20,000 right answers take 23 s to import."""

    __slots__ = ("_credits",)

    def __init__(self) -> None:
        self._credits: dict[str, float] = {}

    def add(self, answer: str, credit: float) -> None:
        if credit < 100:
            self._credits.setdefault(answer, credit)

    def listed(self) -> list[tuple[str, float]]:
        return list(self._credits.items())


def gap_answers_for_moodle(q: Cloze, n: int, answers: tuple[str, ...]
                           ) -> list[tuple[float, str, str | None]]:
    """Blank n's answers as a Moodle gap lists them, (percent, text, feedback), as
    short_answers_for_moodle lists a short answer's: the right ones, those worth part of the
    marks, the wrong ones its feedback_for names, '*' for its feedback_if_wrong. A blank to
    pick from lists its choices in their order, each with its share and feedback."""
    _weight, partly_right, feedback_for, otherwise = q.marks_of(n)
    if choices := q.choices_of(n):
        shares = dict(partly_right)
        said = dict(feedback_for)
        return [(100 if choice in answers else nearest_moodle_grade(100 * shares.get(choice, 0)),
                 choice, said.get(choice)) for choice in choices]
    listed: list[tuple[float, str, str | None]] = [
        (100, a, first_feedback(feedback_for, a, q.policy)) for a in answers]
    wrong_said = [(answer, feedback) for answer, feedback in feedback_for
                  if not textmatch.match_any(answer, answers, q.policy)[0]]
    taken = {answer: first_part(partly_right, answer, q.policy) for answer, _ in wrong_said}
    for answer, share in partly_right:
        percent = nearest_moodle_grade(100 * share)
        if answer == ANY_OTHER:  # those '*' takes, with their own feedback, before it
            listed += [(percent, said, feedback) for said, feedback in wrong_said
                       if (part := taken[said]) is not None and part.by_any_other]
        listed.append((percent, answer, otherwise if answer == ANY_OTHER
                       else first_feedback(feedback_for, answer, q.policy)))
    listed += [(0, answer, feedback) for answer, feedback in wrong_said
               if taken[answer] is None]
    if otherwise and ANY_OTHER not in dict(partly_right):
        listed.append((0, "*", otherwise))
    return listed


def part_marks_changed(q: ShortAnswer) -> str | None:
    """A warning naming the question when a share of partly_right is not a grade Moodle
    offers, so that it is written as the nearest one (0.45 as 50%); None otherwise."""
    moved = [f"{answer!r} {100 * share:g}% as {nearest_moodle_grade(100 * share):g}%"
             for answer, share in q.partly_right
             if abs(nearest_moodle_grade(100 * share) - 100 * share) > 1e-5]
    if not moved:
        return None
    return (f"question {q.id!r}: Moodle takes only the grades its editor offers (100%, 90%, "
            f"83.33333%, ... 5%); the answers worth part of the marks are written at the "
            f"nearest ({', '.join(moved)}), so Moodle grades them differently from quizapp")


def graded_first_by(written: str, earlier: list[tuple[str, float]],
                    case_sensitive: bool) -> tuple[str, float] | None:
    """The answer worth less than 100%, listed before the right answer `written` (`earlier`:
    the answers worth less before it, WorthLess.listed, with their credit), that takes some
    of the same responses: Moodle grades a response by the first answer it fits ('color'
    worth 0% before 'colo*r'), so there those responses earn its credit. None when none
    does."""
    for answer, credit in earlier:
        if credit >= 100:
            continue
        if (fits_moodle_answer(moodle_example(answer), written, case_sensitive)
                or fits_moodle_answer(moodle_example(written), answer, case_sensitive)):
            return answer, credit
    return None


def graded_first_note(written: str, earlier: tuple[str, float]) -> str:
    """What was done with a right answer that an earlier answer worth less shadows: it is
    left out, so that the responses the teacher marked down are not right here."""
    return (f"the answer {written!r} was left out: Moodle grades a response that fits both "
            f"it and {earlier[0]!r}, listed before it, by {earlier[0]!r} ({earlier[1]:g}%), "
            f"and quizapp keeps the right answers only, so a response that fits {written!r} "
            "alone is wrong here")


def partly_right_of(listed: list[tuple[str, float]], case_sensitive: bool,
                    wildcards: bool = True) -> tuple[list[tuple[str, float]], list[str]]:
    """A Moodle short answer's answers worth part of the marks, in order, each with its
    share (`listed`: every answer in order, with its percent), and what was left out: one
    that an answer worth nothing listed before it takes responses from (quizapp tries
    those for their feedback only, after the others), and '*' (any other answer) where
    the answers are not read as Moodle reads them (`wildcards` False: a numerical gap).
    A question graded as Moodle grades reads '*' as any text, so there it is kept."""
    found: dict[str, float] = {}
    notes: list[str] = []
    for n, (text, credit) in enumerate(listed):
        if not text or not 0 < credit < 100 or text in found:
            continue
        if text == "*" and not wildcards:
            notes.append(f"the answer '*' worth {credit:g}% (any other answer, in Moodle) was "
                         "left out: here any other answer scores nothing")
            continue
        shadow = graded_first_by(text, [(t, c) for t, c in listed[:n] if c <= 0],
                                 case_sensitive)
        if shadow is not None:
            notes.append(f"the answer {text!r} worth {credit:g}% was left out: Moodle grades "
                         f"a response that fits both it and {shadow[0]!r}, listed before it, "
                         f"by {shadow[0]!r} ({shadow[1]:g}%)")
            continue
        found[text] = round(credit / 100, 7)
    return list(found.items()), notes


def reachable_parts(partly_right: tuple[tuple[str, float], ...], accepted: tuple[str, ...],
                    policy: TextPolicy) -> tuple[tuple[str, float], ...]:
    """The answers worth part of the marks that no accepted answer takes first (quizapp
    tries those first, as Moodle does an answer listed before): one that is taken never
    counts, in Moodle either, and a bank may not list it."""
    return tuple((answer, share) for answer, share in partly_right
                 if not textmatch.match_any(answer, accepted, policy)[0])


def moodle_exact(case_sensitive: bool) -> TextPolicy:
    """How Moodle compares a typed answer (a short answer, a typed gap): as written, spaces
    at its ends aside, '*' any text, case only as its setting says; it forgives no typo,
    accent, punctuation or leading "the", so a question read from Moodle keeps that
    ('acommodate' stays wrong). See quizapp.core.moodle_match."""
    return TextPolicy(case_sensitive=case_sensitive, moodle=True)


# What the imports of quizapp before `moodle: true` wrote for a typed answer from Moodle.
_OLD_EXACT = {cs: TextPolicy(case_sensitive=cs, ignore_accents=False, ignore_punctuation=False,
                             max_typos=0) for cs in (False, True)}


def forgives_more_than_moodle(policy: TextPolicy) -> bool:
    """Whether quizapp forgives typos, accents or punctuation under `policy` where Moodle,
    comparing exactly, marks the answer wrong."""
    return not policy.moodle and policy != _OLD_EXACT[policy.case_sensitive]


def read_units(listed: list[tuple[str, str]]) -> tuple[
        str | None, tuple[tuple[str, float], ...], list[str]]:
    """A Moodle numerical question's units (name, multiplier as written) as quizapp keeps
    them: the unit of multiplier 1, the others with theirs (numeric's other_units), and a
    warning for each unit left out."""
    unit = None
    others: list[tuple[str, float]] = []
    multiples: list[tuple[str, str]] = []  # the units other than the base, as written
    notes: list[str] = []
    for name, multiplier in listed:
        try:
            factor = float(multiplier)
        except ValueError:
            factor = math.nan
        if factor == 1 and unit is None and name:
            unit = name
        elif name and math.isfinite(factor) and factor > 0 and name not in dict(others):
            others.append((name, factor))
            multiples.append((name, multiplier))
        elif name:
            notes.append(f"the unit {name!r} (× {multiplier}) was left out: its multiplier is "
                         "not a number above 0, or the unit is listed twice")
    if others and unit is None:
        notes += [f"the unit {name!r} (× {multiplier}) was left out: the question has no unit "
                  "of multiplier 1 for it to count against" for name, multiplier in multiples]
        others = []
    return unit, tuple(others), notes


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
