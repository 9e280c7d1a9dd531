"""`quizapp import FILE -o BANK.yaml`: GIFT, Aiken or CSV/TSV to a YAML bank."""

from __future__ import annotations

import sys
from pathlib import Path


def add_arguments(parser) -> None:
    parser.add_argument("file", help="a Moodle GIFT (.gift), Aiken (.txt) or CSV/TSV file")
    parser.add_argument(
        "-o", "--output", metavar="BANK.yaml",
        help="where to write the bank (default: print it)",
    )
    parser.add_argument(
        "--format", choices=["gift", "aiken", "csv", "tsv"],
        help="the input format (default: from the file name and content)",
    )
    parser.add_argument("--title", help="the bank's title (default: from the file name)")
    parser.add_argument("--id", dest="bank_id", help="the bank's id (default: from the file name)")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")


def _fail(message: str) -> int:
    print(f"quizapp import: error: {message}", file=sys.stderr)
    return 1


def run(args) -> int:
    from dataclasses import replace

    from quizapp.interop import InteropError, import_bank, import_comment
    from quizapp.interop._common import slugify
    from quizapp.interop.yaml_writer import bank_to_yaml

    try:
        bank, warnings = import_bank(args.file, args.format)
    except InteropError as exc:
        if not args.quiet:
            for w in exc.warnings:
                print(w, file=sys.stderr)
        return _fail(str(exc))
    if args.title:
        bank = replace(bank, title=args.title.strip() or bank.title)
    if args.bank_id:
        bank_id = slugify(args.bank_id)
        if not bank_id:
            return _fail(f"{args.bank_id!r} cannot be used as a bank id")
        bank = replace(bank, id=bank_id)
    if not args.quiet:
        for w in warnings:
            print(w, file=sys.stderr)
    text = bank_to_yaml(bank, comment=import_comment(args.file, warnings))

    problems = _check(text, args.output or "<output>")
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return _fail("the imported bank does not validate (see above); nothing was written")

    if not args.output:
        sys.stdout.write(text)
    else:
        from quizapp.interop import _write_atomically

        out = Path(args.output)
        try:
            _write_atomically(out, text.encode("utf-8"))
        except OSError as exc:
            return _fail(f"cannot write {out}: {exc.strerror or exc}")
    n = len(bank.questions)
    summary = f"imported {n} question{'s' if n != 1 else ''}"
    if warnings:
        summary += f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    if args.output:
        summary += f" -> {args.output}"
    print(summary, file=sys.stderr)
    return 0


def _check(text: str, path: str) -> list[str]:
    """Errors the loader finds in the YAML we are about to write (none expected)."""
    try:
        from quizapp.core.loader import load_bank_text
    except ImportError:  # the loader ships with the core; this is for partial checkouts
        return []
    result = load_bank_text(text, path)
    return [p.format() for p in result.problems if p.severity == "error"]
