"""Write a Bank as YAML in the bank format (version 1): block style, readable.

The output loads back through quizapp.core.loader into an equal bank.
"""

from __future__ import annotations

import yaml

from quizapp.core.model import (
    Bank,
    Choice,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    TextPolicy,
    TrueFalse,
)


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    # Multi-line texts read best as literal blocks; PyYAML falls back to quotes
    # by itself when a block cannot hold the text exactly (trailing spaces...).
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _number(value: float) -> int | float:
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def _choice(c: Choice) -> str | dict:
    return {"text": c.text, "feedback": c.feedback} if c.feedback else c.text


def _policy(policy: TextPolicy) -> dict | None:
    default = TextPolicy()
    out: dict = {}
    for name in ("case_sensitive", "ignore_accents", "ignore_punctuation"):
        if getattr(policy, name) != getattr(default, name):
            out[name] = getattr(policy, name)
    if policy.max_typos is not None:
        out["max_typos"] = policy.max_typos
    return out or None


def question_to_dict(q: Question) -> dict:
    d: dict = {"id": q.id, "type": q.type}
    if isinstance(q, Flashcard):
        d["front"] = q.prompt
        d["back"] = q.back
    elif q.prompt or not isinstance(q, Cloze):
        d["prompt"] = q.prompt
    if isinstance(q, MultipleChoice):
        d["choices"] = [_choice(c) for c in q.choices]
        d["answer"] = q.answer
    elif isinstance(q, MultipleSelect):
        d["choices"] = [_choice(c) for c in q.choices]
        d["answers"] = list(q.answers)
    elif isinstance(q, TrueFalse):
        d["answer"] = bool(q.answer)
    elif isinstance(q, ShortAnswer):
        d["answers"] = list(q.answers)
        if (policy := _policy(q.policy)) is not None:
            d["grading"] = policy
    elif isinstance(q, Numeric):
        d["answer"] = _number(q.answer)
        if q.tolerance:
            d["tolerance"] = _number(q.tolerance)
        if q.unit:
            d["unit"] = q.unit
    elif isinstance(q, Matching):
        d["pairs"] = [{"left": left, "right": right} for left, right in q.pairs]
    elif isinstance(q, Ordering):
        d["items"] = list(q.items)
    elif isinstance(q, Cloze):
        d["text"] = q.text
        if (policy := _policy(q.policy)) is not None:
            d["grading"] = policy
    if q.explanation:
        d["explanation"] = q.explanation
    if q.tags:
        d["tags"] = list(q.tags)
    if q.source:
        d["source"] = q.source
    if q.points != 1:
        d["points"] = _number(q.points)
    if q.image:
        d["image"] = q.image
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
            for k in ("title", "publisher", "date", "url")
            if getattr(bank.source, k)
        }
        if source:
            d["source"] = source
    d["questions"] = [question_to_dict(q) for q in bank.questions]
    return d


def bank_to_yaml(bank: Bank, *, comment: str | None = None) -> str:
    """The bank as YAML text; `comment` becomes '# ' lines at the top."""
    body = yaml.dump(
        bank_to_dict(bank),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        indent=2,
        width=100,
    )
    # A blank line between questions makes a long bank easier to scan.
    body = body.replace("\n- id: ", "\n\n- id: ")
    header = ""
    if comment:
        header = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    return header + body
