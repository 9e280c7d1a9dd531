"""Change one field in a piece of YAML text, leaving every other byte alone.

ruamel.yaml composes the text into nodes that know where each key and value
starts and ends; the edit replaces only that value's characters (or adds or
removes the key's lines). Comments, quoting, key order and blank lines
elsewhere are untouched, and so is a comment after the edited value on its
line when the value stays on one line.
"""

from __future__ import annotations

import difflib
import io
import json
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from quizapp.authoring import render
from quizapp.core.yaml_nodes import MAX_ALIAS_NODES, syntax_hint, unclosed_quote

Path = tuple[str, ...]


class EditError(ValueError):
    """The text cannot be edited by field (its YAML does not parse, or has another shape)."""


_TOO_DEEP = ("the text is nested too deeply (lists or mappings inside each other hundreds of "
             "times); a question bank never needs that many")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    return yaml


# ruamel's scanner takes time growing with the square of the depth of flow lists: [[[[...
# 3,000 deep took 8 s a reading (the editor reads a question several times an edit).
# The check refuses more than 64 levels anyway: past this many '[' open at once, the text
# is refused before ruamel reads it (counted plainly, quotes and all: no text has that many).
_MAX_OPEN_BRACKETS = 256


def _too_deep(text: str) -> bool:
    if text.count("[") <= _MAX_OPEN_BRACKETS:
        return False
    depth = 0
    for char in text:
        if char == "[":
            depth += 1
            if depth > _MAX_OPEN_BRACKETS:
                return True
        elif char == "]" and depth:
            depth -= 1
    return False


def compose(text: str) -> Node | None:
    if _too_deep(text):
        raise EditError(_TOO_DEEP)
    try:
        return _yaml().compose(io.StringIO(text))
    except RecursionError as exc:  # ruamel reads nesting by recursion: [[[[... in the YAML tab
        raise EditError(_TOO_DEEP) from exc
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        opened = unclosed_quote(text, mark.line + 1) if mark is not None else None
        if opened is not None:  # said where the quote opened, as validate says it
            raise EditError(f"the quote opened at line {opened[0]}, column {opened[1]} "
                            "is never closed") from exc
        # ruamel's message ends with where ('  in "<file>", line 1, column 9'), which was all
        # the teacher was told; what is wrong is its `problem`.
        problem = getattr(exc, "problem", None)
        if problem and mark is not None:
            line, column = mark.line + 1, mark.column + 1
            hint = syntax_hint(problem, text, line, column)
            raise EditError(f"{problem}, at its line {line}, column {column}"
                            + (f"; {hint}" if hint else "")) from exc
        raise EditError(problem or "YAML syntax error") from exc


def root_mapping(text: str) -> MappingNode:
    """The mapping that fields are set in: the document itself, or its one list item."""
    node = compose(text)
    if isinstance(node, SequenceNode) and len(node.value) == 1:
        node = node.value[0]
    if not isinstance(node, MappingNode):
        raise EditError("this part of the file is not a mapping of fields")
    return node


def to_plain(node: Node) -> Any:
    """Plain Python data for a node (text stays text; numbers and true/false as resolved).
    Raises EditError when aliases (*name) repeat more than MAX_ALIAS_NODES values, as the
    check does: an 'alias bomb' pasted in the YAML tab was expanded into gigabytes of lists
    for the question list's row, and the editor froze."""
    return _Plain().of(node, repeated=False)


