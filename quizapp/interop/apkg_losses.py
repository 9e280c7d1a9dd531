"""What an Anki deck cannot hold of a bank, said once per kind of loss with the questions it
touches (as GIFT's export names its own): apkg_bytes' warnings. Apart from interop/apkg.py,
which writes the deck, so that each stays under the module size rule."""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Mapping

from quizapp.core.kinds import kind_named
from quizapp.core.kinds.base import never
from quizapp.core.model import Bank

from ._common import Report
from .kind_tables import NotSupported


def _named(ids: list[str], shown: int = 5) -> str:
    """The first few question ids, and how many more."""
    named = ", ".join(repr(i) for i in ids[:shown])
    return named + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


_TYPE_OF, _TITLE, _HINTS, _POINTS = map(operator.attrgetter, ("TYPE", "title", "hints", "points"))
_KIND_WORDS = {"true_false": "true/false"}


def say_losses(bank: Bank, report: Report, cards: Mapping[str, object]) -> None:
    """What the deck cannot hold of the questions it writes, each kind of loss said once
    with the questions it touches (as GIFT's export names its own): every card is turned
    over and rated by the learner, so nothing is graded. (A few ms for 10,000 questions,
    2-3% of the export: the kinds are counted in C, each question looked at once.)"""
    questions = bank.questions
    kinds = list(map(_TYPE_OF, questions))
    # a flashcard is such a card already; a kind the deck leaves out is said apart
    rated = {kind: n for kind, n in Counter(kinds).items() if not _self_rated(kind)
             and not isinstance(cards.get(kind, _LEFT_OUT), NotSupported)}
    if rated:
        listed = ", ".join(f"{n} {_KIND_WORDS.get(kind, kind.replace('_', ' '))}"
                           for kind, n in rated.items())
        report.warn(0, f"Anki does not grade: {sum(rated.values())} question(s) ({listed}) "
                    "become cards whose back shows the answer, and the learner rates their "
                    "own recall; no choice is picked and no answer typed or checked (no "
                    "partial credit, weights, tolerance or typo rules)")
    if "cloze" in rated:
        clozes = [q.id for q, kind in zip(questions, kinds, strict=True) if kind == "cloze"]
        report.warn(0, f"Anki's cards take no typed answers: the blanks of {len(clozes)} cloze "
                    f"question(s) show as […] on the front and filled in on the back: "
                    f"{_named(clozes)}")
    # (each kind asked once for its test, as the kinds are counted: no call per question
    # of a kind that has no answer feedback, such as a flashcard)
    tests = {name: found.answer_feedback for name in set(kinds)
             if (found := kind_named(name)) is not None and found.answer_feedback is not never}
    feedback = [q.id for q, kind in zip(questions, kinds, strict=True)
                if kind in tests and tests[kind](q)]
    if feedback:
        report.warn(0, f"the feedback for a given answer (a choice's, true or false's, a wrong "
                    f"number's) is left out of {len(feedback)} question(s); the back shows "
                    f"the right answer and the explanation: {_named(feedback)}")
    # (each looked for at C speed first: most banks have none, the benchmark's 10,000
    # questions no title or hint; the ids are listed only where there are some)
    if any(map(_TITLE, questions)):
        titled = [q.id for q in questions if q.title]
        report.warn(0, f"Anki has no question names: the titles (Moodle names) of "
                    f"{len(titled)} question(s) are left out: {_named(titled)}")
    if any(map(_HINTS, questions)):
        hinted = [q.id for q in questions if q.hints]
        report.warn(0, f"Anki has no tries to give hints for: the hints of {len(hinted)} "
                    f"question(s) are left out: {_named(hinted)}")
    if set(map(_POINTS, questions)) - {1}:
        points = [q.id for q in questions if q.points != 1]
        report.warn(0, f"Anki has no marks: the points of {len(points)} question(s) are left "
                    f"out: {_named(points)}")


_LEFT_OUT = NotSupported("not in the deck's table")


def _self_rated(kind_name: str) -> bool:
    kind = kind_named(kind_name)
    return kind is not None and kind.self_rated
