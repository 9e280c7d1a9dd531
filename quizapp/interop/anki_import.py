"""Anki decks in: .apkg (a deck) and .colpkg (a whole collection).

Both are zip files. The collection inside is SQLite: `collection.anki21b`
compressed with zstd (the current format, schema 18, note types in their own
table) or `collection.anki21` / `collection.anki2` as is (older formats, note
types as JSON in the `col` row). The `media` member maps the zip's numbered
files to their names: JSON in the older formats; in the current one a
zstd-compressed protobuf (MediaEntries), and the media files themselves are
zstd-compressed too (see rslib/src/import_export/package/ in Anki's source).

Each card of a note becomes a flashcard drawn from its card template
(anki_templates), Cloze notes become cloze questions (the text from the field its
template's {{cloze:Field}} names, the rest of the front as the prompt); HTML becomes safe
Markdown, pictures are copied into the bank's folder and sound is reported. A
note quizapp cannot hold, or whose question fails quizapp's own check, is left
out with a warning naming it (NoteRef). The review log can be replayed as a
learner's history (see `replay_history`).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from urllib.parse import unquote

from quizapp.core.leftovers import temporary_folder
from quizapp.core.model import Bank, Flashcard, Question
from quizapp.core.plural import counted
from quizapp.core.yaml_fields import shown

from . import anki_templates as templates
from ._common import (
    MARKDOWN_PICTURE,
    MAX_IMPORT_BYTES,
    IdAllocator,
    InteropError,
    Report,
    StopCheck,
    anki_ids_marked,
    bank_from_questions,
    html_to_text,
    never_stop,
    stop_point,
)
from .anki_cloze import BLANK_CLOSE, BLANK_OPEN, cloze_question
from .anki_decks import deck_paths, deck_title, subdeck_tags, subdecks_said
from .anki_lines import after_front, div_lines, hard_line_breaks, html_line_breaks_as_spaces
from .anki_occlusion import occlusion_cards, picture_source
from .anki_package import DAMAGED_MEMBER, open_collection
from .anki_package import media_map as _media_map
from .anki_package import protobuf_fields as _fields
from .anki_package import zstd_bytes as _zstd
from .anki_templates import Nodes, TemplateError
from .bank_check import check_bank
from .moodle_common import IMAGE_SUFFIXES, MAX_MEDIA_BYTES, unique_media_path
from .moodle_common import safe_file_name as _safe_file_name
from .moodle_html import code_span, moodle_html_to_markdown

_SOUND = re.compile(r"\[sound:([^\]]*)\]")
# Anki's LaTeX ([latex]...[/latex], [$]...[/$], [$$]...[/$$]), kept as its source in code
_ANKI_LATEX = re.compile(r"\[(latex|\$\$|\$)\].+?\[/\1\]", re.S | re.I)
_HELD = "\ue002"  # marks where such LaTeX goes while the rest becomes Markdown
_PICTURE = MARKDOWN_PICTURE
LABEL_LENGTH = 50  # characters of a note's first field that name it in a warning


@dataclass
class Review:
    """One line of Anki's review log, for the question it was about."""

    question_id: str
    when: datetime
    rating: int  # 1 Again .. 4 Easy
    seconds: float


@dataclass
class AnkiDeck:
    questions: list[Question]
    warnings: list[str]
    media: dict[str, bytes] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)
    # question id -> the note (and card) it came from, for warnings
    origins: dict[str, NoteRef] = field(default_factory=dict)
    title: str | None = None  # the deck's name (None: the file's is the bank's title)


