"""Banks for a class: a teacher publishes a bank's YAML to classes, the class's computers
pull it into `class-banks/<class>/<bank id>/` in their data folder, which the library
lists: each bank in a folder of its own, with its pictures, so that two banks' pictures
of the same name never overwrite each other, and no picture entry ever writes a bank file.

A bank published to two of the learner's classes is written once (in the first class's
folder, by name): identical copies would clash in the library by their id. When the two
classes have different versions under one id, the one published last is written and the
sync says which (PulledBanks.notes).

Content-addressed: a bank is stored once under the sha256 of its bytes, and a class has
one current version per bank id, so publishing a changed bank replaces the old one there
(same bank id, same question ids: progress carries over, as for an edited local file).
Only the class's teachers and the server's owner publish to a class; over a version the
class had later, or another person's, only with `force` (publish says whose, since when).
`unpublish` withdraws a bank from a class: the next pull removes that class's copy from
the computers of the people in it (never their answers or cards, which are in the store).
The pictures the bank names inside its folder travel with it (quizapp.bank_files, server
schema 4) and are written beside the pulled bank, never outside the class folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from quizapp.core.bank_folder import BankFolder, inside_bank_folder
from quizapp.core.yaml_files import MAX_FILE_BYTES
from quizapp.server.connection import ServerError

CLASS_BANKS_DIR = "class-banks"
MAX_PICTURE_BYTES = 20 * 1024 * 1024  # as the app draws them (rendering/images.py)
# A bank the library would refuse for its size is not taken: `publish` checks it, but a
# teacher (or the owner) may put any text on the server with SQL.
MAX_BANK_BYTES = MAX_FILE_BYTES


BANK_SUFFIXES = (".yaml", ".yml")  # as the library finds banks (core/yaml_files.py)


@dataclass(slots=True)
class PulledBanks:
    changed: int = 0  # bank files new or changed on this computer
    removed: int = 0  # banks withdrawn from a class (their folders removed)
    notes: list[str] = field(default_factory=list)  # for the learner: what was chosen


def class_banks_dir(data_dir: Path) -> Path:
    return Path(data_dir) / CLASS_BANKS_DIR


@dataclass(frozen=True, slots=True)
class ClassVersion:
    """The version of a bank a class has now, as the server recorded it."""

    class_name: str
    content_hash: str
    published_by: str | None  # the person's name (or role); None: not recorded (schema < 7)
    published: datetime
    publisher_role: str | None = None  # their role (names may be shared)

    def describe(self) -> str:
        who = self.published_by or "someone (the server did not record who)"
        when = self.published.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        return f"{who} published version {self.content_hash[:12]} on {when}"


def _has_history(conn) -> bool:
    return conn.execute(
        "SELECT to_regclass('quizapp.class_bank_history') IS NOT NULL").fetchone()[0]


def _refuse_unless_teacher(who, verb: str) -> None:
    if who.kind not in ("owner", "teacher"):
        raise ServerError(
            f"Only a teacher of the class (or the school's server owner) can {verb} banks:"
            f" you are signed in as {who.describe()}. Nothing was changed."
        )


def _class_for_publishing(conn, name: str, who, verb: str) -> int:
    """The class's id, when the person may publish to it (or withdraw from it): its
    teachers and the server's owner; a readable refusal otherwise."""
    _refuse_unless_teacher(who, verb)
    row = conn.execute("SELECT id FROM quizapp.classes WHERE name = %s", (name,)).fetchone()
    if row is None:
        if who.kind == "owner":
            raise ServerError(f"There is no class {name!r} on this server: add it with"
                              "  quizapp server add-class")
        raise ServerError(
            f"You do not teach {name!r} (or there is no such class): only its teachers, or"
            f" the school's server owner, can {verb} its banks. Nothing was changed."
        )
    return row[0]


