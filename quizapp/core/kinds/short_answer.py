"""short_answer: a typed answer compared with the accepted ones under a TextPolicy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

from quizapp.core import textmatch
from quizapp.core.grades import Grade, text_response
from quizapp.core.kinds import form_fields as ff
from quizapp.core.kinds.base import Kind, reading_seconds
from quizapp.core.kinds.text_forms import typed_as_is
from quizapp.core.model_base import PersonName, Question, TextPolicy
from quizapp.core.moodle_match import moodle_example, shown_moodle_answer
from quizapp.core.schema_parts import SHORT_ANSWER_ITEM, TEXT
from quizapp.core.two_answers import match_honorific, match_two, name_among_wrong
from quizapp.core.yaml_fields import FieldReader
from quizapp.core.yaml_nodes import Mapping, Scalar, Sequence
from quizapp.core.yaml_values import shown

# Moodle's answer for any other response: a question graded as Moodle grades may have it
# worth part of the marks (partly_right: {'*': 0.2}).
ANY_OTHER = "*"

# Feedback for one particular typed answer, (answer, feedback): a right one ("Paris",
# "Well done") or a wrong one a teacher foresaw ("Lyon", "No, Lyon is France's third city").
# The answer is compared with the response as the accepted answers are; the feedback is
# Markdown. A plain tuple, as PersonName is, so that the bank cache (marshal) keeps it.
AnswerFeedback = tuple[str, str]
# An answer worth part of the marks, (answer, share): Moodle's "Japan" at 50% beside "Tokyo"
# at 100%. The share is above 0 and below 1; the answer is compared as the accepted ones are.
PartCredit = tuple[str, float]


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortAnswer(Question):
    """A typed answer compared with the accepted ones under a TextPolicy."""

    TYPE: ClassVar[str] = "short_answer"
    answers: tuple[str, ...]  # every accepted answer; the first is shown as "the" answer
    policy: TextPolicy = field(default_factory=TextPolicy)
    # The answers that are people's names (each name's text is also in answers).
    names: tuple[PersonName, ...] = ()
    feedback_if_wrong: str | None = None  # shown to a learner whose answer is not right
    # Feedback for particular answers, tried in order; a wrong answer not among them gets
    # feedback_if_wrong (Moodle's per-answer feedback, and its answers worth 0%).
    feedback_for: tuple[AnswerFeedback, ...] = ()
    # Answers worth part of the marks, tried in order after the accepted ones.
    partly_right: tuple[PartCredit, ...] = ()


def read_yaml(r: FieldReader, m: Mapping, what: str) -> dict[str, Any]:
    items = m.items
    if "answers" in items and "answer" in items:
        r.error(items["answer"][0], "give either 'answer' or 'answers', not both")
        return {}
    names: list[PersonName] = []
    answers: tuple[str, ...] | None
    if "answer" in items:
        one = r.answer_item(items["answer"][1], "answer", names)
        answers = (one,) if one is not None else None
    elif "answers" in items and type(items["answers"][1]) is Scalar:
        node = items["answers"][1]
        answers = None
        if node.is_null:
            r.error(node, "'answers' is empty; give at least one answer")
        else:
            r.error(
                node,
                "'answers' should be a list, like [a, b]; for a single answer write "
                f"answer: {shown(node.value)}",
            )
    elif "answers" in items:
        listed = items["answers"][1]
        answers = None
        if type(listed) is not Sequence:
            r.kind_error(listed, "answers", "a list, like [a, b]")
        elif not listed.items:
            r.error(listed, "'answers' is empty; give at least one answer")
        else:
            found = [r.answer_item(item, "an item of 'answers'", names) for item in listed.items]
            if all(text is not None for text in found):
                answers = tuple(found)  # type: ignore[arg-type]
    else:
        r.error(m, f"{what} has no 'answers'")
        answers = None
    policy = r.grading(m)
    return {"answers": answers, "policy": policy, "names": tuple(names),
            **r.feedback_texts(m, what, ("feedback_if_wrong",)),
            "feedback_for": read_feedback_for(r, m),
            "partly_right": read_partly_right(r, m, answers or (), policy, tuple(names))}


def read_feedback_for(r: FieldReader, m: Mapping) -> tuple[AnswerFeedback, ...]:
    node = r.optional_mapping(m, "feedback_for", "a mapping like {Lyon: France's third city}")
    if node is None:
        return ()
    found: list[AnswerFeedback] = []
    for answer, (key, value) in node.items.items():
        if not answer.strip():
            r.error(key, "'feedback_for' has an empty answer; write the answer it is for")
            continue
        if answer.strip() == "*":
            r.error(key, "'feedback_for: *' would be any other answer: write its feedback as "
                    "feedback_if_wrong")
            continue
        text = r.text_value(value, f"'feedback_for: {shown(answer)}'")
        if text is not None:
            r.prose(value)
            found.append((answer.strip(), text))
    return tuple(found)


def read_partly_right(r: FieldReader, m: Mapping, answers: tuple[str, ...],
                      policy: TextPolicy, names: tuple[PersonName, ...] = ()) -> tuple[PartCredit, ...]:
    node = r.optional_mapping(m, "partly_right", "a mapping like {Japan: 0.5}")
    if node is None:
        return ()
    found: list[PartCredit] = []
    for answer, (key, value) in node.items.items():
        answer = answer.strip()
        if not answer:
            r.error(key, "'partly_right' needs the answer worth part of the marks, not "
                    "nothing")
            continue
        if answer == ANY_OTHER and not policy.moodle:
            r.error(key, "'partly_right: *' is Moodle's any other answer, which only a "
                    "question graded as Moodle grades reads as any text (grading: {moodle: "
                    "true}); here '*' is an asterisk: write the answers themselves")
            continue
        what = f"partly_right: {shown(answer)}"
        share = r.number(value, what)
        if share is None:
            continue
        if not 0 < share < 1:
            r.error(value, f"'{what}' is the share of the marks it earns, between 0 and 1 "
                    f"(0.5 is half), not {share:g}; an answer worth full marks belongs in "
                    "'answers'")
        elif textmatch.match_any(answer, answers, policy, names)[0]:
            r.error(key, f"'{shown(answer)}' is already an accepted answer (or taken for one: "
                    "the accepted answers are tried first), so it would never earn part of "
                    "the marks; leave it out of 'partly_right'")
        else:
            found.append((answer, share))
    return tuple(found)


class PartTaken(NamedTuple):
    """The answer worth part of the marks a response was taken for (first_part)."""

    share: float
    misspelt: str | None  # that answer's spelling, when it was taken despite a typo
    # Moodle's '*' (any other answer): its feedback is then the question's (or blank's)
    # feedback_if_wrong, which holds Moodle's feedback for '*'
    by_any_other: bool


def first_part(partly_right: tuple[PartCredit, ...], text: str, policy: TextPolicy,
               names: tuple[PersonName, ...] = ()) -> PartTaken | None:
    """The first of `partly_right` that the response matches, as it would an accepted
    answer; None when none matches."""
    for answer, share in partly_right:
        ok, exact, _matched = textmatch.match_any(text, (answer,), policy, names)
        if ok:
            return PartTaken(share, None if exact else answer, answer == ANY_OTHER)
    return None


def first_feedback(feedback_for: tuple[AnswerFeedback, ...], text: str, policy: TextPolicy,
                   names: tuple[PersonName, ...] = ()) -> str | None:
    """The feedback of the first of `feedback_for` whose answer the response matches as it
    would an accepted answer (case, accents, typos; as Moodle does for a question graded as
    Moodle grades), or None."""
    for answer, feedback in feedback_for:
        if textmatch.match_any(text, (answer,), policy, names)[0]:
            return feedback
    return None


def partial_credit(q: ShortAnswer, text: str) -> PartTaken | None:
    """first_part of the question's partly_right."""
    return first_part(q.partly_right, text, q.policy, q.names)


