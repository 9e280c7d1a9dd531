"""Property tests: whatever the bytes, the loader answers with a LoadResult (problems
located in the file), never with an exception."""

from __future__ import annotations

import re

import yaml
from bank_samples import EVERY_TYPE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core import cache, yaml_nodes
from quizapp.core.loader import LoadResult, load_bank_text
from quizapp.core.model import Bank

SETTINGS = settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)

NASTY = [
    "[",
    "]",
    "{",
    "}",
    "&a",
    "*a",
    "&a [*a]",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!!set {a}",
    "!custom x",
    "~",
    "null",
    "",
    "0",
    "-1.5e3",
    ".nan",
    "yes",
    "No",
    "- x",
    ": :",
    "\t",
    "'",
    '"',
    "{{",
    "}}",
    "{{}}",
    "🙂",
    "\x00",
    "\x85",
    "\ufeff",
    "<<: *a",
    "? x",
    "---",
    "...",
    "%YAML 1.1",
    "|",
    ">-",
    "#",
    "\\",
    "a" * 300,
]


def check(result: LoadResult, text: str | bytes) -> None:
    assert isinstance(result, LoadResult)
    assert result.bank is None or isinstance(result.bank, Bank)
    if result.bank is None:
        assert result.errors, "a bank without errors must be returned"
    else:
        assert not result.errors
    decoded = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    # YAML's line breaks (its positions count them), not only "\n": a lone CR, NEL, LS, PS.
    lines = len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", decoded))
    for p in result.problems:
        assert p.path == "bank.yaml"
        assert p.severity in ("error", "warning")
        assert p.message and "\n" not in p.message
        assert "internal error" not in p.message, p.message
        assert 0 <= p.line <= lines + 2 and p.column >= 0
        # printed from 1: the whole file (line 0) or an unknown column is at 1
        assert p.format().startswith(
            f"bank.yaml:{p.line or 1}:{p.column or 1}: {p.severity}: ")


def load(text: str | bytes) -> LoadResult:
    result = load_bank_text(text, "bank.yaml")
    check(result, text)
    return result


@st.composite
def mutated(draw, base: str = EVERY_TYPE) -> str:
    lines = base.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "swap",
                    "value",
                    "insert",
                    "indent",
                    "dedent",
                    "flip",
                    "cut",
                ]
            )
        )
        line = lines[i]
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "value" and ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(NASTY) | st.text(max_size=12))}"
        elif kind == "insert":
            pos = draw(st.integers(0, len(line)))
            lines[i] = line[:pos] + draw(st.sampled_from(NASTY) | st.text(max_size=6)) + line[pos:]
        elif kind == "indent":
            lines[i] = "  " + line
        elif kind == "dedent":
            lines[i] = line[2:]
        elif kind == "flip" and ":" in line:
            key, value = line.split(":", 1)
            value = value.strip()
            lines[i] = draw(
                st.sampled_from(
                    [f"{key}: [{value}]", f"{key}: {{x: {value}}}", f"{key}: 42", f"{key}:"]
                )
            )
        elif kind == "cut":
            lines[i] = line[: draw(st.integers(0, len(line)))]
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


@SETTINGS
@given(mutated())
def test_mutated_banks_give_problems_not_exceptions(text):
    load(text)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_give_problems_not_exceptions(data):
    load(data)


@SETTINGS
@given(st.binary(max_size=60), st.integers(0, len(EVERY_TYPE)))
def test_random_bytes_inside_a_bank_give_problems_not_exceptions(junk, position):
    raw = EVERY_TYPE.encode()
    load(raw[:position] + junk + raw[position:])


yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.sampled_from(["multiple_choice", "numeric", "cloze", "flashcard", "{{x}}"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "title",
                    "id",
                    "type",
                    "prompt",
                    "questions",
                    "choices",
                    "answer",
                    "answers",
                    "pairs",
                    "left",
                    "right",
                    "items",
                    "text",
                    "front",
                    "back",
                    "grading",
                    "tags",
                    "source",
                    "points",
                    "image",
                    "tolerance",
                    "max_typos",
                    "x",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@SETTINGS
@given(yaml_values)
def test_random_yaml_structures_give_problems_not_exceptions(value):
    load(yaml.safe_dump(value, allow_unicode=True))


@st.composite
def valid_question(draw, index: int):
    word = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=10)
    qtype = draw(st.sampled_from(sorted(yaml_types())))
    q: dict = {"id": f"q{index}", "type": qtype}
    if qtype not in ("flashcard", "cloze"):
        q["prompt"] = draw(word)
    if qtype in ("multiple_choice", "multiple_select"):
        choices = draw(st.lists(word, min_size=2, max_size=5, unique=True))
        q["choices"] = choices
        if qtype == "multiple_choice":
            q["answer"] = draw(st.sampled_from(choices))
        else:
            q["answers"] = draw(st.lists(st.sampled_from(choices), min_size=1, unique=True))
    elif qtype == "true_false":
        q["answer"] = draw(st.booleans())
    elif qtype == "short_answer":
        q["answers"] = draw(st.lists(word, min_size=1, max_size=3))
    elif qtype == "numeric":
        q["answer"] = draw(st.floats(-1e6, 1e6, allow_nan=False) | st.integers(-1000, 1000))
    elif qtype == "matching":
        lefts = draw(st.lists(word, min_size=2, max_size=4, unique=True))
        rights = draw(st.lists(word, min_size=len(lefts), max_size=len(lefts), unique=True))
        q["pairs"] = [{"left": a, "right": b} for a, b in zip(lefts, rights, strict=True)]
    elif qtype == "ordering":
        q["items"] = draw(st.lists(word, min_size=2, max_size=5, unique=True))
    elif qtype == "cloze":
        q["text"] = f"{draw(word)} {{{{{draw(word)}}}}} {draw(word)}"
    else:
        q["front"], q["back"] = draw(word), draw(word)
    return q


def yaml_types():
    from quizapp.core.yaml_bank import TYPE_KEYS

    return TYPE_KEYS


@st.composite
def valid_bank(draw):
    count = draw(st.integers(1, 6))
    return {
        "title": draw(st.text(st.characters(categories=["L"]), min_size=1, max_size=15)),
        "questions": [draw(valid_question(i)) for i in range(count)],
    }


@settings(SETTINGS, max_examples=50)
@given(valid_bank(), st.sampled_from([{}, {"default_flow_style": True}]))
def test_valid_banks_load_the_same_with_both_parsers_and_through_the_cache(data, style):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, **style)
    result = load(text)
    assert result.errors == [], [p.format() for p in result.problems]
    bank = result.bank
    assert [q.id for q in bank.questions] == [q["id"] for q in data["questions"]]
    # libyaml and the pure-Python parser build the same bank
    c_loader = yaml_nodes._Loader
    try:
        yaml_nodes._Loader = yaml.SafeLoader
        assert load_bank_text(text, "bank.yaml").bank == bank
    finally:
        yaml_nodes._Loader = c_loader
    # and the cache gives it back unchanged
    payload = (bank, tuple(result.problems), ())
    assert cache.decode(*cache.encode(payload)) == payload


def test_pure_python_parser_reports_the_same_problems():
    bad = EVERY_TYPE.replace("answer: U.S. Trade Representative", "answer: Trade Rep")
    with_c = load_bank_text(bad, "bank.yaml").problems
    c_loader = yaml_nodes._Loader
    try:
        yaml_nodes._Loader = yaml.SafeLoader
        assert load_bank_text(bad, "bank.yaml").problems == with_c
        assert load_bank_text(EVERY_TYPE).bank == load_bank_text(EVERY_TYPE).bank
        bomb = "a: &a [x, x]\n" + "".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 20)}]\n"
            for p, c in zip("abcdef", "bcdefg", strict=True)
        )
        assert "alias bomb" in load_bank_text(bomb).problems[0].message
    finally:
        yaml_nodes._Loader = c_loader
