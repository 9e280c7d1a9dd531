"""What a question kind is: the one record that says how a question type behaves.

A kind bundles, for one YAML `type:` name, its dataclass (the model), how it is
read from YAML, graded, answered in the text form `quizapp try` takes, shown
on a card and timed. quizapp/core/kinds/__init__.py registers one Kind per
module; grading, the loader, the scheduler and the sessions look a question's
kind up there instead of testing its class (after Mnemosyne's card-type
plug-ins). Formats and widgets keep their own tables keyed by kind name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from quizapp.core.grades import Grade, jsonable
from quizapp.core.model_base import Question

if TYPE_CHECKING:
    from quizapp.core.yaml_fields import FieldReader
    from quizapp.core.yaml_nodes import Mapping as YamlMapping

Q = TypeVar("Q", bound=Question)

# Reading speed for the expected time of a question (~240 words a minute).
SECONDS_PER_WORD = 0.25


def words(text: str | None) -> int:
    return len(text.split()) if text else 0


def prompt_only(question: Question) -> str:
    """A card's front for most kinds: the prompt as written."""
    return question.prompt


def keep_as_data(question: Question, response: object) -> object:
    """A response already readable as it is (typed text, a list of texts)."""
    return jsonable(response)


def nothing_arranged(question: Question) -> tuple[str, ...] | None:
    """A kind with no options to lay out (typed answers, true/false, cards)."""
    return None


def always(question: Question) -> bool:
    return True


def reading_seconds(base: float) -> Callable[[Question], float]:
    """Expected seconds: the kind's base time plus reading the prompt."""

    def expected(question: Question) -> float:
        return base + SECONDS_PER_WORD * words(question.prompt)

    return expected


@dataclass(frozen=True, slots=True)
class Kind(Generic[Q]):
    """Everything the core needs to know about one question type."""

    name: str  # the YAML `type:` value, e.g. "multiple_choice"
    model: type[Q]
    # The YAML keys this type adds to the shared ones (id, type, prompt, ...).
    yaml_keys: tuple[str, ...]
    # Reads and checks those keys; returns the dataclass fields they give.
    # Problems go to the reader; a field may be None when its value was wrong.
    read_yaml: Callable[[FieldReader, YamlMapping, str], dict[str, Any]]
    # Never raises on a malformed response (grading.grade catches anything else).
    grade: Callable[[Q, object], Grade]
    # A response that grades as correct ("show me", and the tests' right answer).
    expected_response: Callable[[Q], object]
    # The response in the short text form `quizapp try` takes (raises AnswerFormError).
    parse_answer: Callable[[Q, str], object]
    # How long a learner who knows the answer should take (the scheduler's yardstick).
    expected_seconds: Callable[[Q], float]
    base_seconds: float
    # The response as JSON-able data with texts instead of indexes, for the store.
    readable: Callable[[Q, object], object] = keep_as_data
    # What the front of a card shows, as plain text (Markdown subset).
    card_front: Callable[[Q], str] = prompt_only
    # The key that holds the prompt ("front" for a flashcard) and whether it is required.
    prompt_key: str = "prompt"
    prompt_required: bool = True
    # A card's back shows the explanation under the answer (not when the back is the answer).
    explanation_on_back: bool = True
    # The learner rates their own recall (1-4) instead of being graded.
    self_rated: bool = False
    # The texts of the options a showing lays out in its own order (choices, matching's
    # right-hand column, ordering's items); None: nothing to arrange (core/arrangement.py).
    arranged_texts: Callable[[Q], tuple[str, ...] | None] = nothing_arranged
    # Whether the author lets the options be shuffled (shuffle: false pins them).
    may_shuffle: Callable[[Q], bool] = always
    # The options are the answer in their written order, so a showing never starts so.
    starts_out_of_order: bool = False
    # Its part of the bank format's JSON Schema (core/schema.py): the keys it requires,
    # the schemas of its keys where the shared ones (core/schema_parts.py) do not say it,
    # and rules over the whole question (e.g. one of answer or answers).
    required_keys: tuple[str, ...] = ()
    key_schemas: Mapping[str, dict] = field(default_factory=dict)
    schema_rules: Mapping[str, object] = field(default_factory=dict)
