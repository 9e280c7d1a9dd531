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
Markdown, pictures are copied into the bank's folder and sound is reported
(anki_reader; the card templates in anki_card_sides). A
note quizapp cannot hold, or whose question fails quizapp's own check, is left
out with a warning naming it (NoteRef). The review log can be replayed as a
learner's history (see `replay_history`).
"""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from collections.abc import MutableMapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from quizapp.core.anki_note_type import CLOZE, MAX_CLOZE, OCCLUSION, AnkiNoteType
from quizapp.core.leftovers import temporary_folder
from quizapp.core.model import Bank, Cloze, Flashcard, Question
from quizapp.core.plural import counted
from quizapp.core.yaml_values import shown

from ._common import (
    MARKDOWN_PICTURE,
    MAX_IMPORT_BYTES,
    IdAllocator,
    InteropError,
    Report,
    StopCheck,
    anki_ids_marked,
    bank_from_questions,
    never_stop,
    stop_point,
)
from .anki_card_sides import CardTemplates, NoteType, note_types
from .anki_cloze import cloze_numbers, cloze_question
from .anki_decks import deck_paths, deck_title, subdeck_tags, subdecks_said
from .anki_occlusion import occlusion_cards, picture_source
from .anki_package import open_collection
from .anki_reader import DeckReader, NoteRef
from .anki_schedule import AnkiSchedule, card_schedules
from .bank_check import check_bank

_PICTURE = MARKDOWN_PICTURE


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
    # the pictures, by their path in the bank (a SpooledPictures: on disk, not in memory)
    media: MutableMapping[str, bytes] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)
    # question id -> the note (and card) it came from, for warnings
    origins: dict[str, NoteRef] = field(default_factory=dict)
    title: str | None = None  # the deck's name (None: the file's is the bank's title)
    # question id -> the FSRS schedule Anki gave its card, kept by --with-history
    schedules: dict[str, AnkiSchedule] = field(default_factory=dict)
    # the questions whose card the learner suspended in Anki, in the deck's card order
    # (kept suspended for the learner of --with-history: anki_history.replay_history)
    suspended: list[str] = field(default_factory=list)


_SUSPENDED = -1  # a card's queue when its learner suspended it in Anki
# a card's queue when it is buried till the next day: with a sibling just studied, or by hand
_BURIED = (-2, -3)

# The collection is read from a folder of its own in TMPDIR, named with the process id: a
# WAL collection gets -wal and -shm files beside it that a read-only connection leaves, and
# a killed import leaves the whole folder, which the next import removes (core/leftovers).
TEMP_PREFIX = "quizapp-anki-"



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


def _warn(reader: DeckReader, where: NoteRef, message: str) -> None:
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
            reader = DeckReader(str(path), archive, compressed, media_folder)
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



def _keep_note_type(questions: list[Question], first: int, ntid: int, kind: NoteType,
                    raw_fields: list[str], reader: DeckReader, ordinals: list[int],
                    converted: dict[str, str]) -> None:
    """Give the flashcards of one note (questions[first:], of the cards `ordinals`) the
    note type they came from (AnkiNoteType), when the note's first two fields can be
    written again from them: card 1 shows the first on its front and the second on its
    back, as they are, card 2 the other way round (Basic, reversed, typed answer, optional
    reversed); the fields after them, on no card, are kept as they are. Not otherwise:
    the export then writes the note in quizapp's note type, which Anki does not update a
    note from. converted: the note's HTML already made Markdown for its cards (a card's
    front is its first field's, when it shows that field as it is)."""
    made = questions[first:]
    if (not made or len(kind.fields) < 2 or len(raw_fields) != len(kind.fields)
            or kind.is_cloze or sorted(kind.templates) not in ([0], [0, 1])):
        return
    as_markdown = [converted[value] if value in converted else reader.markdown(value)
                   for value in raw_fields[:2]]
    for ordinal, q in zip(ordinals, made, strict=False):
        shown = (q.prompt, q.back) if isinstance(q, Flashcard) else None
        if shown != (as_markdown[ordinal], as_markdown[1 - ordinal]) or ordinal > 1:
            return
    if len(made) != len(ordinals):  # a card was skipped: which is which is not known
        return
    names = tuple(kind.templates[n][0] for n in sorted(kind.templates))
    for n, (ordinal, q) in enumerate(zip(ordinals, made, strict=True)):
        note_type = AnkiNoteType(ntid, kind.name, tuple(kind.fields), names, ordinal + 1,
                                 tuple(raw_fields[2:]))
        questions[first + n] = replace(q, anki_note_type=note_type.text())


