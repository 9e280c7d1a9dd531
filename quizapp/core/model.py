"""The question bank model: plain, immutable dataclasses.

The loader builds these from YAML; grading, sessions, the store and the GUI
only ever see these objects, never raw YAML. They are frozen so that a loaded
bank can be cached (pickled) and shared between threads without copying.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar, Literal

FORMAT_VERSION = 1

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a bank file, located for a teacher's editor."""

    path: str
    line: int  # 1-based; 0 when the problem is about the whole file
    column: int  # 1-based; 0 when unknown
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceInfo:
    """Where a bank's material comes from (bank level)."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    # The source text itself, in a file beside the bank (a path relative to its
    # folder): `quizapp validate` finds every question's quote in it.
    file: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """One option of a multiple_choice or multiple_select question."""

    text: str
    feedback: str | None = None  # shown when the learner picks this choice
    # multiple_select only: the share of the marks picking this choice adds (-1..1), as a
    # Moodle author weighs it; when any choice has one, the credit is the sum of the
    # picked weights (a choice without one counts 0), clipped to 0..1 (see grading).
    weight: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TextPolicy:
    """How typed answers (short_answer, cloze) are compared with accepted ones."""

    case_sensitive: bool = False
    ignore_accents: bool = True
    ignore_punctuation: bool = True
    # Edit distance tolerated; None means "by length" (see grading).
    max_typos: int | None = None


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
    line: int = 0  # where the question starts in its file, for messages

    @property
    def type(self) -> str:
        return self.TYPE


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleChoice(Question):
    """Exactly one right choice."""

    TYPE: ClassVar[str] = "multiple_choice"
    choices: tuple[Choice, ...]
    correct: int  # index into choices
    shuffle: bool = True  # False pins the written order ("all of the above")

    @property
    def answer(self) -> str:
        return self.choices[self.correct].text


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleSelect(Question):
    """Several right choices; partial credit."""

    TYPE: ClassVar[str] = "multiple_select"
    choices: tuple[Choice, ...]
    correct: tuple[int, ...]  # sorted indexes into choices
    shuffle: bool = True  # False pins the written order

    @property
    def answers(self) -> tuple[str, ...]:
        return tuple(self.choices[i].text for i in self.correct)


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalse(Question):
    """A statement that is true or false."""

    TYPE: ClassVar[str] = "true_false"
    answer: bool
    # Shown to a learner who answers true / false (GIFT's and Moodle's per-answer feedback).
    feedback_if_true: str | None = None
    feedback_if_false: str | None = None


# A person's name among a short answer's accepted answers, as plain data (the
# bank cache stores it as is): (the name as written, given names first; how
# many of its last words are the family name; whether the family name alone
# is right). Grading also takes it in family-given order ("Hashimoto Ryutaro").
PersonName = tuple[str, int, bool]


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortAnswer(Question):
    """A typed answer compared with the accepted ones under a TextPolicy."""

    TYPE: ClassVar[str] = "short_answer"
    answers: tuple[str, ...]  # every accepted answer; the first is shown as "the" answer
    policy: TextPolicy = field(default_factory=TextPolicy)
    # The answers that are people's names (each name's text is also in answers).
    names: tuple[PersonName, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Numeric(Question):
    """A number, within a tolerance, with an optional unit."""

    TYPE: ClassVar[str] = "numeric"
    answer: float
    tolerance: float = 0.0  # absolute: accepted if |response - answer| <= tolerance
    unit: str | None = None
    feedback_if_wrong: str | None = None  # shown to a learner whose number is not right


@dataclass(frozen=True, slots=True, kw_only=True)
class Matching(Question):
    """Left items to be paired with right items."""

    TYPE: ClassVar[str] = "matching"
    pairs: tuple[tuple[str, str], ...]  # (left, right), in authored order
    shuffle: bool = True  # False shows the right-hand column in the written order


@dataclass(frozen=True, slots=True, kw_only=True)
class Ordering(Question):
    """Items to be put in the right order."""

    TYPE: ClassVar[str] = "ordering"
    items: tuple[str, ...]  # in the right order


CLOZE_BLANK = re.compile(r"\{\{(.*?)\}\}", re.S)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cloze(Question):
    """A text with blanks written as {{answer}} or {{answer|variant|...}}."""

    TYPE: ClassVar[str] = "cloze"
    text: str
    policy: TextPolicy = field(default_factory=TextPolicy)

    @property
    def blanks(self) -> tuple[tuple[str, ...], ...]:
        """Accepted answers for each blank, in order."""
        return tuple(
            tuple(part.strip() for part in m.group(1).split("|"))
            for m in CLOZE_BLANK.finditer(self.text)
        )

    def segments(self) -> list[str | int]:
        """The text split into literal strings and blank numbers (0, 1, ...)."""
        out: list[str | int] = []
        pos = 0
        for n, m in enumerate(CLOZE_BLANK.finditer(self.text)):
            out.append(self.text[pos : m.start()])
            out.append(n)
            pos = m.end()
        out.append(self.text[pos:])
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Flashcard(Question):
    """Front and back; the learner grades their own recall."""

    TYPE: ClassVar[str] = "flashcard"
    back: str

    @property
    def front(self) -> str:
        return self.prompt


QUESTION_TYPES: dict[str, type[Question]] = {
    cls.TYPE: cls
    for cls in (
        MultipleChoice,
        MultipleSelect,
        TrueFalse,
        ShortAnswer,
        Numeric,
        Matching,
        Ordering,
        Cloze,
        Flashcard,
    )
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Bank:
    """A loaded, checked question bank."""

    id: str
    title: str
    questions: tuple[Question, ...]
    description: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: SourceInfo | None = None
    path: str | None = None  # the file it was loaded from
    content_hash: str = ""  # sha256 of the file's bytes; sessions record it

    def question(self, question_id: str) -> Question | None:
        for q in self.questions:
            if q.id == question_id:
                return q
        return None

    @property
    def all_tags(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for q in self.questions:
            for t in q.tags:
                seen.setdefault(t, None)
        return tuple(seen)

    # The library lists a bank by these two and all_tags; a bank rebuilt from the cache
    # (core/lazy_bank.py) answers them from its cache entry without building a question.
    @property
    def question_count(self) -> int:
        return len(self.questions)

    @property
    def catalog_signature(self) -> str:
        """What the store's catalog tables hold for this bank: its question ids and tags."""
        return catalog_signature(self.questions)


def catalog_signature(questions: tuple[Question, ...]) -> str:
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    for q in questions:
        digest.update(q.id.encode())
        digest.update(b"\x1f" + "\x1e".join(q.tags).encode() + b"\x00")
    return digest.hexdigest()
