"""Anki decks (.apkg) with genanki: one basic card per question.

A flashcard keeps its front and back; any other question becomes a card with
the question (and its choices) on the front and the answer on the back. Deck
and note type ids are derived from the bank id, and each note's guid from the
bank and question ids, so exporting again updates the same notes in Anki. A
question imported from Anki keeps its note's guid (Question.anki_guid) and is
written back with it, so that Anki knows the note again; the questions of one
note of several cards go back as one note of as many cards (_cards_model).
"""

from __future__ import annotations

import hashlib
import html
import io
import operator
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

import genanki

from quizapp.core.anki_note_type import BASIC, AnkiNoteType
from quizapp.core.arrangement import Arrangement, drawn, letter, written
from quizapp.core.kinds.matching import offered
from quizapp.core.leftovers import temporary_folder
from quizapp.core.loader import no_gc
from quizapp.core.model import (
    Bank,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    TrueFalse,
)
from quizapp.core.quotes import shown_quotes

from ._common import Report
from .anki_decks import SUBDECK_TAG_PREFIX, subdecks_of
from .apkg_collection import NoteRows, anki_tag_text, write_package
from .apkg_html import bank_htmls, card_htmls, markdown_html
from .apkg_kept import around_blanks, first_answers, kept_fields
from .apkg_losses import say_losses
from .apkg_media import DeckMedia, inline_pictures, picture_for
from .apkg_note_types import CardInDeck as _CardInDeck
from .apkg_note_types import OriginalNotes
from .apkg_rows import anki_id_mark, base91
from .kind_tables import NotSupported, entry_for, left_out

_CSS = """\
.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black;
        background-color: white; }
.choices { margin-top: .5em; }
.answer { font-weight: bold; }
.explanation { margin-top: 1em; color: #444; font-size: 17px; }
.source { margin-top: .5em; color: #444; font-size: 15px; }
"""


def stable_id(kind: str, key: str) -> int:
    """A 31-bit id (the range genanki recommends) that depends only on `key`."""
    digest = hashlib.sha256(f"quizapp {kind}\0{key}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def _cards_model(bank: Bank, cards: int) -> genanki.Model:
    """The note type of a note of several cards (an Anki note imported as one question a
    card, such as a reversed card): a front and a back field for each card, and a card
    template for each pair."""
    names = ["Front", "Back"] + [f"{side} {n}" for n in range(2, cards + 1)
                                 for side in ("Front", "Back")]
    return genanki.Model(
        stable_id("model", f"{bank.id}\0cards {cards}"),
        f"quizapp {cards} cards ({bank.id})",
        fields=[{"name": name} for name in names],
        templates=[{"name": f"Card {n // 2 + 1}", "qfmt": f"{{{{{names[n]}}}}}",
                    "afmt": f'{{{{FrontSide}}}}<hr id="answer">{{{{{names[n + 1]}}}}}'}
                   for n in range(0, len(names), 2)],
        css=_CSS,
    )


def _model(bank: Bank) -> genanki.Model:
    return genanki.Model(
        stable_id("model", bank.id),
        f"quizapp basic ({bank.id})",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
            }
        ],
        css=_CSS,
    )


# The kinds' cards below turn each text into HTML once, in its written order, and lay
# out those pieces (a choice's text is on the front and again on the back): a third
# fewer markdown_html calls than turning each text where it is shown, for the same cards.
def _listed(pieces: list[str], tag: str = "ul") -> str:
    """Texts already made HTML as a list's items."""
    body = "<li>" + "</li><li>".join(pieces) + "</li>" if pieces else ""
    return f'<{tag} class="choices">{body}</{tag}>'


_LABELS = tuple(f"{letter(i)}. " for i in range(26))  # "A. " to "Z. ", made once


def _label(position: int) -> str:
    return _LABELS[position] if position < 26 else f"{letter(position)}. "


def _lettered(pieces: list[str]) -> str:
    """Texts already made HTML, one a line after their letters ("A. " ...)."""
    if len(pieces) <= 26:
        body = "<br>".join(map(operator.add, _LABELS, pieces))  # map stops at the last piece
    else:
        body = "<br>".join([_label(i) + piece for i, piece in enumerate(pieces)])
    return '<div class="choices">' + body + "</div>"