def _cloze_note_type(q: Question, ntid: int, kind: NoteType, raw_fields: list[str],
                     text_html: str, reader: DeckReader) -> str | None:
    """The note type a cloze question keeps (AnkiNoteType.text(), kind cloze), when the
    note can be written again from it: its text is one field, its explanation another (or
    that field is empty), nothing else of the note is on its card, and its blanks' cloze
    numbers are known. None otherwise (it goes back in quizapp's note type)."""
    numbers = cloze_numbers(text_html)
    if (not isinstance(q, Cloze) or q.prompt or len(raw_fields) != len(kind.fields)
            or len(kind.fields) < 2 or sorted(kind.templates) != [0] or not numbers
            or not all(1 <= n <= MAX_CLOZE for n in numbers) or text_html not in raw_fields):
        return None
    text_at = raw_fields.index(text_html)
    others = [n for n in range(len(raw_fields)) if n != text_at]
    explanation = q.explanation or ""
    explained_at = next((n for n in others if (reader.markdown(raw_fields[n]) == explanation
                                               if explanation else not raw_fields[n].strip())),
                        None)
    if explained_at is None:
        return None
    return AnkiNoteType(ntid, kind.name, tuple(kind.fields), (kind.templates[0][0],), 1,
                        tuple(raw_fields[n] for n in others if n != explained_at), CLOZE,
                        (text_at, explained_at), numbers).text()


def _occlusion_note_type(ntid: int, kind: NoteType, raw_fields: list[str],
                         reader: DeckReader) -> AnkiNoteType | None:
    """The note type the flashcards of an image occlusion note keep (kind occlusion, card
    1 for now): Header and Back Extra are written again from their sides, the masks and the
    picture go back as they were. None when the note type lacks Anki's fields (Occlusion,
    Image, Header, Back Extra) or the note's picture was not copied into the bank."""
    named = dict(zip(kind.fields, range(len(kind.fields)), strict=False))
    header, extra = named.get("Header"), named.get("Back Extra")
    # the fields Anki's image occlusion card names (the export's template names them too)
    if (header is None or extra is None or "Image" not in named or "Occlusion" not in named
            or len(raw_fields) != len(kind.fields) or sorted(kind.templates) != [0]):
        return None
    source = picture_source(raw_fields[named["Image"]])
    found = reader.picture_data(source) if source is not None else None
    if found is None:
        return None
    return AnkiNoteType(ntid, kind.name, tuple(kind.fields), (kind.templates[0][0],), 1,
                        tuple(v for n, v in enumerate(raw_fields) if n not in (header, extra)),
                        OCCLUSION, (header, extra), picture=found[0])


def _keeps(reader: DeckReader, lost_before: int, where: NoteRef,
           losing: list[NoteRef]) -> bool:
    """Whether the note being read can keep its note type: it lost no sound or picture
    (written back over the learner's note, it would take them out of it). One that did is
    remembered in `losing`, to be said."""
    if reader.lost == lost_before:
        return True
    if not losing or losing[-1] != where:
        losing.append(where)
    return False


def _card_tags(note_tags: tuple[str, ...], subdeck: str | None) -> tuple[str, ...]:
    return note_tags + (subdeck,) if subdeck else note_tags


