"""cloze: a text with blanks written as {{answer}} or {{answer|variant|...}}."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from quizapp.core import textmatch
from quizapp.core.grades import Grade, clamp, text_response, wrong
from quizapp.core.kinds import form_fields as ff
from quizapp.core.kinds.base import SECONDS_PER_WORD, Kind, words
from quizapp.core.kinds.numeric import within_tolerance
from quizapp.core.kinds.short_answer import KIND as SHORT_ANSWER
from quizapp.core.kinds.short_answer import (
    AnswerFeedback,
    PartCredit,
    first_feedback,
    first_part,
    read_feedback_for,
    read_partly_right,
)
from quizapp.core.kinds.text_forms import pick
from quizapp.core.model_base import CLOZE_BLANK, Question, TextPolicy
from quizapp.core.moodle_match import moodle_example, shown_moodle_answer
from quizapp.core.numtext import format_number, parse_number
from quizapp.core.plural import counted
from quizapp.core.schema_parts import TEXT
from quizapp.core.yaml_fields import FieldReader
from quizapp.core.yaml_nodes import Mapping, Node, Scalar
from quizapp.core.yaml_nodes import Sequence as YamlSequence
from quizapp.core.yaml_values import imprecise_number, is_visible, shown

# What one blank says beyond its accepted answers, as a Moodle embedded-answers gap does:
# (weight, partly_right, feedback_for, feedback_if_wrong). Its weight is how many times a
# blank of weight 1 it counts ({2:SHORTANSWER:...}); the others are as a short answer's.
# A plain tuple, as PersonName is, so that the bank cache (marshal) keeps it.
BlankMarks = tuple[int, tuple[PartCredit, ...], tuple[AnswerFeedback, ...], str | None]
PLAIN_BLANK: BlankMarks = (1, (), (), None)
# A blank's `tolerance` as read: one for all its answers, or one for each (a tuple).
Tolerance = float | tuple[float, ...]
SHORT_ANSWER_KEYS = SHORT_ANSWER.key_schemas
EXACT = TextPolicy(case_sensitive=True, ignore_accents=False, ignore_punctuation=False,
                   max_typos=0)
BLANK_KEYS = frozenset({"weight", "partly_right", "feedback_for", "feedback_if_wrong",
                        "choices", "shuffle", "tolerance"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Cloze(Question):
    """A text with blanks written as {{answer}} or {{answer|variant|...}}."""

    TYPE: ClassVar[str] = "cloze"
    text: str
    policy: TextPolicy = field(default_factory=TextPolicy)
    # Each blank's weight, part marks and feedback, in order; () when no blank has any.
    blank_marks: tuple[BlankMarks, ...] = ()
    # Each blank's choices, in order, as a drop-down offers them (a Moodle MULTICHOICE
    # gap); () for a typed blank, and () for all when no blank has any.
    blank_choices: tuple[tuple[str, ...], ...] = ()
    # The blanks (0, 1, ...) whose choices are offered in the order written (`shuffle:
    # false`, Moodle's MULTICHOICE without _S); the others' are shuffled for each showing,
    # so that the right one's place does not give it away.
    pinned_choices: tuple[int, ...] = ()
    # Each blank's tolerance, in order: a number blank accepts any number within plus or
    # minus it of one of its answers (a Moodle NUMERICAL gap's {1:NUMERICAL:=12.5:0.5});
    # 0 for a blank taking its numbers exactly, and () when no blank has one.
    blank_tolerances: tuple[float, ...] = ()
    # Each blank's tolerance for each of its answers, in order, for a blank whose answers
    # have tolerances of their own (Moodle's {1:NUMERICAL:=60:1~=60000:1000}, `tolerance:
    # [1, 1000]`; its blank_tolerances entry is the first answer's); () for a blank whose
    # answers share one, and () for all when none has its own.
    answer_tolerances: tuple[tuple[float, ...], ...] = ()

    def tolerance_of(self, n: int) -> float:
        """Blank n's tolerance (0: its numbers exactly); its first answer's when each of
        its answers has its own (tolerances_of)."""
        return self.blank_tolerances[n] if n < len(self.blank_tolerances) else 0.0

    def tolerances_of(self, n: int, answers: int | None = None) -> tuple[float, ...]:
        """Blank n's tolerance for each of its answers, in order (`answers`: how many it
        has, from a caller that holds them: the text is not read again)."""
        own = self.answer_tolerances[n] if n < len(self.answer_tolerances) else ()
        count = len(self.blanks[n]) if answers is None else answers
        return own or (self.tolerance_of(n),) * count

    def has_tolerance(self, n: int) -> bool:
        """Whether blank n takes a number near one of its answers (a NUMERICAL gap)."""
        return bool(self.tolerance_of(n)) or (
            n < len(self.answer_tolerances) and any(self.answer_tolerances[n]))

    def marks_of(self, n: int) -> BlankMarks:
        """Blank n's weight, part marks and feedback (PLAIN_BLANK when it has none)."""
        return self.blank_marks[n] if n < len(self.blank_marks) else PLAIN_BLANK

    def choices_of(self, n: int) -> tuple[str, ...]:
        """The texts blank n offers to pick from; () when it is typed."""
        return self.blank_choices[n] if n < len(self.blank_choices) else ()

    def choices_shown(self, n: int, rng: random.Random | None) -> tuple[str, ...]:
        """Blank n's choices in the order one showing offers them: shuffled by `rng`, or as
        written when the blank pins them or there is no rng."""
        choices = self.choices_of(n)
        if rng is None or n in self.pinned_choices:
            return choices
        return tuple(rng.sample(choices, len(choices)))

    def choices_printed(self, n: int, paper: str = "") -> tuple[str, ...]:
        """Blank n's choices in the order a paper or an exported card offers them: shuffled
        as on screen, but the same each time (seeded by the question and the blank, and
        by `paper` for the versions of a printed paper after the first)."""
        seed = f"{self.id}\x1f{n}" + (f"\x1f{paper}" if paper else "")
        return self.choices_shown(n, random.Random(seed))

    @property
    def blanks(self) -> tuple[tuple[str, ...], ...]:
        """Accepted answers for each blank, in order."""
        return tuple(
            tuple(part.strip() for part in m.group(1).split("|"))
            for m in CLOZE_BLANK.finditer(self.text)
        )

    def segments(self) -> list[str | int]:
        """The text split into literal strings and blank numbers (0, 1, ...)."""
        out: list[str | int] = []
        pos = 0
        for n, m in enumerate(CLOZE_BLANK.finditer(self.text)):
            out.append(self.text[pos : m.start()])
            out.append(n)
            pos = m.end()
        out.append(self.text[pos:])
        return out


