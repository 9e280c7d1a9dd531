"""SVG images from a bank, without what they could fetch from elsewhere.

An SVG can name other files: `<image xlink:href="/home/me/secret.png"/>`, a `<use>`
of another file, a CSS `url(...)` or `@import`. Qt's SVG renderer draws some of those,
so a bank could show any file on the learner's computer. Before an SVG is drawn,
`safe_svg` keeps only references inside the document itself (`#id`) and embedded
PNG, JPEG or GIF pictures (`data:`), and drops everything else; `quizapp validate`
warns about what would be dropped (`external_references`).

Parsed with ElementTree: Python's expat never fetches external entities or DTDs,
and expat >= 2.4 refuses "billion laughs" entity expansion. Pure Python, no Qt.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_SUFFIXES = (".svg", ".svgz")
MAX_SVG_BYTES = 5 * 1024 * 1024  # larger than any sensible picture in a bank
# What Qt would draw, each <use> counted as the copy of what it names. Ten nested groups
# of ten <use> each draw 10^10 rectangles from 2 KB: Qt took minutes per 10^9 and held
# the window meanwhile (10^6: 1.4 s). A picture drawn by hand or exported by a drawing
# program has far fewer; a file of 5 MB of empty <g/> could hold over a million.
MAX_SVG_DRAWN = 200_000
# Levels of elements, <use> copies included: ElementTree writes an SVG back recursively
# (100,000 nested <g> ended in a RecursionError), and so does Qt draw it.
MAX_SVG_DEPTH = 200

_HREF_NAMES = frozenset({"href", "{http://www.w3.org/1999/xlink}href", "src"})
_SAFE_DATA = re.compile(r"data:image/(?:png|jpeg|jpg|gif)[;,]", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)


class UnsafeSvg(ValueError):
    """The SVG cannot be read as XML (or is too big); draw nothing from it."""


def is_svg(name: str) -> bool:
    return name.lower().endswith(SVG_SUFFIXES)


def _internal(reference: str) -> bool:
    reference = reference.strip()
    return reference.startswith("#") or bool(_SAFE_DATA.match(reference))


def _parse(data: bytes) -> ET.Element:
    if len(data) > MAX_SVG_BYTES:
        raise UnsafeSvg(f"the SVG is over {MAX_SVG_BYTES // (1024 * 1024)} MB")
    if data[:2] == b"\x1f\x8b":  # .svgz: Qt would inflate it; we do not, so refuse it
        raise UnsafeSvg("a compressed SVG (.svgz) cannot be checked; save it as plain .svg")
    try:
        root = ET.fromstring(data)
    except (ET.ParseError, ValueError) as exc:
        raise UnsafeSvg(f"the SVG is not valid XML: {exc}") from None
    _refuse_bombs(root)
    return root


def _refuse_bombs(root: ET.Element) -> None:
    """UnsafeSvg for an SVG too deep or that draws too much (MAX_SVG_DEPTH, MAX_SVG_DRAWN),
    each element counted with the copies its <use> make. Walked without recursion: the
    file itself may be deeper than Python's stack."""
    level, depth, count = [root], 0, 0
    while level:  # the tree as written, a level at a time (an SVG without <use>: all)
        depth, count = depth + 1, count + len(level)
        level = [child for element in level for child in element]
    _refuse_size(count, depth, copies=False)
    by_id: dict[str, ET.Element] = {}
    copies = False
    for element in root.iter():
        if name := element.get("id"):
            by_id[name] = element
        copies = copies or _is_use(element) and any(
            value.lstrip().startswith("#") for key, value in element.attrib.items()
            if key in _HREF_NAMES)
    if not copies:
        return

    def copied(element: ET.Element) -> list[ET.Element]:
        if not _is_use(element):  # (a link's or an animation's #target draws no copy)
            return list(element)
        named = [by_id.get(value.strip()[1:]) for name, value in element.attrib.items()
                 if name in _HREF_NAMES and value.strip().startswith("#")]
        return [*element, *(target for target in named if target is not None)]

    drawn: dict[ET.Element, tuple[int, int]] = {}  # element -> (elements, depth)
    stack: list[tuple[ET.Element, bool]] = [(root, False)]
    open_now: set[ET.Element] = set()
    while stack:
        element, children_done = stack.pop()
        if children_done:
            open_now.discard(element)
            below = [drawn[child] for child in copied(element)]
            count = 1 + sum(n for n, _ in below)
            depth = 1 + max((d for _, d in below), default=0)
            _refuse_size(count, depth, copies=True)
            drawn[element] = (count, depth)
            continue
        if element in drawn:
            continue
        if element in open_now:
            raise UnsafeSvg("the SVG uses an element inside itself (a <use> that loops)")
        open_now.add(element)
        stack.append((element, True))
        stack.extend((child, False) for child in copied(element) if child not in drawn)


def _is_use(element: ET.Element) -> bool:
    """A <use>, the one element that draws a copy of what it names (in any namespace)."""
    return isinstance(element.tag, str) and element.tag.rpartition("}")[2] == "use"


def _refuse_size(count: int, depth: int, *, copies: bool) -> None:
    if depth > MAX_SVG_DEPTH:
        raise UnsafeSvg(f"the SVG is nested more than {MAX_SVG_DEPTH} levels deep"
                        + (" (its <use> copies counted)" if copies else ""))
    if count > MAX_SVG_DRAWN:
        raise UnsafeSvg(f"the SVG draws more than {MAX_SVG_DRAWN:,} shapes"
                        + (" (its <use> copies counted)" if copies else ""))


def _walk(root: ET.Element, *, strip: bool) -> list[str]:
    """The external references under root; with strip, remove them as they are found."""
    found: list[str] = []
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in list(root.iter()):
        for name, value in list(element.attrib.items()):
            if name in _HREF_NAMES and not _internal(value):
                found.append(value)
                if strip:
                    del element.attrib[name]
            elif "url(" in value.lower() or "@import" in value.lower():
                value = _css(value, found, strip)
                if strip:
                    element.attrib[name] = value
        if element.text and element.tag.rpartition("}")[2] == "style":
            text = _css(element.text, found, strip)
            if strip:
                element.text = text
        if strip and element is not root and element.tag.rpartition("}")[2] in ("image", "use"):
            if not any(n in _HREF_NAMES for n in element.attrib):
                parents[element].remove(element)  # nothing left to draw
    return found


def _css(text: str, found: list[str], strip: bool) -> str:
    def url(match: re.Match) -> str:
        if _internal(match.group(2)):
            return match.group(0)
        found.append(match.group(2))
        return "none"

    def imported(match: re.Match) -> str:
        found.append(match.group(0).strip())
        return ""

    return _CSS_URL.sub(url, _CSS_IMPORT.sub(imported, text))


def external_references(data: bytes) -> list[str]:
    """What the SVG names outside itself (files, web addresses); UnsafeSvg if unreadable."""
    return _walk(_parse(data), strip=False)


def safe_svg(data: bytes) -> bytes:
    """The SVG with every external reference removed, ready for Qt; UnsafeSvg if unreadable."""
    root = _parse(data)
    _walk(root, strip=True)
    ET.register_namespace("", "http://www.w3.org/2000/svg")
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