def _read(db: sqlite3.Connection, reader: DeckReader, should_stop: StopCheck) -> AnkiDeck:
    types = note_types(db)
    cards: dict[int, list[tuple[int, int]]] = {}  # note id -> [(card id, ord)]
    decks = deck_paths(db)
    card_decks: dict[int, tuple[str, ...]] = {}  # card id -> its deck
    suspended: set[int] = set()  # card ids
    buried: set[int] = set()
    for cid, nid, ordinal, did, odid, queue in db.execute(
            "SELECT id, nid, ord, did, odid, queue FROM cards ORDER BY nid, ord"):
        cards.setdefault(int(nid), []).append((int(cid), int(ordinal)))
        # a card in a filtered deck belongs to its original deck (odid)
        card_decks[int(cid)] = decks.get(int(odid or did), ())
        if queue == _SUSPENDED:
            suspended.add(int(cid))
        elif queue in _BURIED:
            buried.add(int(cid))
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
    losing: list[NoteRef] = []  # notes not written back over the learner's: they lost some
    question_of_card: dict[int, str] = {}
    other_cards: dict[int, NoteRef] = {}  # card id -> its cloze note, for cards 2 and on
    cloze_cards: dict[str, list[int]] = {}  # a cloze question -> every card of its note
    number = 0
    occluded = False  # an image occlusion note was read (its picture is copied, not shown)
    card_templates = CardTemplates(reader)
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
        lost_before = reader.lost  # (a note that loses a sound or a picture keeps no type)
        if kind.is_cloze and "image-occlusion:" in str(flds):  # a flashcard for each card
            occluded = True
            note_cards = cards.get(int(nid), [])
            masked = occlusion_cards(
                dict(zip(kind.fields, raw_fields, strict=False)), [o for _, o in note_cards],
                picture_data=reader.picture_data, add_picture=reader.add_picture,
                markdown=reader.markdown, warn=partial(_warn, reader, where),
                stop=partial(stop_point, should_stop))
            kept = (_occlusion_note_type(int(mid), kind, raw_fields, reader)
                    if masked and identity.kept_guid is not None
                    and _keeps(reader, lost_before, where, losing) else None)
            for cid, ordinal in note_cards:
                if (occlusion := masked.get(ordinal)) is not None:
                    words = _PICTURE.sub("", occlusion.front)  # the header's, if any
                    card = Flashcard(id=identity.question_id(reader.ids, ordinal, words),
                                     prompt=occlusion.front, back=occlusion.back,
                                     tags=_card_tags(own_tags, card_subdecks.get(cid)),
                                     anki_guid=identity.kept_guid,
                                     anki_note_type=None if kept is None else replace(
                                         kept, card=ordinal + 1).text())
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
                q = replace(q, anki_guid=identity.kept_guid, anki_note_type=None if (
                    identity.kept_guid is None or not _keeps(reader, lost_before, where, losing)
                ) else _cloze_note_type(q, int(mid), kind, raw_fields, text_html, reader))
                questions.append(q)
                origins[q.id] = where
                # one question for every card of the note: it takes the first card's
                # reviews (two cards' reviews poured into one would make a schedule neither
                # card had); the others' are said below, if any
                first, *later_cards = cards.get(int(nid), [(0, 0)])
                question_of_card[first[0]] = q.id
                cloze_cards[q.id] = [first[0], *(cid for cid, _ in later_cards)]
                other_cards.update({cid: where for cid, _ in later_cards})
            continue
        note_cards = cards.get(int(nid), [(0, 0)])
        values: list[str] = []  # the fields as Markdown, for a card read by field order
        converted: dict[str, str] = {}  # the note's HTML -> Markdown, for its cards
        by_field_order: str | None = None  # the back of such a card
        first_of_note = len(questions)
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
        if identity.kept_guid is not None and _keeps(reader, lost_before, where, losing):
            # a note Anki can know again: in its note type
            _keep_note_type(questions, first_of_note, int(mid), kind, raw_fields, reader,
                            [o for _, o in note_cards], converted)
        card_templates.note_shown(int(mid), kind, raw_fields)
    card_templates.warn_unshown()
    if losing:
        stay, them = (("it stays as it is", "it") if len(losing) == 1
                      else ("they stay as they are", "them"))
        reader.report.warn(0, f"{counted(len(losing), 'note')} (such as {losing[0]}) hold a "
                           "sound or a picture that quizapp could not keep: exported to Anki "
                           f"again, {stay} in Anki, so that the export takes nothing out of "
                           f"{them} (an edit made in quizapp does not reach {them})")
    # A cloze question asks every card of its note at once: it is suspended when all of
    # them are (the learner left the whole note), else it stays in study with the cards
    # the learner kept studying (it followed its first card alone).
    kept_suspended = [question_of_card[c] for c in sorted(suspended) if c in question_of_card
                      and suspended.issuperset(cloze_cards.get(question_of_card[c], ()))]
    if partly := [origins[qid] for qid, cids in cloze_cards.items()
                  if 0 < len(suspended.intersection(cids)) < len(cids)]:
        has, these = (("has", "it stays") if len(partly) == 1 else ("have", "they stay"))
        reader.report.warn(0, f"{counted(len(partly), 'cloze note')} (such as {partly[0]}) "
                           f"{has} some cards suspended in Anki and some not: a quizapp cloze "
                           "question is one card with every blank, kept suspended only when "
                           f"every card of its note is, so {these} in study")
    if kept_suspended:
        stay, come, them = (("it stays", "it comes", "it") if len(kept_suspended) == 1
                            else ("they stay", "they come", "them"))
        reader.report.warn(0, f"{counted(len(kept_suspended), 'card')} suspended in Anki "
                           f"(such as {origins[kept_suspended[0]]}): imported with the deck's "
                           f"history (quizapp import --with-history NAME), {stay} suspended "
                           "for that learner, out of flashcards, practice and the due counts; "
                           f"a bank alone holds no one's study, so otherwise {come} up like "
                           f"the others until a learner suspends {them} (@ on a flashcard)")
    if put_off := [origins[question_of_card[c]] for c in sorted(buried) if c in question_of_card]:
        they = "it comes" if len(put_off) == 1 else "they come"
        reader.report.warn(0, f"{counted(len(put_off), 'card')} buried in Anki (such as "
                           f"{put_off[0]}): Anki shows a buried card again the next day, so "
                           f"in quizapp {they} up as usual")
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
    schedules = {question_of_card[cid]: schedule
                 for cid, schedule in card_schedules(db).items() if cid in question_of_card}
    deck = AnkiDeck(questions, reader.report.warnings, reader.media, reviews, origins,
                    deck_title(card_decks.values()), schedules,
                    list(dict.fromkeys(kept_suspended)))
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
    deck.suspended = [qid for qid in deck.suspended if qid not in ids]
    shown = "\n".join(value for q in deck.questions for f in fields(q)
                      if isinstance(value := getattr(q, f.name), str))
    # the pictures image occlusion notes were drawn on, kept for the export (AnkiNoteType)
    kept = {note_type.picture for q in deck.questions
            if q.anki_note_type and '"picture"' in q.anki_note_type
            and (note_type := AnkiNoteType.from_text(q.anki_note_type)) is not None}
    for name in [name for name in deck.media
                 if f"]({name})" not in shown and name not in kept]:
        del deck.media[name]  # (not a new mapping: that would read every picture)
