"""One widget per field of the bank format, each reading and writing plain data.

A field widget shows a value (``set_value``, which never signals) and emits
``edited`` when the teacher changes it; ``value()`` is what to write, None
to remove the field. Lists are edited as text, one item a line, so every
field works from the keyboard:

- choices: ``text // feedback`` (the feedback part is optional); a choice with a
  weight, or whose words hold `` // ``, is a YAML flow mapping:
  ``{text: Kantor, weight: 0.5}``
- matching pairs: ``left => right``; one whose sides hold `` => ``:
  ``{left: a => b, right: c}``
- answers that are mappings (a person's name) are written as YAML flow
  mappings: ``{person: Ryutaro Hashimoto, family_name_alone: true}``
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import yaml
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from quizapp.authoring import render
from quizapp.core.kinds.cloze import BLANK_KEYS
from quizapp.core.yaml_fields import CHOICE_KEYS, PAIR_KEYS, PERSON_KEYS
from quizapp.core.yaml_values import parse_bool
from quizapp.gui.editor.paste_guard import GuardedTextEdit

CHOICE_FEEDBACK = " // "
PAIR_ARROW = " => "


if TYPE_CHECKING:
    # Every field is also a QWidget (the mixin comes second in each class's bases);
    # the checker needs to know, the runtime must not get QWidget twice.
    _FieldBase = QWidget
else:
    _FieldBase = object


class Field(_FieldBase):
    """Mixin: ``path``, ``edited`` and a guard so programmatic updates stay silent."""

    path: tuple[str, ...]
    label: str
    edited: Signal  # each field class defines its own edited = Signal()

    def _setup(self, path: tuple[str, ...], label: str) -> None:
        self.path = path
        self.label = label
        self._quiet = False
        self.setAccessibleName(label)
        self.setObjectName("field_" + "_".join(path))

    def _changed(self, *_args) -> None:
        if not self._quiet:
            self.edited.emit()

    def _show(self, value: Any) -> None:
        raise NotImplementedError  # each field class shows a value its own way

    def set_value(self, value: Any) -> None:
        self._quiet = True
        try:
            self._show(value)
        finally:
            self._quiet = False

    def mark(self, message: str | None) -> None:
        """Show (or clear) a problem on this field."""
        self.setProperty("problem", bool(message))
        self.setToolTip(message or self.label)
        self.setAccessibleDescription(message or "")
        self.setStyleSheet("border: 2px solid #c0392b;" if message else "")


class LineField(QLineEdit, Field):
    edited = Signal()

    def __init__(self, path: tuple[str, ...], label: str, kind: str = "text", parent: QWidget | None = None):
        super().__init__(parent)
        self._setup(path, label)
        self.kind = kind
        self.textEdited.connect(self._changed)
        self.editingFinished.connect(self._finished)

    def _finished(self) -> None:
        if not self.text().strip():
            self._changed()  # an emptied field goes from the file once the teacher leaves it

    def _show(self, value: Any) -> None:
        if value is None:
            self.setText("")
        elif self.kind == "list" and isinstance(value, list):
            self.setText(", ".join(str(v) for v in value))
        elif self.kind == "units" and isinstance(value, dict):
            self.setText(", ".join(f"{name} = {number}" for name, number in value.items()))
        elif isinstance(value, bool):
            self.setText("true" if value else "false")
        else:
            self.setText(str(value))

    def value(self) -> Any:
        text = self.text()
        if not text.strip():
            # While the teacher is typing, an empty field keeps its key (and its
            # place in the file) with empty text.
            # A list field emptied while typed in keeps its key as an empty list.
            if self.hasFocus() and self.kind in ("text", "list"):
                return "" if self.kind == "text" else []
            return None
        if self.kind == "number":
            return number_or_text(text.strip())
        if self.kind == "list":
            return [part.strip() for part in text.split(",") if part.strip()]
        if self.kind == "paragraph":
            parts = [number_or_text(p.strip()) for p in text.split(",") if p.strip()]
            return parts[0] if len(parts) == 1 else parts
        if self.kind == "units":
            pairs = [part.partition("=") for part in text.split(",") if part.strip()]
            if all(sep and name.strip() for name, sep, _ in pairs):
                return {name.strip(): number_or_text(number.strip()) for name, _, number in pairs}
            # as typed: the check then says what the key needs ("a mapping like {cm: 100}")
        return text


class TextField(GuardedTextEdit, Field):
    edited = Signal()

    def __init__(self, path: tuple[str, ...], label: str, kind: str = "text", parent: QWidget | None = None):
        super().__init__(parent)
        self._setup(path, label)
        self.kind = kind
        self._shown_items: list[tuple[str, Any]] = []  # (line, entry) of a list as shown
        self._shown_mapping: tuple[str, dict] | None = None  # feedback_for: (text, mapping)
        self.setTabChangesFocus(True)
        self.setMaximumHeight(110 if kind == "text" else 150)
        self.textChanged.connect(self._changed)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        if not self.toPlainText().strip():
            self._changed()

    def _show(self, value: Any) -> None:
        self._shown_items = []
        self._shown_mapping = None
        if value is None:
            text = ""
        elif self.kind == "feedback_for" and isinstance(value, dict):
            # one answer a line, "Lyon => France's third city"; shown as it is in the file,
            # the mapping is written back untouched (a feedback over lines stays so)
            text = "\n".join(f"{answer}{PAIR_ARROW}{' '.join(str(said).split())}"
                             for answer, said in value.items())
            self._shown_mapping = (text, value)
        elif self.kind in _LINE_OF:
            items = value if isinstance(value, list) else [value]
            self._shown_items = [(_LINE_OF[self.kind](item), item) for item in items]
            text = "\n".join(line for line, _ in self._shown_items)
        else:
            text = str(value)
        if text != self.toPlainText():
            # The field being typed in keeps its cursor where it was: sent back to the start,
            # the next words typed went before the text.
            position = self.textCursor().position() if self.hasFocus() else None
            self.setPlainText(text)
            if position is not None:
                cursor = self.textCursor()
                cursor.setPosition(min(position, len(text)))
                self.setTextCursor(cursor)

    def value(self) -> Any:
        text = self.toPlainText()
        if self.kind == "text":
            return text if text.strip() else ("" if self.hasFocus() else None)
        if self.kind == "feedback_for":
            return self._feedback_for(text)
        lines = [line for line in text.split("\n") if line.strip()]
        if not lines:
            # While the teacher is typing, an emptied list keeps its key (and its place).
            return [] if self.hasFocus() else None
        # A line as it was shown stands for the entry it showed, exactly as the file has
        # it: only the lines the teacher changed are read from their text.
        untouched: dict[str, list[Any]] = {}
        for line, item in self._shown_items:
            untouched.setdefault(line, []).append(item)
        parse = _PARSE_OF.get(self.kind, _parse_item)
        return [untouched[line].pop(0) if untouched.get(line) else parse(line) for line in lines]


    def _feedback_for(self, text: str) -> Any:
        if self._shown_mapping is not None and text == self._shown_mapping[0]:
            return self._shown_mapping[1]
        lines = [line for line in text.split("\n") if line.strip()]
        if not lines:
            return {} if self.hasFocus() else None
        pairs = [line.partition(PAIR_ARROW.strip()) for line in lines]
        if all(sep and answer.strip() for answer, sep, _ in pairs):
            return {answer.strip(): said.strip() for answer, _, said in pairs}
        return text  # as typed: the check says what the key needs (a mapping)


def as_the_loader_reads(value: Any) -> Any:
    """A true/false value as the loader reads it. The file's YAML reader keeps the
    YAML 1.1 words (no, Off, YES, on) as text, but the loader reads them as false and
    true, and so does ``quizapp try``: the form must show what will be graded."""
    if isinstance(value, str):
        read = parse_bool(value)
        return value if read is None else read
    return value


class ChoiceField(QComboBox, Field):
    """A fixed set of values; the first entry may be 'default' (None: no field).
    A value none of them is (a misspelt type, ``answer: maybe``) shows as a blank box,
    not as the first entry."""

    edited = Signal()

    def __init__(self, path: tuple[str, ...], label: str, options: list[tuple[str, Any]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._setup(path, label)
        self._true_false = any(isinstance(data, bool) for _, data in options)
        for text, data in options:
            self.addItem(text, data)
        self.activated.connect(self._changed)

    def _show(self, value: Any) -> None:
        if self._true_false:
            value = as_the_loader_reads(value)
        for i in range(self.count()):
            if self.itemData(i) == value and type(self.itemData(i)) is type(value):
                self.setCurrentIndex(i)
                return
        self.setCurrentIndex(-1)

    def value(self) -> Any:
        return self.currentData()


class FlagField(QCheckBox, Field):
    """A check box meaning ``field: false`` when checked (``shuffle: false``)."""

    edited = Signal()

    def __init__(self, path: tuple[str, ...], label: str, parent: QWidget | None = None):
        super().__init__(label, parent)
        self._setup(path, label)
        self.toggled.connect(self._changed)

    def _show(self, value: Any) -> None:
        self.setChecked(as_the_loader_reads(value) is False)

    def value(self) -> Any:
        return False if self.isChecked() else None


# ------------------------------------------------------------ text forms


def number_or_text(text: str) -> Any:
    try:
        return int(text)
    except ValueError:  # not a whole number, or one over Python's 4,300 digits
        pass
    try:
        number = float(text)
    except ValueError:
        return text
    # 5,000 digits read as a float are infinity, which was written as .inf: kept as typed,
    # the check says what is wrong with it
    return number if math.isfinite(number) else text


def _item_line(value: Any) -> str:
    if isinstance(value, dict | list):
        return render.inline(value) or str(value)
    return str(value)


def _parse_item(line: str) -> Any:
    typed = _mapping_typed(line, PERSON_KEYS)
    return line if typed is None else typed


def _as_mapping_line(value: dict) -> str:
    """A list entry the short form cannot hold, as a YAML flow mapping on one line."""
    return render.inline(value, flow=True) or str(value)


def _mapping_typed(line: str, keys: tuple[str, ...]) -> dict | None:
    """The mapping a line written ``{key: value, ...}`` stands for, else None (the line is
    text). Only a mapping that names one of the list's own `keys` is one: ``{1, 2}`` (a set),
    ``{"a": 1}`` (JSON) or ``{x}`` are a choice's or an item's words. Read as mappings, they
    failed to be written (keys 1 and 2 are numbers) and the file was left garbled."""
    stripped = line.strip()
    if not (stripped.startswith("{") and stripped.endswith("}")):
        return None
    try:
        loaded = yaml.safe_load(stripped)
    except (yaml.YAMLError, ValueError):  # ValueError: a number over 4,300 digits
        return None
    if not (isinstance(loaded, dict) and loaded and all(isinstance(k, str) for k in loaded)
            and any(k in keys for k in loaded)):
        return None
    return loaded


def _short_form_ok(*parts: Any, separator: str, keys: tuple[str, ...]) -> bool:
    """Texts that read back as themselves when joined by ``separator`` on one line: not a
    line that reads as a mapping of the list's `keys` (a set such as {1, 2} is fine)."""
    return all(
        isinstance(part, str) and separator not in part and separator.strip() not in (part[:2], part[-2:])
        and part == part.strip() and "\n" not in part
        for part in parts
    ) and _mapping_typed(separator.join(parts), keys) is None


