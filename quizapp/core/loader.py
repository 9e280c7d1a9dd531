"""Load a question bank file: read it safely, check it, build the Bank.

    result = load_bank("question_banks/auto-talks.yaml")
    if result.bank is None:
        for problem in result.problems:
            print(problem.format())

Nothing here raises on a bad bank: every problem (YAML syntax, wrong types,
missing or unknown keys, duplicate ids, hostile files...) comes back in
``LoadResult.problems`` with its line and column. Only a safe reader is
used: YAML tags that would build Python objects are errors, never run.

Checked banks are cached by content hash (quizapp.core.cache), so opening an
unchanged bank again costs a file read, a hash and rebuilding the objects
from plain tuples.
"""

from __future__ import annotations

import gc
import hashlib
import os
import stat
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from quizapp.core import cache
from quizapp.core.model import Bank, Problem, Question
from quizapp.core.yaml_files import (
    KEPT_PICTURE,
    MAX_FILE_BYTES,
    MAX_FILE_TEXT,
    default_bank_id,
    image_problems,
    read_bank_bytes,
    too_big,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_FILE_TEXT",
    "BankLoadError",
    "CheckCancelled",
    "LoadResult",
    "check_bytes",
    "check_images",
    "load_bank",
    "load_bank_text",
    "load_cached",
]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from quizapp.core.yaml_nodes import Node

# Bump cache.CHECKS_VERSION whenever the checks change, so older cache entries are not used.
LOADER_VERSION = cache.CHECKS_VERSION

_BOMS_UTF16 = (b"\xff\xfe", b"\xfe\xff")


class CheckCancelled(Exception):
    """A check was stopped from outside (``cancel`` of check_bytes and load_bank): the
    library is closing. Nothing was cached; the bank is checked again next time."""


class BankLoadError(Exception):
    """Raised by LoadResult.raise_for_errors(); carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"] or self.problems
        first = errors[0].format() if errors else "the bank could not be loaded"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)


@dataclass
class LoadResult:
    path: str
    bank: Bank | None  # None when there is any error; warnings may come with a bank
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.bank is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_for_errors(self) -> Bank:
        if self.bank is None:
            raise BankLoadError(self.problems)
        return self.bank


def load_bank(path: str | os.PathLike, *, use_cache: bool = True, lazy: bool = False,
              cache_writes: list[Callable[[], None]] | None = None,
              cancel: threading.Event | None = None) -> LoadResult:
    """Read, check and build the bank in one file. Never raises for bad input.

    ``lazy``: when the cache holds a listing of this very file, the bank is a LazyBank
    made from the entry's summary alone, whose questions are built on first use (the
    library's warm path). Anything else takes the plain path below, with the same result.
    ``cache_writes``: a bank checked now has its cache entry written by the caller, who
    runs what is appended there (the library lists a new bank first: ~0.2 s of a new
    10,000-question bank's ~1.5 s); without it, before this returns.
    ``cancel``: once set, a check under way stops at its next question (CheckCancelled).
    """
    name = os.fspath(path)
    if lazy and use_cache:
        listed = _listed(name)
        if listed is not None:
            return listed
    data = read_bank_bytes(name)
    if isinstance(data, tuple):
        return LoadResult(name, None, [Problem(name, *data)])
    content_hash = hashlib.sha256(data).hexdigest()
    payload = None
    key = ""
    if use_cache:
        key = cache.entry_key(content_hash, name)
        with no_gc():
            payload = _trusted(cache.read(key, content_hash))
    if payload is None:
        payload = check_bytes(data, name, content_hash, cancel=cancel)
        if use_cache:
            if cache_writes is None:
                cache.write(key, content_hash, payload)
            else:
                cache_writes.append(partial(cache.write, key, content_hash, payload))
    bank, problems, images = payload
    problems = list(problems)
    if images:
        problems.extend(check_images(images, name))
    problems.extend(_source_problems(bank, name, data))
    problems.sort(key=lambda p: (p.line, p.column))
    if bank is not None and any(p.severity == "error" for p in problems):
        bank = None
    return LoadResult(name, bank, problems)


def load_cached(path: str | os.PathLike) -> LoadResult | None:
    """The bank as the cache has this very file, without checking it: listed from its
    entry's summary (load_bank's ``lazy``) when the summary can list it, else from the
    whole entry (a bank with errors, or one naming a source text); None when the cache
    has no entry of this file's content (then load_bank checks it). Never raises for
    bad input."""
    name = os.fspath(path)
    found = _listing_or_key(name)
    if found is None or isinstance(found, LoadResult):
        return found
    if not cache.has_entry(*found):
        return None
    return load_bank(name)  # read whole from the cache (checked only if the entry is damaged)


def _listed(name: str) -> LoadResult | None:
    """The bank as its cache entry's summary lists it, or None (then load it plainly)."""
    found = _listing_or_key(name)
    return found if isinstance(found, LoadResult) else None


