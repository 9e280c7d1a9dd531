"""A disk cache of checked banks, so re-opening an unchanged bank is instant.

An entry is found by a key made from the bank file's content hash (sha256 of
its bytes), the file's path and CHECKS_VERSION, and it stores that hash
again; it is only used when the hash of the bytes just read matches, so a
changed file is never served stale. A damaged, foreign or old entry is
ignored (and then rewritten). Entries are written to a temp file and renamed
into place, so a crash or a second process never leaves half an entry.

An entry has two parts, each signed on its own: a small summary (the bank's
id, its problems, its image references, the source text it names, and what the
library lists: every Bank field but the questions, the question count, the
store's catalog signature and every tag) and the bank itself. Like a linter's
cache, `quizapp validate` reads only the summary, and so does the library
(`read_listing`): its banks build their questions from the bank part on first
use (core/lazy_bank.py).

An entry is a cache, never an authority. Each part carries an HMAC-SHA256 (over
the part's name, the entry's key, the content hash and the part) made with a
per-install secret (`key_path()`: 32 random bytes, readable by the user only;
a key that others could read or that is not ours is replaced, which turns
every entry into a miss). A plain checksum could be recomputed by whoever
planted an entry, making `validate` call a broken bank valid. marshal only
ever reads signed bytes, and decoding checks every size and count before it
builds anything (a mutated count once made the app allocate without end), so
any bad entry is a miss and is rebuilt from the file.

Entries hold plain tuples written with marshal, not pickle: reading a planted
or damaged file can at worst give wrong tuples, never run code. Rebuilding
the frozen dataclasses straight from tuples is also several times faster than
unpickling them.

This module imports neither the model nor YAML until a whole bank is wanted.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any

MAGIC = b"quizapp-bank-cache\n"
CACHE_VERSION = 21  # bump when the model or the stored tuples change
# Entries are also keyed by the source of the checking modules (checks_fingerprint),
# so editing them retires old entries by itself; bump this for any other change
# in what a check says (a frozen app without sources relies on it alone).
CHECKS_VERSION = 8
_HEADER = MAGIC + b"%d\n" % CACHE_VERSION
# header, content hash, summary length, summary HMAC, bank HMAC, each line-ended
_PREAMBLE = len(_HEADER) + 65 + 11 + 65 + 65


def cache_folder():
    from quizapp.core import paths

    return paths.cache_dir() / "banks"


# The modules whose code decides what a bank check says: any edit to them
# changes every key, so a cache entry can never outlive the code that made it.
_CHECK_MODULES = (
    "model.py",
    "model_base.py",
    "yaml_fields.py",
    "yaml_values.py",
    "yaml_nodes.py",
    "yaml_bank.py",
    "markup.py",
    "yaml_files.py",
    "loader.py",
    "value_samples.py",
    "learner_names.py",  # name_key: ids that look alike
    "category.py",  # what a question's category may be
    "cache.py",
)
# Every question kind's module reads its own keys, so all of quizapp/core/kinds/ counts.
_CHECK_PACKAGES = ("kinds",)
_fingerprint: str | None = None


def checks_fingerprint() -> str:
    global _fingerprint
    if _fingerprint is None:
        h = hashlib.sha256(b"%d\0" % CHECKS_VERSION)
        here = os.path.dirname(os.path.abspath(__file__))
        names = list(_CHECK_MODULES)
        for package in _CHECK_PACKAGES:
            try:
                listed = os.listdir(os.path.join(here, package))
            except OSError:  # no sources (a frozen app): CHECKS_VERSION alone decides
                listed = []
            names += sorted(f"{package}/{n}" for n in listed if n.endswith(".py"))
        for name in names:
            try:
                with open(os.path.join(here, name), "rb") as f:
                    h.update(f.read())
            except OSError:  # no sources (a frozen app): CHECKS_VERSION alone decides
                h.update(name.encode())
        _fingerprint = h.hexdigest()
    return _fingerprint


def entry_key(content_hash: str, path: str) -> str:
    """The entry's file name. ``path`` is the path as given, not made absolute:
    the cached bank and problems quote it, so another spelling gets its own
    entry, while the same spelling of another file with equal bytes may share
    one (everything in it would be identical; images are checked afresh)."""
    raw = f"{checks_fingerprint()}\0{path}\0{content_hash}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


def _entry_path(key: str) -> str:
    return os.path.join(cache_folder(), f"{key}.cache")


KEY_BYTES = 32
_keys: dict[str, bytes] = {}  # key file path -> secret, read once per process


def key_path():
    """The per-install secret that signs entries (next to, not inside, the entries)."""
    from quizapp.core import paths

    return paths.cache_dir() / "cache.key"


def _read_key(path: str) -> bytes | None:
    """The secret in path if only this user can read or change it, else None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077):
            return None  # others could read (and so forge) or replace it
        key = os.read(fd, KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return key if len(key) == KEY_BYTES else None


def _secret() -> bytes:
    path = str(key_path())
    key = _keys.get(path)
    if key is None:
        key = _read_key(path)
        if key is None:
            key = _new_key(path)
        _keys[path] = key
    return key


def _new_key(path: str) -> bytes:
    """A fresh secret, stored with user-only permissions (mkstemp makes the file 0600)
    and renamed into place. If it cannot be stored, it still signs this process's
    entries, which later processes then treat as misses."""
    import secrets

    key = secrets.token_bytes(KEY_BYTES)
    try:
        _write_private(Path(path), key, ".key")
    except OSError:
        pass
    return key


def _write_private(path: Path, data: bytes, suffix: str) -> None:
    """Write via a temporary file (mkstemp: readable by this user only) and a rename,
    so a reader finds the old bytes or the new ones, never half."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def sign(key: str, content_hash: str, part: bytes, blob: bytes) -> bytes:
    """A part's signature line as an entry stores it (hex HMAC-SHA256, ASCII), bound
    to the entry's key and content hash so a part cannot be moved to another entry."""
    mac = hmac.new(
        _secret(), b"%s\0%s\0%s\0" % (part, key.encode(), content_hash.encode()), "sha256"
    )
    mac.update(blob)
    return mac.hexdigest().encode("ascii")


def _verified(signature: bytes, key: str, content_hash: str, part: bytes, blob: bytes) -> bool:
    return hmac.compare_digest(signature, sign(key, content_hash, part, blob))


def _open_entry(key: str, content_hash: str):
    """(open file, summary length, summary checksum, bank checksum) or None."""
    try:
        f = open(_entry_path(key), "rb")  # noqa: SIM115 - returned to the caller
    except OSError:
        return None
    try:
        if hasattr(os, "getuid") and os.fstat(f.fileno()).st_uid != os.getuid():
            raise ValueError("not ours")
        pre = f.read(_PREAMBLE)
        h = len(_HEADER)
        if len(pre) != _PREAMBLE or not pre.startswith(_HEADER):
            raise ValueError("not an entry")
        if pre[h : h + 64] != content_hash.encode("ascii"):
            raise ValueError("other content")
        summary_len = int(pre[h + 65 : h + 75])
        return f, summary_len, pre[h + 76 : h + 140], pre[h + 141 : h + 205]
    except (OSError, ValueError):
        f.close()
        return None


def has_entry(key: str, content_hash: str) -> bool:
    """An entry of this content is stored under key (not yet checked against its signature)."""
    opened = _open_entry(key, content_hash)
    if opened is None:
        return False
    opened[0].close()
    return True


def _signed_summary(key: str, content_hash: str) -> bytes | None:
    """An entry's summary part, read alone and checked against its signature, or None."""
    opened = _open_entry(key, content_hash)
    if opened is None:
        return None
    f, summary_len, summary_sum, _ = opened
    with f:
        try:
            blob = f.read(summary_len)
        except OSError:
            return None
    if not _verified(summary_sum, key, content_hash, b"summary", blob):
        return None
    return blob


def read_summary(key: str, content_hash: str):
    """(bank id or None, problem tuples, image refs, source text file or None)
    without building anything, or None."""
    blob = _signed_summary(key, content_hash)
    if blob is None:
        return None
    try:
        bank_id, problems, images, source_file, _ = marshal.loads(blob)
    except (ValueError, EOFError, TypeError, MemoryError):
        return None
    if not (
        (bank_id is None or isinstance(bank_id, str))
        and isinstance(problems, tuple)
        and isinstance(images, tuple)
        and (source_file is None or isinstance(source_file, str))
    ):
        return None
    return bank_id, problems, images, source_file


def read_listing(key: str, content_hash: str):
    """(Bank fields but the questions, (count, catalog signature, tags), problems,
    images) from the entry's signed summary, or None: no entry, a bank with errors
    (nothing to list), or one that names a source text (its quotes are checked
    against that file, which needs the questions)."""
    blob = _signed_summary(key, content_hash)
    if blob is None:
        return None
    try:
        return _codec().decode_listing(blob)
    except Exception:  # a damaged or foreign entry is just a miss
        return None


def read(key: str, content_hash: str):
    """The stored (bank or None, problems, images), or None when there is no usable entry."""
    opened = _open_entry(key, content_hash)
    if opened is None:
        return None
    f, summary_len, summary_sum, bank_sum = opened
    with f:
        try:
            summary = f.read(summary_len)
            bank_blob = f.read()
        except OSError:
            return None
    if not _verified(summary_sum, key, content_hash, b"summary", summary):
        return None
    if not _verified(bank_sum, key, content_hash, b"bank", bank_blob):
        return None
    try:
        return _codec().decode(summary, bank_blob)
    except Exception:  # a damaged or foreign entry is just a miss
        return None


def write(key: str, content_hash: str, payload) -> None:
    """Store (bank or None, problems, images); a read-only or full disk is silently a no-op."""
    try:
        summary, bank_blob = _codec().encode(payload)
        blob = b"".join(
            (
                _HEADER,
                content_hash.encode("ascii"),
                b"\n",
                b"%010d\n" % len(summary),
                sign(key, content_hash, b"summary", summary),
                b"\n",
                sign(key, content_hash, b"bank", bank_blob),
                b"\n",
                summary,
                bank_blob,
            )
        )
        _write_private(cache_folder() / f"{key}.cache", blob, ".cache")
    except (OSError, ValueError):
        pass


# -- model <-> plain tuples ----------------------------------------------------
_CODEC = None


def _codec():
    global _CODEC
    if _CODEC is None:
        _CODEC = _Codec()
    return _CODEC


class _Codec:
    """Bank <-> marshal-able tuples, stored by column so that rebuilding runs in C.

    The questions are stored as (order, groups): one group per question type,
    (type, count, columns), with a column per field (the COMMON fields, then
    the type's own) holding that field of every question of the type. The
    objects of a group are made and filled a whole column at a time, with
    map() over the slot's own setter, so no Python code runs per question.
    ``order`` puts them back in the bank's order: question i is the order[i]-th
    object of the groups laid end to end. A choices column is (choices per
    question, every text, every feedback, every weight); a policy column is (the distinct
    policies, each question's index among them). Equal strings and tuples of
    strings (tags, mostly) are stored once, so reading makes them once.
    """

    COMMON = ("id", "prompt", "explanation", "tags", "source", "points", "image", "line")

    def __init__(self):
        from dataclasses import fields

        from quizapp.core import model

        self.model = model
        self.bank_names = tuple(f.name for f in fields(model.Bank))
        self.policy_names = tuple(f.name for f in fields(model.TextPolicy))
        self.source_names = tuple(f.name for f in fields(model.SourceInfo))
        self.types = dict(model.QUESTION_TYPES)
        self.columns = {
            cls: self.COMMON
            + tuple(n for n in (f.name for f in fields(cls)) if n not in self.COMMON)
            for cls in self.types.values()
        }
        self.setters = {
            cls: tuple((name, _slot_setter(cls, name)) for name in names)
            for cls, names in self.columns.items()
        }
        self.choice_setters = (
            _slot_setter(model.Choice, "text"),
            _slot_setter(model.Choice, "feedback"),
            _slot_setter(model.Choice, "weight"),
        )

    def _learn_kind(self, type_name: str) -> None:
        """Columns and setters for a kind registered after the codec was made (a plug-in)."""
        from dataclasses import fields

        from quizapp.core.kinds import kind_named

        kind = kind_named(type_name)
        if kind is None:
            raise KeyError(type_name)  # read as a stale entry: the bank is parsed again
        cls = self.types[type_name] = kind.model
        self.columns[cls] = self.COMMON + tuple(
            n for n in (f.name for f in fields(cls)) if n not in self.COMMON
        )
        self.setters[cls] = tuple((name, _slot_setter(cls, name)) for name in self.columns[cls])

    # encoding runs once per parse, so it stays simple
    def encode(self, payload) -> tuple[bytes, bytes]:
        bank, problems, images = payload
        plain_bank = None
        if bank is not None:
            values = []
            for name in self.bank_names:
                value = getattr(bank, name)
                if name == "questions":
                    value = self._encode_questions(value)
                elif name == "source" and value is not None:
                    value = tuple(getattr(value, n) for n in self.source_names)
                values.append(value)
            plain_bank = tuple(values)
        plain_problems = tuple((p.path, p.line, p.column, p.message, p.severity) for p in problems)
        bank_id = bank.id if bank is not None else None
        # validate's shortcut must not vouch for quotes checked against a file
        source_file = bank.source.file if bank is not None and bank.source is not None else None
        listing = None
        if plain_bank is not None:
            listing = (
                tuple(v for n, v in zip(self.bank_names, plain_bank, strict=True) if n != "questions"),
                (bank.question_count, bank.catalog_signature, bank.all_tags,
                 bank.self_rated_ids),
            )
        summary = marshal.dumps((bank_id, plain_problems, tuple(images), source_file, listing), 4)
        return summary, marshal.dumps(plain_bank, 4)

    def decode_listing(self, summary: bytes):
        """read_listing's answer from a summary part, or None when it lists no bank."""
        model = self.model
        _, plain_problems, images, source_file, listing = marshal.loads(summary)
        if listing is None or source_file is not None:
            return None
        plain_fields, (count, signature, tags, self_rated) = listing
        names = tuple(n for n in self.bank_names if n != "questions")
        fields = dict(zip(names, plain_fields, strict=True))
        if fields["source"] is not None:
            fields["source"] = _build(model.SourceInfo, self.source_names, fields["source"])
        if not (
            type(fields["id"]) is str
            and type(fields["title"]) is str
            and type(count) is int
            and count >= 0
            and type(signature) is str
            and type(tags) is tuple
            and all(type(t) is str for t in tags)
            and type(self_rated) is tuple
            and all(type(i) is str for i in self_rated)
        ):
            raise ValueError("not a listing")
        problems = tuple(model.Problem(*p) for p in plain_problems)
        return fields, (count, signature, tags, self_rated), problems, tuple(images)

    def _encode_questions(self, questions) -> tuple:
        groups: dict[Any, list] = {}  # question class -> its questions
        places = []
        for q in questions:
            group = groups.setdefault(type(q), [])
            places.append((type(q), len(group)))
            group.append(q)
        offsets, total = {}, 0
        for cls, group in groups.items():
            offsets[cls] = total
            total += len(group)
        order = tuple(offsets[cls] + index for cls, index in places)
        shared: dict = {}
        encoded = tuple(
            (cls.TYPE, len(group), self._encode_columns(cls, group, shared))
            for cls, group in groups.items()
        )
        return order, encoded

    def _encode_columns(self, cls, group, shared) -> tuple:
        columns: list[tuple] = []
        if cls not in self.columns:
            self._learn_kind(cls.TYPE)
        for name in self.columns[cls]:
            values = [getattr(q, name) for q in group]
            if name == "choices":
                every = [choice for choices in values for choice in choices]
                columns.append(
                    (
                        tuple(len(choices) for choices in values),
                        tuple(_shared(c.text, shared) for c in every),
                        tuple(_shared(c.feedback, shared) for c in every),
                        tuple(c.weight for c in every),
                    )
                )
            elif name == "policy":
                table: dict = {}
                indexes = tuple(
                    table.setdefault(tuple(getattr(p, n) for n in self.policy_names), len(table))
                    for p in values
                )
                columns.append((tuple(table), indexes))
            else:
                columns.append(tuple(_shared(v, shared) for v in values))
        return tuple(columns)

    def decode(self, summary: bytes, bank_blob: bytes):
        model = self.model
        _, plain_problems, images, _, _ = marshal.loads(summary)
        plain_bank = marshal.loads(bank_blob)
        bank = None
        if plain_bank is not None:
            bank = _build(model.Bank, self.bank_names, plain_bank)
            if bank.source is not None:
                _set(bank, "source", _build(model.SourceInfo, self.source_names, bank.source))
            _set(bank, "questions", self._decode_questions(*bank.questions))
        problems = tuple(model.Problem(*p) for p in plain_problems)
        return bank, problems, tuple(images)

    def _decode_questions(self, order, groups) -> tuple:
        # Every size is checked against what the entry really holds before anything is
        # built: a count is only believed when each of its columns has that many values.
        if type(order) is not tuple or type(groups) is not tuple:
            raise ValueError("not a question table")
        if sum(_count(group) for group in groups) != len(order):
            raise ValueError("the groups do not add up to the questions")
        made: list = []
        for type_name, count, columns in groups:
            if type_name not in self.types:
                self._learn_kind(type_name)
            cls = self.types[type_name]
            setters = self.setters[cls]
            if type(columns) is not tuple or len(columns) != len(setters):
                raise ValueError("wrong number of columns")
            for (name, _), column in zip(setters, columns, strict=True):
                # choices: (counts, texts, feedbacks, weights); policy: (table, indexes); else values
                shape = _SHAPES.get(name)
                if type(column) is not tuple or (shape and len(column) != shape):
                    raise ValueError("a column of the wrong shape")
                values = column[0] if name == "choices" else column[-1] if shape else column
                if type(values) is not tuple or len(values) != count:
                    raise ValueError("a column of the wrong length")
            objs = list(map(_new, repeat(cls, count)))
            for (name, setter), column in zip(setters, columns, strict=True):
                if name == "choices":
                    column = self._decode_choices(*column)
                elif name == "policy":
                    column = self._decode_policies(*column)
                any(map(setter, objs, column))  # the setters return None: fills every slot
            made += objs
        if len(order) != len(made) or len(set(order)) != len(made):
            raise ValueError("the order is not a permutation of the questions")
        return tuple(map(made.__getitem__, order))

    def _decode_choices(self, counts, texts, feedbacks, weights) -> list:
        if (len(texts) != len(feedbacks) or len(texts) != len(weights)
                or sum(counts) != len(texts) or min(counts, default=0) < 0):
            raise ValueError("choices do not add up")
        set_text, set_feedback, set_weight = self.choice_setters
        choices = list(map(_new, repeat(self.model.Choice, len(texts))))
        any(map(set_text, choices, texts))
        any(map(set_feedback, choices, feedbacks))
        any(map(set_weight, choices, weights))
        every = tuple(choices)
        ends = tuple(accumulate(counts))
        return list(map(every.__getitem__, map(slice, (0, *ends), ends)))

    def _decode_policies(self, table, indexes) -> list:
        if indexes and (min(indexes) < 0 or max(indexes) >= len(table)):
            raise ValueError("a policy index out of range")
        # equal policies share one frozen object
        policies = [_build(self.model.TextPolicy, self.policy_names, row) for row in table]
        return list(map(policies.__getitem__, indexes))


_SHAPES = {"choices": 4, "policy": 2}  # the columns stored as tuples of parts


def _count(group) -> int:
    """A group's question count, refused unless it is a plain non-negative int."""
    if type(group) is not tuple or len(group) != 3:
        raise ValueError("a bad group of questions")
    count = group[1]
    if type(count) is not int or count < 0:
        raise ValueError("a bad question count")
    return count


def _shared(value, shared: dict):
    """One object for equal strings and tuples of strings (never 1 for True or 1.0)."""
    if type(value) is str or (type(value) is tuple and all(type(v) is str for v in value)):
        return shared.setdefault(value, value)
    return value


_new = object.__new__
_set = object.__setattr__  # frozen dataclasses: fill the slots directly, skipping __init__


def _build(cls, names, values):
    obj = object.__new__(cls)
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


# Kept as module functions for tests and tools.
def encode(payload) -> tuple[bytes, bytes]:
    return _codec().encode(payload)


def decode(summary: bytes, bank_blob: bytes):
    return _codec().decode(summary, bank_blob)
