"""YAML text -> a light tree of nodes that remember their line and column.

We read libyaml's event stream ourselves instead of calling ``yaml.load``:
PyYAML's generic constructor and resolver cost most of ``yaml.load``'s time,
they forget where each value stood, and they would build whatever a tag asks
for. Here a tag outside plain data is an error, nothing is ever constructed
from it, and scalars stay text until the bank checker asks for a number or a
yes/no (so ``choices: [yes, no]`` stays two words, as a teacher meant).

Limits keep hostile input cheap: nesting depth, and the number of nodes that
aliases may add (a "billion laughs" file is stopped after a few events).
"""

from __future__ import annotations

import yaml

try:  # libyaml's C parser; PyYAML's pure-Python one is about 5x slower
    from yaml import CSafeLoader as _Loader

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

    LIBYAML = False

from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

MAX_DEPTH = 64
MAX_ALIAS_NODES = 200_000  # nodes that aliases may repeat, over the whole file

_STR_TAGS = {None, "!", "tag:yaml.org,2002:str"}
_PLAIN_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MAP_TAGS = {None, "!", "tag:yaml.org,2002:map"}
_SEQ_TAGS = {None, "!", "tag:yaml.org,2002:seq"}

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


class Scalar:
    """A scalar as written. ``plain`` is False for quoted or block text."""

    __slots__ = ("value", "plain", "line", "column")

    def __init__(self, value: str, plain: bool, line: int, column: int):
        self.value = value
        self.plain = plain
        self.line = line
        self.column = column

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in NULL_WORDS

    def __repr__(self) -> str:  # for test failure messages
        return f"Scalar({self.value!r}, plain={self.plain}, {self.line}:{self.column})"


class Mapping:
    """``items`` maps each key's text to (key node, value node), first one wins."""

    __slots__ = ("items", "line", "column", "merged")

    def __init__(self, line: int, column: int):
        self.items: dict[str, tuple[Scalar, Node]] = {}
        self.line = line
        self.column = column
        self.merged: set[str] | None = None  # keys that came from '<<', which own keys override


class Sequence:
    __slots__ = ("items", "line", "column")

    def __init__(self, line: int, column: int):
        self.items: list[Node] = []
        self.line = line
        self.column = column


Node = Scalar | Mapping | Sequence


class ComposeError(Exception):
    """The text cannot be read as one YAML document; no tree is available."""

    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


# (line, column, message) for problems that do not stop reading, e.g. duplicate keys
Issue = tuple[int, int, str]

_SYNTAX_HINTS = {
    "mapping values are not allowed here": (
        "a ':' followed by a space inside text? Put the text in quotes"
    ),
    "found character '\\t' that cannot start any token": (
        "YAML does not allow tabs for indentation; use spaces"
    ),
    "expected <block end>, but found '-'": "check the indentation of this list item",
    "found undefined alias": "an alias (*name) needs an anchor (&name) earlier in the file",
}


def _syntax_error(exc: yaml.YAMLError) -> ComposeError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    message = f"YAML syntax error: {problem}"
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark is not mark:
        message += f" ({context} at line {context_mark.line + 1})"
    for key, hint in _SYNTAX_HINTS.items():
        if problem.startswith(key):
            message += f" ({hint})"
            break
    return ComposeError(line, column, message)


def compose(data: bytes | str) -> tuple[Node | None, list[Issue]]:
    """Read one YAML document into nodes.

    Returns (root, issues); root is None for an empty document. Raises
    ComposeError when the text cannot be read at all.
    """
    loader = _Loader(data)
    try:
        return _compose(loader.get_event)
    except ComposeError:
        raise
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from None
    finally:
        loader.dispose()


