"""Notes that came from Anki written back in their own note type (Question.anki_note_type),
so that Anki, which knows each note by its guid, updates it in place: it does so only
when the package's note type has the note's own note type id and the same field and card
template names (core/anki_note_type). The note's two fields are written again from its
cards: card 1 shows the first on its front and the second on its back, card 2 the other
way round; a cloze or image occlusion note's from its question(s) (apkg_kept).

The templates written are plain ones ({{Front}}, then the back under a rule; Anki's cloze
and image occlusion ones): Anki keeps the learner's own templates for a note type it has
already, and a collection without it gets these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import genanki

from quizapp.core.anki_note_type import BASIC, CLOZE, AnkiNoteType
from quizapp.core.model import Question

from .apkg_rows import anki_id_mark


class CardInDeck(genanki.Card):
    """A card of a note written into a deck of its own: a reversed card that was in
    another subdeck than its note's first card (genanki puts every card in the note's)."""

    def __init__(self, ordinal: int, deck_id: int) -> None:
        super().__init__(ordinal)
        self.deck_id = deck_id

    def write_to_db(self, cursor, timestamp: float, deck_id, note_id, id_gen, due=0) -> None:
        super().write_to_db(cursor, timestamp, self.deck_id, note_id, id_gen, due)


# Anki's image occlusion card (its own template does the same): the note's picture, with
# the masks drawn over it by Anki's reviewer from the Occlusion field
_OCCLUSION_FRONT = """{{#Header}}<div>{{Header}}</div>{{/Header}}
<div style="display: none">{{cloze:Occlusion}}</div>
<div id="err"></div>
<div id="image-occlusion-container">{{Image}}<canvas id="image-occlusion-canvas"></canvas></div>
<script>
try { anki.imageOcclusion.setup(); }
catch (exc) { document.getElementById("err").innerHTML = `${exc}`; }
</script>"""
_OCCLUSION_BACK = _OCCLUSION_FRONT + """
<div>{{#Back Extra}}{{Back Extra}}{{/Back Extra}}</div>"""


@dataclass
class _Note:
    deck: genanki.Deck  # its first card's
    tags: list[str]
    model: genanki.Model
    note_type: AnkiNoteType
    extra: tuple[str, ...]  # the values of the fields the cards do not give
    fields: list[str] = field(default_factory=lambda: ["", ""])
    marks: dict[int, str] = field(default_factory=dict)  # card -> its question's id mark
    # the fields as card 2 gives them (an image occlusion note: a card that gives others)
    reversed_fields: list[str] | None = None
    reversed_id: str = ""  # card 2's question
    decks: dict[int, genanki.Deck] = field(default_factory=dict)  # card -> its deck


class _LearnersNoteType(genanki.Model):
    """A note type the notes came from, written as older than any the learner's collection
    holds (modified at 1 s after 1970): Anki takes a note type from a package only when it
    is newer than its own ("update note types: if newer"), so the learner's keeps its
    styling (colours, fonts) and card templates, and the notes are still updated in place
    (Anki compares only the names of the fields and templates for that). Written as new,
    quizapp's templates and styling replaced the learner's whole note type."""

    def to_json(self, timestamp: float, deck_id: int) -> dict:
        written = super().to_json(timestamp, deck_id)
        written["mod"] = 1
        return written


class OriginalNotes:
    """The notes of one export written in the note types they came from."""

    def __init__(self, css: str) -> None:
        self._css = css
        self._models: dict[int, tuple[tuple, genanki.Model]] = {}  # note type id -> its
        self._notes: dict[str, _Note] = {}  # guid -> the note

    def add(self, q: Question, note_type: AnkiNoteType, guid: str, front: str, back: str,
            deck: genanki.Deck, tags: list[str], extra: tuple[str, ...] | None = None) -> bool:
        """Take the card into its note: front and back are the HTML of the note's two
        fields the card gives (a basic card's sides; apkg_kept's for the other kinds), extra
        its other fields when they are not the note type's own. False: the caller writes
        it in quizapp's note type (another note type under the same guid, or a card twice)."""
        model = self._model(note_type)
        if model is None:
            return False
        note = self._notes.setdefault(guid, _Note(deck, tags, model, note_type,
                                                  note_type.extra if extra is None else extra))
        if note.model is not model or note_type.card in note.marks:
            return False  # another note type, or the same card twice, under one guid
        if note_type.kind != BASIC:  # the note's fields from its first card in the bank
            if not note.marks:
                note.fields = [front, back]
            elif [front, back] != note.fields:  # an image occlusion card edited alone
                note.reversed_fields, note.reversed_id = [front, back], q.id
        elif note_type.card == 1:
            note.fields = [front, back]
        else:  # the reversed card: its sides the other way round
            note.reversed_fields, note.reversed_id = [back, front], q.id
            if not note.marks:
                note.fields = [back, front]
        note.marks[note_type.card] = anki_id_mark(q.id)
        note.decks[note_type.card] = deck
        return True

    def _model(self, note_type: AnkiNoteType) -> genanki.Model | None:
        schema = (note_type.name, note_type.kind, note_type.fields, note_type.cards,
                  note_type.sides)
        known = self._models.get(note_type.id)
        if known is not None:
            return known[1] if known[0] == schema else None
        if note_type.kind == BASIC:
            templates = self._basic_templates(note_type)
        else:
            text, explanation = (note_type.fields[n] for n in note_type.sides)
            templates = [{"name": note_type.cards[0],
                          "qfmt": f"{{{{cloze:{text}}}}}",
                          "afmt": f"{{{{cloze:{text}}}}}<br>\n{{{{{explanation}}}}}"}
                         if note_type.kind == CLOZE else
                         {"name": note_type.cards[0], "qfmt": _OCCLUSION_FRONT,
                          "afmt": _OCCLUSION_BACK}]
        model = _LearnersNoteType(
            note_type.id, note_type.name, fields=[{"name": name} for name in note_type.fields],
            templates=templates, css=self._css,
            model_type=genanki.Model.FRONT_BACK if note_type.kind == BASIC
            else genanki.Model.CLOZE)
        self._models[note_type.id] = (schema, model)
        return model

    @staticmethod
    def _basic_templates(note_type: AnkiNoteType) -> list[dict[str, str]]:
        first, second = note_type.fields[:2]
        # card 2 only for a note whose other fields are filled in (Add Reverse): Anki makes
        # the cards a note's templates give when it takes the note from the package
        opened = "".join(f"{{{{#{name}}}}}" for name in note_type.fields[2:])
        closed = "".join(f"{{{{/{name}}}}}" for name in reversed(note_type.fields[2:]))
        fronts = (f"{{{{{first}}}}}", f"{opened}{{{{{second}}}}}{closed}")
        return [{"name": name, "qfmt": front,
                 "afmt": f'{{{{FrontSide}}}}<hr id="answer">{{{{{back}}}}}'}
                for name, front, back in zip(note_type.cards, fronts, (second, first),
                                             strict=False)]

    def write(self, warn: Callable[[str], None]) -> None:
        """Add the notes to their decks; the question ids go after the second field, in
        card order, for quizapp's import of the deck (Anki shows nothing of them). A
        reversed card that no longer shows its note's fields the other way round (one of
        the two cards was edited), or an image occlusion card whose header or back is no
        longer its note's other cards', is said: the note is written from its first card."""
        for guid, note in self._notes.items():
            if note.reversed_fields is not None and note.reversed_fields != note.fields:
                warn(f"question {note.reversed_id!r} is the reversed card of another "
                     "question's Anki note, but its sides are no longer that card's the "
                     "other way round: the note was written from its first card, so an "
                     "edit of this one does not reach Anki (edit both the same way)"
                     if note.note_type.kind == BASIC else
                     f"question {note.reversed_id!r} is a card of an Anki image occlusion "
                     "note whose other cards show another header or back: the note was "
                     "written from its first card, so an edit of this one does not reach "
                     "Anki (edit the note's cards the same way)")
            cards = sorted(note.marks)
            # the import reads the ids by card: written only when no card is missing
            marks = ("".join(note.marks[card] for card in cards)
                     if cards == list(range(1, len(cards) + 1)) else "")
            front_at, back_at = note.note_type.sides
            others = iter(note.extra)
            values = [note.fields[0] if n == front_at else note.fields[1] + marks
                      if n == back_at else next(others, "")
                      for n in range(len(note.note_type.fields))]
            written = genanki.Note(note.model, values, tags=note.tags, guid=guid)
            if note.note_type.kind != CLOZE:
                # the cards the bank has, each in its own deck (a reversed card may be in a
                # subdeck of its own), and no other: a note whose Add Reverse is empty has
                # one card, although the templates written here would make two (a cloze
                # question is the whole note: every card of its text's blanks)
                written.cards = [CardInDeck(card - 1, note.decks[card].deck_id)
                                 for card in cards]
            note.deck.add_note(written)