def _listing_or_key(name: str) -> LoadResult | tuple[str, str] | None:
    """The bank as its cache entry's summary lists it; else the file's cache key and
    content hash when it could be hashed, or None.

    The file is still hashed in full (a changed file is never served stale), in chunks,
    without holding its bytes: the copy alone cost as much as the hash on a 63 MB bank.
    """
    from quizapp.core.lazy_bank import LazyBank, ListingFacts

    try:
        info = os.stat(name)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        with open(name, "rb") as f:
            content_hash = hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None  # the plain path says what is wrong in words
    key = cache.entry_key(content_hash, name)
    listing = cache.read_listing(key, content_hash)
    if listing is None:
        return key, content_hash
    fields, (count, signature, tags, self_rated), stored_problems, images = listing
    problems = list(stored_problems)
    if images:
        problems.extend(check_images(images, name))
    problems.sort(key=lambda p: (p.line, p.column))
    if any(p.severity == "error" for p in problems):
        return LoadResult(name, None, problems)
    facts = ListingFacts(question_count=count, catalog_signature=signature, all_tags=tags,
                         self_rated_ids=self_rated)
    bank = LazyBank.listed(fields, facts, partial(_questions_of, name, key, content_hash))
    return LoadResult(name, bank, problems)


def _questions_of(name: str, key: str, content_hash: str) -> tuple[Question, ...]:
    """A listed bank's questions: from its cache entry's bank part (HMAC checked), or,
    when the entry has gone meanwhile, from the file checked again if it is unchanged."""
    from quizapp.core.lazy_bank import StaleBankError

    with no_gc():
        payload = _trusted(cache.read(key, content_hash))
    if payload is None:
        data = read_bank_bytes(name)
        if isinstance(data, tuple) or hashlib.sha256(data).hexdigest() != content_hash:
            raise StaleBankError(name)
        payload = check_bytes(data, name, content_hash)
        cache.write(key, content_hash, payload)
    bank = payload[0]
    if bank is None:
        raise StaleBankError(name)
    return bank.questions


# What any picture a bank names is written with: an `image:` key, a Markdown picture, or a
# YAML escape (a backslash) that could spell either. A file with none names no picture.
_PICTURE_SIGNS = (b"image", b"![", b"\\")


def picture_names(path: str | os.PathLike) -> tuple[str, ...] | None:
    """Every picture the bank file `path` names (image fields and pictures in texts), each
    as the loader reads it: a path relative to the bank's folder, a Markdown address with
    its %-escapes decoded (yaml_values.text_image_path). From the cache when it holds this
    very file; else the file is checked now, as load_bank would, and the entry written.
    None when that is unknown: the file cannot be read, or is no bank the loader can read
    (a broken one names its pictures again once it is mended)."""
    name = os.fspath(path)
    data = read_bank_bytes(name)
    if isinstance(data, tuple):
        return None
    if not data.startswith(_BOMS_UTF16) and not any(sign in data for sign in _PICTURE_SIGNS):
        return ()  # a plain text bank: no need to check it (a 1.8 MB bank takes ~0.25 s)
    content_hash = hashlib.sha256(data).hexdigest()
    key = cache.entry_key(content_hash, name)
    summary = cache.read_summary(key, content_hash)
    if summary is not None:
        bank_id, _, images, _ = summary
        read_as_bank = bank_id is not None or bool(images)
    else:
        payload = check_bytes(data, name, content_hash)
        cache.write(key, content_hash, payload)
        read_as_bank = payload[0] is not None or bool(payload[2])
        images = payload[2]
    if not read_as_bank:
        return None  # what a file that is not read as a bank names is unknown
    return tuple(str(ref[0]) for ref in images)


