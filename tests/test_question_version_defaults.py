"""A question's version (answers.version, the item analysis) leaves out a field at its
default: a field a later quizapp adds to a question type, or to one of its parts (grading
got `moodle`, numeric `other_units`, in the same release as versions), changed every
question's version, so that after the upgrade the item analysis set all the answers given
before apart, as answers to an earlier version of each question."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from quizapp.core.model_base import Question
from quizapp.core.question_version import question_version


@dataclass(frozen=True)
class Rule:
    case_sensitive: bool = False


@dataclass(frozen=True)
class RuleLater(Rule):
    """The same rule as a later quizapp has it: a setting more."""

    moodle: bool = False


@dataclass(frozen=True, kw_only=True)
class Typed(Question):
    TYPE: ClassVar[str] = "typed"
    answers: tuple[str, ...]
    rule: Rule = field(default_factory=Rule)


@dataclass(frozen=True, kw_only=True)
class TypedLater(Typed):
    """The same question type as a later quizapp has it: a field more, and its rule's."""

    hint: str | None = None
    units: tuple[str, ...] = ()


def test_fields_added_later_at_their_defaults_keep_the_version():
    before = Typed(id="q", prompt="Largest planet?", answers=("Jupiter",),
                   rule=Rule(case_sensitive=True))
    after = TypedLater(id="q", prompt="Largest planet?", answers=("Jupiter",),
                       rule=RuleLater(case_sensitive=True))
    assert question_version(after) == question_version(before)


def test_a_field_set_away_from_its_default_is_another_version():
    plain = TypedLater(id="q", prompt="Largest planet?", answers=("Jupiter",))
    versions = {question_version(q) for q in (
        plain,
        TypedLater(id="q", prompt="Largest planet?", answers=("Jupiter",), hint="gas"),
        TypedLater(id="q", prompt="Largest planet?", answers=("Jupiter",), units=("x",)),
        TypedLater(id="q", prompt="Largest planet?", answers=("Jupiter",),
                   rule=RuleLater(moodle=True)),
        TypedLater(id="q", prompt="Largest planet?", answers=("Saturn",)),
    )}
    assert len(versions) == 5
    # and a field written out at its default is the question left as it was
    assert question_version(TypedLater(id="q", prompt="Largest planet?",
                                       answers=("Jupiter",), hint=None,
                                       rule=Rule(case_sensitive=False))) == (
        question_version(plain))
