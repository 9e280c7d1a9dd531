"""Anki card templates, read as data: what a card's front and back show.

Anki draws a card by filling its template with the note's fields. quizapp understands the
field references most decks use: `{{Field}}`, `{{text:Field}}` (the field without its
formatting), `{{type:Field}}` (a typing box on the front, the answer on the back),
`{{FrontSide}}` on the back, `{{cloze:Field}}` in a cloze note type (the text with the
blanks, which the importer reads apart: rendering leaves it out), `{{tts ...:Field}}`
(Anki's speech, which shows no text: left out, as sound is), the Japanese filters
`{{kanji:Field}}`, `{{kana:Field}}` and `{{furigana:Field}}` (a reading written
`日本[にほん]`: the kanji alone, the reading alone, or the kanji with the reading after it in
brackets, 日本(にほん), as Markdown has no ruby text), and the sections `{{#Field}}...{{/Field}}` (shown when the
field has text) and `{{^Field}}...{{/Field}}` (shown when it is empty). Anything else (other
filters such as `{{hint:...}}`, special fields such as `{{Tags}}`, a field the note type does
not have) makes `parse` raise TemplateError, and the importer puts on each side the fields
that side's template names (fields_by_side), or reads the card by field order when its front
names none.

Nothing in a template is run: rendering gives HTML, which the importer converts like any
field (scripts and styles are dropped, tags become Markdown or go).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_TAG = re.compile(r"\{\{(.*?)\}\}", re.S)
# Where Anki's answer starts on the back; what comes before it repeats the front.
_ANSWER_RULE = re.compile(r"<hr\s+id\s*=\s*[\"']?answer[\"']?\s*/?>", re.I)
_IMAGE_NAME = re.compile(r"<img[^>]*?src\s*=\s*[\"']?([^\"' >]+)[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")


class TemplateError(ValueError):
    """A template uses something quizapp does not render; the message names it."""


@dataclass(frozen=True)
class Text:
    html: str


@dataclass(frozen=True)
class FieldRef:
    name: str
    # "" (as it is), "text" (no formatting), "type" (a typed answer), "cloze" (the text
    # with the blanks of a cloze note type), "tts" (spoken, never shown), or "kanji",
    # "kana", "furigana" (_READINGS)
    filter: str


@dataclass(frozen=True)
class FrontSide:
    """The front, repeated on the back."""


@dataclass(frozen=True)
class Section:
    name: str
    when_empty: bool  # {{^Field}}: shown when the field is empty
    body: tuple[Node, ...]


Node = Text | FieldRef | FrontSide | Section
Nodes = tuple[Node, ...]


# What a template can name besides the note's fields (Anki fills them in itself)
_ANKIS_OWN = frozenset(("Tags", "Type", "Deck", "Subdeck", "Card", "CardFlag", "CardID",
                        "FrontSide"))


def parse(template: str, fields: Sequence[str], *, back: bool, cloze: bool = False) -> Nodes:
    """The template as nodes; raises TemplateError for anything quizapp does not render.
    `{{cloze:Field}}` is understood only in a cloze note type's template (`cloze`)."""
    known = set(fields)
    filters_known: list[list[str]] = [[], ["text"], ["type"], ["kanji"], ["kana"],
                                      ["furigana"], ["tts"]] + ([["cloze"]] if cloze else [])
    stack: list[tuple[str, bool, list[Node]]] = [("", False, [])]
    pos = 0
    for m in _TAG.finditer(template):
        if m.start() > pos:
            stack[-1][2].append(Text(template[pos : m.start()]))
        pos = m.end()
        inner = m.group(1).strip()
        if inner[:1] in ("#", "^"):
            name = inner[1:].strip()
            if name not in known:
                raise TemplateError(f"{{{{{inner}}}}} names a field the note type does not have")
            stack.append((name, inner[0] == "^", []))
        elif inner[:1] == "/":
            if len(stack) == 1 or stack[-1][0] != inner[1:].strip():
                raise TemplateError(f"{{{{{inner}}}}} closes a section that is not open")
            name, when_empty, body = stack.pop()
            stack[-1][2].append(Section(name, when_empty, tuple(body)))
        elif inner == "FrontSide" and back:
            stack[-1][2].append(FrontSide())
        else:
            *filters, name = inner.split(":")
            if len(filters) == 1 and filters[0].split()[:1] == ["tts"] and name.strip() in known:
                filters = ["tts"]  # Anki's speech ({{tts en_US speed=1.2:Field}}): no text
            if name.strip() not in known and name.strip() not in _ANKIS_OWN:
                # Anki draws no such card: an error about the template in its place
                raise TemplateError(f"{{{{{inner}}}}} names a field the note type does not "
                                    "have (Anki shows an error in place of such a card)")
            if name.strip() not in known or filters not in filters_known:
                raise TemplateError(f"it uses {{{{{inner}}}}}")
            stack[-1][2].append(FieldRef(name.strip(), "".join(filters)))
    if len(stack) > 1:
        raise TemplateError(f"the section {{{{#{stack[-1][0]}}}}} is never closed")
    if template[pos:]:
        stack[0][2].append(Text(template[pos:]))
    return tuple(stack[0][2])