def _source_problems(bank: Bank | None, path: str, data: bytes) -> list[Problem]:
    """The quotes of a bank that names its source text, checked against that file
    (after the cache, since the file may change while the bank does not)."""
    if bank is None or bank.source is None or not bank.source.file:
        return []
    from quizapp.core.quotes import check_quotes

    return check_quotes(bank, path, data)


def load_bank_text(text: str | bytes, path: str = "<string>") -> LoadResult:
    """Check a bank given as text (no cache). Images are checked against
    the folder of ``path`` when it names a real file's place."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
    if len(data) > MAX_FILE_BYTES:
        return LoadResult(path, None, [Problem(path, *too_big(len(data)))])
    content_hash = hashlib.sha256(data).hexdigest()
    bank, problems, images = check_bytes(data, path, content_hash)
    problems = list(problems)
    if not path.startswith("<"):
        if images:
            problems.extend(check_images(images, path))
        problems.extend(_source_problems(bank, path, data))
        problems.sort(key=lambda p: (p.line, p.column))
    if bank is not None and any(p.severity == "error" for p in problems):
        bank = None
    return LoadResult(path, bank, problems)


def _trusted(payload):
    """A cache entry's payload if it has the shape we store, else None."""
    if not (isinstance(payload, tuple) and len(payload) == 3):
        return None
    bank, problems, images = payload
    if bank is not None and not isinstance(bank, Bank):
        return None
    if not isinstance(problems, tuple) or not all(isinstance(p, Problem) for p in problems):
        return None
    if not isinstance(images, tuple):
        return None
    return payload


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return line, column


def check_bytes(data: bytes, path: str, content_hash: str, *,
                cancel: threading.Event | None = None):
    """(bank or None, problems tuple, image refs tuple) for a file's bytes.

    This is what the cache stores; it does not depend on anything but the
    bytes and the path (images are checked against the disk afterwards).
    ``cancel``: once set, the check stops at the next question and raises CheckCancelled
    (a 100,000-question bank takes seconds; the app closing does not wait for it).
    """
    with no_gc():
        try:
            return _check_bytes(data, path, content_hash, cancel)
        except CheckCancelled:
            raise
        except (MemoryError, RecursionError):
            message = "the file is too large or too deeply nested to check"
        except Exception as exc:  # a bug in quizapp must cost one bank, never a traceback
            message = f"internal error while checking this file ({type(exc).__name__}: {exc})"
    return None, (Problem(path, 0, 0, message),), ()


@contextmanager
def no_gc():
    """Pause the cycle collector while building many small objects.

    A big bank makes hundreds of thousands of nodes and dataclasses, none in
    a reference cycle; the collector would rescan them all again and again
    and more than double the load time. The switch is process-wide, so while
    a worker thread loads, collection waits for everyone: a delay, not a leak.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _promote_young_objects()
            gc.enable()


def _promote_young_objects() -> None:
    """Move every tracked object to the oldest generation without scanning it.

    Re-enabled as is, the collector's next young-generation pass would walk
    everything just built (~30 ms for a 10,000-question bank) to find no
    cycles. freeze() then unfreeze() is two list splices: the objects are
    still collected as usual by full collections, so cyclic garbage made
    elsewhere meanwhile is only delayed, never kept. Skipped when someone
    froze objects on purpose (the app does at startup): unfreeze would undo it.
    (Should another thread freeze between the two calls, its objects merely
    stay in the oldest generation: scanned by full collections, not lost.)
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def _unless_cancelled(check: Callable[[Node], object], cancel: threading.Event,
                      node: Node) -> object:
    if cancel.is_set():
        raise CheckCancelled
    return check(node)


