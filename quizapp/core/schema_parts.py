"""Pieces of the bank format's JSON Schema that the question kinds share (text, choices,
grading, a person's name) and the schemas of keys several kinds use. core/schema.py puts
the whole schema together; each kind (core/kinds/) adds the keys it requires and the
schemas of keys only it has, so a new kind brings its own part of the schema.
"""

from __future__ import annotations

TEXT = {"$ref": "#/$defs/text"}
TEXT_LIST = {"type": "array", "items": TEXT}

CHOICES = {
    "type": "array",
    "minItems": 2,
    "description": "The choices: text, or {text, feedback} to say something when picked"
    " (multiple_select: and weight).",
    "items": {
        "anyOf": [
            TEXT,
            {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": TEXT,
                    "feedback": TEXT,
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
GRADING = {
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
        "moodle": {
            "type": "boolean",
            "default": False,
            "description": "Graded as Moodle grades a short answer: the whole text as "
            "written, case as case_sensitive says, '*' any text ('\\*' an asterisk); the "
            "other settings do not apply.",
        },
    },
    "additionalProperties": False,
}

PERSON = {
    "type": "object",
    "description": "A person's name: also right in family-given order.",
    "required": ["person"],
    "properties": {
        "person": {**TEXT, "description": "The name, given name(s) first, family name last."},
        "family_name": {
            **TEXT,
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
SHORT_ANSWER_ITEM = {"anyOf": [TEXT, PERSON]}

SHARED_KEY_SCHEMAS: dict[str, dict] = {
    "choices": CHOICES,
    "answers": {**TEXT_LIST, "minItems": 1},
    "grading": GRADING,
    "tolerance": {"type": "number", "minimum": 0, "description": "Accepted +/- distance."},
    "unit": {**TEXT, "description": "Shown after the answer box, e.g. billion dollars."},
    "pairs": {
        "type": "array",
        "minItems": 2,
        "description": "Each left with its right. Every left is different; a right side may "
                       "repeat (cat: mammal, dog: mammal), offered once, but not every pair "
                       "may have the same one.",
        "items": {
            "type": "object",
            "required": ["left", "right"],
            "properties": {"left": TEXT, "right": TEXT},
            "additionalProperties": False,
        },
    },
    "items": {**TEXT_LIST, "minItems": 2, "description": "The items in the right order."},
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
    "numbering": {
        "enum": ["abc", "ABCD", "123", "iii", "IIII", "none"],
        "description": "Moodle's numbering of the choices, for the Moodle XML export (default"
        " abc); quizapp numbers choices 1., 2., 3. itself.",
    },
    "moodle_instruction": {
        "type": "boolean",
        "default": False,
        "description": "Moodle's 'Show standard instructions' (\"Select one:\" or \"Select"
        " one or more:\" above the choices), for the Moodle XML export; quizapp shows none.",
    },
    "feedback_if_true": {**TEXT, "description": "Shown to a learner who answers true."},
    "feedback_if_false": {**TEXT, "description": "Shown to a learner who answers false."},
    "feedback_if_wrong": {
        **TEXT,
        "description": "Shown to a learner whose answer is wrong (say why, or give a hint).",
    },
    "front": {**TEXT, "description": "The front of the card."},
    "back": {**TEXT, "description": "The back of the card; \"\" (quoted) for a card with nothing on its back."},
}
