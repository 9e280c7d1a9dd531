"""The collection inside an .apkg export, filled with its notes as they are made.

apkg_collection.NoteRows hands this the notes of quizapp's note type in batches, either in
the exporting process or, for a big bank, in a helper process on another core: this module
run as a script (`python -S -P apkg_rows.py`), which reads the batches from its standard input
while the exporter makes the next notes, and at the end writes back the collection's bytes.
So the SQLite rows, the serializing and the compression (a quarter of a big export) are off
the exporter's path. It imports only the standard library and zstandard, so that the helper
is up in 15-80 ms; both ways run this same code, so they make the same bytes.
"""

from __future__ import annotations

import marshal
import operator
import re
import signal
import sqlite3
import sys
from typing import IO

# A note of quizapp's note type: its id (its card's is the next number); its guid, or ""
# when it is the next number's in base 91 (the first 8 bytes of its sha256, as an integer);
# its tags as the notes table keeps them (" a b "); its front (no card when it is empty) and
# back, as HTML; its question's id (marked after the back); its card's deck. The guid's
# digits, the mark and the fields' text are made here, in the helper when there is one.
NoteRow = tuple[int, str, int, str, str, str, str, int]

# Anki's base 91 digits (genanki.util.BASE91_TABLE; a test compares them)
BASE91 = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
          "!#$%&()*+,-./:;<=>?@[]^_`{|}~")
_BASE91_PAIRS = tuple(a + b for a in BASE91 for b in BASE91)  # two digits, 91 * 91 values
_TEN_DIGITS = 91**10  # more than any 64-bit number, a guid's


def base91(number: int) -> str:
    """A number in Anki's base 91 digits, as genanki writes a guid: most significant digit
    first, no leading zero digit ('' for 0). Two digits per divmod: a number left at 91 or
    more after a division has a whole pair below it."""
    if 0 <= number < _TEN_DIGITS:  # a guid: five pairs, written out, zeros stripped
        number, p0 = divmod(number, 8281)
        number, p1 = divmod(number, 8281)
        number, p2 = divmod(number, 8281)
        p4, p3 = divmod(number, 8281)
        table = _BASE91_PAIRS
        return (table[p4] + table[p3] + table[p2] + table[p1] + table[p0]).lstrip(BASE91[0])
    pairs = []
    while number >= 91:
        number, pair = divmod(number, 8281)
        pairs.append(_BASE91_PAIRS[pair])
    if number:
        pairs.append(BASE91[number])
    return "".join(reversed(pairs))


# quizapp's Anki export ends each card's back with this comment naming its question (Anki
# shows nothing of it and keeps it), so that importing the deck again gives the same ids
# (_common.anki_id_marked reads it).
ANKI_ID_MARK = "<!-- quizapp id: {} -->"
# What quote(..., safe="") leaves as it is (RFC 3986's unreserved characters): most ids.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")


def anki_id_mark(question_id: str) -> str:
    if _UNRESERVED.fullmatch(question_id):  # quote() would return it unchanged: 3 us saved
        return ANKI_ID_MARK.format(question_id)
    from urllib.parse import quote

    return ANKI_ID_MARK.format(quote(question_id, safe=""))  # no '>' to end the comment


_MARK_BEFORE, _MARK_AFTER = ANKI_ID_MARK.split("{}")
# a NoteRow's question id, front and deck id
_QUESTION_ID, _FRONT, _DECK_ID = (operator.itemgetter(i) for i in (6, 4, 7))

# The tables the exporter fills itself, in its own small collection (the col row with the
# decks and note types, and notes genanki writes), copied in at the end
OTHER_TABLES = ("col", "notes", "cards")


