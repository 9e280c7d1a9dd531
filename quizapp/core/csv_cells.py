"""Cells for CSV files a teacher opens in a spreadsheet, safe from formula injection.

A spreadsheet treats a cell starting with `=`, `+`, `-` or `@` as a formula, and some
also after a leading tab or carriage return; a learner named `=HYPERLINK(...)` or a
typed answer `+1` would then run as one. The OWASP rule: put a single quote in front
of such a text, so the spreadsheet shows it as text. Numbers quizapp itself writes
(scores, seconds, a negative discrimination) are not text and stay numbers; JSON
output keeps the exact text and never goes through here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """value, with a quote in front if it is a text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    """A CSV row: None as an empty cell, formula-like texts neutralised."""
    return ["" if v is None else spreadsheet_safe(v) for v in values]


def checked_path(path: object) -> str | os.PathLike:
    """path, if it names a file; a TypeError otherwise.

    open() takes an int (or a bool: False is 0) as a file descriptor, so a stray
    `checked` flag from a Qt signal would write to standard input and close it.
    """
    if isinstance(path, bool | int) or not isinstance(path, str | os.PathLike):
        raise TypeError(f"a CSV file path is needed, not {path!r}")
    return path
