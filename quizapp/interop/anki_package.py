"""The parts of an Anki package (a zip file) the importer reads before SQLite: zstd-compressed
members, and the `media` list (JSON in the older formats, a protobuf in the current one)."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
import zlib
from pathlib import Path
from urllib.parse import quote

from ._common import InteropError

MAX_COLLECTION_BYTES = 200 * 1024 * 1024  # unpacked; a real deck of text is far smaller
_PIECE = 1 << 20  # what zstd_bytes unpacks at a time
# What reading a zip member whose bytes are damaged raises (a bad CRC, a broken deflate
# stream, a member cut short)
DAMAGED_MEMBER = (zipfile.BadZipFile, zlib.error, EOFError)


def zstd_bytes(data: bytes, limit: int = MAX_COLLECTION_BYTES,
               what: str = "the deck's collection") -> bytes:
    """A zstd-compressed member unpacked, `what` named when it is damaged or larger than
    `limit` once unpacked (a few KB can unpack to gigabytes)."""
    import zstandard

    # Read a piece at a time: read(limit + 1) at once allocates the whole limit (200 MB
    # for a collection, 10 MB for each picture) whatever the member's size.
    pieces, size = [], 0
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data))
        while piece := reader.read(min(_PIECE, limit + 1 - size)):
            pieces.append(piece)
            size += len(piece)
            if size > limit:
                raise InteropError(f"{what} is too large to import")
    except zstandard.ZstdError:
        raise InteropError(f"{what} is damaged: it cannot be unpacked") from None
    return b"".join(pieces)


def varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ValueError("truncated varint")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def protobuf_fields(data: bytes) -> list[tuple[int, int | bytes]]:
    """A protobuf message's (field number, value) pairs: varints and byte strings."""
    out: list[tuple[int, int | bytes]] = []
    pos = 0
    while pos < len(data):
        key, pos = varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = varint(data, pos)
            out.append((number, value))
        elif wire == 2:
            length, pos = varint(data, pos)
            out.append((number, data[pos : pos + length]))
            pos += length
        elif wire == 5:
            pos += 4
        elif wire == 1:
            pos += 8
        else:
            raise ValueError(f"unknown protobuf wire type {wire}")
    return out


_MEDIA_LIST = "the deck's list of its media files"


def media_map(archive: zipfile.ZipFile, compressed: bool) -> dict[str, str]:
    """media name -> the zip member that holds it. InteropError (saying what is wrong) when
    the list is there but cannot be read."""
    try:
        raw = archive.read("media")
    except KeyError:
        return {}
    except (*DAMAGED_MEMBER, OSError):
        raise InteropError(f"{_MEDIA_LIST} is damaged") from None
    if not compressed:
        try:
            mapping = json.loads(raw.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise InteropError(f"{_MEDIA_LIST} is damaged: it is not JSON") from None
        if not isinstance(mapping, dict):
            raise InteropError(f"{_MEDIA_LIST} is damaged: it does not name its files")
        return {str(name): str(member) for member, name in mapping.items()}
    try:
        return _media_entries(zstd_bytes(raw, what=_MEDIA_LIST))
    except ValueError:  # a protobuf that is not one
        raise InteropError(f"{_MEDIA_LIST} is damaged") from None


def _media_entries(data: bytes) -> dict[str, str]:
    """The current format's list: a MediaEntries protobuf."""
    out: dict[str, str] = {}
    for index, (number, entry) in enumerate(protobuf_fields(data)):
        if number != 1 or not isinstance(entry, bytes):
            continue
        name, member = "", str(index)
        for n, value in protobuf_fields(entry):
            if n == 1 and isinstance(value, bytes):
                name = value.decode("utf-8", "replace")
            elif n == 255 and isinstance(value, int):
                member = str(value)
        out[name] = member
    return out


def open_collection(archive: zipfile.ZipFile, path: str,
                    folder: Path) -> tuple[sqlite3.Connection, bool]:
    """The package's collection, written into `folder` and opened read-only, and whether it
    is the current (zstd-compressed) format; InteropError naming `path` when it cannot be."""
    names = set(archive.namelist())
    # newest first: a current package also holds an old-format stub saying "please update"
    candidates = (("collection.anki21b", True), ("collection.anki21", False),
                  ("collection.anki2", False))
    found = next(((m, c) for m, c in candidates if m in names), None)
    if found is None:
        raise InteropError(f"{path}: this zip file is not an Anki deck (no collection in it)")
    member, compressed = found
    if archive.getinfo(member).file_size > MAX_COLLECTION_BYTES:
        raise InteropError(f"{path}: the deck's collection is too large to import")
    try:
        data = archive.read(member)
        if compressed:
            data = zstd_bytes(data)
    except InteropError as exc:
        raise InteropError(f"{path}: {exc}") from None
    except DAMAGED_MEMBER:
        raise InteropError(f"{path}: the deck's collection is damaged: it cannot be "
                           "unpacked") from None
    collection = folder / "collection.db"
    collection.write_bytes(data)
    connection = None
    try:
        connection = sqlite3.connect(f"file:{quote(str(collection))}?mode=ro", uri=True)
        connection.execute("SELECT count(*) FROM notes").fetchone()
    except sqlite3.DatabaseError as exc:
        if connection is not None:
            connection.close()
        raise InteropError(f"{path}: the deck's collection cannot be read ({exc})") from None
    return connection, compressed
