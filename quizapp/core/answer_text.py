"""The short text forms of answers that `quizapp try` and the bank editor's try box take.

Each question kind says how its answer is written (its parse_answer, in
quizapp/core/kinds/); the shared pieces are in quizapp/core/kinds/text_forms.py.
"""

from __future__ import annotations

from quizapp.core.kinds import kind_named
from quizapp.core.kinds.text_forms import AnswerFormError
from quizapp.core.model_base import Question

__all__ = ["AnswerFormError", "parse_answer"]


def parse_answer(question: Question, text: str) -> object:
    """The response `grade` takes for an ANSWER typed in the text form of the
    question's type. Raises AnswerFormError."""
    kind = kind_named(question.type)
    if kind is None:
        raise AnswerFormError(f"questions of type {question.type} cannot be tried")
    return kind.parse_answer(question, text)