class _Plain:
    """One to_plain: the nodes met so far, and how many values aliases have repeated."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.budget = MAX_ALIAS_NODES

    def of(self, node: Node, *, repeated: bool) -> Any:
        if repeated or id(node) in self.seen:  # under an alias: written once, read again
            repeated = True
            self.budget -= 1
            if self.budget < 0:
                raise EditError("aliases (*name) in this text repeat too much content (more "
                                f"than {MAX_ALIAS_NODES:,} values); is this an 'alias bomb'?")
        else:
            self.seen.add(id(node))
        if isinstance(node, MappingNode):
            return {str(self.of(k, repeated=repeated)): self.of(v, repeated=repeated)
                    for k, v in node.value}
        if isinstance(node, SequenceNode):
            return [self.of(item, repeated=repeated) for item in node.value]
        return _scalar_value(node)


def _scalar_value(node: Node) -> Any:
    if not isinstance(node, ScalarNode):
        raise TypeError(f"not a YAML node: {node!r}")
    value = node.value
    if node.style is None and (node.tag or "").endswith((":int", ":float", ":bool", ":null")):
        loaded = _scalar(value)
        if loaded is None or isinstance(loaded, bool | int | float):
            return loaded
    return value


def _scalar(text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text) if text else None
    except (yaml.YAMLError, ValueError):  # ValueError: a whole number over 4,300 digits,
        return text  # past Python's limit, stopped the editor opening the bank at all


def fields(text: str) -> dict[str, Any]:
    return to_plain(root_mapping(text))


def _find(mapping: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
    for k, v in mapping.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return k, v
    return None


def _inline_node(node: Node) -> bool:
    if isinstance(node, ScalarNode):
        return node.style not in ("|", ">")
    return isinstance(node, CollectionNode) and bool(node.flow_style)


def _content_line_end(text: str, start: int, end: int) -> int:
    """End of the line where a block value's last non-blank character is."""
    stripped = text[start:end].rstrip()
    last = start + len(stripped)
    newline = text.find("\n", last)
    return len(text) if newline < 0 else newline + 1


def _value_end(text: str, node: Node) -> int:
    """Where a block value's lines end. A kept ("|+") text's own empty lines after its last
    written line are part of it: an edit leaving them behind would add them to the new text."""
    end = _content_line_end(text, node.start_mark.index, node.end_mark.index)
    if isinstance(node, CollectionNode) and not node.flow_style:
        # A block list or mapping ends where the next item starts, after the comment lines
        # above that item: those belong to what follows. (A line no further in than the
        # collection itself cannot be part of a text inside it.)
        while end > node.start_mark.index:
            last = _line_start(text, end - 1)
            if last <= node.start_mark.index:
                break
            line = text[last:end]
            if line.strip() and not (line.lstrip().startswith("#")
                                     and len(line) - len(line.lstrip()) <= node.start_mark.column):
                break
            end = last
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        for _ in range(len(node.value) - len(node.value.rstrip("\n")) - 1):
            if end >= len(text) or text[end:_line_end(text, end)].strip():
                break
            end = _line_end(text, end)
    return end


def set_field(text: str, path: Path, value: Any) -> str:
    """``text`` with the field at ``path`` (keys from the root mapping) set to
    ``value``; ``None`` removes the field. Raises EditError."""
    mapping = root_mapping(text)
    in_flow = bool(mapping.flow_style)
    for depth, key in enumerate(path[:-1]):
        found = _find(mapping, key)
        if found is None or not isinstance(found[1], MappingNode) or found[1].flow_style:
            if value is None:
                return text  # nothing to remove
            current = fields(text)
            for part in path[:depth]:
                current = current[part]
            sub = dict(current.get(key) or {}) if isinstance(current.get(key), dict) else {}
            _nested_set(sub, path[depth + 1:], value)
            return set_field(text, path[: depth + 1], sub)
        mapping = found[1]
    key = path[-1]
    found = _find(mapping, key)
    if found is None:
        if value is None:
            return text
        if in_flow:
            return _add_flow_key(text, mapping, key, value)
        return _add_key(text, mapping, key, value)
    key_node, value_node = found
    if value is None and len(mapping.value) == 1 and len(path) > 1:
        return set_field(text, path[:-1], None)  # no empty mapping left behind
    if value is None:
        if in_flow:
            return _remove_flow_key(text, mapping, key_node, value_node)
        return _remove_key(text, mapping, key_node, value_node)
    if in_flow:
        return _replace_flow_value(text, value_node, value)
    return _replace_value(text, key_node, value_node, value)


