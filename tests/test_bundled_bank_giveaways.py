"""No prompt of the article bank answers another question, even read with other prompts.

tests/test_bundled_banks.py checks that no other question shows an answer's words. A
give-away can also take two steps: one prompt ties Kantor's title to his "one way or
another" remark, another ties Kantor to that remark, and together they tell
kantor-role's answer (found by a tester). So every clue a learner sees about each
person (name, title, what the article says they said or did) is put in a graph: the
clues one piece of text shows together are linked, and so are a person question's
prompt and its answer (once answered, the learner knows the link). A question's
answer must not be reachable from its own prompt through the other questions."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from quizapp.core.loader import load_bank
from quizapp.core.model import (
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    Question,
    ShortAnswer,
)

BANK = Path(__file__).resolve().parent.parent / "question_banks" / "us-japan-auto-talks-1995.yaml"

# The clues the article gives about each person, as patterns over lower-case text.
CLUES: dict[str, dict[str, str]] = {
    "kantor": {
        "name": r"\bkantor\b|\bmickey\b",
        "title": r"trade representative(?!'?s? general counsel)|\bustr\b(?!'?s? general counsel)",
        "one way or another": r"one way or another",
        "farm broadcasters": r"farm broadcasters",
        "sanctions": r"sanction",
        "stand up to them": r"critical that we do it|stand up to them",
        "open the markets": r"open japan's auto markets",
    },
    "brown": {
        "name": r"\bbrown\b|\bronald\b",
        "title": r"(?<!under)secretary of commerce|commerce secretary",
        "television interview": r"television interview",
        "we certainly need progress": r"certainly need progress",
        "first quotation": r"look forward to making progress|first quotation",
    },
    "hashimoto": {
        "name": r"hashimoto|ryutaro",
        "title": r"industry and international trade",
        "met by kantor": r"kantor (?:will )?meets?|will kantor meet|kantor will meet",
        "wednesday": r"wednesday",
    },
    "garten": {
        "name": r"\bgarten\b|\bjeffrey\b",
        "title": r"undersecretary of commerce",
        "meets the counterparts": r"counterparts",
    },
    "shapiro": {
        "name": r"\bshapiro\b|\bira\b",
        "title": r"general counsel",
        "meets the counterparts": r"counterparts",
    },
}

# Questions that ask for a person's name or title: (person, what the answer is).
ASKING: dict[str, tuple[str, str]] = {
    "kantor-role": ("kantor", "title"),
    "kantor-role-typed": ("kantor", "title"),
    "sanctions-who": ("kantor", "name"),
    "brown-role": ("brown", "title"),
    "brown-name": ("brown", "name"),
    "hashimoto-role": ("hashimoto", "title"),
    "hashimoto-name": ("hashimoto", "name"),
    "garten-role": ("garten", "title"),
    "shapiro-role": ("shapiro", "title"),
}

Clue = tuple[str, str]  # (person, clue)


@dataclass(frozen=True)
class Unit:
    """Clues shown together, and the question they belong to."""

    question: str
    clues: frozenset[Clue]


def clues_in(text: str) -> frozenset[Clue]:
    text = text.lower().replace("’", "'").replace("*", "")
    return frozenset(
        (person, clue)
        for person, patterns in CLUES.items()
        for clue, pattern in patterns.items()
        if re.search(pattern, text)
    )


def shown_texts(q: Question) -> list[str]:
    """Each piece of text a learner reads as one statement before answering: the
    prompt (with a cloze's text, blanks empty), each choice, each ordering item,
    each side of a matching pair (their pairing is the answer)."""
    prompt = q.prompt
    if isinstance(q, Cloze):
        prompt += " " + re.sub(r"\{\{.*?\}\}", "____", q.text, flags=re.S)
    texts = [prompt]
    if isinstance(q, MultipleChoice | MultipleSelect):
        texts += [c.text for c in q.choices]
    if isinstance(q, Ordering):
        texts += list(q.items)
    if isinstance(q, Matching):
        texts += [side for pair in q.pairs for side in pair]
    return texts


def shown_answer(q: Question) -> str:
    if isinstance(q, MultipleChoice):
        return q.answer
    assert isinstance(q, ShortAnswer), q.id
    return q.answers[0]


def units(questions: list[Question]) -> list[Unit]:
    found = []
    for q in questions:
        if isinstance(q, Flashcard):
            continue  # cards teach rather than test
        found += [Unit(q.id, clues_in(text)) for text in shown_texts(q)]
        if q.id in ASKING:
            # Answered, the question links what its prompt says to its answer.
            person, asked = ASKING[q.id]
            found.append(Unit(q.id, clues_in(q.prompt) | {(person, asked)}))
    return found


def reachable(start: set[Clue], linking: list[Unit]) -> set[Clue]:
    """The clues linked to `start`, a person's clues linked only within that person."""
    seen = set(start)
    changed = True
    while changed:
        changed = False
        for unit in linking:
            for person in {p for p, _ in unit.clues}:
                own = {c for c in unit.clues if c[0] == person}
                if own & seen and not own <= seen:
                    seen |= own
                    changed = True
    return seen


def twins(question_id: str, questions: list[Question]) -> set[str]:
    """The questions that test the same fact the same way (kantor-role and its typed
    twin): they may answer each other, as the bank's header allows."""
    person, asked = ASKING[question_id]
    prompt = clues_in(next(q.prompt for q in questions if q.id == question_id))
    return {
        q.id
        for q in questions
        if ASKING.get(q.id) == (person, asked) and clues_in(q.prompt) == prompt
    }


def given_away(question_id: str, questions: list[Question]) -> bool:
    q = next(q for q in questions if q.id == question_id)
    person, asked = ASKING[question_id]
    start = {c for c in clues_in(q.prompt) if c[0] == person}
    assert start, f"{question_id}'s prompt gives no clue about {person}: check CLUES"
    assert (person, asked) not in start, f"{question_id}'s prompt shows its own answer"
    others = [u for u in units(questions) if u.question not in twins(question_id, questions)]
    return (person, asked) in reachable(start, others)


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    result = load_bank(BANK, use_cache=False)
    assert result.problems == [] and result.bank is not None
    return list(result.bank.questions)


def test_the_clues_are_found_where_the_bank_asks(questions):
    # The patterns must recognise each asked answer, or the check below proves nothing.
    for qid, (person, asked) in ASKING.items():
        q = next(q for q in questions if q.id == qid)
        assert (person, asked) in clues_in(shown_answer(q)), (qid, shown_answer(q))


@pytest.mark.parametrize("question_id", sorted(ASKING))
def test_no_chain_of_prompts_answers_a_person_question(questions, question_id):
    assert not given_away(question_id, questions)


def test_the_check_finds_the_give_aways_a_tester_found(questions):
    """The prompts the bank had before: washington named the U.S. Trade Representative
    with the "one way or another" remark, brown-discussions the Secretary of Commerce
    with the television interview."""
    old_prompts = {
        "washington": (
            "Name the city from which the Secretary of Commerce gave his television "
            'interview, and where the U.S. Trade Representative made his "one way or '
            'another" remark.'
        ),
        "brown-discussions": "Complete the Secretary of Commerce's words in his television interview.",
    }

    def with_old(*ids: str) -> list[Question]:
        return [replace(q, prompt=old_prompts[q.id]) if q.id in ids else q for q in questions]

    both = with_old("washington", "brown-discussions")
    assert given_away("kantor-role", both)
    assert given_away("kantor-role-typed", both)
    assert given_away("brown-role", both)
    # Each old prompt gives brown-role away on its own, read with brown-name.
    assert given_away("brown-role", with_old("washington"))
    assert given_away("brown-role", with_old("brown-discussions"))
    assert not given_away("kantor-role", with_old("brown-discussions"))