def read_yaml(r: FieldReader, m: Mapping, what: str) -> dict[str, Any]:
    text = r.text(m, "text", what, required=True)
    if text is not None:
        node = m.items["text"][1]
        blanks = [b.group(1) for b in CLOZE_BLANK.finditer(text)]
        for blank in blanks:
            if "{{" in blank:
                continue  # a blank left open: _check_braces says so, where
            answers = [part.strip() for part in blank.split("|")]
            if not all(answers):
                r.error(node, f"the blank '{{{{{blank}}}}}' has an empty answer")
            elif not all(is_visible(answer) for answer in answers):
                # a zero-width space shows nothing and nobody can type it
                r.error(node, f"the blank '{{{{{blank}}}}}' has an answer of only "
                        "invisible characters")
            else:
                _warn_imprecise_numbers(r, node, answers)
        found = len(r.problems)
        _check_braces(r, node, text)
        if not blanks and len(r.problems) == found:  # a blank left open is said so, alone
            r.error(
                node,
                "the cloze text has no blanks; mark each blank as {{answer}} "
                "or {{answer|other accepted answer}}",
            )
    policy = r.grading(m)
    marks, choices, pinned, tolerances = (_read_blanks(r, m, text, policy) if text is not None
                                          else ((), (), (), ()))
    own = [t if isinstance(t, tuple) else () for t in tolerances]
    return {"text": text, "policy": policy, "blank_marks": marks, "blank_choices": choices,
            "pinned_choices": pinned,
            "blank_tolerances": tuple(t[0] if isinstance(t, tuple) else t for t in tolerances),
            "answer_tolerances": tuple(own) if any(own) else ()}