class _Reader:
    def __init__(self, path: str, archive: zipfile.ZipFile, compressed: bool,
                 media_folder: str | None) -> None:
        self.report = Report(path)
        self.archive = archive
        self.compressed = compressed
        self.media_unreadable = False  # warned once: no picture needs a warning of its own
        try:
            self.media_map = _media_map(archive, compressed)
        except InteropError as exc:  # the notes can still be read, without their media
            self.media_map, self.media_unreadable = {}, True
            self.report.warn(0, f"{exc}; the deck's pictures were left out")
        self.media_folder = media_folder
        self.media: dict[str, bytes] = {}
        # the deck's media name -> its path in the bank: names that become the same safe
        # file name ('x y.png', 'x_y.png') get files of their own ('x_y.png', 'x_y-2.png')
        self.saved_as: dict[str, str] = {}
        self.ids = IdAllocator()
        self.sounds: set[str] = set()
        self._said: set[str] = set()
        self._missing: set[str] = set()  # pictures a note shows that the deck lacks
        self.note: NoteRef | None = None  # the note being read, named in its warnings

    def warn_once(self, message: str) -> None:
        """A field can be drawn on several cards; what it lacks is said once."""
        if message not in self._said:
            self._said.add(message)
            self.report.warn(0, message)

    def picture(self, src: str, alt: str) -> str | None:
        name = src.strip()
        member = self.media_map.get(name)
        if member is None and "%" in name:  # 'my%20pic.png', as a web page names a file:
            member = self.media_map.get(unquote(name))  # Anki's card shows 'my pic.png'
            name = unquote(name) if member is not None else name
        if member is None and self.media_unreadable:
            return None
        if member is None or not name.lower().endswith(IMAGE_SUFFIXES):
            if name not in self._missing:  # said once, with the first note showing it
                self._missing.add(name)
                where = f"{self.note}: " if self.note is not None else ""
                self.report.warn(0, f"{where}the picture {name!r} is not in the deck; only "
                                 "its description was kept")
            return None
        if self.media_folder is None:
            self.warn_once(f"the picture {name!r} was not saved (write the bank to a "
                           "file with -o to keep its pictures)")
            return None
        relative = self.saved_as.get(name)
        if relative is None:
            try:
                info = self.archive.getinfo(member)
            except KeyError:  # the deck's list of media names a file it does not hold
                self.warn_once(f"the picture {name!r} is missing from the deck; only its "
                               "description was kept")
                return None
            if info.file_size > MAX_MEDIA_BYTES:
                self.warn_once(f"the picture {name!r} is too large; it was left out")
                return None
            try:
                data = self.archive.read(member)
                if self.compressed:  # the size above is the compressed one
                    data = _zstd(data, MAX_MEDIA_BYTES, f"the picture {name!r}")
            except InteropError as exc:
                self.warn_once(f"{exc}; it was left out")
                return None
            except DAMAGED_MEMBER:
                self.warn_once(f"the picture {name!r} is damaged in the deck; it was left out")
                return None
            relative = unique_media_path(self.media_folder, _safe_file_name(name), self.media)
            self.saved_as[name] = relative
            self.media[relative] = data
        label = alt.replace("[", "").replace("]", "") or "picture"
        return f"![{label}]({relative})"

    def picture_data(self, src: str) -> tuple[str, bytes] | None:
        """A picture of the deck, copied as `picture` copies it: (its path, its bytes); None
        for one the deck lacks (the caller says so)."""
        if all(self.media_map.get(n) is None for n in (src.strip(), unquote(src.strip()))):
            return None
        shown = self.picture(src, "")
        relative = shown[shown.rindex("(") + 1 : -1] if shown else None
        return (relative, self.media[relative]) if relative in self.media else None

    def add_picture(self, name: str, data: bytes) -> str:
        """A picture made for the bank (an image occlusion's masks), as Markdown."""
        relative = unique_media_path(str(self.media_folder), _safe_file_name(name), self.media)
        self.media[relative] = data
        return f"![picture]({relative})"

    def markdown(self, html: str) -> str:
        """A field's HTML as Markdown that shows what Anki shows: its text escaped ('# x',
        '__x__', '1. x' stay text), tables, numbered lists and TeX kept (TeX as its source,
        which Anki typesets and quizapp does not); what is lost is said for the note."""
        def sound(m: re.Match) -> str:
            self.sounds.add(m.group(1))
            return ""

        latex: list[str] = []

        def hold(m: re.Match) -> str:  # Anki's own LaTeX, which it draws as a picture
            source = " ".join(html_to_text(m.group(0)).split())
            latex.append(code_span(source))
            notes.append(f"the LaTeX {source!r} is shown as its source: quizapp does not "
                         "typeset math")
            return f"{_HELD}{len(latex) - 1}{_HELD}"

        notes: list[str] = []
        html = _ANKI_LATEX.sub(hold, _SOUND.sub(sound, html).replace(_HELD, ""))
        text, more = moodle_html_to_markdown(div_lines(html_line_breaks_as_spaces(html)), self.picture,
                                             nested_lists=True)
        text = hard_line_breaks(text)
        notes += more
        if latex:
            text = re.sub(f"{_HELD}(\\d+){_HELD}", lambda m: latex[int(m.group(1))], text)
        for note in notes:
            note = note.replace(BLANK_OPEN, "{{").replace(BLANK_CLOSE, "}}")  # a cloze's
            self.warn_once(f"{self.note}: {note}" if self.note is not None else note)
        return text