def _choice_line(value: Any) -> str:
    """``text`` or ``text // feedback``; a choice with a weight (or any other key), or
    whose words hold `` // `` themselves, is shown whole as ``{text: ..., weight: 0.5}``,
    so nothing of it is lost or split when the teacher edits another line."""
    if isinstance(value, dict):
        text, feedback = value.get("text", ""), value.get("feedback")
        if set(value) <= {"text", "feedback"} and feedback and _short_form_ok(
                text, feedback, separator=CHOICE_FEEDBACK, keys=CHOICE_KEYS):
            return f"{text}{CHOICE_FEEDBACK}{feedback}"
        if set(value) == {"text"} and _short_form_ok(text, separator=CHOICE_FEEDBACK,
                                                      keys=CHOICE_KEYS):
            return str(text)
        return _as_mapping_line(value)
    if isinstance(value, str) and not _short_form_ok(value, separator=CHOICE_FEEDBACK,
                                                     keys=CHOICE_KEYS):
        return _as_mapping_line({"text": value})
    return str(value)


def _parse_choice(line: str) -> Any:
    typed = _mapping_typed(line, CHOICE_KEYS)
    if typed is not None:
        return typed
    text, sep, feedback = line.partition(CHOICE_FEEDBACK)
    if sep and feedback.strip():
        return {"text": text, "feedback": feedback}
    return text


