"""`quizapp validate PATH...`: check banks and print every problem, linter style.

    quizapp validate question_banks/
    quizapp validate my-bank.yaml --format json

Exit status: 0 when every bank is valid (warnings allowed), 1 when any bank
has an error, 2 for a usage error (a path that does not exist, nothing to
check). Uses the same loader and cache as the app, and never imports Qt.
"""

from __future__ import annotations

import argparse
import os
import sys

from quizapp.commands import replace_unencodable_output
from quizapp.core.plural import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="a bank file, or a folder of *.yaml / *.yml banks"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one line per problem (default); json: a JSON list of problems",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="check from scratch, ignoring the bank cache"
    )


def run(args: argparse.Namespace) -> int:
    # A short run that builds many objects and then exits: the cycle collector
    # would only rescan the loaded banks (there are no cycles to find).
    import gc

    collecting = gc.isenabled()
    gc.disable()
    replace_unencodable_output()
    try:
        return _run(args)
    finally:
        if collecting:  # when called from a longer-lived program
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from quizapp.core.yaml_files import find_bank_files

    files: list[str] = []
    for path in args.paths:
        if os.path.isdir(path):
            found = find_bank_files(path)
            if not found:
                print(f"quizapp validate: no *.yaml or *.yml files in {path}", file=sys.stderr)
            files.extend(found)
        elif os.path.lexists(path):
            files.append(path)
        else:
            print(f"quizapp validate: error: no such file or folder: {path}", file=sys.stderr)
            return 2
    if not files:
        print("quizapp validate: error: no bank files to check", file=sys.stderr)
        return 2
    # A file named twice (itself and through its folder) is checked once.
    unique: dict[str, str] = {}
    for f in files:
        unique.setdefault(os.path.realpath(f), f)
    files = list(unique.values())

    if not args.no_cache and _all_clean_in_cache(files):
        _print([], banks=len(files), bad_banks=0, fmt=args.format)
        return 0

    from quizapp.core.library import load_files

    entries = load_files(files, use_cache=not args.no_cache)
    problems = [p for entry in entries for p in entry.problems]
    bad_banks = sum(1 for entry in entries if entry.bank is None)
    _print(problems, banks=len(entries), bad_banks=bad_banks, fmt=args.format)
    return 1 if bad_banks else 0


def _all_clean_in_cache(files: list[str]) -> bool:
    """True when the cache vouches that every file is unchanged since it was
    checked and had no problem at all, and their ids differ.

    Like a linter's cache, this reads only each entry's small summary, so an
    unchanged clean bank costs a read and a hash. Anything else (a miss, a
    problem, a warning, an image gone, a source text to find quotes in) takes
    the full loader path, which uses the same cache.
    """
    import hashlib

    from quizapp.core import cache
    from quizapp.core.yaml_files import image_problems, read_bank_bytes

    ids: set[str] = set()
    for path in files:
        data = read_bank_bytes(path)
        if isinstance(data, tuple):
            return False
        content_hash = hashlib.sha256(data).hexdigest()
        key = cache.entry_key(content_hash, path)
        summary = cache.read_summary(key, content_hash)
        if summary is None:
            return False
        bank_id, problems, images, source_file = summary
        if bank_id is None or problems or bank_id in ids:
            return False
        if source_file:
            return False  # its quotes are checked against a file the cache cannot vouch for
        if images and image_problems(images, path):
            return False
        ids.add(bank_id)
    return True


def _print(problems, *, banks: int, bad_banks: int, fmt: str) -> None:
    if fmt == "json":
        import json

        json.dump([p.as_dict() for p in problems], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    errors = sum(1 for p in problems if p.severity == "error")
    out = [p.format() for p in problems]
    out.append(_summary(banks, bad_banks, errors, len(problems) - errors))
    sys.stdout.write("\n".join(out) + "\n")


def _summary(banks: int, bad_banks: int, errors: int, warnings: int) -> str:
    checked = counted(banks, "bank")
    if not errors and not warnings:
        return f"checked {checked}: all valid"
    parts = []
    if errors:
        parts.append(f"{counted(errors, 'error')} in {counted(bad_banks, 'bank')}")
    if warnings:
        parts.append(counted(warnings, "warning"))
    return f"checked {checked}: " + ", ".join(parts)
