"""multiple_choice: exactly one right choice among several."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from quizapp.core.grades import Grade, is_index, jsonable, wrong
from quizapp.core.kinds import form_fields as ff
from quizapp.core.kinds.base import SECONDS_PER_WORD, Kind, words
from quizapp.core.kinds.text_forms import pick
from quizapp.core.model_base import Choice, Question
from quizapp.core.schema_parts import TEXT
from quizapp.core.yaml_fields import FieldReader
from quizapp.core.yaml_nodes import Mapping


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleChoice(Question):
    """Exactly one right choice."""

    TYPE: ClassVar[str] = "multiple_choice"
    choices: tuple[Choice, ...]
    correct: int  # index into choices
    shuffle: bool = True  # False pins the written order ("all of the above")
    # Moodle's numbering of the choices (yaml_fields.NUMBERINGS), for the Moodle XML export;
    # None: Moodle's default, a., b., c.
    numbering: str | None = None
    # Moodle's "Show standard instructions" ("Select one:" above the choices), for the
    # Moodle XML export; quizapp shows no such line
    moodle_instruction: bool = False

    @property
    def answer(self) -> str:
        return self.choices[self.correct].text


def read_yaml(r: FieldReader, m: Mapping, what: str) -> dict[str, Any]:
    got = r.choices(m, what)
    node = r.require(m, "answer", what)
    if node is None:
        return {}
    text = r.text_value(node, "answer")
    if got is None or text is None:
        return {}
    correct = r.find_choice(got[0], node, text)
    if any(c.weight is not None for c in got[0]):
        r.error(got[1], "'weight' is for multiple_select choices; a multiple_choice "
                "question has one right answer")
    return {"choices": got[0], "correct": correct, **r.shuffle_flag(m), **r.numbering(m, what),
            **moodle_instruction(r, m)}


def moodle_instruction(r: FieldReader, m: Mapping) -> dict:
    """{'moodle_instruction': True} when Moodle shows its standard instruction above the
    choices; else nothing (false is the default, as Moodle's editor makes a question)."""
    pair = m.items.get("moodle_instruction")
    if pair is None:
        return {}
    return {"moodle_instruction": True} if r.boolean(pair[1], "moodle_instruction") else {}


# A choice's text and feedback, for map(): tuple(map(CHOICE_TEXT, choices)) is half the
# time of a generator's (arranged_texts runs at every showing and for every card exported)
CHOICE_TEXT, CHOICE_FEEDBACK = operator.attrgetter("text"), operator.attrgetter("feedback")


def choice_text(choices: Sequence[Choice], i: int) -> str:
    return choices[i].text if 0 <= i < len(choices) else ""


def grade_multiple_choice(q: MultipleChoice, response: object) -> Grade:
    expected = choice_text(q.choices, q.correct)
    if not is_index(response, len(q.choices)):
        return wrong(expected)
    i = int(response)  # type: ignore[call-overload]
    right = i == q.correct
    return Grade(right, 1.0 if right else 0.0, expected, q.choices[i].feedback)


def readable(q: MultipleChoice, response: object) -> object:
    if is_index(response, len(q.choices)):
        return q.choices[int(response)].text  # type: ignore[call-overload]
    return jsonable(response)


def choices_seconds(base: float, prompt: str, choices: Sequence[Choice]) -> float:
    """A choice question's time: its base plus reading the prompt and every choice."""
    count = words(prompt) + sum(words(c.text) for c in choices)
    return base + SECONDS_PER_WORD * count


BASE_SECONDS = 4.0

def picked_choice(q: MultipleChoice, response: object) -> tuple[int]:
    """The picked choice's index (TypeError for a response that is none)."""
    if not isinstance(response, int) or isinstance(response, bool):
        raise TypeError(f"not a choice: {response!r}")
    return (response,)


KIND: Kind[MultipleChoice] = Kind(
    name=MultipleChoice.TYPE,
    model=MultipleChoice,
    required_keys=("choices", "answer"),
    key_schemas={"answer": {**TEXT, "description": "The text of the right choice."}},
    yaml_keys=("choices", "answer", "shuffle", "numbering", "moodle_instruction"),
    read_yaml=read_yaml,
    grade=grade_multiple_choice,
    expected_response=lambda q: q.correct,
    parse_answer=lambda q, text: pick(text, [c.text for c in q.choices], "choice"),
    expected_seconds=lambda q: choices_seconds(BASE_SECONDS, q.prompt, q.choices),
    base_seconds=BASE_SECONDS,
    readable=readable,
    arranged_texts=lambda q: tuple(map(CHOICE_TEXT, q.choices)),
    may_shuffle=lambda q: q.shuffle,
    new_question_body={"prompt": "New question?", "choices": ["Right answer", "Wrong answer"],
                       "answer": "Right answer"},
    form_fields=(
        ff.CHOICES,
        ff.line("answer", "Answer (the right choice's text)"),
        ff.SHUFFLE,
        ff.NUMBERING,
        ff.MOODLE_INSTRUCTION,
    ),
    picked_choices=picked_choice,
    answer_feedback=lambda q: any(map(CHOICE_FEEDBACK, q.choices)),
)
