"""Property tests: generated banks open byte for byte; any field edit lands exactly
where asked and nowhere else, and its undo restores the bytes."""

from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.authoring.document import BankDocument

TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
    st.sampled_from(["yes", "1995", "a: b", "x #y", "- dash", "'q'", '"dq"', "null", "~",
                     "two\nlines", "ends\n", "[flow]", "{m}", "tab\there", " pad "]),
)
KEYS = st.sampled_from(["prompt", "explanation", "front", "back", "unit", "text"])


@st.composite
def questions(draw, index: int):
    return {
        "id": f"q{index}",
        "type": "flashcard",
        "front": draw(TEXT),
        "back": draw(TEXT),
        **({"tags": draw(st.lists(TEXT, min_size=1, max_size=3))} if draw(st.booleans()) else {}),
    }


@st.composite
def banks(draw):
    count = draw(st.integers(1, 5))
    data = {"title": draw(TEXT), "questions": [draw(questions(i)) for i in range(count)]}
    style = draw(st.sampled_from([None, '"', "'"]))
    text = yaml.safe_dump(
        data, default_flow_style=False, allow_unicode=draw(st.booleans()),
        default_style=style, sort_keys=False, indent=draw(st.sampled_from([2, 4])),
        width=draw(st.sampled_from([40, 4096])),
    )
    return data, text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks(), st.data())
def test_generated_banks_round_trip_and_field_edits_are_exact(bank, data):
    expected, text = bank
    doc = BankDocument.from_text(text)
    assert doc.text == text
    assert doc.splittable
    index = data.draw(st.integers(0, len(expected["questions"]) - 1))
    key = data.draw(KEYS)
    value = data.draw(st.one_of(TEXT, st.integers(-5, 5), st.booleans(), st.lists(TEXT, min_size=1, max_size=3)))
    edit = doc.set_field(index, (key,), value)
    doc.apply(edit)
    changed = copy.deepcopy(expected)
    changed["questions"][index][key] = value
    assert yaml.safe_load(doc.text) == changed
    edit.undo(doc)
    assert doc.text == text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks(), st.data())
def test_generated_structure_edits_are_exact_and_undo(bank, data):
    expected, text = bank
    doc = BankDocument.from_text(text)
    count = len(expected["questions"])
    new = data.draw(questions(99))
    at = data.draw(st.integers(0, count))
    add = doc.add_question(at, new)
    doc.apply(add)
    wanted = copy.deepcopy(expected)
    wanted["questions"].insert(at, new)
    assert yaml.safe_load(doc.text) == wanted
    move_from = data.draw(st.integers(0, count))
    delta = data.draw(st.sampled_from([-1, 1]))
    move = doc.move_question(move_from, delta)
    if move is not None:
        doc.apply(move)
        qs = wanted["questions"]
        qs[move_from], qs[move_from + delta] = qs[move_from + delta], qs[move_from]
        assert yaml.safe_load(doc.text) == wanted
        move.undo(doc)
    add.undo(doc)
    assert doc.text == text