def _looks_like_utf16(data: bytes) -> bool:
    """Whether bytes with zero bytes in them are UTF-16 text that lost its byte order mark:
    a zero in every other byte of the start (the Latin letters of 'title:'), on one side,
    and the whole decoding as UTF-16 of that order."""
    head = data[:512]
    if len(head) < 4:
        return False
    for zeros, other, codec in ((head[1::2], head[0::2], "utf-16-le"),
                                (head[0::2], head[1::2], "utf-16-be")):
        if zeros.count(0) * 4 >= len(zeros) * 3 and other.count(0) * 10 <= len(other):
            try:
                data[: len(data) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                return False
            return True
    return False


def encoding_problem(data: bytes) -> tuple[int, int, str] | None:
    """(line, column, message) when a bank file's bytes are not text a bank can be read
    from: UTF-8, or UTF-16 with its byte order mark. The editor says the same."""
    if data.startswith(_BOMS_UTF16):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return 1, 1, "the file starts like UTF-16 text but is damaged; save it as UTF-8"
    nul = data.find(b"\x00")
    if nul >= 0:
        if _looks_like_utf16(data):
            return (1, 1, "this file looks like UTF-16 text without its byte order mark; "
                    "save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)")
        line, column = _position(data, nul)
        return (line, column, "this looks like a binary file, not a YAML text file "
                "(it contains a zero byte); a bank must be plain UTF-8 text")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        guess = ""
        try:
            data.decode("cp1252")
            guess = ", probably Windows-1252 or Latin-1"
        except UnicodeDecodeError:
            pass
        return (line, column, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} "
                f"here{guess}); save it with the UTF-8 encoding")
    return None


def _check_bytes(data: bytes, path: str, content_hash: str,
                 cancel: threading.Event | None = None):
    from quizapp.core.yaml_bank import MAX_PROBLEMS, BankChecker, TooManyProblems, one_line

    def fail(line: int, column: int, message: str):
        return None, (Problem(path, line, column, one_line(message)),), ()

    problem = encoding_problem(data)
    if problem is not None:
        return fail(*problem)
    if data.startswith(_BOMS_UTF16):
        data = data.decode("utf-16").encode("utf-8")

    from quizapp.core.value_samples import too_many_values
    from quizapp.core.yaml_nodes import ComposeError, compose

    problem = too_many_values(data)
    if problem is not None:
        return fail(*problem)

    # Each question is built as soon as it is read (compose's on_question), so its nodes
    # go at once: a 100,000-question bank peaks at under half of yaml.load's memory.
    checker = BankChecker(path)
    on_question: Callable[[Node], object] = checker.check_streamed
    if cancel is not None:
        on_question = partial(_unless_cancelled, checker.check_streamed, cancel)
    refused_at: set[tuple[int, int]] = set()  # values whose tag is refused (an issue)
    try:
        root, issues = compose(data, on_question, refused_at)
    except ComposeError as exc:
        return fail(exc.line, exc.column, exc.message)
    except RecursionError:  # pragma: no cover - the depth limit comes first
        return fail(0, 0, "the file is nested too deeply")
    except TooManyProblems:
        checker.stopped()
        return None, tuple(sorted(checker.problems, key=lambda p: (p.line, p.column))), ()

    read_issues = [Problem(path, line, column, one_line(message))
                   for line, column, message in issues[:MAX_PROBLEMS]]
    checker.problems.extend(read_issues)
    bank = checker.check_bank(root, default_bank_id(path), content_hash)
    found = checker.problems
    if refused_at:  # a value with a refused tag gets that one message, not its echoes
        own = {id(p) for p in read_issues}
        found = [p for p in found if id(p) in own or (p.line, p.column) not in refused_at]
    problems = sorted(found, key=lambda p: (p.line, p.column))
    if any(p.severity == "error" for p in problems):
        bank = None
    # A picture inside a text is marked (a fourth item): its disk problems are warnings.
    images = [*checker.images, *((*ref, True) for ref in checker.text_images),
              *((*ref, KEPT_PICTURE) for ref in checker.kept_pictures)]
    return bank, tuple(problems), tuple(images)


def check_images(images, path: str) -> list[Problem]:
    """Images outside the bank's folder are errors; missing ones and SVGs naming other
    files are warnings (see yaml_files.image_problems)."""
    return [
        Problem(path, line, column, message, "warning" if severity == "warning" else "error")
        for line, column, message, severity in image_problems(images, path)
    ]