# On the front, what Anki does not show until the learner asks: a typed answer's field (the
# answer itself) and a hint (behind a "show" link).
_HELD_BACK = ("type", "hint")


def fields_by_side(front: str, back: str, fields: Sequence[str]) -> tuple[list[str], list[str]]:
    """For a card template quizapp does not render: the fields its front shows, and the
    fields for the back (those its back names that the front does not show, then the
    front's typed answers and hints), each in the order the templates name them. Only the
    names are read (any filter, a section's text is not); a field named by neither side is
    on neither, as in Anki."""
    known = set(fields)

    def named(template: str) -> list[tuple[str, list[str]]]:
        out = []
        for m in _TAG.finditer(template):
            inner = m.group(1).strip()
            if inner[:1] in ("#", "^", "/") or inner == "FrontSide":
                continue
            *filters, name = inner.split(":")
            if name.strip() in known:
                out.append((name.strip(), [f.strip() for f in filters]))
        return out

    front_refs = named(front)
    on_front = dict.fromkeys(name for name, filters in front_refs
                             if not any(f in _HELD_BACK for f in filters))
    held = [name for name, filters in front_refs if any(f in _HELD_BACK for f in filters)]
    on_back = dict.fromkeys(name for name in [*(n for n, _ in named(back)), *held]
                            if name not in on_front)
    return list(on_front), list(on_back)


def field_names(nodes: Sequence[Node]) -> set[str]:
    """The fields a template shows or tests."""
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, FieldRef):
            out.add(node.name)
        elif isinstance(node, Section):
            out.add(node.name)
            out |= field_names(node.body)
    return out


def spoken_fields(nodes: Sequence[Node]) -> list[str]:
    """The fields a template has Anki speak ({{tts ...:Field}}), which it shows no text of."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, FieldRef) and node.filter == "tts":
            out.append(node.name)
        elif isinstance(node, Section):
            out += spoken_fields(node.body)
    return out


def cloze_field(nodes: Sequence[Node]) -> str | None:
    """The field the first `{{cloze:Field}}` names (the one with the blanks), if any."""
    for node in nodes:
        if isinstance(node, FieldRef) and node.filter == "cloze":
            return node.name
        if isinstance(node, Section) and (inner := cloze_field(node.body)) is not None:
            return inner
    return None


def is_empty(value: str) -> bool:
    """Anki's test for a section: no text once tags are gone (a picture counts as text)."""
    text = _ANY_TAG.sub("", _IMAGE_NAME.sub(r" \1 ", value))
    return not html.unescape(text).replace("\xa0", " ").strip()


def render(nodes: Sequence[Node], values: Mapping[str, str], *, back: bool) -> str:
    """The HTML of one side. On the back, {{FrontSide}} and anything before Anki's answer
    rule (<hr id=answer>) are left out: quizapp shows the front above the back already."""
    out = "".join(_render(nodes, values, back))
    if back:
        rule = _ANSWER_RULE.search(out)
        if rule is not None:
            out = out[rule.end() :]
    return out


def _render(nodes: Sequence[Node], values: Mapping[str, str], back: bool) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.html)
        elif isinstance(node, FieldRef):
            value = values.get(node.name, "")
            if node.filter in ("cloze", "tts"):
                # the text with the blanks is the cloze question's own text; speech shows none
                pass
            elif node.filter == "type":
                # the front's typing box has no place on a flashcard; the back shows the answer
                out.append(value if back else "")
            elif node.filter == "text":
                out.append(html.escape(html.unescape(_ANY_TAG.sub("", value)), quote=False))
            elif node.filter in _READINGS:
                out.append(_reading(value, node.filter))
            else:
                out.append(value)
        elif isinstance(node, Section):
            if is_empty(values.get(node.name, "")) == node.when_empty:
                out += _render(node.body, values, back)
    return out


# Anki's reading of a word, 日本[にほん] (rslib/src/template_filters.rs): a space before it
# only separates it from the word before. A [sound:...] is no reading and stays as it is.
# Anki's ' ?([^ >]+?)\[(.+?)\]', with each part at most a line of text: Python tries it
# from every character, and unbounded it scanned to the end each time (a field of 20,000
# letters then ' [' took 6 s).
_FURIGANA = re.compile(r" ?([^ >\[\]]{1,100}?)\[([^\]]{1,200}?)\]")
_READINGS = {"kanji": r"\1", "kana": r"\2", "furigana": r"\1(\2)"}


def _reading(value: str, name: str) -> str:
    def shown(m: re.Match) -> str:
        return m.group(0) if m.group(2).startswith("sound:") else m.expand(_READINGS[name])

    return _FURIGANA.sub(shown, value.replace("&nbsp;", " "))
