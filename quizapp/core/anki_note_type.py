"""The Anki note type a flashcard was imported from (a question's `anki_note_type`), so that
the .apkg export writes the note back in that note type, and Anki, which knows the note by
its guid, updates it in place rather than leaving it as it was.

Anki updates a note from a package only when the package's note type has the id of the
note's own and the same field and card template names (the schema Anki compares); so all
of them are kept. Only a note whose cards show its first field on the front and its second
on the back, as they are (card 2 the other way round: Basic, Basic and reversed card, Basic
with a typed answer, Basic with an optional reversed card), is kept so: its fields can be
written again from its cards. A field after those two is on no card, but may decide which
cards there are (Add Reverse): its value is kept (`extra`). `card` says which card of the
note the flashcard is (2: the reversed one, the second field on its front).

Cloze and Image Occlusion notes (`kind`) are kept too. A cloze note is one question with
every blank: its text is written back into the field `sides` names first, each blank with
the cloze number it had (`blanks`, in order: c1, c2...), and a hint shown after a blank in
brackets and italics ('*[city]*', as the import writes it) is its hint again; its
explanation is the field named second (Back Extra). An image occlusion note is a flashcard
for each card (`card`: its cloze number): the header above the masked picture and the text
under it go back into the fields `sides` names (Header, Back Extra), the masks and the
picture as they were (`extra`); `picture` is the picture's path in the bank, copied into the
package under the name the note gives it.

In the bank it is a mapping (yaml_bank reads it with `from_mapping`); in the Question it
is kept as `text()`, a line of JSON, so that the bank cache stores it as it stores any
other text.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import TypeGuard

MAX_ID = 2**63 - 1  # Anki's ids are SQLite integers
KEYS = ("id", "name", "kind", "fields", "cards", "card", "extra", "sides", "blanks", "picture")
BASIC, CLOZE, OCCLUSION = "basic", "cloze", "occlusion"  # the kinds of note kept
MAX_CLOZE = 10_000  # a cloze number (Anki's cards of a note are fewer)


@dataclass(frozen=True)
class AnkiNoteType:
    id: int
    name: str
    # the front's field, then the back's (on card 1), then any that no card shows
    fields: tuple[str, ...]
    cards: tuple[str, ...]  # the card templates' names, one or two
    card: int = 1  # which of them this flashcard is
    # the note's values of the fields after the second, as Anki holds them (HTML): on no
    # card, but they can decide which cards there are (Add Reverse: "y")
    extra: tuple[str, ...] = ()
    kind: str = BASIC  # BASIC, CLOZE or OCCLUSION
    # the fields the card's two texts are written into (a cloze: its text, its explanation;
    # an occlusion: Header and Back Extra); `extra` fills the others, in order
    sides: tuple[int, int] = (0, 1)
    blanks: tuple[int, ...] = ()  # a cloze: each blank's cloze number, in order
    picture: str = ""  # an occlusion: its picture's path in the bank

    def mapping(self) -> dict[str, object]:
        """As the bank writes it."""
        out: dict[str, object] = {"id": self.id, "name": self.name}
        if self.kind != BASIC:
            out["kind"] = self.kind
        out.update(fields=list(self.fields), cards=list(self.cards), card=self.card)
        if self.extra:
            out["extra"] = list(self.extra)
        if self.sides != (0, 1):
            out["sides"] = list(self.sides)
        if self.blanks:
            out["blanks"] = list(self.blanks)
        if self.picture:
            out["picture"] = self.picture
        return out

    def text(self) -> str:
        return json.dumps(self.mapping(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_text(cls, text: str) -> AnkiNoteType | None:
        """The note type kept as `text()`; None for anything else."""
        return _from_text(text)

    @classmethod
    def from_mapping(cls, value: object) -> AnkiNoteType | str:
        """The note type of a bank's mapping, or what is wrong with it, in words."""
        if not isinstance(value, dict):
            return "should be a mapping"
        unknown = [str(k) for k in value if k not in KEYS]
        if unknown:
            return f"has no key {unknown[0]!r} (its keys: {', '.join(KEYS)})"
        id_, name = value.get("id"), value.get("name")
        fields, cards, card = value.get("fields"), value.get("cards", ()), value.get("card", 1)
        extra = value.get("extra", [])
        kind, sides = value.get("kind", BASIC), value.get("sides", [0, 1])
        blanks, picture = value.get("blanks", []), value.get("picture", "")
        if kind not in (BASIC, CLOZE, OCCLUSION):
            return f"has kind {kind!r}; it is {BASIC}, {CLOZE} or {OCCLUSION}"
        if type(id_) is not int or not 0 < id_ <= MAX_ID:
            return "needs an id, the note type's number in Anki"
        if not isinstance(name, str) or not name.strip():
            return "needs a name"
        if not _names(fields) or len(fields) < 2:
            return "needs fields: the names of its fields, two at least"
        if not isinstance(extra, list | tuple) or len(extra) != len(fields) - 2 or not all(
                isinstance(v, str) for v in extra):
            return (f"needs extra: the values of its {len(fields) - 2} field(s) after the "
                    "second" if len(fields) > 2 else "has extra values, but two fields")
        if not (isinstance(sides, list | tuple) and len(sides) == 2
                and all(type(n) is int and 0 <= n < len(fields) for n in sides)
                and sides[0] != sides[1]):
            return (f"has sides {sides!r}: the positions of the two fields the card's texts "
                    f"go into, each from 0 to {len(fields) - 1}")
        if kind == BASIC:
            if not _names(cards) or len(cards) not in (1, 2):
                return "needs cards: the names of its one or two card templates"
            if type(card) is not int or not 1 <= card <= len(cards):
                return f"has card {card!r}, but its cards are {len(cards)}"
        else:
            if not _names(cards) or len(cards) != 1:
                return f"needs cards: the name of its one card template ({kind} notes)"
            highest = 1 if kind == CLOZE else MAX_CLOZE
            if type(card) is not int or not 1 <= card <= highest:
                return (f"has card {card!r}; a cloze note is one question: card 1"
                        if kind == CLOZE else
                        f"has card {card!r}: its cloze number, from 1 to {MAX_CLOZE}")
        if blanks and kind != CLOZE or not (isinstance(blanks, list | tuple) and all(
                type(n) is int and 1 <= n <= MAX_CLOZE for n in blanks)):
            return ("has blanks: the cloze numbers of a cloze note's blanks (1 for c1), "
                    f"each from 1 to {MAX_CLOZE}" if kind == CLOZE else
                    "has blanks, which only a cloze note has")
        if not isinstance(picture, str) or (picture != "") != (kind == OCCLUSION):
            return ("needs picture: the path of its picture in the bank"
                    if kind == OCCLUSION else "has a picture, which only an occlusion note has")
        return cls(id_, name, tuple(fields), tuple(cards), card, tuple(extra), kind,
                   (sides[0], sides[1]), tuple(blanks), picture)


def _names(value: object) -> TypeGuard[list[str] | tuple[str, ...]]:
    return (isinstance(value, list | tuple) and bool(value)
            and all(isinstance(v, str) and v.strip() for v in value))


@functools.lru_cache(maxsize=4096)
def _from_text(text: str) -> AnkiNoteType | None:
    """AnkiNoteType.from_text, each text read once: the notes of one note type often keep
    the same text (every Basic note's first card), and the export reads each question's
    (a JSON parse and the checks, 70 us: 1.8 s of an export of 25,000 kept notes)."""
    try:
        made = AnkiNoteType.from_mapping(json.loads(text))
    except ValueError:
        return None
    return made if isinstance(made, AnkiNoteType) else None
