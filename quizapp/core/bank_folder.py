"""The one rule for "a file inside the bank's folder".

A bank is data written by anyone: a picture, a source text or a pulled file it names may
only ever be read from (or written to) its own folder. Every place that turns a name from
a bank into a path asks `inside_bank_folder`, so the rule is written, and tested, once.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath


def inside_bank_folder(folder: str | os.PathLike[str] | None, name: str, *,
                       must_exist: bool = True) -> Path | None:
    """The file `name` names inside `folder` (resolved, links followed), or None.

    None when `name` is empty, holds a NUL, has a colon (a URL scheme such as http:,
    file:, data:, qrc:, in any case; a Windows drive C:; a Windows stream), is absolute
    (/x, \\x, \\\\server\\share), or resolves (through `..` or a link) outside the folder;
    and, with must_exist, when it is not an existing regular file. A name too long for
    the disk, or a link loop, is None too, never an exception.
    """
    if folder is None or not name or "\0" in name or ":" in name:
        return None
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).root:
        return None
    try:
        root = Path(folder).resolve()
        target = (root / name).resolve()
        if not target.is_relative_to(root) or target == root:
            return None
        if must_exist and not target.is_file():
            return None
    except (OSError, RuntimeError, ValueError):  # too long a name, a link loop
        return None
    return target
