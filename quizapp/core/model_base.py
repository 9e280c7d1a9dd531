"""The parts of the bank model every question kind builds on.

Each question kind's own dataclass lives in its module under quizapp/core/kinds/;
this module holds what they share (the Question base, choices, text policies)
and the Problem a check reports, so that the kinds, the YAML field readers and
quizapp.core.model can all import it without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Literal

Severity = Literal["error", "warning"]

# A blank in a cloze text: {{answer}} or {{answer|variant|...}}.
CLOZE_BLANK = re.compile(r"\{\{(.*?)\}\}", re.S)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a bank file, located for a teacher's editor."""

    path: str
    line: int  # 1-based; 0 when the problem is about the whole file
    column: int  # 1-based; 0 when unknown
    message: str
    severity: Severity = "error"

    # Printed, a position counts from 1 as editors and linters do: a problem about the
    # whole file (line 0) or at an unknown column is at its start, 1:1.
    def format(self) -> str:
        return (f"{self.path}:{self.line or 1}:{self.column or 1}: {self.severity}: "
                f"{self.message}")

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line or 1,
            "column": self.column or 1,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """One option of a multiple_choice or multiple_select question."""

    text: str
    feedback: str | None = None  # shown when the learner picks this choice
    # multiple_select only: the share of the marks picking this choice adds (-1..1), as a
    # Moodle author weighs it; when any choice has one, the credit is the sum of the
    # picked weights (a choice without one counts 0), clipped to 0..1 (see grading).
    weight: float | None = None


# How far the right choices' weights may add up from 1 and still be full marks: Moodle
# writes a third as 33.33333%, so three thirds add up to 0.99999. `quizapp validate`
# warns only beyond it, and grading gives a pick within it full marks (credit 1, right).
WEIGHTS_FULL_MARGIN = 0.001


@dataclass(frozen=True, slots=True, kw_only=True)
class TextPolicy:
    """How typed answers (short_answer, cloze) are compared with accepted ones."""

    case_sensitive: bool = False
    ignore_accents: bool = True
    ignore_punctuation: bool = True
    # Edit distance tolerated; None means "by length" (see grading).
    max_typos: int | None = None
    # Graded as Moodle grades a short answer (quizapp.core.moodle_match): the whole text as
    # written, case as case_sensitive says, '*' any text; the four settings above and every
    # other forgiveness (a leading "the", "in Tokyo", two answers together) do not apply.
    # Set by the Moodle and GIFT imports, so that a learner is marked as Moodle marks them.
    moodle: bool = False


# The most a question can weigh in a score (its `points`): a bank's totals stay readable
# numbers (two questions of 1e308 points made "inf of inf points").
MAX_POINTS = 1_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """Fields every question type shares."""

    TYPE: ClassVar[str] = ""

    id: str
    prompt: str  # Markdown subset; for a flashcard this is the front
    explanation: str | None = None
    tags: tuple[str, ...] = ()
    source: str | None = None  # where the fact stands in the source text: "paragraph 8"
    # The source's own words the answer rests on, shown under the source in
    # feedback; several when the answer draws on several places.
    quotes: tuple[str, ...] = ()
    points: float = 1.0
    image: str | None = None  # path relative to the bank's folder, checked by the loader
    # What the picture shows, in words: read to a learner who cannot see it, and the
    # picture's alt text in exports.
    image_description: str | None = None
    # The question's own name where a format gives it one (Moodle's question name, GIFT's
    # ::title::), kept so that writing the bank back to that format gives it again.
    title: str | None = None
    # Whether the id is the question's Moodle ID number even where it is the one its title
    # gives ('newton-first-law' for "Newton first law"): set by the import only then, so
    # that the export writes it back (an id made from the title alone is written as none).
    id_number: bool = False
    # The guid of the Anki note the question was imported from, written back as the note's
    # guid by the .apkg export, so that Anki matches the note it already has instead of
    # adding a copy (a question made in quizapp has none: its guid comes from its ids).
    anki_guid: str | None = None
    # The Anki note type it came from (core/anki_note_type: AnkiNoteType.text()), for the
    # export to write the note back in it, so that Anki updates the note in place.
    anki_note_type: str | None = None
    # Hints for the tries after a wrong answer, in order (Moodle's hints for "interactive
    # with multiple tries"): practice shows the next one with the feedback on a mistake,
    # as the question comes back. Markdown.
    hints: tuple[str, ...] = ()
    # Where the question lives in a Moodle question bank ('Week 1/Trade'; core/category.py),
    # kept so that the export puts it back there. None: the bank's own category.
    category: str | None = None
    line: int = 0  # where the question starts in its file, for messages

    @property
    def type(self) -> str:
        return self.TYPE


# A person's name among a short answer's accepted answers, as plain data (the
# bank cache stores it as is): (the name as written, given names first; how
# many of its last words are the family name; whether the family name alone
# is right). Grading also takes it in family-given order ("Hashimoto Ryutaro").
PersonName = tuple[str, int, bool]