_SUSPENDED = -1  # a card's queue when its learner suspended it in Anki

# The collection is read from a folder of its own in TMPDIR, named with the process id: a
# WAL collection gets -wal and -shm files beside it that a read-only connection leaves, and
# a killed import leaves the whole folder, which the next import removes (core/leftovers).
TEMP_PREFIX = "quizapp-anki-"


@dataclass
class NoteType:
    """What the importer needs of an Anki note type."""

    name: str
    is_cloze: bool
    fields: list[str] = field(default_factory=list)  # in the order of the note's fields
    # card ordinal -> (template name, front template, back template)
    templates: dict[int, tuple[str, str, str]] = field(default_factory=dict)


def _note_types(db: sqlite3.Connection) -> dict[int, NoteType]:
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


class _CardTemplates:
    """Each card's sides drawn from its note type's template (anki_templates), parsed once
    per template; None for a card whose template quizapp does not render, which is then
    read by field order, with one warning for its note type."""

    def __init__(self, reader: _Reader) -> None:
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


@dataclass(frozen=True)
class _NoteIdentity:
    """What names a note from one import to the next: its guid, which Anki keeps however
    the note is edited or the deck exported, and the question id quizapp's own export wrote
    into it. A card's question id comes from them, so that importing the deck again gives
    every card its id again, and a learner's progress carries over."""

    guid: str
    quizapp_ids: tuple[str, ...]  # one for each card quizapp wrote, in card order

    @property
    def kept_guid(self) -> str | None:
        """The guid the questions keep (Question.anki_guid), for the export to write back:
        none for a guid a bank cannot hold (blanks around it, control characters, a page of
        text), said in a warning; a space or YAML's signs inside it are kept ('? x', 'a: b'):
        the bank's writer quotes them."""
        guid = self.guid
        if guid and len(guid) <= 64 and guid.isprintable() and guid == guid.strip():
            return guid
        return None

    def question_id(self, ids: IdAllocator, ordinal: int, words: str) -> str:
        marked = self.quizapp_ids[ordinal] if ordinal < len(self.quizapp_ids) else None
        # Only an id a bank can hold: a mark edited into blanks or control characters
        # (%0A) would make a card the bank's check drops.
        if marked and marked.strip() == marked and marked.isprintable():
            return ids.exact(marked)
        if self.guid:
            digest = hashlib.sha256(self.guid.encode("utf-8", "surrogatepass")).hexdigest()
            card = f"-card{ordinal + 1}" if ordinal else ""
            return ids.exact(f"anki-{digest[:10]}{card}")
        return ids.allocate(None, words)  # a note without a guid: from its words


def _warn(reader: _Reader, where: NoteRef, message: str) -> None:
    """A warning about the note `where`."""
    reader.report.warn(0, f"{where}: {message}")


def _names(fields: list[str]) -> str:
    return ", ".join(repr(name) for name in fields)


