"""The JSON Schema (draft 2020-12) of the bank format, for teachers' editors.

Built from the loader's own key tables so the two cannot drift apart; the
shipped copy quizapp/bank.schema.json is this output (a test checks), and
`quizapp schema` prints it. With VS Code's YAML extension, a first line
``# yaml-language-server: $schema=<path or URL of bank.schema.json>`` gives
completion and checking while typing. The loader stays the judge: it also
checks what a schema cannot (answers among the choices, unique ids, images).

The schema declares draft 2020-12 but keeps to keywords that draft-07 tools
read the same way (type, enum, const, properties, required, if/then, $ref
by JSON pointer), because VS Code's YAML extension validates with draft-07
rules. Editors read YAML 1.2, so they want true/false where the loader also
takes yes/no.

    python -m quizapp.core.schema > quizapp/bank.schema.json   # regenerate
"""

from __future__ import annotations

import json
from pathlib import Path

from quizapp.core.model import FORMAT_VERSION
from quizapp.core.yaml_bank import COMMON_KEYS, TYPE_KEYS

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "bank.schema.json"

_TEXT = {"$ref": "#/$defs/text"}
_TEXT_LIST = {"type": "array", "items": _TEXT}

_BANK_PROPS = {
    "title": {**_TEXT, "description": "The bank's title, shown in the bank list."},
    "id": {
        **_TEXT,
        "description": "A stable id; progress is stored under it. "
        "Defaults to the file name without .yaml.",
    },
    "description": {**_TEXT, "description": "A sentence or two about the bank."},
    "language": {**_TEXT, "description": "The language of the questions, e.g. en."},
    "authors": {**_TEXT_LIST, "description": "Who wrote the bank."},
    "tags": {**_TEXT_LIST, "description": "Topics of the whole bank."},
    "source": {
        "type": "object",
        "description": "Where the material comes from.",
        "properties": {
            "title": _TEXT,
            "publisher": _TEXT,
            "date": _TEXT,
            "url": {**_TEXT, "format": "uri"},
            "file": {
                **_TEXT,
                "description": "The source text, a file in the bank's folder; "
                "`quizapp validate` finds every question's quote in it.",
            },
        },
        "additionalProperties": False,
    },
    "questions": {
        "type": "array",
        "minItems": 1,
        "description": "The questions; each needs a unique id and a type.",
        "items": {"$ref": "#/$defs/question"},
    },
}

_COMMON_PROPS = {
    "id": {**_TEXT, "description": "Unique in the bank; learners' progress is keyed on it."},
    "type": {"enum": list(TYPE_KEYS), "description": "The kind of question."},
    "prompt": {**_TEXT, "description": "The question, in a Markdown subset (no HTML)."},
    "explanation": {**_TEXT, "description": "Shown after the learner answers."},
    "tags": {**_TEXT_LIST, "description": "Topics, for practice by topic and statistics."},
    "source": {
        "description": "Where the answer stands in the source: text such as 'paragraph 5', "
        "or a mapping with paragraph (or location) and quote, the source's own words.",
        "anyOf": [
            _TEXT,
            {
                "type": "object",
                "properties": {
                    "paragraph": {
                        "anyOf": [
                            {"type": "integer", "minimum": 1},
                            {
                                "type": "array",
                                "minItems": 1,
                                "items": {"type": "integer", "minimum": 1},
                            },
                        ],
                        "description": "The paragraph number, or a list of them.",
                    },
                    "location": {
                        **_TEXT,
                        "description": "Any other place, e.g. 'chapter 2, p. 31'.",
                    },
                    "quote": {
                        "anyOf": [_TEXT, {**_TEXT_LIST, "minItems": 1}],
                        "description": "The source's exact words the answer rests on "
                        "(about 30 at most), or a list of such quotes.",
                    },
                },
                "not": {"required": ["paragraph", "location"]},
                "additionalProperties": False,
            },
        ],
    },
    "points": {"type": "number", "exclusiveMinimum": 0, "description": "Weight (default 1)."},
    "image": {
        "type": "string",
        "description": "A picture, as a path relative to the bank's folder.",
    },
}

_CHOICES = {
    "type": "array",
    "minItems": 2,
    "description": "The choices: text, or {text, feedback} to say something when picked"
    " (multiple_select: and weight).",
    "items": {
        "anyOf": [
            _TEXT,
            {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": _TEXT,
                    "feedback": _TEXT,
                    "weight": {
                        "type": "number",
                        "minimum": -1,
                        "maximum": 1,
                        "description": "multiple_select: the share of the marks picking this"
                        " choice adds (-1 to 1); the picked weights are summed, clipped to 0..1.",
                    },
                },
                "additionalProperties": False,
            },
        ]
    },
}
_GRADING = {
    "type": "object",
    "description": "How typed answers are compared.",
    "properties": {
        "case_sensitive": {"type": "boolean", "default": False},
        "ignore_accents": {"type": "boolean", "default": True},
        "ignore_punctuation": {"type": "boolean", "default": True},
        "max_typos": {
            "anyOf": [{"type": "integer", "minimum": 0}, {"const": "auto"}],
            "default": "auto",
            "description": "Typos tolerated; auto scales with the answer's length.",
        },
    },
    "additionalProperties": False,
}