def _compose(get_event) -> tuple[Node | None, list[Issue]]:  # noqa: C901 - one hot loop
    issues: list[Issue] = []
    anchors: dict[str, tuple[Node, int]] = {}  # name -> (node, size in nodes)
    alias_budget = MAX_ALIAS_NODES
    # A frame per open collection: [node, anchor, size, pending key (mappings), key_is_bad]
    stack: list[list] = []
    root: Node | None = None
    documents = 0

    ev = get_event()
    if type(ev) is not StreamStartEvent:  # pragma: no cover - parser guarantees it
        raise ComposeError(0, 0, "YAML syntax error: no stream start")

    while True:
        ev = get_event()
        t = type(ev)
        if t is ScalarEvent:
            tag = ev.tag
            m = ev.start_mark
            if tag in _STR_TAGS:
                node = Scalar(ev.value, not ev.style and tag is None, m.line + 1, m.column + 1)
            elif tag in _PLAIN_TAGS:
                node = Scalar(ev.value, True, m.line + 1, m.column + 1)
            else:
                raise _bad_tag(tag, m)
            size = 1
            if ev.anchor is not None:
                anchors[ev.anchor] = (node, 1)
        elif t is MappingStartEvent or t is SequenceStartEvent:
            m = ev.start_mark
            if ev.tag not in (_MAP_TAGS if t is MappingStartEvent else _SEQ_TAGS):
                raise _bad_tag(ev.tag, m)
            if len(stack) >= MAX_DEPTH:
                raise ComposeError(
                    m.line + 1,
                    m.column + 1,
                    f"the file is nested too deeply (more than {MAX_DEPTH} levels); "
                    "a question bank never needs that many",
                )
            coll = (Mapping if t is MappingStartEvent else Sequence)(m.line + 1, m.column + 1)
            stack.append([coll, ev.anchor, 1, None, False])
            continue
        elif t is MappingEndEvent or t is SequenceEndEvent:
            frame = stack.pop()
            node = frame[0]
            size = frame[2]
            if frame[1] is not None:
                anchors[frame[1]] = (node, size)
        elif t is AliasEvent:
            m = ev.start_mark
            target = anchors.get(ev.anchor)
            if target is None:
                raise ComposeError(
                    m.line + 1,
                    m.column + 1,
                    f"the alias *{ev.anchor} has no anchor &{ev.anchor} before it "
                    "(or it points into itself)",
                )
            node, size = target
            alias_budget -= size
            if alias_budget < 0:
                raise ComposeError(
                    m.line + 1,
                    m.column + 1,
                    "aliases (*name) in this file repeat too much content "
                    f"(more than {MAX_ALIAS_NODES:,} values); is this an 'alias bomb'?",
                )
        elif t is DocumentStartEvent:
            documents += 1
            if documents > 1:
                m = ev.start_mark
                raise ComposeError(
                    m.line + 1,
                    m.column + 1,
                    "the file holds more than one YAML document ('---'); "
                    "put each bank in its own file",
                )
            continue
        elif t is DocumentEndEvent:
            continue
        elif t is StreamEndEvent:
            return root, issues
        else:  # pragma: no cover - no other event types exist
            continue

        # A finished node goes into its parent.
        if not stack:
            root = node
            continue
        parent = stack[-1]
        parent[2] += size
        coll = parent[0]
        if type(coll) is Sequence:
            coll.items.append(node)
        elif parent[4]:  # the value of a key we could not use
            parent[4] = False
        elif parent[3] is None:
            if type(node) is Scalar:
                parent[3] = node
            else:
                issues.append(
                    (node.line, node.column, "a key must be a simple name, not a list or mapping")
                )
                parent[4] = True
        else:
            key = parent[3]
            parent[3] = None
            if key.plain and key.value == "<<":
                _merge(coll, key, node, issues)
                continue
            items = coll.items
            name = key.value
            if name in items and not (coll.merged and name in coll.merged):
                first = items[name][0]
                issues.append(
                    (
                        key.line,
                        key.column,
                        f"the key '{name}' appears twice in this mapping "
                        f"(first at line {first.line}); the second one is ignored",
                    )
                )
            else:
                items[name] = (key, node)
                if coll.merged:
                    coll.merged.discard(name)


def _merge(coll: Mapping, key: Scalar, node: Node, issues: list[Issue]) -> None:
    """YAML's merge key (``<<: *defaults``): keys already present win."""
    sources = node.items if type(node) is Sequence else [node]
    for source in sources:
        if type(source) is not Mapping:
            issues.append(
                (key.line, key.column, "'<<' (merge) needs a mapping or a list of mappings")
            )
            return
        for name, pair in source.items.items():
            if name not in coll.items:
                coll.items[name] = pair
                if coll.merged is None:
                    coll.merged = set()
                coll.merged.add(name)


def _bad_tag(tag: str, mark) -> ComposeError:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return ComposeError(
        mark.line + 1,
        mark.column + 1,
        f"the tag {shown} is not allowed: a bank holds plain text, numbers, lists and "
        "mappings only",
    )
