"""A bank file as the teacher wrote it: a head, one block of text per question, a tail.

    doc = BankDocument.open("my-bank.yaml")
    doc.apply(doc.set_field(3, ("prompt",), "A clearer prompt?"))
    doc.save()

The text is never re-dumped from a model. Opening splits it at the items of
``questions:`` (each block runs from its ``- `` line, with the comment lines
just above it, to the next one), and the pieces joined again are the file
byte for byte. An edit replaces one block (or the head) with that block
edited by yaml_edit, which changes only the edited field's characters.
Every change is an Edit object with redo/undo, so a GUI can put it on an
undo stack; undoing restores the exact bytes.

A file whose questions cannot be split this way (a flow-style list, YAML
that does not parse) still opens: ``splittable`` is False and only
whole-text edits (replace_text) are offered.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from quizapp.authoring import render
from quizapp.authoring.yaml_edit import EditError, Path, fields, set_field
from quizapp.core.atomic import atomic_write
from quizapp.core.kinds import kind_of
from quizapp.core.model import Question
from quizapp.core.yaml_files import read_bank_bytes

_UTF16_BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
_QUESTIONS_KEY = re.compile(r"""(questions|"questions"|'questions')[ \t]*:[ \t]*(#.*)?$""")
_BOM = "\ufeff"
_LONE_CR = re.compile(r"\r(?!\n)")
# A question's `id:` as written on its own line ("- id: q1" or "  id: q1"), read without YAML
_WRITTEN_ID = re.compile(r"""^[ \t]*(?:-[ \t]+)?id[ \t]*:[ \t]*["']?([^"'#\n]*?)["']?[ \t]*(?:#.*)?$""",
                         re.M)


@dataclass
class Summary:
    """What the question list shows of a question."""

    id: str
    type: str
    prompt: str
    reads: bool = True  # False: its YAML does not read (the id is then as written)


class Edit:
    """One undoable change of a document."""

    label = "edit"
    merge_key: tuple | None = None  # edits with the same key may merge into one undo step

    def redo(self, doc: BankDocument) -> None:
        raise NotImplementedError

    def undo(self, doc: BankDocument) -> None:
        raise NotImplementedError

    def merge(self, other: Edit) -> bool:
        return False


class ReplaceBlocks(Edit):
    """Blocks ``start .. start+len(old)`` become ``new`` (add, delete, move, field edits)."""

    def __init__(self, start: int, old: list[str], new: list[str], label: str,
                 merge_key: tuple | None = None, selected: int | None = None):
        self.start, self.old, self.new = start, list(old), list(new)
        self.label = label
        self.merge_key = merge_key
        self.selected = start if selected is None else selected

    def redo(self, doc: BankDocument) -> None:
        doc._splice(self.start, len(self.old), self.new)

    def undo(self, doc: BankDocument) -> None:
        doc._splice(self.start, len(self.new), self.old)

    def merge(self, other: Edit) -> bool:
        if (
            isinstance(other, ReplaceBlocks)
            and self.merge_key is not None
            and other.merge_key == self.merge_key
            and other.start == self.start
            and len(self.new) == len(other.old) == 1
        ):
            self.new = list(other.new)
            return True
        return False


class ReplaceHead(Edit):
    def __init__(self, old: str, new: str, label: str, merge_key: tuple | None = None):
        self.old, self.new, self.label, self.merge_key = old, new, label, merge_key

    def redo(self, doc: BankDocument) -> None:
        doc._set_head(self.new)

    def undo(self, doc: BankDocument) -> None:
        doc._set_head(self.old)

    def merge(self, other: Edit) -> bool:
        if isinstance(other, ReplaceHead) and self.merge_key and other.merge_key == self.merge_key:
            self.new = other.new
            return True
        return False


class ReplaceText(Edit):
    """The whole file replaced (the YAML tab): split again afterwards."""

    label = "edit the YAML"

    def __init__(self, old: str, new: str):
        self.old, self.new = old, new
        self.merge_key = ("text",)

    def redo(self, doc: BankDocument) -> None:
        doc._load_text(self.new)

    def undo(self, doc: BankDocument) -> None:
        doc._load_text(self.old)

    def merge(self, other: Edit) -> bool:
        if isinstance(other, ReplaceText):
            self.new = other.new
            return True
        return False


class BankDocument:
    def __init__(self, text: str, path: str | None = None, *,
                 item_lines: list[int] | None = None, summaries: list[Summary] | None = None):
        self.path = path
        self.version = 0  # bumped by every change, for views that cache
        # How the file is written: its encoding (UTF-8, or UTF-16 with its byte order mark,
        # which the loader reads too) and its line endings. The text is edited with "\n";
        # a file whose every line ends "\r\n" (Windows) is saved with "\r\n" again, and
        # one whose every line ends "\r" (old Mac) with "\r".
        self.encoding = "utf-8"
        self.line_ending = "\n"
        self._load_text(text, item_lines=item_lines, summaries=summaries)

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike) -> BankDocument:
        """Read a bank file. A valid bank that the loader has cached gives the
        question lines and list rows without parsing the YAML again."""
        name = os.fspath(path)
        # As the loader reads it: a pipe, a device or a file over the size limit is refused
        # with the loader's words (reading a pipe would wait forever, /dev/zero never end).
        data = read_bank_bytes(name)
        if isinstance(data, tuple):
            raise UnreadableBank(data[2])
        text, encoding = decode_bank(data)
        item_lines = summaries = None
        from quizapp.core.loader import load_bank

        result = load_bank(name)
        if result.bank is not None:
            item_lines = [q.line for q in result.bank.questions]
            summaries = [Summary(q.id, q.type, _first_line(_prompt_of(q))) for q in result.bank.questions]
        doc = cls(text, name, item_lines=item_lines, summaries=summaries)
        doc.encoding = encoding
        return doc

    @classmethod
    def from_text(cls, text: str, path: str | None = None) -> BankDocument:
        return cls(text, path)

    def _load_text(self, text: str, *, item_lines: list[int] | None = None,
                   summaries: list[Summary] | None = None) -> None:
        self.version += 1
        if "\r\n" in text and text.count("\r\n") == text.count("\n"):
            # Windows line endings: edited as "\n" (the splitting and the form read
            # lines), written back as "\r\n". A text without any "\r\n" (typed in the
            # YAML tab) keeps the file's endings.
            self.line_ending = "\r\n"
            text = text.replace("\r\n", "\n")
        elif "\r" in text and "\n" not in text:
            # Old Mac line endings: the loader reads "\r" as a line break, so must the
            # editor (else it sees one long line and no questions at all).
            self.line_ending = "\r"
            text = text.replace("\r", "\n")
        self.bom = text.startswith(_BOM)
        body = text[1:] if self.bom else text
        self._raw = body
        self.splittable = False
        self.head, self.blocks, self.tail = body, [], ""
        self.dash_indent = 2
        self._summaries: list[Summary | None] = []
        self._starts: list[int] | None = None
        self._last_read: tuple[str, dict] | None = None
        self.not_split_because: str | None = None  # why, in words, when not splittable
        if _LONE_CR.search(body):
            # Line breaks of two kinds: the loader reads a carriage return alone as a line
            # break, the splitting and the field edits (which look for "\n") would not,
            # and an edit could join two lines of the file.
            self.not_split_because = "its lines end in different ways (some with a carriage return alone)"
            return
        split = _split(body)
        if split is None:
            self.not_split_because = "its questions are not \"- \" items one under the other"
            return
        head, blocks, tail, dash_indent, lines = split
        expected = item_lines if item_lines is not None else _composed_item_lines(body)
        if expected is None or expected != lines:
            self.not_split_because = (
                "its YAML does not read (the problems below say where)"
                if expected is None else "its questions could not be told apart")
            return
        self.head, self.blocks, self.tail = head, blocks, tail
        self.dash_indent = dash_indent
        self.splittable = True
        if summaries is not None and len(summaries) == len(blocks):
            self._summaries = list(summaries)
        else:
            self._summaries = [None] * len(blocks)

    # ------------------------------------------------------------ reading

    @property
    def text(self) -> str:
        body = self.head + "".join(self.blocks) + self.tail if self.splittable else self._raw
        return (_BOM + body) if self.bom else body

    @property
    def file_text(self) -> str:
        """The text with the file's own line endings (what is saved, and kept in a draft)."""
        return self.text if self.line_ending == "\n" else self.text.replace("\n", self.line_ending)

    def data(self) -> bytes:
        """The bytes the file is saved as, in its own encoding and line endings."""
        if self.encoding == "utf-8":
            return self.file_text.encode("utf-8")
        return _UTF16_BOMS[self.encoding] + self.file_text.encode(self.encoding)

    def __len__(self) -> int:
        return len(self.blocks)

    def summary(self, index: int) -> Summary:
        cached = self._summaries[index]
        if cached is None:
            try:
                found = self.question(index)
            except EditError:  # the list still names it, by the id its text shows
                written = _WRITTEN_ID.search(self.blocks[index])
                cached = Summary(written[1] if written else "", "", "", reads=False)
                self._summaries[index] = cached
                return cached
            prompt = found.get("prompt") or found.get("front") or found.get("text") or ""
            cached = Summary(str(found.get("id", "")), str(found.get("type", "")),
                             _first_line(str(prompt)))
            self._summaries[index] = cached
        return cached

    def question(self, index: int) -> dict[str, Any]:
        """The question's fields as plain data (raises EditError on broken YAML).
        The last block read is remembered: the list row and the form both ask."""
        block = self.blocks[index]
        if self._last_read is not None and self._last_read[0] is block:
            return self._last_read[1]
        found = fields(block)
        self._last_read = (block, found)
        return found

    def header(self) -> dict[str, Any]:
        found = fields(self.head)
        found.pop("questions", None)
        return found

    def _block_starts(self) -> list[int]:
        """The 1-based first line of each block, counted once until the text changes."""
        if self._starts is None:
            line = 1 + self.head.count("\n")
            starts = []
            for block in self.blocks:
                starts.append(line)
                line += block.count("\n")
            self._starts = starts
        return self._starts

    def block_line(self, index: int) -> int:
        """The 1-based line where block ``index`` starts."""
        starts = self._block_starts()
        return starts[index] if index < len(starts) else (
            1 + self.head.count("\n") + sum(b.count("\n") for b in self.blocks)
        )

    def block_at_line(self, line: int) -> int | None:
        """The question whose block holds ``line`` (1-based), if any."""
        if not self.blocks:
            return None
        import bisect

        index = bisect.bisect_right(self._block_starts(), line) - 1
        if index < 0:
            return None
        return index

    def ids(self) -> list[str]:
        return [self.summary(i).id for i in range(len(self.blocks))]

    # ------------------------------------------------------------ making edits

    def apply(self, edit: Edit) -> None:
        edit.redo(self)

    def set_field(self, index: int, path: Path, value: Any, *,
                  typed_from: str | None = None) -> ReplaceBlocks:
        """Set a field of question ``index``. ``typed_from``: the block before the typing
        this edit continues (the field is set in it, not in a half-typed state)."""
        self._need_split()
        old = self.blocks[index]
        new = set_field(old if typed_from is None else typed_from, path, value)
        return ReplaceBlocks(index, [old], [new], f"edit {'.'.join(path)}",
                             merge_key=("field", index, path))

    def set_type(self, index: int, kind_name: str, *,
                 typed_from: str | None = None) -> tuple[ReplaceBlocks, str | None]:
        """Change question ``index``'s type in one undoable step that also removes the keys
        of other types the new one does not use (a numeric question's form has no row for
        'choices': its error could not be cleared there) and moves the prompt to a
        flashcard's front and back. Keys no type knows (a misspelling) stay. Returns the
        edit and what it removed, in words (None if nothing)."""
        from quizapp.core.kinds import kind_named
        from quizapp.core.yaml_bank import TYPE_KEYS, keys_of

        edit = self.set_field(index, ("type",), kind_name, typed_from=typed_from)
        kind = kind_named(kind_name)
        if kind is None:
            return edit, None
        new = edit.new[0]
        data = fields(new)
        for old_key, new_key in (("prompt", kind.prompt_key), ("front", kind.prompt_key)):
            if old_key != new_key and old_key in data and new_key not in data:
                new = set_field(set_field(new, (new_key,), data[old_key]), (old_key,), None)
                data = fields(new)
        others = {key for keys in TYPE_KEYS.values() for key in keys}
        dropped = [key for key in data if key in others and key not in keys_of(kind)]
        for key in dropped:
            new = set_field(new, (key,), None)
        edit.new = [new]
        if not dropped:
            return edit, None
        article = "an" if kind_name[:1] in "aeiou" else "a"  # "an ordering question"
        return edit, (f"Removed {', '.join(dropped)}: {article} {kind_name} question does not use "
                      f"{'it' if len(dropped) == 1 else 'them'} (Ctrl+Z brings back).")

    def set_header(self, path: Path, value: Any) -> ReplaceHead:
        self._need_split()
        return ReplaceHead(self.head, set_field(self.head, path, value),
                           f"edit {'.'.join(path)}", merge_key=("head", path))

    def add_question(self, index: int, question: dict[str, Any]) -> ReplaceBlocks:
        self._need_split()
        question = dict(question)
        question["id"] = self.unique_id(str(question.get("id") or "question"))
        text = render.block([question], self.dash_indent)
        neighbour = self.blocks[index - 1] if index > 0 else (self.blocks[0] if self.blocks else "")
        text += "\n" * _trailing_blank_lines(neighbour)
        old, new = [], [text]
        if index > 0 and not self.blocks[index - 1].endswith("\n"):
            old, new = [self.blocks[index - 1]], [self.blocks[index - 1] + "\n", text]
            return ReplaceBlocks(index - 1, old, new, "add a question", selected=index)
        return ReplaceBlocks(index, old, new, "add a question")

    def duplicate_question(self, index: int) -> ReplaceBlocks:
        self._need_split()
        block = self.blocks[index]
        copy = set_field(block, ("id",), self.unique_id(self.summary(index).id + "-copy"))
        copy = _ends_with_newline(copy)
        return ReplaceBlocks(index, [block], [_ends_with_newline(block), copy],
                             "duplicate a question", selected=index + 1)

    def delete_question(self, index: int) -> ReplaceBlocks:
        self._need_split()
        last = len(self.blocks) - 1
        if index == last and index > 0:
            # The file's ending stays: the question now last ends as the deleted one did
            # (no blank line left at the end of the file, nor a final newline added).
            before, deleted = self.blocks[index - 1], self.blocks[index]
            kept = _ends_with_newline(_split_gap(before)[0]) + _split_gap(deleted)[1]
            if not deleted.endswith("\n"):
                kept = kept[:-1]
            return ReplaceBlocks(index - 1, [before, deleted], [kept], "delete a question",
                                 selected=index - 1)
        return ReplaceBlocks(index, [self.blocks[index]], [], "delete a question",
                             selected=min(index, len(self.blocks) - 2))

    def move_question(self, index: int, delta: int) -> ReplaceBlocks | None:
        """Move a question up (-1) or down (+1); None at either end."""
        return self.move_question_to(index, index + delta)

    def move_question_to(self, index: int, target: int) -> ReplaceBlocks | None:
        """Move question ``index`` so that it ends up at ``target`` (a drag in the list)."""
        self._need_split()
        count = len(self.blocks)
        if not (0 <= index < count and 0 <= target < count) or index == target:
            return None
        low, high = min(index, target), max(index, target)
        old = self.blocks[low:high + 1]
        # The blank lines between questions stay where they were: each position
        # keeps its trailing spacing and the question bodies move through them.
        bodies = [_split_gap(block)[0] for block in old]
        gaps = [_split_gap(block)[1] for block in old]
        order = list(range(len(old)))
        order.insert(target - low, order.pop(index - low))
        new = [_ends_with_newline(bodies[k]) + gaps[n] for n, k in enumerate(order)]
        if not old[-1].endswith("\n") and new[-1].endswith("\n"):
            new[-1] = new[-1][:-1]
        return ReplaceBlocks(low, old, new, "move a question", selected=target)

    def replace_text(self, text: str) -> ReplaceText:
        return ReplaceText(self.text, text)

    def replace_question_text(self, index: int, text: str) -> ReplaceBlocks:
        """Question ``index`` written anew as ``text`` (the YAML tab). The text must be that
        one item of the list: a second question pasted after it, or a line that left the
        item, would be spliced into the file glued to the next question and be lost.
        Raises EditError saying so. The splice ends with a newline whenever anything
        follows it, or the block it replaces ended with one."""
        self._need_split()
        if not holds_one_item(text, self.dash_indent):
            tabbed = tab_indented_line(text)
            if tabbed is not None:  # what the teacher did, rather than what the tab holds
                raise EditError(
                    f"a tab indents the line \"{tabbed.strip()[:40]}\"; YAML indents with "
                    "spaces only: put spaces in place of the tab")
            raise EditError(
                "the YAML tab holds this one question: one item of the list, its first "
                f"line starting with \"- \" at column {self.dash_indent + 1} and the others "
                "indented further. To add a question, use Question > Add question (Ctrl+N)"
            )
        old = self.blocks[index]
        follows = index + 1 < len(self.blocks) or bool(self.tail)
        if not text.endswith("\n") and (follows or old.endswith("\n")):
            text += "\n"
        return ReplaceBlocks(index, [old], [text], "edit the YAML", merge_key=("yaml", index))

    def unique_id(self, wanted: str) -> str:
        taken = set(self.ids())
        if wanted not in taken:
            return wanted
        n = 2
        while f"{wanted}-{n}" in taken:
            n += 1
        return f"{wanted}-{n}"

    # ------------------------------------------------------------ saving

    def save(self, path: str | os.PathLike | None = None) -> None:
        target = os.fspath(path) if path is not None else self.path
        if target is None:
            raise ValueError("the bank has no file name yet")
        atomic_write(target, self.data())
        self.path = target

    # ------------------------------------------------------------ internals

    def _need_split(self) -> None:
        if not self.splittable:
            raise EditError(
                "this file's questions cannot be edited one by one "
                "(fix its YAML, or write the list in block style); edit it in the YAML tab"
            )

    def _splice(self, start: int, count: int, new: list[str]) -> None:
        self.version += 1
        self.blocks[start:start + count] = new
        self._summaries[start:start + count] = [None] * len(new)
        self._starts = None

    def _set_head(self, head: str) -> None:
        self.version += 1
        self.head = head