def _read_blanks(r: FieldReader, m: Mapping, text: str, policy: TextPolicy
                 ) -> tuple[tuple[BlankMarks, ...], tuple[tuple[str, ...], ...],
                            tuple[int, ...], tuple[Tolerance, ...]]:
    """`blanks`: one entry a blank, in order, each empty or a mapping of BLANK_KEYS; each
    blank's marks, its choices, the blanks whose choices keep their order and each blank's
    tolerance (Cloze.blank_marks, blank_choices, pinned_choices, blank_tolerances)."""
    pair = m.items.get("blanks")
    if pair is None or (type(pair[1]) is Scalar and pair[1].is_null):
        return (), (), (), ()
    node = pair[1]
    if type(node) is not YamlSequence:
        r.kind_error(node, "blanks", "a list with an entry for each blank, in order")
        return (), (), (), ()
    answers = [tuple(part.strip() for part in b.group(1).split("|"))
               for b in CLOZE_BLANK.finditer(text)]
    if len(node.items) != len(answers):
        r.error(node, f"'blanks' has {len(node.items)} entr{'y' if len(node.items) == 1 else 'ies'}"
                f" but the text has {len(answers)} blank{'' if len(answers) == 1 else 's'}: "
                "write one for each blank, in order (an empty '-' for a plain one)")
        return (), (), (), ()
    found: list[BlankMarks] = []
    offered: list[tuple[str, ...]] = []
    pinned: list[int] = []
    tolerances: list[Tolerance] = []
    for n, (item, accepted) in enumerate(zip(node.items, answers, strict=True)):
        if type(item) is Scalar and item.is_null:
            found.append(PLAIN_BLANK)
            offered.append(())
            tolerances.append(0.0)
            continue
        if type(item) is not Mapping:
            r.kind_error(item, "an entry of 'blanks'", "a mapping like {weight: 2}, or empty")
            continue
        r.unknown_keys(item, BLANK_KEYS, "a blank")
        weight = 1
        if "weight" in item.items:
            value = r.number(item.items["weight"][1], "weight")
            if value is not None and (value < 1 or value != int(value) or value > 1000):
                r.error(item.items["weight"][1], "a blank's 'weight' is a whole number from 1 "
                        f"to 1000 (how many plain blanks it counts as), not {value:g}")
            elif value is not None:
                weight = int(value)
        otherwise = r.feedback_texts(item, "a blank", ("feedback_if_wrong",))
        # a blank to pick from compares the choice as written ('Australia' is not 'Austria'
        # with a typo, and may be worth part of the marks)
        compared = EXACT if "choices" in item.items else policy
        marks = (weight, read_partly_right(r, item, accepted, compared),
                 read_feedback_for(r, item), otherwise.get("feedback_if_wrong"))
        found.append(marks)
        offered.append(_read_choices(r, item, n, accepted, marks))
        if "shuffle" in item.items:
            shuffle = r.boolean(item.items["shuffle"][1], "shuffle")
            if "choices" not in item.items:
                r.error(item.items["shuffle"][1], f"blank {n + 1} has 'shuffle' but no "
                        "'choices': only a blank to pick from has an order to shuffle")
            elif shuffle is False:
                pinned.append(n)
        tolerances.append(_read_tolerance(r, item, n, accepted))
    return (tuple(found) if any(marks != PLAIN_BLANK for marks in found) else (),
            tuple(offered) if any(offered) else (), tuple(pinned),
            tuple(tolerances) if any(tolerances) else ())


