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
    Question,
    SourceInfo,
    TextPolicy,
)

MAGIC = b"quizapp-bank-cache\n"
CACHE_VERSION = 3  # bump when the model or the stored tuples change
_HEADER = MAGIC + b"%d\n" % CACHE_VERSION


def cache_folder() -> Path:
    return paths.cache_dir() / "banks"


def entry_key(content_hash: str, path: str, loader_version: int) -> str:
    raw = f"{loader_version}\0{path}\0{content_hash}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


# -- model <-> plain tuples ----------------------------------------------------
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
                    (q.TYPE, *(_plain(getattr(q, n)) for n in _ROW_NAMES[type(q)])) for q in value
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


def _slot_setter(cls, name):
    """The slot's own setter: like object.__setattr__ (so it passes the frozen
    check) but without the attribute lookup, which adds up over a big bank."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name].__set__
    raise AttributeError(name)


_COMMON = ("id", "prompt", "explanation", "tags", "source", "points", "image", "line")
_TYPES = dict(QUESTION_TYPES)
_OWN = {
    cls: tuple(n for n in (f.name for f in fields(cls)) if n not in _COMMON)
    for cls in _TYPES.values()
}
_ROW_NAMES = {cls: _COMMON + own for cls, own in _OWN.items()}
_OWN_SETTERS = {
    cls: tuple((name, _slot_setter(cls, name)) for name in own) for cls, own in _OWN.items()
}
(
    _set_id,
    _set_prompt,
    _set_explanation,
    _set_tags,
    _set_source,
    _set_points,
    _set_image,
    _set_line,
) = (_slot_setter(Question, name) for name in _COMMON)
_set_text = _slot_setter(Choice, "text")
_set_feedback = _slot_setter(Choice, "feedback")


def _choice(text, feedback):
    obj = _new(Choice)
    _set_text(obj, text)
    _set_feedback(obj, feedback)
    return obj


def _question(row, policies):
    """(type, the common fields in _COMMON order, the type's own fields) -> question.

    Runs once per question of every cached bank, hence the unrolled common part.
    Equal grading policies share one (frozen) TextPolicy through ``policies``.
    """
    cls = _TYPES[row[0]]
    obj = _new(cls)
    _set_id(obj, row[1])
    _set_prompt(obj, row[2])
    _set_explanation(obj, row[3])
    _set_tags(obj, row[4])
    _set_source(obj, row[5])
    _set_points(obj, row[6])
    _set_image(obj, row[7])
    _set_line(obj, row[8])
    for index, (name, setter) in enumerate(_OWN_SETTERS[cls], 9):
        value = row[index]
        if name == "choices":
            value = tuple([_choice(text, feedback) for text, feedback in value])
        elif name == "policy":
            policy = policies.get(value)
            if policy is None:
                policy = policies[value] = _build(TextPolicy, _POLICY_NAMES, value)
            value = policy
        setter(obj, value)
    return obj


def decode(blob: bytes):
    plain_bank, plain_problems, images = marshal.loads(blob)
    bank = None
    if plain_bank is not None:
        bank = _build(Bank, _BANK_NAMES, plain_bank)
        if bank.source is not None:
            _set(bank, "source", _build(SourceInfo, _SOURCE_NAMES, bank.source))
        policies: dict = {}
        _set(bank, "questions", tuple([_question(row, policies) for row in bank.questions]))
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
