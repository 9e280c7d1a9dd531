"""What a question kind is: the one record that says how a question type behaves.

A kind bundles, for one YAML `type:` name, its dataclass (the model), how it is
read from YAML, graded, answered in the text form `quizapp try` takes, shown
on a card and on the results page, timed, and added and edited in the editor. quizapp/core/kinds/__init__.py registers one Kind per
module; grading, the loader, the scheduler and the sessions look a question's
kind up there instead of testing its class (after Mnemosyne's card-type
plug-ins). Formats and widgets keep their own tables keyed by kind name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar

from quizapp.core.grades import Grade, jsonable
from quizapp.core.kinds.form_fields import FormField
from quizapp.core.model_base import Question

if TYPE_CHECKING:
    from quizapp.core.yaml_fields import FieldReader
    from quizapp.core.yaml_nodes import Mapping as YamlMapping

Q = TypeVar("Q", bound=Question)

# A learner's answer as an answer widget hands it over and a session stores it (the
# table of which kind gives which is in quizapp/core/grading.py): a choice's index, a
# rating 1-4, true/false, typed text, indexes (checked choices, an order, a matching's
# right-hand side per item, None where none is chosen), a cloze's blanks; None: no answer.
# Graders take any object (a stored response may be anything) and never raise on one.
Response: TypeAlias = bool | int | str | list[int] | list[int | None] | list[str] | None

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


def nothing_listed(question: Question) -> str:
    """A card of most kinds lists nothing under its prompt."""
    return ""


def nothing_arranged(question: Question) -> tuple[str, ...] | None:
    """A kind with no options to lay out (typed answers, true/false, cards)."""
    return None


def always(question: Question) -> bool:
    return True


def never(question: Question) -> bool:
    return False


def always_readable(question: Question, typed: str) -> str | None:
    """Every typed answer can be graded (a wrong one is marked wrong)."""
    return None


def listed_words(question: Question, readable: object) -> str:
    """A readable response in words: true/false, a text, or texts joined by '; ' (a
    blank left empty said as '(blank)')."""
    if isinstance(readable, bool):
        return "True" if readable else "False"
    if isinstance(readable, list):
        return "; ".join(
            str(v) if v not in (None, "") else "(blank)" for v in readable
        ) or "(none)"
    return str(readable)


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
    # A new question's keys besides id and type (the editor's Add; a new bank's first
    # question): valid as they stand, so the bank stays loadable while it is filled in.
    new_question_body: Mapping[str, Any]
    # The editor form's rows for the kind's own keys (core/kinds/form_fields.py), shown
    # after the id and the prompt and before the keys every question shares.
    form_fields: tuple[FormField, ...]
    # The response as JSON-able data with texts instead of indexes, for the store.
    readable: Callable[[Q, object], object] = keep_as_data
    # What the front of a card shows, as plain text (Markdown subset).
    card_front: Callable[[Q], str] = prompt_only
    # What a card lists under its front to choose from, as Markdown: a multiple_select's
    # choices ("Which of these..." named nothing without them). "" for most kinds.
    card_options: Callable[[Q], str] = nothing_listed
    # A card's back when it says more than the graded answer's words (each of a
    # multiple_select's choices marked right or not); None: the graded answer.
    card_answer: Callable[[Q], str] | None = None
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
    # The learner types the answer (words, a number, blanks): the results page and the
    # exam's reminders show it as typed, never as Markdown (choices' texts are Markdown).
    learner_typed: bool = False
    # Why a typed answer cannot be graded as it stands ("cannot be read as a number"):
    # the app asks the learner again and records nothing; `quizapp try` says "not graded".
    unreadable: Callable[[Q, str], str | None] = always_readable
    # The learner's answer in words, from its readable record ("France → Paris; ...").
    response_words: Callable[[Q, object], str] = listed_words
    # For a kind whose options are numbered choices on screen: the indexes (into
    # arranged_texts) a response picks, so the results say "2. Kantor". None: no such
    # choices. May raise on a malformed response (the results page then says it in words).
    picked_choices: Callable[[Q, object], Sequence[int]] | None = None
    # The question as the results page shows it (a cloze's text with numbered blanks).
    review_prompt: Callable[[Q], str] = prompt_only
    # Whether the question says something for a particular answer (a choice's feedback),
    # which a card turned over cannot (the Anki export says it leaves it out).
    answer_feedback: Callable[[Q], bool] = never
    # Its part of the bank format's JSON Schema (core/schema.py): the keys it requires,
    # the schemas of its keys where the shared ones (core/schema_parts.py) do not say it,
    # and rules over the whole question (e.g. one of answer or answers).
    required_keys: tuple[str, ...] = ()
    key_schemas: Mapping[str, dict] = field(default_factory=dict)
    schema_rules: Mapping[str, object] = field(default_factory=dict)
