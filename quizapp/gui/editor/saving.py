"""Where the editor saves a bank: a new bank's file name, asked for, and a copy of a bank
(a read-only bundled one, or one whose folder cannot be written) in the learner's own bank
folder."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from quizapp.authoring.document import BankDocument, ReplaceHead
from quizapp.authoring.yaml_edit import EditError, fields
from quizapp.core.yaml_files import default_bank_id
from quizapp.gui.overwrite import may_write


def read_only_bar() -> tuple[QWidget, QPushButton]:
    """The bar over a bundled bank, which opens read-only, and its button that saves a copy
    to the teacher's banks."""
    bar = QWidget()
    row = QHBoxLayout(bar)
    row.setContentsMargins(0, 0, 0, 0)
    note = QLabel("This bank comes with quizapp and opens read-only. "
                  "Save a copy to your banks to edit it.")
    note.setWordWrap(True)
    row.addWidget(note, 1)
    button = QPushButton("Save a &copy to my banks")
    button.setAccessibleName("Save a copy to my banks")
    row.addWidget(button)
    return bar, button


def ask_where_to_save(parent: QWidget, start: str | os.PathLike) -> str | None:
    """The file a new bank goes to, from the save dialog (.yaml added when the name has no
    suffix, asking before that replaces a file); None when the teacher cancels."""
    chosen, _ = QFileDialog.getSaveFileName(parent, "Save the bank", str(start), "Banks (*.yaml *.yml)")
    if not chosen:
        return None
    path = chosen if chosen.endswith((".yaml", ".yml")) else chosen + ".yaml"
    return path if may_write(parent, path, chosen) else None


def copy_target(doc: BankDocument, folder: Path | None) -> Path:
    """Where a copy of `doc` goes in `folder` (default: the data folder's banks/): its own
    name, or NAME-2, NAME-3... when that is taken. Raises OSError."""
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
    return target


def id_for_a_copy(doc: BankDocument, target: Path) -> ReplaceHead | None:
    """The edit that gives a copy of a bank that is not bundled an id of its own ('ID-copy',
    'ID-copy-2' for NAME-2.yaml...), or None when its file name gives it one already. Beside
    its original, a copy with the same id made both banks errors ("another bank has the same
    id"); only a copy of a bundled bank is meant to take its place."""
    written = doc.header().get("id") if doc.splittable else None
    original = str(written) if written not in (None, "") else default_bank_id(doc.path or "")
    if written in (None, "") and default_bank_id(str(target)) != original:
        return None  # no id: the copy's file name (NAME-2.yaml) is its id, not the original's
    taken = os.path.splitext(os.path.basename(doc.path or ""))[0]
    number = target.stem[len(taken) + 1:] if target.stem != taken else ""
    try:
        return doc.set_header(("id",), f"{original}-copy" + (f"-{number}" if number else ""))
    except EditError:  # a file the form cannot split: its id stays as written
        return None


def copy_note(target: Path, id_edit: ReplaceHead | None) -> str:
    """The status line after a copy is saved: where it went, and its new id if it has one."""
    if id_edit is None:
        return f"Saved a copy as {target}; you are editing the copy."
    new_id = fields(id_edit.new).get("id")
    return (f"Saved a copy as {target}, with its own bank id '{new_id}' (the original keeps "
            "its id and its learners' progress); you are editing the copy.")