def _read_tolerance(r: FieldReader, item: Mapping, n: int, accepted: tuple[str, ...]
                    ) -> Tolerance:
    """A blank's `tolerance`: how far from one of its numbers a number typed may be and
    still be right; a list gives one for each of its answers, in order (a tuple). Only a
    typed blank whose answers are all numbers has one."""
    pair = item.items.get("tolerance")
    if pair is None:
        return 0.0
    where = f"blank {n + 1} ('{{{{{shown('|'.join(accepted), 30)}}}}}')"
    if type(pair[1]) is YamlSequence:
        listed = pair[1].items
        if len(listed) != len(accepted):
            r.error(pair[1], f"{where} has {counted(len(accepted), 'answer')} but "
                    f"{counted(len(listed), 'tolerance')}: give one number for all its "
                    "answers, or a list with one for each")
            return 0.0
        each = [_one_tolerance(r, node, item, where, accepted) for node in listed]
        return tuple(each) if all(t is not None for t in each) else 0.0  # type: ignore[arg-type]
    return _one_tolerance(r, pair[1], item, where, accepted) or 0.0


def _one_tolerance(r: FieldReader, node: Node, item: Mapping, where: str,
                   accepted: tuple[str, ...]) -> float | None:
    """One number of a blank's `tolerance`, or None when it is not one it can have."""
    value = r.number(node, "tolerance")
    if value is None:
        return None
    if not (math.isfinite(value) and value >= 0):
        r.error(node, f"{where}: its 'tolerance' should be a number of 0 or more (how far "
                f"from its number an answer may be), not {value:g}")
    elif "choices" in item.items:
        r.error(node, f"{where} has 'tolerance' and 'choices': a blank to pick from takes "
                "its choices as written, so only a typed number blank has a tolerance")
    elif not all(_number_of(answer) is not None for answer in accepted):
        r.error(node, f"{where} has a 'tolerance', but not all its answers are numbers; "
                "write the blank's number alone ({{12.5}}) for a tolerance to apply to")
    else:
        return value
    return None


def _read_choices(r: FieldReader, item: Mapping, n: int, accepted: tuple[str, ...],
                  marks: BlankMarks) -> tuple[str, ...]:
    """A blank's `choices`: the texts a learner picks from (in this order), of which its
    answers are the right ones. Every answer the blank names must be one of them: a
    choice is compared as it is written, so an answer not offered could never be picked."""
    pair = item.items.get("choices")
    if pair is None:
        return ()
    texts = r.text_list(item, "choices", f"blank {n + 1}'s choices")
    if texts is None:
        return ()
    choices = tuple(text.strip() for text in texts)
    where = f"blank {n + 1} ('{{{{{shown('|'.join(accepted), 30)}}}}}')"
    if len(choices) < 2:
        r.error(pair[1], f"{where} has {len(choices)} choice{'' if len(choices) == 1 else 's'}"
                "; a blank to pick from needs two or more, its right answer among them")
        return ()
    if not all(choices):
        r.error(pair[1], f"{where} has an empty choice")
        return ()
    repeated = sorted({c for c in choices if choices.count(c) > 1})
    if repeated:
        r.error(pair[1], f"{where} offers the choice {repeated[0]!r} twice")
        return ()
    _weight, partly_right, feedback_for, _otherwise = marks
    named = [("answer", a) for a in accepted] + [("partly_right answer", a)
                                                  for a, _ in partly_right]
    named += [("feedback_for answer", a) for a, _ in feedback_for]
    for what, answer in named:
        if answer not in choices:
            r.error(pair[1], f"{where}: its {what} {answer!r} is not one of its choices "
                    f"({', '.join(map(repr, choices))}); a learner picks from the choices "
                    "only, so write it among them exactly as it is in the blank")
            return ()
    return choices