def feedback_for_response(q: ShortAnswer, text: str) -> str | None:
    """The feedback written for this particular response (first_feedback), or None."""
    return first_feedback(q.feedback_for, text, q.policy, q.names)


def grade_short_answer(q: ShortAnswer, response: object) -> Grade:
    """Right when the response matches any accepted answer under the question's
    TextPolicy (see textmatch.matches for case, accents, punctuation, leading
    articles and honorifics, and the typo rule: by default 0 typos up to 4
    characters, 1 up to 8, 2 beyond; never in numbers, never a typed word
    that is another English word). People's names are also right in
    family-given order, and as the family name alone when allowed (see
    quizapp.core.names). Two accepted answers typed one after the other are right
    too ("Secretary of Commerce Ronald H. Brown"; quizapp.core.two_answers), and a
    name with a Japanese honorific after it ("Hashimoto-san"). A question graded as
    Moodle grades (policy.moodle) takes one answer whole, as Moodle does
    (quizapp.core.moodle_match)."""
    expected = q.answers[0] if q.answers else ""
    if q.policy.moodle:
        expected = shown_moodle_answer(expected)  # '\\*' an asterisk, as Moodle shows it
    text = text_response(response)
    if text is None or not q.answers:
        return Grade(False, 0.0, expected, q.feedback_if_wrong)
    ok, exact, matched = textmatch.match_any(text, q.answers, q.policy, q.names)
    if not ok and not q.policy.moodle:  # (never in Moodle, which takes one answer whole)
        # two accepted answers together: a title and a name, a name and its initialism
        ok, exact, matched = match_two(text, q.answers, q.policy, q.names)
        if not ok:  # a name with "-san" after it: "Hashimoto-san"
            ok, exact, matched = match_honorific(text, q.answers, q.policy, q.names)
    # the feedback for this answer, if the teacher wrote one (right answers are tried first)
    said = feedback_for_response(q, text)
    part = None if ok else partial_credit(q, text)
    if part is not None:  # Moodle's answer worth part of the marks ("Japan" at 50%)
        if said is None and part.by_any_other:
            said = q.feedback_if_wrong  # Moodle's feedback for '*', here worth part
        return Grade(False, part.share, expected, said, part.misspelt
                     and f"Partly right, but check the spelling: {part.misspelt}")
    if not ok:  # a right name with words that make it wrong: say which part is right
        note = None if q.policy.moodle else name_among_wrong(text, q.answers, q.policy, q.names)
        return Grade(False, 0.0, expected, said or q.feedback_if_wrong, note)
    # The spelling of the answer it was taken for: "Hashimoto Ryutaro" for "Hashimoto Ryutaru".
    note = None if exact else f"Accepted, but check the spelling: {matched}"
    return Grade(True, 1.0, expected, said, note)