# The editor lays out each line of the text it shows; Qt's layout of one long line takes
# time that grows faster than its length (a 300,000-character prompt without spaces froze
# the window for 25 s). A question (or the bank's head) with a longer line is not shown
# for editing. Validate warns past 5,000 characters a prompt, so a bank that follows the
# checks never meets this limit; the limit is in README.md.
MAX_EDIT_LINE = 20_000


def too_long_to_edit(text: str) -> str | None:
    """Why ``text`` is not shown in the editor's form and YAML tab, or None."""
    if len(text) <= MAX_EDIT_LINE:
        return None
    longest = max(len(line) for line in text.split("\n"))
    if longest <= MAX_EDIT_LINE:
        return None
    return (f"a line of this part of the file is {longest:,} characters long, more than the "
            f"editor shows ({MAX_EDIT_LINE:,}); break it into shorter lines in a text editor "
            "(a | block keeps them as one text), or shorten it")


def too_long_for_the_form(data: Any) -> str | None:
    """Why the form does not show these fields, or None: a text holding a word longer than
    MAX_EDIT_LINE (a quoted text continued over lines with "\\" makes one long word out of
    short lines), which a wrapping field lays out as slowly as one long line."""
    if isinstance(data, dict):
        data = list(data.values())
    if isinstance(data, list):
        return next((why for why in map(too_long_for_the_form, data) if why), None)
    if isinstance(data, str) and len(data) > MAX_EDIT_LINE:
        longest = max((len(word) for word in data.split()), default=0)
        if longest > MAX_EDIT_LINE:
            return (f"a text here has a word of {longest:,} characters, more than the form "
                    f"shows ({MAX_EDIT_LINE:,}); edit it in the YAML tab")
    return None