def _check_braces(r: FieldReader, node: Node, text: str) -> None:
    """Each '{{' closed by a '}}' before the next '{{', and no '}}' without its '{{'. A
    forgotten '}}' otherwise joins two blanks into one, silently: the learner sees fewer
    blanks than the teacher wrote, and one of them wants a long run of the text."""
    at = 0
    while True:
        opened = text.find("{{", at)
        closed = text.find("}}", at)
        if opened < 0 and closed < 0:
            return
        if opened < 0 or (0 <= closed < opened):
            r.error(_place(node, text, closed),
                    "the cloze text has a '{{' or '}}' that does not close a blank: a '}}' "
                    f"with no '{{{{' before it ('…{_around(text, closed)}…')")
            at = closed + 2
            continue
        end = text.find("}}", opened + 2)
        inner = text.find("{{", opened + 2)
        if end < 0 or 0 <= inner < end:
            r.error(_place(node, text, opened),
                    f"the blank '{shown(text[opened:opened + 32].split(chr(10))[0], 30)}' is never closed: "
                    "its '}}' is missing" + (" before the next '{{'" if inner >= 0 else ""))
            at = opened + 2 if inner < 0 else inner
            if end < 0 and inner < 0:
                return
            continue
        at = end + 2


def _around(text: str, index: int) -> str:
    return text[max(0, index - 20):index + 22].replace("\n", " ")


def _place(node: Node, text: str, index: int) -> Node:
    """Where character ``index`` of the text is written, when that can be told: in a plain
    text on one line, its own column; otherwise the text's start."""
    if isinstance(node, Scalar) and node.plain and "\n" not in text:
        return Scalar(text, True, node.line, node.column + index)
    return node


# A blank or a typed text that is a number alone: digits of any script (١٩٩٥, １９９５),
# a sign, separators, an exponent; no words, currencies or superscripts.
_NUMBER_SHAPED = re.compile(r"[-+\u2212]?\s*\d[\d.,' \u00a0\u202f\u2009]*(?:[eE][-+]?\d+)?")
_SEPARATORS = re.compile("[,' \u00a0\u202f\u2009]")


def _warn_imprecise_numbers(r: FieldReader, node: Node, answers: list[str]) -> None:
    """A blank that is a number accepts that number as the app reads it (_same_number):
    one past what a float keeps stands for its neighbours too."""
    for answer in answers:
        if not _NUMBER_SHAPED.fullmatch(answer):
            continue
        values = parse_number(answer)
        if values:
            why = imprecise_number(_SEPARATORS.sub("", answer), values[0], "round it")
            if why:
                r.warning(node, f"in the blank '{{{{{shown(answer, 30)}}}}}', {why}")


def _number_of(text: str) -> float | None:
    """The number a number-shaped blank answer, or a number typed in it, stands for ('1,995'
    and '١٩٩٥' are 1995); None for any other text (words or a unit after it)."""
    text = text.strip()
    if not _NUMBER_SHAPED.fullmatch(text):
        return None
    values = parse_number(text)
    return values[0] if values else None


def _near_number(typed: str, variants: tuple[str, ...], tolerances: tuple[float, ...]) -> bool:
    """Whether a typed number is within one of the blank's numbers' tolerance of it."""
    value = _number_of(typed)
    if value is None:
        return False
    return any(number is not None and within_tolerance(value, number, tolerance)
               for number, tolerance in zip(map(_number_of, variants), tolerances,
                                            strict=True))


def _same_number(typed: str, variant: str) -> bool:
    """Whether a typed number is a number-shaped blank's number, read as a numeric
    question reads it: '١٩٩٥' or '1,995' for {{1995}}."""
    typed, variant = typed.strip(), variant.strip()
    if not (_NUMBER_SHAPED.fullmatch(variant) and _NUMBER_SHAPED.fullmatch(typed)):
        return False
    wanted = parse_number(variant)
    values = parse_number(typed)
    if not wanted or not values:
        return False
    return wanted[0] in values


