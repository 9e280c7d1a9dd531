"""Notes that came from Anki written back in their own note type (Question.anki_note_type),
so that Anki, which knows each note by its guid, updates it in place: it does so only
when the package's note type has the note's own note type id and the same field and card
template names (core/anki_note_type). The note's two fields are written again from its
cards: card 1 shows the first on its front and the second on its back, card 2 the other
way round.

The templates written are plain ones ({{Front}}, then the back under a rule): Anki keeps
the learner's own templates for a note type it has already, and a collection without it
gets these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import genanki

from quizapp.core.anki_note_type import AnkiNoteType
from quizapp.core.model import Question

from ._common import anki_id_mark


class CardInDeck(genanki.Card):
    """A card of a note written into a deck of its own: a reversed card that was in
    another subdeck than its note's first card (genanki puts every card in the note's)."""

    def __init__(self, ordinal: int, deck_id: int) -> None:
        super().__init__(ordinal)
        self.deck_id = deck_id

    def write_to_db(self, cursor, timestamp: float, deck_id, note_id, id_gen, due=0) -> None:
        super().write_to_db(cursor, timestamp, self.deck_id, note_id, id_gen, due)


@dataclass
class _Note:
    deck: genanki.Deck  # its first card's
    tags: list[str]
    model: genanki.Model
    extra: tuple[str, ...]  # the values of the fields after the second
    fields: list[str] = field(default_factory=lambda: ["", ""])
    marks: dict[int, str] = field(default_factory=dict)  # card -> its question's id mark
    reversed_fields: list[str] | None = None  # the fields as card 2 gives them
    reversed_id: str = ""  # card 2's question
    decks: dict[int, genanki.Deck] = field(default_factory=dict)  # card -> its deck


class OriginalNotes:
    """The notes of one export written in the note types they came from."""

    def __init__(self, css: str) -> None:
        self._css = css
        self._models: dict[int, tuple[tuple, genanki.Model]] = {}  # note type id -> its
        self._notes: dict[str, _Note] = {}  # guid -> the note

    def add(self, q: Question, guid: str, front: str, back: str, deck: genanki.Deck,
            tags: list[str]) -> bool:
        """Take the card (its sides as HTML) into its note, if it came from a note type
        this can write (False: the caller writes it in quizapp's own)."""
        note_type = AnkiNoteType.from_text(q.anki_note_type) if q.anki_note_type else None
        if note_type is None:
            return False
        model = self._model(note_type)
        if model is None:
            return False
        note = self._notes.setdefault(guid, _Note(deck, tags, model, note_type.extra))
        if note.model is not model or note_type.card in note.marks:
            return False  # another note type, or the same card twice, under one guid
        if note_type.card == 1:
            note.fields = [front, back]
        else:  # the reversed card: its sides the other way round
            note.reversed_fields, note.reversed_id = [back, front], q.id
            if not note.marks:
                note.fields = [back, front]
        note.marks[note_type.card] = anki_id_mark(q.id)
        note.decks[note_type.card] = deck
        return True

    def _model(self, note_type: AnkiNoteType) -> genanki.Model | None:
        schema = (note_type.name, note_type.fields, note_type.cards)
        known = self._models.get(note_type.id)
        if known is not None:
            return known[1] if known[0] == schema else None
        first, second = note_type.fields[:2]
        # card 2 only for a note whose other fields are filled in (Add Reverse): Anki makes
        # the cards a note's templates give when it takes the note from the package
        opened = "".join(f"{{{{#{name}}}}}" for name in note_type.fields[2:])
        closed = "".join(f"{{{{/{name}}}}}" for name in reversed(note_type.fields[2:]))
        fronts = (f"{{{{{first}}}}}", f"{opened}{{{{{second}}}}}{closed}")
        model = genanki.Model(
            note_type.id, note_type.name, fields=[{"name": name} for name in note_type.fields],
            templates=[{"name": name, "qfmt": front,
                        "afmt": f'{{{{FrontSide}}}}<hr id="answer">{{{{{back}}}}}'}
                       for name, front, back in zip(note_type.cards, fronts, (second, first),
                                                    strict=False)],
            css=self._css)
        self._models[note_type.id] = (schema, model)
        return model

    def write(self, warn: Callable[[str], None]) -> None:
        """Add the notes to their decks; the question ids go after the second field, in
        card order, for quizapp's import of the deck (Anki shows nothing of them). A
        reversed card that no longer shows its note's fields the other way round (one of
        the two cards was edited) is said: the note is written from card 1."""
        for guid, note in self._notes.items():
            if note.reversed_fields is not None and note.reversed_fields != note.fields:
                warn(f"question {note.reversed_id!r} is the reversed card of another "
                     "question's Anki note, but its sides are no longer that card's the "
                     "other way round: the note was written from its first card, so an "
                     "edit of this one does not reach Anki (edit both the same way)")
            marks = "".join(note.marks[card] for card in sorted(note.marks))
            written = genanki.Note(note.model, [note.fields[0], note.fields[1] + marks,
                                                *note.extra], tags=note.tags, guid=guid)
            # the cards the bank has, each in its own deck (a reversed card may be in a
            # subdeck of its own), and no other: a note whose Add Reverse is empty has
            # one card, although the templates written here would make two
            written.cards = [CardInDeck(card - 1, note.decks[card].deck_id)
                             for card in sorted(note.decks)]
            note.deck.add_note(written)