_PERSON = {
    "type": "object",
    "description": "A person's name: also right in family-given order.",
    "required": ["person"],
    "properties": {
        "person": {**_TEXT, "description": "The name, given name(s) first, family name last."},
        "family_name": {
            **_TEXT,
            "description": "The last word(s) of the name that are the family name "
            "(default: the last word).",
        },
        "family_name_alone": {
            "type": "boolean",
            "default": False,
            "description": "The family name by itself is right too.",
        },
    },
    "additionalProperties": False,
}
_SHORT_ANSWER_ITEM = {"anyOf": [_TEXT, _PERSON]}

_TYPE_PROPS: dict[str, dict] = {
    "choices": _CHOICES,
    "answers": {**_TEXT_LIST, "minItems": 1},
    "grading": _GRADING,
    "tolerance": {"type": "number", "minimum": 0, "description": "Accepted +/- distance."},
    "unit": {**_TEXT, "description": "Shown after the answer box, e.g. billion dollars."},
    "pairs": {
        "type": "array",
        "minItems": 2,
        "items": {
            "type": "object",
            "required": ["left", "right"],
            "properties": {"left": _TEXT, "right": _TEXT},
            "additionalProperties": False,
        },
    },
    "items": {**_TEXT_LIST, "minItems": 2, "description": "The items in the right order."},
    "text": {
        "type": "string",
        "pattern": "\\{\\{.+?\\}\\}",
        "description": "Text with blanks written as {{answer}} or {{answer|variant}}.",
    },
    "shuffle": {
        "type": "boolean",
        "default": True,
        "description": "Shuffle the choices (or the right-hand column) each time the question"
        " is shown; false keeps the written order, e.g. for 'all of the above'.",
    },
    "feedback_if_true": {**_TEXT, "description": "Shown to a learner who answers true."},
    "feedback_if_false": {**_TEXT, "description": "Shown to a learner who answers false."},
    "feedback_if_wrong": {
        **_TEXT,
        "description": "Shown to a learner whose answer is wrong (say why, or give a hint).",
    },
    "front": {**_TEXT, "description": "The front of the card."},
    "back": {**_TEXT, "description": "The back of the card."},
}

_ANSWER = {
    "multiple_choice": {**_TEXT, "description": "The text of the right choice."},
    "true_false": {"type": "boolean"},
    "short_answer": {
        **_SHORT_ANSWER_ITEM,
        "description": "The accepted answer (or use answers); text or a person's name.",
    },
    "numeric": {"type": "number"},
}
_ANSWERS_SA = {
    "type": "array",
    "items": _SHORT_ANSWER_ITEM,
    "minItems": 1,
    "description": "Every accepted answer: text, or {person: ...} for a person's name.",
}
_ANSWERS_MS = {**_TEXT_LIST, "minItems": 1, "description": "The texts of the right choices."}

_REQUIRED = {
    "multiple_choice": ["choices", "answer"],
    "multiple_select": ["choices", "answers"],
    "true_false": ["answer"],
    "short_answer": [],
    "numeric": ["answer"],
    "matching": ["pairs"],
    "ordering": ["items"],
    "cloze": ["text"],
    "flashcard": ["front", "back"],
}


def _question_def(qtype: str) -> dict:
    props = {k: v for k, v in _COMMON_PROPS.items()}
    props["type"] = {"const": qtype}
    if qtype == "flashcard":
        del props["prompt"]
    for key in TYPE_KEYS[qtype]:
        if key == "answer":
            props[key] = _ANSWER[qtype]
        elif key == "answers" and qtype == "multiple_select":
            props[key] = _ANSWERS_MS
        elif key == "answers" and qtype == "short_answer":
            props[key] = _ANSWERS_SA
        else:
            props[key] = _TYPE_PROPS[key]
    required = ["id", "type"]
    if qtype not in ("flashcard", "cloze"):
        required.append("prompt")
    out = {
        "type": "object",
        "required": required + _REQUIRED[qtype],
        "properties": props,
        "additionalProperties": False,
    }
    if qtype == "short_answer":
        out["oneOf"] = [{"required": ["answers"]}, {"required": ["answer"]}]
    return out


def bank_schema() -> dict:
    assert set(COMMON_KEYS) == set(_COMMON_PROPS)
    defs: dict = {
        "text": {
            "type": ["string", "number", "boolean"],
            "description": "Text (a number or yes/no is read as text here).",
        },
        "question": {
            "type": "object",
            "required": ["id", "type"],
            "properties": {"type": _COMMON_PROPS["type"]},
            "allOf": [
                {
                    "if": {"properties": {"type": {"const": t}}, "required": ["type"]},
                    "then": {"$ref": f"#/$defs/{t}"},
                }
                for t in TYPE_KEYS
            ],
        },
    }
    for qtype in TYPE_KEYS:
        defs[qtype] = _question_def(qtype)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:quizapp:bank-format:1",
        "title": f"quizapp question bank (format version {FORMAT_VERSION})",
        "description": "A YAML question bank for quizapp. Check it with `quizapp validate`.",
        "type": "object",
        "required": ["title", "questions"],
        "properties": _BANK_PROPS,
        "additionalProperties": False,
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(schema_text())
