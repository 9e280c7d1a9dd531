"""Bank files on disk: reading within limits, image references, default ids.

Deliberately light (os only, no model, no YAML): `quizapp validate` uses it
together with the cache to answer for unchanged banks without importing the
rest of the loader. Problems here are plain (line, column, message) tuples;
the loader turns them into model.Problem.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from typing import TYPE_CHECKING

from quizapp.core.bank_folder import BankFolder, outside_words

if TYPE_CHECKING:  # validate's warm path must not import the model
    from quizapp.core.model import Severity

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_FILE_TEXT = "100 MB"

# (line, column, message); line 0 means "the whole file"
Located = tuple[int, int, str]


def too_big(size: int) -> Located:
    return (
        0,
        0,
        f"the file is too big ({size / 1024 / 1024:.1f} MB); the limit for a bank is "
        f"{MAX_FILE_TEXT}. Split it into several banks",
    )


def read_bank_bytes(path: str) -> bytes | Located:
    """The file's bytes, or why they cannot be used. Never blocks on a pipe and
    never reads more than the size limit."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            return (0, 0, "this is a folder, not a bank file")
        if not stat.S_ISREG(st.st_mode):
            return (0, 0, "this is not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            return too_big(st.st_size)
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        if os.path.islink(path):  # listed in its folder, so "does not exist" puzzled
            return (0, 0, f"the file is a symbolic link to '{os.readlink(path)}', which does "
                          "not exist")
        return (0, 0, "the file does not exist")
    except PermissionError:
        return (0, 0, "the file cannot be read (permission denied)")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return (0, 0, "the file is a symbolic link that loops back on itself")
        return (0, 0, f"the file cannot be read ({exc.strerror or exc})")
    if len(data) > MAX_FILE_BYTES:
        return too_big(len(data))
    return data


BANK_SUFFIXES = (".yaml", ".yml")


def is_bank_file_name(name: str) -> bool:
    """Whether the loader takes a file of this name for a bank: .yaml / .yml in any case
    (Other.YAML too), not hidden."""
    return name.lower().endswith(BANK_SUFFIXES) and not name.startswith(".")


def find_bank_files(folder) -> list[str]:
    """Every *.yaml / *.yml file under folder, sorted, each real folder visited once.

    Symlinked folders are followed (a teacher may link a shared folder in),
    but a folder already seen is skipped, so a symlink loop ends the walk
    instead of running forever. A link to a folder that holds `folder` itself
    (`up -> ..`, `home -> ~`, `disk -> /`) is not followed: the walk read every
    YAML file above the banks' folder, the whole disk's for a link to /, as banks.
    Hidden folders (.git, ...) and files are skipped.
    """
    found: list[str] = []
    seen_dirs: set[tuple[int, int]] = set()
    top = os.path.realpath(folder)
    for root, dirs, files in os.walk(folder, followlinks=True):
        try:
            st = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add(ident)
        dirs[:] = sorted(d for d in dirs
                         if not d.startswith(".") and not _holds(os.path.join(root, d), top))
        for name in files:
            if is_bank_file_name(name):
                found.append(os.path.join(root, name))
    return sorted(found)


def _holds(link: str, top: str) -> bool:
    """Whether `link`, a folder met in the walk, is a link to `top` or a folder above it."""
    if not os.path.islink(link):
        return False
    target = os.path.realpath(link)
    return top == target or top.startswith(target.rstrip(os.sep) + os.sep)


_ID_KEY = re.compile(rb"""^(?:id|"id"|'id')[ \t]*:""", re.MULTILINE)


def id_key_position(path: str) -> tuple[int, int]:
    """(line, column) of the bank's own 'id:' key (a key at the start of a line, in its
    first 64 KiB, where the header is), for a message about the bank's id; (1, 1), the
    file's start, when the id comes from the file's name or the file cannot be read."""
    try:
        with open(path, "rb") as f:
            head = f.read(64 * 1024)
    except OSError:
        return 1, 1
    found = _ID_KEY.search(head)
    if found is None:
        return 1, 1
    return head.count(b"\n", 0, found.start()) + 1, 1


def default_bank_id(path: str) -> str:
    """A bank without `id:` is known by its file name without .yaml / .yml."""
    name = os.path.basename(path)
    for suffix in (".yaml", ".yml", ".YAML", ".YML"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


KEPT_PICTURE = "anki_note_type"  # image_problems: an Anki note type's own picture


def image_problems(images, path: str) -> list[tuple[int, int, str, Severity]]:
    """(line, column, message, severity) for each image reference that is a problem.

    An image outside the bank's folder (after symlinks) is an error. A missing image
    is a warning: the app shows "[image missing: NAME]" and the rest of the bank can
    be studied. An SVG that names other files or web addresses is a warning: the app
    drops those references before drawing it (core/svg_safety.py).

    ``images`` holds (relative path, line, column), and a fourth item, True, for a
    picture named inside a text (Markdown), whose problems are all warnings: the app
    leaves out just that picture; KEPT_PICTURE for the picture of an Anki note's own
    note type (anki_note_type), which no question shows: the Anki export goes without it.
    The relative paths were already checked for '..' and absolute forms by the bank
    checker.
    """
    folder = BankFolder(os.path.dirname(os.path.abspath(path)))
    out: list[tuple[int, int, str, Severity]] = []
    verdicts: dict[str, tuple[str, Severity] | None] = {}
    for image, line, column, *in_text in images:
        verdict = _image_verdict(image, folder, verdicts)
        if verdict is None:
            continue
        if in_text and in_text[0] == KEPT_PICTURE:
            message = verdict[0].partition("; the question shows")[0]
            out.append((line, column, f"in 'anki_note_type', {message}: the export to Anki "
                        "sends the note without its picture", "warning"))
        elif in_text:
            message, severity = verdict
            if severity == "error":  # only this picture is left out of the text
                message += f"; the text shows [image not shown: {image}] instead"
            out.append((line, column, f"in this text, {message}", "warning"))
        else:
            out.append((line, column, *verdict))
    return out


def _image_verdict(
    image: str, folder: BankFolder, verdicts: dict[str, tuple[str, Severity] | None]
) -> tuple[str, Severity] | None:
    """What is wrong with the picture file `image` of the bank in `folder`, looked at once."""
    if image not in verdicts:
        inside = folder.file(image, must_exist=False)
        target = "" if inside is None else str(inside)
        if inside is None:
            verdicts[image] = (f"the image '{image}' {outside_words(image, folder)}", "error")
        elif os.path.isdir(target):
            verdicts[image] = (f"the image '{image}' is a folder, not a picture", "error")
        elif os.path.exists(target) and not os.path.isfile(target):
            verdicts[image] = (f"the image '{image}' is not a file but a pipe or a device",
                               "error")
        elif not os.path.isfile(target):
            verdicts[image] = (
                f"the image '{image}' does not exist in the bank's folder"
                f"{_named_otherwise(image, folder)}; the question shows "
                f"[image missing: {image}] instead",
                "warning",
            )
        elif image.lower().endswith((".svg", ".svgz")):
            verdicts[image] = _svg_problem(image, target)
        else:
            verdicts[image] = _picture_problem(image, target)
    return verdicts[image]


def _named_otherwise(image: str, folder: BankFolder) -> str:
    """What the teacher probably meant by a picture name that names no file, to add to the
    message: the path written with / for Windows' backslash, or the file whose name differs
    only in upper and lower case, which Windows and macOS find and Linux does not ("" if
    neither)."""
    name = image.replace("\\", "/")
    if name != image and folder.file(name) is not None:
        return f"; write the path with / ('{name}')"
    parent, _, base = name.rpartition("/")
    inside = folder.file(parent, must_exist=False) if parent else None
    listed = folder.root if not parent else (None if inside is None else str(inside))
    if listed is None or not os.path.isdir(listed):
        return ""
    try:
        same = [entry for entry in os.listdir(listed) if entry.lower() == base.lower()]
    except OSError:
        return ""
    if not same or base in same:
        return ""
    found = f"{parent}/{same[0]}" if parent else same[0]
    return (f"; the file is named '{found}': write the name as the file has it (upper and "
            "lower case count on Linux, where learners would see no picture)")


# Qt refuses to decode a picture that needs more than 256 MiB (QImageReader's allocation
# limit): 4 bytes a pixel, so about 8,192 x 8,192 pixels.
MAX_IMAGE_PIXELS = 256 * 1024 * 1024 // 4
# The largest picture file the app reads to draw (rendering/images.py): a picture travels
# with its bank, and reading hundreds of megabytes would stall the question.
MAX_IMAGE_BYTES = 20 * 1024 * 1024
# Every PNG ends with its IEND chunk; one cut off in a copy or a download does not, and Qt
# draws nothing of it.
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def picture_format(head: bytes) -> str | None:
    """The picture format a file's first bytes announce ('PNG', 'JPEG', ...), for the
    formats the app draws (Qt's image readers); None for anything else. An SVG is told
    by its name, not here (core/svg_safety.py reads it)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[:2] == b"BM" and len(head) >= 26:
        return "BMP"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if head.startswith((b"\x00\x00\x01\x00", b"\x00\x00\x02\x00")):
        return "ICO"
    return None


_EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WebP": "webp", "BMP": "bmp",
               "TIFF": "tiff", "ICO": "ico"}


def _not_a_picture(image: str, head: bytes) -> str:
    what = "it is empty" if not head else "its content is not a picture"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5].lower()
    if text.startswith((b"<svg", b"<?xml")):
        what = "it holds an SVG drawing; name it with .svg so that the app draws it as one"
    elif head and b"\x00" not in head[:512]:
        what = "it holds text, not a picture"
    return (f"the image '{image}' is not a picture the app can show ({what}); use a PNG, "
            "JPEG, GIF, WebP or SVG file")


def _picture_problem(image: str, target: str) -> tuple[str, Severity] | None:
    """An error for a file that is not a picture (the app would show a broken image),
    else a warning for a PNG, GIF or JPEG whose header gives more pixels than the app can
    draw (it shows [image not shown] instead); None when it fits or cannot be told (a
    JPEG whose frame header comes after a long EXIF block is not told)."""
    try:  # one page: a listing checks every picture of its banks this way
        with open(target, "rb") as f:
            head = f.read(4096)
            file_size = os.fstat(f.fileno()).st_size
            if head.startswith(b"\x89PNG") and file_size > len(head):
                f.seek(-min(file_size, 64), os.SEEK_END)
            tail = f.read(64) if head.startswith(b"\x89PNG") else b""
    except OSError as exc:
        return f"the image '{image}' cannot be read: {exc.strerror or exc}", "warning"
    if picture_format(head) is None:
        return _not_a_picture(image, head), "error"
    if file_size > MAX_IMAGE_BYTES:
        return (f"the image '{image}' is {file_size / 1024 / 1024:,.0f} MB, more than the "
                f"{MAX_IMAGE_BYTES // 1024 // 1024} MB the app reads to show a picture; make it "
                "smaller", "warning")
    if picture_format(head) == "PNG" and _PNG_END not in (head + tail)[-64:]:
        return (f"the image '{image}' is cut off (the end of the PNG file is missing): the app "
                "cannot show it; copy or save the picture again", "warning")
    size = image_size(head)
    if size is None or size[0] * size[1] <= MAX_IMAGE_PIXELS:
        return None
    return (f"the image '{image}' is {size[0]:,} x {size[1]:,} pixels, more than the app "
            f"can draw (about {MAX_IMAGE_PIXELS:,} pixels); make it smaller", "warning")


def image_size(head: bytes) -> tuple[int, int] | None:
    """(width, height) from the start of a PNG, GIF or JPEG file, or None."""
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR" and len(head) >= 24:
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return int.from_bytes(head[6:8], "little"), int.from_bytes(head[8:10], "little")
    if head[:2] == b"\xff\xd8":  # JPEG: walk the segments to a start-of-frame
        i = 2
        while i + 9 <= len(head) and head[i] == 0xFF:
            marker, length = head[i + 1], int.from_bytes(head[i + 2:i + 4], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                return int.from_bytes(head[i + 7:i + 9], "big"), int.from_bytes(
                    head[i + 5:i + 7], "big")
            i += 2 + length
    return None


def _svg_problem(image: str, target: str) -> tuple[str, Severity] | None:
    from quizapp.core.svg_safety import UnsafeSvg, external_references

    try:
        with open(target, "rb") as f:
            data = f.read()
        drawn_as = picture_format(data[:4096])
        if drawn_as is not None:  # a PNG (say) named .svg: the app would draw nothing
            return (f"the image '{image}' holds a {drawn_as} picture, not an SVG drawing; "
                    f"name it with .{_EXTENSIONS[drawn_as]} so that the app shows it", "error")
        found = external_references(data)
    except OSError as exc:
        return f"the image '{image}' cannot be read: {exc.strerror or exc}", "warning"
    except UnsafeSvg as exc:
        return f"the SVG image '{image}' will not be shown: {exc}", "warning"
    if not found:
        return None
    # Long paths keep their end, where the file's name is.
    names = ", ".join(
        f"'{ref if len(ref) <= 60 else '...' + ref[-57:]}'" for ref in dict.fromkeys(found)
    )
    return (
        f"the SVG image '{image}' refers to files or addresses outside itself ({names}); "
        "the app leaves them out: embed pictures in the SVG instead",
        "warning",
    )
