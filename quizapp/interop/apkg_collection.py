"""The file of an .apkg export: the notes apkg.py makes, as rows of a throwaway in-memory
Anki collection (genanki's tables; apkg_rows fills it), zipped with the deck's media the way
genanki zips them."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import itertools
import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

from .apkg_rows import DONE, OTHER_TABLES, CollectionRows, NoteRow, read_exactly, send

log = logging.getLogger(__name__)

# 32 KiB pages, not 4: fewer pages to fill and serialize, and a smaller file than with
# 4 KiB (fewer half-empty pages); any SQLite, so Anki, reads any size (the stub's six
# tables take a page each: small ones)
_PAGE_SIZE = 32768


# A batch of notes handed on at once: big enough that the helper's messages cost little,
# small enough that the helper works while the exporter makes the next ones
_BATCH = 512
# A bank smaller than this is made in the exporter's process: the helper's start (15-80 ms
# of the other core) and its answer's wait do not pay for themselves (2,000 questions:
# 1.07x the time in one process; 10,000: 0.86-1.09x, docs/performance.md's 15th round)
HELPER_MIN_NOTES = 5_000


class NoteRows:
    """The export's notes of quizapp's note type (one a question: Front, Back), numbered as
    they are made and handed on in batches to the collection's rows (apkg_rows): in a
    helper process on another core when the bank is big and a core is free, so that the
    SQLite rows, the collection's serializing and its compression overlap with the making
    of the next notes; else in this process, after the last. Either way the same bytes
    (the same CollectionRows calls). A helper that fails or dies is replaced by this
    process, from the batches it was sent (they are kept)."""

    def __init__(self, model: genanki.Model, timestamp: float, notes: int, *,
                 sort_fields: bool, page_size: int = _PAGE_SIZE) -> None:
        """notes: how many will come (a helper only for many); sort_fields: as
        CollectionRows' (the older format's)."""
        self.model = model
        self.timestamp = timestamp
        self.next_id = int(timestamp * 1000)  # genanki's first id; a card takes the next
        self._batches: list[list[NoteRow]] = []
        self._batch: list[NoteRow] = []
        # CollectionRows' arguments
        self._collection_rows = (_TABLES, page_size, model.model_id, int(timestamp),
                                 sort_fields)
        self._helper: subprocess.Popen | None = None
        self._big_enough_for_helper = notes >= HELPER_MIN_NOTES

    def __enter__(self) -> NoteRows:
        # The helper starts here, not in __init__: once `with` has called this, its __exit__
        # stops the helper whatever comes (a Cancel between __init__ and `with` left it)
        if self._big_enough_for_helper and _core_free():
            try:
                with _cancel_held():
                    self._helper = _start_helper()
                if self._helper is not None:
                    self._send(("begin", *self._collection_rows))
            except BaseException:  # a Ctrl+C in `quizapp export` (SIGINT is not held)
                self._stop_helper()
                raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop_helper()

    def add(self, deck: genanki.Deck, guid: str, guid_number: int, front: str, back: str,
            question_id: str, tag_text: str) -> None:
        """A note of `model` in `deck` (its guid, or "" for guid_number's digits; front and
        back as HTML, the question's id marked after the back; tags as anki_tag_text makes
        them, once for each set), and its card when the front has text."""
        if self.model.model_id not in deck.models:  # the note type goes in with the deck
            deck.add_model(self.model)
        note_id = self.next_id
        self.next_id += 2 if front else 1  # (genanki numbers a note, then its card)
        batch = self._batch
        batch.append((note_id, guid, guid_number, tag_text, front, back, question_id,
                      deck.deck_id))
        if len(batch) >= _BATCH:
            self._batches.append(batch)
            self._batch = []
            if self._helper is not None:
                self._send(("rows", batch))

    def collection(self, others: dict[str, list[tuple]], *, compressed: bool) -> bytes:
        """The collection's bytes: these notes, then the rows of the tables the exporter
        made itself (OTHER_TABLES: the decks and note types, and the notes genanki wrote,
        numbered after these)."""
        if self._batch:
            self._batches.append(self._batch)
            if self._helper is not None:
                self._send(("rows", self._batch))
            self._batch = []
        if self._helper is not None:
            self._send(("end", others, compressed))
        if self._helper is not None:  # (it may have died at any send, this one too)
            made = self._helper_collection()
            if made is not None:
                return made
        rows = CollectionRows(*self._collection_rows)
        for batch in self._batches:
            rows.add(batch)
        return rows.finish(others, compressed)

    def _send(self, request: tuple) -> None:
        helper = self._helper
        assert helper is not None and helper.stdin is not None
        try:
            send(helper.stdin, request)
        except (OSError, ValueError):  # it died: this process makes the collection
            self._stop_helper()
            log.warning(
                "the .apkg export's helper process ended early; the export made the "
                "collection itself")

    def _helper_collection(self) -> bytes | None:
        """The helper's collection, or None when it failed (it is stopped either way; why
        it failed is logged: a helper that fails at every export makes each do its work
        twice)."""
        helper = self._helper
        assert helper is not None and helper.stdin is not None and helper.stdout is not None
        collection = None
        why = "it ended without an answer"
        try:
            helper.stdin.close()  # all sent: it answers, then ends
            head = read_exactly(helper.stdout, 9)
            size = int.from_bytes(head[:8], "little")
            # into one buffer of its size (read to its end, the bytes were copied ~45
            # times as the buffer grew: 10-19 ms for 1.6 MB); a size no memory holds is
            # no answer
            answer = bytes(read_exactly(helper.stdout, size))
            if head[8:] == DONE:
                collection = answer
            else:
                why = answer.decode("utf-8", "replace")
        except (OSError, ValueError, EOFError, MemoryError) as error:
            why = f"its answer could not be read ({type(error).__name__})"
        self._stop_helper()
        if collection is None:
            log.warning(
                "the .apkg export's helper process failed (%s); the export made the "
                "collection itself", why)
        return collection

    def _stop_helper(self) -> None:
        helper = self._helper
        if helper is None:
            return
        for pipe in (helper.stdin, helper.stdout):
            if pipe is not None:
                pipe.close()
        helper.kill()  # (nothing if it ended)
        helper.wait()
        # forgotten only once waited for: a Cancel (SIGTERM) in the wait leaves it to the
        # next call (__exit__'s), so that no process is left, running or a zombie
        self._helper = None


@contextlib.contextmanager
def _cancel_held() -> Iterator[None]:
    """File > Export's Cancel (SIGTERM, export_process's SystemExit) held back while the
    helper starts, and taken once it is ours to stop: one that came inside Popen, after the
    fork, lost the helper's process object, so that it was neither stopped nor waited for
    (3 exports in 10 cancelled at that moment left it a zombie). The helper takes the
    signal again itself (apkg_rows: a child inherits the blocked set). It blocks the
    signal for this thread only, which holds it because the export process has no other
    thread then: the kernel would give it to another thread, and Python would still run
    the handler here."""
    if not hasattr(signal, "pthread_sigmask"):  # (Windows: no SIGTERM to hold)
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _core_free() -> bool:
    """Room for the helper: four cores or more, and the last minute's load average at
    least two below their number (the export's own process counts in it). On two cores
    the other one is seldom free for the whole export: with a test run or another
    program on it, the helper's work competed with the notes' making and an export took
    1.12-1.47x its time in one process (docs/performance.md, the fifteenth round). Where
    the load is not known (Windows), four cores are taken to leave room."""
    cores = os.cpu_count() or 1
    if cores < 4:
        return False
    try:
        return os.getloadavg()[0] <= cores - 2
    except (AttributeError, OSError):
        return True


# glibc's malloc (other C libraries ignore these): the helper's big blocks (the serialized
# collection, 10 MB for 10,000 notes; its compressed copy) from memory it has touched
# already, not from pages mapped afresh for each and faulted in one by one, which on a
# virtual machine cost more than the copying (serializing 15 ms -> 3 ms, measured in
# docs/performance.md); and what it frees kept for the next block. It lives a second.
_HELPERS_MALLOC = {"MALLOC_MMAP_THRESHOLD_": str(64 << 20), "MALLOC_TRIM_THRESHOLD_": str(256 << 20)}


def _start_helper() -> subprocess.Popen | None:
    """apkg_rows.py run by this Python, or None when it cannot start. -S: no site module
    (the .pth files of every installed package: 20-40 ms of its start); the one package it
    needs, zstandard, is found in the folder where this process finds it, which the helper
    puts after the standard library on its module path (as this process has it; PYTHONPATH
    would put it before). -P: the script's folder is not put first on the module path
    (this package's modules must not stand in for the standard library's)."""
    if not sys.executable:
        return None
    zstandard = importlib.util.find_spec("zstandard")
    folders = ([os.path.dirname(os.path.dirname(zstandard.origin))]  # .../site-packages
               if zstandard is not None and zstandard.origin else [])
    try:
        helper = subprocess.Popen(
            [sys.executable, "-S", "-P", str(Path(__file__).with_name("apkg_rows.py")),
             *folders],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            bufsize=0, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            env={**os.environ, **_HELPERS_MALLOC})
    except OSError:
        return None
    assert helper.stdin is not None and helper.stdout is not None
    if sys.platform == "linux":  # 1 MiB pipes: a batch goes in one write or two, not 16
        import fcntl

        try:
            for pipe in (helper.stdin, helper.stdout):
                try:
                    fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
                except OSError:
                    pass  # (a smaller pipe only costs more writes)
        except BaseException:  # a Ctrl+C (SIGINT is not held) before the caller holds it
            helper.kill()
            helper.wait()
            raise
    return helper


def anki_tag_text(tags: list[str]) -> str:
    """Tags (no spaces) as a note's tags column holds them: " a b " (genanki's)."""
    return " " + " ".join(tags) + " "


# genanki's collection schema without its seven indexes: Anki's import reads the package's
# tables whole (every note, card and log entry) and looks nothing up in them, so nothing
# needs them (tests/test_apkg_in_anki.py imports a package into Anki's own library); they
# were a tenth of the collection's pages and a tenth of the time making it (10,000 notes).
_TABLES = ";\n".join(s.strip() for s in APKG_SCHEMA.split(";")
                      if s.strip() and not s.strip().startswith("CREATE INDEX")) + ";"


def write_package(package: genanki.Package, rows: NoteRows, out: IO[bytes], *,
                  legacy: bool = False) -> None:
    """The package in the format Anki writes by default since 2.1.50 (2022): the collection
    compressed with zstd (`collection.anki21b`), a `meta` member naming the format, the
    media list as a protobuf and each media file compressed. A 10,000-question deck is
    1.7 MB, not 10.2 (and the export's write and fsync of 8.5 MB less cost more than the
    compression). Older Ankis read the stub `collection.anki2` beside it, a deck of one
    note asking to update Anki (as Anki's own packages do). legacy: genanki's older
    format, an uncompressed `collection.anki2` and a JSON media list, which any Anki
    reads. The package's decks hold the notes genanki writes; `rows` the others."""
    collection = _collection_bytes(package, rows, compressed=not legacy)
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

        compressor = zstandard.ZstdCompressor(level=1, threads=-1)  # (as apkg_rows')
        package_zip.writestr("meta", _LATEST_META)
        package_zip.writestr("collection.anki21b", collection)
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
    deck = genanki.Deck(1, "Default")
    with NoteRows(_STUB_MODEL, time.time(), notes=1, sort_fields=True, page_size=1024) as rows:
        rows.add(deck, "quizapp-update-anki", 0, _PLEASE_UPDATE, "", "", anki_tag_text([]))
        return _collection_bytes(genanki.Package(deck), rows, compressed=False)


_STUB_MODEL = genanki.Model(
    1_607_392_319, "Basic",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
)

def _collection_bytes(package: genanki.Package, rows: NoteRows, *, compressed: bool) -> bytes:
    """The package's notes and `rows` as the bytes of an Anki collection (schema 11, which
    Anki upgrades as it imports; zstd-compressed for the current format). The package's
    decks (their JSON, their note types, and the notes genanki writes: few) are written as
    genanki.Package.write_to_db writes them, into a small collection of their own, whose
    rows then join `rows`'."""
    conn = sqlite3.connect(":memory:")
    try:
        cursor = conn.cursor()
        cursor.executescript(_TABLES)
        cursor.executescript(APKG_COL)
        id_gen = itertools.count(rows.next_id)  # after the rows' notes and cards
        for deck in package.decks:
            deck.write_to_db(cursor, rows.timestamp, id_gen)
        others = {table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
                  for table in OTHER_TABLES}
    finally:
        conn.close()
    return rows.collection(others, compressed=compressed)