class UnreadableBank(ValueError):
    """The file's bytes are not text the loader reads either (the same message)."""


def decode_bank(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a bank file's bytes, read as the loader reads them: UTF-8 (a
    byte order mark kept in the text), or UTF-16 starting with its byte order mark.
    Raises UnreadableBank with the loader's message (and its line and column)."""
    from quizapp.core.loader import encoding_problem

    problem = encoding_problem(data)
    if problem is not None:
        line, column, message = problem
        raise UnreadableBank(f"line {line}, column {column}: {message}")
    for encoding, mark in _UTF16_BOMS.items():
        if data.startswith(mark):
            return data[len(mark):].decode(encoding), encoding
    return data.decode("utf-8"), "utf-8"


# ---------------------------------------------------------------- splitting


def _split(text: str):
    """(head, blocks, tail, dash indent, item lines) or None when the questions are
    not a block list this module can split."""
    lines = text.splitlines(keepends=True)
    q_line = next((i for i, line in enumerate(lines) if _QUESTIONS_KEY.match(line)), None)
    if q_line is None:
        return None
    dash = None
    items: list[int] = []
    end = len(lines)
    for i in range(q_line + 1, len(lines)):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(lines[i]) - len(lines[i].lstrip(" "))
        body = lines[i][indent:]
        is_dash = body.startswith("- ") or body.rstrip("\r\n") == "-"
        if dash is None:
            if not is_dash:
                return None
            dash = indent
        if indent < dash or (indent == dash and not is_dash):
            end = i
            break
        if indent == dash and is_dash:
            items.append(i)
    if dash is None:
        return None

    # Lines that look like comments but are text: a quoted text broken over lines, or a
    # block text ("|"), may go on with a line starting "#", indented past the dashes.
    # Asked of the YAML reader only when such a line stands where a question's leading
    # comments would be (a teacher's comments there are mostly at the dashes' column).
    hashes = [i - 1 for i in [*items, end] if lines[i - 1].strip().startswith("#")
              and len(lines[i - 1]) - len(lines[i - 1].lstrip(" ")) > dash]
    in_text = _lines_inside_texts(text, hashes) if hashes else set()

    def with_comments(i: int, floor: int) -> int:
        while (i - 1 > floor and lines[i - 1].strip().startswith("#")
               and i - 1 not in in_text):
            i -= 1
        return i

    starts = [with_comments(i, q_line) for i in items]
    if end < len(lines):
        tail_start = with_comments(end, items[-1])
    else:
        # Comments left of the items at the end of the file ("# end of bank") are the
        # file's, not the last question's: they stay at the end when questions move.
        tail_start = len(lines)
        while tail_start - 1 > items[-1] and _outside_items(lines[tail_start - 1], dash):
            tail_start -= 1
        while tail_start < len(lines) and not lines[tail_start].strip():
            tail_start += 1  # blank lines after the last question stay with it
    head = "".join(lines[: starts[0]])
    blocks = [
        "".join(lines[s: (starts[n + 1] if n + 1 < len(starts) else tail_start)])
        for n, s in enumerate(starts)
    ]
    tail = "".join(lines[tail_start:])
    return head, blocks, tail, dash, [i + 1 for i in items]


