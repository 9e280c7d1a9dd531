"""Starting points: a new bank, and a new question of each type.

Each new question is valid as it stands, so a bank stays loadable while the
teacher fills it in.
"""

from __future__ import annotations

from typing import Any

TYPES = (
    "multiple_choice",
    "multiple_select",
    "true_false",
    "short_answer",
    "numeric",
    "matching",
    "ordering",
    "cloze",
    "flashcard",
)

_BODIES: dict[str, dict[str, Any]] = {
    "multiple_choice": {"prompt": "New question?", "choices": ["Right answer", "Wrong answer"],
                        "answer": "Right answer"},
    "multiple_select": {"prompt": "New question?", "choices": ["Right", "Also right", "Wrong"],
                        "answers": ["Right", "Also right"]},
    "true_false": {"prompt": "A statement that is true.", "answer": True},
    "short_answer": {"prompt": "New question?", "answers": ["answer"]},
    "numeric": {"prompt": "How many?", "answer": 1},
    "matching": {"prompt": "Match each item.",
                 "pairs": [{"left": "Left 1", "right": "Right 1"},
                           {"left": "Left 2", "right": "Right 2"}]},
    "ordering": {"prompt": "Put these in order.", "items": ["First", "Second"]},
    "cloze": {"prompt": "Fill in the blank.", "text": "A text with a {{blank}}."},
    "flashcard": {"front": "Front", "back": "Back"},
}


def new_question(kind: str, question_id: str | None = None) -> dict[str, Any]:
    if kind not in _BODIES:
        raise ValueError(f"unknown question type {kind!r}")
    return {"id": question_id or kind.replace("_", "-"), "type": kind, **_BODIES[kind]}


def new_bank_text(title: str = "New bank", kind: str = "multiple_choice") -> str:
    from quizapp.authoring import render

    header = render.block({"title": title}, 0)
    return header + "questions:\n" + render.block([new_question(kind, "question-1")], 2)
