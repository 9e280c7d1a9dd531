"""The file of an .apkg export: the notes apkg.py makes, as rows of a throwaway in-memory
Anki collection (genanki's tables), zipped with the deck's media the way genanki zips them."""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import json
import os
import sqlite3
import time
import zipfile
from pathlib import Path
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


def package_bytes(package: genanki.Package, *, legacy: bool = False) -> bytes:
    """write_package's zip as bytes."""
    out = io.BytesIO()
    write_package(package, out, legacy=legacy)
    return out.getvalue()


def write_package(package: genanki.Package, out: IO[bytes], *, legacy: bool = False) -> None:
    """The package in the format Anki writes by default since 2.1.50 (2022): the collection
    compressed with zstd (`collection.anki21b`), a `meta` member naming the format, the
    media list as a protobuf and each media file compressed. A 10,000-question deck is
    1.7 MB, not 10.2 (and the export's write and fsync of 8.5 MB less cost more than the
    compression). Older Ankis read the stub `collection.anki2` beside it, a deck of one
    note asking to update Anki (as Anki's own packages do). legacy: genanki's older
    format, an uncompressed `collection.anki2` and a JSON media list, which any Anki
    reads."""
    collection = _collection_bytes(package)
    media = package.media_files
    with zipfile.ZipFile(out, "w") as package_zip:
        if legacy:
            package_zip.writestr("collection.anki2", collection)
            names = {i: os.path.basename(p) for i, p in enumerate(media)}
            package_zip.writestr("media", json.dumps(names))
            for index, path in enumerate(media):
                package_zip.write(path, str(index))
            return
        import zstandard

        # Level 1 on every core: zstd's fastest level that still packs a deck about as
        # small as Anki's own package (level 3 is 5% smaller and takes 1.3x as long).
        compressor = zstandard.ZstdCompressor(level=1, threads=-1)
        package_zip.writestr("meta", _LATEST_META)
        package_zip.writestr("collection.anki21b", compressor.compress(collection))
        package_zip.writestr("collection.anki2", _please_update_collection())
        entries = []
        for index, path in enumerate(media):
            data = Path(path).read_bytes()
            entries.append(_media_entry(os.path.basename(path), data))
            package_zip.writestr(str(index), compressor.compress(data))
        package_zip.writestr("media", compressor.compress(b"".join(entries)))


# PackageMetadata{version: VERSION_LATEST} (Anki's import_export.proto): the member that
# tells Anki the collection is `collection.anki21b`, compressed, and the media list a
# protobuf
_LATEST_META = b"\x08\x03"


def _protobuf_bytes(field_number: int, data: bytes) -> bytes:
    """One length-delimited protobuf field (wire type 2)."""
    return _varint(field_number << 3 | 2) + _varint(len(data)) + data


def _varint(number: int) -> bytes:
    out = bytearray()
    while number > 0x7F:
        out.append(number & 0x7F | 0x80)
        number >>= 7
    out.append(number)
    return bytes(out)


def _media_entry(name: str, data: bytes) -> bytes:
    """MediaEntries.entries[i] (Anki's import_export.proto): the file's name, its size and
    sha1 (with which Anki tells a file it has from another of the same name). The zip
    member is the entry's index."""
    entry = (_protobuf_bytes(1, name.encode("utf-8")) + _varint(2 << 3) + _varint(len(data))
             + _protobuf_bytes(3, hashlib.sha1(data).digest()))
    return _protobuf_bytes(1, entry)


_PLEASE_UPDATE = ("This deck needs Anki 2.1.50 or later (2022). Update Anki, then import the "
                  "file again.")


@functools.cache
def _please_update_collection() -> bytes:
    """The stub older Ankis import instead: one note saying why there is nothing else."""
    deck = BatchedDeck(1, "Default")
    deck.add_row(_STUB_MODEL, "quizapp-update-anki", _PLEASE_UPDATE, "", anki_tag_text([]))
    return _collection_bytes(genanki.Package(deck), page_size=1024)


_STUB_MODEL = genanki.Model(
    1_607_392_319, "Basic",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
)


def _collection_bytes(package: genanki.Package, page_size: int = 32768) -> bytes:
    """The package's notes as the bytes of an Anki collection (schema 11, which Anki
    upgrades as it imports): an in-memory SQLite database (no temporary file, no fsync,
    no reading it back), as genanki.Package.write_to_db fills it."""
    conn = sqlite3.connect(":memory:")
    try:
        # 32 KiB pages, not 4: fewer pages to fill and serialize (a memory database's
        # serialize copies page by page), and a smaller file than with 4 KiB (fewer
        # half-empty pages); any SQLite, so Anki, reads any size (the stub's six tables
        # take a page each: small ones). No rollback journal: a failed export throws
        # the whole database away.
        conn.execute(f"PRAGMA page_size = {int(page_size)}")
        conn.execute("PRAGMA journal_mode = OFF")
        cursor = conn.cursor()
        timestamp = time.time()
        cursor.executescript(_TABLES)  # what genanki.Package.write_to_db does
        cursor.executescript(APKG_COL)
        id_gen = itertools.count(int(timestamp * 1000))
        for deck in package.decks:
            deck.write_to_db(cursor, timestamp, id_gen)
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()