def current_version(conn, class_id: int, class_name: str, bank_id: str) -> ClassVersion | None:
    with_who = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'quizapp'"
        " AND table_name = 'class_banks' AND column_name = 'published_by')").fetchone()[0]
    row = conn.execute(
        "SELECT cb.content_hash, " + ("coalesce(p.display_name, cb.published_by)" if with_who
                                      else "NULL::text")
        + ", cb.published, " + ("cb.published_by::text" if with_who else "NULL::text")
        + " FROM quizapp.class_banks cb"
        + (" LEFT JOIN quizapp.people p ON p.role = cb.published_by" if with_who else "")
        + " WHERE cb.class_id = %s AND cb.bank_id = %s",
        (class_id, bank_id),
    ).fetchone()
    return ClassVersion(class_name, row[0], row[1], row[2], row[3]) if row else None


def _replacing(conn, class_id: int, bank_id: str, current: ClassVersion, digest: str,
               my_role: str) -> str | None:
    """Why replacing the class's current version with `digest` needs --force, or None:
    the file is a version the class had before the current one (going back), or the
    current one is another person's."""
    earlier = None
    if _has_history(conn):
        earlier = conn.execute(
            "SELECT max(published) FROM quizapp.class_bank_history WHERE class_id = %s"
            " AND bank_id = %s AND content_hash = %s",
            (class_id, bank_id, digest),
        ).fetchone()[0]
    if earlier is not None and earlier < current.published:
        return (f"{current.class_name} had this file's version before ("
                f"{earlier.astimezone(UTC).strftime('%Y-%m-%d %H:%M UTC')}) and has a newer"
                f" one now: {current.describe()}. Publishing this file takes the class back"
                " to the older version")
    if current.publisher_role is not None and current.publisher_role != my_role:
        return (f"{current.class_name} has another version of this bank: "
                f"{current.describe()}. Publishing this file replaces it")
    return None


def publish(conn, path: str | os.PathLike, classes: list[str], *, force: bool = False) -> str:
    """Publish the bank file to these classes (a teacher's or the owner's connection); its
    sha256. Publishing over a version the class had later, or over another person's
    version, is refused without `force`, saying whose version is there and since when."""
    from quizapp.core.loader import load_bank
    from quizapp.server.admin import caller

    who = caller(conn)
    _refuse_unless_teacher(who, "publish")
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
        class_ids = [(name, _class_for_publishing(conn, name, who, "publish")) for name in classes]
        if not force:
            reasons = []
            for name, class_id in class_ids:
                current = current_version(conn, class_id, name, result.bank.id)
                if current is not None and current.content_hash != digest:
                    reason = _replacing(conn, class_id, result.bank.id, current, digest,
                                        who.role)
                    if reason:
                        reasons.append(reason)
            if reasons:
                raise ServerError(
                    "; ".join(reasons) + " on every computer of the class at its next sync."
                    " Nothing was published: add --force to publish it anyway."
                )
        created = conn.execute(
            "INSERT INTO quizapp.banks(content_hash, bank_id, yaml) VALUES (%s, %s, %s)"
            " ON CONFLICT (content_hash) DO NOTHING",
            (digest, result.bank.id, data.decode("utf-8")),
        ).rowcount == 1
        if not created:
            # The very bank is on the server already. Its pictures are added by whoever
            # published it first (the server lets only them); another teacher publishing
            # the same file to their class shares them (they were refused before).
            owner = conn.execute(
                "SELECT published_by = current_user FROM quizapp.banks WHERE content_hash = %s",
                (digest,),
            ).fetchone()
            if not (owner is not None and owner[0]):
                pictures = []
        for _name, class_id in class_ids:
            conn.execute(
                "INSERT INTO quizapp.class_banks(class_id, bank_id, content_hash)"
                " VALUES (%s, %s, %s) ON CONFLICT (class_id, bank_id) DO UPDATE"
                " SET content_hash = excluded.content_hash, published = now()",
                (class_id, result.bank.id, digest),
            )
        for relative, picture in pictures:
            conn.execute(
                "INSERT INTO quizapp.bank_files(content_hash, path, data) VALUES (%s, %s, %s)"
                " ON CONFLICT (content_hash, path) DO NOTHING",
                (digest, relative, picture),
            )
    return digest


