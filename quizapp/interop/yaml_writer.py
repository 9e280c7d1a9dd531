"""Write a Bank as YAML in the bank format (version 1): block style, readable.

The output loads back through quizapp.core.loader into an equal bank.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

import yaml

from quizapp.core.anki_note_type import AnkiNoteType
from quizapp.core.kinds.cloze import BlankMarks
from quizapp.core.model import (
    Bank,
    Choice,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Question,
    ShortAnswer,
    TextPolicy,
    TrueFalse,
)
from quizapp.core.yaml_values import paragraphs_text

from ._common import InteropError
from .kind_tables import NotSupported, entry_for

# PyYAML's dumper runs its representer in Python and takes about 3 ms per
# question, half a minute for a 10,000-question import. Banks hold only
# mappings, lists, strings, numbers and booleans, so a small emitter does the
# job in a fraction of that; tests check its output with PyYAML's loader.

_RESOLVER = yaml.resolver.Resolver()
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_PLAIN_BAD = re.compile(r": |:$| #|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\s$")


_ESCAPE_IN_QUOTES = re.compile(_NOT_PRINTABLE.pattern[:-1] + "]|[\x85\u2028\u2029\ufeff]")



_PARAGRAPHS = re.compile(r"paragraphs? (\d+(?:, \d+)*(?: and \d+)?)")


def _source_place(source: str) -> dict:
    """A source written as the loader writes paragraph numbers ('paragraph 8', 'paragraphs
    2, 6 and 8') goes back as `paragraph:` (what the teacher wrote, and what counts the
    questions per paragraph); any other text as `location:`."""
    match = _PARAGRAPHS.fullmatch(source)
    if match:
        numbers = [int(n) for n in re.findall(r"\d+", match.group(1))]
        if paragraphs_text(numbers) == source:
            return {"paragraph": numbers[0] if len(numbers) == 1 else numbers}
    return {"location": source}


def _quoted(value: str) -> str:
    # JSON strings are YAML double-quoted scalars; YAML also wants these escaped.
    text = json.dumps(value, ensure_ascii=False)
    return _ESCAPE_IN_QUOTES.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _float(value: float) -> str:
    if not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if "." not in mantissa:  # YAML 1.1 wants a dot: 1.0e-09, not 1e-09
        mantissa += ".0"
    if e and exponent[0] not in "+-":
        exponent = "+" + exponent
    return mantissa + (f"e{exponent}" if e else "")


def _plain_ok(value: str) -> bool:
    return (
        bool(value)
        and _PLAIN_START.match(value) is not None
        and _PLAIN_BAD.search(value) is None
        and not _NOT_PRINTABLE.search(value)
        and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
    )


def _literal_ok(value: str) -> bool:
    if _NOT_PRINTABLE.search(value) or "\r" in value or "\t" in value:
        return False
    lines = value.rstrip("\n").split("\n")
    return (
        bool(lines[0])
        and not lines[0][0].isspace()
        and all(line == line.rstrip() for line in lines)
        and not any(c in value for c in "\x85\u2028\u2029\ufeff")
    )


def _scalar(value, indent: int) -> str:
    """A scalar after 'key: ' or '- '; a literal block continues on the next lines."""
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:  # an entry of nothing: a cloze's plain blank under `blanks`
        return ""
    if isinstance(value, int | float):
        return _float(value) if isinstance(value, float) else str(value)
    if "\n" not in value:
        return value if _plain_ok(value) else _quoted(value)
    if not _literal_ok(value):
        return _quoted(value)
    trailing = len(value) - len(value.rstrip("\n"))
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    pad = " " * indent
    body = value[: len(value) - trailing] if trailing else value
    lines = [pad + line if line else "" for line in body.split("\n")]
    lines += [""] * max(0, trailing - 1)
    return f"|{chomp}\n" + "\n".join(lines)


def _emit(value, indent: int, out: list[str]) -> None:
    """Block-style lines for a mapping or a list whose entries start at `indent`."""
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            # a key is the bank's own word, or a text (an answer in feedback_for: 'Lyon',
            # '*Paris', 'yes'), quoted as a value is when it must be
            key = key if _plain_ok(key) and "\n" not in key else _quoted(key)
            if isinstance(item, dict | list):
                out.append(f"{pad}{key}:")
                _emit(item, indent + 2 if isinstance(item, dict) else indent, out)
            else:
                out.append(f"{pad}{key}: {_scalar(item, indent + 2)}")
        return
    for item in value:
        if isinstance(item, dict):
            sub: list[str] = []
            _emit(item, indent + 2, sub)
            out.append(f"{pad}- {sub[0][indent + 2 :]}")
            out.extend(sub[1:])
        else:
            # '- ' alone for an empty entry; a kept block's last empty lines ('|+') stay
            out.append(f"{pad}- {_scalar(item, indent + 2)}".rstrip(" "))


def to_yaml(data: dict) -> str:
    """Block-style YAML for plain data (dicts, lists, str, int, float, bool)."""
    out: list[str] = []
    _emit(data, 0, out)
    return "\n".join(out) + "\n"


def _number(value: float) -> int | float:
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def _choice(c: Choice) -> str | dict:
    if not c.feedback and c.weight is None:
        return c.text
    out: dict = {"text": c.text}
    if c.feedback:
        out["feedback"] = c.feedback
    if c.weight is not None:
        out["weight"] = _number(c.weight)
    return out


def _policy(policy: TextPolicy) -> dict | None:
    default = TextPolicy()
    out: dict = {}
    for name in ("case_sensitive", "ignore_accents", "ignore_punctuation", "moodle"):
        if getattr(policy, name) != getattr(default, name):
            out[name] = getattr(policy, name)
    if policy.max_typos is not None:
        out["max_typos"] = policy.max_typos
    return out or None


def _prompt(q: Question) -> dict:
    return {"prompt": q.prompt}


def _pinned(q: MultipleChoice | MultipleSelect | Matching) -> dict:
    """`shuffle: false` when the author pins the written order ("All of the above" stays
    last); nothing for the default, so plain banks stay plain."""
    return {} if q.shuffle else {"shuffle": False}


def _numbering(q: MultipleChoice | MultipleSelect) -> dict:
    """Moodle's numbering of the choices and its standard instruction, when the question
    keeps them."""
    return ({"numbering": q.numbering} if q.numbering else {}) | (
        {"moodle_instruction": True} if q.moodle_instruction else {})


def _multiple_choice(q: MultipleChoice) -> dict:
    return {**_prompt(q), "choices": [_choice(c) for c in q.choices], "answer": q.answer,
            **_pinned(q), **_numbering(q)}


def _multiple_select(q: MultipleSelect) -> dict:
    return {**_prompt(q), "choices": [_choice(c) for c in q.choices], "answers": list(q.answers),
            **_pinned(q), **_numbering(q)}


def _matching(q: Matching) -> dict:
    return {**_prompt(q), "pairs": [{"left": left, "right": right} for left, right in q.pairs],
            **_pinned(q)}


def _true_false(q: TrueFalse) -> dict:
    d = {**_prompt(q), "answer": bool(q.answer)}
    if q.feedback_if_true:
        d["feedback_if_true"] = q.feedback_if_true
    if q.feedback_if_false:
        d["feedback_if_false"] = q.feedback_if_false
    return d


def _short_answer(q: ShortAnswer) -> dict:
    d = {**_prompt(q), "answers": list(q.answers)}
    if q.partly_right:
        d["partly_right"] = {answer: _number(share) for answer, share in q.partly_right}
    if (policy := _policy(q.policy)) is not None:
        d["grading"] = policy
    if q.feedback_if_wrong:
        d["feedback_if_wrong"] = q.feedback_if_wrong
    if q.feedback_for:
        d["feedback_for"] = dict(q.feedback_for)
    return d


def _numeric(q: Numeric) -> dict:
    d = {**_prompt(q), "answer": _number(q.answer)}
    if q.tolerance:
        d["tolerance"] = _number(q.tolerance)
    if q.unit:
        d["unit"] = q.unit
    if q.feedback_if_wrong:
        d["feedback_if_wrong"] = q.feedback_if_wrong
    if q.other_units:
        d["other_units"] = {name: _number(factor) for name, factor in q.other_units}
    return d


def _cloze(q: Cloze) -> dict:
    d: dict = _prompt(q) if q.prompt else {}  # a cloze's text can stand alone
    d["text"] = q.text
    if q.blank_marks or q.blank_choices or q.blank_tolerances or q.answer_tolerances:
        blanks = q.blanks  # (a property: each call reads the text again)
        d["blanks"] = [_blank(q.marks_of(n), q.choices_of(n), n in q.pinned_choices,
                              q.tolerances_of(n, len(answers)))
                       for n, answers in enumerate(blanks)]
    if (policy := _policy(q.policy)) is not None:
        d["grading"] = policy
    return d


def _blank(marks: BlankMarks, choices: tuple[str, ...], pinned: bool,
           tolerances: tuple[float, ...]) -> dict | None:
    """A blank's entry under `blanks`: None (an empty '-') for a plain one."""
    weight, partly_right, feedback_for, otherwise = marks
    d: dict = {"choices": list(choices)} if choices else {}
    if choices and pinned:
        d["shuffle"] = False
    if weight != 1:
        d["weight"] = weight
    if len(set(tolerances)) > 1:  # each answer its own
        d["tolerance"] = [_number(tolerance) for tolerance in tolerances]
    elif any(tolerances):
        d["tolerance"] = _number(tolerances[0])
    if partly_right:
        d["partly_right"] = {answer: _number(share) for answer, share in partly_right}
    if feedback_for:
        d["feedback_for"] = dict(feedback_for)
    if otherwise:
        d["feedback_if_wrong"] = otherwise
    return d or None