BASE_SECONDS = 6.0

KIND: Kind[ShortAnswer] = Kind(
    name=ShortAnswer.TYPE,
    model=ShortAnswer,
    required_keys=(),
    key_schemas={
        "answer": {
            **SHORT_ANSWER_ITEM,
            "description": "The accepted answer (or use answers); text or a person's name.",
        },
        "answers": {
            "type": "array",
            "items": SHORT_ANSWER_ITEM,
            "minItems": 1,
            "description": "Every accepted answer: text, or {person: ...} for a person's name.",
        },
        "partly_right": {
            "type": "object",
            "additionalProperties": {"type": "number", "exclusiveMinimum": 0,
                                     "exclusiveMaximum": 1},
            "description": "Answers worth part of the marks, each with its share ({Japan: "
                           "0.5}); tried after the accepted answers, compared as they are.",
        },
        "feedback_for": {
            "type": "object",
            "additionalProperties": TEXT,
            "description": "Feedback for particular answers, right or wrong ({Lyon: France's "
                           "third city}); compared with the response as the answers are.",
        },
    },
    schema_rules={"oneOf": [{"required": ["answers"]}, {"required": ["answer"]}]},
    yaml_keys=("answers", "answer", "partly_right", "grading", "feedback_if_wrong",
               "feedback_for"),
    read_yaml=read_yaml,
    grade=grade_short_answer,
    expected_response=lambda q: (moodle_example(q.answers[0]) if q.policy.moodle
                                 else q.answers[0]) if q.answers else "",
    parse_answer=typed_as_is,
    expected_seconds=reading_seconds(BASE_SECONDS),
    base_seconds=BASE_SECONDS,
    new_question_body={"prompt": "New question?", "answers": ["answer"]},
    form_fields=(
        ff.text_box("answers", "Accepted answers (one a line; the first is shown)", "lines"),
        ff.line("answer", "Single answer (instead of answers)"),
        ff.text_box("partly_right", "Answers worth part of the marks (one a line: Japan => "
                    "0.5, half the marks)", "feedback_for"),
        *ff.TEXT_GRADING,
        ff.text_box("feedback_if_wrong", "Feedback if wrong (shown to a learner whose answer is not right)"),
        ff.text_box("feedback_for", "Feedback for particular answers (one a line: Lyon => "
                    "France's third city)", "feedback_for"),
    ),
    learner_typed=True,
    answer_feedback=lambda q: bool(q.feedback_if_wrong or q.feedback_for),
)
