"""The pictures of an .apkg export: copies of the bank's pictures in the deck's media, one
media name each (see DeckMedia)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from quizapp.core.bank_folder import inside_bank_folder, read_checked
from quizapp.core.model import Bank, Question
from quizapp.core.svg_safety import UnsafeSvg, is_svg, safe_svg

from ._common import MAX_EXPORTED_PICTURE_BYTES, UNREADABLE_PICTURE, Report

# ![description](path) in the text, once escaped as HTML (a picture in the bank's folder)
_INLINE_PICTURE = re.compile(r"!\[([^\]\n]*)\]\(([^)\s]+)\)")


def inline_pictures(html_text: str, bank: Bank, q: Question, media: DeckMedia,
                     report: Report) -> str:
    """Markdown pictures in a card's text become <img> of copies in the deck's media."""
    def picture(m: re.Match) -> str:
        name = picture_for(bank, q, media, report, html.unescape(m.group(2)))
        if name is None:
            return f"[{m.group(1)}]" if m.group(1) else ""
        return f'<img src="{html.escape(name)}" alt="{m.group(1)}">'

    return _INLINE_PICTURE.sub(picture, html_text)


# Anki's importer of its current format refuses a whole package when a media name is not
# in its normal form ("not a valid .apkg file"): at most 120 bytes of UTF-8, composed
# Unicode (NFC; a Mac names files decomposed), no trailing dot. (Its older format renamed
# such a file and mended the notes.) 110 here leaves room for name_for's "-2", "-3"...
_ANKI_NAME_BYTES = 110


def anki_media_name(name: str) -> str:
    """`name` as Anki's media folder keeps it: NFC, no trailing dots, cut to
    _ANKI_NAME_BYTES of UTF-8 with its suffix (".png") kept."""
    import unicodedata

    name = unicodedata.normalize("NFC", name).rstrip(".") or "picture"
    if len(name.encode("utf-8")) <= _ANKI_NAME_BYTES:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix.encode("utf-8")) > 10:
        stem, dot, suffix = name, "", ""
    room = _ANKI_NAME_BYTES - len((dot + suffix).encode("utf-8"))
    cut = stem.encode("utf-8")[:room].decode("utf-8", "ignore")  # (a whole character)
    return cut + dot + suffix


class DeckMedia:
    """The pictures copied into the deck, one media name each: a picture shown twice is
    one file, and two pictures whose names become the same ('a b.png', 'a_b.png') get
    names of their own ('coll-a_b.png', 'coll-a_b-2.png')."""

    def __init__(self, bank: Bank, folder: Path) -> None:
        self.folder = folder
        self.prefix = f"{bank.id}-"
        # pictures imported into the bank are in its <id>-files folder (interop's
        # media_folder_for): that folder is not part of their names in Anki
        self.imported_folder = f"{bank.id}-files"
        self.by_source: dict[Path, str] = {}
        self.paths: list[str] = []  # the files, for genanki's media_files
        # the pictures an import from Anki wrote there (import_record): their names are
        # the deck's media names already (made safe), kept as they are
        self.imported: set[Path] = set()
        if bank.path:
            from .import_record import imported_pictures

            self.imported = imported_pictures(Path(bank.path).parent, self.imported_folder)

    def name_for(self, source: Path, image: str, wanted: str | None = None) -> tuple[str, bool]:
        """The media name of the picture `source` (`image` in the bank), and whether it is
        new to the deck. Prefixed with the bank id, since Anki keeps every deck's media in
        one folder; but a picture an import from Anki wrote (in the bank's pictures'
        folder, import_record) keeps its name as it is: it is the name Anki has the
        picture by, so Anki finds its own file again instead of adding a copy (cat.png, not
        pets-cat.png; only a name the import made safe, 'x y.png' written 'x_y.png',
        differs), and a round trip does not make it longer. `wanted`: the name an Anki
        note already gives the picture (an image occlusion's), taken unless another
        picture of the deck has it."""
        known = self.by_source.get(source)
        if known is not None:
            return known, False
        if wanted and "/" not in wanted and wanted not in (".", ".."):
            name = wanted
        else:
            parts = Path(image).parts
            if len(parts) > 1 and parts[0] == self.imported_folder:
                parts = parts[1:]
            name = re.sub(r"[^\w.-]", "_", "-".join(parts))
            if source not in self.imported and not name.startswith(self.prefix):
                name = self.prefix + name
        name = anki_media_name(name)
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem = name
        taken = set(self.by_source.values())
        candidate, n = name, 2
        while candidate in taken:
            candidate = f"{stem}-{n}{dot}{suffix}"
            n += 1
        self.by_source[source] = candidate
        self.paths.append(str(self.folder / candidate))
        return candidate, True


def picture_for(bank: Bank, q: Question, media: DeckMedia, report: Report,
                image: str | None = None, wanted: str | None = None) -> str | None:
    """Copy the question's image (or `image`, a path in its text) into the deck's media;
    returns its media name (`wanted`, if free: see DeckMedia.name_for)."""
    image = image or q.image
    if not image or not bank.path:
        return None
    source = inside_bank_folder(Path(bank.path).parent, image)
    if source is None:
        report.warn(q.line, f"question {q.id!r}: the image {image!r} was not found inside "
                    "the bank's folder; the card has no image")
        return None
    name, new = media.name_for(source, image, wanted)
    if not new:
        return name
    # Read here through a checked handle (core/bank_folder.read_checked): copied by its
    # path, the file the name led to when it was copied went into the deck, a link to a
    # file outside the bank's folder too if the picture was swapped after the check.
    data = read_checked(source, MAX_EXPORTED_PICTURE_BYTES)
    problem = None if data is not None else UNREADABLE_PICTURE
    if data is not None and is_svg(source.name):  # without the files it names
        try:
            data = safe_svg(data)
        except UnsafeSvg as exc:
            problem = str(exc)
    if data is None or problem is not None:
        report.warn(q.line, f"question {q.id!r}: the image {image!r} is left out: {problem}")
        media.paths.remove(str(media.folder / name))
        del media.by_source[source]
        return None
    (media.folder / name).write_bytes(data)
    return name
