"""Banks for a class: a teacher publishes a bank's YAML to classes, the class's computers
pull it into `class-banks/<class>/` in their data folder, which the library lists.

Content-addressed: a bank is stored once under the sha256 of its bytes, and a class has
one current version per bank id, so publishing a changed bank replaces the old one there
(same bank id, same question ids: progress carries over, as for an edited local file).
The pictures the bank names inside its folder travel with it (quizapp.bank_files, server
schema 4) and are written beside the pulled bank, never outside the class folder.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from quizapp.server.connection import ServerError

CLASS_BANKS_DIR = "class-banks"
MAX_PICTURE_BYTES = 20 * 1024 * 1024  # as the app draws them (rendering/images.py)


def class_banks_dir(data_dir: Path) -> Path:
    return Path(data_dir) / CLASS_BANKS_DIR


def publish(conn, path: str | os.PathLike, classes: list[str]) -> str:
    """Publish the bank file to these classes (the teacher's connection); its sha256."""
    from quizapp.core.loader import load_bank

    result = load_bank(path, use_cache=False)
    if result.bank is None:
        problem = result.errors[0].format() if result.errors else "it could not be read"
        raise ServerError(f"The bank has mistakes and was not published: {problem}")
    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    pictures = _pictures(Path(path), data, digest)
    if pictures and not _has_bank_files(conn):
        raise ServerError(
            "This class server cannot hold a bank's pictures yet: run "
            "`quizapp server init` on it again to upgrade it, then publish."
        )
    with conn.transaction():
        conn.execute(
            "INSERT INTO quizapp.banks(content_hash, bank_id, yaml) VALUES (%s, %s, %s)"
            " ON CONFLICT (content_hash) DO NOTHING",
            (digest, result.bank.id, data.decode("utf-8")),
        )
        for name in classes:
            row = conn.execute(
                "SELECT id FROM quizapp.classes WHERE name = %s", (name,)
            ).fetchone()
            if row is None:
                raise ServerError(f"You teach no class {name!r} on this server.")
            conn.execute(
                "INSERT INTO quizapp.class_banks(class_id, bank_id, content_hash)"
                " VALUES (%s, %s, %s) ON CONFLICT (class_id, bank_id) DO UPDATE"
                " SET content_hash = excluded.content_hash, published = now()",
                (row[0], result.bank.id, digest),
            )
        for relative, picture in pictures:
            conn.execute(
                "INSERT INTO quizapp.bank_files(content_hash, path, data) VALUES (%s, %s, %s)"
                " ON CONFLICT (content_hash, path) DO NOTHING",
                (digest, relative, picture),
            )
    return digest


def _pictures(path: Path, data: bytes, digest: str) -> list[tuple[str, bytes]]:
    """(path relative to the bank's folder, bytes) of every picture the bank names that
    is a file inside its folder (what the app would draw)."""
    from quizapp.core.loader import check_bytes

    folder = path.resolve().parent
    _bank, _problems, images = check_bytes(data, str(path), digest)
    out: dict[str, bytes] = {}
    for relative, *_where in images:
        target = (folder / relative).resolve()
        if not target.is_relative_to(folder) or not target.is_file():
            continue
        if target.stat().st_size > MAX_PICTURE_BYTES:
            continue
        out[target.relative_to(folder).as_posix()] = target.read_bytes()
    return sorted(out.items())


def _has_bank_files(conn) -> bool:
    return conn.execute("SELECT to_regclass('quizapp.bank_files') IS NOT NULL").fetchone()[0]


def _safe_target(folder: Path, relative: str) -> Path | None:
    """Where a pulled picture goes: inside the class folder, or nowhere."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts:
        return None
    target = (folder / relative).resolve()
    return target if target.is_relative_to(folder.resolve()) else None


def _folder_name(name: str) -> str:
    return re.sub(r"[^\w -]+", "_", name).strip() or "class"


def pull(conn, data_dir: Path) -> int:
    """Write the banks published to the person's classes; how many files changed."""
    rows = conn.execute(
        "SELECT c.name, cb.bank_id, b.content_hash, b.yaml FROM quizapp.class_banks cb"
        " JOIN quizapp.classes c ON c.id = cb.class_id"
        " JOIN quizapp.banks b ON b.content_hash = cb.content_hash"
    ).fetchall()
    changed = 0
    with_pictures = _has_bank_files(conn)
    for class_name, bank_id, digest, text in rows:
        folder = class_banks_dir(data_dir) / _folder_name(class_name)
        target = folder / f"{_folder_name(bank_id)}.yaml"
        data = text.encode("utf-8")
        if hashlib.sha256(data).hexdigest() != digest:
            continue  # not what was published: never written
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        if with_pictures:  # first the pictures, so the bank never shows them missing
            for relative, picture in conn.execute(
                "SELECT path, data FROM quizapp.bank_files WHERE content_hash = %s", (digest,)
            ).fetchall():
                place = _safe_target(folder, relative)
                if place is None:
                    continue  # a path out of the class folder is never written
                place.parent.mkdir(parents=True, exist_ok=True)
                part = place.with_name(place.name + ".part")
                part.write_bytes(bytes(picture))
                os.replace(part, place)
        partial = target.with_suffix(".yaml.part")
        partial.write_bytes(data)
        os.replace(partial, target)  # the library never sees half a bank
        changed += 1
    return changed


def pull_all(store) -> int:
    """Pull the class banks with the first signed-in learner who can reach the server."""
    from quizapp.server import sync
    from quizapp.server.connection import connect

    data_dir = Path(store.path).parent
    for learner_id, _role in sync.signed_in(store):
        try:
            with connect(sync._url(store, learner_id), sync.passfile(store),
                         autocommit=True) as conn:
                return pull(conn, data_dir)
        except ServerError:
            continue
    return 0
