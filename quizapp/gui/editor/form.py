"""The form for one question (or for the bank's own fields), built for its type.

The form emits ``field_edited(path, value)``; the window turns that into an
undoable edit of the file. ``show_data`` refreshes the widgets from the file
without signalling, so undo and the YAML tab keep the form in step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QWidget

from quizapp.authoring.templates import TYPES
from quizapp.gui.editor.fields import ChoiceField, FlagField, LineField, TextField

_DEFAULT_TRUE_FALSE = [("default", None), ("true", True), ("false", False)]
_TYPE_FIELDS: dict[str, list[tuple]] = {
    "multiple_choice": [
        (TextField, ("choices",), "Choices (one a line; feedback after ' // ')", "choices"),
        (LineField, ("answer",), "Answer (the right choice's text)", "text"),
        (FlagField, ("shuffle",), "Keep the written order (shuffle: false)"),
    ],
    "multiple_select": [
        (TextField, ("choices",), "Choices (one a line; feedback after ' // ')", "choices"),
        (TextField, ("answers",), "Right choices (one a line)", "lines"),
        (FlagField, ("shuffle",), "Keep the written order (shuffle: false)"),
    ],
    "true_false": [
        (ChoiceField, ("answer",), "Answer", [("true", True), ("false", False)]),
    ],
    "short_answer": [
        (TextField, ("answers",), "Accepted answers (one a line; the first is shown)", "lines"),
        (LineField, ("answer",), "Single answer (instead of answers)", "text"),
    ],
    "numeric": [
        (LineField, ("answer",), "Answer (a number)", "number"),
        (LineField, ("tolerance",), "Tolerance (plus or minus)", "number"),
        (LineField, ("unit",), "Unit", "text"),
    ],
    "matching": [
        (TextField, ("pairs",), "Pairs (one a line: left => right)", "pairs"),
        (FlagField, ("shuffle",), "Keep the written order (shuffle: false)"),
    ],
    "ordering": [
        (TextField, ("items",), "Items in the right order (one a line)", "lines"),
    ],
    "cloze": [
        (TextField, ("text",), "Text with {{blanks}} ({{answer|other answer}})", "text"),
    ],
    "flashcard": [
        (TextField, ("front",), "Front", "text"),
        (TextField, ("back",), "Back", "text"),
    ],
}
_GRADING = [
    (ChoiceField, ("grading", "case_sensitive"), "Case sensitive", _DEFAULT_TRUE_FALSE),
    (ChoiceField, ("grading", "ignore_accents"), "Ignore accents", _DEFAULT_TRUE_FALSE),
    (ChoiceField, ("grading", "ignore_punctuation"), "Ignore punctuation", _DEFAULT_TRUE_FALSE),
    (LineField, ("grading", "max_typos"), "Typos forgiven (empty: auto)", "number"),
]
_COMMON_TOP = [
    (LineField, ("id",), "Id (keep it when you edit a question)", "text"),
]
_COMMON_BOTTOM = [
    (TextField, ("explanation",), "Explanation", "text"),
    (LineField, ("tags",), "Tags (separated by commas)", "list"),
    (LineField, ("source", "paragraph"), "Source paragraph (a number, or 2, 8)", "paragraph"),
    (LineField, ("source", "location"), "Source location (instead of a paragraph)", "text"),
    (TextField, ("source", "quote"), "Source quote (the source's own words)", "text"),
    (LineField, ("points",), "Points (default 1)", "number"),
    (LineField, ("image",), "Image (a path in the bank's folder)", "text"),
    (LineField, ("image_description",),
     "Image description (read to learners who cannot see the picture)", "text"),
]
_HEADER = [
    (LineField, ("title",), "Title", "text"),
    (LineField, ("id",), "Bank id", "text"),
    (TextField, ("description",), "Description", "text"),
    (LineField, ("language",), "Language (en, fr, pt-BR...)", "text"),
    (LineField, ("authors",), "Authors (separated by commas)", "list"),
    (LineField, ("tags",), "Tags (separated by commas)", "list"),
    (LineField, ("source", "title"), "Source title", "text"),
    (LineField, ("source", "publisher"), "Source publisher", "text"),
    (LineField, ("source", "date"), "Source date", "text"),
    (LineField, ("source", "url"), "Source URL", "text"),
    (LineField, ("source", "file"), "Source text file (next to the bank)", "text"),
]


def specs_for(kind: str | None) -> list[tuple]:
    """The fields of a question of this type, in the order the form shows them."""
    prompt = [] if kind == "flashcard" else [(TextField, ("prompt",), "Prompt", "text")]
    grading = _GRADING if kind in ("short_answer", "cloze") else []
    return [*_COMMON_TOP, *prompt, *_TYPE_FIELDS.get(kind or "", []), *grading, *_COMMON_BOTTOM]


class FieldsForm(QWidget):
    field_edited = Signal(tuple, object)

    def __init__(self, specs: list[tuple], parent: QWidget | None = None, *, with_type: bool = False,
                 kind: str | None = None):
        super().__init__(parent)
        self.kind = kind
        self.fields: dict[tuple[str, ...], Any] = {}
        self.data: dict[str, Any] = {}
        layout = QFormLayout(self)
        if with_type:
            self.type_box = ChoiceField(("type",), "Question type", [(t, t) for t in TYPES])
            self.type_box.edited.connect(lambda: self._emit(self.type_box))
            type_label = QLabel("&Type")
            type_label.setBuddy(self.type_box)
            layout.addRow(type_label, self.type_box)
            self.fields[("type",)] = self.type_box
        for cls, path, label, *extra in specs:
            widget = cls(path, label, *extra) if extra else cls(path, label)
            widget.edited.connect(lambda w=widget: self._emit(w))
            self.fields[path] = widget
            if isinstance(widget, FlagField):
                layout.addRow("", widget)
            else:
                # A short caption; the hint in brackets shows inside the empty field.
                name, _, hint = label.partition(" (")
                caption = QLabel(name)
                caption.setBuddy(widget)
                widget.setToolTip(label)
                if hint and hasattr(widget, "setPlaceholderText"):
                    widget.setPlaceholderText(hint.rstrip(")"))
                layout.addRow(caption, widget)

    def _emit(self, widget) -> None:
        path, value = widget.path, widget.value()
        source = self.data.get("source")
        if path[0] == "source" and len(path) == 2 and not isinstance(source, dict):
            # A source written as text, or none: write the whole source afresh.
            whole = {} if source is None else {"location": source}
            whole[path[1]] = value
            whole = {k: v for k, v in whole.items() if v is not None}
            if set(whole) == {"location"}:
                self.field_edited.emit(("source",), whole["location"])
            else:
                self.field_edited.emit(("source",), whole or None)
            return
        self.field_edited.emit(path, value)

    def show_data(self, data: dict[str, Any]) -> None:
        self.data = data
        for path, widget in self.fields.items():
            value: Any = data
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
            if path == ("source", "location") and isinstance(data.get("source"), str):
                value = data["source"]
            if widget.hasFocus() and _same(widget.value(), value):
                continue  # the field being typed in already says this
            widget.set_value(value)

    def mark_problems(self, by_path: dict[tuple[str, ...], str]) -> None:
        for path, widget in self.fields.items():
            widget.mark(by_path.get(path))


def _same(a: Any, b: Any) -> bool:
    return a == b and type(a) is type(b)


def question_form(kind: str | None) -> FieldsForm:
    return FieldsForm(specs_for(kind), with_type=True, kind=kind)


def header_form() -> FieldsForm:
    return FieldsForm(_HEADER, kind=None)


def show_in(area: QScrollArea, form: FieldsForm) -> None:
    """Show ``form`` in ``area``. The form shown before is deleted once control is back in
    Qt's event loop: it is often replaced from inside one of its own fields' key or signal
    handlers (a type chosen with the arrow keys), and deleting that field there and then
    crashed the whole app."""
    taken = area.takeWidget()
    area.setWidget(form)
    if taken is not None:
        taken.hide()
        taken.setParent(area)  # owned by Qt again, not by this Python reference
        taken.deleteLater()
