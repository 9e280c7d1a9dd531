"""Find and load every bank in a set of folders (the bundled one and the user's).

A broken bank becomes an entry with problems and no bank; it never stops the
others from loading. Two banks with the same id would mix up learners'
progress (which is keyed on the id), so both get an error naming both files,
except for a user's copy of a bundled bank (a teacher editing the bundled bank in
their own folder): the user's copy wins, notes what it replaces, and the bundled
entry is left out of the library (hidden, not broken).

A bank the cache has never seen (new or edited) can be listed before it is checked:
``load_library(..., listed=...)`` hands over every cached bank and, for each of the
others, an entry made from its header alone (``BankEntry.checking``), then checks them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from quizapp.core.bank_header import BankHeader, read_bank_header
from quizapp.core.model import Bank, Problem
from quizapp.core.yaml_files import BANK_SUFFIXES, find_bank_files, id_key_position

__all__ = ["BANK_SUFFIXES", "BankEntry", "discover_bank_files", "load_files", "load_library"]


@dataclass
class BankEntry:
    path: str
    bank: Bank | None  # None when the file has any error
    problems: list[Problem] = field(default_factory=list)
    bundled: bool = False
    replaces: str | None = None  # the bundled bank file this user's copy hides
    # Listed from its header while its questions are being checked (bank is None until the
    # check's entry replaces this one); None once checked.
    checking: BankHeader | None = None

    @property
    def ok(self) -> bool:
        return self.bank is not None


def discover_bank_files(folder: str | os.PathLike) -> list[Path]:
    """Every *.yaml / *.yml file under folder, sorted, each real folder visited once.

    Symlinked folders are followed, but a folder already seen is skipped, so a
    symlink loop ends the walk. Hidden folders (.git, ...) are skipped.
    """
    return [Path(p) for p in find_bank_files(folder)]


def load_library(
    folders: Iterable[str | os.PathLike],
    *,
    progress: Callable[[int, int], None] | None = None,
    files: Iterable[str | os.PathLike] = (),
    use_cache: bool = True,
    lazy: bool = True,
    cache_writes: list[Callable[[], None]] | None = None,
    listed: Callable[[list[BankEntry]], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[BankEntry]:
    """Load the banks in folders (the caller includes bundled_banks_dir() if wanted)
    and single bank files, in that order. progress(done, total) is called after
    each file; an exception it raises (e.g. to cancel) propagates. ``lazy``: a cached
    bank is listed from its cache entry's summary and builds its questions on first
    use (see loader.load_bank); False builds every bank now (the plain reference).
    ``cache_writes``: the cache entries of banks checked now are left there for the
    caller to write once it has listed them (see loader.load_bank).

    ``listed(entries)``: with ``lazy`` and the cache, called once before any bank the
    cache has no entry of is checked, when there is one: the library as it stands, each
    cached bank as it will be returned, each of the others listed from its header
    (``BankEntry.checking``, no bank); the entries returned are the same either way.
    The list and its entries are the callback's own (copies).
    ``cancel``: once set, a check under way stops (loader.CheckCancelled propagates)."""
    bundled_root = _bundled_root()
    jobs: list[tuple[Path, bool]] = []
    entries_first: list[BankEntry] = []
    seen: set[str] = set()
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            what = "is not a folder" if folder.exists() else "does not exist"
            entries_first.append(
                BankEntry(
                    str(folder), None, [Problem(str(folder), 0, 0, f"this bank folder {what}")]
                )
            )
            continue
        is_bundled = bundled_root is not None and _real(folder) == bundled_root
        for path in discover_bank_files(folder):
            _add(jobs, seen, path, is_bundled)
    for file in files:
        _add(jobs, seen, Path(file), False)

    entries = entries_first
    total = len(jobs)
    if listed is None or not (lazy and use_cache):
        for done, (path, is_bundled) in enumerate(jobs, 1):
            entries.append(_load_one(path, is_bundled, use_cache, lazy, cache_writes, cancel))
            if progress is not None:
                progress(done, total)
        mark_duplicate_ids(entries)
        return entries

    # The cached banks first, each new one from its header; then the new ones are checked.
    done = 0
    unchecked: list[tuple[int, Path, bool]] = []
    for path, is_bundled in jobs:
        entry = _cached_entry(path, is_bundled)
        if entry is None:
            unchecked.append((len(entries), path, is_bundled))
            entry = BankEntry(str(path), None, bundled=is_bundled, checking=read_bank_header(path))
        else:
            done += 1
            if progress is not None:
                progress(done, total)
        entries.append(entry)
    if unchecked:
        listed(_listing(entries))
    for index, path, is_bundled in unchecked:
        # Not lazy: the cache was just found without this file's entry.
        entries[index] = _load_one(path, is_bundled, use_cache, False, cache_writes, cancel)
        done += 1
        if progress is not None:
            progress(done, total)
    mark_duplicate_ids(entries)
    return entries


def _listing(entries: list[BankEntry]) -> list[BankEntry]:
    """Copies of entries with their duplicate ids resolved (mark_duplicate_ids changes the
    entries it is given; the final pass must see them as they were loaded).

    A user's copy of a bundled bank that is being checked hides the bundled bank already,
    by the id its header gives, when it is the only user bank with that id: a teacher
    saving their copy would otherwise see the bundled one come back for each check."""
    copies = [replace(entry, problems=list(entry.problems)) for entry in entries]
    mark_duplicate_ids(copies)
    claims: dict[str, int] = {}
    for entry in copies:
        if entry.bundled:
            continue
        if entry.checking is not None and entry.checking.from_header:
            claims[entry.checking.bank_id] = claims.get(entry.checking.bank_id, 0) + 1
        elif entry.bank is not None:
            claims[entry.bank.id] = claims.get(entry.bank.id, 0) + 1
    checked_ids = {e.bank.id for e in copies if not e.bundled and e.bank is not None}
    replaced = {bank_id for bank_id, count in claims.items()
                if count == 1 and bank_id not in checked_ids}
    return [e for e in copies
            if not (e.bundled and e.bank is not None and e.bank.id in replaced)]


def load_files(paths: Iterable[str | os.PathLike], *, use_cache: bool = True) -> list[BankEntry]:
    """Load the given bank files (no discovery), with the duplicate-id check."""
    entries = [_load_one(Path(p), False, use_cache, False) for p in paths]
    mark_duplicate_ids(entries)
    return entries


def mark_duplicate_ids(entries: list[BankEntry]) -> None:
    """Resolve bank ids shared by several entries, in place.

    One user bank with the id of a bundled one replaces it: the bundled entries are
    removed from entries and the user's records what it replaces. Otherwise every
    entry sharing an id gets an error naming the others.
    """
    by_id: dict[str, list[BankEntry]] = {}
    for entry in entries:
        if entry.bank is not None:
            by_id.setdefault(entry.bank.id, []).append(entry)
    hidden: list[BankEntry] = []
    for bank_id, same in by_id.items():
        if len(same) < 2:
            continue
        users = [e for e in same if not e.bundled]
        if len(users) == 1:
            bundled = [e for e in same if e.bundled]
            users[0].replaces = ", ".join(e.path for e in bundled)
            hidden += bundled
            continue
        if users:
            same = users  # two user banks clash; the bundled one is not to blame
        for entry in same:
            others = ", ".join(e.path for e in same if e is not entry)
            line, column = id_key_position(entry.path)
            entry.problems.append(
                Problem(
                    entry.path,
                    line,
                    column,
                    f"another bank has the same id '{bank_id}': {others}; each bank needs "
                    "its own id (set 'id:' in one of them)",
                )
            )
            entry.bank = None
    if hidden:
        entries[:] = [e for e in entries if all(e is not h for h in hidden)]


def _add(jobs, seen: set[str], path: Path, is_bundled: bool) -> None:
    key = _real(path)
    if key in seen:
        return
    seen.add(key)
    jobs.append((path, is_bundled))


def _real(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)


def _bundled_root() -> str | None:
    try:
        from quizapp.core.paths import bundled_banks_dir

        return _real(bundled_banks_dir())
    except Exception:  # no bundled banks installed: nothing is bundled
        return None


def _cached_entry(path: Path, is_bundled: bool) -> BankEntry | None:
    """The entry of a bank the cache has (see loader.load_cached), or None."""
    from quizapp.core.loader import load_cached

    try:
        result = load_cached(path)
    except Exception:  # the check that follows says what is wrong, as it does without a cache
        return None
    if result is None:
        return None
    return BankEntry(result.path, result.bank, list(result.problems), is_bundled)


def _load_one(path: Path, is_bundled: bool, use_cache: bool, lazy: bool,
              cache_writes: list[Callable[[], None]] | None = None,
              cancel: threading.Event | None = None) -> BankEntry:
    from quizapp.core.loader import CheckCancelled, load_bank

    try:
        result = load_bank(path, use_cache=use_cache, lazy=lazy, cache_writes=cache_writes,
                           cancel=cancel)
    except CheckCancelled:
        raise
    except Exception as exc:  # a loader bug must cost one bank, not the library
        problem = Problem(str(path), 0, 0, f"internal error while loading this bank: {exc!r}")
        return BankEntry(str(path), None, [problem], is_bundled)
    return BankEntry(result.path, result.bank, list(result.problems), is_bundled)
