"""The rule of `quizapp import -o`, `quizapp export -o` and `quizapp results -o` for the
file they write: a teacher's file is never replaced without asking (--force), and the
files read are never written over, even with --force (export's own bank, import's input,
the results file and its journals); nor is anything in a folder quizapp keeps (the
backups), under any name or link."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from quizapp.core.paths import same_file


def refusal(
    output: str | os.PathLike, *sources: str | os.PathLike, force: bool,
    kept_folders: Mapping[Path, str] | None = None,
) -> str | None:
    """Why `output` must not be written, or None. `sources` are the files the command
    reads; kept_folders: folder -> what it holds, for folders nothing may be written in."""
    if any(same_file(output, source) for source in sources):
        return (f"{output} is the file being read; write to another file "
                "(even --force does not replace it)")
    if os.path.isdir(output):
        return f"{output} is a folder; name the file to write"
    for folder, holds in (kept_folders or {}).items():
        if _inside(output, folder):
            return (f"{output} is in {folder}, which holds {holds}; write to another "
                    "folder (even --force does not write there)")
    if os.path.lexists(output) and not force:
        return f"{output} already exists; nothing was written (use --force to replace it)"
    return None


def _inside(output: str | os.PathLike, folder: Path) -> bool:
    """Whether writing `output` would write in `folder`: the folder it lands in (links
    followed) is `folder` or inside it, or it is another name (a hard link) of a file
    there."""
    if not folder.is_dir():
        return False
    landing = Path(os.path.realpath(output)).parent
    if any(same_file(place, folder) for place in (landing, *landing.parents)):
        return True
    try:
        found = os.stat(output)
    except OSError:
        return False
    try:
        with os.scandir(folder) as entries:
            return any(
                entry.inode() == found.st_ino and entry.stat(follow_symlinks=False).st_dev
                == found.st_dev
                for entry in entries
            )
    except OSError:
        return False
