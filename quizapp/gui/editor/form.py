"""The form for one question (or for the bank's own fields), built for its type.

The form emits ``field_edited(path, value)``; the window turns that into an
undoable edit of the file. ``show_data`` refreshes the widgets from the file
without signalling, so undo and the YAML tab keep the form in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QScrollArea, QWidget

from quizapp.authoring.templates import question_types
from quizapp.core.kinds import kind_named
from quizapp.core.kinds.form_fields import FormField, line, text_box
from quizapp.gui.editor.fields import ChoiceField, Field, FlagField, LineField, TextField

# The rows every question shares; a kind's own rows (Kind.form_fields) come between.
_COMMON_TOP = (
    line("id", "Id (keep it when you edit a question)"),
)
_PROMPT = text_box("prompt", "Prompt")
_COMMON_BOTTOM = (
    text_box("explanation", "Explanation"),
    text_box("hints", "Hints for the tries after a mistake (one a line; practice shows the "
             "next after each)", "lines"),
    line("tags", "Tags (separated by commas)", "list"),
    line("category", "Moodle category (Week 1/Trade)"),
    line(("source", "paragraph"), "Source paragraph (a number, or 2, 8)", "paragraph"),
    line(("source", "location"), "Source location (instead of a paragraph)"),
    text_box(("source", "quote"), "Source quote (the source's own words)"),
    line("points", "Points (default 1)", "number"),
    line("image", "Image (a path in the bank's folder)"),
    line("image_description", "Image description (read to learners who cannot see the picture)"),
)
_HEADER = (
    line("title", "Title"),
    line("id", "Bank id"),
    text_box("description", "Description"),
    line("language", "Language (en, fr, pt-BR...)"),
    line("authors", "Authors (separated by commas)", "list"),
    line("tags", "Tags (separated by commas)", "list"),
    line(("source", "title"), "Source title"),
    line(("source", "publisher"), "Source publisher"),
    line(("source", "date"), "Source date"),
    line(("source", "url"), "Source URL"),
    line(("source", "file"), "Source text file (next to the bank)"),
)


def specs_for(kind: str | None) -> list[FormField]:
    """The fields of a question of this type, in the order the form shows them: the id,
    the prompt where the kind keeps it under `prompt` (a flashcard's is its front, one
    of its own rows), the kind's own rows, then the rows every question shares. A type
    not registered (a misspelt one) shows the shared rows only."""
    registered = kind_named(kind) if kind else None
    if registered is None:
        return [*_COMMON_TOP, _PROMPT, *_COMMON_BOTTOM]
    prompt = [_PROMPT] if registered.prompt_key == _PROMPT.path[0] else []
    return [*_COMMON_TOP, *prompt, *registered.form_fields, *_COMMON_BOTTOM]


def field_widget(spec: FormField) -> Field:
    """The Qt field that edits one row."""
    if spec.control == "text":
        return TextField(spec.path, spec.label, spec.reads)
    if spec.control == "line":
        return LineField(spec.path, spec.label, spec.reads)
    if spec.control == "choice":
        return ChoiceField(spec.path, spec.label, list(spec.options))
    return FlagField(spec.path, spec.label)


class FieldsForm(QWidget):
    field_edited = Signal(tuple, object)

    def __init__(self, specs: Sequence[FormField], parent: QWidget | None = None, *,
                 with_type: bool = False, kind: str | None = None):
        super().__init__(parent)
        self.kind = kind
        self.fields: dict[tuple[str, ...], Any] = {}
        self.data: dict[str, Any] = {}
        layout = QFormLayout(self)
        if with_type:
            self.type_box = ChoiceField(("type",), "Question type", [(t, t) for t in question_types()])
            self.type_box.edited.connect(lambda: self._emit(self.type_box))
            type_label = QLabel("&Type")
            type_label.setBuddy(self.type_box)
            layout.addRow(type_label, self.type_box)
            self.fields[("type",)] = self.type_box
        for spec in specs:
            widget = field_widget(spec)
            label = spec.label
            widget.edited.connect(lambda w=widget: self._emit(w))
            self.fields[spec.path] = widget
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

    def focus_field(self, path: tuple[str, ...] | None) -> bool:
        """Put the cursor in the field editing ``path`` (or its top key); False if none does."""
        for wanted in (tuple(path or ()), tuple(path or ())[:1]):
            widget = self.fields.get(wanted)
            if wanted and widget is not None and widget.isEnabled():
                widget.setFocus()
                return True
        return False

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
    shown = area.widget()
    focused = _focused_field(shown) if isinstance(shown, FieldsForm) else None
    taken = area.takeWidget()  # the focus leaves it here
    area.setWidget(form)
    if taken is not None:
        taken.hide()
        taken.setParent(area)  # owned by Qt again, not by this Python reference
        taken.deleteLater()
    if focused is not None and focused in form.fields:
        # The keys go on where they were: hiding the old form had sent the focus on to the
        # problems list, so a second arrow key on Type moved through the problems instead.
        form.fields[focused].setFocus(Qt.FocusReason.OtherFocusReason)


def _focused_field(form: FieldsForm) -> tuple | None:
    """The path of the field of `form` that has the keyboard focus (or holds it), if any."""
    focus = QApplication.focusWidget()
    if focus is None:
        return None
    for path, widget in form.fields.items():
        if widget is focus or widget.isAncestorOf(focus):
            return path
    return None