def bank_id_of(bank: str) -> str:
    """A bank's id from what a teacher typed: the id itself, or a bank file's path."""
    from quizapp.core.loader import load_bank

    path = Path(bank)
    if path.suffix.lower() in BANK_SUFFIXES and path.is_file():
        result = load_bank(path, use_cache=False)
        if result.bank is None:
            raise ServerError(f"{bank} has mistakes; give the bank's id instead.")
        return result.bank.id
    return bank


def unpublish(conn, bank: str, classes: list[str]) -> list[str]:
    """Withdraw a bank (its id, or its file) from these classes (a teacher of them, or the
    owner); the classes it was withdrawn from. Its computers stop listing the class's copy
    at their next sync; the learners' answers and cards stay."""
    from quizapp.server.admin import caller

    bank_id = bank_id_of(bank)
    who = caller(conn)
    if who.kind == "teacher" and not _has_history(conn):
        # Teachers may delete a class's banks from step 7 on (with its history table): on
        # an older server PostgreSQL's refusal read as if they did not teach the class.
        raise ServerError(
            "This class server is too old for teachers to withdraw banks: its owner must run"
            "  quizapp server init  on it to upgrade it (or withdraw the bank themselves)."
            " Nothing was changed.")
    withdrawn = []
    with conn.transaction():
        for name in classes:
            class_id = _class_for_publishing(conn, name, who, "withdraw")
            if conn.execute(
                "DELETE FROM quizapp.class_banks WHERE class_id = %s AND bank_id = %s",
                (class_id, bank_id),
            ).rowcount:
                withdrawn.append(name)
        if not withdrawn:
            raise ServerError(f"The bank {bank_id!r} is not published to"
                              f" {', '.join(classes)}: nothing was withdrawn.")
    return withdrawn


def _pictures(path: Path, data: bytes, digest: str) -> list[tuple[str, bytes]]:
    """(path relative to the bank's folder, bytes) of every picture the bank names that
    is a file inside its folder (what the app would draw)."""
    from quizapp.core.loader import check_bytes

    folder = path.resolve().parent
    inside = BankFolder(folder)
    _bank, _problems, images = check_bytes(data, str(path), digest)
    out: dict[str, bytes] = {}
    for relative, *_where in images:
        target = inside.file(relative)
        if target is None:
            continue
        if target.stat().st_size > MAX_PICTURE_BYTES or _is_bank_file(target.name):
            continue  # a bank file is never a picture: it would be listed as a bank
        out[target.relative_to(folder).as_posix()] = target.read_bytes()
    return sorted(out.items())


def _has_bank_files(conn) -> bool:
    return conn.execute("SELECT to_regclass('quizapp.bank_files') IS NOT NULL").fetchone()[0]


def _is_bank_file(name: str) -> bool:
    return name.lower().endswith(BANK_SUFFIXES)


def _safe_target(folder: Path, relative: str) -> Path | None:
    """Where a pulled picture goes: inside the bank's folder and not a bank file (the
    bank's own, or one the library would list), or nowhere."""
    if ".." in Path(relative).parts or _is_bank_file(relative):  # a server sends plain names
        return None
    return inside_bank_folder(folder, relative, must_exist=False)


def _folder_name(name: str) -> str:
    return re.sub(r"[^\w -]+", "_", name).strip() or "class"


def _bank_folder_name(bank_id: str) -> str:
    """A folder of its own per bank id: ids that differ only in characters a folder name
    cannot hold ('a/b', 'a_b') get a short hash of the id."""
    name = _folder_name(bank_id)
    if name != bank_id:
        name += "-" + hashlib.sha256(bank_id.encode("utf-8")).hexdigest()[:8]
    return name


def _chosen(rows) -> tuple[list[tuple], list[str]]:
    """One (class, bank id, hash, yaml) per bank id, and notes on the choices: identical
    copies in several classes are one bank; different versions under one id, the one
    published last."""
    by_id: dict[str, list[tuple]] = {}
    for row in rows:
        by_id.setdefault(row[1], []).append(row)
    chosen, notes = [], []
    for bank_id, same in sorted(by_id.items()):
        if len({r[2] for r in same}) == 1:
            chosen.append(min(same, key=lambda r: r[0])[:4])
            continue
        latest = max(same, key=lambda r: (r[4], r[0]))
        others = sorted({r[0] for r in same if r[2] != latest[2]})
        chosen.append(latest[:4])
        notes.append(
            f"The bank '{bank_id}' is published to {', '.join(others)} and {latest[0]} in"
            f" different versions: this computer shows {latest[0]}'s, published last."
        )
    return chosen, notes