# A kind's own keys, in the order they are written after id and type.
# Every kind in quizapp.core.kinds.KINDS has an entry (tests/test_kinds.py checks it).
YAML_FIELDS: dict[str, Callable[[Any], dict] | NotSupported] = {
    "multiple_choice": _multiple_choice,
    "multiple_select": _multiple_select,
    "true_false": _true_false,
    "short_answer": _short_answer,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": lambda q: {**_prompt(q), "items": list(q.items)},
    "cloze": _cloze,
    "flashcard": lambda q: {"front": q.prompt, "back": q.back},
}


def question_to_dict(q: Question) -> dict:
    """The question as the bank format writes it. A kind the format has no entry for
    raises InteropError (the bank cannot be saved without losing it)."""
    fields = entry_for(YAML_FIELDS, q, "the bank format")
    if isinstance(fields, NotSupported):
        raise InteropError(f"question {q.id!r}: {fields.why}; the bank was not written")
    d: dict = {"id": q.id, "type": q.type}
    if q.title:
        d["title"] = q.title
    if q.id_number:
        d["id_number"] = True
    if q.anki_guid:
        d["anki_guid"] = q.anki_guid
    if q.anki_note_type and (note_type := AnkiNoteType.from_text(q.anki_note_type)):
        d["anki_note_type"] = note_type.mapping()
    d.update(fields(q))
    if q.explanation:
        d["explanation"] = q.explanation
    if q.hints:
        d["hints"] = list(q.hints)
    if q.tags:
        d["tags"] = list(q.tags)
    if q.category:
        d["category"] = q.category
    if q.quotes:
        source: dict = _source_place(q.source) if q.source else {}
        source["quote"] = q.quotes[0] if len(q.quotes) == 1 else list(q.quotes)
        d["source"] = source
    elif q.source:
        d["source"] = q.source
    if q.points != 1:
        d["points"] = _number(q.points)
    if q.image:
        d["image"] = q.image
    if q.image_description:
        d["image_description"] = q.image_description
    return d


def bank_to_dict(bank: Bank) -> dict:
    d: dict = {"title": bank.title, "id": bank.id}
    if bank.description:
        d["description"] = bank.description
    if bank.language:
        d["language"] = bank.language
    if bank.authors:
        d["authors"] = list(bank.authors)
    if bank.tags:
        d["tags"] = list(bank.tags)
    if bank.source is not None:
        source = {
            k: getattr(bank.source, k)
            for k in ("title", "publisher", "date", "url", "file")
            if getattr(bank.source, k)
        }
        if source:
            d["source"] = source
    if bank.categories:
        d["categories"] = {path: {key: value for key, value in (("description", description),
                                                                ("id_number", idnumber))
                                  if value}
                           for path, description, idnumber in bank.categories}
    d["questions"] = [question_to_dict(q) for q in bank.questions]
    return d


def bank_to_yaml(bank: Bank, *, comment: str | None = None) -> str:
    """The bank as YAML text; `comment` becomes '# ' lines at the top."""
    body = to_yaml(bank_to_dict(bank))
    # A blank line between questions makes a long bank easier to scan.
    body = body.replace("\n- id: ", "\n\n- id: ")
    header = ""
    if comment:
        header = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    return header + body
