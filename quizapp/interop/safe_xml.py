"""A small, safe XML reader: elements with their line numbers, and no DTD at all.

A Moodle XML file is data from anywhere. expat is driven directly so that a
document type declaration (where entities, and so "billion laughs" or external
files, would be declared) is refused before anything is expanded, and every
element remembers the line it starts on for the teacher's warnings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from ._common import MAX_MOODLE_XML_BYTES, InteropError, too_big

MAX_DEPTH = 64  # Moodle XML is five or six levels deep; a deeper file is not a question bank


class _Refused(Exception):
    pass


def parse_xml(data: bytes, path: str) -> ET.Element:
    """The root element; each element has `.line` in its attrib under the key ``"\\0line"``.

    Raises InteropError with a readable message for a file that is not well-formed,
    too large, or declares a DTD or entities.
    """
    if len(data) > MAX_MOODLE_XML_BYTES:
        raise InteropError(too_big(path, len(data), MAX_MOODLE_XML_BYTES))
    parser = expat.ParserCreate()
    stack: list[ET.Element] = []
    root: list[ET.Element] = []
    text_parts: list[list[str]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if len(stack) >= MAX_DEPTH:
            raise _Refused(f"elements are nested more than {MAX_DEPTH} deep")
        element = ET.Element(tag, attrs)
        element.set(LINE, str(parser.CurrentLineNumber))
        if stack:
            stack[-1].append(element)
        else:
            root.append(element)
        stack.append(element)
        text_parts.append([])

    def end(tag: str) -> None:
        element = stack.pop()
        element.text = "".join(text_parts.pop())

    def data_(text: str) -> None:
        if text_parts:
            text_parts[-1].append(text)

    def refuse_dtd(*_args) -> None:
        raise _Refused("it declares a document type (DTD); quizapp reads plain Moodle XML only")

    def refuse_entity(*_args: object) -> int:
        raise _Refused("it declares entities; quizapp reads plain Moodle XML only")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data_
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise InteropError(
            f"{path}:{parser.CurrentLineNumber}: this XML file is not read: {exc}"
        ) from None
    except expat.ExpatError as exc:
        raise InteropError(
            f"{path}:{exc.lineno}: this is not well-formed XML "
            f"({expat.ErrorString(exc.code)}, column {exc.offset + 1})"
        ) from None
    if not root:
        raise InteropError(f"{path}: the XML file has no content")
    return root[0]


LINE = "\0line"


def line_of(element: ET.Element) -> int:
    return int(element.get(LINE, "0"))


# the encoding an XML declaration names: <?xml version="1.0" encoding="UTF-8"?>
_DECLARED_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.-]+)["']""")


def utf8_as_declared(data: bytes) -> tuple[bytes, bool]:
    """A file declared (or, with no declaration, taken as) UTF-8 whose bytes are not: read
    as Windows-1252, which a Windows editor saving it again wrote (XML's parser stopped at
    the first 'é' with 'not well-formed (invalid token)'). Whether it was so read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data, False  # UTF-16, which the parser reads by its byte order mark
    declared = _DECLARED_ENCODING.match(data)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return data, False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace").encode("utf-8"), True
    return data, False
