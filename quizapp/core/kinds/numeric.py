"""numeric: a number, within a tolerance, with an optional unit."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, ClassVar

from quizapp.core.grades import Grade
from quizapp.core.kinds import form_fields as ff
from quizapp.core.kinds.base import Kind, reading_seconds
from quizapp.core.kinds.text_forms import typed_as_is
from quizapp.core.model_base import Question
from quizapp.core.numtext import format_number, parse_number
from quizapp.core.yaml_fields import FieldReader
from quizapp.core.yaml_nodes import Mapping
from quizapp.core.yaml_values import shown


@dataclass(frozen=True, slots=True, kw_only=True)
class Numeric(Question):
    """A number, within a tolerance, with an optional unit."""

    TYPE: ClassVar[str] = "numeric"
    answer: float
    tolerance: float = 0.0  # absolute: accepted if |response - answer| <= tolerance
    unit: str | None = None
    feedback_if_wrong: str | None = None  # shown to a learner whose number is not right
    # Other units the learner may answer in, each with how many of it make one `unit`
    # (Moodle's multiplier): with unit m, ("cm", 100.0) reads "150 cm" as 1.5.
    other_units: tuple[tuple[str, float], ...] = ()


def read_yaml(r: FieldReader, m: Mapping, what: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    node = r.require(m, "answer", what)
    if node is not None:
        out["answer"] = r.number(node, "answer")
    if "tolerance" in m.items:
        tnode = m.items["tolerance"][1]
        tolerance = r.number(tnode, "tolerance")
        if tolerance is not None and tolerance < 0:
            r.error(tnode, "'tolerance' cannot be negative")
        out["tolerance"] = tolerance
    unit = r.text(m, "unit", what)
    out["unit"] = unit
    out.update(r.feedback_texts(m, what, ("feedback_if_wrong",)))
    out["other_units"] = _other_units(r, m, unit)
    return out


def _other_units(r: FieldReader, m: Mapping, unit: str | None) -> tuple[tuple[str, float], ...]:
    node = r.optional_mapping(m, "other_units", "a mapping like {cm: 100}")
    if node is None:
        return ()
    if not unit:
        r.error(node, "'other_units' needs the question's 'unit': each says how many of it "
                "make one unit")
    found: list[tuple[str, float]] = []
    for name, (_key, value) in node.items.items():
        factor = r.number(value, f"other_units: {name}")
        if factor is None:
            continue
        if not (math.isfinite(factor) and factor > 0) or not name.strip():
            r.error(value, f"'other_units: {shown(name)}' should be a number above 0 (how many "
                    "of it make one unit: cm: 100 when the unit is m)")
            continue
        found.append((name.strip(), factor))
    return tuple(found)


def _number_response(response: object, q: Numeric) -> list[float] | None:
    if isinstance(response, bool):
        return None
    if isinstance(response, numbers.Real):
        try:
            value = float(response)
        except (OverflowError, ValueError, TypeError):
            return None
        return [value] if math.isfinite(value) else None
    if isinstance(response, str):
        values = parse_number(response, q.unit, prompt=q.prompt)
        if values is None and q.other_units:
            values = _in_other_unit(response, q)
        return values
    return None


def _in_other_unit(text: str, q: Numeric) -> list[float] | None:
    """The number typed in one of the question's other units, in its `unit` ("150 cm" is 1.5
    when the unit is m and 100 cm make one m), as Moodle reads it; None for none of them."""
    typed = text.strip()
    for name, factor in sorted(q.other_units, key=lambda u: -len(u[0])):  # "mm" before "m"
        if typed.endswith(name):
            number = typed[: len(typed) - len(name)]
            if number.strip() and not number.rstrip()[-1:].isalpha():
                values = parse_number(number.strip(), None, prompt=q.prompt)
                if values:
                    return [v / factor for v in values]
    return None


def units_shown(q: Numeric) -> str:
    """The units beside the answer box: the unit, and after it the others the learner may
    type ("m (or cm, mm)"); "" for a question without a unit."""
    if not q.unit:
        return ""
    others = ", ".join(name for name, _ in q.other_units)
    return f"{q.unit} (or {others})" if others else q.unit


def reads_as_number(q: Numeric, text: str) -> bool:
    """Whether grading can read `text` as a number for this question (its unit and
    prompt say what words may follow the number)."""
    return _number_response(text, q) is not None


def within_tolerance(value: float, answer: float, tolerance: float) -> bool:
    """Whether `value` is `answer` within plus or minus `tolerance` (and float rounding)."""
    tolerance = abs(tolerance) if math.isfinite(tolerance) else 0.0
    # The slack is for float rounding: a value reached by arithmetic (a unit or scale word
    # applied: 60 billion is 60 * 1e9) and a tolerance's edge (2.6 - 2.5 is
    # 0.10000000000000009), a few units in the last place of the larger number: one part
    # in 10**12. A slack of 1e-9 accepted 12345678902 for 12345678901, and an absolute
    # 1e-12 accepted 0 for 1.6e-19.
    slack = 1e-12 * max(abs(value), abs(answer))
    return abs(value - answer) <= tolerance + slack


def grade_numeric(q: Numeric, response: object) -> Grade:
    """Right when |value - answer| <= tolerance (plus float rounding slack).
    Strings are read by parse_number (with the question's unit and prompt, which
    say what words may follow the number); unreadable text is wrong with a note."""
    expected = format_number(q.answer) + (f" {q.unit}" if q.unit else "")
    if q.tolerance:
        expected += f" (± {format_number(abs(q.tolerance))})"
    values = _number_response(response, q)
    if values is None:
        note = None
        if isinstance(response, str) and response.strip():
            note = "That could not be read as a number."
        return Grade(False, 0.0, expected, q.feedback_if_wrong, note)
    right = any(within_tolerance(v, q.answer, q.tolerance) for v in values)
    return Grade(right, 1.0 if right else 0.0, expected, None if right else q.feedback_if_wrong)


BASE_SECONDS = 6.0

def unreadable(q: Numeric, typed: str) -> str | None:
    """Text the grader cannot read as a number is not marked wrong: the learner is asked
    again (a unit or word the question does not name, "1995 yrs")."""
    text = typed.strip()
    if text and not reads_as_number(q, text):
        return "cannot be read as a number"
    return None


KIND: Kind[Numeric] = Kind(
    name=Numeric.TYPE,
    model=Numeric,
    required_keys=("answer",),
    key_schemas={
        "answer": {"type": "number"},
        "other_units": {
            "type": "object",
            "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
            "description": "Other units the learner may answer in, each with how many of it "
            "make one unit (cm: 100 when the unit is m), as Moodle's multipliers.",
        },
    },
    yaml_keys=("answer", "tolerance", "unit", "feedback_if_wrong", "other_units"),
    read_yaml=read_yaml,
    grade=grade_numeric,
    expected_response=lambda q: format_number(q.answer) + (f" {q.unit}" if q.unit else ""),
    parse_answer=typed_as_is,
    expected_seconds=reading_seconds(BASE_SECONDS),
    base_seconds=BASE_SECONDS,
    new_question_body={"prompt": "How many?", "answer": 1},
    form_fields=(
        ff.line("answer", "Answer (a number)", "number"),
        ff.line("tolerance", "Tolerance (plus or minus)", "number"),
        ff.line("unit", "Unit"),
        ff.line("other_units", "Other units (cm = 100: how many make one unit)", "units"),
        ff.text_box("feedback_if_wrong", "Feedback if wrong (shown to a learner whose number is not right)"),
    ),
    learner_typed=True,
    unreadable=unreadable,
    answer_feedback=lambda q: bool(q.feedback_if_wrong),
)