# A question written as a flow mapping ("- {id: q1, type: true_false, answer: no}") is
# edited inside its braces: a value written in block style there (a new key on a line of
# its own, a "|" text) is no YAML at all, and the whole question would be lost.


def _flow_text(value: Any, style: str | None = None) -> str:
    written = render.inline(value, style=style, flow=True)
    if written is None:  # a list of lists: no field of the form writes one
        raise EditError("this value cannot be written inside the question's { } braces; "
                        "edit it in the YAML tab")
    return written


def _add_flow_key(text: str, mapping: MappingNode, key: str, value: Any) -> str:
    entry = f"{key}: {_flow_text(value)}"
    if not mapping.value:  # "{}": the key goes between the braces
        at = mapping.end_mark.index - 1
        return text[:at] + entry + text[at:]
    at = mapping.value[-1][1].end_mark.index
    return text[:at] + ", " + entry + text[at:]


def _remove_flow_key(text: str, mapping: MappingNode, key_node: ScalarNode, node: Node) -> str:
    if len(mapping.value) == 1:
        raise EditError("a question needs at least one field")
    keys = [k for k, _ in mapping.value]
    index = keys.index(key_node)
    if index == 0:  # "{a: 1, b: 2}" -> "{b: 2}"
        return text[:key_node.start_mark.index] + text[keys[1].start_mark.index:]
    # "{a: 1, b: 2}" -> "{a: 1}": from the end of the value before to the end of this one
    return text[:mapping.value[index - 1][1].end_mark.index] + text[node.end_mark.index:]


def _replace_flow_value(text: str, node: Node, value: Any) -> str:
    style = node.style if isinstance(node, ScalarNode) and node.style in ('"', "'") else None
    if style and not render.plain_ok(node.value, flow=True):
        style = None  # the quotes were needed, not chosen
    return text[:node.start_mark.index] + _flow_text(value, style) + text[node.end_mark.index:]


def _nested_set(target: dict, path: Path, value: Any) -> None:
    for key in path[:-1]:
        target = target.setdefault(key, {})
    if value is None:
        target.pop(path[-1], None)
    else:
        target[path[-1]] = value


def _replace_value(text: str, key_node: ScalarNode, node: Node, value: Any) -> str:
    if isinstance(node, SequenceNode) and isinstance(value, list) and value and node.value:
        edited = _replace_items(text, node, value)
        if edited is not None:
            return edited
    indent = key_node.start_mark.column + 2
    start, end = node.start_mark.index, node.end_mark.index
    was_inline = _inline_node(node)
    style = node.style if isinstance(node, ScalarNode) and node.style in ('"', "'") else None
    if style and not render.plain_ok(node.value):
        style = None  # the quotes were needed, not chosen: the new text gets what it needs
    keep_flow = isinstance(node, SequenceNode | MappingNode) and bool(node.flow_style)
    flow_items = (
        isinstance(node, SequenceNode)
        and bool(node.value)
        and isinstance(node.value[0], MappingNode)
        and bool(node.value[0].flow_style)
    )
    if isinstance(value, list | dict) and keep_flow:
        new_inline = render.inline(value)
    elif isinstance(value, list | dict):
        new_inline = None
    else:
        new_inline = render.inline(value, style=style)
    if was_inline and new_inline is not None:
        return text[:start] + new_inline + text[end:]
    region_end = (
        _value_end(text, node) if not was_inline else _line_end(text, end)
    )
    tail = render.after_key(value, indent, style=style, flow=keep_flow and new_inline is not None,
                            flow_items=flow_items)
    if not tail.endswith("\n"):
        tail += "\n"
    # A comment on the key's line stays there when the value becomes a block, or is
    # written anew as one ("choices: [a, b]   # flow" -> "choices:   # flow" + items).
    comment = _key_line_comment(text, key_node, node, was_inline)
    if comment:
        first_line_end = tail.index("\n")
        tail = tail[:first_line_end] + comment + tail[first_line_end:]
    return text[: key_node.end_mark.index] + tail + text[region_end:]


