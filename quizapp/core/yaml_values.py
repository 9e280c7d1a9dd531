"""The plain values a bank's fields hold, as the checks read them and quote them back:
whether a text shows anything and which texts look alike, a text shortened in a message,
numbers and yes/no as YAML writes them, and the file names a bank gives (its pictures,
its source text). quizapp/core/yaml_fields.py reads the fields with them."""

from __future__ import annotations

import difflib
import math
import re
import sys
import unicodedata
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import unquote, urlsplit

_TRUE = frozenset({"true", "yes", "on"})
_FALSE = frozenset({"false", "no", "off"})
# A number as a bank may write it (YAML's underscores included).
NUMBER = re.compile(r"[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?")


# Characters that show nothing: format characters (zero-width space, joiners, the BOM,
# soft hyphen), controls and separators.
_INVISIBLE = frozenset(("Cf", "Cc", "Zs", "Zl", "Zp"))


def is_visible(text: str) -> bool:
    """Whether the text shows anything on screen."""
    return any(unicodedata.category(c) not in _INVISIBLE for c in text)


# Greek and Cyrillic letters drawn exactly as a Latin letter in the usual fonts: a choice
# 'A' typed in Greek next to a Latin 'A' cannot be told apart. Only true twins are here
# (Greek 'ν' is not quite a 'v'), so that texts which merely resemble each other pass.
_LATIN_TWINS = str.maketrans(
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο"  # Greek
    "АВЕКМНОРСТХЅІЈаеорсухѕіј",  # Cyrillic
    "ABEZHIKMNOPTYXo"
    "ABEKMHOPCTXSIJaeopcyxsij",
)


def _looks(text: str) -> str:
    """What a text looks like: 'é' written as one character or as 'e' and an accent are
    the same, invisible characters are nothing, and a Greek or Cyrillic letter drawn as a
    Latin one is that Latin letter."""
    return "".join(c for c in unicodedata.normalize("NFC", text)
                   if unicodedata.category(c) != "Cf").translate(_LATIN_TWINS)


def look_key(text: str) -> str:
    """A key under which texts that look the same on screen are equal (see _looks); the
    usual ASCII text is its own key, at no cost."""
    return text if text.isascii() else _looks(text)


def one_line(message: str) -> str:
    """A message quotes the teacher's text; keep it one printable line for linters."""
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def shown(text: str, limit: int = 60) -> str:
    """Text from the bank as quoted in a message: shortened when very long."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def did_you_mean(word: str, options, cutoff: float = 0.6) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


def parse_number(text: str) -> float | None:
    text = text.strip()
    if not NUMBER.fullmatch(text):
        return None
    value = float(text.replace("_", ""))
    return value if math.isfinite(value) else None


# The app keeps numbers as 64-bit floats: whole numbers are exact up to 2**53, the
# smallest full-precision number is about 2.2e-308 (sys.float_info.min), the largest
# about 1.8e308. Past these a number written in a bank is not the number graded.
EXACT_WHOLE_LIMIT = 2**53
_WHOLE = re.compile(r"[-+]?\d[\d_]*")


def imprecise_number(text: str, value: float,
                     remedy: str = "round it, or ask for it as text in a short_answer") -> str | None:
    """Why the number written as `text` (read as `value`) is not kept as written, in a
    teacher's words, or None: a whole number over 2**53, or one so near 0 that floats
    lose its digits, stands for its neighbours too (12345678901234567890 is also ...891)."""
    written = text.strip().replace("_", "")
    if _WHOLE.fullmatch(written) and abs(int(written)) > EXACT_WHOLE_LIMIT:
        return (f"{shown(written, 24)} is past {EXACT_WHOLE_LIMIT:,}, the largest whole "
                f"number the app keeps exactly: numbers that differ in the last digits count "
                f"as the same ({remedy})")
    if value == 0.0 and re.search(r"[1-9]", re.split(r"[eE]", written)[0]):
        return f"{shown(written, 24)} is too close to 0 for the app: it reads as 0"
    if value and abs(value) < sys.float_info.min:
        return (f"{shown(written, 24)} is too close to 0 for the app (under 2.2e-308): it "
                "keeps only a few of its digits")
    return None


def parse_bool(text: str) -> bool | None:
    low = text.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    return None


NUL_IN_NAME = 'a file name cannot contain a NUL character (written "\\0" in the bank)'


def _outside_folder_problem(name: str, web: str, absolute: str, outside: str) -> str | None:
    """Why `name` cannot be a file inside the bank's folder (each reason in the words of
    the field it came from), or None."""
    if "\0" in name:  # no file system takes one; os would raise ValueError on it
        return NUL_IN_NAME
    if "://" in name or name.startswith("data:"):
        return web
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute():
        return absolute
    if ".." in PureWindowsPath(name).parts or ".." in PurePosixPath(name).parts:
        return outside
    return None


def source_file_problem(name: str) -> str | None:
    """Why the bank's source text cannot be a file inside the bank's folder, or None."""
    return _outside_folder_problem(
        name, "the source text must be a file in the bank's folder, not a web address",
        "the source text's path must be relative to the bank's folder, not absolute",
        "the source text must stay inside the bank's folder (no '..')")


def paragraphs_text(numbers: list[int]) -> str:
    """[8] -> 'paragraph 8'; [2, 6, 8] -> 'paragraphs 2, 6 and 8'."""
    if len(numbers) == 1:
        return f"paragraph {numbers[0]}"
    head = ", ".join(str(n) for n in numbers[:-1])
    return f"paragraphs {head} and {numbers[-1]}"


def image_path_problem(image: str) -> str | None:
    """Why an image path cannot be inside the bank's folder, or None."""
    return _outside_folder_problem(
        image, "an image must be a file in the bank's folder, not a web address",
        "an image path must be relative to the bank's folder, not absolute",
        "an image path must stay inside the bank's folder (no '..')")


def text_image_path(ref: str) -> tuple[str, str | None]:
    """(the file a Markdown picture's address names, why the app will not show it or
    None), as the renderer reads it (rendering/markdown.safe_local_file, with Qt's QUrl):
    any ':' or a leading slash is refused, and %-escapes, '?' and '#' are read as in a
    web address, so img/%2e%2e/secret.png is img/../secret.png."""
    if ":" in ref:
        return ref, (image_path_problem(ref)
                     or "an image must be a file in the bank's folder, named without ':'")
    if ref.startswith(("/", "\\")):
        return ref, "an image path must be relative to the bank's folder, not absolute"
    path = ref
    if "%" in ref or "?" in ref or "#" in ref:
        path = unquote(urlsplit(ref).path)
    why = image_path_problem(path)
    if why and path != ref:
        return path, f"{why} (it reads as '{shown(path)}')"
    return path, why
