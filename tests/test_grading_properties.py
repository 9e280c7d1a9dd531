"""Property tests of grading (hypothesis)."""

import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.grading import (
    expected_response,
    format_number,
    grade,
    parse_number,
    readable_response,
)
from quizapp.core.model import (
    Choice,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    ShortAnswer,
    TextPolicy,
    TrueFalse,
)
from quizapp.core.textmatch import edit_distance

EXAMPLES = settings(max_examples=100, deadline=None)

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàüöçñÅø"
word = st.text(alphabet=LETTERS, min_size=1, max_size=10)
phrase = st.lists(word, min_size=1, max_size=4).map(" ".join)
any_text = st.text(max_size=30)
texts = st.lists(any_text, min_size=2, max_size=6)


def policies():
    return st.builds(
        TextPolicy,
        case_sensitive=st.booleans(),
        ignore_accents=st.booleans(),
        ignore_punctuation=st.booleans(),
        max_typos=st.none() | st.integers(0, 3),
    )


@st.composite
def questions(draw):
    kind = draw(st.sampled_from(["mc", "ms", "tf", "sa", "num", "match", "order", "cloze", "card"]))
    common = {"id": "q", "prompt": "p", "points": draw(st.floats(0.5, 5))}
    if kind in ("mc", "ms"):
        choices = tuple(Choice(text=t) for t in draw(texts))
        if kind == "mc":
            return MultipleChoice(
                choices=choices, correct=draw(st.integers(0, len(choices) - 1)), **common
            )
        picked = draw(st.sets(st.integers(0, len(choices) - 1)))
        return MultipleSelect(choices=choices, correct=tuple(sorted(picked)), **common)
    if kind == "tf":
        return TrueFalse(answer=draw(st.booleans()), **common)
    if kind == "sa":
        answers = tuple(draw(st.lists(any_text.filter(str.strip), min_size=1, max_size=3)))
        return ShortAnswer(answers=answers, policy=draw(policies()), **common)
    if kind == "num":
        return Numeric(
            answer=draw(
                st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)
            ),
            tolerance=draw(st.sampled_from([0.0, 0.5, 10.0])),
            unit=draw(st.sampled_from([None, "billion dollars", "%", "km/h", "cars"])),
            **common,
        )
    if kind == "match":
        lefts = draw(st.lists(any_text, min_size=2, max_size=5))
        rights = draw(st.lists(any_text, min_size=len(lefts), max_size=len(lefts)))
        return Matching(pairs=tuple(zip(lefts, rights, strict=True)), **common)
    if kind == "order":
        return Ordering(items=tuple(draw(texts)), **common)
    if kind == "cloze":
        safe = st.text(alphabet=LETTERS + " .,'-0123456789", min_size=1, max_size=12).filter(
            str.strip
        )
        blanks = draw(st.lists(st.lists(safe, min_size=1, max_size=3), min_size=1, max_size=4))
        text = " and ".join("{{" + "|".join(b) + "}}" for b in blanks)
        return Cloze(text=text, policy=draw(policies()), **common)
    return Flashcard(back=draw(any_text), **common)


garbage = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats()
    | st.text(max_size=40)
    | st.binary(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        | st.sets(st.integers(-3, 10), max_size=5)
    ),
    max_leaves=12,
)


@EXAMPLES
@given(questions(), garbage)
def test_garbage_never_raises_and_credit_in_range(q, response):
    g = grade(q, response)
    assert 0.0 <= g.credit <= 1.0
    assert isinstance(g.correct, bool) and isinstance(g.expected, str)
    if g.correct:
        assert g.credit == 1.0
    json.dumps(readable_response(q, response), allow_nan=False)


@EXAMPLES
@given(questions())
def test_expected_response_always_grades_correct(q):
    g = grade(q, expected_response(q))
    assert g.correct and g.credit == 1.0


@EXAMPLES
@given(questions(), st.lists(st.integers(-2, 8), max_size=8))
def test_index_lists_never_raise(q, indexes):
    g = grade(q, indexes)
    assert 0.0 <= g.credit <= 1.0


def _add_accents(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(c + "\u0301" if c.isalpha() else c for c in text))


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@st.composite
def punctuated(draw, text):
    """Punctuation dropped in anywhere, as a hurried learner types it. Not a dash: dashes
    and slashes separate words by design ("U.S.-Japan", textmatch._SEPARATORS), so a
    dash inside a word makes other words ("A-A" is not "AA")."""
    out = []
    for ch in text:
        if draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(list(".,;:!?'\"()«»"))))
        out.append(ch)
    return "".join(out) + draw(st.sampled_from(["", ".", "!", "?", " ."]))


