"""Where the editor saves a bank: a new bank's file name, asked for, and a copy of a
read-only (bundled) bank in the learner's own bank folder."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from quizapp.authoring.document import BankDocument
from quizapp.gui.overwrite import may_write


def ask_where_to_save(parent: QWidget, start: str | os.PathLike) -> str | None:
    """The file a new bank goes to, from the save dialog (.yaml added when the name has no
    suffix, asking before that replaces a file); None when the teacher cancels."""
    chosen, _ = QFileDialog.getSaveFileName(parent, "Save the bank", str(start), "Banks (*.yaml *.yml)")
    if not chosen:
        return None
    path = chosen if chosen.endswith((".yaml", ".yml")) else chosen + ".yaml"
    return path if may_write(parent, path, chosen) else None


def save_copy_in(doc: BankDocument, folder: Path | None) -> Path:
    """Save `doc` in `folder` (default: the data folder's banks/) under its own name, or
    NAME-2, NAME-3... when that is taken; the document is then that file. Raises OSError."""
    if folder is None:
        from quizapp.core.paths import data_dir

        folder = data_dir() / "banks"
    folder.mkdir(parents=True, exist_ok=True)
    name = os.path.basename(doc.path) if doc.path else "new-bank.yaml"
    target = folder / name
    stem, suffix = os.path.splitext(name)
    n = 2
    while target.exists():
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    doc.save(target)
    return target
