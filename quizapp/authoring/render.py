"""Write one value as YAML text, in the style a teacher would write it.

Only for the values an edit puts in: text, numbers, true/false, lists and
mappings of those. Text stays plain when it reads back as the same text,
else it is double-quoted (or kept in the quoting style it had); text with
line breaks becomes a literal block (``|``).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = set(",[]{}")


def plain_ok(text: str, *, flow: bool = False) -> bool:
    """True when ``text`` written without quotes reads back as the same text."""
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return False
    if text[0] in _INDICATORS and not (text[0] in "-?:" and len(text) > 1 and text[1] != " "):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and (_FLOW_UNSAFE & set(text)):
        return False
    try:
        loaded = yaml.load(f"k: {text}\n", Loader=_Loader)
    except (yaml.YAMLError, ValueError):  # ValueError: read as a number over 4,300 digits,
        return False  # so not as text: quoted
    return loaded == {"k": text}


def quoted(text: str, style: str | None = '"') -> str:
    if style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def inline(value: Any, *, style: str | None = None, flow: bool = False) -> str | None:
    """The value on one line, or None when it needs a block."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        if "\n" in value:
            return quoted(value) if flow else None
        if style in ('"', "'"):
            return quoted(value, style)
        return value if plain_ok(value, flow=flow) else quoted(value)
    if isinstance(value, list):
        parts = [inline(v, flow=True) for v in value]
        if any(p is None for p in parts) or any(isinstance(v, list | dict) for v in value):
            if not all(isinstance(v, dict) for v in value):
                return None
        texts = [p for p in parts if p is not None]
        return "[" + ", ".join(texts) + "]" if len(texts) == len(parts) else None
    if isinstance(value, dict):
        entries: list[str] = []
        for key, item in value.items():
            text = inline(item, flow=True)
            if text is None:
                return None
            entries.append(f"{key}: {text}")
        return "{" + ", ".join(entries) + "}"
    raise TypeError(f"cannot write a {type(value).__name__} in a bank")


def after_key(value: Any, indent: int, *, style: str | None = None,
              flow: bool | None = None, flow_items: bool = False) -> str:
    """What follows ``key`` for ``value`` whose key starts at column ``indent - 2``:
    ``": text"`` for a one-line value (no newline), or ``":\\n...\\n"`` /
    ``": |\\n...\\n"`` for a block, always ending with a newline."""
    if isinstance(value, str) and "\n" in value:
        # "|-" strips the last line break, "|" keeps one, "|+" keeps them all: a text
        # ending in an empty paragraph (Enter typed twice) must read back as typed, or
        # the form showing it again loses the teacher's line breaks.
        trailing = len(value) - len(value.rstrip("\n"))
        chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
        body = value[:-1] if trailing else value
        lines = [(" " * indent + line) if line else "" for line in body.split("\n")]
        # A text starting with spaces or an empty line needs its indentation said ("|2"):
        # YAML would take the spaces of its first lines as the block's indentation (a
        # first line of spaces alone is an error), and the file would no longer read.
        said = "2" if body[:1].isspace() else ""
        return f": |{said}{chomp}\n" + "\n".join(lines) + "\n"
    if isinstance(value, list | dict) and not flow:
        if not value:
            return ": []" if isinstance(value, list) else ": {}"
        return ":\n" + block(value, indent, flow_items=flow_items)
    text = inline(value, style=style)
    if text is None:
        return ":\n" + block(value, indent, flow_items=flow_items)
    return ": " + text


def block(value: list | dict, indent: int, *, flow_items: bool = False) -> str:
    """Block lines at ``indent``, each ending with a newline."""
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and not flow_items:
                first = True
                for key, sub in item.items():
                    prefix = pad + "- " if first else pad + "  "
                    out.append(prefix + key + _tail(after_key(sub, indent + 4)))
                    first = False
            else:
                text = quoted(item) if isinstance(item, str) and "\n" in item else inline(item)
                if text is None:  # a list or mapping that cannot be one line
                    text = quoted(str(item))
                out.append(pad + "- " + text + "\n")
        return "".join(out)
    for key, sub in value.items():
        out.append(pad + key + _tail(after_key(sub, indent + 2)))
    return "".join(out)


def _tail(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


_ID_SAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _ID_SAFE.sub("-", text.casefold()).strip("-")[:40] or "question"
