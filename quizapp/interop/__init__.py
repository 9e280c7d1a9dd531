"""Import from and export to the formats teachers already use.

Import: Moodle GIFT and Moodle XML, Aiken, CSV/TSV (Quizlet, Anki text exports) and
Anki decks (.apkg, .colpkg) -> a YAML bank (and the pictures it shows).
Export: a bank -> GIFT, Moodle XML, an Anki deck (.apkg), a printable PDF quiz, or YAML.

The GUI's Import... action calls import_to_file() (after import_with_media() to
report a file it cannot read before asking where to save), its Export... action
export_with_warnings(); the `quizapp import` / `quizapp export` commands convert
the same way and print the warnings. Nothing here imports Qt except the PDF writer, which
is loaded only when a PDF is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from quizapp.core.atomic import atomic_open, atomic_write
from quizapp.core.bank_folder import BankFolder
from quizapp.core.model import Bank
from quizapp.core.plural import counted

from ._common import (
    ImportStopped,
    InteropError,
    Report,
    StopCheck,
    bank_from_questions,
    never_stop,
    read_text_file,
    stop_point,
)

__all__ = [
    "IMPORT_FORMATS",
    "EXPORT_FORMATS",
    "InteropError",
    "ImportStopped",
    "StopCheck",
    "import_file",
    "import_bank",
    "import_with_media",
    "import_to_file",
    "write_imported",
    "WrittenBank",
    "free_bank_id",
    "media_folder_for",
    "pictures_in_the_way",
    "media_moved_to",
    "Imported",
    "import_comment",
    "export_bank",
    "export_with_warnings",
    "export_format_for",
]

IMPORT_FORMATS = ("gift", "moodle", "anki", "aiken", "csv", "tsv")
# format -> file name endings that select it
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "gift": (".gift", ".txt"),
    "moodle": (".xml",),
    "apkg": (".apkg",),
    # the older package Ankis before 2.1.50 (2022) read: chosen by name, never by ending
    "apkg-legacy": (".apkg",),
    "pdf": (".pdf",),
    "yaml": (".yaml", ".yml"),
}


def _sniff_format(path: Path, text: str) -> str:
    from .aiken import looks_like_aiken

    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        raise InteropError(f"{path}: this is already a quizapp bank; check it with "
                           "`quizapp validate` or add its folder to the library")
    if suffix == ".gift":
        return "gift"
    if suffix == ".csv":
        return "csv"
    if suffix == ".tsv":
        return "tsv"
    if text.lstrip("\ufeff").startswith(("#separator:", "#html:", "#columns:", "#notetype")):
        return "csv"  # Anki's text export header
    if looks_like_aiken(text):
        return "aiken"
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and sum("\t" in line for line in lines) >= 0.8 * len(lines):
        return "tsv"  # Quizlet and Anki exports: one tab-separated card a line
    if "{" in text and "}" in text:
        return "gift"
    if "\t" in text or "," in text or ";" in text:
        return "csv"
    raise InteropError(
        f"{path}: cannot tell the format of this file. quizapp imports Moodle GIFT (.gift), "
        "Aiken (.txt with 'ANSWER: X' lines) and CSV/TSV with a header (.csv, .tsv); "
        "name the format with --format."
    )


@dataclass
class Imported:
    """An imported bank, what was reported, and the files its questions show."""

    bank: Bank
    warnings: list[str]
    # path relative to the bank's folder -> the file's bytes (pictures from Moodle XML)
    # (an Anki deck's are on disk until written: spooled_pictures)
    media: Mapping[str, bytes] = field(default_factory=dict)
    # an Anki deck's review log (anki_import.Review), for replay_history
    reviews: list = field(default_factory=list)
    # question id -> the FSRS schedule Anki gave its card (anki_schedule.AnkiSchedule)
    schedules: dict = field(default_factory=dict)
    # the questions whose Anki card its learner suspended, kept suspended by replay_history
    suspended: list[str] = field(default_factory=list)
    # the importer ran quizapp's check itself (the Anki importer does, to leave out the
    # notes that fail it), so the bank needs no second one
    checked: bool = False


def _is_anki(path: Path) -> bool:
    return path.suffix.lower() in (".apkg", ".colpkg")


def _refuse_what_holds_no_questions(path: Path, fmt: str | None) -> None:
    """A named pipe or a device is never opened (it could block the import for ever); a
    Moodle course backup (.mbz, a compressed archive) is no file of questions quizapp
    reads: say what it is and what to export instead (not "this is not a text file")."""
    from ._common import refuse_pipes_and_devices

    refuse_pipes_and_devices(path)
    if fmt in (None, "moodle") and path.suffix.lower() == ".mbz":
        from .moodle_common import EXPORT_MOODLE_XML_HOW

        raise InteropError(f"{path}: this is a Moodle course backup (.mbz), which quizapp "
                           f"cannot read: {EXPORT_MOODLE_XML_HOW}")


def _looks_like_xml(path: Path) -> bool:
    if path.suffix.lower() == ".xml":
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(256).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith((b"<?xml", b"<quiz"))


def import_with_media(
    path: str | os.PathLike, fmt: str | None = None, media_folder: str | None = None, *,
    should_stop: StopCheck = never_stop,
) -> Imported:
    """Read a question file into a Bank, its warnings (FILE:LINE) and its pictures.

    media_folder: the folder, relative to where the bank will be written, that the
    pictures go in (their paths in the bank start with it); None reports them instead.
    should_stop: asked between steps (notes, questions); True raises ImportStopped.
    """
    path = Path(path)
    if fmt is not None and fmt not in IMPORT_FORMATS:
        raise InteropError(
            f"unknown import format {fmt!r}; choose one of {', '.join(IMPORT_FORMATS)}"
        )
    _refuse_what_holds_no_questions(path, fmt)
    if fmt == "anki" or (fmt is None and _is_anki(path)):
        from .anki_import import anki_bank

        if path.is_dir():
            raise InteropError(f"{path}: this is a folder, not an Anki deck")
        if not path.is_file():
            raise InteropError(f"{path}: no such file")
        bank, deck = anki_bank(path, media_folder, should_stop=should_stop)
        return Imported(bank, deck.warnings, deck.media, deck.reviews, checked=True,
                        schedules=deck.schedules, suspended=deck.suspended)
    if fmt == "moodle" or (fmt is None and _looks_like_xml(path)):
        from ._common import MAX_MOODLE_XML_BYTES, read_bytes
        from .moodle_xml import read_moodle_xml

        read = read_moodle_xml(read_bytes(path, MAX_MOODLE_XML_BYTES), str(path), media_folder,
                               should_stop=should_stop)
        if not read.questions:
            raise InteropError(f"{path}: no question could be imported from this Moodle XML "
                               "file", read.warnings)
        bank = replace(bank_from_questions(path, read.questions), categories=read.categories)
        return Imported(replace(bank, title=read.title) if read.title else bank,
                        read.warnings, read.media)
    bank, warnings = import_bank(path, fmt, should_stop=should_stop)
    return Imported(bank, warnings)


@dataclass(frozen=True)
class WrittenBank:
    """What an import wrote: the bank, its warnings, how many pictures were written, and
    the pictures of an earlier import into the same bank file that were removed (paths
    relative to the bank's folder; see import_record)."""

    bank: Bank
    warnings: list[str]
    pictures: int
    removed: list[str] = field(default_factory=list)


def import_to_file(
    source: str | os.PathLike, target: str | os.PathLike, fmt: str | None = None
) -> WrittenBank:
    """Import `source` into the bank file `target`, its pictures into a folder beside it
    (<id>-files/); the bank's id comes from the target's name. Raises InteropError or
    OSError."""
    imported = import_with_media(source, fmt, media_folder_for(target))
    return write_imported(imported, source, target)


def bank_id_for(target: str | os.PathLike) -> str:
    """The id of a bank imported into the file `target`: its name, made safe."""
    from ._common import slugify

    return slugify(Path(target).stem) or "imported"


def free_bank_id(wanted: str, taken: Mapping[str, str]) -> tuple[str, str | None]:
    """(the id a new bank takes, what to tell the teacher or None): `wanted` unless a bank
    has it already (`taken`: id -> that bank's file), else the first free `wanted-2`,
    `wanted-3`, ... Two banks of one id are both refused until one changes."""
    if wanted not in taken:
        return wanted, None
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    free = f"{wanted}-{number}"
    return free, (f"the id {wanted!r} is the id of the bank {taken[wanted]} already, so this "
                  f"bank's id is {free!r} (set 'id:' to choose another)")


def media_folder_for(target: str | os.PathLike) -> str:
    """The folder, beside the bank file `target`, that its imported pictures go in."""
    return f"{bank_id_for(target)}-files"


def pictures_in_the_way(folder: str | os.PathLike, media: Mapping[str, bytes]) -> list[str]:
    """The pictures of `media` (names relative to `folder`, the bank file's folder) that
    would replace a file already there holding other bytes. Two bank files can share one
    pictures' folder (my-bank.yaml and "My Bank.yaml", bank.yml and bank.yaml): writing one
    must not silently replace the other's pictures. The same bytes again are no harm."""
    root = Path(folder)
    clashes = []
    for relative in media:  # a picture is read only where a file of its name is
        existing = root / relative
        try:
            if existing.is_dir() or existing.read_bytes() != media[relative]:
                clashes.append(relative)
        except FileNotFoundError:
            continue
        except OSError:  # unreadable: it cannot be shown to be the same picture
            clashes.append(relative)
    return sorted(clashes)


def media_moved_to(media: Mapping[str, bytes], old_folder: str,
                   new_folder: str) -> Mapping[str, bytes]:
    """`media` (read with its pictures in `old_folder`) as it is written under `new_folder`
    (each picture read from `media` only when asked for)."""
    if old_folder == new_folder:
        return media
    from .spooled_pictures import RenamedPictures

    prefix = f"{old_folder}/"
    return RenamedPictures(media, {
        (f"{new_folder}/{name[len(prefix):]}" if name.startswith(prefix) else name): name
        for name in media})


def pictures_refusal(folder: str | os.PathLike, clashes: list[str]) -> str:
    """What a teacher is told when an import would replace pictures (pictures_in_the_way)."""
    shown = ", ".join(clashes[:3]) + (f" and {len(clashes) - 3} more" if len(clashes) > 3 else "")
    return (f"{counted(len(clashes), 'picture')} already in {Path(folder) / clashes[0].split('/')[0]} "
            f"would be replaced ({shown}): another bank may use that folder")


def write_imported(
    imported: Imported, source: str | os.PathLike, target: str | os.PathLike, *,
    should_stop: StopCheck = never_stop, replace_pictures: bool = False,
    taken_ids: Mapping[str, str] | None = None,
) -> WrittenBank:
    """The second half of import_to_file, for a caller that converted `source` already (the
    app converts before asking where to save): check, then write the bank and its pictures.
    `imported` must have been read with media_folder_for(target) as its picture folder.
    should_stop: asked between steps up to the bank's own file; on True (ImportStopped), or
    any failure, the pictures written are removed again: nothing of the bank is left.
    A picture that would replace another one already in the folder (pictures_in_the_way)
    stops the import, nothing written (InteropError), unless replace_pictures. taken_ids:
    the ids of the other banks in the library (id -> file): the bank takes a free one
    (free_bank_id), said in its warnings."""
    from .bank_check import check_errors
    from .yaml_writer import bank_to_yaml

    target = Path(target)
    bank_id, note = free_bank_id(bank_id_for(target), taken_ids or {})
    if note is not None:
        imported = replace(imported, warnings=[*imported.warnings, note])
    bank = replace(imported.bank, id=bank_id)
    problems = ([] if imported.checked
                else check_errors(bank, str(source), should_stop=should_stop))
    if problems:  # as `quizapp import` does: nothing is written
        raise InteropError("\n".join(["the converted bank does not pass quizapp's check; "
                                      "nothing was written", *problems[:5]]), problems)
    clashes = [] if replace_pictures else pictures_in_the_way(target.parent, imported.media)
    if clashes:
        raise InteropError(pictures_refusal(target.parent, clashes) + "; nothing was written")
    text = bank_to_yaml(bank, comment=import_comment(source, imported.warnings))
    written: list[Path] = []
    try:
        write_media(target.parent, imported.media, should_stop=should_stop, written=written)
        stop_point(should_stop)  # the last step that can be taken back
        _write_atomically(target, text.encode("utf-8"))
    except BaseException:
        _remove_new_files(target.parent, written)
        raise
    from .import_record import pictures_replaced

    removed = pictures_replaced(target.parent, target.name, media_folder_for(target),
                                imported.media)
    return WrittenBank(bank, imported.warnings, len(imported.media), removed)


def write_media(folder: Path, media: Mapping[str, bytes], *, should_stop: StopCheck = never_stop,
                written: list[Path] | None = None) -> None:
    """Save imported pictures under `folder` (their names were made safe by the importer;
    this checks again that none lands outside it). `written` collects the files it created
    (not those it replaced), for the caller to remove if the import goes no further."""
    inside = BankFolder(folder)
    for relative, data in media.items():
        stop_point(should_stop)
        target = inside.file(relative, must_exist=False)
        if target is None:
            raise OSError(f"the picture name {relative!r} points outside {folder}")
        new = not target.exists()
        _write_atomically(target, data)
        if new and written is not None:
            written.append(target)


def _remove_new_files(folder: Path, written: list[Path]) -> None:
    """Remove the files an import created, and the folders they leave empty under `folder`."""
    root = Path(folder).resolve()
    for path in written:
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != root and parent.is_relative_to(root):
            try:
                parent.rmdir()  # only when empty
            except OSError:
                break
            parent = parent.parent


def import_bank(path: str | os.PathLike, fmt: str | None = None, *,
                should_stop: StopCheck = never_stop) -> tuple[Bank, list[str]]:
    """Read a GIFT, Moodle XML, Aiken or CSV/TSV file into a Bank; warnings name FILE:LINE.
    Pictures embedded in a Moodle XML file are reported, not kept (see import_with_media)."""
    path = Path(path)
    _refuse_what_holds_no_questions(path, fmt)
    if fmt in ("moodle", "anki") or (fmt is None and (_looks_like_xml(path) or _is_anki(path))):
        imported = import_with_media(path, fmt, should_stop=should_stop)
        return imported.bank, imported.warnings
    report = Report(str(path))
    text = read_text_file(path, report)
    if fmt is not None and fmt not in IMPORT_FORMATS:
        raise InteropError(
            f"unknown import format {fmt!r}; choose one of {', '.join(IMPORT_FORMATS)}"
        )
    fmt = fmt or _sniff_format(path, text)
    if fmt == "gift":
        from .gift import parse_gift

        questions, warnings = parse_gift(text, str(path), should_stop=should_stop)
    elif fmt == "aiken":
        from .aiken import parse_aiken

        questions, warnings = parse_aiken(text, str(path), should_stop=should_stop)
    else:
        from .table import parse_table

        delimiter = "\t" if fmt == "tsv" else None
        questions, warnings = parse_table(text, str(path), delimiter=delimiter,
                                          should_stop=should_stop)
    warnings = report.warnings + warnings
    if fmt == "gift":
        from .gift import quizapp_gift_title

        title = quizapp_gift_title(text)
    else:
        title = None
    if not questions:
        raise InteropError(
            f"{path}: no question could be imported from this {fmt.upper()} file", warnings)
    bank = bank_from_questions(path, questions)
    if title:
        bank = replace(bank, title=title)
    return bank, warnings


def import_file(path: str | os.PathLike, fmt: str | None = None) -> tuple[str, list[str]]:
    """YAML text of a bank read from any import format, and its warnings (pictures in
    Moodle XML or Anki files are reported, not kept: see import_to_file).

    Raises InteropError (a ValueError) with a readable message when nothing
    can be imported; its .warnings say why.
    """
    from .yaml_writer import bank_to_yaml

    bank, warnings = import_bank(path, fmt)
    return bank_to_yaml(bank, comment=import_comment(path, warnings)), warnings


def import_comment(path: str | os.PathLike, warnings: list[str], limit: int = 40) -> str:
    """The comment an imported bank starts with: where it came from, and what was left out,
    so that a teacher opening the file sees it."""
    lines = [f"Imported by quizapp from {Path(path).name}."]
    if warnings:
        lines.append(f"{len(warnings)} warning(s) while importing:")
        lines += [f"  {w}" for w in warnings[:limit]]
        if len(warnings) > limit:
            lines.append(f"  ... and {len(warnings) - limit} more")
    return "\n".join(lines)


def export_format_for(path: str | os.PathLike, fmt: str | None = None) -> str:
    if fmt is not None:
        fmt = fmt.lower().lstrip(".")
        if fmt == "anki":
            fmt = "apkg"
        if fmt == "yml":
            fmt = "yaml"
        if fmt not in EXPORT_FORMATS:
            raise ValueError(
                f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
            )
        return fmt
    suffix = Path(path).suffix.lower()
    for name, suffixes in EXPORT_FORMATS.items():
        if suffix in suffixes:
            return name
    endings = ", ".join(dict.fromkeys(s for suffixes in EXPORT_FORMATS.values() for s in suffixes))
    raise ValueError(
        f"cannot tell which format to write from the name {Path(path).name!r}: "
        f"use a file name ending in {endings}, or choose a format"
    )


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file and a rename (core/atomic.py), so a reader never sees
    half a file; a new file gets the mode open() would give (0666 less the umask), as
    these files are for sharing (a deck for a class, a bank for a colleague)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)


