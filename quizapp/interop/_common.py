"""Helpers shared by the importers and exporters: ids, safe text, decoding."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from quizapp.core.markup import code_spans
from quizapp.core.model import Bank, Question

# A question bank file a teacher would import is small; this keeps a stray
# video or database from being read into memory.
MAX_IMPORT_BYTES = 20 * 1024 * 1024
# A Moodle XML file carries its pictures inside it (base64): a course's question bank of
# a few hundred questions with screenshots is easily over 20 MB. Reading one takes about
# three times its size in memory (an 89 MB file of 700 pictures: 280 MB at its peak).
MAX_MOODLE_XML_BYTES = 100 * 1024 * 1024
# The most of a picture an export copies, and why one it cannot read is left out.
MAX_EXPORTED_PICTURE_BYTES = 100 * 1024 * 1024
UNREADABLE_PICTURE = ("it cannot be read from the bank's folder (it changed while the export "
                      "read it, or is over 100 MB)")


class InteropError(ValueError):
    """A file cannot be imported or exported; the message is for a teacher.

    `warnings` holds what was reported before giving up (FILE:LINE: warning: ...).
    """

    def __init__(self, message: str, warnings: list[str] | None = None) -> None:
        super().__init__(message)
        self.warnings = list(warnings or [])


# "Should I stop?", asked by an importer between its steps (a note, a question, a picture
# written): File > Import's Cancel answers True (gui/import_work.py). Reading it is cheap.
StopCheck = Callable[[], bool]


def never_stop() -> bool:
    """The StopCheck of an import nobody can cancel (`quizapp import`)."""
    return False


class ImportStopped(Exception):
    """The import was stopped on request between two steps; nothing was written."""


def stop_point(should_stop: StopCheck) -> None:
    """Raise ImportStopped when the import has been asked to stop."""
    if should_stop():
        raise ImportStopped("the import was stopped; nothing was written")


@dataclass
class Report:
    """Warnings collected while converting, each located as FILE:LINE."""

    path: str
    warnings: list[str] = field(default_factory=list)

    def warn(self, line: int, message: str) -> None:
        where = f"{self.path}:{line}" if line else self.path
        self.warnings.append(f"{where}: warning: {message}")


def slugify(text: str, *, max_length: int = 48) -> str:
    """A readable id: lowercase ASCII letters, digits, '-' and '_'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9_]+", "-", text.lower())
    text = re.sub(r"-{2,}", "-", text).strip("-_")
    if len(text) > max_length:
        cut = text[:max_length]
        text = cut.rsplit("-", 1)[0] if "-" in cut[max_length // 2 :] else cut
        text = text.strip("-_")
    return text


class IdAllocator:
    """Hands out unique question ids: from a title, else the prompt's first words."""

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._count = 0

    def allocate(self, title: str | None, prompt: str) -> str:
        self._count += 1
        base = slugify(title or "") if title else ""
        if not base:
            words = " ".join(prompt.split()[:6])
            base = slugify(words, max_length=40)
        if not base:
            base = f"q{self._count}"
        return self.exact(base)

    def exact(self, base: str) -> str:
        """`base` itself when no question has it yet (an id the source file keeps for it),
        else `base-2`, `base-3`..."""
        candidate, n = base, 2
        while candidate in self._used:
            candidate = f"{base}-{n}"
            n += 1
        self._used.add(candidate)
        return candidate


def kept_title(title: str | None, question_id: str) -> str | None:
    """A question's name in the file read (Moodle's name, GIFT's ::title::), kept as its
    title unless it is its id already (as quizapp writes a question without a title)."""
    title = " ".join(title.split()) if title else ""
    return title if title and title != question_id else None


def id_number_kept(idnumber: str, qid: str, title: str | None) -> dict[str, bool]:
    """The `id_number` field of a question whose id `qid` was read from the ID number
    `idnumber` (empty: none), when its kept title would otherwise say it had none."""
    if idnumber and qid == idnumber and title and slugify(title) == qid:
        return {"id_number": True}
    return {}


def moodle_idnumber(q: Question) -> str | None:
    """The ID number a Moodle file gives the question: its id, unless its id is the one its
    title gives (read from a Moodle question that had a name and no ID number, which then
    comes back as it was, without an ID number quizapp made up), unless the import said
    the id is the ID number (`id_number`)."""
    if q.title and slugify(q.title) == q.id and not q.id_number:
        return None
    return q.id


# what apkg_rows.anki_id_mark ends a card's back with
_ANKI_ID_FOUND = re.compile(r"<!-- quizapp id: ([^\s<>]+) -->")


def anki_id_marked(html: str) -> str | None:
    """The question id quizapp's export wrote into a note's field, if any."""
    if "<!-- quizapp id: " not in html:
        return None
    from urllib.parse import unquote

    found = _ANKI_ID_FOUND.search(html)
    return unquote(found.group(1)) if found else None


def anki_ids_marked(html: str) -> tuple[str, ...]:
    """Every question id quizapp's export wrote into a note's fields, in their order: one
    for each card of a note of several cards (apkg writes such a note's cards as pairs of
    fields, each back with its question's id)."""
    if "<!-- quizapp id: " not in html:
        return ()
    from urllib.parse import unquote

    return tuple(unquote(found) for found in _ANKI_ID_FOUND.findall(html))


# A picture in the Markdown an importer writes: ![description](path)
MARKDOWN_PICTURE = re.compile(r"!\[[^\]]*\]\([^)]*\)")

_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")


def neutralize_html(text: str) -> str:
    """Escape anything that a Markdown renderer could take for an HTML tag.

    Code spans are left alone: Markdown shows their content literally, and a
    backslash there would show up too.
    """
    if "<" not in text:
        return text
    out, pos = [], 0
    for start, end in code_spans(text):
        out.append(_TAG_LIKE.sub(r"\\<", text[pos:start]))
        out.append(text[start:end])
        pos = end
    out.append(_TAG_LIKE.sub(r"\\<", text[pos:]))
    return "".join(out)


# Marks one column of a nested list item's indent while a reader keeps nesting
# (moodle_html_to_markdown's nested_lists): the lines' own spaces are stripped, this is not.
NESTED_INDENT = "\ue004"
# Lists deeper than this are drawn at this depth: every line of a list N deep is indented
# by about 2N, so 3,000 nested <ul> (36 KB) wrote 9 MB of spaces.
MAX_NESTED_LISTS = 8


class _TextExtractor(HTMLParser):
    BLOCK = {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "table", "blockquote", "pre", "hr", "section", "article",
    }
    SKIP = {"script", "style", "head", "title", "iframe", "object", "noscript", "template"}
    EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`", "s": "~~",
                "strike": "~~", "del": "~~"}

    def __init__(self, image: ImageHook | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.image = image
        self._links: list[tuple[int, str | None]] = []  # (where the link text starts, href)
        self.parts: list[str] = []
        self._skipping = 0
        self._open: list[int] = []  # where each open emphasis marker sits in parts
        self._open_depth: list[int] = []  # the nesting depth each of them opened at
        self._depth = 0
        self._lists: list[int | None] = []  # each open list: None bulleted, else the last number
        self.nested_lists = False  # indent a list's items inside another list's item
        self._item_widths: list[int] = []  # each open list: its current item's marker width

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        elif self._skipping:
            return
        elif tag in self.BLOCK:
            self.parts.append("\n")
            if tag == "li":
                if self._lists and self._lists[-1] is not None:
                    self._lists[-1] += 1
                    marker = f"{self._lists[-1]}. "
                else:
                    marker = "- "
                if self.nested_lists and len(self._item_widths) > 1:
                    # under the text of the item it is in, as Markdown nests a list
                    self.parts.append(
                        NESTED_INDENT * sum(self._item_widths[:-1][:MAX_NESTED_LISTS - 1]))
                if self._item_widths:
                    self._item_widths[-1] = len(marker)
                self.parts.append(marker)
            elif tag == "ol":
                start = (dict(attrs).get("start") or "1").strip()
                # isascii: "²".isdigit() is True, and int() refuses it
                first = int(start) if start.isascii() and start.isdigit() and len(start) < 9 else 1
                self._lists.append(first - 1)
                self._item_widths.append(0)
            elif tag == "ul":
                self._lists.append(None)
                self._item_widths.append(0)
        elif tag in self.EMPHASIS:
            self._depth += 1
            marker = self.EMPHASIS[tag]
            open_markers = {self.parts[i] for i in self._open}
            # <b><b>x</b></b> is **x**; inside code, '**' would show as written
            if len(self._open) < 8 and marker not in open_markers and "`" not in open_markers:
                self._open.append(len(self.parts))
                self._open_depth.append(self._depth)
                self.parts.append(self.EMPHASIS[tag])
        elif tag == "a":
            self._links.append((len(self.parts), dict(attrs).get("href")))
        elif tag == "img":
            found = dict(attrs)
            alt = (found.get("alt") or "").strip()
            shown = self.image(found.get("src") or "", alt) if self.image else None
            if shown:
                self.parts.append(shown)
            elif alt:
                self.parts.append(f"[{alt}]")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif self._skipping:
            return
        elif tag == "a" and self._links:
            start, href = self._links.pop()
            inner = "".join(self.parts[start:])
            link = markdown_link(inner, href)
            if link:
                self.parts[start:] = [link]
        elif tag in self.BLOCK:
            self.parts.append("\n")
            if tag in ("ol", "ul") and self._lists:
                self._lists.pop()
                self._item_widths.pop()
        elif tag in self.EMPHASIS and self._depth:
            self._depth -= 1
            if not self._open or self._open_depth[-1] != self._depth + 1:
                return
            self._open_depth.pop()
            start = self._open.pop()
            inner = "".join(self.parts[start + 1 :])
            if not inner.strip() or "\n" in inner:
                # Nothing to emphasise, or a block inside: drop the opening marker.
                del self.parts[start]
                return
            trailing = inner[len(inner.rstrip()) :]
            lead = inner[: len(inner) - len(inner.lstrip())]
            marker = self.EMPHASIS[tag]
            self.parts[start:] = [lead, marker, inner.strip(), marker, trailing]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in self.SKIP:
            self._skipping = max(0, self._skipping - 1)

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


# Called with an <img>'s src and alt; returns the Markdown to put in its place
# (an image in the bank's folder), or None to keep only the alt text.
ImageHook = Callable[[str, str], "str | None"]

_WEB_ADDRESS = re.compile(r"^(https?://|mailto:)[^\s<>\"]+$", re.I)


def markdown_link(text: str, href: str | None) -> str | None:
    """[text](href) for a web or mail address with one-line text; None for anything else
    (a javascript: link, a relative path): then the text stays and the address goes."""
    text = text.strip()
    if not href or not text or "\n" in text or not _WEB_ADDRESS.match(href.strip()):
        return None
    href = href.strip().replace("(", "%28").replace(")", "%29")
    text = _UNESCAPED_BRACKET.sub(r"\\\1", text)  # the Moodle reader escaped its own
    return f"[{text}]({href})"


_UNESCAPED_BRACKET = re.compile(r"(?<!\\)([\[\]])")


def html_to_text(html: str, image: ImageHook | None = None) -> str:
    """Plain text (with **bold**, *italic* and [links](https://...)) from an HTML fragment;
    no tag survives. `image` decides what each <img> becomes (default: its alt text)."""
    parser = _TextExtractor(image)
    parser.feed(html)
    parser.close()
    for start in reversed(parser._open):  # never closed
        del parser.parts[start]
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return neutralize_html(text)


def decode_text(data: bytes, report: Report) -> str:
    """Text from a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if len(data) > MAX_IMPORT_BYTES:
        raise InteropError(too_big(report.path, len(data), MAX_IMPORT_BYTES))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InteropError(f"{report.path}: the file is not readable UTF-16 text") from exc
    if b"\x00" in data:
        raise InteropError(f"{report.path}: this is not a text file (it contains binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.warn(0, "the file is not UTF-8; it was read as Windows-1252 (Western European)")
        return data.decode("cp1252", errors="replace")


def read_bytes(path: str | Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """A file's bytes, with a teacher's message for a missing, unreadable or huge file
    (over `limit` bytes)."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        size = 0
    if size > limit:
        raise InteropError(too_big(path, size, limit))
    return _read_file(path)


def too_big(path: str | Path, size: int, limit: int) -> str:
    """Why a file over the import's limit is not imported, for a teacher (its size rounded
    up: a file of 100.4 MB is not "100 MB" beside a limit of 100 MB)."""
    return (f"{path}: the file is {-(-size // (1024 * 1024))} MB; files over "
            f"{limit // (1024 * 1024)} MB are not imported")


def read_text_file(path: str | Path, report: Report) -> str:
    # by its size first: a stray video named .txt is never read whole to be refused
    return decode_text(read_bytes(path), report)


def refuse_pipes_and_devices(path: str | Path) -> None:
    """An InteropError for a named pipe, a device or a socket: reading a pipe waits for a
    writer that never comes, and a device may never end. A missing file or a folder is left
    to the reader, which names it in its own words."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise InteropError(f"{path}: this is not a regular file (a pipe or a device); save "
                           "the questions in a file and import that")


def _read_file(path: str | Path) -> bytes:
    """The file's bytes, or an InteropError a teacher understands."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InteropError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise InteropError(f"{path}: this is a folder, not a file") from exc
    except OSError as exc:
        raise InteropError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc


def bank_from_questions(path: str | Path, questions: list[Question]) -> Bank:
    stem = Path(path).stem
    title = re.sub(r"[_\s]+", " ", stem).strip() or "Imported questions"
    bank_id = slugify(stem) or "imported"
    return Bank(id=bank_id, title=title[:1].upper() + title[1:], questions=tuple(questions))


def author_weights(choices: list, credits: list[float]) -> list:
    """The choices with the author's weights (Moodle percentages / 100) kept, when they
    score differently from quizapp's default for multiple_select (each right pick +1/n,
    each wrong pick -1/n); unchanged choices otherwise, so plain banks stay plain."""
    from dataclasses import replace

    right = [c for c in credits if c > 0]
    even = 1 / len(right) if right else 0.0
    default = [even if c > 0 else -even for c in credits]
    if all(abs(c / 100 - d) < 0.005 for c, d in zip(credits, default, strict=True)):
        return list(choices)
    return [replace(ch, weight=round(c / 100, 5)) for ch, c in zip(choices, credits, strict=True)]


def unique_choices(texts: list[str], report: Report, line: int,
                   name: str | None = None) -> bool:
    """True when every choice text is different (answers are named by their text). `name`:
    the question's name in its file, said in the warning."""
    seen: set[str] = set()
    for text in texts:
        if text in seen:
            said = f"question {name!r}: " if name else ""
            report.warn(line, f"{said}the choice {text!r} appears twice; the question was "
                        "skipped")
            return False
        seen.add(text)
    return True
