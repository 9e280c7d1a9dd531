"""Which pictures an import wrote, so that importing again over the same bank file removes
the ones the new import no longer shows, and never a teacher's own.

Each pictures' folder (<id>-files/, interop.media_folder_for) holds RECORD_NAME, a small
JSON file: bank file name -> {picture path relative to the bank's folder: sha256 of the
bytes the import wrote}. An import into a bank file removes a picture recorded for that
bank file when all of these hold: the new import does not write it; its bytes are still
the ones the import wrote (a picture a teacher edited is theirs now); no other bank file
is recorded with it; and no other YAML file in the bank's folder names it. Anything not
recorded (a teacher's own picture, one written before the record existed) stays.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from quizapp.core.bank_folder import BankFolder

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


def _named_elsewhere(folder: Path, bank_file: str, relative: str) -> bool:
    """Whether a YAML file in `folder` other than `bank_file` names the picture."""
    for other in (*folder.glob("*.yaml"), *folder.glob("*.yml")):
        if other.name == bank_file:
            continue
        try:
            if relative in other.read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            return True  # unreadable: it may name it
    return False


def pictures_replaced(folder: Path, bank_file: str, media_folder: str,
                      media: dict[str, bytes]) -> list[str]:
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
    for relative, digest in sorted(before.items()):
        if relative in media or relative in others:
            continue
        path = inside.file(relative, must_exist=False)
        if path is None or not path.is_file() or _named_elsewhere(folder, bank_file, relative):
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
