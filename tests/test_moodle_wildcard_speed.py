"""Moodle's '*' (grading `moodle: true`) is matched without backtracking: an answer with a
few wildcards, and a long response that fails it, were one regular expression with '.*'
for each '*', which tried every way to place the texts: four wildcards and a 300-character
response took minutes, the quiz window frozen (grade runs on the GUI thread). The rule is
unchanged: checked here against that regular expression on many small cases."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.grading import grade
from quizapp.core.loader import load_bank_text
from quizapp.core.moodle_match import fits_moodle_answer

BANK = """title: Wildcards
id: wildcards
questions:
- id: q
  type: short_answer
  prompt: Which letters?
  answers: ['*e*e*e*e*e*e*x']
  grading: {moodle: true}
"""


def _as_one_expression(response: str, answer: str, case_sensitive: bool) -> bool:
    """The rule as Moodle writes it (and quizapp did): one regular expression."""
    parts = re.split(r"(?<!\\)\*+", unicodedata.normalize("NFC", answer))
    pattern = ".*".join(re.escape(p.replace("\\*", "*")) for p in parts)
    flags = re.S if case_sensitive else re.S | re.I
    typed = unicodedata.normalize("NFC", response).strip()
    return re.fullmatch(pattern, typed, flags) is not None


def test_a_long_wrong_answer_to_many_wildcards_is_marked_at_once():
    # In a process of its own, so that the old matching fails the test, not hangs it:
    # six wildcards over 400 characters were years of backtracking.
    code = (
        "from quizapp.core.grading import grade\n"
        "from quizapp.core.loader import load_bank_text\n"
        f"[q] = load_bank_text({BANK!r}).bank.questions\n"
        "print(grade(q, 'e' * 400).correct, grade(q, 'e' * 400 + 'x').correct)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_the_wildcards_take_what_moodle_takes():
    [q] = load_bank_text(BANK).bank.questions
    assert grade(q, " EeEeEeEeEeEe x ").correct  # case-blind, spaces at the ends aside
    assert grade(q, "eeeeeex").correct  # '*' takes no text too
    assert not grade(q, "eeeeex").correct  # one 'e' short
    assert not grade(q, "eeeeeexe").correct  # the last text must end the response
    assert fits_moodle_answer("a*b", r"a\*b", True)  # '\*' is an asterisk
    assert not fits_moodle_answer("axb", r"a\*b", True)
    assert not fits_moodle_answer("A", "a", True)
    assert fits_moodle_answer("anything", "*", False)
    # the first and last texts may not share letters with the texts between
    assert not fits_moodle_answer("ab", "ab*b", False)
    assert fits_moodle_answer("abb", "ab*b", False)


_TEXT = st.text(alphabet="abAB*\\ ", max_size=9)


@settings(max_examples=3000, deadline=None)
@given(response=st.text(alphabet="abAB* \\", max_size=10), answer=_TEXT,
       case_sensitive=st.booleans())
def test_the_same_verdicts_as_one_regular_expression(response, answer, case_sensitive):
    assert fits_moodle_answer(response, answer, case_sensitive) == _as_one_expression(
        response, answer, case_sensitive)