# The banks published to the person's classes, with each text's size, not the text: each
# sync reads this, and only a bank new or changed here is read whole (_bank_text).
_PUBLISHED = (
    "SELECT c.name, cb.bank_id, b.content_hash, octet_length(b.yaml), cb.published"
    " FROM quizapp.class_banks cb"
    " JOIN quizapp.classes c ON c.id = cb.class_id"
    " JOIN quizapp.banks b ON b.content_hash = cb.content_hash"
)


def pull(conn, data_dir: Path) -> PulledBanks:
    """Write the banks published to the person's classes, each in its own folder."""
    return _write_banks([conn], data_dir)


def _write_banks(conns: list, data_dir: Path, everyone: bool = False) -> PulledBanks:
    """Write the banks published to the classes of the people these connections are for
    (each sees its own classes' banks), chosen among them all at once: a bank in two of
    their classes is one bank, whoever's class it came through. `everyone`: these are all
    the people signed in here, so a class folder none of them is in now is of a class
    they left (`server enrol --leave`, `remove-learner`), not of someone not reached."""
    rows: list[tuple] = []
    source: dict[str, object] = {}  # a bank's hash -> a connection that may read its files
    # The classes these people are in now (row-level security: their own): a bank folder
    # of one of them that no published bank wants was withdrawn (`server unpublish`).
    classes_seen = {_folder_name(row[0]) for conn in conns
                    for row in conn.execute("SELECT name FROM quizapp.classes").fetchall()}
    for conn in conns:
        for row in conn.execute(_PUBLISHED).fetchall():
            rows.append(tuple(row))
            source.setdefault(row[2], conn)
    rows = list(dict.fromkeys(rows))  # a class two of them share: its rows once
    chosen, notes = _chosen(rows)
    result = PulledBanks(notes=notes)
    with_pictures = {id(conn): _has_bank_files(conn) for conn in conns}
    root = class_banks_dir(data_dir)
    wanted: set[Path] = set()
    for class_name, bank_id, digest, size in chosen:
        folder = root / _folder_name(class_name) / _bank_folder_name(bank_id)
        target = folder / f"{folder.name}.yaml"
        wanted.add(target)
        if size > MAX_BANK_BYTES:
            # Never read: the library would refuse it, after every sync read it. A version
            # taken before stays listed (its learners go on), and the note says so.
            result.notes.append(_too_big(bank_id, class_name, size, kept=target.exists()))
            continue
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
            continue
        conn = source[digest]
        data = _bank_text(conn, digest)
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            continue  # not what was published (or withdrawn since): never written
        folder.mkdir(parents=True, exist_ok=True)
        if with_pictures[id(conn)]:  # first the pictures, so the bank never shows them missing
            # Those the app would not draw are not taken (publish leaves them out).
            for relative, picture in conn.execute(  # type: ignore[attr-defined]
                "SELECT path, data FROM quizapp.bank_files WHERE content_hash = %s"
                " AND octet_length(data) <= %s", (digest, MAX_PICTURE_BYTES)
            ).fetchall():
                place = _safe_target(folder, relative)
                if place is None:
                    continue  # out of the bank's folder, or a bank file: never written
                place.parent.mkdir(parents=True, exist_ok=True)
                part = place.with_name(place.name + ".part")
                part.write_bytes(bytes(picture))
                os.replace(part, place)
        partial = target.with_suffix(".yaml.part")
        partial.write_bytes(data)
        os.replace(partial, target)  # the library never sees half a bank
        result.changed += 1
    withdrawn, left = _remove_stale(root, wanted, {_bank_folder_name(row[1]) for row in chosen},
                                    classes_seen, everyone)
    result.removed = withdrawn + sum(left.values())
    if withdrawn:
        result.notes.append(
            "1 class bank was withdrawn"
            " by the teacher and is no longer listed; the answers and cards studied in it stay."
            if withdrawn == 1 else
            f"{withdrawn} class banks were withdrawn by the teacher and are no longer"
            " listed; the answers and cards studied in them stay.")
    for class_name, count in sorted(left.items()):
        result.notes.append(
            f"The bank{'s' * (count != 1)} of {class_name} (no one signed in here is in that"
            f" class now) {'are' if count != 1 else 'is'} no longer listed; the answers and"
            f" cards studied in {'them' if count != 1 else 'it'} stay.")
    return result