@EXAMPLES
@given(phrase, st.data())
def test_variants_of_accepted_answers_grade_right(answer, data):
    q = ShortAnswer(id="q", prompt="p", answers=("something else entirely", answer))
    variant = data.draw(
        st.sampled_from(
            [str.upper, str.lower, str.swapcase, _add_accents, _strip_accents, str.title]
        )
    )(answer)
    variant = data.draw(punctuated(variant))
    variant = (
        data.draw(st.sampled_from(["", " ", "  "]))
        + variant.replace(" ", data.draw(st.sampled_from([" ", "  ", "\t"])))
        + data.draw(st.sampled_from(["", " "]))
    )
    g = grade(q, variant)
    assert g.correct, (answer, variant)
    assert g.note is None  # no typo was needed


def _reference_distance(a: str, b: str) -> int:
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@EXAMPLES
@given(
    st.text(alphabet="abcd", max_size=10), st.text(alphabet="abcd", max_size=10), st.integers(0, 4)
)
def test_bounded_distance_agrees_with_reference(a, b, bound):
    exact = _reference_distance(a, b)
    assert edit_distance(a, b) == exact
    assert edit_distance(a, b, bound) == min(exact, bound + 1)


@EXAMPLES
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_number_format_round_trips(value):
    assert parse_number(format_number(value)) == [value]


@EXAMPLES
@given(st.integers(-(10**12), 10**12), st.integers(1, 99))
def test_decimal_comma_and_point_read_alike(whole, cents):
    point = f"{whole}.{cents:02d}"
    comma = f"{whole},{cents:02d}"
    assert parse_number(point) == parse_number(comma) == [float(point)]


@EXAMPLES
@given(st.text(max_size=20))
def test_parse_number_never_returns_non_finite(text):
    values = parse_number(text, "billion dollars")
    if values is not None:
        assert all(v == v and abs(v) != float("inf") for v in values)


def _is_index_reference(value: object, size: int) -> bool:
    """is_index as it was written before its fast path for exact ints."""
    import numbers

    return (
        isinstance(value, numbers.Integral)
        and not isinstance(value, bool)
        and 0 <= int(value) < size
    )


@EXAMPLES
@given(
    st.one_of(
        st.integers(-10, 10), st.booleans(), st.floats(allow_nan=True), st.none(), st.text()
    ),
    st.integers(0, 6),
)
def test_is_index_agrees_with_its_plain_reference(value, size):
    from quizapp.core.grades import is_index

    assert is_index(value, size) == _is_index_reference(value, size)


def test_is_index_still_takes_other_integral_types_and_refuses_bools():
    from quizapp.core.grades import is_index

    class Index(int):  # an Integral whose type is not int (as numpy's integers are)
        pass

    assert is_index(Index(2), 3) and not is_index(Index(3), 3)
    assert not is_index(True, 5) and not is_index(False, 5)


def _finite_reference(value, low: float, high: float) -> float:
    """The store's clamp of a credit or a time, as it was before its fast path."""
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        return low
    return min(high, max(low, value))


@EXAMPLES
@given(st.one_of(st.floats(allow_nan=True), st.integers(-10**6, 10**6), st.just(-0.0)))
def test_store_clamp_agrees_with_its_plain_reference(value):
    from quizapp.core.store.values import _finite

    for low, high in ((0.0, 1.0), (0.0, 86_400.0)):
        got, want = _finite(value, low, high), _finite_reference(value, low, high)
        assert repr(got) == repr(want)  # repr: 0.0 and -0.0 differ


@EXAMPLES
@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=5, max_size=10),
    st.sampled_from(["lower", "capital"]),
    st.data(),
)
def test_case_sensitive_never_forgives_a_typo_that_changes_a_letters_case(letters, shape, data):
    """Under case_sensitive a typed word with one letter changed is right only when it
    keeps the answer's case shape: a letter changed into another in the other case
    ("jashimoto" for "Hashimoto") is a case slip, never a typo."""
    answer = letters if shape == "lower" else letters.capitalize()
    q = ShortAnswer(id="q", prompt="p", answers=(answer,), policy=TextPolicy(case_sensitive=True))
    i = data.draw(st.integers(0, len(answer) - 1))
    other = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    slipped = other.upper() if answer[i].islower() else other
    typed = answer[:i] + slipped + answer[i + 1 :]
    assert not grade(q, typed).correct
