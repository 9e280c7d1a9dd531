"""Moodle's embedded answers ({1:SHORTANSWER:=Geneva~=Genf}) as quizapp cloze blanks.

A quizapp blank is typed and accepts any of its answers, or offers choices to pick from
(a drop-down, as Moodle's MULTICHOICE gaps in all their layouts); it keeps the gap's weight,
its answers worth part of its marks and its feedback (Cloze.blank_marks, blank_choices).
What a Moodle gap says beyond that is said in a warning that names the question and the gap
and what the learner meets instead. A question whose gap cannot be one blank at all (a
multiple response gap needing several choices) is skipped. Syntax: https://docs.moodle.org/en/Embedded_Answers_(Cloze)_question_type
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from quizapp.core.kinds.cloze import BlankMarks

from .moodle_common import (
    WorthLess,
    escape_wildcards,
    graded_first_by,
    graded_first_note,
    partly_right_of,
)

GAP = re.compile(r"\{(\d*):([A-Z_]+):((?:\\.|[^}])*)\}")
_MARK = re.compile(r"^(=|%(-?\d+(?:\.\d+)?)%)")


class GapSkip(Exception):
    """A gap quizapp cannot ask: the question is skipped, with this reason."""


@dataclass
class ClozeText:
    """The converted text and what the reader reports about it."""

    text: str
    warnings: list[str] = field(default_factory=list)
    case_sensitive: set[bool] = field(default_factory=set)
    # a short answer gap: typed in Moodle too, and compared there exactly
    typed: bool = False
    # each gap's weight, part marks and feedback, in order (Cloze.blank_marks)
    marks: list[BlankMarks] = field(default_factory=list)
    # each gap's choices, in order, () for a typed one (Cloze.blank_choices)
    choices: list[tuple[str, ...]] = field(default_factory=list)
    # the gaps (0, 1, ...) whose choices Moodle shows in the order written (no _S)
    pinned: list[int] = field(default_factory=list)
    # each gap's tolerance, in order: a NUMERICAL gap's, 0 for the others (Cloze.blank_tolerances)
    tolerances: list[float] = field(default_factory=list)
    # each gap's tolerance for each of its right answers, where they differ; () for the
    # others (Cloze.answer_tolerances)
    answer_tolerances: list[tuple[float, ...]] = field(default_factory=list)


# A line that Markdown would read as a list item, heading or quote: '* San Francisco: {...}'
# after a <br>, which Moodle shows as written.
_BLOCK_START = re.compile(r"(?m)^( {0,3})([*+-]|#{1,6}|>|\d{1,9}(?=[.)]))(?=[.)]?(?:\s|$))")


def literal_line_starts(text: str) -> str:
    """An embedded-answers text (read without its Markdown escaped, for the gaps' sake) with
    each line start outside the gaps that Markdown would read as a list, heading or quote
    escaped, so that it shows as Moodle shows it; the gaps are left as written."""
    gaps = [m.span() for m in GAP.finditer(text)]

    def escaped(m: re.Match) -> str:
        if any(start <= m.start() < end for start, end in gaps):
            return m.group(0)
        marker = m.group(2)
        return m.group(1) + (marker + "\\" if marker[0].isdigit() else "\\" + marker)

    return _BLOCK_START.sub(escaped, text)


def convert_gaps(text: str) -> ClozeText:
    """`text` with each gap Moodle can grade as a quizapp blank; gaps with no right answer
    are left as written (the caller skips such a question). Raises GapSkip."""
    out = ClozeText(text)
    gaps = list(GAP.finditer(text))
    # a question with a typed gap is graded as Moodle grades ('*' any text): a '*' in a
    # menu's or a number's answer is an asterisk there
    out.typed = any(_typed_gap(m.group(2).upper()) for m in gaps)

    def blank(number: int, m: re.Match) -> str:
        weight, kind, body = m.group(1) or "1", m.group(2).upper(), m.group(3)
        where = f"gap {number} {m.group(0)}"
        right: list[str] = []
        raw_right: list[str] = []  # as written: a number with its tolerance
        raw_parts: list[tuple[str, float]] = []  # a number worth part, with its tolerance
        positive = 0
        listed: list[tuple[str, float]] = []  # the gap's answers in order, as Moodle tries them
        worth_less = WorthLess()  # the gap's answers so far that may take a right one's
        before: dict[str, list[tuple[str, float]]] = {}  # a right answer: those listed before
        said: dict[str, str] = {}  # an answer's feedback, the first of a text winning
        otherwise: str | None = None  # the feedback of '*' worth less than 100%: any other
        for part in re.split(r"(?<!\\)~", body):
            part = part.strip()
            mark = _MARK.match(part)
            answer, *feedback = re.split(r"(?<!\\)#", part[mark.end():] if mark else part)
            answer = _unescape(answer).strip()
            credit = 0.0 if not mark else 100.0 if mark.group(2) is None else float(mark.group(2))
            raw = answer
            if kind in ("NUMERICAL", "NM"):  # the number as written, its tolerance aside
                answer = answer.split(":")[0].strip()
            listed.append((answer, credit))
            worth_less.add(answer, credit)
            written = _feedback(_unescape("#".join(feedback)))
            if written and answer == "*" and credit < 100:
                otherwise = otherwise or written
            elif written and answer:
                said.setdefault(answer, written)
            if not mark:
                continue
            if credit > 0:
                positive += 1
            if credit < 100:
                if credit > 0 and answer != "*":
                    raw_parts.append((raw, credit))
                continue
            if answer:
                right.append(answer)
                raw_right.append(raw)
                if answer not in before:
                    before[answer] = worth_less.listed()
        if kind.startswith(("MULTIRESPONSE", "MR")) and positive > 1:
            raise GapSkip(f"{where} is a multiple response gap: Moodle wants {positive} "
                          "choices ticked together, which one typed blank cannot ask; the "
                          "question was skipped")
        if not right:
            return m.group(0)
        menu = _menu_gap(kind) and len({a for a, _ in listed if a}) > 1
        if _menu_gap(kind) and not menu:  # Moodle refuses a menu of one; typed, it asks
            out.warnings.append(f"{where} is a choice in Moodle with one choice only; in "
                                "quizapp the learner types it")
        tolerances: dict[str, float] = {}  # each right number's, the first of a number's
        if kind in ("NUMERICAL", "NM"):
            if not all(_is_number(r.split(":")[0]) for r in raw_right):
                raise GapSkip(f"{where} is numerical, but its right answer is not a number "
                              "(Moodle refuses it too); the question was skipped")
            tolerances, notes = _numerical_tolerances(raw_right, raw_parts)
            out.warnings += [f"{where}: {note}" for note in notes]
        elif menu:
            return _choice_blank(out, where, kind, weight, listed, said, right)
        else:
            case_sensitive = kind in ("SHORTANSWER_C", "SAC", "MWC")
            # kept as Moodle reads them ('*' any text, '\\*' an asterisk): the question is
            # graded as Moodle grades (moodle_exact)
            kept_right = []
            for written in right:
                shadow = graded_first_by(written, before[written], case_sensitive)
                if shadow is not None:
                    out.warnings.append(f"{where}: {graded_first_note(written, shadow)}")
                else:
                    kept_right.append(written)
            if not kept_right:
                raise GapSkip(f"{where}: Moodle grades each right answer's responses by an "
                              "answer worth less listed before it; the question was skipped")
            right = kept_right
        partly_right, notes = partly_right_of(listed, kind in ("SHORTANSWER_C", "SAC", "MWC"),
                                              wildcards=_typed_gap(kind))
        out.warnings += [f"{where}: {note}" for note in notes]
        feedback_for = [(answer, feedback) for answer, feedback in said.items()
                        if answer != "*"]
        if out.typed and not _typed_gap(kind):
            right = [escape_wildcards(r) for r in right]
            partly_right = [(escape_wildcards(a), share) for a, share in partly_right]
            feedback_for = [(escape_wildcards(a), feedback) for a, feedback in feedback_for]
        out.marks.append((max(1, int(weight or 1)), tuple(partly_right), tuple(feedback_for),
                          otherwise))
        out.choices.append(())
        each = tuple(tolerances.get(r, 0.0) for r in dict.fromkeys(right))
        out.tolerances.append(each[0] if each else 0.0)
        out.answer_tolerances.append(each if len(set(each)) > 1 else ())
        out.case_sensitive.add(kind in ("SHORTANSWER_C", "SAC", "MWC"))
        return _blank_text(out, where, right)

    numbers = iter(range(1, len(gaps) + 1))
    out.text = GAP.sub(lambda m: blank(next(numbers), m), text)
    return out


def _blank_text(out: ClozeText, where: str, right: list[str], verb: str = "typing") -> str:
    """The quizapp blank for a gap's right answers. '|' separates a blank's answers and has
    no escape: 'two|pipe' would accept 'two' and 'pipe' each alone, so it is left out."""
    piped = [r for r in right if "|" in r]
    kept = [r for r in right if "|" not in r]
    if piped:
        if not kept:
            raise GapSkip(f"{where}: the answer {piped[0]!r} has a '|', which in a "
                          "quizapp blank separates answers (each part alone would be "
                          "right); the question was skipped")
        out.warnings.append(f"{where}: the answer {piped[0]!r} has a '|', which in a "
                            "quizapp blank separates answers; it was left out, so a "
                            f"learner {verb} it is marked wrong")
    return "{{" + "|".join(dict.fromkeys(kept)) + "}}"


def _menu_gap(kind: str) -> bool:
    """A gap Moodle asks as choices: MULTICHOICE in any layout (a drop-down, radio buttons
    across or down, shuffled or not), or a MULTIRESPONSE gap with one right tick."""
    return kind.startswith(("MULTICHOICE", "MC", "MULTIRESPONSE", "MR"))


def _choice_blank(out: ClozeText, where: str, kind: str, weight: str,
                  listed: list[tuple[str, float]], said: dict[str, str],
                  right: list[str]) -> str:
    """A choice gap as a blank to pick from: its answers in order are its choices, the
    100% ones right, those worth less than 100% and more than 0 part of its marks, each
    with its feedback; compared as picked, so the answers are never read as wildcards."""
    choices = tuple(dict.fromkeys(answer for answer, _credit in listed if answer))
    credit_of: dict[str, float] = {}
    for answer, credit in listed:
        credit_of.setdefault(answer, credit)
    below = [f"{a!r} ({c:g}%)" for a, c in credit_of.items() if c < 0]
    if below:
        out.warnings.append(f"{where}: the choice {below[0]} takes marks away in Moodle; "
                            "here a wrong choice scores nothing in its blank")
    if not (kind.endswith("S") and kind not in ("MULTIRESPONSE", "MR")):  # MCS, MRHS, ...
        out.pinned.append(len(out.choices))  # Moodle keeps their order: so does quizapp
    partly_right = tuple((answer, round(credit / 100, 7)) for answer, credit in credit_of.items()
                         if answer and 0 < credit < 100)
    feedback_for = tuple((answer, text) for answer, text in said.items() if answer in choices)
    out.marks.append((max(1, int(weight or 1)), partly_right, feedback_for, None))
    out.choices.append(choices)
    out.tolerances.append(0.0)
    out.answer_tolerances.append(())
    return _blank_text(out, where, right, "picking")


def _unescape(text: str) -> str:
    """Moodle's escapes in an embedded answer or its feedback: \\} \\# \\~ \\/ \\" \\\\"""
    return re.sub(r'\\([}#~/"\\])', r"\1", text)


def _feedback(text: str) -> str:
    """A gap's feedback as Markdown, without the line break Moodle's editor leaves at its
    end ('Congratulations!<br />' before the next '~'), which would show as a '\\'."""
    text = text.strip()
    while text.endswith("\\") and not text.endswith("\\\\"):
        text = text[:-1].rstrip()
    return text


def _typed_gap(kind: str) -> bool:
    """Whether a gap of this kind is typed in Moodle too (a short answer)."""
    return kind not in ("NUMERICAL", "NM") and not _menu_gap(kind)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _number_and_margin(written: str) -> tuple[float, float] | None:
    """A NUMERICAL gap's answer as written ('9.8:0.1') as its number and tolerance."""
    value, _, tolerance = written.partition(":")
    try:
        number, margin = float(value), abs(float(tolerance or 0))
    except ValueError:
        return None
    return (number, margin) if math.isfinite(number) and math.isfinite(margin) else None


def _numerical_tolerances(right: list[str], parts: list[tuple[str, float]]
                          ) -> tuple[dict[str, float], list[str]]:
    """A NUMERICAL gap's tolerances as its blank keeps them: each right number's (the first
    written of a number that is written twice), by the number as the blank has it, and what
    is said of the tolerances it cannot keep."""
    tolerances: dict[str, float] = {}
    for written in right:
        if (found := _number_and_margin(written)) is not None:
            tolerances.setdefault(written.split(":")[0].strip(), found[1])
    notes = []
    for written, credit in parts:
        found = _number_and_margin(written)
        if found is not None and found[1] > 0:
            notes.append(f"the answer {found[0]:g} ± {found[1]:g} worth {credit:g}% keeps no "
                         "tolerance of its own (a quizapp blank has one, for its right "
                         f"answers): a number within it earns that share only if it is "
                         f"{found[0]:g} itself")
    return tolerances, notes


# How a gap left in a question's text is shown (as quizapp's GIFT reader shows a number
# asked in the middle of a sentence).
NUMBER_BLANK = "_____"


@dataclass
class NumberGap:
    """A cloze whose one gap is numerical, as a numeric question: the text with a blank in
    place of the gap, the right number and its tolerance, kept whole."""

    prompt: str
    value: float
    tolerance: float
    otherwise: str | None  # the feedback of '*' (any other number)
    warnings: list[str] = field(default_factory=list)


def one_number_gap(text: str) -> NumberGap | None:
    """`text` as a numeric question when its only gap is numerical with one right number
    ({1:NUMERICAL:=3.14:0.005}). None otherwise: a gap of several right numbers stays a
    cloze, whose blank keeps each number with its tolerance (a numeric question has one)."""
    gaps = list(GAP.finditer(text))
    if len(gaps) != 1 or gaps[0].group(2).upper() not in ("NUMERICAL", "NM"):
        return None
    m = gaps[0]
    right: list[tuple[float, float]] = []
    others: list[str] = []
    otherwise = None
    for part in re.split(r"(?<!\\)~", m.group(3)):
        part = part.strip()
        mark = _MARK.match(part)
        answer, *feedback = re.split(r"(?<!\\)#", part[mark.end():] if mark else part)
        credit = 0.0 if not mark else 100.0 if mark.group(2) is None else float(mark.group(2))
        value, _, tolerance = answer.strip().partition(":")
        if value.strip() == "*":
            otherwise = otherwise or "#".join(feedback).strip() or None
            continue
        try:
            number, margin = float(value), abs(float(tolerance or 0))
        except ValueError:
            return None
        if credit >= 100:
            right.append((number, margin))
        elif credit > 0:
            others.append(f"the answer {answer.strip()!r} worth {credit:g}% was left out: "
                          "partial credit is not supported")
        if any(f.strip() for f in feedback):
            others.append(f"the feedback for {answer.strip()!r} was left out: feedback on "
                          "numerical answers is not supported")
    if len(right) != 1:  # several: a cloze blank keeps each with its tolerance
        return None
    before, after = text[: m.start()], text[m.end():]
    alone = not before.rsplit("\n", 1)[-1].strip() and not after.split("\n", 1)[0].strip()
    # a line of underscores alone is a Markdown rule: escaped there, it shows as a blank
    blank = NUMBER_BLANK.replace("_", "\\_") if alone else NUMBER_BLANK
    return NumberGap((before + blank + after).strip(), right[0][0], right[0][1], otherwise,
                     others)


@dataclass
class ChoiceGap:
    """A cloze whose one gap is a multiple response gap, as a multiple_select question:
    the text with a blank in place of the gap (or none at its end), and the gap's choices,
    (text, percent, feedback), in order."""

    prompt: str
    choices: list[tuple[str, float, str | None]]
    shuffle: bool  # MULTIRESPONSE_S, _HS (MRS, MRHS): Moodle shuffles the choices


def one_choice_gap(text: str) -> ChoiceGap | None:
    """`text` as a multiple_select question when its only gap is a multiple response gap
    with two choices or more ({1:MULTIRESPONSE:%50%Kantor~%50%Brown~%-100%Hashimoto}): the
    ticks a typed blank cannot ask, a question of choices can, with Moodle's weights (the
    picked choices' sum). None otherwise."""
    gaps = list(GAP.finditer(text))
    if len(gaps) != 1 or not gaps[0].group(2).upper().startswith(("MULTIRESPONSE", "MR")):
        return None
    m = gaps[0]
    choices: list[tuple[str, float, str | None]] = []
    for part in re.split(r"(?<!\\)~", m.group(3)):
        part = part.strip()
        mark = _MARK.match(part)
        answer, *feedback = re.split(r"(?<!\\)#", part[mark.end():] if mark else part)
        credit = 0.0 if not mark else 100.0 if mark.group(2) is None else float(mark.group(2))
        answer = _unescape(answer).strip()
        if answer:
            choices.append((answer, credit, _feedback(_unescape("#".join(feedback))) or None))
    if len(choices) < 2 or not any(credit > 0 for _, credit, _ in choices):
        return None
    before, after = text[: m.start()].rstrip(), text[m.end():].lstrip()
    # a sentence the gap stands in keeps a blank there; a gap ending the text is the answer
    blank = f" {NUMBER_BLANK} " if after.strip(" .?:") else ""
    kind = m.group(2).upper()
    return ChoiceGap((before + blank + after).strip(), choices,
                     kind.endswith("S") and kind not in ("MULTIRESPONSE", "MR"))

