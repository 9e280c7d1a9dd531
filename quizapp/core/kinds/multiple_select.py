"""multiple_select: several right choices, with partial credit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from quizapp.core.grades import RIGHT_MARK, WRONG_MARK, Grade, clamp, index_set, jsonable, wrong
from quizapp.core.kinds import form_fields as ff
from quizapp.core.kinds.base import Kind
from quizapp.core.kinds.multiple_choice import (
    CHOICE_FEEDBACK,
    CHOICE_TEXT,
    choice_text,
    choices_seconds,
    moodle_instruction,
)
from quizapp.core.kinds.text_forms import LIST_SEPARATOR, parts, pick
from quizapp.core.model_base import WEIGHTS_FULL_MARGIN, Choice, Question
from quizapp.core.schema_parts import TEXT_LIST
from quizapp.core.yaml_fields import FieldReader
from quizapp.core.yaml_nodes import Mapping, Sequence


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleSelect(Question):
    """Several right choices; partial credit."""

    TYPE: ClassVar[str] = "multiple_select"
    choices: tuple[Choice, ...]
    correct: tuple[int, ...]  # sorted indexes into choices
    shuffle: bool = True  # False pins the written order
    # Moodle's numbering of the choices (yaml_fields.NUMBERINGS), for the Moodle XML export;
    # None: Moodle's default, a., b., c.
    numbering: str | None = None
    # Moodle's "Show standard instructions" ("Select one:" above the choices), for the
    # Moodle XML export; quizapp shows no such line
    moodle_instruction: bool = False

    @property
    def answers(self) -> tuple[str, ...]:
        return tuple(self.choices[i].text for i in self.correct)


def read_yaml(r: FieldReader, m: Mapping, what: str) -> dict[str, Any]:
    got = r.choices(m, what)
    node = r.require(m, "answers", what)
    if node is None:
        return {}
    if type(node) is not Sequence:
        r.kind_error(node, "answers", "a list of the right choices, like [a, b]")
        return {}
    if not node.items:
        r.error(node, "'answers' is empty; list at least one right choice")
        return {}
    if got is None:
        return {}
    correct = set()
    for item in node.items:
        text = r.text_value(item, "an answer")
        if text is not None:
            index = r.find_choice(got[0], item, text)
            if index in correct:
                r.error(item, f"the answer '{text}' is listed twice")
            correct.add(index)
    r.check_weights(m, got[0], correct)
    return {
        "choices": got[0],
        "correct": tuple(sorted(i for i in correct if i is not None)),
        **r.shuffle_flag(m), **r.numbering(m, what),
            **moodle_instruction(r, m),
    }


def grade_multiple_select(q: MultipleSelect, response: object) -> Grade:
    """Partial credit: (right picks - wrong picks) / number of right choices,
    floored at 0. Correct only when exactly the right choices are picked.
    With weights on the choices: the sum of the picked weights, clipped to 0..1;
    correct, with credit 1, when that is full marks within WEIGHTS_FULL_MARGIN (the
    margin `quizapp validate` allows the right weights' sum).
    With no right choice at all, picking nothing is correct (credit 1)."""
    right = set(q.correct)
    expected = "; ".join(choice_text(q.choices, i) for i in sorted(right)) or "(none)"
    picked = index_set(response, len(q.choices))
    if picked is None:
        return wrong(expected)
    feedback = (
        "\n".join(q.choices[i].feedback or "" for i in sorted(picked) if q.choices[i].feedback)
        or None
    )
    if not right:
        ok = not picked
        return Grade(ok, 1.0 if ok else 0.0, expected, feedback)
    if any(c.weight is not None for c in q.choices):
        # The author's weights, as Moodle scores them: the picked weights summed, clipped.
        credit = clamp(sum(q.choices[i].weight or 0.0 for i in picked))
        if credit >= 1 - WEIGHTS_FULL_MARGIN:  # three thirds written 0.33333 are full marks
            credit = 1.0
        return Grade(credit == 1.0, credit, expected, feedback)
    hits = len(picked & right)
    misses = len(picked - right)
    credit = clamp((hits - misses) / len(right))
    exact = picked == right
    return Grade(exact, 1.0 if exact else credit, expected, feedback)


def readable(q: MultipleSelect, response: object) -> object:
    picked = index_set(response, len(q.choices))
    if picked is None:
        return jsonable(response)
    return [q.choices[i].text for i in sorted(picked)]


def parse_answer(q: MultipleSelect, text: str) -> list[int]:
    texts = [c.text for c in q.choices]
    return [pick(part, texts, "choice") for part in parts(text, LIST_SEPARATOR)]


def _one_line(text: str) -> str:
    """A choice's text or feedback as one item of a Markdown list."""
    return " ".join(text.split())


def card_options(q: MultipleSelect) -> str:
    """The choices, listed under the card's prompt in their written order."""
    return "\n".join(f"- {_one_line(c.text)}" for c in q.choices)


def card_answer(q: MultipleSelect) -> str:
    """The card's back: each choice as the front lists it, marked right or not, with what
    the bank says about it. The right ones alone, run together ("a; c"), left the learner
    to work out which of the front's choices were wrong."""
    right = set(q.correct)
    return "\n".join(
        f"- {RIGHT_MARK if i in right else WRONG_MARK} {_one_line(c.text)}"
        + (f": {_one_line(c.feedback)}" if c.feedback else "")
        for i, c in enumerate(q.choices))


BASE_SECONDS = 6.0

def picked_choices(q: MultipleSelect, response: object) -> list[int]:
    """The checked choices' indexes (TypeError for a response that lists none)."""
    if not isinstance(response, Iterable) or isinstance(response, str):
        raise TypeError(f"not a list of choices: {response!r}")
    return list(response)


KIND: Kind[MultipleSelect] = Kind(
    name=MultipleSelect.TYPE,
    model=MultipleSelect,
    required_keys=("choices", "answers"),
    key_schemas={"answers": {**TEXT_LIST, "minItems": 1, "description": "The texts of the right choices."}},
    yaml_keys=("choices", "answers", "shuffle", "numbering", "moodle_instruction"),
    read_yaml=read_yaml,
    grade=grade_multiple_select,
    expected_response=lambda q: list(q.correct),
    parse_answer=parse_answer,
    expected_seconds=lambda q: choices_seconds(BASE_SECONDS, q.prompt, q.choices),
    base_seconds=BASE_SECONDS,
    readable=readable,
    arranged_texts=lambda q: tuple(map(CHOICE_TEXT, q.choices)),
    may_shuffle=lambda q: q.shuffle,
    new_question_body={"prompt": "New question?", "choices": ["Right", "Also right", "Wrong"],
                       "answers": ["Right", "Also right"]},
    form_fields=(
        ff.CHOICES,
        ff.text_box("answers", "Right choices (one a line)", "lines"),
        ff.SHUFFLE,
        ff.NUMBERING,
        ff.MOODLE_INSTRUCTION,
    ),
    picked_choices=picked_choices,
    answer_feedback=lambda q: any(map(CHOICE_FEEDBACK, q.choices)),
    card_options=card_options,
    card_answer=card_answer,
)