def grade_blank(q: Cloze, n: int, typed: str) -> tuple[float, str | None, str | None]:
    """Blank n's share of its marks for the text typed in it (1 right, 0 wrong, between
    for an answer of its partly_right), the accepted answer's spelling when it was taken
    despite a typo, and the blank's feedback for it. The quiz marks each blank by it."""
    variants = q.blanks[n]
    _weight, partly_right, feedback_for, otherwise = q.marks_of(n)
    if q.choices_of(n):  # a choice picked: the text as offered, never a near spelling
        return _grade_choice(typed.strip(), variants, q.marks_of(n))
    ok, exact, matched = textmatch.match_any(typed, variants, q.policy)
    if not ok and any(_same_number(typed, variant) for variant in variants):
        ok, exact = True, True  # a number blank reads numbers as a numeric question
    if not ok and q.has_tolerance(n) and _near_number(typed, variants,
                                                        q.tolerances_of(n, len(variants))):
        ok, exact = True, True  # within its tolerance, as a Moodle NUMERICAL gap
    feedback = first_feedback(feedback_for, typed, q.policy)
    if ok:
        return 1.0, None if exact else (matched or variants[0]), feedback
    part = first_part(partly_right, typed, q.policy)
    if part is not None:  # Moodle's answer worth part of the gap's marks
        if feedback is None and part.by_any_other:
            feedback = otherwise  # Moodle's feedback for '*', here worth part
        return part.share, None, feedback
    return 0.0, None, feedback or otherwise


def _grade_choice(picked: str, variants: tuple[str, ...], marks: BlankMarks
                  ) -> tuple[float, str | None, str | None]:
    """grade_blank for a blank to pick from: 'Austria' picked is not 'Australia' with a
    typo, as it would be typed."""
    _weight, partly_right, feedback_for, otherwise = marks
    feedback = next((said for answer, said in feedback_for if answer == picked), None)
    if picked in variants:
        return 1.0, None, feedback
    share = next((part for answer, part in partly_right if answer == picked), None)
    if share is not None:
        return share, None, feedback
    return 0.0, None, feedback or otherwise


def grade_cloze(q: Cloze, response: object) -> Grade:
    """Each blank is graded like a short answer against its variants (a name
    with its family name among the variants is a person's name; a blank that is a
    number accepts that number as a numeric question reads it); credit is
    the share of blanks right. A missing blank counts as wrong; extra entries
    are ignored."""
    blanks = q.blanks
    expected = "; ".join(variants[0] + (f" (± {format_number(q.tolerance_of(n))})"
                                        if q.tolerance_of(n) else "")
                         for n, variants in enumerate(blanks))
    if q.policy.moodle:
        expected = shown_moodle_answer(expected)  # '\\*' an asterisk, as Moodle shows it
    if not blanks or response is None or isinstance(response, str | bytes | dict):
        return wrong(expected)
    if not isinstance(response, Sequence):
        return wrong(expected)
    earned = 0.0
    right = 0
    misspelt: list[str] = []  # the blanks accepted with a typo, as they are spelt
    said: list[str] = []  # each blank's feedback, numbered as the results number blanks
    for n in range(len(blanks)):
        typed = text_response(response[n]) if n < len(response) else None
        if typed is None or not typed.strip():
            continue
        share, spelt, feedback = grade_blank(q, n, typed)
        earned += q.marks_of(n)[0] * share
        right += share == 1.0
        if spelt is not None:
            misspelt.append(spelt)
        if feedback:
            said.append(f"({n + 1}) {feedback}")
    total = sum(q.marks_of(n)[0] for n in range(len(blanks)))
    correct = right == len(blanks)
    credit = clamp(earned / total)
    # Only the blanks forgiven a typo: listing every blank's answer there read as if the
    # wrong ones had been accepted too.
    note = f"Accepted, but check the spelling: {'; '.join(misspelt)}" if misspelt else None
    return Grade(correct, 1.0 if correct else credit, expected, "\n\n".join(said) or None,
                 note)


