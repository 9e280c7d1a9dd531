"""A disk cache of checked banks, so re-opening an unchanged bank is instant.

An entry is found by a key made from the bank file's content hash (sha256 of
its bytes), the file's path and the loader version, and it stores that hash
again; it is only used when the hash of the bytes just read matches, so a
changed file is never served stale. A damaged, foreign or old entry is
ignored (and then rewritten). Entries are written to a temp file and renamed
into place, so a crash or a second process never leaves half an entry.

Why pickle is acceptable here: entries live in the user's own cache folder
(quizapp.core.paths.cache_dir()), which only the user can write; anyone who
can write there can already run code as that user. Even so, an entry must
start with our header, carry a checksum of its payload, belong to the
current user, and the unpickler refuses every class except the bank model's
dataclasses and plain containers, so a planted file cannot make it run code.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path

from quizapp.core import paths

MAGIC = b"quizapp-bank-cache\n"
CACHE_VERSION = 1  # bump when the model or the stored tuple changes
_HEADER = MAGIC + b"%d\n" % CACHE_VERSION


def cache_folder() -> Path:
    return paths.cache_dir() / "banks"


def entry_key(content_hash: str, path: str, loader_version: int) -> str:
    raw = f"{loader_version}\0{path}\0{content_hash}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


class _ModelOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module == "quizapp.core.model" and name in _ALLOWED_MODEL_NAMES:
            from quizapp.core import model

            return getattr(model, name)
        if module == "copyreg" and name == "_reconstructor":
            import copyreg

            return copyreg._reconstructor
        if module == "builtins" and name in ("object", "frozenset", "set"):
            import builtins

            return getattr(builtins, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a bank cache entry")


_ALLOWED_MODEL_NAMES = frozenset(
    {
        "Problem",
        "SourceInfo",
        "Choice",
        "TextPolicy",
        "MultipleChoice",
        "MultipleSelect",
        "TrueFalse",
        "ShortAnswer",
        "Numeric",
        "Matching",
        "Ordering",
        "Cloze",
        "Flashcard",
        "Bank",
    }
)


def read(key: str, content_hash: str):
    """The stored payload, or None when there is no usable entry."""
    entry = cache_folder() / f"{key}.pickle"
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
    # then: content hash (64 hex) + "\n" + payload sha256 (64 hex) + "\n" + pickle
    stored_hash = blob[header_end : header_end + 64]
    checksum = blob[header_end + 65 : header_end + 129]
    payload = blob[header_end + 130 :]
    if stored_hash != content_hash.encode("ascii"):
        return None
    if hashlib.sha256(payload).hexdigest().encode("ascii") != checksum:
        return None
    try:
        return _ModelOnlyUnpickler(io.BytesIO(payload)).load()
    except Exception:  # a damaged entry is just a miss  # noqa: BLE001
        return None


def write(key: str, content_hash: str, value) -> None:
    """Store value; failures (read-only disk, full disk) are silently a no-op."""
    folder = cache_folder()
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
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
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            os.replace(tmp, folder / f"{key}.pickle")
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except (OSError, pickle.PicklingError):
        pass
