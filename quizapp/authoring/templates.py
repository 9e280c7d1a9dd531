"""Starting points: a new bank, and a new question of each type.

Each new question is valid as it stands, so a bank stays loadable while the
teacher fills it in.
"""

from __future__ import annotations

import copy
from typing import Any

from quizapp.core.kinds import KINDS


def question_types() -> list[str]:
    """The types a teacher can add, in the order the bank format documents them (every
    registered kind, quizapp.core.kinds.KINDS)."""
    return list(KINDS)


def new_question(kind: str, question_id: str | None = None) -> dict[str, Any]:
    """A new question of type `kind` (its kind's new_question_body), valid as it stands."""
    registered = KINDS.get(kind)
    if registered is None:
        raise ValueError(f"unknown question type {kind!r}")
    body = copy.deepcopy(dict(registered.new_question_body))  # the caller may edit its lists
    return {"id": question_id or kind.replace("_", "-"), "type": kind, **body}


def new_bank_text(title: str = "New bank", kind: str = "multiple_choice") -> str:
    from quizapp.authoring import render

    header = render.block({"title": title}, 0)
    return header + "questions:\n" + render.block([new_question(kind, "question-1")], 2)