def _same_key(value: Any) -> str:
    """A key telling list entries apart by value and type (true is not 1, 1 is not "1")."""
    return json.dumps(value, sort_keys=True, default=repr)


def _replace_items(text: str, node: SequenceNode, value: list) -> str | None:
    """A list set entry by entry: the entries that stay as they were keep their text (their
    quoting, style and comments), a changed entry is rewritten in place, new ones are
    written as their neighbours are. None when the list is written so that it cannot be
    edited this way (the caller writes it whole)."""
    old_items = list(node.value)
    old_keys = [_same_key(to_plain(item)) for item in old_items]
    matcher = difflib.SequenceMatcher(a=old_keys, b=[_same_key(v) for v in value], autojunk=False)
    if node.flow_style:
        parts: list[str] = []
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag == "equal":
                parts += [text[item.start_mark.index:item.end_mark.index] for item in old_items[a0:a1]]
                continue
            for offset, new in enumerate(value[b0:b1]):
                old = old_items[a0 + offset] if tag == "replace" and a0 + offset < a1 else None
                written = _flow_text(new, _kept_quotes(old, new, flow=True))
                parts.append(written)
        if all(tag == "equal" or (tag == "replace" and a1 - a0 == b1 - b0)
               for tag, a0, a1, b0, b1 in matcher.get_opcodes()):
            # Same entries in the same places: each changed one is replaced where it is.
            out = text
            for item, part in reversed(list(zip(old_items, parts, strict=True))):
                out = out[:item.start_mark.index] + part + out[item.end_mark.index:]
            return out
        return text[:node.start_mark.index] + "[" + ", ".join(parts) + "]" + text[node.end_mark.index:]
    starts = [_line_start(text, item.start_mark.index) for item in old_items]
    dash_column: int | None = None
    for item, start in zip(old_items, starts, strict=True):
        before = text[start:item.start_mark.index]
        column = len(before) - len(before.lstrip())
        if before.strip() != "-" or dash_column not in (None, column):
            return None  # not one "- entry" a line ("- - a", two on a line): write it whole
        dash_column = column
    if dash_column is None:
        return None
    # Each entry's text runs from the comment and blank lines above it (they are about it:
    # deleting an entry takes its comment along, never the next entry's) to its value's end.
    value_ends = [_value_end(text, item) for item in old_items]
    starts = [starts[0]] + [min(value_ends[i - 1], starts[i]) for i in range(1, len(starts))]
    ends = [*starts[1:], value_ends[-1]]
    flow_items = any(isinstance(item, MappingNode) and item.flow_style for item in old_items)
    pieces: list[str] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            pieces += [text[starts[i]:ends[i]] for i in range(a0, a1)]
            continue
        for offset, new in enumerate(value[b0:b1]):
            old_index = a0 + offset if tag == "replace" and a0 + offset < a1 else None
            pieces.append(_rewritten_item(text, old_items, starts, ends, old_index, new,
                                          dash_column, flow_items))
    for i, piece in enumerate(pieces[:-1]):
        if not piece.endswith("\n"):  # the last entry of a file without a final line break
            pieces[i] = piece + "\n"
    return text[:starts[0]] + "".join(pieces) + text[ends[-1]:]


def _kept_quotes(old: Node | None, new: Any, *, flow: bool) -> str | None:
    if isinstance(old, ScalarNode) and old.style in ('"', "'") and isinstance(new, str):
        return old.style if render.plain_ok(old.value, flow=flow) else None
    return None


