"""Whether an imported bank passes quizapp's own check, and which question does not.

An importer turns foreign notes into questions, and a question it builds can still break a
rule of the bank format. The loader names a line of the YAML text; that text is not a file
anyone has seen (it is written only if it passes), so its errors are tied back here to the
questions that caused them, for the importer to name in the teacher's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.core.model import Bank

from ._common import StopCheck, never_stop, stop_point


@dataclass(frozen=True)
class CheckResult:
    """The loader's errors for a bank about to be written."""

    by_question: dict[str, list[str]] = field(default_factory=dict)  # question id -> errors
    general: list[str] = field(default_factory=list)  # errors outside any question

    @property
    def ok(self) -> bool:
        return not self.by_question and not self.general


def check_bank(bank: Bank, text: str | None = None, *,
               should_stop: StopCheck = never_stop) -> CheckResult:
    """Load the bank as it would be written (`text`, its bank_to_yaml, if already made)
    and return its errors, each tied to the question whose YAML it is in."""
    from quizapp.core.loader import load_bank_text

    from .yaml_writer import bank_to_yaml

    if text is None:
        text = bank_to_yaml(bank)
    stop_point(should_stop)  # writing the text and loading it are a second each for 40,000
    errors = [p for p in load_bank_text(text).problems if p.severity == "error"]
    if not errors:
        return CheckResult()
    starts = _question_lines(text)
    if len(starts) != len(bank.questions):  # not the layout we expect: do not guess
        return CheckResult(general=[p.message for p in errors])
    by_question: dict[str, list[str]] = {}
    general: list[str] = []
    for problem in errors:
        index = sum(1 for line in starts if line <= problem.line) - 1
        if index < 0:
            general.append(problem.message)
        else:
            by_question.setdefault(bank.questions[index].id, []).append(problem.message)
    return CheckResult(by_question, general)


def _question_lines(text: str) -> list[int]:
    """The 1-based line of each question's first key: the writer puts each question as a
    list item at the left margin under `questions:` (nothing else starts with '- ' there)."""
    lines = text.split("\n")
    try:
        first = lines.index("questions:")
    except ValueError:
        return []
    return [n + 1 for n in range(first + 1, len(lines)) if lines[n].startswith("- ")]


def check_errors(bank: Bank, source: str, text: str | None = None, *,
                 should_stop: StopCheck = never_stop) -> list[str]:
    """The check's errors as lines for a teacher, each naming the question (never a line
    of the YAML text, which was not written); [] when the bank passes."""
    check = check_bank(bank, text, should_stop=should_stop)
    lines = [f"{source}: error: question {qid!r}: {message}"
             for qid, messages in check.by_question.items() for message in messages]
    return lines + [f"{source}: error: {message}" for message in check.general]