def _lines_inside_texts(text: str, candidates: list[int]) -> set[int]:
    """Of the `candidates` (line indexes, from 0), those inside a text written over several
    lines: a line after the first of a quoted or block text (not the line a block text's
    end was found on, a less indented one, which is the first after it)."""
    import yaml

    from quizapp.core.yaml_nodes import yaml_loader

    inside: set[int] = set()
    loader = yaml_loader(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if not isinstance(token, yaml.ScalarToken):
                continue
            start, stop = token.start_mark, token.end_mark
            if stop.line > start.line:
                inside.update(c for c in candidates if start.line < c < stop.line
                              or (c == stop.line and stop.column > 0))
    except yaml.YAMLError:
        pass  # the split is checked against the reader's items anyway
    finally:
        loader.dispose()
    return inside


def _outside_items(line: str, dash: int) -> bool:
    """A blank line, or a comment written left of the questions' dashes."""
    stripped = line.strip()
    if not stripped:
        return True
    return stripped.startswith("#") and len(line) - len(line.lstrip(" ")) < dash


def _composed_item_lines(text: str) -> list[int] | None:
    """The line of each item of ``questions`` as the loader's YAML reader sees it."""
    from quizapp.core.yaml_nodes import ComposeError, Mapping, Sequence, compose

    try:
        root, _ = compose(text)
    except ComposeError:
        return None
    if not isinstance(root, Mapping) or "questions" not in root.items:
        return None
    seq = root.items["questions"][1]
    if not isinstance(seq, Sequence):
        return None
    return [item.line for item in seq.items]


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line[:120]


def _prompt_of(question: Question) -> str:
    """What the question asks, as its card's front shows it (a cloze: its text with blanks)."""
    kind = kind_of(question)
    return kind.card_front(question) if kind is not None else question.prompt


def _trailing_blank_lines(block: str) -> int:
    return len(block) - len(block.rstrip("\n")) - 1 if block.endswith("\n") else 0


def _split_gap(block: str) -> tuple[str, str]:
    body = block.rstrip("\n")
    if block.endswith("\n"):
        body += "\n"
    return body, block[len(body):]


def _ends_with_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


# Every line break of the YAML reader (libyaml reads YAML 1.1): a NEL, or a line or
# paragraph separator, ends a line there as "\n" does.
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def tab_indented_line(text: str) -> str | None:
    """The first line of `text` with a tab in its indentation (pasted from a word processor,
    say), or None."""
    for line in _YAML_LINE_BREAK.split(text):
        if "\t" in line[:len(line) - len(line.lstrip(" \t"))]:
            return line
    return None


def holds_one_item(text: str, dash: int) -> bool:
    """True when ``text`` is still one item of the questions list (so the split holds):
    its first line (past blank and comment lines) starts with "- " at column ``dash``, the
    others are indented further. A line before the dash would join the item before it."""
    items = 0
    for line in _YAML_LINE_BREAK.split(text):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent < dash or (indent > dash and items == 0):
            return False
        if indent == dash:
            if not (line[indent:].startswith("- ") or line[indent:] == "-"):
                return False
            items += 1
    return items == 1

