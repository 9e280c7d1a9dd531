"""Which pictures an import wrote, so that importing again over the same bank file removes
the ones the new import no longer shows, and never a teacher's own.

Each pictures' folder (<id>-files/, interop.media_folder_for) holds RECORD_NAME, a small
JSON file: bank file name -> {picture path relative to the bank's folder: sha256 of the
bytes the import wrote}. An import into a bank file removes a picture recorded for that
bank file when all of these hold: the new import does not write it; its bytes are still
the ones the import wrote (a picture a teacher edited is theirs now); no other bank file
is recorded with it; and no other bank file in the bank's folder (any file the loader
would load there, Other.YAML too) shows it, its pictures read as the loader reads them
(a Markdown address %-escaped too), each such file read once. Anything not
recorded (a teacher's own picture, one written before the record existed) stays.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote

from quizapp.core.bank_folder import BankFolder
from quizapp.core.yaml_files import is_bank_file_name

RECORD_NAME = ".quizapp-imported.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_record(path: Path) -> dict[str, dict[str, str]]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {str(bank): {str(k): str(v) for k, v in pictures.items()}
            for bank, pictures in raw.items() if isinstance(pictures, dict)}


def imported_pictures(folder: Path, media_folder: str) -> set[Path]:
    """The pictures (resolved, links followed) an import into any bank file of `folder`
    recorded in `media_folder`: their names are the Anki deck's media names, made safe."""
    record = _read_record(folder / media_folder / RECORD_NAME)
    inside = BankFolder(folder)
    found = (inside.file(relative) for pictures in record.values() for relative in pictures)
    return {path for path in found if path is not None}


class _OtherBanks:
    """What the other bank files in a folder show, each file read once: every bank file the
    loader would take there (yaml_files.is_bank_file_name: Other.YAML too), its pictures
    resolved as the loader resolves them (loader.picture_names, then BankFolder, links
    followed). A file whose pictures are unknown (unreadable, or not read as a bank) keeps
    every picture whose file name its text holds, plainly or %-escaped: when unsure, keep."""

    def __init__(self, folder: Path, bank_file: str):
        from quizapp.core.loader import picture_names

        self.shown: set[str] = set()
        self.unknown_texts: list[str] = []
        self.all_unknown = False  # the folder or a bank file in it could not be read
        try:
            names = sorted(entry.name for entry in os.scandir(folder)
                           if is_bank_file_name(entry.name) and entry.name != bank_file)
        except OSError:
            self.all_unknown = True
            return
        inside = BankFolder(folder)
        for name in names:
            pictures = picture_names(folder / name)
            if pictures is None:
                self._unknown(folder / name)
                continue
            for picture in pictures:
                path = inside.file(picture, must_exist=False)
                if path is not None:
                    self.shown.add(os.path.normcase(str(path)))

    def _unknown(self, path: Path) -> None:
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            self.all_unknown = True
            return
        self.unknown_texts.append(text)
        if "%" in text:
            self.unknown_texts.append(unquote(text))

    def show(self, path: Path) -> bool:
        """Whether another bank file shows (or may show) the picture file `path`."""
        if self.all_unknown or os.path.normcase(str(path)) in self.shown:
            return True
        return any(path.name in text for text in self.unknown_texts)


def pictures_replaced(folder: Path, bank_file: str, media_folder: str,
                      media: Mapping[str, bytes]) -> list[str]:
    """After the bank file `bank_file` in `folder` was written by an import with the
    pictures `media` (in `media_folder`): record them, and remove the pictures an earlier
    import into that bank file wrote that nothing shows any more (see the module doc).
    Returns the paths removed. Best effort: a folder that cannot be read or written
    leaves the pictures where they are."""
    record_path = folder / media_folder / RECORD_NAME
    record = _read_record(record_path)
    before = record.get(bank_file, {})
    others = {p for bank, pictures in record.items() if bank != bank_file for p in pictures}
    inside = BankFolder(folder)
    removed = []
    other_banks: _OtherBanks | None = None  # read once, only when a picture may go
    for relative, digest in sorted(before.items()):
        if relative in media or relative in others:
            continue
        path = inside.file(relative, must_exist=False)
        if path is None or not path.is_file():
            continue
        if other_banks is None:
            other_banks = _OtherBanks(folder, bank_file)
        if other_banks.show(path):
            continue
        try:
            if _digest(path.read_bytes()) != digest:
                continue  # changed since the import wrote it: the teacher's now
            path.unlink()
        except OSError:
            continue
        removed.append(relative)
    record[bank_file] = {relative: _digest(data) for relative, data in media.items()
                         if relative.startswith(f"{media_folder}/")}
    if not record[bank_file]:
        del record[bank_file]
    try:
        if record:
            record_path.parent.mkdir(parents=True, exist_ok=True)
            record_path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")
        else:
            record_path.unlink(missing_ok=True)
            if record_path.parent.is_dir() and not any(record_path.parent.iterdir()):
                record_path.parent.rmdir()
    except OSError:
        pass  # the pictures are written; only the next import's tidying is lost
    return removed
