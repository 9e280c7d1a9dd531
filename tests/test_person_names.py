"""A person's name as an accepted answer: the YAML form, its checks, the schema and the cache."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from quizapp.core.grading import grade
from quizapp.core.loader import load_bank, load_bank_text
from quizapp.core.model import ShortAnswer
from quizapp.core.schema import bank_schema

NAMES = """\
title: Names
questions:
  - id: hashimoto
    type: short_answer
    prompt: Name Japan's trade minister.
    answers:
      - person: Ryutaro Hashimoto
        family_name_alone: true
      - MITI minister
  - id: garcia-marquez
    type: short_answer
    prompt: Who wrote it?
    answer:
      person: Gabriel García Márquez
      family_name: García Márquez
  - id: kantor
    type: short_answer
    prompt: Who?
    answers: [{person: Mickey Kantor}]
"""


def _question(text: str, qid: str) -> ShortAnswer:
    result = load_bank_text(text)
    assert result.bank is not None, [p.format() for p in result.problems]
    q = result.bank.question(qid)
    assert isinstance(q, ShortAnswer)
    return q


def test_the_mapping_loads_into_answers_and_names():
    q = _question(NAMES, "hashimoto")
    assert q.answers == ("Ryutaro Hashimoto", "MITI minister")
    assert q.names == (("Ryutaro Hashimoto", 1, True),)
    gm = _question(NAMES, "garcia-marquez")
    assert gm.answers == ("Gabriel García Márquez",)
    assert gm.names == (("Gabriel García Márquez", 2, False),)


def test_loaded_names_grade_in_either_order():
    q = _question(NAMES, "hashimoto")
    for typed in ("Ryutaro Hashimoto", "Hashimoto Ryutaro", "Hashimoto", "miti minister"):
        assert grade(q, typed).correct, typed
    kantor = _question(NAMES, "kantor")
    assert grade(kantor, "Kantor Mickey").correct
    assert not grade(kantor, "Kantor").correct  # family_name_alone defaults to false
    gm = _question(NAMES, "garcia-marquez")
    assert grade(gm, "García Márquez, Gabriel").correct
    assert not grade(gm, "Márquez Gabriel García").correct


@pytest.mark.parametrize(
    "answers, message",
    [
        ("[{person: Hashimoto}]", "'Hashimoto' is a single word"),
        ("[{person: Ryutaro Hashimoto, family_name: Ryutaro}]", "should be the last word(s)"),
        (
            "[{person: Ryutaro Hashimoto, family_name: Ryutaro Hashimoto}]",
            "should be the last word(s)",
        ),
        ("[{person: Ryutaro Hashimoto, family_name_alone: perhaps}]", "should be true or false"),
        ("[{person: Ryutaro Hashimoto, famly_name: x}]", "did you mean 'family_name'"),
        ("[{family_name: Hashimoto}]", "has no 'person'"),
        ("[[Ryutaro Hashimoto]]", "should be text"),
    ],
)
def test_mistakes_are_named_with_their_line(answers, message):
    text = f"title: T\nquestions:\n  - id: q\n    type: short_answer\n    prompt: p\n    answers: {answers}\n"
    result = load_bank_text(text)
    assert result.bank is None
    assert any(message in p.message and p.line == 6 for p in result.problems), [
        p.format() for p in result.problems
    ]


def test_the_schema_takes_the_mapping_and_flags_what_the_loader_flags():
    validator = jsonschema.Draft202012Validator(bank_schema())
    assert list(validator.iter_errors(yaml.safe_load(NAMES))) == []
    bad = NAMES.replace("family_name_alone: true", "family_alone: true")
    assert load_bank_text(bad).bank is None
    assert list(validator.iter_errors(yaml.safe_load(bad)))


def test_names_survive_the_bank_cache(tmp_path):
    path = tmp_path / "names.yaml"
    path.write_text(NAMES, encoding="utf-8")
    first = load_bank(path).bank
    again = load_bank(path).bank  # read back from the cache
    assert first is not None and again is not None
    assert again.question("hashimoto").names == (("Ryutaro Hashimoto", 1, True),)
    assert grade(again.question("hashimoto"), "Hashimoto").correct
