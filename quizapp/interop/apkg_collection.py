"""The file of an .apkg export: the notes apkg.py makes, as rows of a throwaway in-memory
Anki collection (genanki's tables), zipped with the deck's media the way genanki zips them."""

from __future__ import annotations

import io
import itertools
import json
import os
import sqlite3
import time
import zipfile
from typing import IO

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA


class BatchedDeck(genanki.Deck):
    """A genanki.Deck given plain note rows (add_row) instead of genanki.Note objects, and
    writing them with one executemany, and their cards with one INSERT ... SELECT, the rows
    exactly as genanki's Note.write_to_db and Card.write_to_db make them (a test compares
    the two with a genanki.Deck of genanki.Notes). A Note cost 8 us to make (tag checks,
    its cards worked out from the model's templates) and two execute calls to write."""

    def __init__(self, deck_id: int, name: str) -> None:
        super().__init__(deck_id, name)
        # the notes' columns, one list each: executemany takes their zip, made in C
        self.guids: list[str] = []
        self.tag_texts: list[str] = []  # " a b " as Anki keeps them
        self.fields: list[str] = []  # front, unit separator, back
        self.fronts: list[str] = []  # the sort field
        self.row_model: genanki.Model | None = None  # the rows' one model

    def add_row(self, model: genanki.Model, guid: str, front: str, back: str,
                tag_text: str) -> None:
        """A note of `model` (Front, Back; sorted by Front) with these tags (tag_text:
        anki_tag_text's, made once for each set of tags)."""
        self.models[model.model_id] = model  # what add_model does, without the call
        self.row_model = model
        self.guids.append(guid)
        self.tag_texts.append(tag_text)
        self.fields.append(f"{front}\x1f{back}")
        self.fronts.append(front)

    def write_to_db(self, cursor, timestamp: float, id_gen) -> None:
        super().write_to_db(cursor, timestamp, id_gen)  # the deck and its models (no Notes)
        if not self.guids:
            return
        model = self.row_model
        assert model is not None
        mod = int(timestamp)
        # Our model's one template needs Front: a note has a card when its front has text.
        assert [req[0] for req in model._req] == [0] and model._req[0][2] == [0]
        mid = model.model_id
        # the notes of the decks written before (a subdeck's) are not this deck's
        (before,) = cursor.execute("SELECT coalesce(max(id), -1) FROM notes").fetchone()
        # id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data; mid and mod are
        # our own integers, written into the statement: five values bound a row, not 11
        insert = f"INSERT INTO notes VALUES(?, ?, {int(mid)}, {mod}, -1, ?, ?, ?, 0, 0, '')"
        # The notes after `before` are this deck's rows, all of `model` (genanki's Notes of
        # the deck were written by super()): its cards are made from their ids alone when
        # every row has a front, without reading back each note's sort field.
        every_front = all(self.fronts)
        if every_front:  # every note has a card (card_sides' always do)
            # genanki numbers a note, then its card: the note ids are every other number
            # (zip's last call makes islice take the last card's id too, as genanki does)
            note_ids = itertools.islice(id_gen, 0, 2 * len(self.guids), 2)
            cursor.executemany(insert, zip(note_ids, self.guids, self.tag_texts, self.fields,
                                           self.fronts, strict=True))
        else:
            note_rows = []
            for row in zip(self.guids, self.tag_texts, self.fields, self.fronts, strict=True):
                note_rows.append((next(id_gen), *row))
                if row[3]:
                    next(id_gen)  # its card's id
            cursor.executemany(insert, note_rows)
        # id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left,
        # odue, odid, flags, data: a new card, due 0, as genanki writes it, for every note
        # with a front (an empty one, with integer affinity, stays the text '')
        cursor.execute(
            "INSERT INTO cards SELECT id + 1, id, ?, 0, ?, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,"
            " 0, '' FROM notes WHERE id > ?" + ("" if every_front else " AND sfld != ''")
            + " ORDER BY id",
            (self.deck_id, mod, before),
        )


def anki_tag_text(tags: list[str]) -> str:
    """Tags (no spaces) as a note's tags column holds them: " a b " (genanki's)."""
    return " " + " ".join(tags) + " "


# genanki's collection schema without its seven indexes: Anki's import reads the package's
# tables whole (every note, card and log entry) and looks nothing up in them, so nothing
# needs them (tests/test_apkg_in_anki.py imports a package into Anki's own library); they
# were a tenth of the collection's pages and a tenth of the time making it (10,000 notes).
_TABLES = ";\n".join(s.strip() for s in APKG_SCHEMA.split(";")
                      if s.strip() and not s.strip().startswith("CREATE INDEX")) + ";"


def package_bytes(package: genanki.Package) -> bytes:
    """write_package's zip as bytes."""
    out = io.BytesIO()
    write_package(package, out)
    return out.getvalue()


def write_package(package: genanki.Package, out: IO[bytes]) -> None:
    """What genanki.Package.write_to_file writes: the collection is an in-memory SQLite
    database (no temporary file, no fsync, no reading it back) serialized into the zip,
    then the media list and files as genanki adds them."""
    conn = sqlite3.connect(":memory:")
    try:
        # 32 KiB pages, not 4: fewer pages to fill and serialize (a memory database's
        # serialize copies page by page), and a smaller file than with 4 KiB (fewer
        # half-empty pages); any SQLite, so Anki, reads any size. No rollback journal: a
        # failed export throws the whole database away.
        conn.execute("PRAGMA page_size = 32768")
        conn.execute("PRAGMA journal_mode = OFF")
        cursor = conn.cursor()
        timestamp = time.time()
        cursor.executescript(_TABLES)  # what genanki.Package.write_to_db does
        cursor.executescript(APKG_COL)
        id_gen = itertools.count(int(timestamp * 1000))
        for deck in package.decks:
            deck.write_to_db(cursor, timestamp, id_gen)
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    with zipfile.ZipFile(out, "w") as package_zip:
        package_zip.writestr("collection.anki2", collection)
        media = dict(enumerate(package.media_files))
        package_zip.writestr("media", json.dumps({i: os.path.basename(p) for i, p in media.items()}))
        for index, path in media.items():
            package_zip.write(path, str(index))
