"""`quizapp export BANK.yaml -o FILE`: a bank to GIFT, Moodle XML, an Anki deck or a PDF."""

from __future__ import annotations

import sys
from pathlib import Path

from quizapp.core.plural import counted


def add_arguments(parser) -> None:
    parser.add_argument("bank", help="the YAML bank to export")
    parser.add_argument(
        "-o", "--output", metavar="FILE", required=True,
        help="the file to write: .gift/.txt (Moodle GIFT), .xml (Moodle XML), .apkg (Anki "
        "deck) or .pdf (quiz)",
    )
    parser.add_argument(
        "--format", choices=["gift", "moodle", "apkg", "apkg-legacy", "pdf", "yaml"],
        help="the output format (default: from the output file name); apkg-legacy: an "
        "Anki deck in the older format, for Anki before 2.1.50 (2022), about 6 times "
        "larger",
    )
    parser.add_argument(
        "--versions", type=_versions, default=1, metavar="N",
        help="PDF only: print N versions of the paper (A, B, ...), each with its own order "
        "of questions (A: the bank's) and of choices, and its own answer key; the same "
        "command prints the same papers",
    )
    parser.add_argument("--force", action="store_true",
                        help="replace the -o file if it exists (never the bank exported)")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")


def _versions(text: str) -> int:
    import argparse

    from quizapp.interop.paper_versions import MAX_VERSIONS

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a number from 1 to {MAX_VERSIONS}, not {text!r}") from None
    if not 1 <= n <= MAX_VERSIONS:
        raise argparse.ArgumentTypeError(f"a number from 1 to {MAX_VERSIONS}, not {n}")
    return n


def _fail(message: str) -> int:
    print(f"quizapp export: error: {message}", file=sys.stderr)
    return 1


def run(args) -> int:
    from quizapp.interop import export_counting, export_format_for

    try:
        fmt = export_format_for(args.output, args.format)
    except ValueError as exc:
        return _fail(str(exc))
    if args.versions != 1 and fmt != "pdf":
        return _fail("--versions is for PDF papers only (write to a .pdf file)")
    from quizapp.commands.output_file import refusal

    refused = refusal(args.output, args.bank, force=args.force)
    if refused:
        return _fail(refused)
    from quizapp.core.loader import load_bank

    result = load_bank(args.bank)
    for p in result.problems:
        if p.severity == "error" or not args.quiet:
            print(p.format(), file=sys.stderr)
    if result.bank is None:
        return _fail(f"{args.bank} has errors (see above); fix them with `quizapp validate` "
                     "and export again")
    try:
        warnings, written = export_counting(result.bank, args.output, fmt,
                                            versions=args.versions)
    except OSError as exc:
        return _fail(f"cannot write {args.output}: {exc.strerror or exc}")
    except RuntimeError as exc:  # e.g. Qt could not start for the PDF writer
        return _fail(str(exc))
    if not args.quiet:
        for w in warnings:
            print(w, file=sys.stderr)
    n = len(result.bank.questions)
    left_out = f" ({n - written} of {n} left out, see above)" if written != n else ""
    name = {"moodle": "MOODLE XML", "apkg-legacy": "APKG (the older format)"}.get(fmt, fmt.upper())
    print(f"exported {counted(written, 'question')} as {name}{left_out} -> "
          f"{Path(args.output)}", file=sys.stderr)
    return 0
