"""flashcard: front and back; the learner grades their own recall."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from quizapp.core.grades import Grade, rating_grade, readable_rating
from quizapp.core.kinds import form_fields as ff
from quizapp.core.kinds.base import Kind, reading_seconds
from quizapp.core.kinds.text_forms import AnswerFormError
from quizapp.core.model_base import Question
from quizapp.core.yaml_fields import FieldReader
from quizapp.core.yaml_nodes import Mapping, Scalar

_RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}


@dataclass(frozen=True, slots=True, kw_only=True)
class Flashcard(Question):
    """Front and back; the learner grades their own recall."""

    TYPE: ClassVar[str] = "flashcard"
    back: str

    @property
    def front(self) -> str:
        return self.prompt


def read_yaml(r: FieldReader, m: Mapping, what: str) -> dict[str, Any]:
    # The front is read as the prompt (Kind.prompt_key), with the keys every question shares.
    pair = m.items.get("back")
    if pair is not None and is_empty_on_purpose(pair[1]):
        return {"back": ""}
    if pair is not None and type(pair[1]) is Scalar and pair[1].plain and pair[1].value in ("", "~"):
        r.error(pair[1], "'back' is empty; for a card with nothing on its back write back: \"\"")
        return {"back": None}
    return {"back": r.text(m, "back", what, required=True)}


def is_empty_on_purpose(node: object) -> bool:
    """A back written as `back: ""`: a card with nothing on its back, as Anki shows a Basic
    note whose Back is empty (the front says it all: "Recite the oath"). `back:` alone, or
    `~`, is still an error: YAML's no value is more often a back forgotten than one meant."""
    return type(node) is Scalar and not node.plain and node.value == ""


def grade_flashcard(q: Flashcard, response: object) -> Grade:
    return rating_grade(q.back, response)


def parse_answer(q: Flashcard, text: str) -> int:
    word = text.strip().casefold()
    if word in _RATINGS:
        return _RATINGS[word]
    if word in ("1", "2", "3", "4"):
        return int(word)
    raise AnswerFormError("type a rating: 1-4, or again, hard, good, easy")


BASE_SECONDS = 4.0

KIND: Kind[Flashcard] = Kind(
    name=Flashcard.TYPE,
    model=Flashcard,
    required_keys=("front", "back"),
    yaml_keys=("front", "back"),
    read_yaml=read_yaml,
    grade=grade_flashcard,
    expected_response=lambda q: 3,
    parse_answer=parse_answer,
    expected_seconds=reading_seconds(BASE_SECONDS),
    base_seconds=BASE_SECONDS,
    readable=lambda q, response: readable_rating(response),
    prompt_key="front",
    explanation_on_back=False,
    self_rated=True,
    new_question_body={"front": "Front", "back": "Back"},
    form_fields=(ff.text_box("front", "Front"), ff.text_box("back", "Back")),
)