def _rewritten_item(text: str, old_items: list[Node], starts: list[int], ends: list[int],
                    old_index: int | None, new: Any, dash_column: int, flow_items: bool) -> str:
    """One entry of a block list written anew: in place of the entry it replaces (keeping a
    one-line entry's comment and its line's ending), or as a new line."""
    old = None if old_index is None else old_items[old_index]
    if old is not None and _inline_node(old):
        if isinstance(new, dict | list):
            written = render.inline(new, flow=True) if (
                isinstance(old, CollectionNode) or flow_items) else None
        else:
            written = render.inline(new, style=_kept_quotes(old, new, flow=False))
        if written is not None and old_index is not None:
            piece = text[starts[old_index]:ends[old_index]]
            at = old.start_mark.index - starts[old_index]
            return piece[:at] + written + piece[old.end_mark.index - starts[old_index]:]
    written_block = render.block([new], dash_column, flow_items=flow_items)
    if old is not None and old_index is not None:
        # The comment and blank lines above the entry it replaces stay above it.
        above = text[starts[old_index]:_line_start(text, old.start_mark.index)]
        written_block = above + written_block
    return written_block


def _key_line_comment(text: str, key_node: ScalarNode, node: Node, was_inline: bool) -> str:
    """The comment (with the spaces before it) on the key's line after its value (a one-line
    value) or after its colon (a block list or mapping starting on the next line); "" if none."""
    if was_inline:
        after = text[node.end_mark.index:_line_end(text, node.end_mark.index)]
    elif isinstance(node, CollectionNode) and node.start_mark.line > key_node.start_mark.line:
        after = text[key_node.end_mark.index:_line_end(text, key_node.end_mark.index)]
        after = after.lstrip()[1:] if after.lstrip().startswith(":") else ""
    else:
        return ""
    after = after.rstrip("\r\n")
    return after if after.strip().startswith("#") and after[:1].isspace() else ""


def _line_end(text: str, index: int) -> int:
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _add_key(text: str, mapping: MappingNode, key: str, value: Any) -> str:
    last_key, last_value = mapping.value[-1]
    column = last_key.start_mark.column
    if last_key.value == "questions" and column == 0:
        # A new bank field goes above the question list, which must stay last in the head.
        at = _line_start(text, last_key.start_mark.index)
        line = key + render.after_key(value, 2)
        return text[:at] + (line if line.endswith("\n") else line + "\n") + text[at:]
    if _inline_node(last_value):
        at = _line_end(text, last_value.end_mark.index)
    else:
        at = _value_end(text, last_value)
    line = " " * column + key + render.after_key(value, column + 2)
    if not line.endswith("\n"):
        line += "\n"
    prefix = text[:at]
    if prefix and not prefix.endswith("\n"):
        prefix += "\n"
    return prefix + line + text[at:]


def _remove_key(text: str, mapping: MappingNode, key_node: ScalarNode, node: Node) -> str:
    if len(mapping.value) == 1:
        raise EditError("a question needs at least one field")
    key_start = key_node.start_mark.index
    line_start = _line_start(text, key_start)
    if _inline_node(node):
        end = _line_end(text, node.end_mark.index)
    else:
        end = _value_end(text, node)
    if text[line_start:key_start].strip():  # "- key: ..." : the next key moves up to the dash
        index = [k for k, _ in mapping.value].index(key_node)
        if index + 1 >= len(mapping.value):
            raise EditError("cannot remove the only field on the item's line")
        next_key = mapping.value[index + 1][0]
        return text[:key_start] + text[next_key.start_mark.index:]
    return text[:line_start] + text[end:]


def path_at(text: str, line: int) -> Path | None:
    """The field (as a path of keys) written at 0-based ``line`` of ``text``."""
    try:
        mapping = root_mapping(text)
    except EditError:
        return None
    path: tuple[str, ...] = ()
    while True:
        for key, value in mapping.value:
            first = key.start_mark.line
            written = text[value.start_mark.index:value.end_mark.index].rstrip()
            last = value.start_mark.line + written.count("\n")
            if first <= line <= last:
                path = (*path, str(key.value))
                if isinstance(value, MappingNode) and not value.flow_style and line > first:
                    mapping = value
                    break
                return path
        else:
            return path or None