def export_with_warnings(
    bank: Bank, path: str | os.PathLike, fmt: str | None = None, *, versions: int = 1
) -> list[str]:
    """Write `bank` to `path`; returns warnings about what the format cannot hold.
    versions: how many versions (A, B, ...) of a PDF paper to print, each with its key."""
    return export_counting(bank, path, fmt, versions=versions)[0]


def export_counting(
    bank: Bank, path: str | os.PathLike, fmt: str | None = None, *, versions: int = 1
) -> tuple[list[str], int]:
    """export_with_warnings, and how many questions the file holds (some formats
    cannot hold every type; the count is what was written, not what was asked)."""
    fmt = export_format_for(path, fmt)
    path = Path(path)
    everything = len(bank.questions)
    if fmt == "moodle":
        from .moodle_xml import write_moodle_xml

        data, warnings, written = write_moodle_xml(bank)
        _write_atomically(path, data)
        return warnings, written
    if fmt == "gift":
        from .gift import write_gift_counting

        text, warnings, written = write_gift_counting(bank)
        _write_atomically(path, text.encode("utf-8"))
        return warnings, written
    if fmt == "yaml":
        from .yaml_writer import bank_to_yaml

        _write_atomically(path, bank_to_yaml(bank).encode("utf-8"))
        images = sorted({q.image for q in bank.questions if q.image})
        elsewhere = bank.path is not None and Path(bank.path).resolve().parent != path.resolve().parent
        warnings = []
        if images and elsewhere:
            warnings.append(
                f"{path}: warning: the bank refers to {len(images)} image file(s) such as "
                f"{images[0]!r}, relative to its folder; copy them next to the new file")
        if bank.source is not None and bank.source.file and elsewhere:
            warnings.append(
                f"{path}: warning: the bank's quotes are checked against its source text "
                f"{bank.source.file!r}; copy it next to the new file")
        return warnings, everything
    if fmt in ("apkg", "apkg-legacy"):  # every question becomes a card
        from .apkg import write_apkg

        path.parent.mkdir(parents=True, exist_ok=True)  # (as _write_atomically does)
        with atomic_open(path) as out:  # the zip written straight into the file
            warnings = write_apkg(bank, out, legacy=fmt == "apkg-legacy")
        return warnings, everything
    from .pdf import pdf_bytes

    data, warnings = pdf_bytes(bank, versions)
    _write_atomically(path, data)
    return warnings, everything


def export_bank(bank: Bank, path: str | os.PathLike, fmt: str | None = None) -> None:
    """Write `bank` as GIFT, Moodle XML, Anki .apkg, PDF or YAML, chosen by `fmt` or the file name.

    Raises ValueError for an unknown format, OSError when the file cannot be written.
    """
    export_with_warnings(bank, path, fmt)