def read_anki_package(path: str | Path, media_folder: str | None = None, *,
                      should_stop: StopCheck = never_stop) -> AnkiDeck:
    """The questions, warnings, pictures and review log of an .apkg or .colpkg file."""
    path = Path(path)
    size = path.stat().st_size
    if not size:
        raise InteropError(f"{path}: this file is empty, not an Anki deck")
    if size > MAX_IMPORT_BYTES * 10:
        raise InteropError(f"{path}: the deck is too large to import")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InteropError(f"{path}: this is not an Anki deck (not a zip file: {exc})") from None
    with archive, temporary_folder(TEMP_PREFIX) as folder:
        db, compressed = open_collection(archive, str(path), folder)
        try:
            stop_point(should_stop)
            reader = _Reader(str(path), archive, compressed, media_folder)
            return _read(db, reader, should_stop)
        except InteropError:
            raise
        except sqlite3.Error as exc:  # a table or column Anki always writes is missing
            raise InteropError(f"{path}: the deck's collection is damaged: {exc}") from None
        except (ValueError, TypeError, AttributeError, KeyError):
            # what Anki never writes: note types that are not JSON or not a mapping, an id
            # that is text
            raise InteropError(f"{path}: the deck's collection is damaged: its note types, "
                               "notes, cards or reviews hold what Anki never writes") from None
        finally:
            db.close()  # before its folder goes: the -wal and -shm go with it


def note_label(first_field: str) -> str:
    """A note as a teacher finds it in Anki's browser: its first field's text, shortened."""
    text = " ".join(html_to_text(_SOUND.sub("", first_field)).split())
    if len(text) > LABEL_LENGTH:
        text = text[: LABEL_LENGTH - 1].rstrip() + "…"
    if text or (picture := picture_source(first_field)) is None:
        return f'"{text}"' if text else "(its first field is empty)"
    return f"(its first field is the picture {picture!r})"


@dataclass(frozen=True)
class NoteRef:
    """A note (and card) as warnings name it; the label is made only when one is written."""

    number: int  # in the deck's order of notes
    first_field: str  # its HTML
    note_type: str
    card: int | None = None  # 1-based, for a note with several cards

    def __str__(self) -> str:
        kind = f" ({self.note_type})" if self.note_type else ""
        card = f", card {self.card}" if self.card is not None else ""
        return f"note {self.number} {note_label(self.first_field)}{kind}{card}"


def _card_tags(note_tags: tuple[str, ...], subdeck: str | None) -> tuple[str, ...]:
    return note_tags + (subdeck,) if subdeck else note_tags


