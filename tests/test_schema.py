"""The published JSON Schema: shipped, printed by `quizapp schema`, and in step with the loader."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bank_samples import EVERY_TYPE

from quizapp.core.library import discover_bank_files
from quizapp.core.paths import bundled_banks_dir
from quizapp.core.schema import SCHEMA_FILE, bank_schema, schema_text
from quizapp.core.yaml_bank import BANK_KEYS, COMMON_KEYS, TYPE_KEYS

REPO = Path(__file__).resolve().parent.parent


def as_editor_sees_it(text: str):
    """YAML as a YAML 1.2 editor reads it: dates stay text."""

    def fix(value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    return fix(yaml.safe_load(text))


@pytest.fixture(scope="module")
def validator():
    # jsonschema is a test dependency (pyproject's [test] extra)
    import jsonschema

    schema = bank_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_file_is_the_generated_schema():
    assert SCHEMA_FILE == REPO / "quizapp" / "bank.schema.json"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "regenerate: python -m quizapp.core.schema > quizapp/bank.schema.json"
    )


def test_quizapp_schema_prints_it():
    proc = subprocess.run(
        [sys.executable, "-m", "quizapp", "schema"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema == bank_schema()


def test_schema_output_option_writes_a_file(tmp_path):
    out = tmp_path / "bank.schema.json"
    proc = subprocess.run(
        [sys.executable, "-m", "quizapp", "schema", "-o", str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 0 and json.loads(out.read_text()) == bank_schema()


def test_schema_knows_exactly_the_keys_the_loader_knows():
    schema = bank_schema()
    assert set(schema["properties"]) == set(BANK_KEYS)
    for qtype, own in TYPE_KEYS.items():
        expected = set(COMMON_KEYS) | set(own)
        if qtype == "flashcard":
            expected.discard("prompt")
        assert set(schema["$defs"][qtype]["properties"]) == expected, qtype
    assert schema["$defs"]["question"]["properties"]["type"]["enum"] == list(TYPE_KEYS)


def test_valid_banks_pass_the_schema(validator):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from make_big_bank import make_bank
    finally:
        sys.path.remove(str(REPO / "benchmarks"))

    texts = [EVERY_TYPE, make_bank(90)]
    texts += [p.read_text(encoding="utf-8") for p in discover_bank_files(bundled_banks_dir())]
    for text in texts:
        errors = [e.message for e in validator.iter_errors(as_editor_sees_it(text))]
        assert errors == []


@pytest.mark.parametrize(
    "mistake",
    [
        "titel: T\nquestions: [{id: a, type: flashcard, front: f, back: b}]\n",
        "title: T\nquestions: []\n",
        "title: T\nquestions: [{id: a, type: flashcard, front: f}]\n",
        "title: T\nquestions: [{id: a, type: flashcard, front: f, back: b, bakc: x}]\n",
        "title: T\nquestions: [{id: a, type: flash, front: f, back: b}]\n",
        "title: T\nquestions: [{id: a, type: numeric, prompt: p, answer: lots}]\n",
        "title: T\nquestions: [{id: a, type: true_false, prompt: p, answer: maybe}]\n",
        "title: T\nquestions: [{id: a, type: multiple_choice, prompt: p, choices: [x], answer: x}]\n",
        "title: T\nquestions: [{id: a, type: cloze, text: no blanks}]\n",
        "title: T\nquestions: [{id: a, type: true_false, prompt: p, answer: no, choices: [a, b]}]\n",
        "title: T\nquestions: [{id: a, type: short_answer, prompt: p}]\n",
        "title: T\nquestions: [{id: a, type: short_answer, prompt: p, answer: x, "
        "grading: {max_typos: lots}}]\n",
    ],
)
def test_schema_flags_mistakes_the_loader_also_rejects(validator, mistake):
    from quizapp.core.loader import load_bank_text

    assert load_bank_text(mistake).bank is None
    assert list(validator.iter_errors(as_editor_sees_it(mistake))), "the schema let it through"


def test_schema_knows_the_source_keys_the_loader_knows():
    from quizapp.core.yaml_bank import QUESTION_SOURCE_KEYS, SOURCE_KEYS

    schema = bank_schema()
    assert set(schema["properties"]["source"]["properties"]) == set(SOURCE_KEYS)
    for qtype in TYPE_KEYS:
        text_form, mapping_form = schema["$defs"][qtype]["properties"]["source"]["anyOf"]
        assert set(mapping_form["properties"]) == set(QUESTION_SOURCE_KEYS)


SOURCED = "title: T\nsource: {{file: a.txt}}\nquestions: [{{id: a, type: true_false, prompt: p, answer: yes, source: {source}}}]\n"


@pytest.mark.parametrize(
    "source",
    [
        '"paragraph 5"',
        "{paragraph: 5, quote: words}",
        "{paragraph: [2, 8], quote: [words, more words]}",
        "{location: 'chapter 2', quote: words}",
    ],
)
def test_schema_accepts_every_form_of_a_source(validator, source):
    assert list(validator.iter_errors(as_editor_sees_it(SOURCED.format(source=source)))) == []


@pytest.mark.parametrize(
    "source",
    [
        "{paragraph: 5, location: here}",
        "{paragraph: five}",
        "{paragraph: 0}",
        "{paragraph: 5, qoute: words}",
        "{paragraph: 5, quote: []}",
    ],
)
def test_schema_flags_source_mistakes_the_loader_also_rejects(validator, source):
    from quizapp.core.loader import load_bank_text

    text = SOURCED.format(source=source).replace("source: {file: a.txt}\n", "")
    assert load_bank_text(text).bank is None
    assert list(validator.iter_errors(as_editor_sees_it(text))), "the schema let it through"