def _pair_line(value: Any) -> str:
    """``left => right``; a pair whose sides hold `` => `` (or with other keys) is shown
    whole as ``{left: a => b, right: c}``."""
    if isinstance(value, dict):
        left, right = value.get("left", ""), value.get("right", "")
        if set(value) == {"left", "right"} and _short_form_ok(left, right, separator=PAIR_ARROW,
                                                              keys=PAIR_KEYS):
            return f"{left}{PAIR_ARROW}{right}"
        return _as_mapping_line(value)
    return str(value)


def _parse_pair(line: str) -> Any:
    typed = _mapping_typed(line, PAIR_KEYS)
    if typed is not None:
        return typed
    left, _, right = line.partition(PAIR_ARROW)
    return {"left": left, "right": right}


# How a list field shows each entry on a line, and reads a line typed back.
def _blank_line(value: Any) -> str:
    """A cloze's blank under `blanks`: '-' for a plain one (an empty entry), else its
    mapping on one line ({weight: 2, feedback_if_wrong: ...})."""
    if value is None or value == {}:
        return PLAIN_BLANK_LINE
    return _as_mapping_line(value) if isinstance(value, dict) else str(value)


def _parse_blank(line: str) -> Any:
    """A line of the blanks row: '-' a plain blank, a mapping as written, else the text
    (which the check names: an entry of 'blanks' is a mapping)."""
    if line.strip() == PLAIN_BLANK_LINE:
        return None
    typed = _mapping_typed(line, tuple(BLANK_KEYS))
    return line if typed is None else typed


PLAIN_BLANK_LINE = "-"
_LINE_OF = {"lines": _item_line, "choices": _choice_line, "pairs": _pair_line,
            "blanks": _blank_line}
_PARSE_OF = {"lines": _parse_item, "choices": _parse_choice, "pairs": _parse_pair,
             "blanks": _parse_blank}
