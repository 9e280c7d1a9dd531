"""true_false: a statement that is true or false."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from quizapp.core.grades import Grade, jsonable, wrong
from quizapp.core.kinds import form_fields as ff
from quizapp.core.kinds.base import Kind, reading_seconds
from quizapp.core.kinds.text_forms import AnswerFormError
from quizapp.core.model_base import Question
from quizapp.core.yaml_fields import FieldReader
from quizapp.core.yaml_nodes import Mapping

_TRUE = {"true", "t", "yes", "y"}
_FALSE = {"false", "f", "no", "n"}


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalse(Question):
    """A statement that is true or false."""

    TYPE: ClassVar[str] = "true_false"
    answer: bool
    # Shown to a learner who answers true / false (GIFT's and Moodle's per-answer feedback).
    feedback_if_true: str | None = None
    feedback_if_false: str | None = None


def read_yaml(r: FieldReader, m: Mapping, what: str) -> dict[str, Any]:
    node = r.require(m, "answer", what)
    if node is None:
        return {}
    return {
        "answer": r.boolean(node, "answer"),
        **r.feedback_texts(m, what, ("feedback_if_true", "feedback_if_false")),
    }


def grade_true_false(q: TrueFalse, response: object) -> Grade:
    expected = "True" if q.answer else "False"
    if not isinstance(response, bool):
        return wrong(expected)
    right = response == q.answer
    feedback = q.feedback_if_true if response else q.feedback_if_false
    return Grade(right, 1.0 if right else 0.0, expected, feedback)


def parse_answer(q: TrueFalse, text: str) -> bool:
    word = text.strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise AnswerFormError("type true or false")


BASE_SECONDS = 3.0

KIND: Kind[TrueFalse] = Kind(
    name=TrueFalse.TYPE,
    model=TrueFalse,
    required_keys=("answer",),
    key_schemas={"answer": {"type": "boolean"}},
    yaml_keys=("answer", "feedback_if_true", "feedback_if_false"),
    read_yaml=read_yaml,
    grade=grade_true_false,
    expected_response=lambda q: q.answer,
    parse_answer=parse_answer,
    expected_seconds=reading_seconds(BASE_SECONDS),
    base_seconds=BASE_SECONDS,
    readable=lambda q, response: response if isinstance(response, bool) else jsonable(response),
    new_question_body={"prompt": "A statement that is true.", "answer": True},
    form_fields=(
        ff.choice("answer", "Answer", (("true", True), ("false", False))),
        ff.text_box("feedback_if_true", "Feedback if true (shown to a learner who answers true)"),
        ff.text_box("feedback_if_false", "Feedback if false (shown to a learner who answers false)"),
    ),
    answer_feedback=lambda q: bool(q.feedback_if_true or q.feedback_if_false),
)