def _bank_text(conn, digest: str) -> bytes | None:
    """The text of the bank stored under `digest`, as bytes; None when it is gone."""
    row = conn.execute("SELECT yaml FROM quizapp.banks WHERE content_hash = %s",
                       (digest,)).fetchone()
    return None if row is None else row[0].encode("utf-8")


def _too_big(bank_id: str, class_name: str, size: int, kept: bool) -> str:
    """What a learner is told of a bank over MAX_BANK_BYTES; `kept`: a version of it taken
    before is still listed."""
    def megabytes(n: int) -> str:
        return f"{n / 1024 / 1024:.1f} MB"

    taken = ("did not take its new version, and keeps the one it took before" if kept
             else "did not take it")
    return (f"The bank '{bank_id}' published to {class_name} is too big ({megabytes(size)};"
            f" the limit for a bank is {megabytes(MAX_BANK_BYTES)}): this computer {taken}."
            " Ask the teacher to split it into several banks.")


def _remove_stale(root: Path, wanted: set[Path], bank_folders: set[str],
                  classes_seen: set[str], everyone: bool) -> tuple[int, dict[str, int]]:
    """Bank files the library must not list: those an earlier quizapp wrote straight in a
    class's folder (the old layout, or a picture entry named like a bank), the copy of a
    bank now written in another class's folder (the same id twice would clash), and a bank
    withdrawn from a class these people are in (its folder, pictures and all: the
    learners' answers and cards are in the store, and stay). The folders of classes not
    seen are left as they are (a learner not reached this time), unless `everyone` was
    reached: then they are of classes left, and go too. (How many banks were withdrawn,
    how many of each class left.)"""
    withdrawn = 0
    left: dict[str, int] = {}
    if not root.is_dir():
        return withdrawn, left
    for class_folder in (p for p in root.iterdir() if p.is_dir()):
        for path in sorted(class_folder.rglob("*")):
            if not path.is_file() or not _is_bank_file(path.name) or path in wanted:
                continue
            in_own_folder = (path.parent.parent == class_folder
                             and path.name == f"{path.parent.name}.yaml")
            if not in_own_folder:
                path.unlink()
            elif path.parent.name in bank_folders:
                shutil.rmtree(path.parent, ignore_errors=True)  # that bank now lives in another class's folder
            elif class_folder.name in classes_seen:
                shutil.rmtree(path.parent, ignore_errors=True)
                withdrawn += 1
            elif everyone:
                shutil.rmtree(path.parent, ignore_errors=True)
                left[class_folder.name] = left.get(class_folder.name, 0) + 1
    return withdrawn, left


def pull_all(store) -> PulledBanks:
    """Pull the class banks of every signed-in learner who can reach the server (two
    learners of different classes on one computer each get their classes' banks), chosen
    among them all at once; nothing when none can."""
    from contextlib import ExitStack

    from quizapp.server import sync

    data_dir = Path(store.path).parent
    with ExitStack() as open_connections:
        conns = []
        people = sync.signed_in(store)
        for learner_id, _role in people:
            try:
                conn = open_connections.enter_context(sync.open_connection(store, learner_id))
                sync.check_schema(conn)  # a newer server's banks may read otherwise
            except ServerError:
                continue
            conns.append(conn)
        if not conns:
            return PulledBanks()
        return _write_banks(conns, data_dir, everyone=len(conns) == len(people))
