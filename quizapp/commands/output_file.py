"""The rule of `quizapp import -o` and `quizapp export -o` for the file they write: a
teacher's file is never replaced without asking (--force), and the file read is never
written over, even with --force (export's own bank, import's input)."""

from __future__ import annotations

import os

from quizapp.core.paths import same_file


def refusal(output: str | os.PathLike, source: str | os.PathLike, *, force: bool) -> str | None:
    """Why `output` must not be written, or None. `source` is the file the command reads."""
    if same_file(output, source):
        return (f"{output} is the file being read; write to another file "
                "(even --force does not replace it)")
    if os.path.isdir(output):
        return f"{output} is a folder; name the file to write"
    if os.path.lexists(output) and not force:
        return f"{output} already exists; nothing was written (use --force to replace it)"
    return None
