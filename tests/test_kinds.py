"""The kinds registry (quizapp/core/kinds/) is the one place question types are listed.

Every registered kind must have everything the core needs and an entry (supported
or explicitly NotSupported) in every format's table and in the widget table; and
a kind registered from outside (a plug-in; here a test's fake kind) is read,
graded, timed and shown through the registry alone, while formats that do not
know it leave it out with a message naming the question.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from kind_pieces import FORMAT_TABLES, missing_pieces, missing_widget_pieces

from quizapp.core import scheduler
from quizapp.core.answer_text import AnswerFormError, parse_answer
from quizapp.core.arrangement import option_count, shown_texts, written
from quizapp.core.grades import Grade, text_response, wrong
from quizapp.core.grading import expected_response, expected_text, grade, readable_response
from quizapp.core.kinds import KINDS, Kind, kind_of, register, unregister
from quizapp.core.kinds.base import reading_seconds
from quizapp.core.kinds.form_fields import line
from quizapp.core.loader import load_bank, load_bank_text
from quizapp.core.model import QUESTION_TYPES, Bank, Question
from quizapp.core.session import card_back, card_front
from quizapp.core.yaml_bank import TYPE_KEYS
from quizapp.core.yaml_fields import FieldReader
from quizapp.core.yaml_nodes import Mapping
from quizapp.interop._common import InteropError
from quizapp.interop.apkg import apkg_bytes
from quizapp.interop.gift import write_gift
from quizapp.interop.gift_writer import GIFT_WRITERS
from quizapp.interop.kind_tables import NotSupported
from quizapp.interop.moodle_xml import write_moodle_xml
from quizapp.interop.pdf import quiz_html
from quizapp.interop.yaml_writer import YAML_FIELDS, bank_to_yaml

TOUR = Path(__file__).resolve().parent.parent / "question_banks" / "tour.yaml"


def _one_of_each() -> dict[str, Question]:
    bank = load_bank(TOUR, use_cache=False).bank
    assert bank is not None
    out: dict[str, Question] = {}
    for q in bank.questions:
        out.setdefault(q.type, q)
    return out


def test_the_model_and_the_loader_take_their_types_from_the_registry():
    assert list(QUESTION_TYPES) == list(KINDS)
    assert list(TYPE_KEYS) == list(KINDS)
    for name, kind in KINDS.items():
        assert kind.name == name == kind.model.TYPE
        assert TYPE_KEYS[name] == kind.yaml_keys


def test_every_kind_has_a_question_in_the_tour_bank_and_behaves():
    """Each kind grades its own expected response as right, reads its text form,
    has a readable record, a time, a card front and back."""
    samples = _one_of_each()
    assert set(samples) == set(KINDS)
    for name, q in samples.items():
        kind = kind_of(q)
        assert kind is KINDS[name]
        right = expected_response(q)
        assert grade(q, right).correct, name
        assert grade(q, object()).credit == 0, name  # garbage is wrong, never raises
        assert expected_text(q), name
        assert readable_response(q, right) is not None, name
        seconds = scheduler.expected_seconds(q)
        assert seconds >= kind.base_seconds > 0, name
        assert card_front(q).strip() and card_back(q).strip(), name
        try:  # a text form either reads "maybe" or says what it takes
            parse_answer(q, "maybe")
        except AnswerFormError as exc:
            assert str(exc), name


@pytest.mark.parametrize("format_name", list(FORMAT_TABLES))
def test_every_format_has_an_entry_for_every_kind_and_no_other(format_name):
    table = FORMAT_TABLES[format_name]
    assert set(table) == set(KINDS), f"{format_name}: add an entry (or NotSupported) per kind"
    for name, entry in table.items():
        if isinstance(entry, NotSupported):
            assert entry.why.strip(), f"{format_name}/{name}: say why it is not supported"


def test_every_kind_has_a_widget():
    pytest.importorskip("PySide6")
    from quizapp.gui.question_widgets import WIDGETS

    assert set(WIDGETS) == set(KINDS)


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_brings_every_piece(name):
    """The one table of what a kind brings (tests/kind_pieces.py): an entry in every
    format's table, a new question the editor adds, form rows for its keys, its schema."""
    assert missing_pieces(name) == []


