"""YAML text -> a light tree of nodes that remember their line and column.

We read libyaml's event stream ourselves instead of calling ``yaml.load``:
PyYAML's generic constructor and resolver cost most of ``yaml.load``'s time,
they forget where each value stood, and they would build whatever a tag asks
for. Here a tag outside plain data is an error (reported with every other
problem, the value read as if untagged), nothing is ever constructed from it, and scalars stay text until the bank checker asks for a number or a
yes/no (so ``choices: [yes, no]`` stays two words, as a teacher meant).

Limits keep hostile input cheap: nesting depth, and the number of nodes that
aliases may add (a "billion laughs" file is stopped after a few events).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

try:  # libyaml's C parser; PyYAML's pure-Python one is about 5x slower
    from yaml import CSafeLoader as _Loader

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    LIBYAML = False

from yaml.events import (
    AliasEvent,
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
# Values in one file. The 10,000-question benchmark bank (6 MB) has about 200,000, its
# 100,000-question version (63 MB) about 2 million; a 100 MB bank of real questions
# stays under 3.5 million. The cap keeps a 100 MB file of "[a,a,a,...]" (35 million
# values) from costing gigabytes.
MAX_NODES = 5_000_000
# Values held at once: those outside the questions, and those of the question being read
# (each question is checked and let go as soon as it is read). A matching question of
# 10,000 pairs holds 50,000. A file of 2.5 million keys in one mapping was held whole up
# to MAX_NODES: 24 s and 950 MB before it was refused.
MAX_HELD_NODES = 200_000

_STR_TAGS = {None, "!", "tag:yaml.org,2002:str"}
_PLAIN_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MAP_TAGS = {None, "!", "tag:yaml.org,2002:map"}
_SEQ_TAGS = {None, "!", "tag:yaml.org,2002:seq"}

_TOO_DEEP = (
    f"the file is nested too deeply (more than {MAX_DEPTH} levels of lists and mappings); "
    "a question bank never needs that many"
)

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

_TAB_HINT = "YAML does not allow tabs for indentation; use spaces"
_SYNTAX_HINTS = {
    "mapping values are not allowed": (
        "a ':' followed by a space inside text? Put the text in quotes"
    ),
    "tab character": _TAB_HINT,
    "'\\t'": _TAB_HINT,
    "did not find expected '-' indicator": (
        "check the indentation: the items of one list start in the same column"
    ),
    "expected <block end>": "check the indentation of this line",
    "did not find expected key": (
        "check the indentation, or put text that contains ': ' or ' #' in quotes"
    ),
    "could not find expected ':'": (
        "a key needs a ':' after it; text that runs over several lines needs quotes"
    ),
    "found unexpected end of stream": "a quote or bracket is not closed",
}


def _char_at(data: bytes | str, line: int, column: int) -> str:
    """The character at a 1-based line and column of the text, or ''."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    lines = text.splitlines()
    if not 0 < line <= len(lines) or not 0 < column <= len(lines[line - 1]):
        return ""
    return lines[line - 1][column - 1]