def _read(db: sqlite3.Connection, reader: _Reader, should_stop: StopCheck) -> AnkiDeck:
    types = _note_types(db)
    cards: dict[int, list[tuple[int, int]]] = {}  # note id -> [(card id, ord)]
    decks = deck_paths(db)
    card_decks: dict[int, tuple[str, ...]] = {}  # card id -> its deck
    suspended: set[int] = set()  # card ids
    for cid, nid, ordinal, did, odid, queue in db.execute(
            "SELECT id, nid, ord, did, odid, queue FROM cards ORDER BY nid, ord"):
        cards.setdefault(int(nid), []).append((int(cid), int(ordinal)))
        # a card in a filtered deck belongs to its original deck (odid)
        card_decks[int(cid)] = decks.get(int(odid or did), ())
        if queue == _SUSPENDED:
            suspended.add(int(cid))
    # each card's own subdeck (a reversed card may be in another: the warning counts its
    # note in each); a cloze note, one question, is tagged with its first card's
    card_subdecks = subdeck_tags(card_decks)
    subdecks = {nid: card_subdecks[note_cards[0][0]] for nid, note_cards in cards.items()
                if note_cards[0][0] in card_subdecks}
    noted = {(nid, card_subdecks[c]): c for nid, cs in cards.items() for c, _ in cs
             if c in card_subdecks}  # one card of each note in each subdeck
    if said := subdecks_said({c: tag for (_, tag), c in noted.items()}):
        reader.report.warn(0, said)
    questions: list[Question] = []
    origins: dict[str, NoteRef] = {}
    question_of_card: dict[int, str] = {}
    other_cards: dict[int, NoteRef] = {}  # card id -> its cloze note, for cards 2 and on
    number = 0
    occluded = False  # an image occlusion note was read (its picture is copied, not shown)
    card_templates = _CardTemplates(reader)
    for nid, guid, mid, tags, flds in db.execute(
            "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id"):
        stop_point(should_stop)
        number += 1
        kind = types.get(int(mid), NoteType("", False))
        raw_fields = str(flds).split("\x1f")
        identity = _NoteIdentity(str(guid or ""), anki_ids_marked(str(flds)))
        own_tags = tuple(t for t in str(tags).split() if t)
        note_tags = own_tags + ((subdecks[int(nid)],) if int(nid) in subdecks else ())
        where = reader.note = NoteRef(number, raw_fields[0], kind.name)
        if kind.is_cloze and "image-occlusion:" in str(flds):  # a flashcard for each card
            occluded = True
            note_cards = cards.get(int(nid), [])
            masked = occlusion_cards(
                dict(zip(kind.fields, raw_fields, strict=False)), [o for _, o in note_cards],
                picture_data=reader.picture_data, add_picture=reader.add_picture,
                markdown=reader.markdown, warn=partial(_warn, reader, where),
                stop=partial(stop_point, should_stop))
            for cid, ordinal in note_cards:
                if (occlusion := masked.get(ordinal)) is not None:
                    words = _PICTURE.sub("", occlusion.front)  # the header's, if any
                    card = Flashcard(id=identity.question_id(reader.ids, ordinal, words),
                                     prompt=occlusion.front, back=occlusion.back,
                                     tags=_card_tags(own_tags, card_subdecks.get(cid)),
                                     anki_guid=identity.kept_guid)
                    questions.append(card)
                    origins[card.id] = replace(where, card=ordinal + 1)
                    question_of_card[cid] = card.id
            continue
        if identity.guid and identity.kept_guid is None:
            _warn(reader, where, f"its Anki id (guid) {shown(identity.guid)!r} cannot be kept "
                  "in a bank (blanks around it, a control character, or over 64 characters): "
                  "exported to Anki again, it comes back as a new note")
        if kind.is_cloze:
            drawn = card_templates.cloze_sides(int(mid), kind, raw_fields)
            if drawn is None:  # by field order: the text first, the other fields after it
                others = (reader.markdown(v) for v in raw_fields[1:])
                drawn = (raw_fields[0], "", "\n\n".join(v for v in others if v))
            else:  # a field its template never shows is said once, as for other notes
                card_templates.note_shown(int(mid), kind, raw_fields)
            text_html, prompt, explanation = drawn
            q = cloze_question(text_html, prompt, explanation, note_tags,
                               markdown=reader.markdown, warn=partial(_warn, reader, where),
                               name=partial(identity.question_id, reader.ids, 0))
            if q is not None:
                q = replace(q, anki_guid=identity.kept_guid)
                questions.append(q)
                origins[q.id] = where
                # one question for every card of the note: it takes the first card's
                # reviews (two cards' reviews poured into one would make a schedule neither
                # card had); the others' are said below, if any
                first, *later_cards = cards.get(int(nid), [(0, 0)])
                question_of_card[first[0]] = q.id
                other_cards.update({cid: where for cid, _ in later_cards})
            continue
        note_cards = cards.get(int(nid), [(0, 0)])
        values: list[str] = []  # the fields as Markdown, for a card read by field order
        converted: dict[str, str] = {}  # the note's HTML -> Markdown, for its cards
        by_field_order: str | None = None  # the back of such a card
        for cid, ordinal in note_cards:
            sides = card_templates.sides(int(mid), kind, ordinal, raw_fields, converted)
            if sides is None:
                sides = card_templates.named_sides(int(mid), ordinal, raw_fields, converted)
            if sides is None:
                values = values or [reader.markdown(v) for v in raw_fields]
                if len(values) < 2 or not values[0]:
                    reader.report.warn(0, f"{where}: it has no front; it was skipped")
                    break
                if by_field_order is None:
                    extra = [v for v in values[2:] if v]
                    if extra:
                        reader.report.warn(0, f"{where}: its fields after the second were "
                                           "added to the back of the card")
                    by_field_order = "\n\n".join([values[1], *extra]).strip()
                if ordinal > 1:
                    reader.report.warn(0, f"{where}: card {ordinal + 1} of this note type "
                                       "is read as a reversed card")
                sides = ((values[0], by_field_order) if ordinal == 0
                         else (by_field_order, values[0]))
            front, answer = sides
            # An empty back is kept (back: "" in the bank), as Anki shows such a card; an
            # empty front is not: Anki makes no card of it either
            if not front:
                reader.report.warn(0, f"{where}: card {ordinal + 1} has an empty front; "
                                   "it was skipped")
                continue
            words = _PICTURE.sub("", front)  # the id comes from the words, not a file name
            q = Flashcard(id=identity.question_id(reader.ids, ordinal, words), prompt=front,
                          back=answer, tags=_card_tags(own_tags, card_subdecks.get(cid)),
                          anki_guid=identity.kept_guid)
            questions.append(q)
            origins[q.id] = where if len(note_cards) == 1 else replace(where, card=ordinal + 1)
            question_of_card[cid] = q.id
        card_templates.note_shown(int(mid), kind, raw_fields)
    card_templates.warn_unshown()
    if unsuspended := [origins[question_of_card[c]] for c in sorted(suspended)
                       if c in question_of_card]:
        they = "it comes" if len(unsuspended) == 1 else "they come"
        reader.report.warn(0, f"{counted(len(unsuspended), 'card')} suspended in Anki (such as "
                           f"{unsuspended[0]}): quizapp has no suspended cards, so {they} up "
                           "like the others; delete what you do not want to study from the bank")
    if reader.sounds:
        reader.report.warn(0, f"{len(reader.sounds)} sound file(s) such as "
                           f"{sorted(reader.sounds)[0]!r} were left out: quizapp plays no sound")
    reviews = []
    unkept: dict[NoteRef, None] = {}  # cloze notes whose later cards' reviews are left out
    for rid, cid, ease, duration in db.execute(
            "SELECT id, cid, ease, time FROM revlog ORDER BY id"):
        qid = question_of_card.get(int(cid))
        if qid is None and int(cid) in other_cards and 1 <= int(ease) <= 4:
            unkept[other_cards[int(cid)]] = None
        if qid is None or not 1 <= int(ease) <= 4:
            continue  # a card not imported, or a manual reschedule (ease 0)
        when = datetime.fromtimestamp(int(rid) / 1000, UTC)
        reviews.append(Review(qid, when, int(ease), max(0.0, int(duration) / 1000)))
    if unkept:
        notes = list(unkept)
        reader.report.warn(0, f"{len(notes)} cloze note(s) such as {notes[0]} have reviews "
                           "of their cards 2 and on: a quizapp cloze question is one card "
                           "with every blank, so it keeps card 1's review history (the one "
                           "--with-history replays) and the other cards' was left out")
    deck = AnkiDeck(questions, reader.report.warnings, reader.media, reviews, origins,
                    deck_title(card_decks.values()))
    if occluded:  # the pictures the masks were drawn on are not shown themselves
        _drop(deck, set())
    return deck


