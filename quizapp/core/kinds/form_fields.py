"""The editor form's rows, described as data: which key a row edits and how.

Each kind lists the rows for its own keys (Kind.form_fields); the editor
(quizapp/gui/editor/form.py) turns each row into its Qt field and adds the rows
every question shares (id, prompt, explanation, tags, source...). No Qt here:
the kinds are core.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The control a row shows: a text box of several lines, a one-line box, a drop-down of
# fixed values, or a check box that writes `key: false` when checked (shuffle: false).
Control = Literal["text", "line", "choice", "flag"]
# How the text typed becomes the YAML value: as it is ("text"), one item a line
# ("lines"), choices with their feedback after " // " ("choices"), "left => right" pairs
# ("pairs"), a number, a comma-separated list, a source paragraph ("2" or "2, 8"), names
# with a number each ("cm = 100, mm = 1000": a mapping), answers with their feedback one a
# line ("Lyon => France's third city": a mapping, "feedback_for"), a cloze's blanks one a
# line ('-' a plain one, else a mapping such as {weight: 2}: "blanks").
Reads = Literal["text", "lines", "choices", "pairs", "number", "list", "paragraph", "units",
                "feedback_for", "blanks"]


@dataclass(frozen=True, slots=True)
class FormField:
    """One row of the editor's form."""

    path: tuple[str, ...]  # the key it edits, ("grading", "max_typos") for a nested one
    label: str  # its caption; a hint in brackets shows inside the empty field
    control: Control
    reads: Reads = "text"
    options: tuple[tuple[str, object], ...] = ()  # a drop-down's (caption, value)s


def text_box(key: str | tuple[str, ...], label: str, reads: Reads = "text") -> FormField:
    return FormField(_path(key), label, "text", reads)


def line(key: str | tuple[str, ...], label: str, reads: Reads = "text") -> FormField:
    return FormField(_path(key), label, "line", reads)


def choice(key: str | tuple[str, ...], label: str,
           options: tuple[tuple[str, object], ...]) -> FormField:
    return FormField(_path(key), label, "choice", options=options)


def flag(key: str | tuple[str, ...], label: str) -> FormField:
    return FormField(_path(key), label, "flag")


def _path(key: str | tuple[str, ...]) -> tuple[str, ...]:
    return (key,) if isinstance(key, str) else key


SHUFFLE = flag("shuffle", "Keep the written order (shuffle: false)")
NUMBERING = choice("numbering", "Moodle's numbering of the choices (quizapp numbers them 1., 2.)",
                   (("default (a., b., c.)", None), ("A., B., C.", "ABCD"), ("1., 2., 3.", "123"),
                    ("i., ii., iii.", "iii"), ("I., II., III.", "IIII"), ("none", "none")))
# (a drop-down, not a flag: a flag writes `false` when ticked, and this one's default is false)
MOODLE_INSTRUCTION = choice("moodle_instruction",
                            "Moodle's \"Select one:\" line above the choices",
                            (("hidden (Moodle's default)", None), ("shown", True)))
CHOICES = text_box("choices", "Choices (one a line; feedback after ' // '; "
                   "{text: ..., weight: 0.5} for a weight)", "choices")

_DEFAULT_TRUE_FALSE: tuple[tuple[str, object], ...] = (
    ("default", None), ("true", True), ("false", False),
)
# The typed-text matching rules (the `grading:` mapping) of the kinds that take typed
# words: short answer and cloze.
TEXT_GRADING: tuple[FormField, ...] = (
    choice(("grading", "case_sensitive"), "Case sensitive", _DEFAULT_TRUE_FALSE),
    choice(("grading", "ignore_accents"), "Ignore accents", _DEFAULT_TRUE_FALSE),
    choice(("grading", "ignore_punctuation"), "Ignore punctuation", _DEFAULT_TRUE_FALSE),
    line(("grading", "max_typos"), "Typos forgiven (empty: auto)", "number"),
    choice(("grading", "moodle"), "Graded as Moodle (exact, * any text)", _DEFAULT_TRUE_FALSE),
)
