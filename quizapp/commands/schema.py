"""`quizapp schema`: print the JSON Schema of the bank format.

    quizapp schema > bank.schema.json

Then start a bank with ``# yaml-language-server: $schema=bank.schema.json``
and VS Code's YAML extension completes and checks it as you type.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the schema to FILE instead of printing it"
    )


def run(args: argparse.Namespace) -> int:
    from quizapp.core.schema import schema_text

    text = schema_text()
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as exc:
            print(f"quizapp schema: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0