def _num(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else repr(value)


def note_digest(bank_id: str, question_id: str) -> bytes:
    """The sha256 that genanki.guid_for("quizapp", bank id, question id) hashes: its
    first 8 bytes are the note's guid, the other 24 draw its card's option order."""
    return hashlib.sha256((_digest_start(bank_id) + question_id).encode()).digest()


def _digest_start(bank_id: str) -> str:
    """What every note's digest of the bank hashes before its question's id (guid_for's
    values joined by '__')."""
    return f"quizapp__{bank_id}__"


def card_order(bank_id: str, q: Question) -> Arrangement:
    """The one shuffled order of a card's options, drawn from the bank and question ids
    (the rest of the hash the note's guid comes from), so every export writes the same
    card and re-importing updates rather than adds. Until 2026-11 a Random seeded with
    a text drew it (7 us a card, 15% of the export): each card's order changed once."""
    return drawn(q, note_digest(bank_id, q.id)[8:])


def _note_digests(bank_id: str, questions: tuple[Question, ...]) -> list[bytes]:
    """note_digest(bank_id, q.id) of each question, in one pass: the ids' common start
    made once (a call and a format a note were 2.5 times the time)."""
    start, sha256 = _digest_start(bank_id), hashlib.sha256
    return [sha256((start + q.id).encode()).digest() for q in questions]


def _flashcard_sides(q: Flashcard, front: str, a: Arrangement) -> tuple[str, str]:
    return front, markdown_html(q.back)


def _multiple_choice_sides(q: MultipleChoice, front: str, a: Arrangement) -> tuple[str, str]:
    texts = card_htmls([choice.text for choice in q.choices])
    front += _lettered([texts[i] for i in a.order])
    back = f'<div class="answer">{_label(a.position_of(q.correct))}{texts[q.correct]}</div>'
    return front, back


def _multiple_select_sides(q: MultipleSelect, front: str, a: Arrangement) -> tuple[str, str]:
    texts = card_htmls([choice.text for choice in q.choices])
    front += _lettered([texts[i] for i in a.order])
    back = '<div class="answer">' + "<br>".join([
        _label(position) + texts[a.order[position]]
        for position in sorted(map(a.position_of, q.correct))
    ]) + "</div>"
    return front, back


def _true_false_sides(q: TrueFalse, front: str, a: Arrangement) -> tuple[str, str]:
    front += "<br><i>True or false?</i>"
    return front, f'<div class="answer">{"True" if q.answer else "False"}</div>'


def _short_answer_sides(q: ShortAnswer, front: str, a: Arrangement) -> tuple[str, str]:
    return front, '<div class="answer">' + " / ".join(card_htmls(list(q.answers))) + "</div>"


def _numeric_sides(q: Numeric, front: str, a: Arrangement) -> tuple[str, str]:
    value = _num(q.answer)
    if q.tolerance:
        value += f" (± {_num(q.tolerance)})"
    if q.unit:
        value += f" {html.escape(q.unit)}"
    return front, f'<div class="answer">{value}</div>'


def _matching_sides(q: Matching, front: str, a: Arrangement) -> tuple[str, str]:
    texts = card_htmls([text for pair in q.pairs for text in pair])
    lefts, rights = texts[0::2], texts[1::2]
    front += _listed(lefts)
    # each right side once: two items may share one (cat -> mammal, dog -> mammal)
    front += "<br><i>Match with:</i>" + _lettered([rights[i] for i in offered(q, a.order)])
    back = '<div class="answer">' + "<br>".join(
        [f"{left} → {right}" for left, right in zip(lefts, rights, strict=True)]
    ) + "</div>"
    return front, back


def _ordering_sides(q: Ordering, front: str, a: Arrangement) -> tuple[str, str]:
    texts = card_htmls(list(q.items))
    front += "<br><i>Put in order:</i>" + _listed([texts[i] for i in a.order])
    return front, '<div class="answer">' + _listed(texts, "ol") + "</div>"


def _cloze_sides(q: Cloze, front: str, a: Arrangement) -> tuple[str, str]:
    around = around_blanks(q, markdown_html)  # the text between the blanks, one more than they
    firsts = first_answers(q)
    # a blank to pick from shows its choices in the brackets, as Anki shows a cloze's hint
    hints = (["[" + html.escape(" / ".join(q.choices_printed(n)), quote=False) + "]"
              if q.choices_of(n) else "[…]" for n in range(len(firsts))]
             if q.blank_choices else ["[…]"] * len(firsts))
    answers = [f"<b>{_escaped_text(first)}</b>" for first in firsts]
    missing = len(around) - 1 - len(firsts)  # (none: each blank left one mark)
    if missing > 0:
        hints += ["[…]"] * missing
        answers += ["<b></b>"] * missing
    front = (front + "<br>" if q.prompt else "") + _between(around, hints)
    return front, _between(around, answers)


def _between(around: list[str], inserted: list[str]) -> str:
    """around[0] + inserted[0] + around[1] + inserted[1] + ... + around[-1]."""
    pieces = [around[0]]
    # (not strict: a blank whose mark the HTML lost inserts nothing, as re.sub did)
    for piece, after in zip(inserted, around[1:], strict=False):
        pieces += (piece, after)
    return "".join(pieces)


# A kind's card: (front so far, its option order) -> (front, back), as HTML.
CardSides = Callable[[Any, str, Arrangement], tuple[str, str]]

# Every kind in quizapp.core.kinds.KINDS has an entry (tests/test_kinds.py checks it).
APKG_CARDS: dict[str, CardSides | NotSupported] = {
    "multiple_choice": _multiple_choice_sides,
    "multiple_select": _multiple_select_sides,
    "true_false": _true_false_sides,
    "short_answer": _short_answer_sides,
    "numeric": _numeric_sides,
    "matching": _matching_sides,
    "ordering": _ordering_sides,
    "cloze": _cloze_sides,
    "flashcard": _flashcard_sides,
}


def card_sides(q: Question, order: Arrangement | None = None) -> tuple[str, str]:
    """(front, back) HTML for one question, its options in `order` (default: as written).
    A kind Anki export does not support gets an empty back (apkg_bytes leaves it out)."""
    front, explanation = card_htmls([q.prompt, q.explanation or ""])
    return _card_sides(q, entry_for(APKG_CARDS, q, "an Anki package"), order or written(q),
                       front, explanation)


def _card_sides(q: Question, sides: CardSides | NotSupported, a: Arrangement, front: str,
                explanation: str) -> tuple[str, str]:
    """card_sides with the kind's entry looked up and the prompt and explanation made HTML
    already (apkg_bytes has them, made for the whole bank at once)."""
    if isinstance(sides, NotSupported):
        back = ""
    else:
        front, back = sides(q, front, a)
    if q.explanation:
        back += f'<div class="explanation">{explanation}</div>'
    if q.source or q.quotes:
        back += _source_html(q)
    return front, back


def _source_html(q: Question) -> str:
    # plain text: the source's words are escaped, never read as Markdown
    if not q.quotes:  # most questions: one line, no list to build and join
        return '<div class="source">' + _escaped(f"Source: {q.source}") + "</div>"
    lines = [f"Source: {q.source}"] if q.source else []
    if q.quotes:
        lines += shown_quotes(q).splitlines()
    return '<div class="source">' + "<br>".join([_escaped(x) for x in lines]) + "</div>"


def _notes_html(q: Question) -> str:
    """What the back of a card shows after its answer: the explanation and the source."""
    explanation = f'<div class="explanation">{markdown_html(q.explanation)}</div>' if q.explanation else ""
    return explanation + (_source_html(q) if q.source or q.quotes else "")


def _pictures(bank: Bank, q: Question, media: DeckMedia, report: Report, text: str) -> str:
    """The HTML with its Markdown pictures as <img> of copies in the deck's media."""
    return inline_pictures(text, bank, q, media, report) if "![" in text else text


def _escaped(text: str) -> str:
    """html.escape(text): looked for first, as most texts have nothing to escape (a
    str.replace that finds nothing still counts through the text, five times)."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text)
    return text


def _escaped_text(text: str) -> str:
    """html.escape(text, quote=False), looked for first (_escaped's, for text between tags)."""
    if "&" in text or "<" in text or ">" in text:
        return html.escape(text, quote=False)
    return text


def _anki_tag(tag: str) -> str:
    return "_".join(tag.split())  # an Anki tag has no spaces (each run of them one _)


@dataclass(frozen=True)
class _TagSet:
    """What a question's tags make of its note, worked out once for each set of tags
    (a bank has few): its Anki tags, their text, and the subdecks they name."""

    tags: list[str]
    text: str
    subdecks: list[str]


def guid_for(*values: str) -> str:
    """genanki.guid_for(*values) for texts (a test compares them): the first 8 bytes of
    the sha256 of the values joined by '__', in Anki's base 91 digits."""
    return base91(int.from_bytes(hashlib.sha256("__".join(values).encode()).digest()[:8], "big"))


@dataclass
class _SharedNote:
    """The cards of one Anki note of several cards, gathered for apkg_bytes."""

    deck: genanki.Deck
    tags: list[str]
    fields: list[str] = field(default_factory=list)  # front, back, front, back...
    decks: list[genanki.Deck] = field(default_factory=list)  # each card's (a subdeck's)


def apkg_bytes(bank: Bank, *, legacy: bool = False) -> tuple[bytes, list[str]]:
    """The bank as an Anki package, and warnings: what it leaves out or cannot hold.
    legacy: the older format Ankis before 2.1.50 read (apkg_collection.write_package)."""
    out = io.BytesIO()
    warnings = write_apkg(bank, out, legacy=legacy)
    return out.getvalue(), warnings


def write_apkg(bank: Bank, out: IO[bytes], *, legacy: bool = False) -> list[str]:
    """apkg_bytes written into `out` as the zip is made (a file: no copy of the package
    in memory on the way), and its warnings."""
    # The notes' rows are hundreds of thousands of tuples and strings in no cycle: the
    # collector would scan them again and again (7 ms an export of 10,000 questions, more
    # when a full collection falls in it), as it would a bank being loaded
    with no_gc():
        return _write_apkg(bank, out, legacy=legacy)


def _write_apkg(bank: Bank, out: IO[bytes], *, legacy: bool) -> list[str]:
    report = Report(bank.path or bank.id)
    say_losses(bank, report, APKG_CARDS)
    model = _model(bank)
    deck = genanki.Deck(stable_id("deck", bank.id), bank.title)
    if bank.description:
        deck.description = html.escape(bank.description)
    # A folder of this run (its process id in the name): one a killed export leaves is
    # removed by the next one (core/leftovers).
    with (temporary_folder("quizapp-apkg-") as tmp,
          NoteRows(model, time.time(), len(bank.questions), sort_fields=legacy) as rows):
        media_dir = Path(tmp) / "media"
        media_dir.mkdir()
        media = DeckMedia(bank, media_dir)
        tag_sets: dict[tuple[str, ...], _TagSet] = {}  # a bank has few sets of tags
        subdecks: dict[str, genanki.Deck] = {}
        # the questions imported from one Anki note of several cards: written back as one
        # note of as many cards, its guid the note's (Question.anki_guid)
        cards_of = Counter(q.anki_guid for q in bank.questions if q.anki_guid)
        shared: dict[str, _SharedNote] = {}
        originals = OriginalNotes(_CSS)  # notes that go back in their own note type
        questions = bank.questions
        prompts = bank_htmls([q.prompt for q in questions])
        explanations = bank_htmls([q.explanation or "" for q in questions])
        # a note's guid is the first 8 bytes of its digest (guid_for("quizapp", bank id,
        # question id), written by NoteRows as base 91 digits), the rest draws its card's order
        digests = _note_digests(bank.id, questions)
        for q, prompt, explanation, digest in zip(questions, prompts, explanations, digests,
                                                  strict=True):
            sides = APKG_CARDS.get(q.TYPE)  # (entry_for's lookup, without the call)
            if sides is None:
                sides = entry_for(APKG_CARDS, q, "an Anki package")
            if isinstance(sides, NotSupported):
                report.warn(q.line, left_out(q, sides))
                continue
            if q.anki_guid is None:  # (its number's digits: NoteRows writes them)
                guid, guid_number = "", int.from_bytes(digest[:8], "big")
            else:  # the note it came from, so that Anki knows it (and adds no copy)
                guid, guid_number = q.anki_guid, 0
            order_digest = digest[8:]
            kept = AnkiNoteType.from_text(q.anki_note_type) if q.anki_note_type else None
            # a cloze or image occlusion note's fields are written from the question itself
            fields = None if kept is None or kept.kind == BASIC else kept_fields(
                q, kept, to_html=markdown_html, notes_html=_notes_html(q),
                pictures=partial(_pictures, bank, q, media, report),
                picture_named=partial(picture_for, bank, q, media, report),
                warn=partial(report.warn, q.line))
            extra: tuple[str, ...] | None = None  # a kept note's other fields
            if fields is not None:
                front, back, extra = fields
            else:
                front, back = _card_sides(q, sides, drawn(q, order_digest), prompt,
                                          explanation)
                if "![" in front:  # the cheap test first: few cards have a picture in the text
                    front = inline_pictures(front, bank, q, media, report)
                if "![" in back:
                    back = inline_pictures(back, bank, q, media, report)
                image = picture_for(bank, q, media, report) if q.image else None
                if image:
                    alt = (f' alt="{html.escape(q.image_description)}"'
                           if q.image_description else "")
                    front += f'<br><img src="{html.escape(image)}"{alt}>'
                if kept is not None and kept.kind != BASIC:  # no longer a cloze (or card)
                    kept = None
            tag_set = tag_sets.get(q.tags)
            if tag_set is None:
                tags = [_anki_tag(t) for t in q.tags
                        if t.strip() and not t.startswith(SUBDECK_TAG_PREFIX)]
                tag_set = tag_sets[q.tags] = _TagSet(tags, anki_tag_text(tags),
                                                     subdecks_of(q.tags))
            tags = tag_set.tags
            # a question tagged 'Anki deck: Biology' goes into the subdeck Biology (anki_decks)
            into = deck
            if named := tag_set.subdecks:
                sub = named[0]
                if len(named) > 1:
                    report.warn(q.line, f"question {q.id!r}: its tags name {len(named)} Anki "
                                f"subdecks ({', '.join(map(repr, named))}); a card is in one "
                                f"deck, so it goes into {sub!r}")
                into = subdecks.get(sub) or subdecks.setdefault(sub, genanki.Deck(
                    stable_id("deck", f"{bank.id}::{sub}"), f"{bank.title}::{sub}"))
            if kept is not None and originals.add(q, kept, guid or base91(guid_number), front,
                                                  back, into, tags, extra):
                continue
            # the question's id, for quizapp's import of the deck (Anki shows nothing of it)
            if q.anki_guid is not None and cards_of[guid] > 1:
                note = shared.setdefault(guid, _SharedNote(into, tags))
                note.fields += [front, back + anki_id_mark(q.id)]
                note.decks.append(into)
                continue
            rows.add(into, guid, guid_number, front, back, q.id, tag_set.text)
        for guid, note in shared.items():  # in the deck and with the tags of its first card
            written = genanki.Note(_cards_model(bank, len(note.fields) // 2), note.fields,
                                   tags=note.tags, guid=guid)
            if any(d is not note.deck for d in note.decks):  # a card in a subdeck of its own
                written.cards = [_CardInDeck(n, d.deck_id) for n, d in enumerate(note.decks)]
            note.deck.add_note(written)
        originals.write(partial(report.warn, 0))
        package = genanki.Package([deck, *subdecks.values()], media_files=media.paths)
        write_package(package, rows, out, legacy=legacy)
        return report.warnings
