"""A bank's header (title, id, description) from the top of its file, before its check.

The library lists a bank its cache has never seen from this header at once, and checks
the whole file afterwards (issue 17: libyaml's events alone for a 10,000-question bank
cost ~1.5x a bare window's startup, so no faster parser lists it in 3x).

The look is bounded and safe: at most HEADER_BYTES of the file are read, cut at the last
whole line, and only libyaml's events are read from them (no value is ever constructed,
a tag names nothing that runs), until the top-level ``questions:`` key. Whatever the
header does not say first (a file that starts with its questions, not UTF-8, not a
mapping, a YAML mistake before ``questions:``) leaves the file name as the title: the
check that follows reports every mistake with its line, exactly as for any bank.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from quizapp.core.text_limits import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS
from quizapp.core.yaml_files import default_bank_id

try:  # libyaml's C parser, as yaml_nodes reads banks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["HEADER_BYTES", "BankHeader", "read_bank_header"]

# The most read to list a bank before its check: a header is a few lines (the bundled
# banks' comments and header are under 3 KiB); a longer one leaves the file name.
HEADER_BYTES = 64 * 1024
_TEXT_TAGS = {None, "!", "tag:yaml.org,2002:str"}
_WANTED = ("title", "id", "description")


@dataclass(frozen=True)
class BankHeader:
    """What the library shows of a bank whose questions are still being checked."""

    title: str  # the header's title, or the file name when the header does not give it first
    bank_id: str  # the header's id, or the one the file name gives (as the check does)
    description: str | None
    from_header: bool  # False: the header could not be read first; title is the file name


def read_bank_header(path: str | os.PathLike) -> BankHeader:
    """The header of the bank file at `path`, read from its first HEADER_BYTES at most.
    Never raises: a file it cannot read is named by its file name."""
    name = os.fspath(path)
    fields = _header_fields(name)
    title = " ".join(fields.get("title", "").split())
    if not title or len(title) > MAX_NAME_CHARS:  # the check refuses it: not shown meanwhile
        return BankHeader(Path(name).name, default_bank_id(name), None, False)
    bank_id = fields.get("id", "").strip() or default_bank_id(name)
    description = fields.get("description")
    if description is not None and len(description) > MAX_DESCRIPTION_CHARS:
        description = None
    return BankHeader(title, bank_id, description, True)


def _header_fields(name: str) -> dict[str, str]:
    try:
        info = os.stat(name)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            return {}
        with open(name, "rb") as f:
            head = f.read(HEADER_BYTES)
        whole = len(head) >= info.st_size
        if not whole:  # never a line (or a character) cut in two
            head = head[: head.rfind(b"\n") + 1]
        text = head.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return _scan(text, whole)


def _scan(text: str, whole: bool) -> dict[str, str]:
    """The top-level text values of _WANTED before the `questions` key.

    A value counts once the parser has gone past it (the next key, the end of the
    mapping): the last one before the cut could be cut short itself."""
    fields: dict[str, str] = {}
    pending: tuple[str, str] | None = None  # the last key and value, not yet known whole
    loader = _Loader(text)
    try:
        for _ in range(3):  # stream, document, then the bank's own mapping
            event = loader.get_event()
        if not isinstance(event, MappingStartEvent):
            return {}
        while True:
            event = loader.get_event()
            if not isinstance(event, ScalarEvent):  # the end of the bank, or a complex key
                if pending is not None and whole and isinstance(event, MappingEndEvent):
                    fields.setdefault(*pending)
                return fields
            if pending is not None:
                fields.setdefault(*pending)
                pending = None
            key = event.value
            if key == "questions":
                return fields
            value = loader.get_event()
            if isinstance(value, (MappingStartEvent, SequenceStartEvent)):
                _skip_collection(loader)
            elif (isinstance(value, ScalarEvent) and key in _WANTED
                  and value.tag in _TEXT_TAGS):
                pending = (key, value.value)
    except yaml.YAMLError:  # a mistake the check reports, or the cut: what was whole
        return fields
    finally:
        loader.dispose()


def _skip_collection(loader) -> None:
    depth = 1
    while depth:
        event = loader.get_event()
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            depth += 1
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1
        elif event is None:
            return
