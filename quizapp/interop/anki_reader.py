"""Reading an Anki deck's fields: its HTML as safe Markdown, its pictures copied for the
bank (DeckReader), and the note a warning names (NoteRef).

Split from anki_import.py, which reads the notes and cards and calls these for each field.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote

from ._common import (
    IdAllocator,
    InteropError,
    Report,
    html_to_text,
)
from .anki_cloze import BLANK_CLOSE, BLANK_OPEN
from .anki_lines import div_lines, hard_line_breaks, html_line_breaks_as_spaces
from .anki_occlusion import picture_source
from .anki_package import DAMAGED_MEMBER
from .anki_package import media_map as _media_map
from .anki_package import zstd_bytes as _zstd
from .moodle_common import IMAGE_SUFFIXES, MAX_MEDIA_BYTES, unique_media_path
from .moodle_common import safe_file_name as _safe_file_name
from .moodle_html import code_span, moodle_html_to_markdown
from .spooled_pictures import SpooledPictures

_SOUND = re.compile(r"\[sound:([^\]]*)\]")
# Anki's LaTeX ([latex]...[/latex], [$]...[/$], [$$]...[/$$]), kept as its source in code
_ANKI_LATEX = re.compile(r"\[(latex|\$\$|\$)\].+?\[/\1\]", re.S | re.I)
_HELD = "\ue002"  # marks where such LaTeX goes while the rest becomes Markdown
LABEL_LENGTH = 50  # characters of a note's first field that name it in a warning


def note_label(first_field: str) -> str:
    """A note as a teacher finds it in Anki's browser: its first field's text, shortened."""
    text = " ".join(html_to_text(_SOUND.sub("", first_field)).split())
    if len(text) > LABEL_LENGTH:
        text = text[: LABEL_LENGTH - 1].rstrip() + "…"
    if text or (picture := picture_source(first_field)) is None:
        return f'"{text}"' if text else "(its first field is empty)"
    return f"(its first field is the picture {picture!r})"


@dataclass(frozen=True)
class NoteRef:
    """A note (and card) as warnings name it; the label is made only when one is written."""

    number: int  # in the deck's order of notes
    first_field: str  # its HTML
    note_type: str
    card: int | None = None  # 1-based, for a note with several cards

    def __str__(self) -> str:
        kind = f" ({self.note_type})" if self.note_type else ""
        card = f", card {self.card}" if self.card is not None else ""
        return f"note {self.number} {note_label(self.first_field)}{kind}{card}"



class DeckReader:
    def __init__(self, path: str, archive: zipfile.ZipFile, compressed: bool,
                 media_folder: str | None) -> None:
        self.report = Report(path)
        self.archive = archive
        self.compressed = compressed
        self.media_unreadable = False  # warned once: no picture needs a warning of its own
        try:
            self.media_map = _media_map(archive, compressed)
        except InteropError as exc:  # the notes can still be read, without their media
            self.media_map, self.media_unreadable = {}, True
            self.report.warn(0, f"{exc}; the deck's pictures were left out")
        self.media_folder = media_folder
        # on disk until the bank is written: a deck's pictures can be larger than memory
        self.media = SpooledPictures()
        # the deck's media name -> its path in the bank: names that become the same safe
        # file name ('x y.png', 'x_y.png') get files of their own ('x_y.png', 'x_y-2.png')
        self.saved_as: dict[str, str] = {}
        self.ids = IdAllocator()
        self.sounds: set[str] = set()
        # how many times a sound or a picture was left out of a field's Markdown: a note
        # that lost one is not written back over the learner's (anki_import)
        self.lost = 0
        self._said: set[str] = set()
        self._missing: set[str] = set()  # pictures a note shows that the deck lacks
        self.note: NoteRef | None = None  # the note being read, named in its warnings

    def warn_once(self, message: str) -> None:
        """A field can be drawn on several cards; what it lacks is said once."""
        if message not in self._said:
            self._said.add(message)
            self.report.warn(0, message)

    def picture(self, src: str, alt: str) -> str | None:
        shown = self._picture(src, alt)
        if shown is None:
            self.lost += 1
        return shown

    def _picture(self, src: str, alt: str) -> str | None:
        name = src.strip()
        member = self.media_map.get(name)
        if member is None and "%" in name:  # 'my%20pic.png', as a web page names a file:
            member = self.media_map.get(unquote(name))  # Anki's card shows 'my pic.png'
            name = unquote(name) if member is not None else name
        if member is None and self.media_unreadable:
            return None
        if member is None or not name.lower().endswith(IMAGE_SUFFIXES):
            if name not in self._missing:  # said once, with the first note showing it
                self._missing.add(name)
                where = f"{self.note}: " if self.note is not None else ""
                self.report.warn(0, f"{where}the picture {name!r} is not in the deck; only "
                                 "its description was kept")
            return None
        if self.media_folder is None:
            self.warn_once(f"the picture {name!r} was not saved (write the bank to a "
                           "file with -o to keep its pictures)")
            return None
        relative = self.saved_as.get(name)
        if relative is None:
            try:
                info = self.archive.getinfo(member)
            except KeyError:  # the deck's list of media names a file it does not hold
                self.warn_once(f"the picture {name!r} is missing from the deck; only its "
                               "description was kept")
                return None
            if info.file_size > MAX_MEDIA_BYTES:
                self.warn_once(f"the picture {name!r} is too large; it was left out")
                return None
            try:
                data = self.archive.read(member)
                if self.compressed:  # the size above is the compressed one
                    data = _zstd(data, MAX_MEDIA_BYTES, f"the picture {name!r}")
            except InteropError as exc:
                self.warn_once(f"{exc}; it was left out")
                return None
            except DAMAGED_MEMBER:
                self.warn_once(f"the picture {name!r} is damaged in the deck; it was left out")
                return None
            relative = unique_media_path(self.media_folder, _safe_file_name(name), self.media)
            self.saved_as[name] = relative
            self.media[relative] = data
        label = alt.replace("[", "").replace("]", "") or "picture"
        return f"![{label}]({relative})"

    def picture_data(self, src: str) -> tuple[str, bytes] | None:
        """A picture of the deck, copied as `picture` copies it: (its path, its bytes); None
        for one the deck lacks (the caller says so)."""
        if all(self.media_map.get(n) is None for n in (src.strip(), unquote(src.strip()))):
            return None
        shown = self.picture(src, "")
        relative = shown[shown.rindex("(") + 1 : -1] if shown else None
        if relative is None or relative not in self.media:
            return None
        return relative, self.media[relative]

    def add_picture(self, name: str, data: bytes) -> str:
        """A picture made for the bank (an image occlusion's masks), as Markdown."""
        relative = unique_media_path(str(self.media_folder), _safe_file_name(name), self.media)
        self.media[relative] = data
        return f"![picture]({relative})"

    def markdown(self, html: str) -> str:
        """A field's HTML as Markdown that shows what Anki shows: its text escaped ('# x',
        '__x__', '1. x' stay text), tables, numbered lists and TeX kept (TeX as its source,
        which Anki typesets and quizapp does not); what is lost is said for the note."""
        def sound(m: re.Match) -> str:
            self.sounds.add(m.group(1))
            self.lost += 1
            return ""

        latex: list[str] = []

        def hold(m: re.Match) -> str:  # Anki's own LaTeX, which it draws as a picture
            source = " ".join(html_to_text(m.group(0)).split())
            latex.append(code_span(source))
            notes.append(f"the LaTeX {source!r} is shown as its source: quizapp does not "
                         "typeset math")
            return f"{_HELD}{len(latex) - 1}{_HELD}"

        notes: list[str] = []
        html = _ANKI_LATEX.sub(hold, _SOUND.sub(sound, html).replace(_HELD, ""))
        text, more = moodle_html_to_markdown(div_lines(html_line_breaks_as_spaces(html)), self.picture,
                                             nested_lists=True)
        text = hard_line_breaks(text)
        notes += more
        if latex:
            text = re.sub(f"{_HELD}(\\d+){_HELD}", lambda m: latex[int(m.group(1))], text)
        for note in notes:
            note = note.replace(BLANK_OPEN, "{{").replace(BLANK_CLOSE, "}}")  # a cloze's
            self.warn_once(f"{self.note}: {note}" if self.note is not None else note)
        return text

