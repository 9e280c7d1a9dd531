"""An Anki note type as the importer needs it (NoteType, read from either schema), and each
card's sides drawn from its card templates (CardTemplates).

Split from anki_import.py, which reads the notes and asks CardTemplates for their cards.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from . import anki_templates as templates
from .anki_lines import after_front
from .anki_package import protobuf_fields as _fields
from .anki_reader import DeckReader
from .anki_templates import Nodes, TemplateError


@dataclass
class NoteType:
    """What the importer needs of an Anki note type."""

    name: str
    is_cloze: bool
    fields: list[str] = field(default_factory=list)  # in the order of the note's fields
    # card ordinal -> (template name, front template, back template)
    templates: dict[int, tuple[str, str, str]] = field(default_factory=dict)


def note_types(db: sqlite3.Connection) -> dict[int, NoteType]:
    """note type id -> its name, kind, fields and card templates, from either schema."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    out: dict[int, NoteType] = {}
    if "notetypes" in tables:
        for ntid, name, config in db.execute("SELECT id, name, config FROM notetypes"):
            kind = dict(_fields(config or b"")).get(1, 0)
            out[int(ntid)] = NoteType(str(name), kind == 1)
        for ntid, _ordinal, name in db.execute("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord"):
            if int(ntid) in out:
                out[int(ntid)].fields.append(str(name))
        for ntid, ordinal, name, config in db.execute(
                "SELECT ntid, ord, name, config FROM templates"):
            formats = {n: v for n, v in _fields(config or b"") if isinstance(v, bytes)}
            if int(ntid) in out:
                out[int(ntid)].templates[int(ordinal)] = (
                    str(name), formats.get(1, b"").decode("utf-8", "replace"),
                    formats.get(2, b"").decode("utf-8", "replace"))
        return out
    row = db.execute("SELECT models FROM col").fetchone()
    for key, model in json.loads(row[0] if row and row[0] else "{}").items():
        fields_ = sorted(model.get("flds") or [], key=lambda f: f.get("ord", 0))
        templates = {int(t.get("ord", 0)): (str(t.get("name", "")), str(t.get("qfmt") or ""),
                                            str(t.get("afmt") or ""))
                     for t in model.get("tmpls") or []}
        out[int(key)] = NoteType(str(model.get("name", "")), model.get("type") == 1,
                                 [str(f.get("name", "")) for f in fields_], templates)
    return out


