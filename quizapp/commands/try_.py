"""`quizapp try BANK.yaml QUESTION_ID ANSWER...`: how would these answers be graded?

For a teacher checking a question: no learner, no store, no window. Each
ANSWER is one response, graded by the same grader as a quiz; one line per
answer gives the verdict, the credit and what the learner would be told
(`--format json`: the same as a JSON list).

Answers are typed as text. Typed answers (short_answer, numeric) are taken as
they are. The others:

=================  ==========================================================
multiple_choice    the choice's letter (a, b, ...), its number (1, 2, ...) or its text
multiple_select    the picked choices separated by ";" or ",": "b; d", "1, 3";
                   "" picks none
true_false         true / false (also yes / no, t / f)
matching           left=right pairs separated by ";" or ",": "1=c, 2=a"; the left
                   by its number or text, the right by its letter (the right-hand
                   sides in the order the bank lists the pairs), number or text;
                   a left not named is left unanswered
ordering           the items in the learner's order, separated by ";" or ",",
                   each by its letter or number (as the bank lists them, which is
                   the right order) or its text: "b, a, c"
cloze              the blanks separated by " | ": "renew | voluntary | U.S.-made"
flashcard          the rating: 1-4 or again / hard / good / easy
=================  ==========================================================

Letters and numbers count in the order the bank lists things, never in a
shuffled order. A numeric answer that cannot be read as a number ("1995 yrs")
is not graded: the app asks the learner again and records nothing, so `try`
says so ("not graded"), grades the other answers, and exits 2.

Exit status: 0 when it ran, 1 when the bank or the question is invalid, 2 for
a usage error (no such file, an answer in the wrong form) or an answer the app
would not grade.
Never imports Qt and never opens the learners' store.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from quizapp.commands import replace_unencodable_output

# The text forms are shared with the bank editor's try box (quizapp.core.answer_text).
from quizapp.core.answer_text import AnswerFormError, parse_answer
from quizapp.core.grading import Grade, grade, readable_response
from quizapp.core.kinds import kind_of
from quizapp.core.model import Question

__all__ = ["AnswerFormError", "parse_answer", "run", "verdict"]

PROG = "quizapp try"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = "How to type each kind of answer:\n" + _FORMS_HELP
    parser.add_argument("bank", metavar="BANK.yaml", help="the bank file")
    parser.add_argument("question_id", metavar="QUESTION_ID", help="the question's id")
    parser.add_argument(
        "answers", nargs="+", metavar="ANSWER", help="one response each (quote it in the shell)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one line per answer (default); json: a JSON list",
    )


_FORMS_HELP = """\
  short_answer, numeric  the text as typed: "Mr. Kantor", "$60B"
  multiple_choice        a letter, number or the choice's text: b
  multiple_select        choices separated by ; or , : "b; d"
  true_false             true or false
  matching               left=right pairs: "1=c, 2=a"
  ordering               items in the learner's order: "b, a, c"
  cloze                  blanks separated by | : "renew | voluntary"
  flashcard              1-4 or again, hard, good, easy
Letters and numbers follow the order the bank lists choices, pairs and items."""


def run(args: argparse.Namespace) -> int:
    replace_unencodable_output()
    path = args.bank
    if not os.path.lexists(path):
        print(f"{PROG}: error: no such file: {path}", file=sys.stderr)
        return 2
    if os.path.isdir(path):
        print(f"{PROG}: error: {path} is a folder; give one bank file", file=sys.stderr)
        return 2

    from quizapp.core.loader import load_bank

    # No cache: a teacher checking a bank wants it read as it is now, and
    # nothing written anywhere.
    result = load_bank(path, use_cache=False)
    if result.bank is None:
        for problem in result.problems:
            print(problem.format(), file=sys.stderr)
        print(f"{PROG}: {path} has errors; fix them first (quizapp validate)", file=sys.stderr)
        return 1
    question = result.bank.question(args.question_id)
    if question is None:
        print(
            f"{PROG}: error: no question '{args.question_id}' in {path}"
            f"{_did_you_mean(args.question_id, [q.id for q in result.bank.questions])}",
            file=sys.stderr,
        )
        return 1

    rows = []
    for typed in args.answers:
        try:
            response = parse_answer(question, typed)
        except AnswerFormError as exc:
            print(f"{PROG}: error: answer {typed!r}: {exc}", file=sys.stderr)
            return 2
        asked_again = _asked_again(question, typed)
        if asked_again is not None:
            rows.append(_not_graded_row(typed, asked_again))
        else:
            rows.append(_row(question, typed, response, grade(question, response)))
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("".join(_line(row) + "\n" for row in rows))
    return 2 if any(row["verdict"] == NOT_GRADED for row in rows) else 0


NOT_GRADED = "not graded"


def _asked_again(question: Question, typed: str) -> str | None:
    """Why the app would ask the learner again instead of grading this answer (its kind's
    `unreadable`, as the widget's answer_problem says it), or None when it grades it."""
    kind = kind_of(question)
    why = None if kind is None else kind.unreadable(question, typed)
    return None if why is None else f"'{typed.strip()}' {why}; the app asks again"


def _not_graded_row(typed: str, problem: str) -> dict:
    return {
        "answer": typed,
        "response": typed,
        "verdict": NOT_GRADED,
        "correct": False,
        "credit": None,
        "note": problem,
        "feedback": None,
        "expected": None,
    }


def _did_you_mean(word: str, options: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, options, n=1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    shown = ", ".join(options[:8]) + (", ..." if len(options) > 8 else "")
    return f"; its questions are {shown}"


def verdict(g: Grade) -> str:
    if g.correct:
        return "right"
    return "partly right" if g.credit > 0 else "wrong"


def _row(question: Question, typed: str, response: object, g: Grade) -> dict:
    return {
        "answer": typed,
        "response": readable_response(question, response),
        "verdict": verdict(g),
        "correct": g.correct,
        "credit": round(g.credit, 4),
        "note": g.note,
        "feedback": g.feedback,
        "expected": g.expected,
    }


def _line(row: dict) -> str:
    told = [text for text in (row["note"], row["feedback"]) if text]
    tail = "  " + " / ".join(" ".join(t.split()) for t in told) if told else ""
    if row["credit"] is None:  # not graded: no credit to show, only why
        return f"{row['verdict']}: {row['note']}"
    return f"{row['verdict']:<12} credit {row['credit']:.2f}  {row['answer']!r}{tail}"


