"""The collection inside an .apkg export, filled with its notes as they are made.

apkg_collection.NoteRows hands this the notes of quizapp's note type in batches, either in
the exporting process or, for a big bank, in a helper process on another core: this module
run as a script (`python -P apkg_rows.py`), which reads the batches from its standard input
while the exporter makes the next notes, and at the end writes back the collection's bytes.
So the SQLite rows, the serializing and the compression (a quarter of a big export) are off
the exporter's path. It imports only the standard library and zstandard, so that the helper
is up in ~40 ms; both ways run this same code, so they make the same bytes.
"""

from __future__ import annotations

import marshal
import sqlite3
import sys
from typing import IO

# A note of quizapp's note type: its id (its card's is the next number), guid, tags as the
# notes table keeps them (" a b "), fields (front, unit separator, back), sort field (the
# front: no card when it is empty), and its card's deck
NoteRow = tuple[int, str, str, str, str, int]

# The tables the exporter fills itself, in its own small collection (the col row with the
# decks and note types, and notes genanki writes), copied in at the end
OTHER_TABLES = ("col", "notes", "cards")


class CollectionRows:
    """An Anki collection (schema 11) in memory, its notes and cards added batch by batch."""

    def __init__(self, tables: str, page_size: int, model_id: int, mod: int) -> None:
        self._conn = sqlite3.connect(":memory:")
        # Big pages: fewer to fill and serialize (a memory database's serialize copies page
        # by page). No rollback journal: a failed export throws the whole database away.
        self._conn.execute(f"PRAGMA page_size = {int(page_size)}")
        self._conn.execute("PRAGMA journal_mode = OFF")
        self._conn.executescript(tables)
        # id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data: the note type and
        # time are the same for every row, written into the statement
        self._insert_note = (f"INSERT INTO notes VALUES(?, ?, {int(model_id)}, {int(mod)}, -1,"
                             " ?, ?, ?, 0, 0, '')")
        # id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left,
        # odue, odid, flags, data: a new card, due 0, as genanki writes it
        self._insert_card = (f"INSERT INTO cards VALUES(?, ?, ?, 0, {int(mod)}, -1, 0, 0, 0,"
                             " 0, 0, 0, 0, 0, 0, 0, 0, '')")

    def add(self, rows: list[NoteRow]) -> None:
        """Notes in the order of their ids, each with its card when its front has text
        (genanki's rule: its template shows the front)."""
        self._conn.executemany(self._insert_note, [row[:5] for row in rows])
        self._conn.executemany(self._insert_card, [(row[0] + 1, row[0], row[5])
                                                   for row in rows if row[4] != ""])

    def finish(self, others: dict[str, list[tuple]], compressed: bool) -> bytes:
        """The collection's bytes (zstd-compressed for Anki's current format), with the rows
        of OTHER_TABLES the exporter made (their ids after the batches')."""
        for table in OTHER_TABLES:
            rows = others.get(table, [])
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                self._conn.executemany(f"INSERT INTO {table} VALUES({marks})", rows)
        self._conn.commit()
        data = self._conn.serialize()
        self._conn.close()
        if not compressed:
            return data
        import zstandard

        # Level 1 on every core: zstd's fastest level that still packs a deck about as
        # small as Anki's own package (level 3 is 5% smaller and takes 1.3x as long).
        return zstandard.ZstdCompressor(level=1, threads=-1).compress(data)


def message_bytes(message: tuple) -> bytes:
    """A message to or from the helper: its length (8 bytes), then it, marshalled. (A
    length first, as marshal.load of a pipe reads it piece by piece: 7x slower.)"""
    data = marshal.dumps(message)
    return len(data).to_bytes(8, "little") + data


def message_of(data: bytes) -> tuple:
    """The message of message_bytes(message), all of it read (ValueError: not one)."""
    if len(data) < 8 or int.from_bytes(data[:8], "little") != len(data) - 8:
        raise ValueError("not a whole message")
    return marshal.loads(data[8:])


def read_message(pipe: IO[bytes]) -> tuple:
    """The next message_bytes from `pipe`; EOFError at its end."""
    length = int.from_bytes(_read_exactly(pipe, 8), "little")
    return marshal.loads(_read_exactly(pipe, length))


def _read_exactly(pipe: IO[bytes], size: int) -> bytes:
    """`size` bytes: a pipe read unbuffered gives what has come so far."""
    data = pipe.read(size)
    if len(data) == size:
        return data
    pieces = [data]
    left = size - len(data)
    while left:
        piece = pipe.read(left)
        if not piece:
            raise EOFError
        pieces.append(piece)
        left -= len(piece)
    return b"".join(pieces)


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The helper's side: ("begin", tables, page size, note type id, mod), then ("rows",
    batch) messages, then ("end", others, compressed), each message_bytes'; it answers the
    end with ("done", the collection's bytes) or ("failed", why). An end of its input
    before ("end",...) (the exporter stopped or died) ends it quietly."""
    try:
        _, tables, page_size, model_id, mod = read_message(requests)
        collection = CollectionRows(tables, page_size, model_id, mod)
        while True:
            message = read_message(requests)
            if message[0] != "rows":
                break
            collection.add(message[1])
        _, others, compressed = message
        reply: tuple = ("done", collection.finish(others, compressed))
    except EOFError:
        return
    except Exception as error:  # the exporter makes the collection itself, and says why
        reply = ("failed", f"{type(error).__name__}: {error}")
    replies.write(message_bytes(reply))
    replies.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
