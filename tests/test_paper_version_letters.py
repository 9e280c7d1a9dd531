"""Neighbours sitting versions A and B of a printed paper (and B and C, ...) must not find
the right answer of a question under the same letter: a shuffled order that only moves the
wrong choices leaves the answer key's letter as it was."""

from quizapp.core.loader import load_bank_text
from quizapp.core.model import MultipleChoice, MultipleSelect
from quizapp.interop.paper_versions import MAX_VERSIONS, paper_versions

# Facts from the article the bundled bank is written from (Reuters, 1995).
BANK = """\
title: Auto talks letters
id: auto-talks-letters
questions:
  - id: kantor
    type: multiple_choice
    prompt: Who is the U.S. Trade Representative?
    choices: [Mickey Kantor, Ronald H. Brown]
    answer: Mickey Kantor
  - id: hashimoto
    type: multiple_choice
    prompt: Whom will Kantor meet on Wednesday?
    choices: [Ryutaro Hashimoto, Ira Shapiro, Jeffrey Garten]
    answer: Ryutaro Hashimoto
  - id: deficit
    type: multiple_choice
    prompt: How large is the annual U.S. trade deficit with Japan?
    choices: [$60 billion, $6 billion, $600 billion, $16 billion]
    answer: $60 billion
  - id: where
    type: multiple_choice
    prompt: Where will the talks be held?
    choices: [Geneva, Washington, Tokyo, Vancouver, Ottawa]
    answer: Vancouver
  - id: officials
    type: multiple_select
    prompt: Which of these are U.S. officials in the talks?
    choices: [Mickey Kantor, Ronald H. Brown, Ryutaro Hashimoto, Jeffrey Garten]
    answers: [Mickey Kantor, Ronald H. Brown, Jeffrey Garten]
"""


def _right_letters(version) -> dict[str, tuple[int, ...]]:
    """{question id: the positions its right answers are printed at} on one version."""
    out = {}
    for printed in version.questions:
        q, arrangement = printed.question, printed.arrangement
        if isinstance(q, MultipleChoice):
            out[q.id] = (arrangement.position_of(q.correct),)
        elif isinstance(q, MultipleSelect):
            out[q.id] = tuple(sorted(arrangement.position_of(i) for i in q.correct))
    return out


def test_no_version_puts_a_right_answer_under_the_letter_the_version_before_did():
    bank = load_bank_text(BANK).bank
    assert bank is not None
    letters = [_right_letters(v) for v in paper_versions(bank, MAX_VERSIONS, lambda q: True)]
    repeated = [(n, qid) for n, (before, now) in enumerate(zip(letters, letters[1:], strict=False), 1)
                for qid in now if now[qid] == before[qid]]
    assert repeated == []


def test_a_pinned_order_still_prints_the_same_on_every_version():
    bank = load_bank_text(BANK.replace("    answer: $60 billion\n",
                                       "    answer: $60 billion\n    shuffle: false\n")).bank
    assert bank is not None
    letters = [_right_letters(v)["deficit"] for v in paper_versions(bank, 5, lambda q: True)]
    assert letters == [(0,)] * 5