def test_every_kind_has_a_widget_that_gives_back_a_right_answer(qtbot):
    for name, q in _one_of_each().items():
        assert missing_widget_pieces(q, qtbot) == [], name


def test_the_table_names_the_piece_a_kind_misses(monkeypatch, qtbot):
    """The check itself: take a piece away from a built-in kind and it is named."""
    import dataclasses

    ordering = dataclasses.replace(KINDS["ordering"], form_fields=())
    monkeypatch.setitem(KINDS, "ordering", ordering)
    monkeypatch.delitem(YAML_FIELDS, "ordering")
    monkeypatch.setitem(KINDS, "numeric", dataclasses.replace(KINDS["numeric"],
                                                              learner_typed=False))
    monkeypatch.setitem(KINDS, "true_false", dataclasses.replace(
        KINDS["true_false"], new_question_body={"prompt": "No answer key"}))
    assert missing_pieces("ordering") == [
        "an entry in the YAML table (a writer or NotSupported)",
        "a form row for its required key 'items'",
    ]
    assert missing_pieces("true_false") == [
        "a new question (new_question_body) that loads as it stands",
    ]
    numeric = _one_of_each()["numeric"]
    assert missing_widget_pieces(numeric, qtbot) == [
        f"learner_typed=True (its widget's answer is {expected_response(numeric)!r})",
    ]


def test_gift_says_which_kind_it_cannot_hold():
    samples = _one_of_each()
    entry = GIFT_WRITERS["ordering"]
    assert isinstance(entry, NotSupported)
    bank = Bank(id="b", title="B", questions=(samples["ordering"],))
    _text, warnings = write_gift(bank)
    assert any("GIFT has no ordering questions; it was left out" in w for w in warnings)


# ------------------------------------------------------------------ a fake kind


@dataclass(frozen=True, slots=True, kw_only=True)
class OneWord(Question):
    """A test kind: the answer is one word, compared exactly."""

    TYPE: ClassVar[str] = "one_word"
    word: str


def _read_one_word(r: FieldReader, m: Mapping, what: str) -> dict[str, Any]:
    word = r.text(m, "word", what, required=True)
    if word is not None and len(word.split()) != 1:
        r.error(m.items["word"][1], "'word' should be one word")
    return {"word": word}


def _grade_one_word(q: OneWord, response: object) -> Grade:
    text = text_response(response)
    if text is None or text.strip() != q.word:
        return wrong(q.word)
    return Grade(True, 1.0, q.word)


ONE_WORD: Kind[OneWord] = Kind(
    name="one_word",
    model=OneWord,
    yaml_keys=("word",),
    read_yaml=_read_one_word,
    grade=_grade_one_word,
    expected_response=lambda q: q.word,
    parse_answer=lambda q, text: text,
    expected_seconds=reading_seconds(7.0),
    base_seconds=7.0,
    required_keys=("word",),
    key_schemas={"word": {"type": "string", "pattern": "^\\S+$", "description": "One word."}},
    new_question_body={"prompt": "Which word?", "word": "word"},
    form_fields=(line("word", "Word (one word)"),),
)

FAKE_BANK = """\
title: Plug-in
questions:
  - id: w1
    type: one_word
    prompt: Which city hosted the 1995 talks' last round?
    word: Geneva
    explanation: The talks ended in Geneva.
"""


@pytest.fixture
def one_word_kind():
    register(ONE_WORD)
    try:
        yield ONE_WORD
    finally:
        unregister(ONE_WORD.name)


def test_an_unregistered_type_is_refused_in_words_a_teacher_understands():
    result = load_bank_text(FAKE_BANK)
    assert result.bank is None
    messages = [p.message for p in result.problems]
    assert any("unknown question type 'one_word'" in m for m in messages), messages