class CardTemplates:
    """Each card's sides drawn from its note type's template (anki_templates), parsed once
    per template; None for a card whose template quizapp does not render, which is then
    read by field order, with one warning for its note type."""

    def __init__(self, reader: DeckReader) -> None:
        self.reader = reader
        self.parsed: dict[tuple[int, int], tuple[Nodes, Nodes] | None] = {}
        self.unshown: dict[str, set[str]] = {}  # note type -> fields on none of its cards
        self.unshown_of_type: dict[int, list[int]] = {}  # note type id -> field positions
        # (note type id, card ordinal) -> the positions of the fields on the front and on
        # the back of a card whose template is not rendered but names its fields
        self.by_side: dict[tuple[int, int], tuple[list[int], list[int]]] = {}

    def _parse(self, ntid: int, kind: NoteType, ordinal: int) -> tuple[Nodes, Nodes] | None:
        key = (ntid, ordinal)
        if key not in self.parsed:
            self.parsed[key] = None
            name, front, back = kind.templates.get(ordinal, ("", "", ""))
            try:
                if not front:
                    raise TemplateError("it has no front template")
                self.parsed[key] = parsed = (
                    templates.parse(front, kind.fields, back=False, cloze=kind.is_cloze),
                    templates.parse(back, kind.fields, back=True, cloze=kind.is_cloze))
                if spoken := templates.spoken_fields(parsed[0] + parsed[1]):
                    self.reader.report.warn(
                        0, f"note type {kind.name!r}, card template {name or ordinal + 1!r}: "
                        f"Anki speaks the field(s) {_names(list(dict.fromkeys(spoken)))} "
                        "({{tts}}), which quizapp cannot: left out, as sound is")
            except TemplateError as exc:
                self.reader.report.warn(
                    0, f"note type {kind.name!r}, card template {name or ordinal + 1!r}: {exc}; "
                    f"quizapp does not render it, so {self._fallback(key, kind, front, back)}")
        return self.parsed[key]

    def _fallback(self, key: tuple[int, int], kind: NoteType, front: str, back: str) -> str:
        """How the cards of a template that is not rendered are read, in words: each side
        with the fields its template names (kept in by_side), else by field order."""
        if kind.is_cloze:
            return ("its notes were read by field order (the first field as the text, the "
                    "others after it)")
        on_front, on_back = templates.fields_by_side(front, back, kind.fields)
        if not on_front or not on_back:
            if key[1]:  # a second card is read as the first one turned round
                return ("its cards were read by field order, as the first card reversed (the "
                        "other fields on the front, the first field on the back)")
            return ("its cards were read by field order (the first field on the front, the "
                    "others on the back)")
        self.by_side[key] = ([kind.fields.index(n) for n in on_front],
                             [kind.fields.index(n) for n in on_back])
        return (f"its cards show the fields its front names on the front ({_names(on_front)}) "
                f"and the others it names on the back ({_names(on_back)}); a typed answer or a "
                "hint on the front goes on the back, as Anki shows it only when asked")

    def named_sides(self, ntid: int, ordinal: int, raw_fields: list[str],
                    converted: dict[str, str]) -> tuple[str, str] | None:
        """A card of a template that is not rendered, from the fields it names (only those
        are converted: a picture in a field no card shows is not copied); None when it is
        read by field order."""
        positions = self.by_side.get((ntid, ordinal))
        if positions is None:
            return None
        sides = []
        for side in positions:
            texts = []
            for n in side:
                raw = raw_fields[n] if n < len(raw_fields) else ""
                if raw not in converted:
                    converted[raw] = self.reader.markdown(raw)
                if converted[raw]:
                    texts.append(converted[raw])
            sides.append("\n\n".join(texts))
        return sides[0], sides[1]

    def sides(self, ntid: int, kind: NoteType, ordinal: int, raw_fields: list[str],
              converted: dict[str, str]) -> tuple[str, str] | None:
        """The card's front and back as Markdown; `converted` keeps the note's HTML already
        converted (a reversed card's front is the other card's back)."""
        parsed = self._parse(ntid, kind, ordinal)
        if parsed is None:
            return None
        values = dict(zip(kind.fields, raw_fields, strict=False))
        sides = []
        for nodes, is_back in ((parsed[0], False), (parsed[1], True)):
            side = templates.render(nodes, values, back=is_back).strip()
            if side not in converted:
                converted[side] = self.reader.markdown(side)
            sides.append(converted[side])
        front, back = sides
        return front, after_front(front, back)

    def cloze_sides(self, ntid: int, kind: NoteType, raw_fields: list[str],
                    ) -> tuple[str, str, str] | None:
        """A cloze note's text with the blanks (HTML: the field its template's
        `{{cloze:Field}}` names), and the rest of its front (the prompt, shown before the text)
        and of its back (the explanation) as Markdown. None when its template is not
        rendered or names no cloze field; the note is then read by field order."""
        parsed = self._parse(ntid, kind, 0)  # every card of a cloze note has template 0
        if parsed is None:
            return None
        name = templates.cloze_field(parsed[0])
        if name is None:
            return None
        values = dict(zip(kind.fields, raw_fields, strict=False))
        prompt, explanation = (
            self.reader.markdown(templates.render(nodes, values, back=is_back).strip())
            for nodes, is_back in ((parsed[0], False), (parsed[1], True)))
        if prompt and explanation == prompt:
            explanation = ""
        return values.get(name, ""), prompt, after_front(prompt, explanation)


    def _unshown_fields(self, ntid: int, kind: NoteType) -> list[int]:
        """The positions of the fields no card of the note type shows; none when a card
        is read by field order (every field is on it)."""
        if ntid not in self.unshown_of_type:
            shown: set[str] = set()
            for ordinal in kind.templates:
                parsed = self._parse(ntid, kind, ordinal)
                if parsed is not None:
                    shown |= templates.field_names(parsed[0]) | templates.field_names(parsed[1])
                elif (ntid, ordinal) in self.by_side:
                    shown |= {kind.fields[n] for side in self.by_side[ntid, ordinal]
                              for n in side}
                else:
                    shown = set(kind.fields)
                    break
            self.unshown_of_type[ntid] = [n for n, name in enumerate(kind.fields)
                                          if name not in shown]
        return self.unshown_of_type[ntid]

    def note_shown(self, ntid: int, kind: NoteType, raw_fields: list[str]) -> None:
        """Remember the fields with text that none of the note type's cards shows."""
        hidden = {kind.fields[n] for n in self._unshown_fields(ntid, kind)
                  if n < len(raw_fields) and not templates.is_empty(raw_fields[n])}
        if hidden:
            self.unshown.setdefault(kind.name, set()).update(hidden)

    def warn_unshown(self) -> None:
        for kind, names in sorted(self.unshown.items()):
            listed = ", ".join(repr(n) for n in sorted(names))
            self.reader.report.warn(0, f"note type {kind!r}: the field(s) {listed} are on none "
                                    "of its cards, so Anki never shows them; they were left out")



def _names(fields: list[str]) -> str:
    return ", ".join(repr(name) for name in fields)