def parse_answer(q: Cloze, text: str) -> list[str]:
    """`quizapp try`'s answer: the blanks' answers separated by '|'; a blank to pick from
    takes one of its choices, by its text, letter or number (AnswerFormError otherwise)."""
    parts = [part.strip() for part in text.split("|")]
    for n, part in enumerate(parts):
        if part and (choices := q.choices_of(n)):
            parts[n] = choices[pick(part, choices, f"choice of blank {n + 1}")]
    return parts


def card_front(q: Cloze) -> str:
    """A cloze card shows its text with blanks."""
    text = "".join(p if isinstance(p, str) else "_____" for p in q.segments())
    return f"{q.prompt}\n\n{text}".strip() if q.prompt else text


BASE_SECONDS = 3.0
SECONDS_PER_BLANK = 4.0


def expected_seconds(q: Cloze) -> float:
    count = words(q.prompt) + words(q.text)
    return BASE_SECONDS + SECONDS_PER_BLANK * len(q.blanks) + SECONDS_PER_WORD * count


def review_prompt(q: Cloze) -> str:
    """The results page's question (Markdown): the prompt, then the text with each blank
    numbered ("____ (2)") as the learner's answers are."""
    text = "".join(
        part if isinstance(part, str) else f"\\_\\_\\_\\_ ({part + 1})"
        for part in q.segments()
    )
    return f"{q.prompt}\n\n{text}" if q.prompt else text


KIND: Kind[Cloze] = Kind(
    name=Cloze.TYPE,
    model=Cloze,
    required_keys=("text",),
    key_schemas={
        "blanks": {
            "type": "array",
            "description": "One entry for each blank, in order: empty, or its weight, its "
                           "answers worth part of its marks and its feedback.",
            "items": {"oneOf": [{"type": "null"}, {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "weight": {"type": "integer", "minimum": 1, "maximum": 1000,
                               "description": "How many plain blanks it counts as."},
                    "partly_right": SHORT_ANSWER_KEYS["partly_right"],
                    "feedback_for": SHORT_ANSWER_KEYS["feedback_for"],
                    "feedback_if_wrong": TEXT,
                    "choices": {"type": "array", "minItems": 2, "items": TEXT,
                                "description": "The texts a learner picks from; the "
                                               "blank's answers among them."},
                    "shuffle": {"type": "boolean",
                                "description": "false: offer the choices in the order "
                                               "written (default: shuffled)."},
                    "tolerance": {"oneOf": [
                        {"type": "number", "minimum": 0},
                        {"type": "array", "items": {"type": "number", "minimum": 0}}],
                        "description": "A number blank: any number within plus or minus "
                                       "this of its answer is right; a list gives one for "
                                       "each of its answers, in order."},
                },
            }]},
        },
    },
    yaml_keys=("text", "blanks", "grading"),
    read_yaml=read_yaml,
    grade=grade_cloze,
    # a choice is picked as written; a typed Moodle answer's '*' is typed as some text
    expected_response=lambda q: [moodle_example(variants[0])
                                 if q.policy.moodle and not q.choices_of(n) else variants[0]
                                 for n, variants in enumerate(q.blanks)],
    parse_answer=lambda q, text: parse_answer(q, text),
    expected_seconds=expected_seconds,
    base_seconds=BASE_SECONDS,
    card_front=card_front,
    prompt_required=False,
    new_question_body={"prompt": "Fill in the blank.", "text": "A text with a {{blank}}."},
    form_fields=(
        ff.text_box("text", "Text with {{blanks}} ({{answer|other answer}})"),
        ff.text_box("blanks", "Each blank's weight, part marks, feedback, choices and "
                    "tolerance, one a line ('-' for a plain one; {weight: 2, choices: [a, b, c], "
                    "shuffle: false}; {tolerance: 0.5})", "blanks"),
        *ff.TEXT_GRADING,
    ),
    learner_typed=True,
    review_prompt=review_prompt,
    answer_feedback=lambda q: any(marks[2] or marks[3] for marks in q.blank_marks),
)