def test_a_registered_kind_is_read_graded_timed_and_shown_through_the_registry(one_word_kind):
    result = load_bank_text(FAKE_BANK)
    assert result.bank is not None, [p.format() for p in result.problems]
    (q,) = result.bank.questions
    assert isinstance(q, OneWord) and q.word == "Geneva"
    assert grade(q, "Geneva").correct
    assert not grade(q, "Tokyo").correct
    assert expected_response(q) == "Geneva"
    assert parse_answer(q, "Geneva") == "Geneva"
    assert scheduler.expected_seconds(q) > 7.0
    assert card_front(q) == q.prompt
    assert card_back(q) == "Geneva\n\nThe talks ended in Geneva."
    assert option_count(q) == 0 and shown_texts(q, written(q)) is None  # nothing to arrange


def test_a_registered_kind_checks_its_own_keys(one_word_kind):
    bad = FAKE_BANK.replace("word: Geneva", "word: New York").replace(
        "    explanation:", "    answers: [x]\n    explanation:"
    )
    result = load_bank_text(bad)
    assert result.bank is None
    messages = [p.message for p in result.problems]
    assert "'word' should be one word" in messages
    assert any(
        "'answers' is not used by" in m and "one_word question" in m and "short_answer" in m
        for m in messages
    ), messages


def test_formats_that_do_not_know_a_kind_leave_it_out_with_a_message(one_word_kind):
    bank = load_bank_text(FAKE_BANK).bank
    assert bank is not None
    for warnings in (
        write_gift(bank)[1],
        write_moodle_xml(bank)[1],
        apkg_bytes(bank)[1],
    ):
        assert any(
            "question 'w1': type 'one_word' cannot be written in" in w and "left out" in w
            for w in warnings
        ), warnings
    assert write_moodle_xml(bank)[2] == 0  # nothing written
    with pytest.raises(InteropError, match="question 'w1': type 'one_word' cannot be written"):
        bank_to_yaml(bank)


def test_a_printed_quiz_leaves_out_a_kind_it_cannot_print(one_word_kind):
    pytest.importorskip("PySide6")
    from quizapp.interop._common import Report

    bank = load_bank_text(FAKE_BANK).bank
    assert bank is not None
    report = Report("plug-in")
    html_text = quiz_html(bank, report)
    assert "Geneva" not in html_text and "1995" not in html_text
    assert any("'one_word' cannot be written in a printed quiz" in w for w in report.warnings)


def test_a_widget_for_an_unknown_kind_is_a_key_error(one_word_kind):
    pytest.importorskip("PySide6")
    from quizapp.gui.question_widgets import widget_for

    bank = load_bank_text(FAKE_BANK).bank
    assert bank is not None
    with pytest.raises(KeyError):
        widget_for(bank.questions[0])


def test_a_kind_name_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="already registered"):
        register(KINDS["cloze"])
    unregister("cloze")  # the built-in kinds cannot be removed
    assert "cloze" in KINDS


def test_a_registered_kind_is_stored_in_and_read_from_the_bank_cache(
    one_word_kind, tmp_path, monkeypatch
):
    from quizapp.core import cache

    path = tmp_path / "plug-in.yaml"
    path.write_text(FAKE_BANK, encoding="utf-8")
    first = load_bank(path)
    assert first.bank is not None
    monkeypatch.setattr(cache, "_CODEC", None)  # as a new process would start
    monkeypatch.setattr(
        "quizapp.core.loader.check_bytes",
        lambda *args: pytest.fail("the cached entry should have been read"),
    )
    second = load_bank(path)
    assert second.bank == first.bank
    assert isinstance(second.bank.questions[0], OneWord)


def test_a_registered_kind_brings_its_part_of_the_json_schema(one_word_kind):
    import jsonschema
    import yaml

    from quizapp.core.schema import bank_schema

    schema = bank_schema()
    part = schema["$defs"]["one_word"]
    assert part["required"] == ["id", "type", "prompt", "word"]
    assert part["properties"]["word"]["description"] == "One word."
    assert "one_word" in schema["$defs"]["question"]["properties"]["type"]["enum"]
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(yaml.safe_load(FAKE_BANK)))
    two_words = yaml.safe_load(FAKE_BANK.replace("word: Geneva", "word: Geneva Switzerland"))
    assert list(validator.iter_errors(two_words))  # the kind's own key schema is applied
