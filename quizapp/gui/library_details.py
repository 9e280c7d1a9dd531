"""What the library says about a bank: a one-line description for its row, and the
detail pane as formatted text (title, description, study counts, tags, source).

Bank text is data: every piece is inserted into the document as plain text through a
QTextCursor (never parsed as HTML or Markdown), with the formatting applied around it.
Paths are shown only where they help: a bank of the learner's own names its file; a
bundled bank says it is bundled instead of showing where the package is installed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.core.percent import percent_text

if TYPE_CHECKING:
    from PySide6.QtGui import QTextCharFormat
    from PySide6.QtWidgets import QTextEdit

    from quizapp.core.bank_counts import StudyCounts
    from quizapp.core.library import BankEntry

REPLACES_NOTE = "your copy replaces the bundled bank"  # a user bank with a bundled bank's id


def copy_of_whom(path: str) -> str:
    """Whose copy of a bundled bank the file at `path` is: "your", or "7B's" for a bank
    the class server's sync wrote for a class (class-banks/<class>/<bank id>/<file>, see
    quizapp/server/banks.py): a learner made none of it."""
    parts = Path(path).parts
    if len(parts) >= 4 and parts[-4] == "class-banks":
        return f"{parts[-3]}'s"
    return "your"


def replaces_note(entry: BankEntry) -> str:
    """REPLACES_NOTE, saying whose copy it is."""
    return REPLACES_NOTE.replace("your", copy_of_whom(entry.path), 1)
ABOUT_CHARS = 90  # the About column shows the start of the description

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](url) and ![alt](src): the text
_MARKS = re.compile(r"(\*\*|__|\*|_|`|~~)(?=\S)(.+?)(?<=\S)\1")  # emphasis, code: the inside
_HEADING = re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def short_description(markdown: str | None) -> str:
    """The first sentence of a bank's description as plain text, at most ABOUT_CHARS."""
    if not markdown:
        return ""
    text = _HEADING.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = _MARKS.sub(r"\2", text)
    text = " ".join(text.split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(first) > ABOUT_CHARS:
        first = first[: ABOUT_CHARS - 1].rstrip() + "…"
    return first


def percent(score: float | None) -> str:
    return percent_text(score)  # the app's one rule (core/percent.py)


class _Writer:
    """Appends formatted paragraphs of plain text to a QTextEdit's document."""

    def __init__(self, view: QTextEdit):
        # Imported here and in _format: naming these QtGui types builds their Python types
        # and enums (~7 ms), and the first paint writes no details (no bank is listed yet).
        from PySide6.QtGui import QTextCursor

        view.clear()
        self.cursor = QTextCursor(view.document())
        self.first = True

    def _format(self, *, bold: bool = False, larger: bool = False) -> QTextCharFormat:
        """Bold and a step larger than the text, never a size of its own: the text takes
        the view's font, which the zoom changes, and grows with it. (Written at the size
        of the moment, the pane stayed small while Ctrl+= grew the table beside it.)"""
        from PySide6.QtGui import QFont, QTextCharFormat, QTextFormat

        fmt = QTextCharFormat()
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        if larger:  # Qt's "larger" step: 1.2 times the document's font
            fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 1)
        return fmt

    def paragraph(self) -> None:
        if not self.first:
            self.cursor.insertBlock()
        self.first = False

    def heading(self, text: str) -> None:
        self.paragraph()
        self.cursor.insertText(text, self._format(bold=True, larger=True))

    def text(self, text: str) -> None:
        self.paragraph()
        self.cursor.insertText(text, self._format())

    def field(self, label: str, value: str) -> None:
        """The label in bold, then ": " and the value."""
        self.paragraph()
        self.cursor.insertText(f"{label}: ", self._format(bold=True))
        self.cursor.insertText(value, self._format())

    def gap(self) -> None:
        self.paragraph()


def _file_field(out: _Writer, entry) -> None:
    """Where the bank's file is: its name, bundled, or its path."""
    if entry.bundled:
        out.field("File", f"{Path(entry.path).name}, bundled with quizapp")
    else:
        out.field("File", str(entry.path))


def write_checking_details(view: QTextEdit, entry) -> None:
    """The detail pane of a bank listed from its header while its questions are checked."""
    header = entry.checking
    out = _Writer(view)
    out.heading(header.title)
    if header.description:
        out.text(" ".join(header.description.split()))
    out.gap()
    out.field("Being checked", "this bank can be studied once its questions are checked; "
                               "any mistakes found will be listed here")
    out.gap()
    _file_field(out, entry)


def write_details(view: QTextEdit, entry, summary, counts: StudyCounts | None) -> None:
    """Fill the detail pane for a library entry (its bank, or its problems)."""
    out = _Writer(view)
    bank = entry.bank
    if bank is None:
        out.heading(Path(entry.path).name)
        out.text("This bank cannot be studied until these problems are fixed:")
        # The errors first: a file's warnings often stand above them (a picture at line 6,
        # the error at line 19), and read first they hid what stops the bank.
        errors = [p for p in entry.problems if p.severity == "error"]
        for problem in errors:
            out.text(problem.format())
        warnings = [p for p in entry.problems if p.severity != "error"]
        if warnings:
            out.gap()
            out.field("Warnings", str(len(warnings)))
            for problem in warnings:
                out.text(problem.format())
        out.gap()
        out.field("File", str(entry.path))
        return
    out.heading(bank.title)
    if bank.description:
        out.text(" ".join(bank.description.split()))
    if counts is not None:
        out.gap()
        out.field(
            "To study now",
            f"{counts.due} due ({counts.learning} of them learning) · {counts.new} new"
            if counts.learning else f"{counts.due} due · {counts.new} new",
        )
    if summary is not None and summary.attempts:
        # Attempts are quizzes, exams and practice run to the end (or out of time);
        # sessions left early and flashcards are not scored.
        attempts = summary.attempts
        out.field(
            "Your scores",
            f"best {percent(summary.best_score)}, last {percent(summary.last_score)}"
            f" ({attempts} attempt{'' if attempts == 1 else 's'})",
        )
    recall = summary.recall if summary is not None else None
    if recall is not None:
        out.field("Flashcards", f"your last review recalled {percent(recall)} of its cards")
    out.gap()
    out.field("Questions", str(bank.question_count))
    tags = bank.tags or bank.all_tags
    if tags:
        out.field("Tags", ", ".join(tags))
    if bank.authors:
        out.field("By", ", ".join(bank.authors))
    source = bank.source
    if source is not None:
        parts = [x for x in (source.title, source.publisher, source.date) if x]
        if parts:
            out.field("Source", ", ".join(parts))
        if source.url:
            out.field("Source address", source.url)
    if entry.replaces:
        out.field("Note", f"{replaces_note(entry)} ({entry.replaces}); the bundled one is hidden")
    if entry.problems:
        out.gap()
        out.field("Warnings", str(len(entry.problems)))
        for problem in entry.problems:
            out.text(problem.format())
    out.gap()
    _file_field(out, entry)
