"""A Markdown list as the HTML of an Anki card, as the app shows it: one list however its
items are spaced (a blank line between items, as a list read from Anki or Moodle has,
made one list of each item), an item's next lines in it, a numbered list's first number, and
a list inside an item (indented under its text) inside that item."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# an item's start: its indent, its marker (a number's digits), and its text
ITEM = re.compile(r"^([ \t]*)([-*+]|[0-9]{1,9}[.)])[ \t]+(.*)$")


@dataclass
class _Item:
    lines: list[str] = field(default_factory=list)  # its text, a line each
    inner: list[str] = field(default_factory=list)  # the HTML of the lists inside it


@dataclass
class _List:
    indent: int  # its markers' column
    content: int  # its first item's text column: an item from here on is inside that item
    tag: str
    start: int
    items: list[_Item] = field(default_factory=list)

    def html(self, inline: Callable[[str], str]) -> str:
        start = f' start="{self.start}"' if self.tag == "ol" and self.start != 1 else ""
        return f"<{self.tag}{start}>" + "".join(
            f"<li>{inline(chr(10).join(item.lines))}{''.join(item.inner)}</li>"
            for item in self.items) + f"</{self.tag}>"


def _columns(indent: str) -> int:
    return len(indent.expandtabs(4))


def list_html(lines: list[str], i: int, inline: Callable[[str], str]) -> tuple[str, int]:
    """The list starting at lines[i] (an item) as HTML, and the index of the line after it.
    The list ends at a table, or at a line after a blank one that is neither an item nor
    indented under the item before it."""
    open_lists: list[_List] = []

    def close() -> str:
        done = open_lists.pop()
        made = done.html(inline)
        if open_lists:
            open_lists[-1].items[-1].inner.append(made)
        return made

    blank = False
    while i < len(lines):
        line = lines[i]
        item = ITEM.match(line)
        if not line.strip():
            blank = True
            i += 1
            continue
        if line.lstrip().startswith("|") or (
                blank and item is None and _columns(line[:len(line) - len(line.lstrip())])
                < open_lists[-1].content):
            break
        if item is None:  # the text of the last item goes on (lazily, as Markdown reads it)
            open_lists[-1].items[-1].lines.append(line.strip())
            blank = False
            i += 1
            continue
        indent, marker, text = item.groups()
        column = _columns(indent)
        tag = "ol" if marker[0].isdigit() else "ul"
        while len(open_lists) > 1 and column < open_lists[-1].indent:
            close()
        if open_lists and column < open_lists[-1].indent:
            break  # left of the list's own items: a list of its own
        top = open_lists[-1] if open_lists else None
        if top is None or column >= top.content:  # a list inside the last item
            open_lists.append(_List(column, column + len(marker) + 1, tag,
                                    int(marker[:-1]) if tag == "ol" else 1))
        elif tag != top.tag:  # another kind of list at the same place: a list of its own
            if len(open_lists) == 1:
                break
            close()
            open_lists.append(_List(column, column + len(marker) + 1, tag,
                                    int(marker[:-1]) if tag == "ol" else 1))
        open_lists[-1].items.append(_Item([text]))
        blank = False
        i += 1
    made = ""
    while open_lists:
        made = close()
    return made, i
