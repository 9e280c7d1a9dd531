"""Properties of the precise grader over many generated words and answers."""

from __future__ import annotations

import string

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quizapp.core import wordlist
from quizapp.core.grading import grade
from quizapp.core.model import ShortAnswer
from quizapp.core.textmatch import edit_distance, negation_changed

EXAMPLES = settings(max_examples=150, deadline=None)
LOWER = st.text(alphabet=string.ascii_lowercase, min_size=4, max_size=12)


def _one_edit_away(word: str, data) -> str:
    i = data.draw(st.integers(0, len(word) - 1))
    letter = data.draw(st.sampled_from(string.ascii_lowercase))
    kind = data.draw(st.sampled_from(["change", "add", "drop", "swap"]))
    if kind == "change":
        return word[:i] + letter + word[i + 1 :]
    if kind == "add":
        return word[:i] + letter + word[i:]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    j = min(i + 1, len(word) - 1)
    return word[:i] + word[j] + word[i] + word[j + 1 :] if j > i else word


@EXAMPLES
@given(LOWER, st.data())
def test_a_typed_real_word_is_never_taken_for_another(answer, data):
    typed = _one_edit_away(answer, data)
    assume(typed != answer)
    q = ShortAnswer(id="q", prompt="p", answers=(f"Mr {answer} report",))
    g = grade(q, f"Mr {typed} report")
    if wordlist.is_word(typed):
        assert not g.correct, (answer, typed)
    elif not negation_changed(typed, answer) and edit_distance(typed, answer) == 1:
        assert g.correct and g.note, (answer, typed)


@EXAMPLES
@given(LOWER, st.sampled_from(["in", "un", "non", "dis", "im", "il", "ir"]))
def test_a_negating_prefix_is_never_a_typo(word, prefix):
    assume(not word.startswith(prefix))
    q = ShortAnswer(id="q", prompt="p", answers=(f"{word} agreements",))
    assert not grade(q, f"{prefix}{word} agreements").correct
    negated = ShortAnswer(id="n", prompt="p", answers=(f"{prefix}{word} agreements",))
    assert not grade(negated, f"{word} agreements").correct


@EXAMPLES
@given(
    st.lists(LOWER, min_size=1, max_size=3).map(" ".join),
    st.sampled_from(["the", "The", "a", "an", "Mr.", "Mrs", "Ms.", "Dr.", "the Mr."]),
)
def test_leading_articles_and_honorifics_never_change_the_verdict(answer, lead):
    q = ShortAnswer(id="q", prompt="p", answers=(answer,))
    g = grade(q, f"{lead} {answer}")
    assert g.correct and g.note is None
    with_lead = ShortAnswer(id="w", prompt="p", answers=(f"{lead} {answer}",))
    assert grade(with_lead, answer).correct


@EXAMPLES
@given(st.lists(LOWER.map(str.capitalize), min_size=2, max_size=3))
def test_a_marked_name_is_right_in_either_order_and_nothing_else(words):
    name = " ".join(words)
    q = ShortAnswer(id="q", prompt="p", answers=(name,), names=((name, 1, False),))
    assert grade(q, name).correct
    assert grade(q, " ".join([words[-1], *words[:-1]])).correct
    assert grade(q, f"{words[-1]}, {' '.join(words[:-1])}").correct
    assume(all(edit_distance(words[-1].lower(), w.lower()) > 2 for w in words[:-1]))
    assert not grade(q, words[-1]).correct
    assert not grade(q, words[0]).correct
