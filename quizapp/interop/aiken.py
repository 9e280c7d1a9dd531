"""Aiken: multiple choice questions as plain text.

    What did the talks concern?
    A. Auto parts
    B) Rice
    ANSWER: A

A question is its text, lettered choices, then an ANSWER line. Blank lines
between questions are optional. The question text may span several lines.
"""

from __future__ import annotations

import re

from quizapp.core.model import Choice, MultipleChoice, Question

from ._common import (
    IdAllocator,
    Report,
    StopCheck,
    neutralize_html,
    never_stop,
    stop_point,
    unique_choices,
)

_CHOICE = re.compile(r"^\s*([A-Za-z])\s*[.)]\s+(.*\S)\s*$")
_ANSWER = re.compile(r"^\s*ANSWER\s*:(.*)$", re.I)


def looks_like_aiken(text: str) -> bool:
    return bool(re.search(r"^[ \t]*ANSWER[ \t]*:[ \t]*[A-Za-z][ \t]*\r?$", text, re.M))


def parse_aiken(text: str, path: str = "<aiken>", *, should_stop: StopCheck = never_stop
                ) -> tuple[list[Question], list[str]]:
    report = Report(path)
    ids = IdAllocator()
    questions: list[Question] = []
    prompt_lines: list[str] = []
    choices: list[tuple[str, str]] = []  # (letter, text)
    start = 0

    def reset() -> None:
        nonlocal prompt_lines, choices, start
        prompt_lines, choices, start = [], [], 0

    for number, raw in enumerate(text.splitlines(), start=1):
        stop_point(should_stop)
        line = raw.strip()
        if not line:
            if choices:  # a blank line after choices but before ANSWER
                report.warn(start, "a question's choices are not followed by an 'ANSWER: X' "
                            "line; the question was skipped")
                reset()
            elif prompt_lines:
                prompt_lines.append("")
            continue
        m = _ANSWER.match(line)
        if m:
            given = m.group(1).strip()
            letter = given.upper()
            if not prompt_lines or not choices:
                report.warn(number, "an ANSWER line without a question and choices before it "
                            "was ignored")
            else:
                letters = [c[0] for c in choices]
                prompt = neutralize_html("\n".join(prompt_lines).strip())
                texts = [neutralize_html(c[1]) for c in choices]
                if letter not in letters:
                    report.warn(number, f"the answer {given!r} is not one of the choices "
                                f"{', '.join(letters)}; the question was skipped")
                elif len(choices) < 2:
                    report.warn(start, "a question needs at least two choices; skipped")
                elif unique_choices(texts, report, start):
                    questions.append(
                        MultipleChoice(
                            id=ids.allocate(None, prompt),
                            prompt=prompt,
                            choices=tuple(Choice(text=t) for t in texts),
                            correct=letters.index(letter),
                            line=start,
                        )
                    )
            reset()
            continue
        m = _CHOICE.match(raw)
        if m and prompt_lines:
            letter = m.group(1).upper()
            expected = chr(ord("A") + len(choices))
            if letter != expected:
                report.warn(number, f"choice {letter} found where {expected} was expected")
            choices.append((letter, m.group(2)))
            continue
        if choices:
            report.warn(number, f"the line {line[:60]!r} is neither a choice ('B. text') nor "
                        "'ANSWER: X'; it was ignored")
            continue
        if not prompt_lines:
            start = number
        prompt_lines.append(line)
    if prompt_lines:
        report.warn(start, "the last question has no 'ANSWER: X' line; it was skipped")
    return questions, report.warnings
