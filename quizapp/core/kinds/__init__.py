"""The question kinds, registered in one table: YAML type name -> Kind.

Every question type is one module here (its dataclass, YAML reader, grader,
text form, card front, expected time, new question and editor rows; see
base.Kind). This table is the one place the app learns which kinds exist: the
loader, grading, the scheduler, the sessions, quizapp.core.model, the editor and
the results page all read it. Formats and widgets keep their own tables keyed by
the same names, each with an explicit entry for every kind here
(tests/kind_pieces.py lists what a kind must bring; tests/test_kinds.py checks it).

Adding a kind (docs/question-kinds.md): its module, with one line in KINDS below;
its widget (quizapp/gui/question_widgets/), with one line in WIDGETS; one line in
each exporter's table.
"""

from __future__ import annotations

from typing import Any

from quizapp.core.kinds import (
    cloze,
    flashcard,
    matching,
    multiple_choice,
    multiple_select,
    numeric,
    ordering,
    short_answer,
    true_false,
)
from quizapp.core.kinds.base import Kind
from quizapp.core.model_base import Question

__all__ = ["KINDS", "Kind", "kind_named", "kind_of", "register", "unregister"]

# In the order the bank format documents them (the schema and messages list them so).
KINDS: dict[str, Kind[Any]] = {
    kind.name: kind
    for kind in (
        multiple_choice.KIND,
        multiple_select.KIND,
        true_false.KIND,
        short_answer.KIND,
        numeric.KIND,
        matching.KIND,
        ordering.KIND,
        cloze.KIND,
        flashcard.KIND,
    )
}


_BUILT_IN = frozenset(KINDS)


def kind_named(name: str) -> Kind[Any] | None:
    """The kind registered under a YAML type name, or None."""
    return KINDS.get(name)


def kind_of(question: Question) -> Kind[Any] | None:
    """The kind of a question object, or None when its type is not registered."""
    kind = KINDS.get(question.TYPE)  # (the class's name for it; .type is a property)
    if kind is None or not isinstance(question, kind.model):
        return None
    return kind


def self_rated_models() -> tuple[type, ...]:
    """The question classes the learner rates themselves (flashcards): one isinstance
    against this tuple tells a deck's cards apart at C speed, where asking each
    question's kind costs a Python call per question (20,000 in a big deck)."""
    return tuple(k.model for k in KINDS.values() if k.self_rated)


def register(kind: Kind[Any]) -> None:
    """Add a kind (a plug-in, or a test's fake kind). Its name must be new."""
    if kind.name in KINDS:
        raise ValueError(f"a question kind named {kind.name!r} is already registered")
    KINDS[kind.name] = kind


def unregister(name: str) -> None:
    """Remove a kind added with register (the built-in kinds stay)."""
    if name not in _BUILT_IN:
        KINDS.pop(name, None)
