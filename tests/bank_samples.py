"""Sample banks shared by several test modules, as YAML (or Moodle XML) text or as built models.

Plain data and small builders, imported as `from bank_samples import ...` (pytest puts
tests/ on the path), so that no test module imports another test module for its samples.
"""

from __future__ import annotations

import textwrap

from helpers import two_choice_bank

from quizapp.core.loader import LoadResult, load_bank_text
from quizapp.core.model import (
    Bank,
    Choice,
    Cloze,
    Flashcard,
    MultipleChoice,
    Numeric,
    ShortAnswer,
    TrueFalse,
)

# One question of every type, with most optional fields, as a teacher writes them.
EVERY_TYPE = """\
title: U.S.-Japan auto trade talks
id: us-japan-auto-talks
description: Questions on a 1995 news story.
language: en
authors: [A. Teacher]
tags: [trade]
source:
  title: Reuters
  publisher: Reuters
  date: 1995-05-01
  url: https://example.org/story
questions:
  - id: kantor-role
    type: multiple_choice
    prompt: Who is Mickey Kantor?
    choices:
      - U.S. Trade Representative
      - Secretary of Commerce
      - text: A currency trader
        feedback: No, he negotiated for the U.S.
    answer: U.S. Trade Representative
    explanation: He led the U.S. side.
    tags: [people]
    source: paragraph 2
    points: 2
  - id: sides
    type: multiple_select
    prompt: Which countries took part?
    choices: [United States, Japan, France]
    answers: [Japan, United States]
  - id: deadline
    type: true_false
    prompt: The talks had a deadline.
    answer: yes
  - id: who
    type: short_answer
    prompt: Name the U.S. negotiator.
    answers: [Kantor, Mickey Kantor]
    grading:
      case_sensitive: true
      ignore_accents: false
      max_typos: 1
  - id: one-answer
    type: short_answer
    prompt: Which currency?
    answer: yen
  - id: tariff
    type: numeric
    prompt: How large was the tariff, in percent?
    answer: 100
    tolerance: 0.5
    unit: percent
  - id: pairs
    type: matching
    prompt: Match each person to a country.
    pairs:
      - {left: Kantor, right: United States}
      - {left: Hashimoto, right: Japan}
  - id: order
    type: ordering
    prompt: Put the events in order.
    items: [talks start, deadline, sanctions]
  - id: blanks
    type: cloze
    text: The {{United States|U.S.}} threatened tariffs on {{luxury}} cars.
  - id: card
    type: flashcard
    front: USTR
    back: U.S. Trade Representative
"""


def load_text(text: str, path: str = "bank.yaml") -> LoadResult:
    """Load a bank from YAML text written indented inside a test."""
    return load_bank_text(textwrap.dedent(text), path)


def make_bank(n: int = 6, bank_id: str = "trade", drop: tuple[int, ...] = ()) -> Bank:
    """n yes/no multiple-choice questions q0.. (all answered "yes"), tagged cars/tariffs,
    leaving out the indexes in drop."""
    questions = []
    for i in range(n):
        if i in drop:
            continue
        tags = ("cars",) if i % 2 == 0 else ("tariffs", "cars")
        questions.append(
            MultipleChoice(
                id=f"q{i}",
                prompt=f"Question {i}?",
                choices=(Choice(text="yes"), Choice(text="no")),
                correct=0,
                tags=tags,
            )
        )
    return Bank(id=bank_id, title="Trade talks", questions=tuple(questions), content_hash="h1")


# Three flashcards of capitals, as YAML text (the flashcard screen's tests).
CAPITALS = """\
title: Capitals
id: capitals
questions:
  - id: fr
    type: flashcard
    front: "Capital of **France**?"
    back: Paris
  - id: jp
    type: flashcard
    front: Capital of Japan?
    back: Tokyo
  - id: it
    type: flashcard
    front: Capital of Italy?
    back: Rome
"""

# The session tests' questions, one of several types, and the bank of all six.
MC = MultipleChoice(
    id="mc",
    prompt="Who was Secretary of Commerce?",
    tags=("people",),
    choices=(
        Choice(text="Mickey Kantor", feedback="He was Trade Representative."),
        Choice(text="Ronald H. Brown"),
    ),
    correct=1,
)
TF = TrueFalse(id="tf", prompt="Low-level talks were held in Tokyo.", answer=True, tags=("places",))
SA = ShortAnswer(
    id="sa",
    prompt="Who spoke to farm broadcasters?",
    answers=("Kantor",),
    points=2,
    tags=("people",),
)
NUM = Numeric(id="num", prompt="Size of the trade gap in billions?", answer=60, unit="billion")
CARD = Flashcard(id="card", prompt="Who is Mickey Kantor?", back="U.S. Trade Representative")
CLOZE = Cloze(
    id="cz", prompt="Fill in", text="Talks were held in {{Tokyo}}.", explanation="Paragraph 3."
)
AUTO_TALKS = Bank(id="auto", title="Auto talks", questions=(MC, TF, SA, NUM, CARD, CLOZE))

# Four two-choice questions tagged "t": the store fault tests fill databases with it.
FOUR_TAGGED = two_choice_bank(4, tags=lambda i: ("t",))


# A Moodle numerical question as Moodle exports it: m, with cm (× 100) and mm (× 1000).
MOODLE_TABLE_LENGTH_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 104  -->
  <question type="numerical">
    <name>
      <text>Length of the table</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>How long is the table?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <answer fraction="100" format="moodle_auto_format">
      <text>1.5</text>
      <feedback format="html">
        <text></text>
      </feedback>
      <tolerance>0.05</tolerance>
    </answer>
    <unitgradingtype>0</unitgradingtype>
    <unitpenalty>0.1000000</unitpenalty>
    <showunits>3</showunits>
    <unitsleft>0</unitsleft>
    <units>
      <unit>
        <multiplier>1</multiplier>
        <unit_name>m</unit_name>
      </unit>
      <unit>
        <multiplier>100</multiplier>
        <unit_name>cm</unit_name>
      </unit>
      <unit>
        <multiplier>1000</multiplier>
        <unit_name>mm</unit_name>
      </unit>
    </units>
  </question>
</quiz>
"""