class CollectionRows:
    """An Anki collection (schema 11) in memory, its notes and cards added batch by batch."""

    def __init__(self, tables: str, page_size: int, model_id: int, mod: int,
                 sort_fields: bool) -> None:
        """sort_fields: write each note's sort field (its front), which the format of
        Anki 2.1.50 and later does not need: Anki works it out as it imports a note, as it
        does its checksum (tests/test_apkg_in_anki.py), and without it the collection is a
        fifth smaller (10.2 -> 8.0 MB for 10,000 questions) to fill, serialize and
        compress. The older format keeps it, for Ankis this project cannot test."""
        self._sort_fields = sort_fields
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
        card = f"0, {int(mod)}, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ''"
        self._insert_card = f"INSERT INTO cards VALUES(?, ?, ?, {card})"
        # the cards of the notes numbered from one id to another, all in one deck
        self._insert_cards_of_notes = (f"INSERT INTO cards SELECT id + 1, id, ?, {card}"
                                       " FROM notes WHERE id BETWEEN ? AND ? ORDER BY id")

    def add(self, rows: list[NoteRow]) -> None:
        """Notes in the order of their ids, after those added before, each with its card
        when its front has text (genanki's rule: its template shows the front)."""
        if not rows:
            return
        sort_fields = self._sort_fields  # (the front again, only in the older format)
        question_ids = list(map(_QUESTION_ID, rows))
        if all(question_ids) and _UNRESERVED.fullmatch("".join(question_ids)):
            # every note a question's whose id needs no quoting (most batches): its mark
            # written out, not one call of a regular expression and a format a note
            marks = [_MARK_BEFORE + question_id + _MARK_AFTER for question_id in question_ids]
        else:  # (a note of no question, the stub's: no mark)
            marks = [anki_id_mark(question_id) if question_id else ""
                     for question_id in question_ids]
        notes = [(note_id, guid or base91(guid_number), tags, f"{front}\x1f{back}{mark}",
                  front if sort_fields else "")
                 for (note_id, guid, guid_number, tags, front, back, _, _), mark
                 in zip(rows, marks, strict=True)]
        self._conn.executemany(self._insert_note, notes)
        deck_ids = set(map(_DECK_ID, rows))
        if all(map(_FRONT, rows)) and len(deck_ids) == 1:  # most batches: cards made in SQLite
            self._conn.execute(self._insert_cards_of_notes,
                               (deck_ids.pop(), rows[0][0], rows[-1][0]))
        else:
            self._conn.executemany(self._insert_card, [
                (row[0] + 1, row[0], row[7]) for row in rows if row[4] != ""])

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
        import zstandard  # (the helper has it already: see serve)

        # Level 1 on every core: zstd's fastest level that still packs a deck about as
        # small as Anki's own package (level 3 is 5% smaller and takes 1.3x as long).
        return zstandard.ZstdCompressor(level=1, threads=-1).compress(data)


def send(pipe: IO[bytes], message: tuple) -> None:
    """A request to the helper: its length (8 bytes), then it, marshalled. (A length first:
    marshal.load of a pipe reads it piece by piece, 7x slower than marshal.loads.)"""
    data = marshal.dumps(message)
    _write_all(pipe, len(data).to_bytes(8, "little"))
    _write_all(pipe, data)


def _write_all(pipe: IO[bytes], data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[pipe.write(view) or 0:]  # (a pipe unbuffered may take a part)


def read_request(pipe: IO[bytes]) -> tuple:
    """The next send(); EOFError at the end of the pipe."""
    return marshal.loads(read_exactly(pipe, int.from_bytes(read_exactly(pipe, 8), "little")))


def read_exactly(pipe: IO[bytes], size: int) -> bytearray:
    """`size` bytes, read into one buffer (a pipe read unbuffered gives what has come so
    far); EOFError when the pipe ends before."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    done = 0
    while done < size:
        # (IO[bytes] does not declare readinto; a pipe's file has it)
        got = pipe.readinto(view[done:])  # type: ignore[attr-defined]
        if not got:
            raise EOFError
        done += got
    return buffer


# The helper's one answer: the length of its payload (8 bytes), DONE or FAILED (1 byte),
# then the collection's bytes, or why it failed (UTF-8); not marshalled: no more copies of
# 2-10 MB
DONE, FAILED = b"d", b"f"


def _answer(pipe: IO[bytes], outcome: bytes, payload: bytes) -> None:
    _write_all(pipe, len(payload).to_bytes(8, "little") + outcome)
    _write_all(pipe, payload)
    pipe.flush()


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The helper's side: ("begin", CollectionRows' arguments...), then ("rows",
    batch) requests, then ("end", others, compressed), each sent with send(); it answers
    the end with DONE and the collection's bytes or FAILED and why. An end of its input
    before ("end", ...) (the exporter stopped or died) ends it quietly."""
    try:
        import zstandard  # noqa: F401  (now, while the exporter makes the first notes)
    except ImportError:
        pass  # (finish says so, if the package is the compressed one)
    try:
        _, *arguments = read_request(requests)
        collection = CollectionRows(*arguments)
        while True:
            request = read_request(requests)
            if request[0] != "rows":
                break
            collection.add(request[1])
        _, others, compressed = request
        data = collection.finish(others, compressed)
    except EOFError:
        return
    except Exception as error:  # the exporter makes the collection itself, and logs why
        _answer(replies, FAILED, f"{type(error).__name__}: {error}".encode())
        return
    _answer(replies, DONE, data)


if __name__ == "__main__":
    if hasattr(signal, "pthread_sigmask"):  # (held by the exporter as it started us)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    # the folders the exporter found zstandard in, after the standard library (run with
    # -S, the helper has no site-packages of its own)
    sys.path.extend(sys.argv[1:])
    serve(sys.stdin.buffer, sys.stdout.buffer)
