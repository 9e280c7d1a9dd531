"""Unsaved editor work kept on disk, so a crash loses none of it.

One JSON file per bank in a drafts folder (the editor uses drafts/ in the
data folder): the bank's path and the whole text being edited. The editor
writes it after a pause in editing and removes it on save or when the
teacher discards the changes; a draft still there at the next start is
offered back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.atomic import atomic_write


@dataclass(frozen=True)
class Draft:
    file: Path  # the draft itself
    bank_path: str | None  # the bank it belongs to (None: never saved)
    text: str
    saved_at: float


def draft_file(folder: str | os.PathLike, bank_path: str | None) -> Path:
    key = os.path.abspath(bank_path) if bank_path else "unsaved"
    return Path(folder) / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:20] + ".json")


def save_draft(folder: str | os.PathLike, bank_path: str | None, text: str) -> Path:
    Path(folder).mkdir(parents=True, exist_ok=True)
    target = draft_file(folder, bank_path)
    payload = {"bank_path": os.path.abspath(bank_path) if bank_path else None,
               "text": text, "saved_at": time.time()}
    atomic_write(target, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return target


def remove_draft(folder: str | os.PathLike, bank_path: str | None) -> None:
    with contextlib.suppress(FileNotFoundError):
        draft_file(folder, bank_path).unlink()


def list_drafts(folder: str | os.PathLike) -> list[Draft]:
    """Readable drafts, newest first; an unreadable one is skipped, never an error."""
    found: list[Draft] = []
    try:
        files = sorted(Path(folder).glob("*.json"))
    except OSError:
        return []
    for file in files:
        try:
            payload = json.loads(file.read_text("utf-8"))
            bank_path, text = payload.get("bank_path"), payload["text"]
            saved_at = float(payload.get("saved_at", 0))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
        if isinstance(text, str) and (bank_path is None or isinstance(bank_path, str)):
            found.append(Draft(file, bank_path, text, saved_at))
    return sorted(found, key=lambda d: -d.saved_at)