_BANK_KEY = re.compile(r"[a-z][a-z_]*")
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([^\s#'\"][^:#]*?):(?:\s|$)")


def _deeper_key_hint(data: bytes | str, line: int) -> str | None:
    """When the line is a key indented further than the key on the line above it (one
    space too many before 'prompt:'), libyaml reads it as text going on and then meets
    its ': '. Say so, instead of the hint about ': ' inside text."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    here = _KEY_LINE.match(lines[line - 1])
    # Only a word written as a bank's keys are (prompt, feedback_if_wrong): a wrapped line
    # of text such as "the answer: 42?" keeps the hint about ': ' inside text.
    if here is None or not _BANK_KEY.fullmatch(here[2].strip()):
        return None
    for above in reversed(lines[: line - 1]):
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        before = _KEY_LINE.match(above)
        if before is None or above.rstrip().endswith(":"):
            return None  # a new block may well start deeper
        key_column, above_column = len(here[1]) + 1, len(before[1]) + 1
        if key_column > above_column:
            return (f"'{here[2].strip()}' starts in column {key_column}, further right than "
                    f"'{before[2].strip()}' on the line above (column {above_column}): the "
                    "keys of one item start in the same column")
        return None
    return None


# A value that starts with a quote: "key: 'text", "- \"text", "key: [\"text"
_QUOTE_OPENS = re.compile(r"""^\s*(?:-\s+)*(?:[^\s#'"{\[][^#]*?:\s+)?[\[{]?\s*(["'])""")


def unclosed_quote(data: bytes | str, before_line: int) -> tuple[int, int] | None:
    """(line, column) of the first quote, on a line before ``before_line``, that starts a
    value and runs on over a line written as a key ("    answers: [...]") or to the end of
    the file. When the YAML after it does not read, that quote never closed is the likely
    cause: libyaml reports it far below, where the text ran into the next quote. A text in
    quotes written over several lines of words is left alone."""
    lines = (data.decode("utf-8", "replace") if isinstance(data, bytes) else data).splitlines()
    number = 0
    while number < min(len(lines), max(0, before_line - 1)):
        found = _QUOTE_OPENS.match(lines[number])
        number += 1
        if found is None or _closes(found[1], lines[number - 1][found.end():]):
            continue
        opened = (number, found.end())
        while number < len(lines) and not _closes(found[1], lines[number]):
            key = _KEY_LINE.match(lines[number])
            if key is not None and _BANK_KEY.fullmatch(key[2].strip()):
                return opened  # a key inside the text: the quote was meant to end before it
            number += 1
        if number >= len(lines):
            return opened  # never closed at all
        number += 1
    return None


def _closes(quote: str, text: str) -> bool:
    """Does ``text`` hold the quote mark that ends a text opened with ``quote``?"""
    if quote == '"':
        return re.search(r'(?<!\\)(?:\\\\)*"', text) is not None
    return "'" in text.replace("''", "")


def _syntax_error(exc: yaml.YAMLError, data: bytes | str = "") -> ComposeError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    if "maximum nesting depth" in problem:  # libyaml's own limit, met while scanning ahead
        return ComposeError(line, column, _TOO_DEEP)
    opened = unclosed_quote(data, line) if line else None
    if opened is not None:
        return ComposeError(*opened, (
            f"the quote opened at line {opened[0]}, column {opened[1]} is never closed: "
            "put the same quote mark at the end of the text (the file could not be read "
            f"from there on; YAML noticed at line {line})"))
    message = "YAML syntax error: " + " ".join(problem.split())
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark is not mark:
        message += f" ({context} at line {context_mark.line + 1})"
    hint = syntax_hint(problem, data, line, column)
    return ComposeError(line, column, f"{message}; {hint}" if hint else message)


# What a YAML reader says (libyaml's or ruamel's words) when a key is indented too far
_OVER_INDENTED = ("mapping values", "expected <block end>", "did not find expected key")


def syntax_hint(problem: str, data: bytes | str, line: int, column: int) -> str | None:
    """What to change for a YAML reader's `problem` met at `line`, `column` (1-based) of
    `data`, in a teacher's words (validate's message and the bank editor's say it); None
    when there is nothing to add."""
    if any(words in problem for words in _OVER_INDENTED):
        deeper = _deeper_key_hint(data, line)
        if deeper is not None:
            return deeper
    for key, hint in _SYNTAX_HINTS.items():
        if key in problem:
            return hint
    # libyaml says only "cannot start any token" when it meets a tab
    return _TAB_HINT if _char_at(data, line, column) == "\t" else None


def yaml_loader(data: bytes | str) -> Any:
    """The YAML reader compose uses (libyaml's when PyYAML has it), for its tokens; the
    caller disposes of it."""
    return _Loader(data)


def compose(
    data: bytes | str, on_question: Callable[[Node], object] | None = None,
    refused_at: set[tuple[int, int]] | None = None,
) -> tuple[Node | None, list[Issue]]:
    """Read one YAML document into nodes.

    Returns (root, issues); root is None for an empty document. Raises
    ComposeError when the text cannot be read at all.

    on_question: each item of the root mapping's first 'questions' list is handed to
    it as soon as the item is complete, and the list keeps what it returns instead of
    the item's nodes. The bank checker builds each question there, so a 100,000-question
    file never holds all its nodes at once (they took most of the peak memory).

    A tag outside plain data (``!include``, ``!!binary``, ``!!python/...``) is an issue
    and its value is read as if it had no tag, so that the rest of the file is checked
    too; refused_at, when given, collects the (line, column) of each such value (its
    other problems would only repeat that one).
    """
    loader = None
    try:
        loader = _Loader(data)  # PyYAML's reader already checks characters here
        return _compose(loader.get_event, on_question,
                        set() if refused_at is None else refused_at)
    except ComposeError:
        raise
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, data) from None
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, data) from None
    finally:
        if loader is not None:
            loader.dispose()


def _reader_error(exc: yaml.reader.ReaderError, data: bytes | str) -> ComposeError:
    """A character YAML refuses (control characters and the like), located.

    libyaml counts the position in bytes, PyYAML's reader in characters.
    """
    if isinstance(data, bytes) and _Loader is not yaml.SafeLoader:
        before = data[: exc.position].decode("utf-8", "replace")
    else:
        text = data if isinstance(data, str) else data.decode("utf-8", "replace")
        before = text[: exc.position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    char = exc.character
    shown = f"#x{char:04x}" if isinstance(char, int) else f"#x{ord(char):04x}"
    return ComposeError(
        line,
        column,
        f"the file contains a character YAML does not allow ({shown}, "
        f"{exc.reason}); remove it or retype the text around it",
    )


def _compose(  # noqa: C901 - one hot loop
    get_event,
    on_question: Callable[[Node], object] | None,
    refused_at: set[tuple[int, int]],
    ScalarEvent=ScalarEvent,  # noqa: N803 - names bound as locals: faster lookups
    MappingStartEvent=MappingStartEvent,  # noqa: N803
    SequenceStartEvent=SequenceStartEvent,  # noqa: N803
    MappingEndEvent=MappingEndEvent,  # noqa: N803
    SequenceEndEvent=SequenceEndEvent,  # noqa: N803
    Scalar=Scalar,  # noqa: N803
    Mapping=Mapping,  # noqa: N803
    Sequence=Sequence,  # noqa: N803
) -> tuple[Node | None, list[Issue]]:
    # This loop runs once per YAML event (about 30 per question), so it keeps
    # its state in locals: the open collection, whether it is a mapping, and
    # the key waiting for its value. Outer collections wait on ``stack``.
    issues: list[Issue] = []
    anchors: dict[str, Node] = {}
    sizes: dict[int, int] = {}  # id(node) -> nodes under it, for aliased nodes only
    alias_budget = MAX_ALIAS_NODES
    # nodes_left counts down the values held; a question handed to on_question gives its
    # own back (to `streamed`), so that the per-event count stays one decrement.
    held_limit = min(MAX_HELD_NODES, MAX_NODES)
    nodes_left = held_limit
    streamed_nodes = 0  # values of the questions already handed to on_question
    item_left = 0  # nodes_left when the question being read began
    stack: list[tuple] = []
    # The loop tells node kinds apart with ``type(x) is`` (faster than
    # isinstance here), which the type checker cannot follow, so the three
    # moving parts are typed loosely; each comment says what they hold.
    coll: Any = None  # the open Mapping or Sequence, None at the root
    node: Any = None  # the node just finished
    is_map = False
    key: Any = None  # a Scalar waiting for its value, _SKIP for a key we cannot use
    coll_anchor = None
    root: Node | None = None
    documents = 0
    questions: Any = None  # the Sequence whose items go to on_question
    streamed = on_question is None  # only the first 'questions' list of the root

    ev = get_event()
    if type(ev) is not StreamStartEvent:  # pragma: no cover - parser guarantees it
        raise ComposeError(0, 0, "YAML syntax error: no stream start")

    while True:
        ev = get_event()
        t = type(ev)
        if t is ScalarEvent:
            tag = ev.tag
            m = ev.start_mark
            if tag is None:
                node = Scalar(ev.value, not ev.style, m.line + 1, m.column + 1)
            elif tag in _STR_TAGS:
                node = Scalar(ev.value, False, m.line + 1, m.column + 1)
            elif tag in _PLAIN_TAGS:
                node = Scalar(ev.value, True, m.line + 1, m.column + 1)
            else:
                node = Scalar(ev.value, False, m.line + 1, m.column + 1)
                _refuse_tag(tag, m, issues, refused_at)
            if ev.anchor is not None:
                anchors[ev.anchor] = node
            nodes_left -= 1
            if nodes_left < 0:
                raise _too_many(m, streamed_nodes + held_limit - nodes_left, questions, coll, stack)
        elif t is MappingStartEvent or t is SequenceStartEvent:
            m = ev.start_mark
            nodes_left -= 1
            if nodes_left < 0:
                raise _too_many(m, streamed_nodes + held_limit - nodes_left, questions, coll, stack)
            if ev.tag is not None and ev.tag not in (
                _MAP_TAGS if t is MappingStartEvent else _SEQ_TAGS
            ):
                _refuse_tag(ev.tag, m, issues, refused_at)
            if len(stack) >= MAX_DEPTH:
                raise ComposeError(m.line + 1, m.column + 1, _TOO_DEEP)
            stack.append((coll, is_map, key, coll_anchor))
            starts_questions = (
                not streamed
                and len(stack) == 2
                and is_map
                and t is SequenceStartEvent
                and type(key) is Scalar
                and key.value == "questions"
                and "questions" not in coll.items
            )
            is_map = t is MappingStartEvent
            coll = (Mapping if is_map else Sequence)(m.line + 1, m.column + 1)
            if starts_questions:
                questions = coll
                streamed = True
                item_left = nodes_left
            key = None
            coll_anchor = ev.anchor
            continue
        elif t is MappingEndEvent or t is SequenceEndEvent:
            node = coll
            if coll_anchor is not None:
                anchors[coll_anchor] = node
            coll, is_map, key, coll_anchor = stack.pop()
        elif t is AliasEvent:
            m = ev.start_mark
            node = anchors.get(ev.anchor)
            if node is None:
                raise ComposeError(
                    m.line + 1,
                    m.column + 1,
                    f"the alias *{ev.anchor} has no anchor &{ev.anchor} before it "
                    "(or it points into itself)",
                )
            alias_budget -= _size(node, sizes)
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
        elif t is StreamEndEvent:
            return root, issues
        else:  # DocumentEndEvent
            continue

        # A finished node goes into the open collection.
        if not is_map:
            if coll is None:
                root = node
            elif coll is questions and on_question is not None:
                coll.items.append(on_question(node))
                streamed_nodes += item_left - nodes_left
                nodes_left = item_left
                if streamed_nodes + held_limit - nodes_left > MAX_NODES:
                    raise _too_many(ev.start_mark, MAX_NODES + 1, questions, coll, stack)
            else:
                coll.items.append(node)
        elif key is None:
            if type(node) is Scalar:
                key = node
            else:
                issues.append(
                    (node.line, node.column, "a key must be a simple name, not a list or mapping")
                )
                key = _SKIP
        elif key is _SKIP:
            key = None
        else:
            name = key.value
            items = coll.items
            if name == "<<" and key.plain:
                _merge(coll, key, node, issues)
            elif name not in items:
                items[name] = (key, node)
                if coll.merged:
                    coll.merged.discard(name)
            elif coll.merged and name in coll.merged:
                items[name] = (key, node)
                coll.merged.discard(name)
            else:
                first = items[name][0]
                issues.append(
                    (
                        key.line,
                        key.column,
                        f"the key '{name}' appears twice in this mapping "
                        f"(first at line {first.line}); the second one is ignored",
                    )
                )
            key = None


_SKIP = Scalar("", False, 0, 0)


def _size(node: Node, sizes: dict[int, int]) -> int:
    """How many nodes ``node`` stands for, counting shared (aliased) parts each time."""
    if isinstance(node, Scalar):
        return 1
    known = sizes.get(id(node))
    if known is not None:
        return known
    children: Any = node.items.values() if isinstance(node, Mapping) else node.items
    total = 1
    for child in children:
        if type(node) is Mapping:
            child = child[1]
            total += 1  # the key
        total += _size(child, sizes)
        if total > MAX_ALIAS_NODES:
            break  # enough to know it is too much
    sizes[id(node)] = total
    return total


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


def _too_many(mark, read: int, questions: Sequence | None, coll, stack: list) -> ComposeError:
    """The error for one value too many (`read` values so far): in the file, or held at
    once outside its questions or in one question."""
    if read > MAX_NODES:
        message = (f"the file holds too many values (more than {MAX_NODES:,}); "
                   "a bank that big should be split into several files")
    elif questions is not None and (coll is questions
                                    or any(open_[0] is questions for open_ in stack)):
        message = (f"this question holds too many values (more than {MAX_HELD_NODES:,}); "
                   "split it into several questions")
    else:
        message = (f"the file holds too many values outside its questions (more than "
                   f"{MAX_HELD_NODES:,}); a bank's title, description and settings never "
                   "need that many")
    return ComposeError(mark.line + 1, mark.column + 1, message)


def _refuse_tag(tag: str, mark, issues: list[Issue],
                refused_at: set[tuple[int, int]]) -> None:
    """Report a tag outside plain data; the value is read on without it."""
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    line, column = mark.line + 1, mark.column + 1
    refused_at.add((line, column))
    issues.append((line, column, f"the tag {shown} is not allowed: a bank holds plain text, "
                   "numbers, lists and mappings only"))