def anki_bank(path: str | Path, media_folder: str | None = None, *,
              should_stop: StopCheck = never_stop) -> tuple[Bank, AnkiDeck]:
    """The deck as a bank. A question that would not pass quizapp's own check (the
    importer met something it did not foresee) is left out with a warning naming its note,
    so that one odd note does not cost the deck."""
    deck = read_anki_package(path, media_folder, should_stop=should_stop)
    if deck.questions:
        check = check_bank(bank_from_questions(path, deck.questions), should_stop=should_stop)
        if check.by_question:
            report = Report(str(path), deck.warnings)
            for qid, errors in check.by_question.items():
                report.warn(0, f"{deck.origins.get(qid, qid)}: quizapp cannot use it "
                            f"({'; '.join(errors)}); it was skipped")
            _drop(deck, set(check.by_question))
        if check.general:
            raise InteropError(f"{path}: the converted deck does not pass quizapp's check: "
                               + "; ".join(check.general), deck.warnings)
    if not deck.questions:
        raise InteropError(f"{path}: no card could be imported from this Anki deck",
                           deck.warnings)
    bank = bank_from_questions(path, deck.questions)  # its id from the file's name
    return (replace(bank, title=deck.title) if deck.title else bank), deck


def _drop(deck: AnkiDeck, ids: set[str]) -> None:
    """Leave out these questions, their reviews, and pictures only they showed."""
    deck.questions = [q for q in deck.questions if q.id not in ids]
    deck.reviews = [r for r in deck.reviews if r.question_id not in ids]
    shown = "\n".join(value for q in deck.questions for f in fields(q)
                      if isinstance(value := getattr(q, f.name), str))
    deck.media = {name: data for name, data in deck.media.items() if f"]({name})" in shown}
