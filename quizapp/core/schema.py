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
from typing import Any

from quizapp.core.kinds import KINDS, Kind
from quizapp.core.model import FORMAT_VERSION
from quizapp.core.model_base import MAX_POINTS
from quizapp.core.schema_parts import SHARED_KEY_SCHEMAS, TEXT, TEXT_LIST
from quizapp.core.yaml_bank import COMMON_KEYS

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "bank.schema.json"

_BANK_PROPS = {
    "title": {**TEXT, "description": "The bank's title, shown in the bank list."},
    "id": {
        **TEXT,
        "description": "A stable id; progress is stored under it. "
        "Defaults to the file name without .yaml.",
    },
    "description": {**TEXT, "description": "A sentence or two about the bank."},
    "language": {**TEXT, "description": "The language of the questions, e.g. en."},
    "authors": {**TEXT_LIST, "description": "Who wrote the bank."},
    "tags": {**TEXT_LIST, "description": "Topics of the whole bank."},
    "categories": {
        "type": "object",
        "description": "The Moodle categories of its questions (each question's `category`), "
        "each with its description and Moodle ID number, for the Moodle XML export.",
        "additionalProperties": {
            "type": "object",
            "properties": {"description": TEXT, "id_number": TEXT},
            "additionalProperties": False,
        },
    },
    "source": {
        "type": "object",
        "description": "Where the material comes from.",
        "properties": {
            "title": TEXT,
            "publisher": TEXT,
            "date": TEXT,
            "url": {**TEXT, "format": "uri"},
            "file": {
                **TEXT,
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

_COMMON_PROPS: dict[str, dict[str, Any]] = {
    "id": {**TEXT, "description": "Unique in the bank; learners' progress is keyed on it."},
    "type": {"enum": list(KINDS), "description": "The kind of question."},
    "title": {
        **TEXT,
        "description": "The question's own name where a format gives it one (Moodle's "
        "question name, GIFT's ::title::), kept for writing it back there.",
    },
    "id_number": {
        "type": "boolean",
        "description": "The id is the question's Moodle ID number, written back as one even "
        "where it is the id the title gives (set by the import).",
    },
    "anki_guid": {
        **TEXT,
        "description": "The guid of the Anki note the question was imported from, written "
        "back as the note's guid by the Anki export (set by the import).",
    },
    "anki_note_type": {
        "type": "object",
        "description": "The Anki note type the question was imported from (set by the "
        "import): the Anki export writes its note back in it, so that Anki updates the note.",
        "properties": {
            "id": {"type": "integer", "minimum": 1},
            "name": TEXT,
            "kind": {"enum": ["basic", "cloze", "occlusion"]},
            "fields": {"type": "array", "items": TEXT, "minItems": 2},
            "cards": {"type": "array", "items": TEXT, "minItems": 1, "maxItems": 2},
            "card": {"type": "integer", "minimum": 1, "maximum": 10000},
            "extra": {"type": "array", "items": {"type": "string"}},
            "sides": {"type": "array", "items": {"type": "integer", "minimum": 0},
                      "minItems": 2, "maxItems": 2},
            "blanks": {"type": "array", "items": {"type": "integer", "minimum": 1,
                                                  "maximum": 10000}},
            "picture": TEXT,
        },
        "required": ["id", "name", "fields"],
        "additionalProperties": False,
    },
    "prompt": {**TEXT, "description": "The question, in a Markdown subset (no HTML)."},
    "explanation": {**TEXT, "description": "Shown after the learner answers."},
    "hints": {**TEXT_LIST, "description": "Hints for the tries after a wrong answer, in "
              "order: practice shows the next with the feedback on a mistake."},
    "tags": {**TEXT_LIST, "description": "Topics, for practice by topic and statistics."},
    "category": {**TEXT, "description": "Where the question lives in a Moodle question bank, "
                 "a path of names from the top down ('Week 1/Trade'; a '/' in a name as "
                 "'//'); the Moodle exports put it back there."},
    "source": {
        "description": "Where the answer stands in the source: text such as 'paragraph 5', "
        "or a mapping with paragraph (or location) and quote, the source's own words.",
        "anyOf": [
            TEXT,
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
                        **TEXT,
                        "description": "Any other place, e.g. 'chapter 2, p. 31'.",
                    },
                    "quote": {
                        "anyOf": [TEXT, {**TEXT_LIST, "minItems": 1}],
                        "description": "The source's exact words the answer rests on "
                        "(about 30 at most), or a list of such quotes.",
                    },
                },
                "not": {"required": ["paragraph", "location"]},
                "additionalProperties": False,
            },
        ],
    },
    "points": {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_POINTS,
               "description": f"Weight (default 1, at most {MAX_POINTS:,})."},
    "image": {
        "type": "string",
        "description": "A picture, as a path relative to the bank's folder.",
    },
    "image_description": {
        "type": "string",
        "description": "What the picture shows, in words: read to learners who cannot see "
        "it (screen readers) and the picture's alt text in exports.",
    },
}

def _question_def(kind: Kind) -> dict:
    props = {k: v for k, v in _COMMON_PROPS.items()}
    props["type"] = {"const": kind.name}
    if kind.prompt_key != "prompt":  # a flashcard's front is its prompt
        del props["prompt"]
    for key in kind.yaml_keys:
        props[key] = kind.key_schemas.get(key) or SHARED_KEY_SCHEMAS[key]
    required = ["id", "type"]
    if kind.prompt_key == "prompt" and kind.prompt_required:
        required.append("prompt")
    return {
        "type": "object",
        "required": required + list(kind.required_keys),
        "properties": props,
        "additionalProperties": False,
        **kind.schema_rules,
    }


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
            # The kinds registered now (a plug-in kind included), not those at import.
            "properties": {"type": {**_COMMON_PROPS["type"], "enum": list(KINDS)}},
            "allOf": [
                {
                    "if": {"properties": {"type": {"const": t}}, "required": ["type"]},
                    "then": {"$ref": f"#/$defs/{t}"},
                }
                for t in KINDS
            ],
        },
    }
    for name, kind in KINDS.items():
        defs[name] = _question_def(kind)
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
