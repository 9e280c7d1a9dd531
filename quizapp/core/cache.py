"""A disk cache of checked banks, so re-opening an unchanged bank is instant.

An entry is found by a key made from the bank file's content hash (sha256 of
its bytes), the file's path and the loader version, and it stores that hash
again; it is only used when the hash of the bytes just read matches, so a
changed file is never served stale. A damaged, foreign or old entry is
ignored (and then rewritten). Entries are written to a temp file and renamed
into place, so a crash or a second process never leaves half an entry.

Entries hold plain tuples written with marshal, not pickle: reading a planted
or damaged file can at worst give wrong tuples (caught by the checksum and by
the rebuild), never run code. Rebuilding the frozen dataclasses straight from
tuples is also several times faster than unpickling them.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import fields
from pathlib import Path

from quizapp.core import paths
from quizapp.core.model import (
    QUESTION_TYPES,
    Bank,
    Choice,
    Problem,
    SourceInfo,
    TextPolicy,
)

MAGIC = b"quizapp-bank-cache\n"
CACHE_VERSION = 2  # bump when the model or the stored tuples change
_HEADER = MAGIC + b"%d\n" % CACHE_VERSION


def cache_folder() -> Path:
    return paths.cache_dir() / "banks"


def entry_key(content_hash: str, path: str, loader_version: int) -> str:
    raw = f"{loader_version}\0{path}\0{content_hash}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


# -- model <-> plain tuples ----------------------------------------------------
# Field names in declaration order; a question is (type, value, value, ...).
_NAMES = {cls: tuple(f.name for f in fields(cls)) for cls in QUESTION_TYPES.values()}
_BANK_NAMES = tuple(f.name for f in fields(Bank))
_POLICY_NAMES = tuple(f.name for f in fields(TextPolicy))
_SOURCE_NAMES = tuple(f.name for f in fields(SourceInfo))
_new = object.__new__
_set = object.__setattr__  # frozen dataclasses: fill the slots directly, skipping __init__


def _plain(value):
    if isinstance(value, Choice):
        return (value.text, value.feedback)
    if isinstance(value, TextPolicy):
        return tuple(getattr(value, n) for n in _POLICY_NAMES)
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def encode(payload) -> bytes:
    bank, problems, images = payload
    plain_bank = None
    if bank is not None:
        values = []
        for name in _BANK_NAMES:
            value = getattr(bank, name)
            if name == "questions":
                value = tuple(
                    (q.TYPE, *(_plain(getattr(q, n)) for n in _NAMES[type(q)])) for q in value
                )
            elif name == "source" and value is not None:
                value = tuple(getattr(value, n) for n in _SOURCE_NAMES)
            values.append(value)
        plain_bank = tuple(values)
    plain_problems = tuple((p.path, p.line, p.column, p.message, p.severity) for p in problems)
    return marshal.dumps((plain_bank, plain_problems, tuple(images)), 4)


def _build(cls, names, values):
    obj = _new(cls)
    for name, value in zip(names, values, strict=True):
        _set(obj, name, value)
    return obj


def _choice(text, feedback):
    obj = _new(Choice)
    _set(obj, "text", text)
    _set(obj, "feedback", feedback)
    return obj


def _question_builder(cls):
    """A function row -> question with one unrolled line per field.

    Generated (as dataclasses generates __init__) because this runs for every
    question of every cached bank: a loop over field names costs twice as much.
    """
    lines = ["def build(row):", "    o = new(cls)"]
    for i, name in enumerate(_NAMES[cls], 1):
        if name == "choices":
            value = f"tuple([choice(t, f) for t, f in row[{i}]])"
        elif name == "policy":
            value = f"build_any(TextPolicy, POLICY, row[{i}])"
        else:
            value = f"row[{i}]"
        lines.append(f"    s(o, {name!r}, {value})")
    lines.append("    return o")
    namespace = {
        "new": _new,
        "s": _set,
        "cls": cls,
        "choice": _choice,
        "build_any": _build,
        "TextPolicy": TextPolicy,
        "POLICY": _POLICY_NAMES,
    }
    exec("\n".join(lines), namespace)  # noqa: S102 - our own field names only
    return namespace["build"]


_BUILDERS = {name: _question_builder(cls) for name, cls in QUESTION_TYPES.items()}


def decode(blob: bytes):
    plain_bank, plain_problems, images = marshal.loads(blob)
    bank = None
    if plain_bank is not None:
        bank = _build(Bank, _BANK_NAMES, plain_bank)
        if bank.source is not None:
            _set(bank, "source", _build(SourceInfo, _SOURCE_NAMES, bank.source))
        builders = _BUILDERS
        _set(bank, "questions", tuple([builders[row[0]](row) for row in bank.questions]))
    problems = tuple(Problem(*p) for p in plain_problems)
    return bank, problems, tuple(images)


def read(key: str, content_hash: str):
    """The stored payload, or None when there is no usable entry."""
    entry = cache_folder() / f"{key}.cache"
    try:
        with open(entry, "rb") as f:
            if hasattr(os, "getuid") and os.fstat(f.fileno()).st_uid != os.getuid():
                return None
            blob = f.read()
    except OSError:
        return None
    header_end = len(_HEADER)
    if not blob.startswith(_HEADER):
        return None
    # then: content hash (64 hex) + "\n" + payload sha256 (64 hex) + "\n" + marshal data
    stored_hash = blob[header_end : header_end + 64]
    checksum = blob[header_end + 65 : header_end + 129]
    payload = blob[header_end + 130 :]
    if stored_hash != content_hash.encode("ascii"):
        return None
    if hashlib.sha256(payload).hexdigest().encode("ascii") != checksum:
        return None
    try:
        return decode(payload)
    except Exception:  # a damaged or foreign entry is just a miss
        return None


def write(key: str, content_hash: str, value) -> None:
    """Store value; failures (read-only disk, full disk) are silently a no-op."""
    import tempfile  # only writers pay for it

    folder = cache_folder()
    try:
        payload = encode(value)
        blob = b"".join(
            (
                _HEADER,
                content_hash.encode("ascii"),
                b"\n",
                hashlib.sha256(payload).hexdigest().encode("ascii"),
                b"\n",
                payload,
            )
        )
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".cache")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            os.replace(tmp, folder / f"{key}.cache")
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except (OSError, ValueError):
        pass
